"""Hardening: query depth, aliases and tokens, the body size, and no batches."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.extensions import (
    DisableIntrospection,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    SchemaExtension,
)

MAX_DEPTH = 7
MAX_ALIASES = 15
MAX_TOKENS = 1000


class _DevIntrospectionTokens(MaxTokensLimiter):
    """In development the token limit spares introspection, which GraphiQL sends at start."""

    def on_operation(self) -> Iterator[None]:
        query = self.execution_context.query or ""
        if "__schema" in query or "__type" in query:
            yield
            return
        yield from super().on_operation()


def limit_extensions(dev: bool) -> list[Callable[[], SchemaExtension]]:
    """Factories: strawberry builds fresh extensions for every request."""
    tokens = _DevIntrospectionTokens if dev else MaxTokensLimiter
    ignore = _introspection if dev else None
    out: list[Callable[[], SchemaExtension]] = [
        lambda: QueryDepthLimiter(max_depth=MAX_DEPTH, should_ignore=ignore),
        lambda: MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
        lambda: tokens(max_token_count=MAX_TOKENS),
    ]
    if not dev:
        out.append(DisableIntrospection)
    return out


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
