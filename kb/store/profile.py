"""A reporter's quick look at one person or organisation (``kb show``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from neo4j import Driver

from kb.errors import NotFound
from kb.model.identity import org_key, person_key
from kb.store.status import latest_status
from kb.store.values import plain
from kb.store.visible import View, claim_visible, rel_visible

# Evidence of one relationship: its citations with their publications.
EVIDENCE = """
  UNWIND coalesce({rel}.citation_ids, []) AS cid
  MATCH (c:Citation {{id: cid}})-[:QUOTES]->(p:Publication)
  WHERE $as_of IS NULL OR p.published <= $as_of
  RETURN collect({{quote: c.quote, start: c.start, end: c.end, outlet: p.outlet,
                   title: p.title, url: p.url, published: p.published,
                   verified: c.superseded_by IS NULL
                     AND substring(p.text, c.start, c.end - c.start) = c.quote,
                   superseded_by: c.superseded_by}}) AS evidence
"""

FIND = """
MATCH (e) WHERE (e:Person OR e:Organisation)
  AND (e.name_key IN $keys OR any(a IN e.aliases WHERE toLower(a) = $folded))
WITH coalesce(e.merged_into, e.id) AS id, e
RETURN id ORDER BY e.merged_into IS NULL DESC, e:Person DESC, size(e.aliases) DESC LIMIT 1
"""

# For whom a response was given (someone other than its speaker), as names.
FOR = "COLLECT {{ MATCH ({resp})-[:ON_BEHALF_OF]->(f) RETURN f.name }}"

def profile_statement(view: View) -> str:
    """One entity's claims as the view shows them (retracted, reviewed, as of a date)."""
    def ok(rel: str, claim: str) -> str:
        return f"{rel_visible(rel, view)} AND {claim_visible(claim, view)}"

    status = latest_status("a", view.as_of) if view.as_of else "a.status"
    return """
MATCH (e {id: $id})
CALL (e) {
  OPTIONAL MATCH (a:Allegation)-[r:AGAINST]->(e)
  WITH a, r WHERE a IS NOT NULL AND """ + ok("r", "a") + """
  CALL (r) {""" + EVIDENCE.format(rel="r") + """}
  CALL (a) {
    OPTIONAL MATCH (x)-[xr:ACCUSES]->(a) WHERE """ + rel_visible("xr", view) + """
    RETURN collect(x.name) AS accusers
  }
  CALL (a) {
    OPTIONAL MATCH (s)-[:ISSUED]->(resp:Response)-[rt:RESPONDS_TO]->(a)
    WITH s, resp, rt
    WHERE resp IS NOT NULL AND """ + ok("rt", "resp") + """
    CALL (rt) {""" + EVIDENCE.format(rel="rt") + """}
    RETURN collect({by: s.name, type: resp.type, kind: resp.kind, summary: resp.summary,
                    for: """ + FOR.format(resp="resp") + """,
                    evidence: evidence}) AS responses
  }
  RETURN collect({summary: a.summary, status: """ + status + """, categories: a.categories,
                  accusers: accusers, accuser_description: a.accuser_description,
                  outlets: COLLECT { MATCH (a)-[rb:REPORTED_BY]->(o)
                                     WHERE """ + rel_visible("rb", view) + """
                                     RETURN o.name },
                  review: coalesce(a.review, 'unreviewed'),
                  history: COLLECT { MATCH (se:StatusEvent {allegation_id: a.id})
                                     WHERE $as_of IS NULL OR se.date <= $as_of
                                     RETURN {status: se.status, date: se.date}
                                     ORDER BY se.date, se.status },
                  evidence: evidence, responses: responses}) AS faced
}
CALL (e) {
  OPTIONAL MATCH (e)-[r:ACCUSES]->(a:Allegation)-[:AGAINST]->(t)
  WITH a, r, collect(t.name) AS against
  WHERE a IS NOT NULL AND """ + ok("r", "a") + """
  CALL (r) {""" + EVIDENCE.format(rel="r") + """}
  RETURN collect({summary: a.summary, status: """ + status + """, against: against,
                  review: coalesce(a.review, 'unreviewed'), evidence: evidence}) AS made
}
CALL (e) {
  OPTIONAL MATCH (e)-[r:ISSUED]->(resp:Response)
  WITH r, resp WHERE resp IS NOT NULL AND """ + ok("r", "resp") + """
  CALL (r) {""" + EVIDENCE.format(rel="r") + """}
  RETURN collect({type: resp.type, kind: resp.kind, summary: resp.summary,
                  for: """ + FOR.format(resp="resp") + """, evidence: evidence}) AS issued
}
CALL (e) {
  OPTIONAL MATCH (s)-[:ISSUED]->(resp:Response)-[r:ON_BEHALF_OF]->(e)
  WITH s, r, resp WHERE resp IS NOT NULL AND """ + ok("r", "resp") + """
  CALL (r) {""" + EVIDENCE.format(rel="r") + """}
  RETURN collect({by: s.name, type: resp.type, kind: resp.kind, summary: resp.summary,
                  evidence: evidence}) AS on_behalf
}
CALL (e) {
  OPTIONAL MATCH (a:Allegation)-[r:REPORTED_BY]->(e)
  WITH a, r WHERE a IS NOT NULL AND """ + ok("r", "a") + """
  CALL (r) {""" + EVIDENCE.format(rel="r") + """}
  RETURN collect({summary: a.summary, status: """ + status + """,
                  against: COLLECT { MATCH (a)-[:AGAINST]->(t) RETURN t.name },
                  evidence: evidence}) AS reported
}
CALL (e) {
  OPTIONAL MATCH (e)-[r:AFFILIATED_WITH|ASSOCIATED_WITH|ACTED_ON]-(o)
  WITH e, r, o WHERE r IS NOT NULL AND """ + rel_visible("r", view) + """
  CALL (r) {""" + EVIDENCE.format(rel="r") + """}
  WITH e, r, o, evidence ORDER BY type(r), o.name
  RETURN collect({type: type(r), outgoing: startNode(r) = e, name: o.name,
                  detail: coalesce(r.role, r.kind, r.action), evidence: evidence}) AS links
}
RETURN e.name AS name, labels(e) AS labels, e.aliases AS aliases, faced, made, issued,
       on_behalf, reported, links
"""


