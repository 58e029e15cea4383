"""Neo4j values to the Python values strawberry's scalars serialise."""

from __future__ import annotations

from typing import Any

from neo4j.time import Date, DateTime


def native(value: Any) -> Any:
    """Dates to ``datetime.date``/``datetime``, recursively through maps and lists."""
    if isinstance(value, Date | DateTime):
        return value.to_native()
    if isinstance(value, dict):
        return {k: native(v) for k, v in value.items()}
    if isinstance(value, list):
        return [native(v) for v in value]
    return value
