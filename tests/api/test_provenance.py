"""Provenance over the API: audit, retraction, includeRetracted, explain, corroboration."""

from __future__ import annotations

from typing import Any

import pytest

from kb.api.ids import encode_id
from kb.store.audit import independent_sources, independent_sources_cypher
from tests.api_helpers import Api, codes, gid, load, token
from tests.conftest import Graph, seed_copy

RETRACT = """mutation ($p: ID!, $r: String!) { retractPublication(publication: $p, reason: $r) {
  alreadyRetracted unsupportedRelationships unsupportedClaims
  publication { retracted retractionReason } } }"""
MCGOWAN_LIST = """query ($who: ID!, $inc: Boolean) {
  allegations(filter: {accuser: $who}, includeRetracted: $inc) {
    totalCount edges { node { summary unsupported accusers { edges { node { name } } } } } } }"""


@pytest.fixture
def seeded(graph: Graph, seed_report: dict[str, Any]) -> Graph:
    load(graph, seed_report)
    return graph


def seed_publication(graph: Graph) -> str:
    rows = graph.query("MATCH (p:Publication {outlet: 'Harbor City News'}) RETURN p.id AS id")
    return encode_id("Publication", rows[0]["id"])


def test_the_seed_audits_clean_for_an_admin_only(seeded: Graph, api: Api) -> None:
    query = """{ audit { ok violations { kind message ids } warnings { kind ids }
      totals { nodesByLabel { name count } relationshipsByType { name count } citations publications
               retractedPublications } } }"""
    audit = api.data(query, token=token(seeded, "admin"))["audit"]
    assert audit["ok"] and audit["violations"] == []
    totals = audit["totals"]
    assert totals["publications"] == 1 and totals["retractedPublications"] == 0
    assert totals["citations"] > 0
    assert {"name": "Person", "count": 6} in totals["nodesByLabel"]
    assert any(r["name"] == "ACCUSES" for r in totals["relationshipsByType"])
    assert "single_source" in {w["kind"] for w in audit["warnings"]}
    for role in ("reader", "editor"):
        assert codes(api.post(query, token=token(seeded, role))) == ["FORBIDDEN"]
    assert codes(api.post(query)) == ["UNAUTHENTICATED"]


