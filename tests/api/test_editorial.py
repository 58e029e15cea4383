"""Editorial control over HTTP against the real server: the review queue and decisions,
reviewed/asOf reads, corrections in `verified`, merges and "not the same", the audit log."""

from __future__ import annotations

from pathlib import Path

from kb.api.ids import encode_id
from kb.store.merge import candidate_id
from kb.store.retract import correct
from tests.api_helpers import Api, codes, gid, token
from tests.conftest import Graph
from tests.editorial_helpers import (
    METRO,
    brisbane_allegation,
    load_article,
    load_charge,
    load_reports,
)

QUEUE = """{ reviewQueue(first: 10) { id kind summary sentence context rule confidence
  reviewState publication { title published } claim { id ... on Allegation { reviewState } } } }"""
ALLEGATIONS = """query ($reviewed: Boolean, $asOf: Date) {
  allegations(reviewed: $reviewed, asOf: $asOf) { totalCount edges { node { id summary status
    reviewState accused { edges { reviewState firstCited node { name } } } } } } }"""
ACCEPT = "mutation ($id: ID!) { acceptClaim(id: $id) { id reviewState } }"
REJECT = """mutation ($id: ID!, $r: String!) { rejectClaim(id: $id, reason: $r) {
  id reviewState } }"""
EDIT = """mutation ($id: ID!, $in: EditClaimInput!) { editClaim(id: $id, input: $in) {
  id kind summary reviewState claim { ... on Allegation { categories accused { edges {
  node { name } } } } } } }"""
LOG = "{ auditLog { action actor entityIds } }"


def summaries(api: Api, who: str, **variables: object) -> dict[str, str]:
    data = api.data(ALLEGATIONS, dict(variables), token=who)["allegations"]
    return {e["node"]["summary"]: e["node"]["reviewState"] for e in data["edges"]}


def test_an_extracted_article_waits_in_the_review_queue(graph: Graph, api: Api) -> None:
    load_reports(graph)
    load_article(graph)
    editor = token(graph, "editor")
    queue = api.data(QUEUE, token=editor)["reviewQueue"]
    alg = encode_id("Allegation", brisbane_allegation(graph))
    item = next(i for i in queue if i["id"] == alg)
    assert item["kind"] == "allegation" and item["reviewState"] == "UNREVIEWED"
    assert "Howard Brisbane" in item["summary"] and item["rule"].startswith("rule:")
    assert item["sentence"] in item["context"] and len(item["context"]) > len(item["sentence"])
    assert item["publication"]["published"] == "2022-03-07"
    assert item["claim"] == {"id": alg, "reviewState": "UNREVIEWED"}
    assert {i["kind"] for i in queue} >= {"allegation", "denial"}
    assert all(i["reviewState"] == "UNREVIEWED" for i in queue)
    assert not [i for i in queue if "Delgado" in i["summary"]]  # curated: accepted
    reader = token(graph, "reader")
    assert codes(api.post(QUEUE, token=reader)) == ["FORBIDDEN"]
    everything = summaries(api, reader)
    assert everything["sexual harassment of his former assistant"] == "ACCEPTED"
    assert "UNREVIEWED" in everything.values()
    assert "UNREVIEWED" not in summaries(api, reader, reviewed=True).values()


