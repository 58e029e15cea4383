"""The provenance audit: prove every edge, and say which claims rest on thin evidence.

Violations must be zero: they mean the citation contract is broken (an edge
without a citation, a quote that is not at its offsets, a text that no longer
matches its hash, a citation whose publication or node is missing). Warnings
are for editors: single-source allegations, unanswered allegations, support
from retracted publications, open review and merge candidates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from neo4j import AsyncDriver, Driver

from kb.model.graph import model
from kb.model.identity import text_sha256
from kb.store.values import plain

TOTALS = """
CALL () { MATCH (n) UNWIND labels(n) AS label RETURN collect([label, 1]) AS nodes }
CALL () { MATCH ()-[r]->() RETURN collect(type(r)) AS rels }
RETURN nodes, rels
"""

# Every cited relationship with each of its listed citations (or the lack of one).
EDGES = """
MATCH (a)-[r]->(b) WHERE type(r) IN $cited
OPTIONAL MATCH (c:Citation) WHERE c.id IN coalesce(r.citation_ids, [])
OPTIONAL MATCH (c)-[:QUOTES]->(p:Publication)
WITH r, a, b, c, p
RETURN r.id AS id, type(r) AS type, a.id AS start, b.id AS end,
       size(coalesce(r.citation_ids, [])) AS listed,
       collect(CASE WHEN c IS NULL THEN null ELSE {
         id: c.id, publication_id: c.publication_id, found: p IS NOT NULL,
         quote: c.quote, start: c.start, end: c.end,
         at: CASE WHEN p IS NULL THEN null ELSE substring(p.text, c.start, c.end - c.start) END,
         retracted: coalesce(p.retracted, false)} END) AS citations
"""

PUBLICATIONS = """
MATCH (p:Publication)
RETURN p.id AS id, p.url AS url, p.outlet AS outlet, p.sha256 AS sha256, p.text AS text,
       coalesce(p.retracted, false) AS retracted
"""

# The publications that support each allegation, through any of its cited edges.
SUPPORT = """
MATCH (a:Allegation) WHERE coalesce(a.review, '') <> 'rejected'  // out of the record
OPTIONAL MATCH (a)-[r]-() WHERE type(r) IN $cited
OPTIONAL MATCH (c:Citation)-[:QUOTES]->(p:Publication) WHERE c.id IN coalesce(r.citation_ids, [])
WITH a, collect(DISTINCT CASE WHEN p IS NULL THEN null
                ELSE {id: p.id, outlet: p.outlet, sha256: p.sha256,
                      retracted: coalesce(p.retracted, false)} END) AS pubs
OPTIONAL MATCH (resp:Response)-[:RESPONDS_TO]->(a)
RETURN a.id AS id, a.summary AS summary, pubs, count(resp) AS responses
"""

# One node on both ends of an allegation: names that merged after normalising (or a
# bad merge) made someone accuse themselves. The loader refuses it; the audit proves it.
SELF_ACCUSATIONS = """
MATCH (x)-[:ACCUSES]->(a:Allegation)-[:AGAINST]->(x)
RETURN x.id AS id, x.name AS name, a.id AS allegation, a.summary AS summary
"""

def superseded_statement() -> str:
    """Citations whose quote a correction removed, each with the claim it supports and
    whether that relationship keeps another live citation."""
    lookups = "\n  UNION\n  ".join(
        f"MATCH (a)-[r:{t} {{id: c.rel_id}}]->(b) WHERE c.rel_type = '{t}' RETURN a, b"
        for t in model().cited_types)
    return """
MATCH (c:Citation) WHERE c.superseded_by IS NOT NULL
CALL (c) {
  """ + lookups + """
}
RETURN c.id AS id, c.rel_id AS rel_id, c.rel_type AS rel_type, c.quote AS quote,
       c.superseded_by AS snapshot,
       coalesce(a.summary, b.summary, a.name + ' ' + toLower(c.rel_type) + ' ' + b.name)
         AS claim,
       COUNT { MATCH (o:Citation {rel_id: c.rel_id})-[:QUOTES]->(q:Publication)
               WHERE o.superseded_by IS NULL AND NOT coalesce(q.retracted, false) } AS others
