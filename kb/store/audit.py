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

from neo4j import READ_ACCESS, AsyncDriver, Driver

from kb.model.graph import model
from kb.model.identity import text_sha256
from kb.store.values import plain

# Totals by label and type: a handful of groups, whatever the size of the graph.
LABELS = """
MATCH (n) UNWIND labels(n) AS label
RETURN label, count(*) AS n
"""

TYPES = """
MATCH ()-[r]->()
RETURN type(r) AS type, count(*) AS n
"""


def edges_statement(rel_type: str) -> str:
    """Every relationship of one cited type with each of its listed citations, streamed.

    The subquery runs per relationship, so nothing is aggregated over the whole
    graph (an earlier version collected every edge in one transaction and ran
    out of Neo4j's transaction memory at about 100k relationships). The quote is
    compared in the database; the text at the offsets travels only when it differs.
    """
    return f"""
MATCH (a)-[r:{rel_type}]->(b)
CALL (r) {{
  UNWIND coalesce(r.citation_ids, []) AS cid
  OPTIONAL MATCH (c:Citation {{id: cid}})
  OPTIONAL MATCH (c)-[:QUOTES]->(p:Publication)
  WITH c, p, CASE WHEN p IS NULL THEN null
              ELSE substring(p.text, c.start, c.end - c.start) END AS at
  RETURN collect(CASE WHEN c IS NULL THEN null ELSE {{
    id: c.id, publication_id: c.publication_id, found: p IS NOT NULL,
    quote: c.quote, start: c.start, end: c.end, ok: at = c.quote,
    at: CASE WHEN at = c.quote THEN null ELSE at END,
    retracted: coalesce(p.retracted, false)}} END) AS citations
}}
RETURN r.id AS id, type(r) AS type, a.id AS start, b.id AS end,
       size(coalesce(r.citation_ids, [])) AS listed, citations
"""


PUBLICATIONS = """
MATCH (p:Publication)
RETURN p.id AS id, p.url AS url, p.outlet AS outlet, p.sha256 AS sha256, p.text AS text,
       coalesce(p.retracted, false) AS retracted
"""