def test_accept_reject_and_edit_change_what_default_queries_return(
        graph: Graph, api: Api) -> None:
    load_article(graph)
    editor, reader = token(graph, "editor"), token(graph, "reader")
    alg = encode_id("Allegation", brisbane_allegation(graph))
    assert summaries(api, reader, reviewed=True) == {}
    done = api.data(ACCEPT, {"id": alg}, token=editor)["acceptClaim"]
    assert done == {"id": alg, "reviewState": "ACCEPTED"}
    accepted = api.data(ALLEGATIONS, {"reviewed": True}, token=reader)["allegations"]
    assert accepted["totalCount"] == 1
    assert accepted["edges"][0]["node"]["accused"]["edges"][0]["reviewState"] == "ACCEPTED"

    relation = graph.query("MATCH ()-[r:AFFILIATED_WITH]->() RETURN r.id AS id")[0]["id"]
    assert api.data(REJECT, {"id": relation, "r": "not his employer"},
                    token=editor)["rejectClaim"]["reviewState"] == "REJECTED"
    person = gid(graph, "Person", "Nadine Osterberg")
    node = api.data("""query ($id: ID!) { node(id: $id) { ... on Person {
        affiliations { totalCount } } } }""", {"id": person}, token=reader)["node"]
    assert node["affiliations"]["totalCount"] == 0

    edited = api.data(EDIT, {"id": alg, "in": {"category": "assault"}},
                      token=editor)["editClaim"]
    assert edited["id"] != alg and edited["reviewState"] == "ACCEPTED"
    assert edited["claim"]["categories"] == ["assault"]
    now = api.data(ALLEGATIONS, {}, token=reader)["allegations"]["edges"]
    assert [e["node"]["id"] for e in now] == [edited["id"]]  # the one as read is rejected
    assert [e["action"] for e in api.data(LOG, token=token(graph, "admin"))["auditLog"]] == [
        "editClaim", "rejectClaim", "acceptClaim"]


def test_decisions_refuse_bad_input_and_readers_and_change_nothing(
        graph: Graph, api: Api) -> None:
    load_article(graph)
    editor, reader = token(graph, "editor"), token(graph, "reader")
    alg = encode_id("Allegation", brisbane_allegation(graph))
    before = graph.export()
    cases = [
        (ACCEPT, {"id": alg}, reader, "FORBIDDEN"),
        (REJECT, {"id": alg, "r": "  "}, editor, "INVALID_INPUT"),
        (ACCEPT, {"id": encode_id("Person", "per_x")}, editor, "INVALID_INPUT"),
        (ACCEPT, {"id": "alg_nothing"}, editor, "NOT_FOUND"),
        (EDIT, {"id": alg, "in": {}}, editor, "INVALID_INPUT"),
        (EDIT, {"id": alg, "in": {"denier": "Howard Brisbane"}}, editor, "INVALID_INPUT"),
        (EDIT, {"id": alg, "in": {"accused": "per_nobody"}}, editor, "NOT_FOUND"),
    ]
    for query, variables, who, code in cases:
        assert codes(api.post(query, variables, token=who)) == [code], (query, variables)
    assert graph.export() == before
    assert api.data(LOG, token=token(graph, "admin"))["auditLog"] == []


def test_a_rejection_stays_when_the_article_is_extracted_again(graph: Graph, api: Api) -> None:
    load_article(graph)
    editor, reader = token(graph, "editor"), token(graph, "reader")
    alg = encode_id("Allegation", brisbane_allegation(graph))
    api.data(REJECT, {"id": alg, "r": "misread"}, token=editor)
    load_article(graph)
    assert summaries(api, reader) == {}
    assert alg not in {i["id"] for i in api.data(QUEUE, token=editor)["reviewQueue"]}


