"""The ASGI app: /graphql, /healthz, /readyz; one async driver per process, from the lifespan.

The process holds no state of its own (tokens and the audit log live in Neo4j; valid
tokens are remembered for a few seconds only, kb/api/auth.py), so several of them can
serve one database or cluster.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from cross_web import HTTPException
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.types.unset import UNSET

from kb.api.auth import TokenCache
from kb.api.body import BadRequest, decode_body, error_response
from kb.api.context import Context, Db
from kb.api.limits import BodyLimit
from kb.api.schema import build_schema
from kb.settings import Settings
from kb.store.connection import Target, open_async_driver, resolve_target
from kb.web import GRAPHIQL_HTML, web_routes

log = logging.getLogger("kb.api")


class KBGraphQL(GraphQL[Context, None]):
    """strawberry's view, with request bodies read strictly and refused as GraphQL errors."""

    graphql_ide_html = GRAPHIQL_HTML  # vendored in kb/web, so it works offline

    def __init__(self, settings: Settings) -> None:
        dev = settings.dev
        super().__init__(build_schema(dev=dev), graphql_ide="graphiql" if dev else None,
                         allow_queries_via_get=True, subscription_protocols=())
        self.settings = settings
        self.tokens = TokenCache(settings.token_cache_seconds)

    def decode_json(self, data: str | bytes) -> object:
        return decode_body(data)

    async def run(self, request: Any, context: Any = UNSET, root_value: Any = UNSET) -> Any:
        try:
            return await super().run(request, context, root_value)
        except BadRequest as exc:
            return error_response(exc.code, exc.message, 400)
        except HTTPException as exc:  # strawberry's own refusals (content type, method, ...)
            return error_response("BAD_REQUEST", exc.reason, exc.status_code)

    async def get_context(self, request: Request | WebSocket, response: Any) -> Context:
        state = request.app.state
        return Context(request if isinstance(request, Request) else None,
                       Db(state.driver, state.database), self.settings,
                       request.headers.get("authorization"), self.tokens)


def create_app(settings: Settings, target: Target | None = None) -> Any:
    """The app, wrapped in the body limit; ``target`` skips resolving (tests, bench)."""

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # Resolving may start the local Neo4j: a blocking call, so off the event loop.
        where = target if target is not None else await asyncio.to_thread(resolve_target,
                                                                           settings)
        app.state.driver = open_async_driver(where)
        app.state.database = where.database
        try:
            yield
        finally:
            await app.state.driver.close()

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def readyz(request: Request) -> Response:
        try:
            # One auto-commit statement: no transaction retries, so a stopped database is
            # reported within the driver's connect timeout. (Cancelling the driver with
            # asyncio.wait_for instead left its pool unusable after Neo4j came back.)
            async with request.app.state.driver.session(
                    database=request.app.state.database, default_access_mode="READ") as session:
                await (await session.run("RETURN 1")).consume()
        except Exception as exc:  # any failure means not ready; the reason is logged only
            log.warning("not ready: %s", type(exc).__name__)
            return JSONResponse({"status": "unavailable"}, status_code=503)
        return JSONResponse({"status": "ready"})

    graphql = KBGraphQL(settings)
    app = Starlette(routes=[
        Route("/graphql", graphql, methods=["GET", "POST"]),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/readyz", readyz, methods=["GET"]),
        *web_routes(settings),
    ], lifespan=lifespan)
    return BodyLimit(app, settings.max_body_bytes)
