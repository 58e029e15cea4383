"""API tokens: created once, shown once, stored only as their SHA-256.

Tokens live in Neo4j (``ApiToken`` nodes) so that several API processes can
share one database without sharing any local state.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Literal, cast

from neo4j import AsyncDriver, Driver

from kb.errors import InvalidInput
from kb.model.identity import make_id

Role = Literal["reader", "editor", "admin"]
ROLES: tuple[Role, ...] = ("reader", "editor", "admin")
RANK: dict[str, int] = {role: i for i, role in enumerate(ROLES)}
PREFIX = "kb_"


@dataclass(frozen=True)
class Principal:
    """Who is calling: a token's name and role (or anonymous, reading only)."""

    name: str
    role: Role
    token_id: str | None = None

    def can(self, role: Role) -> bool:
        return RANK[self.role] >= RANK[role]


ANONYMOUS = Principal("anonymous", "reader")


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


CREATE = """
CREATE (t:ApiToken {id: $id, name: $name, role: $role, token_hash: $hash,
                    created_at: $now, revoked: false})
"""

LOOKUP = """
MATCH (t:ApiToken {token_hash: $hash}) WHERE NOT t.revoked
RETURN t.id AS id, t.name AS name, t.role AS role LIMIT 1
"""

LIST = """
MATCH (t:ApiToken)
RETURN t.id AS id, t.name AS name, t.role AS role, t.created_at AS created_at,
       t.revoked AS revoked ORDER BY t.created_at
"""

REVOKE = "MATCH (t:ApiToken {id: $id}) SET t.revoked = true RETURN count(t) AS n"


def create_token(driver: Driver, database: str, role: str, name: str | None = None
                 ) -> tuple[str, str]:
    """Store a new token's hash; return (token, token id). The token is never stored."""
    if role not in ROLES:
        raise InvalidInput(f"unknown role {role!r}; one of {', '.join(ROLES)}")
    token = PREFIX + secrets.token_urlsafe(32)
    digest = hash_token(token)
    token_id = make_id("tok", digest)
    driver.execute_query(CREATE, id=token_id, name=name or f"{role}-{token_id[-6:]}", role=role,
                         hash=digest, now=dt.datetime.now(dt.UTC), database_=database)
    return token, token_id


def list_tokens(driver: Driver, database: str) -> list[dict[str, object]]:
    records = driver.execute_query(LIST, database_=database, routing_="r").records
    return [dict(r) for r in records]


def revoke_token(driver: Driver, database: str, token_id: str) -> bool:
    record = driver.execute_query(REVOKE, id=token_id, database_=database).records[0]
    return bool(record["n"])


async def lookup_token(driver: AsyncDriver, database: str, token: str) -> Principal | None:
    """The principal a presented token stands for, or None (unknown or revoked)."""
    if not token.startswith(PREFIX) or len(token) > 200:
        return None  # not ours: do not spend a database round trip on it
    records, _, _ = await driver.execute_query(LOOKUP, hash=hash_token(token),
                                               database_=database, routing_="r")
    if not records:
        return None
    rec = records[0]
    return Principal(str(rec["name"]), cast(Role, rec["role"]), str(rec["id"]))
