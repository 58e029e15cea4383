"""What the benchmarks share: their own Neo4j (never the user's data) and result files."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from neo4j import Driver

from kb.db.server import LocalServer
from kb.settings import Settings
from kb.store.connection import Target, open_driver, resolve_target
from kb.store.schema import apply_schema

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results"


def bench_settings() -> Settings:
    """A server of the bench's own under .kb/bench, so wiping it loses nothing of yours
    (KB_BENCH_HOME and KB_BENCH_BOLT_PORT choose another throwaway one)."""
    home = os.environ.get("KB_BENCH_HOME", str(REPO / ".kb" / "bench"))
    port = int(os.environ.get("KB_BENCH_BOLT_PORT", 7689))
    return Settings(KB_HOME=Path(home), KB_BOLT_PORT=port)


def bench_driver() -> tuple[Driver, Target]:
    settings = bench_settings()
    LocalServer(settings).start(say=lambda line: print(line, file=sys.stderr))
    target = resolve_target(settings, start=False)
    driver = open_driver(target)
    apply_schema(driver, target.database)
    return driver, target


def wipe(driver: Driver, database: str) -> None:
    # IN TRANSACTIONS needs an auto-commit transaction: a plain session.run.
    with driver.session(database=database) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()


def save(name: str, data: dict[str, Any]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(data, indent=2) + "\n")
    return path
