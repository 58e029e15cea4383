"""Bearer tokens and roles: readers read, editors write, admins also read the audit log."""

from __future__ import annotations

import time
from collections import OrderedDict

from kb.api.context import Context, Info
from kb.errors import Forbidden, Unauthenticated
from kb.store.tokens import ANONYMOUS, Principal, Role, hash_token, lookup_token


class TokenCache:
    """Tokens this process has seen lately: SHA-256 -> principal, for ``ttl`` seconds.

    It saves the token lookup (a second statement) on most requests. Only valid
    tokens are kept, at most ``size``, and only in memory: a restart forgets them,
    a new token works at once, and a revoked one stops working within ``ttl``
    seconds (``KB_TOKEN_CACHE_SECONDS``; 0 looks every token up on every request).
    """

    def __init__(self, ttl: float, size: int = 10_000) -> None:
        self.ttl = ttl
        self.size = size
        self._items: OrderedDict[str, tuple[float, Principal]] = OrderedDict()

    def get(self, digest: str) -> Principal | None:
        found = self._items.get(digest)
        if found is None:
            return None
        if time.monotonic() >= found[0]:
            del self._items[digest]
            return None
        return found[1]

    def put(self, digest: str, who: Principal) -> None:
        if self.ttl <= 0:
            return
        self._items[digest] = (time.monotonic() + self.ttl, who)
        self._items.move_to_end(digest)
        while len(self._items) > self.size:
            self._items.popitem(last=False)


def bearer(authorization: str | None) -> str | None:
    """The token of an ``Authorization: Bearer ...`` header, if any."""
    if not authorization:
        return None
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated("the Authorization header must be `Bearer <token>`")
    return token.strip()


async def principal(ctx: Context) -> Principal:
    """Who is calling; a token is looked up (one statement) unless the cache knows it."""
    if ctx._principal is None:
        token = bearer(ctx.authorization)
        if token is None:
            ctx._principal = ANONYMOUS
        else:
            cache = ctx.tokens
            digest = hash_token(token)
            found = cache.get(digest) if cache is not None else None
            if found is None:
                ctx.db.statements += 1
                found = await lookup_token(ctx.driver, ctx.database, token)
                if found is None:
                    raise Unauthenticated("unknown or revoked token")
                if cache is not None:
                    cache.put(digest, found)
            ctx._principal = found
    return ctx._principal


async def require(info: Info, role: Role) -> Principal:
    """UNAUTHENTICATED without a known token (anonymous reads when allowed), FORBIDDEN
    when the token's role is too low."""
    ctx = info.context
    who = await principal(ctx)
    if who is ANONYMOUS:
        if role == "reader" and ctx.settings.allow_anonymous_read:
            return who
        raise Unauthenticated(f"this needs a bearer token with the {role} role")
    if not who.can(role):
        raise Forbidden(f"this needs the {role} role; the token has {who.role}")
    return who