# The publications that support each allegation, through any of its cited edges;
# per allegation in a subquery, so the statement streams.
SUPPORT = """
MATCH (a:Allegation) WHERE coalesce(a.review, '') <> 'rejected'  // out of the record
CALL (a) {
  MATCH (a)-[r]-() WHERE type(r) IN $cited
  UNWIND coalesce(r.citation_ids, []) AS cid
  MATCH (c:Citation {id: cid})-[:QUOTES]->(p:Publication) USING INDEX c:Citation(id)
  RETURN collect(DISTINCT {id: p.id, outlet: p.outlet, sha256: p.sha256,
                           retracted: coalesce(p.retracted, false)}) AS pubs
}
RETURN a.id AS id, a.summary AS summary, pubs,
       COUNT { (:Response)-[:RESPONDS_TO]->(a) } AS responses
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


def audit_statements() -> list[tuple[str, str, dict[str, Any]]]:
    """(name, query, parameters) of every statement the audit reads, in order."""
    cited = model().cited_types
    return [("labels", LABELS, {}), ("types", TYPES, {}),
            *[("edges", edges_statement(t), {}) for t in cited],
            ("publications", PUBLICATIONS, {}), ("support", SUPPORT, {"cited": cited}),
            ("candidates", CANDIDATES, {}), ("self_accusations", SELF_ACCUSATIONS, {}),
            ("superseded", superseded_statement(), {})]


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
        "  MATCH (sc_cit:Citation {id: scid})-[:QUOTES]->(sp:Publication) "
        "USING INDEX sc_cit:Citation(id)",
        "  WITH DISTINCT sp WHERE NOT coalesce(sp.retracted, false)",
        "  WITH collect({o: toLower(trim(coalesce(sp.outlet, ''))), "
        "s: toLower(trim(coalesce(sp.sha256, '')))}) AS spubs",
        *("  " + line for line in independent_sources_cypher("spubs", out).splitlines()),
        "}",
    ])


def run_audit(driver: Driver, database: str) -> AuditReport:
    """Each statement streamed in its own read transaction and folded in as it arrives,
    so neither Neo4j nor this process holds the whole graph."""
    auditor = Auditor()
    with driver.session(database=database, default_access_mode=READ_ACCESS) as session:
        for name, query, params in audit_statements():
            for record in session.run(query, params):
                auditor.feed(name, record)
    return auditor.report()


async def run_audit_async(driver: AsyncDriver, database: str) -> AuditReport:
    """The same audit through the async driver (the API), the same statements."""
    auditor = Auditor()
    async with driver.session(database=database, default_access_mode=READ_ACCESS) as session:
        for name, query, params in audit_statements():
            result = await session.run(query, params)
            async for record in result:
                auditor.feed(name, record)
    return auditor.report()


class Auditor:
    """The report from the records, fed one at a time: pure, no database."""

    def __init__(self) -> None:
        self.by_label: dict[str, int] = {}
        self.by_type: dict[str, int] = {}
        self.violations: list[Finding] = []
        self.retracted_support: list[str] = []
        self.groups: dict[str, list[str]] = {"single_source": [], "unsupported": [],
                                             "no_response": []}
        self.publications = 0
        self.retracted_publications = 0
        self.candidates: Any = {"review": 0, "merge": 0}
        self.superseded: list[Any] = []

    def feed(self, name: str, record: Any) -> None:
        getattr(self, f"_{name}")(record)

    def _labels(self, rec: Any) -> None:
        self.by_label[rec["label"]] = rec["n"]

    def _types(self, rec: Any) -> None:
        self.by_type[rec["type"]] = rec["n"]

    def _edges(self, edge: Any) -> None:
        cits = edge["citations"]
        if edge["listed"] == 0:
            self.violations.append(Finding("uncited_relationship",
                                           f"{edge['type']} {edge['id']} has no citation",
                                           [edge["id"]]))
            return
        if len(cits) < edge["listed"]:
            self.violations.append(Finding(
                "missing_citation",
                f"{edge['type']} {edge['id']} lists {edge['listed']} citations, "
                f"{edge['listed'] - len(cits)} of which do not exist", [edge["id"]]))
        for cit in cits:
            if not cit["found"]:
                self.violations.append(Finding(
                    "missing_publication",
                    f"citation {cit['id']} quotes publication {cit['publication_id']}, "
                    "which is not in the graph", [cit["id"], edge["id"]]))
            elif not cit["ok"]:
                self.violations.append(Finding(
                    "quote_mismatch",
                    f"citation {cit['id']} of {edge['type']} {edge['id']}: the text at "
                    f"[{cit['start']}, {cit['end']}) reads {str(cit['at'])[:60]!r}, "
                    f"not {cit['quote'][:60]!r}", [cit["id"], edge["id"]]))
        if any(c["retracted"] for c in cits):
            self.retracted_support.append(edge["id"])

    def _publications(self, pub: Any) -> None:
        self.publications += 1
        self.retracted_publications += bool(pub["retracted"])
        if text_sha256(pub["text"] or "") != pub["sha256"]:
            self.violations.append(Finding(
                "hash_mismatch",
                f"publication {pub['url'] or pub['id']}: its stored text no longer matches "
                "its SHA-256", [pub["id"]]))

    def _support(self, alg: Any) -> None:
        count = independent_sources([p for p in alg["pubs"] if p])
        if count <= 1:
            self.groups["unsupported" if count == 0 else "single_source"].append(alg["id"])
        if alg["responses"] == 0:
            self.groups["no_response"].append(alg["id"])

    def _candidates(self, rec: Any) -> None:
        self.candidates = rec

    def _self_accusations(self, row: Any) -> None:
        self.violations.append(Finding(
            "self_accusation",
            f"{row['name']} both accuses and is accused in the allegation {row['summary']!r}",
            [row["id"], row["allegation"]]))

    def _superseded(self, cit: Any) -> None:
        """A citation whose quote a correction removed: a warning while its claim keeps
        other support, a violation when it was the claim's only support."""
        if cit["others"] == 0:
            self.violations.append(Finding(
                "superseded_only", f"{cit['rel_type']} {cit['rel_id']} "
                f"({str(cit['claim'])[:80]}) rests only on a quote the corrected text "
                f"({cit['snapshot']}) no longer says: {str(cit['quote'])[:60]!r}",
                [cit["id"], cit["rel_id"]]))
        else:
            self.superseded.append(cit)

    def report(self) -> AuditReport:
        warnings: list[Finding] = []
        groups = {**self.groups, "retracted_support": self.retracted_support}
        for kind, ids in groups.items():
            if ids:
                warnings.append(Finding(kind, WARNING_TEXT[kind].format(n=len(ids)),
                                        sorted(ids)))
        if self.superseded:
            claims = "; ".join(sorted({str(c["claim"])[:80] for c in self.superseded}))
            warnings.append(Finding(
                "superseded_citation", f"{len(self.superseded)} citation(s) quote text a "
                f"correction removed (their claims keep other support): {claims}",
                sorted(c["id"] for c in self.superseded)))
        cand = self.candidates
        if cand["review"]:
            warnings.append(Finding("open_review",
                                    f"{cand['review']} review candidate(s) are open"))
        if cand["merge"]:
            warnings.append(Finding("open_merge", f"{cand['merge']} merge candidate(s) are open"))
        totals = {
            "nodes": dict(sorted(self.by_label.items())),
            "relationships": dict(sorted(self.by_type.items())),
            "citations": self.by_label.get("Citation", 0),
            "publications": self.publications,
            "retracted_publications": self.retracted_publications,
        }
        return AuditReport(plain(totals), self.violations, warnings)
