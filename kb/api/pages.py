"""Cursor pagination: opaque offset cursors, at most 100 items a page."""

from __future__ import annotations

import base64
from functools import lru_cache
from typing import Any

from kb.api.errors import PageTooLarge
from kb.errors import InvalidInput

MAX_PAGE = 100
DEFAULT_PAGE = 20
_PREFIX = "offset:"


def encode_cursor(offset: int) -> str:
    return base64.b64encode(f"{_PREFIX}{offset}".encode()).decode()


@lru_cache(maxsize=4096)
def _cursor(offset: int) -> str:
    return encode_cursor(offset)


def decode_cursor(cursor: str) -> int:
    try:
        text = base64.b64decode(cursor.encode(), validate=True).decode()
        if not text.startswith(_PREFIX):
            raise ValueError(text)
        offset = int(text.removeprefix(_PREFIX))
    except (ValueError, UnicodeDecodeError):
        raise InvalidInput(f"not a cursor of this API: {cursor[:40]!r}", field="after") from None
    if offset < 0:
        raise InvalidInput("a cursor cannot be negative", field="after")
    return offset


def page_window(first: Any, after: Any) -> tuple[int, int]:
    """(skip, limit) for ``first``/``after``; refuses a page over the maximum."""
    if first is None:
        first = DEFAULT_PAGE
    if isinstance(first, str) and first.isdigit():
        first = int(first)  # nested arguments come raw from the selection (literals as text)
    if not isinstance(first, int) or isinstance(first, bool) or first < 0:
        raise InvalidInput("`first` must be a non-negative integer", field="first")
    if first > MAX_PAGE:
        raise PageTooLarge(f"`first` is {first}; at most {MAX_PAGE} items a page", field="first")
    skip = 0 if after is None else decode_cursor(str(after)) + 1
    return skip, first


def edges_only(raw: dict[str, Any] | list[Any] | None) -> dict[str, Any]:
    """A connection of which only the edges are read (no cursors, count or page info)."""
    if raw is None:
        return {"edges": []}
    return {"edges": raw if isinstance(raw, list) else raw["edges"]}


def shape(raw: dict[str, Any] | list[Any] | None, skip: int = 0,
          first: int = DEFAULT_PAGE) -> dict[str, Any]:
    """A connection (edges with cursors, pageInfo, totalCount) from the compiled data:
    the list of edges, or ``{edges, total}``, of the page ``skip``/``first``; a root
    connection's dict also says its window (``skip``, ``first``)."""
    total: int | None = None
    if raw is None:
        edges, total = [], 0
    elif isinstance(raw, list):
        edges = raw
    else:
        edges, total = list(raw["edges"]), raw["total"]
        skip, first = int(raw.get("skip", skip)), int(raw.get("first", first))
    for i, edge in enumerate(edges):
        edge["cursor"] = _cursor(skip + i)
    has_next = total > skip + len(edges) if total is not None else len(edges) == first
    return {
        "edges": edges,
        "nodes": [e.get("node") for e in edges],
        "total_count": total,
        "page_info": {
            "has_next_page": has_next, "has_previous_page": skip > 0,
            "start_cursor": edges[0]["cursor"] if edges else None,
            "end_cursor": edges[-1]["cursor"] if edges else None,
        },
    }
