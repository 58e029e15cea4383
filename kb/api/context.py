"""Per-request context: the shared driver, who is calling, and a statement counter."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from neo4j import AsyncDriver, RoutingControl
from starlette.requests import Request
from strawberry.types import Info as StrawberryInfo

from kb.api.values import native
from kb.settings import Settings
from kb.store.tokens import Principal

if TYPE_CHECKING:
    from kb.api.auth import TokenCache


@dataclass
class Db:
    """Reads through the shared driver, counting the statements a request sends."""

    driver: AsyncDriver
    database: str
    statements: int = 0

    async def read(self, query: str, params: dict[str, Any], *,
                   raw: bool = False) -> list[dict[str, Any]]:
        """Run one statement in a read transaction (routed to a reader in a cluster).

        ``raw`` keeps the driver's date values: for rows a root field returns as they are,
        which the executor converts as it completes them (kb/api/execution.py).
        """
        self.statements += 1
        records, _, _ = await self.driver.execute_query(
            query, params, database_=self.database, routing_=RoutingControl.READ)
        if raw:
            return [dict(r) for r in records]
        return [native(dict(r)) for r in records]

    async def read_one(self, query: str, params: dict[str, Any], *,
                       raw: bool = False) -> dict[str, Any] | None:
        rows = await self.read(query, params, raw=raw)
        return rows[0] if rows else None


@dataclass
class Context:
    request: Request | None
    db: Db
    settings: Settings
    authorization: str | None  # the raw header; parsed when first needed
    tokens: TokenCache | None = None  # the process's, when there is one
    _principal: Principal | None = field(default=None, init=False)

    @property
    def driver(self) -> AsyncDriver:
        return self.db.driver

    @property
    def database(self) -> str:
        return self.db.database


Info = StrawberryInfo[Context, None]