def test_retracting_the_seed_hides_marlows_allegation_by_default_and_logs_it(
    seeded: Graph, api: Api
) -> None:
    admin, reader, editor = (token(seeded, r) for r in ("admin", "reader", "editor"))
    marlow = gid(seeded, "Person", "Ines Marlow")
    vale = gid(seeded, "Person", "Conrad Vale")
    quill = gid(seeded, "Person", "Dana Quill")
    before = api.data(MCGOWAN_LIST, {"who": marlow}, token=reader)["allegations"]
    assert before["totalCount"] == 1 and before["edges"][0]["node"]["unsupported"] is False

    variables = {"p": seed_publication(seeded), "r": "test retraction"}
    assert codes(api.post(RETRACT, variables, token=reader)) == ["FORBIDDEN"]
    assert codes(api.post(RETRACT, variables, token=editor)) == ["FORBIDDEN"]
    counts = seeded.counts()
    done = api.data(RETRACT, variables, token=admin)["retractPublication"]
    assert done["publication"] == {"retracted": True, "retractionReason": "test retraction"}
    assert done["alreadyRetracted"] is False and done["unsupportedRelationships"]
    alg = seeded.query("MATCH (:Person {name: 'Ines Marlow'})-[:ACCUSES]->(a:Allegation) "
                       "RETURN a.id AS id")[0]["id"]
    assert alg in done["unsupportedClaims"]
    assert seeded.counts() == {**counts, "AuditEvent": 1}  # nothing deleted

    hidden = api.data(MCGOWAN_LIST, {"who": marlow}, token=reader)["allegations"]
    assert hidden == {"totalCount": 0, "edges": []}
    shown = api.data(MCGOWAN_LIST, {"who": marlow, "inc": True}, token=reader)["allegations"]
    assert shown["totalCount"] == 1
    node = shown["edges"][0]["node"]
    assert node["unsupported"] is True
    assert [e["node"]["name"] for e in node["accusers"]["edges"]] == ["Ines Marlow"]

    timeline = """query ($e: ID!, $inc: Boolean!) { timeline(entity: $e, includeRetracted: $inc)
      { kind node { id } } }"""
    alg_gid = encode_id("Allegation", alg)
    default = api.data(timeline, {"e": marlow, "inc": False}, token=reader)["timeline"]
    assert alg_gid not in {e["node"]["id"] for e in default}
    full = api.data(timeline, {"e": marlow, "inc": True}, token=reader)["timeline"]
    assert alg_gid in {e["node"]["id"] for e in full}

    paths = """query ($a: ID!, $b: ID!, $inc: Boolean!) {
      connections(from: $a, to: $b, includeRetracted: $inc) { hops { to { id } } } }"""
    through = {"a": quill, "b": vale}
    default_paths = api.data(paths, {**through, "inc": False}, token=reader)["connections"]
    assert not any(h["to"]["id"] == alg_gid for p in default_paths for h in p["hops"])
    all_paths = api.data(paths, {**through, "inc": True}, token=reader)["connections"]
    assert any(h["to"]["id"] == alg_gid for p in all_paths for h in p["hops"])

    made = """query ($id: ID!, $inc: Boolean) { node(id: $id) { ... on Person {
      allegationsMade(includeRetracted: $inc) { totalCount } } } }"""
    assert api.data(made, {"id": marlow}, token=reader)["node"][
        "allegationsMade"]["totalCount"] == 0
    assert api.data(made, {"id": marlow, "inc": True}, token=reader)["node"][
        "allegationsMade"]["totalCount"] == 1
    people = api.data("{ people(includeRetracted: true) { edges { node { name "
                      "allegationsMade { totalCount } } } } }", token=reader)["people"]
    assert {"name": "Ines Marlow", "allegationsMade": {"totalCount": 1}} in [
        e["node"] for e in people["edges"]]

    log = api.data('{ auditLog { action role input entityIds afterIds } }',
                   token=admin)["auditLog"]
    assert [e["action"] for e in log] == ["retractPublication"]
    assert log[0]["input"]["reason"] == "test retraction" and alg in log[0]["afterIds"]

    again = api.data(RETRACT, variables, token=admin)["retractPublication"]
    assert again["alreadyRetracted"] is True
    audit = api.data("{ audit { ok totals { retractedPublications } warnings { kind ids } } }",
                     token=admin)["audit"]
    assert audit["ok"] and audit["totals"]["retractedPublications"] == 1
    assert alg in next(w["ids"] for w in audit["warnings"] if w["kind"] == "unsupported")


def test_a_retraction_needs_a_reason_and_a_publication(seeded: Graph, api: Api) -> None:
    admin = token(seeded, "admin")
    assert codes(api.post(RETRACT, {"p": seed_publication(seeded), "r": " "}, token=admin)) == [
        "INVALID_INPUT"]
    missing = encode_id("Publication", "pub_nothing")
    assert codes(api.post(RETRACT, {"p": missing, "r": "x"}, token=admin)) == ["NOT_FOUND"]
    assert not seeded.query("MATCH (e:AuditEvent) RETURN e")


EXPLAIN = """relationshipId relationshipType unsupported
  start { id ... on Person { name } } end { id }
  citations { quote contextBefore contextAfter start end verified method confidence
              createdBy createdAt
              publication { outlet url published retrieved sha256 retracted retractionReason } }"""


def test_explain_gives_marlows_accusation_its_quote_in_context_and_source(
    seeded: Graph, dev_api: Api
) -> None:
    marlow = gid(seeded, "Person", "Ines Marlow")
    body = dev_api.post("""query ($id: ID!) { node(id: $id) { ... on Person {
      allegationsMade { edges { relationshipId explain { EXPLAIN } } } } } }"""
                        .replace("EXPLAIN", EXPLAIN), {"id": marlow})
    assert not body.get("errors"), body
    assert body["extensions"]["cypherStatements"] == 1
    edge = body["data"]["node"]["allegationsMade"]["edges"][0]
    chain = edge["explain"]
    assert chain["relationshipType"] == "ACCUSES" and chain["unsupported"] is False
    assert chain["relationshipId"] == edge["relationshipId"]
    assert chain["start"] == {"id": marlow, "name": "Ines Marlow"}
    cit = chain["citations"][0]
    pub = seeded.query("MATCH (p:Publication) RETURN p.text AS text, p.sha256 AS sha")[0]
    assert cit["quote"] == pub["text"][cit["start"]:cit["end"]] and cit["verified"]
    assert cit["contextBefore"] == pub["text"][max(0, cit["start"] - 80):cit["start"]]
    assert cit["contextAfter"] == pub["text"][cit["end"]:cit["end"] + 80]
    assert cit["contextBefore"] and cit["contextAfter"]
    assert cit["publication"]["sha256"] == pub["sha"]
    assert cit["publication"]["outlet"] == "Harbor City News"
    assert cit["publication"]["retracted"] is False
    assert cit["createdBy"] == "test" and cit["createdAt"] and cit["method"]

    root = dev_api.data("query ($r: ID!) { explain(relationship: $r) { EXPLAIN } }"
                        .replace("EXPLAIN", EXPLAIN), {"r": edge["relationshipId"]})
    assert root["explain"] == chain
    assert dev_api.data('{ explain(relationship: "rel_nothing") { relationshipId } }') == {
        "explain": None}