ORDER BY id
"""


CANDIDATES = """
CALL () { MATCH (r:ReviewCandidate {status: 'open'}) RETURN count(r) AS review }
CALL () { MATCH (m:MergeCandidate {status: 'open'}) RETURN count(m) AS merge }
RETURN review, merge
"""


WARNING_TEXT = {
    "single_source": "{n} allegation(s) rest on one independent source",
    "unsupported": "{n} allegation(s) have no live source "
                   "(every supporting publication is retracted)",
    "no_response": "{n} allegation(s) have no recorded response",
    "retracted_support": "{n} relationship(s) are supported in part or whole by a "
                         "retracted publication",
}


@dataclass
class Finding:
    kind: str
    message: str
    ids: list[str] = field(default_factory=list)


@dataclass
class AuditReport:
    totals: dict[str, Any]
    violations: list[Finding]
    warnings: list[Finding]

    def as_dict(self) -> dict[str, Any]:
        return {
            "totals": self.totals,
            "violations": [vars(v) for v in self.violations],
            "warnings": [vars(w) for w in self.warnings],
            "ok": not self.violations,
        }


def independent_sources(pubs: list[dict[str, Any]]) -> int:
    """Count sources so that copies (same text hash) and the same outlet count once.

    Publications are joined when they share an outlet or a text hash; the
    number of groups left is the number of independent sources.
    """
    live = [p for p in pubs if not p["retracted"]]
    parent = list(range(len(live)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for key in ("outlet", "sha256"):
        first: dict[str, int] = {}
        for i, pub in enumerate(live):
            value = (pub.get(key) or "").strip().lower()
            if not value:
                continue
            if value in first:
                parent[root(i)] = root(first[value])
            else:
                first[value] = i
    return len({root(i) for i in range(len(live))})


@dataclass
class AuditInput:
    """The records of the audit's statements, however they were read."""

    totals: Any
    edges: list[Any]
    publications: list[Any]
    support: list[Any]
    candidates: Any
    self_accusations: list[Any] = field(default_factory=list)
    superseded: list[Any] = field(default_factory=list)


def audit_statements() -> list[tuple[str, str, dict[str, Any]]]:
    """(name, query, parameters) of every statement the audit reads, in order."""
    cited = model().cited_types
    return [("totals", TOTALS, {}), ("edges", EDGES, {"cited": cited}),
            ("publications", PUBLICATIONS, {}), ("support", SUPPORT, {"cited": cited}),
            ("candidates", CANDIDATES, {}), ("self_accusations", SELF_ACCUSATIONS, {}),
            ("superseded", superseded_statement(), {})]


def _gather(rows: dict[str, list[Any]]) -> AuditInput:
    return AuditInput(totals=rows["totals"][0], edges=rows["edges"],
                      publications=rows["publications"], support=rows["support"],
                      candidates=rows["candidates"][0],
                      self_accusations=rows["self_accusations"], superseded=rows["superseded"])


def independent_sources_cypher(pubs: str, out: str) -> str:
    """The Cypher twin of ``independent_sources``: clauses binding ``out`` from ``pubs``.

    ``pubs`` names a list of ``{o: outlet, s: sha256}`` maps (lower-cased and
    trimmed, '' when absent) of live publications. Each publication starts
    with its own index as label and takes, round after round, the smallest
    label among those sharing its outlet or its hash; after ``size(pubs)``
    rounds every group carries its smallest index, so the groups are the
    indexes that kept their own label. Exact (the same grouping as the
    union-find above), and cheap for the handful of sources a claim has.
    """
    n = f"range(0, size({pubs}) - 1)"
    joined = (f"(({pubs}[i].o <> '' AND {pubs}[i].o = {pubs}[j].o) OR "
              f"({pubs}[i].s <> '' AND {pubs}[i].s = {pubs}[j].s))")
    rounds = (f"reduce(lab = {n}, rnd IN {n} | [i IN {n} | reduce(m = lab[i], j IN {n} | "
              f"CASE WHEN lab[j] < m AND {joined} THEN lab[j] ELSE m END)])")
    return (f"WITH {pubs}, {rounds} AS labels\n"
            f"RETURN size([k IN {n} WHERE labels[k] = k]) AS {out}")


def independent_sources_subquery(claim: str, out: str, label: str | None = None) -> str:
    """``CALL (claim) {...}`` returning ``out``: its independent sources (see above);
    ``label``: 0 unless the node has it."""
    cited = ", ".join(f"'{t}'" for t in model().cited_types)
    return "\n".join([
        f"CALL ({claim}) {{",
        f"  MATCH ({claim}{':' + label if label else ''})-[sr]-() WHERE type(sr) IN [{cited}]",
        "  UNWIND coalesce(sr.citation_ids, []) AS scid",
        "  MATCH (:Citation {id: scid})-[:QUOTES]->(sp:Publication)",
        "  WITH DISTINCT sp WHERE NOT coalesce(sp.retracted, false)",
        "  WITH collect({o: toLower(trim(coalesce(sp.outlet, ''))), "
        "s: toLower(trim(coalesce(sp.sha256, '')))}) AS spubs",
        *("  " + line for line in independent_sources_cypher("spubs", out).splitlines()),
        "}",
    ])


