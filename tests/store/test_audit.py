"""Provenance audits: every edge proven, tampering caught, retractions followed."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from pyld import jsonld

from kb.model.report import parse_report
from kb.render.exports import to_csv, to_graphml, to_jsonld
from kb.store.audit import independent_sources, run_audit
from kb.store.write import write_report
from tests.conftest import Graph, seed_copy

SEED_URL = "https://harborcity.example.com/news/speakloud-hashtag-rallying-cry-n4471"


def load(graph: Graph, data: dict[str, Any]) -> None:
    report, text = parse_report(copy.deepcopy(data))
    write_report(graph.driver, graph.database, report, text, created_by="test")


def marlow_allegation(graph: Graph) -> str:
    return graph.query(
        "MATCH (:Person {name: 'Ines Marlow'})-[:ACCUSES]->(a:Allegation) RETURN a.id AS id"
    )[0]["id"]


def test_the_seed_audits_clean_and_the_cli_exits_zero(
    graph: Graph, seed_report: dict[str, Any]
) -> None:
    load(graph, seed_report)
    out = graph.kb("audit", "--fail-on", "violations")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "violations: 0" in out.stdout
    report = json.loads(graph.kb("audit", "--format", "json", check=True).stdout)
    assert report["violations"] == [] and report["ok"]
    assert report["totals"]["citations"] > 0


def test_a_moved_citation_is_reported_exactly_and_fails_the_audit(
    graph: Graph, seed_report: dict[str, Any]
) -> None:
    load(graph, seed_report)
    cit = graph.query("MATCH (c:Citation) RETURN c.id AS id ORDER BY c.id LIMIT 1")[0]["id"]
    graph.query("MATCH (c:Citation {id: $id}) SET c.start = c.start + 1, c.end = c.end + 1",
                id=cit)
    report = run_audit(graph.driver, graph.database).as_dict()
    assert [v["kind"] for v in report["violations"]] == ["quote_mismatch"]
    assert report["violations"][0]["ids"][0] == cit
    out = graph.kb("audit", "--fail-on", "violations")
    assert out.returncode == 1
    assert cit in out.stdout


def test_a_changed_publication_text_is_a_hash_violation(
    graph: Graph, seed_report: dict[str, Any]
) -> None:
    load(graph, seed_report)
    graph.query("MATCH (p:Publication) SET p.text = p.text + ' (edited)'")
    kinds = {v.kind for v in run_audit(graph.driver, graph.database).violations}
    assert "hash_mismatch" in kinds


def test_an_edge_without_citation_is_a_violation(graph: Graph,
                                                 seed_report: dict[str, Any]) -> None:
    load(graph, seed_report)
    graph.query("MATCH ()-[r:ACCUSES]->() SET r.citation_ids = []")
    kinds = [v.kind for v in run_audit(graph.driver, graph.database).violations]
    assert kinds == ["uncited_relationship"]


def test_a_syndicated_copy_is_not_an_independent_source(
    graph: Graph, seed_report: dict[str, Any]
) -> None:
    load(graph, seed_report)
    load(graph, seed_copy(url="https://wire.example.org/metoo",
                              outlet="Example Wire"))
    report = run_audit(graph.driver, graph.database)
    single = next(w for w in report.warnings if w.kind == "single_source")
    assert marlow_allegation(graph) in single.ids


def test_independent_sources_collapse_same_outlet_and_same_text() -> None:
    pubs = [
        {"outlet": "A", "sha256": "1", "retracted": False},
        {"outlet": "B", "sha256": "1", "retracted": False},   # a copy of A's text
        {"outlet": "A", "sha256": "2", "retracted": False},   # A again, another text
        {"outlet": "C", "sha256": "3", "retracted": False},
        {"outlet": "D", "sha256": "4", "retracted": True},    # retracted: not a source
    ]
    assert independent_sources(pubs) == 2
    assert independent_sources([]) == 0


def test_retracting_the_only_source_hides_its_claims_but_keeps_them(
    graph: Graph, seed_report: dict[str, Any]
) -> None:
    load(graph, seed_report)
    before_nodes = graph.counts()
    out = graph.kb("retract", SEED_URL, "--reason", "test retraction", check=True)
    assert "retracted" in out.stdout
    alg = marlow_allegation(graph)
    assert graph.query("MATCH (a:Allegation {id: $id}) RETURN a.unsupported AS u",
                       id=alg)[0]["u"] is True
    assert graph.counts() == {**before_nodes, "AuditEvent": 1}   # nothing deleted
    shown = graph.kb("show", "Conrad Vale", check=True).stdout
    assert "Allegations against Conrad Vale: 0" in shown
    everything = graph.kb("show", "Conrad Vale", "--include-retracted", check=True).stdout
    assert "Allegations against Conrad Vale: 2" in everything
    warnings = {w.kind: w for w in run_audit(graph.driver, graph.database).warnings}
    assert alg in warnings["unsupported"].ids
    assert warnings["retracted_support"].ids
    log = json.loads(graph.kb("log", "--json", check=True).stdout)
    assert [e["action"] for e in log] == ["retractPublication"]
    again = graph.kb("retract", SEED_URL, "--reason", "twice", check=True)
    assert "already retracted" in again.stdout


def test_a_second_source_keeps_a_claim_supported_after_a_retraction(
    graph: Graph, seed_report: dict[str, Any]
) -> None:
    load(graph, seed_report)
    load(graph, seed_copy(url="https://wire.example.org/metoo"))
    graph.kb("retract", SEED_URL, "--reason", "test", check=True)
    alg = marlow_allegation(graph)
    assert graph.query("MATCH (a:Allegation {id: $id}) RETURN a.unsupported AS u",
                       id=alg)[0]["u"] is not True


def test_retracting_an_unknown_publication_says_so(graph: Graph) -> None:
    out = graph.kb("retract", "https://nowhere.example.org/x", "--reason", "r")
    assert out.returncode == 1
    assert "no publication" in out.stderr


def test_a_correction_reports_the_citations_it_breaks(
    graph: Graph, seed_report: dict[str, Any], tmp_path: Path
) -> None:
    load(graph, seed_report)
    text = seed_report["publication"]["text"].replace("who has accused Vale of raping her",
                                                      "who has made allegations")
    path = tmp_path / "corrected.txt"
    path.write_text(text, encoding="utf-8")
    out = graph.kb("correct", SEED_URL, "--text-file", str(path), check=True)
    assert "citations that no longer verify against it: " in out.stdout
    stale = int(out.stdout.split("no longer verify against it: ")[1].split()[0])
    citations = graph.query("MATCH (c:Citation) RETURN c.quote AS q, c.start AS s, c.end AS e")
    broken = [c for c in citations if text[c["s"]:c["e"]] != c["q"]]
    gone = [c for c in broken if c["q"] not in text]
    assert stale == len(broken) > len(gone) > 0   # moved quotes count, and say where they went
    assert "no longer in the text" in out.stdout and "now at " in out.stdout
    assert graph.query("MATCH (s:PublicationSnapshot) RETURN count(s) AS c")[0]["c"] == 1
    # A claim now resting only on quotes the current text no longer says is a violation.
    violations = run_audit(graph.driver, graph.database).violations
    assert {v.kind for v in violations} == {"superseded_only"}
    flagged = {v.ids[0] for v in violations}
    assert flagged <= {c["id"] for c in graph.query(
        "MATCH (c:Citation) WHERE c.superseded_by IS NOT NULL RETURN c.id AS id")}


def test_explain_gives_each_citation_in_context_with_its_source(
    graph: Graph, seed_report: dict[str, Any]
) -> None:
    load(graph, seed_report)
    rel = graph.query("MATCH (:Person {name: 'Ines Marlow'})-[r:ACCUSES]->() RETURN r.id AS id")
    data = json.loads(graph.kb("explain", rel[0]["id"], "--json", check=True).stdout)
    assert data["type"] == "ACCUSES" and data["start"]["name"] == "Ines Marlow"
    citation = data["citations"][0]
    assert citation["verified"] and citation["context"]["quote"] == citation["quote"]
    assert citation["publication"]["outlet"] == "Harbor City News"
    assert citation["publication"]["sha256"] and citation["created_by"] == "test"
    missing = graph.kb("explain", "rel_nothing")
    assert missing.returncode == 1 and "no relationship" in missing.stderr


@pytest.fixture
def seeded_export(graph: Graph, seed_report: dict[str, Any]) -> dict[str, Any]:
    load(graph, seed_report)
    return graph.export()


def test_jsonld_export_expands_and_every_annotation_points_at_its_quote(
    seeded_export: dict[str, Any], seed_report: dict[str, Any]
) -> None:
    doc = to_jsonld(seeded_export)
    text = seed_report["publication"]["text"]
    expanded = jsonld.expand(doc)
    oa = "http://www.w3.org/ns/oa#"
    expanded_notes = [n for n in expanded if oa + "Annotation" in n.get("@type", [])]
    for note in expanded_notes:
        target = note[oa + "hasTarget"][0]
        selectors = target[oa + "hasSelector"]
        exact = next(s[oa + "exact"][0]["@value"] for s in selectors if oa + "exact" in s)
        pos = next(s for s in selectors if oa + "start" in s)
        start, end = int(pos[oa + "start"][0]["@value"]), int(pos[oa + "end"][0]["@value"])
        assert text[start:end] == exact
    annotations = [n for n in doc["@graph"] if n.get("type") == "Annotation"]
    assert len(expanded_notes) == len(annotations) > 0
    assert len(annotations) == sum(len(r["citations"]) for r in seeded_export["relationships"])
    for note in annotations:
        quote, position = note["target"]["selector"]
        assert text[position["start"]:position["end"]] == quote["exact"]


def test_graphml_and_csv_exports_parse(seeded_export: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "kb.graphml"
    path.write_text(to_graphml(seeded_export))
    g = nx.read_graphml(path)
    assert g.number_of_nodes() == len(seeded_export["nodes"])
    assert g.number_of_edges() == len(seeded_export["relationships"])
    tables = to_csv(seeded_export)
    assert tables["nodes.csv"].count("\n") == len(seeded_export["nodes"]) + 1