# Headings of the links section, by (type, whether the entity is the start).
LINK_HEADINGS = {
    ("AFFILIATED_WITH", True): "Affiliations of {name}",
    ("AFFILIATED_WITH", False): "Members of {name}",
    ("ASSOCIATED_WITH", True): "People {name} is connected to",  # either way round
    ("ACTED_ON", True): "Actions taken by {name}",
    ("ACTED_ON", False): "Actions taken on {name}",
}


def find_entity(driver: Driver, database: str, name: str) -> str:
    keys = sorted({person_key(name), org_key(name)})
    records = driver.execute_query(FIND, keys=keys, folded=name.lower(),
                                   database_=database, routing_="r").records
    if not records:
        raise NotFound(f"no person or organisation named {name!r}")
    return str(records[0]["id"])


def entity_profile(driver: Driver, database: str, name: str,
                   include_retracted: bool = False, *, reviewed: bool = False,
                   as_of: dt.date | None = None) -> dict[str, Any]:
    """Claims supported only by retracted publications are left out unless asked for;
    rejected claims always; ``reviewed``: only accepted ones; ``as_of``: as published by then.
    """
    entity_id = find_entity(driver, database, name)
    view = View(include_retracted, reviewed, "$as_of" if as_of else None)
    record = driver.execute_query(profile_statement(view), id=entity_id, as_of=as_of,
                                  database_=database, routing_="r").records[0]
    profile: dict[str, Any] = plain(dict(record))
    return profile


def _cite(evidence: list[dict[str, Any]]) -> list[str]:
    return [f'      "{ev["quote"]}" ({ev["outlet"]}, {ev["published"] or "undated"}, '
            f'chars {ev["start"]}-{ev["end"]}, {ev["url"] or ev["title"]})'
            + ("" if ev.get("verified", True) else
               f' [NOT VERIFIED: the corrected text ({ev["superseded_by"]}) no longer '
               'says this]')
            for ev in evidence]