def test_as_of_gives_the_record_as_published_by_then(graph: Graph, api: Api) -> None:
    load_reports(graph)
    load_charge(graph)
    reader = token(graph, "reader")
    delgado = gid(graph, "Person", "Conrad Delgado")

    def status(as_of: str | None) -> list[str]:
        data = api.data(ALLEGATIONS, {"asOf": as_of}, token=reader)["allegations"]
        return [e["node"]["status"] for e in data["edges"]
                if e["node"]["summary"] == "sexual harassment of his former assistant"]

    assert status("2024-03-01") == [] and status("2024-03-04") == ["denied"]
    assert status(None) == ["charged"] and status("2024-06-03") == ["charged"]
    history = """query ($d: Date) { allegations(asOf: $d) { edges { node {
      statusHistory { status date outlet quote } } } } }"""
    events = api.data(history, {"d": None}, token=reader)["allegations"]["edges"][0]["node"]
    assert [(e["status"], e["date"]) for e in events["statusHistory"]] == [
        ("alleged", "2024-03-04"), ("denied", "2024-03-04"), ("alleged", "2024-03-05"),
        ("charged", "2024-06-03")]
    assert events["statusHistory"][-1]["outlet"] == "The Bayside Herald"
    assert "charged" in events["statusHistory"][-1]["quote"]
    march = api.data(history, {"d": "2024-03-04"}, token=reader)["allegations"]["edges"]
    assert [e["status"] for e in march[0]["node"]["statusHistory"]] == ["alleged", "denied"]
    node = """query ($id: ID!, $d: Date) { node(id: $id, asOf: $d) { ... on Person {
      allegationsFaced { edges { node { status } citations { publication { outlet } } } } } } }"""
    march = api.data(node, {"id": delgado, "d": "2024-03-04"}, token=reader)["node"]
    outlets = {c["publication"]["outlet"] for e in march["allegationsFaced"]["edges"]
               for c in e["citations"]}
    assert outlets == {"The Harborview Ledger"}
    later = api.data(node, {"id": delgado, "d": None}, token=reader)["node"]
    assert {c["publication"]["outlet"] for e in later["allegationsFaced"]["edges"]
            for c in e["citations"]} >= {"The Harborview Ledger", "The Bayside Herald"}
    timeline = """query ($id: ID!, $d: Date) { timeline(entity: $id, asOf: $d) { date kind } }"""
    dates = {e["date"] for e in api.data(timeline, {"id": delgado, "d": "2024-03-04"},
                                         token=reader)["timeline"]}
    assert dates and max(dates) <= "2024-03-04"
    assert "2024-06-03" in {e["date"] for e in api.data(
        timeline, {"id": delgado, "d": None}, token=reader)["timeline"]}
    paths = """query ($a: ID!, $b: ID!, $d: Date) { connections(from: $a, to: $b, asOf: $d) {
      length } }"""
    farrow = gid(graph, "Person", "Nadia Farrow")
    assert api.data(paths, {"a": farrow, "b": delgado, "d": "2024-03-01"},
                    token=reader)["connections"] == []
    assert api.data(paths, {"a": farrow, "b": delgado, "d": "2024-03-04"},
                    token=reader)["connections"]


def test_a_correction_makes_citations_unverified_in_the_api(
        graph: Graph, api: Api, tmp_path: Path) -> None:
    load_reports(graph)
    text = graph.query("MATCH (p:Publication {url: $u}) RETURN p.text AS t", u=METRO)[0]["t"]
    apology = '"I apologize to anyone I made to feel unsafe," he said'
    correct(graph.driver, graph.database, METRO, text.replace(apology, "He said no more."),
            "correction", "test")
    reader = token(graph, "reader")
    pratt = gid(graph, "Person", "Owen Pratt")
    query = """query ($id: ID!, $inc: Boolean!) { node(id: $id, includeRetracted: $inc) {
      ... on Person { responsesIssued { edges { node { type }
        citations { quote verified supersededBy } } } } } }"""
    shown = api.data(query, {"id": pratt, "inc": False}, token=reader)["node"]
    assert "apology" not in {e["node"]["type"] for e in shown["responsesIssued"]["edges"]}
    every = api.data(query, {"id": pratt, "inc": True}, token=reader)["node"]
    cits = {c["quote"]: c for e in every["responsesIssued"]["edges"] for c in e["citations"]}
    assert cits[apology]["verified"] is False and cits[apology]["supersededBy"].startswith("snp_")
    assert all(c["verified"] for q, c in cits.items() if q != apology)
    audit = api.data("{ audit { ok violations { kind ids } } }",
                     token=token(graph, "admin"))["audit"]
    assert not audit["ok"] and {v["kind"] for v in audit["violations"]} == {"superseded_only"}


