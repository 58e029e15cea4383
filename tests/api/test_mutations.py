"""Mutations: editors only, every claim cited and verified, every write audited."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api_helpers import (
    Api,
    codes,
    gid,
    load,
    pub_gid,
    token,
)
from tests.conftest import Graph

RECORD = """
mutation ($input: AllegationInput!) {
  recordAllegation(input: $input) {
    id summary status
    accused { edges { node { name } citations { quote verified } } }
    accusers { edges { node { name } citations { quote } } }
  }
}"""


@pytest.fixture
def seeded(graph: Graph, seed_report: dict[str, Any]) -> Graph:
    load(graph, seed_report)
    return graph


def allegation_input(graph: Graph, quote: str) -> dict[str, Any]:
    return {"accusers": [gid(graph, "Person", "Dana Quill")],
            "accused": [gid(graph, "Person", "Conrad Vale")],
            "summary": "test allegation", "categories": ["other"],
            "citation": {"publication": pub_gid(graph), "quote": quote}}


def test_mutations_need_a_known_token_with_the_editor_role(
    seeded: Graph, api: Api
) -> None:
    query = 'mutation { createPerson(name: "Someone New") { id } }'
    assert codes(api.post(query)) == ["UNAUTHENTICATED"]
    assert codes(api.post(query, token="kb_not-a-real-token")) == ["UNAUTHENTICATED"]
    assert codes(api.post(query, token=token(seeded, "reader"))) == ["FORBIDDEN"]
    assert not seeded.query("MATCH (p:Person {name: 'Someone New'}) RETURN p")


def test_reading_without_a_token_is_refused_unless_configured(seeded: Graph, api: Api) -> None:
    assert codes(api.post("{ people { totalCount } }")) == ["UNAUTHENTICATED"]
    body = api.post("{ people { totalCount } }", token=token(seeded, "reader"))
    assert not body.get("errors"), body
    assert body["data"]["people"]["totalCount"] == 6


def test_a_quote_not_in_the_text_is_refused_and_nothing_changes(
    seeded: Graph, api: Api
) -> None:
    editor = token(seeded, "editor")
    before = seeded.export()
    body = api.post(RECORD, {"input": allegation_input(seeded, "words nobody ever wrote")},
                    token=editor)
    assert codes(body) == ["QUOTE_NOT_FOUND"]
    assert "words nobody ever wrote" in body["errors"][0]["message"]
    assert seeded.export() == before


def test_a_missing_or_empty_citation_is_refused(seeded: Graph, api: Api) -> None:
    editor = token(seeded, "editor")
    data = allegation_input(seeded, "")
    assert codes(api.post(RECORD, {"input": data}, token=editor)) == ["CITATION_REQUIRED"]
    del data["citation"]
    assert codes(api.post(RECORD, {"input": data}, token=editor)) == ["CITATION_REQUIRED"]


def test_a_valid_allegation_is_visible_at_once_and_in_the_audit_log(
    seeded: Graph, api: Api
) -> None:
    editor, admin = token(seeded, "editor"), token(seeded, "admin")
    quote = "Quill co-starred in the series \"Harbor Lights\" with Ines Marlow"
    body = api.post(RECORD, {"input": allegation_input(seeded, quote)}, token=editor)
    assert not body.get("errors"), body
    made = body["data"]["recordAllegation"]
    assert made["summary"] == "test allegation" and made["status"] == "alleged"
    cited = made["accused"]["edges"][0]["citations"]
    assert cited == [{"quote": quote, "verified": True}]

    again = api.post('query ($id: ID!) { node(id: $id) { ... on Allegation { summary '
                     'accusers { edges { node { name } } } } } }', {"id": made["id"]},
                     token=editor)
    assert again["data"]["node"]["summary"] == "test allegation"

    log = api.post('{ auditLog(actor: "test-editor") { actor role action afterIds input } }',
                   token=admin)
    assert not log.get("errors"), log
    events = log["data"]["auditLog"]
    assert [e["action"] for e in events] == ["recordAllegation"]
    allegation_id = seeded.query("MATCH (a:Allegation {summary: 'test allegation'}) "
                                 "RETURN a.id AS id")[0]["id"]
    assert allegation_id in events[0]["afterIds"]
    assert events[0]["input"]["summary"] == "test allegation"
    assert codes(api.post("{ auditLog { id } }", token=editor)) == ["FORBIDDEN"]


def test_entities_publications_responses_affiliations_and_citations_are_written(
    seeded: Graph, api: Api
) -> None:
    editor = token(seeded, "editor")
    person = api.post('mutation { createPerson(name: "Jane Roe", aliases: ["Roe"]) '
                      '{ id name aliases } }', token=editor)["data"]["createPerson"]
    org = api.post('mutation { createOrganisation(name: "Acme Films") { id name } }',
                   token=editor)["data"]["createOrganisation"]
    text = "Jane Roe works for Acme Films. Roe denied the allegation by Dana Quill."
    pub = api.post('mutation ($t: String!) { createPublication(input: {title: "T", '
                   'outlet: "Test Outlet", text: $t, published: "2020-01-02"}) { id sha256 } }',
                   {"t": text}, token=editor)["data"]["createPublication"]
    body = api.post("""mutation ($i: AffiliationInput!) { recordAffiliation(input: $i) {
        affiliations { edges { role node { name } citations { quote } } } } }""",
                    {"i": {"person": person["id"], "organisation": org["id"], "role": "staff",
                           "citation": {"publication": pub["id"],
                                        "quote": "Jane Roe works for Acme Films"}}},
                    token=editor)
    assert not body.get("errors"), body
    edge = body["data"]["recordAffiliation"]["affiliations"]["edges"][0]
    assert edge["node"]["name"] == "Acme Films" and edge["role"] == "staff"

    faced = api.post(RECORD, {"input": {
        "accusers": [gid(seeded, "Person", "Dana Quill")], "accused": [person["id"]],
        "summary": "something", "citation": {"publication": pub["id"],
                                               "quote": "the allegation by Dana Quill"}}},
        token=editor)["data"]["recordAllegation"]
    response = api.post("""mutation ($i: ResponseInput!) { recordResponse(input: $i) {
        __typename summary respondsTo { edges { node { id } citations { quote } } }
        issuedBy { edges { node { name } } } } }""", {"i": {
        "type": "DENIAL", "responder": person["id"], "allegations": [faced["id"]],
        "summary": "denied", "citation": {"publication": pub["id"], "quote": "Roe denied"}}},
        token=editor)
    assert not response.get("errors"), response
    denial = response["data"]["recordResponse"]
    assert denial["__typename"] == "Denial"
    assert denial["respondsTo"]["edges"][0]["node"]["id"] == faced["id"]

    rel = api.post('query ($id: ID!) { node(id: $id) { ... on Person { affiliations { '
                   'edges { relationshipId } } } } }', {"id": person["id"]},
                   token=editor)["data"]["node"]["affiliations"]["edges"][0]["relationshipId"]
    cite = api.post('mutation ($r: String!, $p: ID!) { addCitation(relationshipId: $r, '
                    'citation: {publication: $p, quote: "Roe"}) { quote verified } }',
                    {"r": rel, "p": pub["id"]}, token=editor)
    assert codes(cite) == ["QUOTE_AMBIGUOUS"]
    cite = api.post('mutation ($r: String!, $p: ID!) { addCitation(relationshipId: $r, '
                    'citation: {publication: $p, quote: "Roe", start: 5}) { quote verified } }',
                    {"r": rel, "p": pub["id"]}, token=editor)
    assert cite["data"]["addCitation"] == {"quote": "Roe", "verified": True}
    uncited = seeded.query("MATCH ()-[r]->() WHERE NOT r:QUOTES AND "
                           "size(coalesce(r.citation_ids, [])) = 0 RETURN count(r) AS n")
    assert uncited[0]["n"] == 0
    actions = seeded.query("MATCH (e:AuditEvent) RETURN e.action AS a ORDER BY e.at")
    assert [r["a"] for r in actions] == [
        "createPerson", "createOrganisation", "createPublication", "recordAffiliation",
        "recordAllegation", "recordResponse", "addCitation"]


def test_ingest_report_loads_the_report_format(
    graph: Graph, seed_report: dict[str, Any], api: Api
) -> None:
    editor = token(graph, "editor")
    body = api.post('mutation ($r: JSON!) { ingestReport(report: $r) { created warnings '
                    'publication { title outlet } } }', {"r": seed_report}, token=editor)
    assert not body.get("errors"), body
    result = body["data"]["ingestReport"]
    assert result["publication"]["outlet"] == "Harbor City News"
    assert result["created"]["Allegation"] == 2
    bad = dict(seed_report, allegations=[dict(seed_report["allegations"][1], quote="nope")])
    before = graph.export()
    assert codes(api.post('mutation ($r: JSON!) { ingestReport(report: $r) { warnings } }',
                          {"r": bad}, token=editor)) == ["QUOTE_NOT_FOUND"]
    assert graph.export() == before


def test_editors_see_review_and_merge_candidates_readers_do_not(graph: Graph, api: Api) -> None:
    from kb.model.report import parse_report
    from kb.store.write import write_report

    data = {"publication": {"title": "t", "outlet": "The Example Ledger",
                            "url": "https://e.org/review", "text":
                            "Bo Lin accused Cy Ames of theft. Ana Reyes and Tomas Reyes spoke."},
            "people": ["Bo Lin", "Cy Ames", "Ana Reyes", "Tomas Reyes"],
            "allegations": [{"accuser": "Bo Lin", "accused": "Cy Ames", "summary": "theft",
                             "confidence": 0.3, "quote": "Bo Lin accused Cy Ames of theft"}]}
    report, text = parse_report(data)
    write_report(graph.driver, graph.database, report, text, created_by="test",
                 review_threshold=0.6)
    query = "{ reviewCandidates { id kind summary payload } }"
    assert codes(api.post(query, token=token(graph, "reader"))) == ["FORBIDDEN"]
    items = api.data(query, token=token(graph, "editor"))["reviewCandidates"]
    assert [i["kind"] for i in items] == ["review:allegation"]
    assert items[0]["payload"]["quote"] == "Bo Lin accused Cy Ames of theft"
    assert "0.30" in items[0]["summary"]