def _kind(response: dict[str, Any]) -> str:
    return f" ({response['kind']})" if response["kind"] else ""


def _faced(profile: dict[str, Any]) -> list[str]:
    lines = [f"\nAllegations against {profile['name']}: {len(profile['faced'])}"]
    for a in profile["faced"]:
        who = ", ".join(a["accusers"]) or a["accuser_description"] or "unnamed accusers"
        review = "" if a["review"] == "accepted" else f" ({a['review']})"
        lines.append(f"  - [{a['status']}]{review} {who} allege(s): {a['summary']}")
        lines += _cite(a["evidence"])
        if len({h["status"] for h in a["history"]}) > 1:  # it changed: say when
            lines.append("    status over time: " + ", ".join(
                f"{h['status']} {h['date'] or 'undated'}" for h in a["history"]))
        if a["outlets"]:
            lines.append(f"    reported by {', '.join(a['outlets'])}")
        for r in a["responses"]:
            lines.append(f"    response by {r['by']}{for_whom(r)}: {r['type']}{_kind(r)}: "
                         f"{r['summary']}")
            lines += ["  " + ln for ln in _cite(r["evidence"])]
    return lines


def _claims(profile: dict[str, Any]) -> list[str]:
    """Allegations made, responses given; for others and reports only when there are any."""
    name = profile["name"]
    lines = [f"\nAllegations made by {name}: {len(profile['made'])}"]
    for a in profile["made"]:
        lines.append(f"  - [{a['status']}] against {', '.join(a['against'])}: {a['summary']}")
        lines += _cite(a["evidence"])
    lines.append(f"\nResponses given by {name}: {len(profile['issued'])}")
    for r in profile["issued"]:
        lines.append(f"  - {r['type']}{_kind(r)}{for_whom(r)}: {r['summary']}")
        lines += _cite(r["evidence"])
    if profile["on_behalf"]:
        lines.append(f"\nResponses given for {name} by someone else: "
                     f"{len(profile['on_behalf'])}")
        for r in profile["on_behalf"]:
            lines.append(f"  - {r['type']}{_kind(r)} by {r['by']}: {r['summary']}")
            lines += _cite(r["evidence"])
    if profile["reported"]:
        lines.append(f"\nAllegations reported by {name}: {len(profile['reported'])}")
        for a in profile["reported"]:
            lines.append(f"  - [{a['status']}] against {', '.join(a['against'])}: "
                         f"{a['summary']}")
            lines += _cite(a["evidence"])
    return lines


def _links(profile: dict[str, Any]) -> list[str]:
    groups: dict[tuple[str, bool], list[dict[str, Any]]] = {}
    for link in profile["links"]:
        outgoing = link["outgoing"] or link["type"] == "ASSOCIATED_WITH"
        groups.setdefault((link["type"], outgoing), []).append(link)
    lines: list[str] = []
    for key, heading in LINK_HEADINGS.items():
        found = groups.get(key, [])
        if not found:
            continue
        lines.append(f"\n{heading.format(name=profile['name'])}: {len(found)}")
        for link in found:
            detail = f" ({link['detail']})" if link["detail"] else ""
            lines.append(f"  - {link['name']}{detail}")
            lines += _cite(link["evidence"])
    return lines


def render_profile(profile: dict[str, Any]) -> str:
    kind = "Person" if "Person" in profile["labels"] else "Organisation"
    lines = [f"{profile['name']} ({kind})"]
    others = [a for a in profile["aliases"] if a != profile["name"]]
    if others:
        lines.append("  also named: " + ", ".join(others))
    return "\n".join(lines + _faced(profile) + _claims(profile) + _links(profile))


def for_whom(response: dict[str, Any]) -> str:
    return f" for {', '.join(response['for'])}" if response["for"] else ""


__all__ = ["entity_profile", "find_entity", "render_profile"]