MERGE = """mutation ($k: ID!, $m: ID!) { mergeEntities(keep: $k, merge: $m, reason: "same") {
  mergeId kept { name aliases } merged { name } movedRelationships } }"""
UNMERGE = """mutation ($m: ID!) { unmergeEntities(merged: $m, reason: "two people") {
  kept { name aliases } movedRelationships } }"""


def test_merge_and_unmerge_over_the_api_restore_the_export(graph: Graph, api: Api) -> None:
    load_reports(graph)
    editor, reader = token(graph, "editor"), token(graph, "reader")
    before = graph.export()
    delgado, lena = gid(graph, "Person", "Conrad Delgado"), gid(graph, "Person",
                                                                 "Lena Whitcombe")
    done = api.data(MERGE, {"k": delgado, "m": lena}, token=editor)["mergeEntities"]
    assert "Lena Whitcombe" in done["kept"]["aliases"] and len(done["movedRelationships"]) == 2
    people = api.data("{ people { edges { node { name } } } }", token=reader)["people"]
    assert "Lena Whitcombe" not in {e["node"]["name"] for e in people["edges"]}
    assert codes(api.post(MERGE, {"k": delgado, "m": lena}, token=editor)) == ["INVALID_INPUT"]
    undone = api.data(UNMERGE, {"m": lena}, token=editor)["unmergeEntities"]
    assert "Lena Whitcombe" not in undone["kept"]["aliases"]
    assert graph.export() == before
    assert codes(api.post(UNMERGE, {"m": lena}, token=editor)) == ["NOT_FOUND"]
    assert codes(api.post(MERGE, {"k": delgado, "m": lena}, token=reader)) == ["FORBIDDEN"]
    actions = [e["action"] for e in api.data(LOG, token=token(graph, "admin"))["auditLog"]]
    assert actions == ["unmergeEntities", "mergeEntities"]


def test_merge_candidates_are_resolved_either_way(graph: Graph, api: Api) -> None:
    load_reports(graph)
    editor = token(graph, "editor")
    a, b = (graph.query("MATCH (p:Person {name: $n}) RETURN p.id AS id", n=n)[0]["id"]
            for n in ("Conrad Delgado", "Owen Pratt"))
    left, right = sorted([a, b])
    cand = candidate_id(a, b)  # the id the loader gives the pair
    graph.query("CREATE (:MergeCandidate {id: $id, left_id: $l, right_id: $r, "
                "reason: 'a test', status: 'open'})", id=cand, l=left, r=right)
    candidates = api.data("{ mergeCandidates { id reason left { name } right { name } } }",
                          token=editor)["mergeCandidates"]
    assert candidates == [{"id": cand, "reason": "a test",
                           "left": {"name": candidates[0]["left"]["name"]},
                           "right": {"name": candidates[0]["right"]["name"]}}]
    assert {candidates[0]["left"]["name"], candidates[0]["right"]["name"]} == {
        "Conrad Delgado", "Owen Pratt"}
    resolved = api.data("""mutation ($id: ID!) { resolveMergeCandidate(id: $id, same: false,
        reason: "two men") }""", {"id": cand}, token=editor)
    assert resolved == {"resolveMergeCandidate": cand}
    assert api.data("{ mergeCandidates { id } }", token=editor)["mergeCandidates"] == []
    distinct = """mutation ($a: ID!, $b: ID!) { markDistinct(left: $a, right: $b,
      reason: "not the same") }"""
    ga, gb = encode_id("Person", a), encode_id("Person", b)
    assert api.data(distinct, {"a": ga, "b": gb}, token=editor)["markDistinct"].startswith(
        "mrg_")
    assert codes(api.post(MERGE, {"k": ga, "m": gb}, token=editor)) == ["INVALID_INPUT"]
    assert graph.query("MATCH (m:MergeCandidate {status: 'open'}) RETURN count(m) AS n"
                       )[0]["n"] == 0