def run_audit(driver: Driver, database: str) -> AuditReport:
    rows = {name: driver.execute_query(query, params, database_=database, routing_="r").records
            for name, query, params in audit_statements()}
    return interpret(_gather(rows))


async def run_audit_async(driver: AsyncDriver, database: str) -> AuditReport:
    """The same audit through the async driver (the API), the same statements."""
    rows: dict[str, list[Any]] = {}
    for name, query, params in audit_statements():
        records, _, _ = await driver.execute_query(query, params, database_=database,
                                                   routing_="r")
        rows[name] = records
    return interpret(_gather(rows))


def interpret(data: AuditInput) -> AuditReport:
    """The report from the records: pure, no database."""
    totals_rec = data.totals
    by_label: dict[str, int] = {}
    for label, _ in totals_rec["nodes"]:
        by_label[label] = by_label.get(label, 0) + 1
    by_type: dict[str, int] = {}
    for rel_type in totals_rec["rels"]:
        by_type[rel_type] = by_type.get(rel_type, 0) + 1

    violations: list[Finding] = []
    warnings: list[Finding] = []

    retracted_support: list[str] = []
    for edge in data.edges:
        cits = edge["citations"]
        if edge["listed"] == 0:
            violations.append(Finding("uncited_relationship",
                                      f"{edge['type']} {edge['id']} has no citation",
                                      [edge["id"]]))
            continue
        if len(cits) < edge["listed"]:
            violations.append(Finding(
                "missing_citation",
                f"{edge['type']} {edge['id']} lists {edge['listed']} citations, "
                f"{edge['listed'] - len(cits)} of which do not exist", [edge["id"]]))
        for cit in cits:
            if not cit["found"]:
                violations.append(Finding(
                    "missing_publication",
                    f"citation {cit['id']} quotes publication {cit['publication_id']}, "
                    "which is not in the graph", [cit["id"], edge["id"]]))
            elif cit["at"] != cit["quote"]:
                violations.append(Finding(
                    "quote_mismatch",
                    f"citation {cit['id']} of {edge['type']} {edge['id']}: the text at "
                    f"[{cit['start']}, {cit['end']}) reads {str(cit['at'])[:60]!r}, "
                    f"not {cit['quote'][:60]!r}", [cit["id"], edge["id"]]))
        if any(c["retracted"] for c in cits):
            retracted_support.append(edge["id"])

    for row in data.self_accusations:
        violations.append(Finding(
            "self_accusation",
            f"{row['name']} both accuses and is accused in the allegation {row['summary']!r}",
            [row["id"], row["allegation"]]))

    publications = data.publications
    for pub in publications:
        if text_sha256(pub["text"] or "") != pub["sha256"]:
            violations.append(Finding(
                "hash_mismatch",
                f"publication {pub['url'] or pub['id']}: its stored text no longer matches "
                "its SHA-256", [pub["id"]]))

    groups: dict[str, list[str]] = {"single_source": [], "unsupported": [], "no_response": []}
    for alg in data.support:
        count = independent_sources([p for p in alg["pubs"] if p])
        if count <= 1:
            groups["unsupported" if count == 0 else "single_source"].append(alg["id"])
        if alg["responses"] == 0:
            groups["no_response"].append(alg["id"])
    groups["retracted_support"] = retracted_support
    for kind, ids in groups.items():
        if ids:
            warnings.append(Finding(kind, WARNING_TEXT[kind].format(n=len(ids)), sorted(ids)))
    stale = [c for c in data.superseded if c["others"] > 0]
    if stale:
        claims = "; ".join(sorted({str(c["claim"])[:80] for c in stale}))
        warnings.append(Finding(
            "superseded_citation", f"{len(stale)} citation(s) quote text a correction "
            f"removed (their claims keep other support): {claims}",
            sorted(c["id"] for c in stale)))
    for c in data.superseded:
        if c["others"] == 0:
            violations.append(Finding(
                "superseded_only", f"{c['rel_type']} {c['rel_id']} ({str(c['claim'])[:80]}) "
                f"rests only on a quote the corrected text ({c['snapshot']}) no longer says: "
                f"{str(c['quote'])[:60]!r}", [c["id"], c["rel_id"]]))
    cand = data.candidates
    if cand["review"]:
        warnings.append(Finding("open_review", f"{cand['review']} review candidate(s) are open"))
    if cand["merge"]:
        warnings.append(Finding("open_merge", f"{cand['merge']} merge candidate(s) are open"))

    totals = {
        "nodes": dict(sorted(by_label.items())),
        "relationships": dict(sorted(by_type.items())),
        "citations": by_label.get("Citation", 0),
        "publications": len(publications),
        "retracted_publications": sum(1 for p in publications if p["retracted"]),
    }
    return AuditReport(plain(totals), violations, warnings)
