"""An allegation's status over time: dated, cited status events (``StatusEvent``).

Each publication that reports an allegation says what its status is
(alleged, charged, settled, ...), and a denial or admission answering it says
denied or admitted; each is an event dated by its publication. ``status`` is
the latest event that is more than "alleged" (a later report that merely
repeats the allegation does not undo a charge); as-of reads take the latest
event up to a date.
"""

from __future__ import annotations

from typing import Any

from kb.model.plan import Plan
from kb.model.report import STATUSES

# Later in this order wins between events of the same day (constants, never input).
RANK = "CASE se.status " + " ".join(
    f"WHEN '{status}' THEN {i}" for i, status in enumerate(STATUSES)) + " ELSE 0 END"


def latest_status(alg: str, as_of: str | None = None) -> str:
    """A Cypher expression: the allegation's status from its events (up to ``as_of``)."""
    when = f" AND se.date <= {as_of}" if as_of else ""
    return ("coalesce(COLLECT { MATCH (se:StatusEvent {allegation_id: " + alg + ".id}) "
            "WHERE se.status <> 'alleged'" + when + " RETURN se.status "
            "ORDER BY coalesce(se.date, date('0001-01-01')) DESC, " + RANK +
            " DESC LIMIT 1 }[0], 'alleged')")


def history_subquery(alg: str, out: str, as_of: str | None = None) -> str:
    """``CALL (alg) {...}`` binding ``out``: its status events, oldest first, each with the
    quote and publication that say it (up to ``as_of``)."""
    when = f" WHERE sh.date <= {as_of}" if as_of else ""
    return "\n".join([
        f"CALL ({alg}) {{",
        f"  OPTIONAL MATCH (sh:StatusEvent {{allegation_id: {alg}.id}}){when}",
        "  OPTIONAL MATCH (shc:Citation {id: sh.citation_id})-[:QUOTES]->(shp:Publication) "
        "USING INDEX shc:Citation(id)",
        "  WITH sh, shc, shp ORDER BY sh.date, " + RANK.replace("se.", "sh.") + ", sh.id",
        "  RETURN collect(CASE WHEN sh IS NULL THEN null ELSE {status: sh.status, "
        "date: sh.date, quote: shc.quote, outlet: shp.outlet, url: shp.url, "
        "publication_id: shp.id} END) AS " + out,
        "}",
    ])


REFRESH = ("UNWIND $ids AS aid MATCH (a:Allegation {id: aid}) "
           "SET a.status = " + latest_status("a"))


def refresh_params(plan: Plan) -> dict[str, Any]:
    """The allegations whose status this plan may change."""
    ids = sorted({str(n.props["allegation_id"]) for n in plan.nodes if n.label == "StatusEvent"})
    return {"ids": ids}
