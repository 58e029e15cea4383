"""Connect to Neo4j: the configured server, or kb's own local one (started on demand)."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from neo4j import AsyncDriver, AsyncGraphDatabase, Driver, GraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable

from kb.errors import DatabaseUnavailable
from kb.settings import Settings


@dataclass(frozen=True)
class Target:
    uri: str
    user: str
    password: str
    database: str


def resolve_target(settings: Settings, *, start: bool = True) -> Target:
    """Where to connect. Without NEO4J_URI, the local server (started when needed)."""
    if settings.neo4j_uri:
        password = settings.neo4j_password.get_secret_value() if settings.neo4j_password else ""
        return Target(settings.neo4j_uri, settings.neo4j_user, password, settings.neo4j_database)
    from kb.db.server import LocalServer

    server = LocalServer(settings)
    if server.pid() is None:
        if not start:
            raise DatabaseUnavailable("the local Neo4j is not running; start it with `kb db start`")
        server.start(say=lambda line: print(line, file=sys.stderr))
    return Target(server.uri() or "", settings.neo4j_user, server.password(),
                  settings.neo4j_database)


def open_driver(target: Target) -> Driver:
    driver = GraphDatabase.driver(target.uri, auth=(target.user, target.password),
                                  notifications_min_severity="OFF")
    try:
        driver.verify_connectivity()
    except AuthError as exc:
        driver.close()
        raise DatabaseUnavailable(f"Neo4j at {target.uri} refused the credentials") from exc
    except (ServiceUnavailable, OSError) as exc:
        driver.close()
        raise DatabaseUnavailable(f"Neo4j at {target.uri} is not reachable") from exc
    return driver


def open_async_driver(target: Target) -> AsyncDriver:
    return AsyncGraphDatabase.driver(target.uri, auth=(target.user, target.password),
                                     notifications_min_severity="OFF")
