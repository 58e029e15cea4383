"""What a report would put in the graph: the items at or above the 0.6 review threshold."""

from __future__ import annotations

from typing import Any

REVIEW_THRESHOLD = 0.6
Pairs = set[tuple[str | None, str]]


def edge_pairs(report: dict[str, Any], min_conf: float = REVIEW_THRESHOLD) -> Pairs:
    """(accuser, accused) for every allegation that becomes an edge; None for unnamed."""
    out: Pairs = set()
    for a in report["allegations"]:
        if a["confidence"] >= min_conf:
            for accuser in a.get("accusers") or [a["accuser"]]:
                out.add((accuser, a["accused"]))
    return out


def edge_deniers(report: dict[str, Any], min_conf: float = REVIEW_THRESHOLD) -> set[str]:
    return {d["denier"] for d in report["denials"] if d["confidence"] >= min_conf}
