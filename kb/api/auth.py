"""Bearer tokens and roles: readers read, editors write, admins also read the audit log."""

from __future__ import annotations

from kb.api.context import Context, Info
from kb.errors import Forbidden, Unauthenticated
from kb.store.tokens import ANONYMOUS, Principal, Role, lookup_token


def bearer(authorization: str | None) -> str | None:
    """The token of an ``Authorization: Bearer ...`` header, if any."""
    if not authorization:
        return None
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated("the Authorization header must be `Bearer <token>`")
    return token.strip()


async def principal(ctx: Context) -> Principal:
    """Who is calling; looked up once per request (one statement, when a token is sent)."""
    if ctx._principal is None:
        token = bearer(ctx.authorization)
        if token is None:
            ctx._principal = ANONYMOUS
        else:
            ctx.db.statements += 1
            found = await lookup_token(ctx.driver, ctx.database, token)
            if found is None:
                raise Unauthenticated("unknown or revoked token")
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