def test_explain_on_every_edge_of_a_list_stays_one_statement(
    seeded: Graph, dev_api: Api
) -> None:
    body = dev_api.post("""{ allegations { edges { node { summary
        accusers { edges { node { name } explain { relationshipType
                   citations { quote contextBefore createdBy } } } }
        accused { edges { explain { unsupported citations { quote } } } } } } } }""")
    assert not body.get("errors"), body
    assert body["extensions"]["cypherStatements"] == 1
    edges = [e for a in body["data"]["allegations"]["edges"]
             for e in a["node"]["accused"]["edges"]]
    assert edges and all(e["explain"]["citations"] for e in edges)
    timeline = dev_api.post("""query ($e: ID!) { timeline(entity: $e) {
        kind explain { relationshipType citations { quote } } } }""",
                            {"e": gid(seeded, "Person", "Conrad Vale")})
    assert timeline["extensions"]["cypherStatements"] == 1
    assert all(e["explain"]["citations"] for e in timeline["data"]["timeline"])


def test_a_syndicated_copy_is_not_an_independent_source(
    seeded: Graph, dev_api: Api
) -> None:
    query = """query ($who: ID!) { allegations(filter: {accuser: $who}) {
      edges { node { independentSources } } } }"""
    marlow = {"who": gid(seeded, "Person", "Ines Marlow")}
    assert dev_api.data(query, marlow)["allegations"]["edges"][0]["node"] == {
        "independentSources": 1}
    load(seeded, seed_copy(url="https://wire.example.org/metoo",
                               outlet="Example Wire"))
    assert seeded.query("MATCH (p:Publication) RETURN count(p) AS n")[0]["n"] == 2
    assert dev_api.data(query, marlow)["allegations"]["edges"][0]["node"] == {
        "independentSources": 1}


CASES = [
    [],
    [{"outlet": "A", "sha256": "1", "retracted": False}],
    [{"outlet": "A", "sha256": "1", "retracted": False},
     {"outlet": "B", "sha256": "1", "retracted": False},
     {"outlet": "A", "sha256": "2", "retracted": False},
     {"outlet": "C", "sha256": "3", "retracted": False},
     {"outlet": "D", "sha256": "4", "retracted": True}],
    # A chain: 1-2 by hash, 2-3 by outlet, 3-4 by hash, listed so one round is not enough.
    [{"outlet": "W", "sha256": "x", "retracted": False},
     {"outlet": "Z", "sha256": "y", "retracted": False},
     {"outlet": "Y", "sha256": "y", "retracted": False},
     {"outlet": "Y", "sha256": "z", "retracted": False},
     {"outlet": "X", "sha256": "z", "retracted": False},
     {"outlet": " w ", "sha256": "", "retracted": False},
     {"outlet": "", "sha256": "", "retracted": False}],
]


@pytest.mark.parametrize("pubs", CASES)
def test_the_cypher_count_of_independent_sources_matches_the_python_one(
    session_graph: Graph, pubs: list[dict[str, Any]]
) -> None:
    live = [{"o": p["outlet"].strip().lower(), "s": p["sha256"].strip().lower()}
            for p in pubs if not p["retracted"]]
    rows = session_graph.query("WITH $pubs AS pubs\n" + independent_sources_cypher("pubs", "n"),
                               pubs=live)
    assert rows[0]["n"] == independent_sources(pubs)
