"""Hardening: query cost (kb/api/cost.py), depth as a backstop, aliases and tokens, the
body size, and no batches."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from graphql import FieldNode, GraphQLError, OperationDefinitionNode, parse
from graphql.validation import NoSchemaIntrospectionCustomRule
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.extensions import (
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    SchemaExtension,
)

from kb.api.cost import CostLimit

MAX_DEPTH = 15  # a backstop only: the cost limit decides (kb/api/cost.py)
MAX_ALIASES = 15
MAX_TOKENS = 1000


INTROSPECTION_TOKENS = 20_000  # GraphiQL's introspection query is ~2,000 tokens
_INTROSPECTION_FIELDS = {"__schema", "__type"}


class _DevIntrospectionTokens(MaxTokensLimiter):
    """In development the token limit spares introspection, which GraphiQL sends at start.

    Only a document whose every operation selects nothing but introspection fields is
    spared; ``__schema`` in a comment, a string or beside a real query does not count.
    """

    def on_operation(self) -> Iterator[None]:
        if _introspection_only(self.execution_context.query or ""):
            yield
            return
        yield from super().on_operation()


def _introspection_only(query: str) -> bool:
    try:
        document = parse(query, max_tokens=INTROSPECTION_TOKENS)
    except GraphQLError:
        return False
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    return bool(operations) and all(
        isinstance(sel, FieldNode) and sel.name.value in _INTROSPECTION_FIELDS
        for op in operations for sel in op.selection_set.selections
    )


def limit_extensions(dev: bool) -> list[Callable[[], SchemaExtension]]:
    """Factories: strawberry builds fresh extensions for every request."""
    tokens = _DevIntrospectionTokens if dev else MaxTokensLimiter
    ignore = _introspection if dev else None
    # The validation rules of QueryDepthLimiter, MaxAliasesLimiter and DisableIntrospection,
    # built once and added by the cost limit: one extension, not four made for every request.
    rules = [QueryDepthLimiter(max_depth=MAX_DEPTH, should_ignore=ignore).validation_rules[0],
             MaxAliasesLimiter(max_alias_count=MAX_ALIASES).validation_rules[0]]
    if not dev:
        rules.append(NoSchemaIntrospectionCustomRule)
    return [lambda: CostLimit(rules), lambda: tokens(max_token_count=MAX_TOKENS)]


def _introspection(ignore: object) -> bool:
    return str(getattr(ignore, "field_name", "")).startswith("__")


class BodyLimit:
    """Refuse a request body over ``max_bytes`` with 413, before anything parses it."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_bytes:
            await _too_large(send, self.max_bytes)
            return
        # Chunked or lying bodies: read up to the limit, then replay what was read.
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await _too_large(send, self.max_bytes)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


async def _too_large(send: Send, max_bytes: int) -> None:
    body = (b'{"errors":[{"message":"request body over %d bytes",'
            b'"extensions":{"code":"PAYLOAD_TOO_LARGE"}}]}' % max_bytes)
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


__all__ = ["MAX_ALIASES", "MAX_DEPTH", "MAX_TOKENS", "BodyLimit", "limit_extensions"]
