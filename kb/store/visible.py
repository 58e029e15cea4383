"""What a read shows: the conditions every default query shares.

A relationship is shown unless every source of it was retracted or no longer
says it (``unsupported``; ``include_retracted`` shows it anyway), unless a
person rejected it (``reviewed`` shows only what a person accepted), and, as of
a date, only when a publication dated by then cites it. A claim node
(allegation, response) is shown under the same review rule. Absent review
states read as ``unreviewed``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class View:
    include_retracted: bool = False
    reviewed: bool = False
    as_of: str | None = None  # the Cypher parameter holding the date, e.g. "$as_of"


def review_ok(var: str, view: View) -> str:
    if view.reviewed:
        return f"coalesce({var}.review, 'unreviewed') = 'accepted'"
    return f"coalesce({var}.review, 'unreviewed') <> 'rejected'"


def rel_visible(rel: str, view: View) -> str:
    conds = [review_ok(rel, view)]
    if not view.include_retracted:
        conds.append(f"({rel}.unsupported IS NULL OR NOT {rel}.unsupported)")
    if view.as_of:
        conds.append(f"{rel}.first_cited <= {view.as_of}")
    return "(" + " AND ".join(conds) + ")"


def claim_visible(node: str, view: View) -> str:
    """For allegations and responses (entities and publications have no review state)."""
    conds = [review_ok(node, view)]
    if not view.include_retracted:
        conds.append(f"({node}.unsupported IS NULL OR NOT {node}.unsupported)")
    return "(" + " AND ".join(conds) + ")"
