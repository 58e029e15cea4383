"""Connect to Neo4j: the configured server, or kb's own local one (started on demand)."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from neo4j import AsyncDriver, AsyncGraphDatabase, Driver, GraphDatabase
from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable

from kb.errors import DatabaseUnavailable
from kb.settings import Settings


@dataclass(frozen=True)
class Target:
    uri: str
    user: str
    password: str
    database: str
    timeout: float = 5.0  # seconds before "unavailable", whatever the server does


def _bounded(target: Target) -> tuple[float, float, float]:
    """Connect, acquire and retry bounds (s) that make a dead or unreachable server fail fast.

    The driver's defaults wait 30 s to connect and retry transactions for 30 s more,
    so a request to a stopped database hung for half a minute before it said so.
    A short retry window still rides out a cluster's leader switch.
    """
    connect = min(2.0, target.timeout)
    return connect, target.timeout, max(target.timeout - connect, 0.0)


def resolve_target(settings: Settings, *, start: bool = True) -> Target:
    """Where to connect. Without NEO4J_URI, the local server (started when needed)."""
    if settings.neo4j_uri:
        password = settings.neo4j_password.get_secret_value() if settings.neo4j_password else ""
        return Target(settings.neo4j_uri, settings.neo4j_user, password, settings.neo4j_database,
                      settings.db_timeout)
    from kb.db.server import LocalServer

    server = LocalServer(settings)
    if server.pid() is None:
        if not start:
            raise DatabaseUnavailable("the local Neo4j is not running; start it with `kb db start`")
        server.start(say=lambda line: print(line, file=sys.stderr))
    return Target(server.uri() or "", settings.neo4j_user, server.password(),
                  settings.neo4j_database, settings.db_timeout)


def open_driver(target: Target) -> Driver:
    connect, acquire, retry = _bounded(target)
    driver = GraphDatabase.driver(target.uri, auth=(target.user, target.password),
                                  notifications_min_severity="OFF", connection_timeout=connect,
                                  connection_acquisition_timeout=acquire,
                                  max_transaction_retry_time=retry)
    try:
        driver.verify_connectivity()
    except AuthError as exc:
        driver.close()
        raise DatabaseUnavailable(f"Neo4j at {target.uri} refused the credentials") from exc
    except Neo4jError as exc:  # e.g. the rate limit after repeated wrong passwords
        driver.close()
        raise DatabaseUnavailable(f"Neo4j at {target.uri} refused the connection: "
                                  f"{(exc.message or exc.code or '').splitlines()[0]}") from exc
    except (ServiceUnavailable, OSError) as exc:
        driver.close()
        raise DatabaseUnavailable(f"Neo4j at {target.uri} is not reachable") from exc
    return driver


def open_async_driver(target: Target) -> AsyncDriver:
    connect, acquire, retry = _bounded(target)
    return AsyncGraphDatabase.driver(target.uri, auth=(target.user, target.password),
                                     notifications_min_severity="OFF", connection_timeout=connect,
                                     connection_acquisition_timeout=acquire,
                                     max_transaction_retry_time=retry)
