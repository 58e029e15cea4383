"""The sourced-report loader: the seed article, idempotency, identity, and bad input."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from kb.errors import KBError
from kb.model.report import parse_report
from kb.store.write import write_report
from tests.conftest import Graph, seed_copy

HW, RM = "Conrad Vale", "Ines Marlow"


def load(graph: Graph, data: dict[str, Any]) -> Any:
    report, text = parse_report(copy.deepcopy(data))
    return write_report(graph.driver, graph.database, report, text, created_by="test")


def allegations_against(graph: Graph, name: str) -> list[dict[str, Any]]:
    return graph.query(
        """
        MATCH (a:Allegation)-[:AGAINST]->(:Person {name: $name})
        OPTIONAL MATCH (x)-[:ACCUSES]->(a)
        OPTIONAL MATCH (a)-[:REPORTED_BY]->(o:Organisation)
        RETURN a.id AS id, collect(DISTINCT x.name) AS accusers,
               collect(DISTINCT o.name) AS reported_by
        """, name=name)


def test_seed_report_has_the_people_organisations_allegations_and_denial(
    graph: Graph, seed_report: dict[str, Any]
) -> None:
    load(graph, seed_report)
    people = {r["n"] for r in graph.query("MATCH (p:Person) RETURN p.name AS n")}
    assert {"Dana Quill", HW, RM, "Petra Lund", "Olive Brandt", "Theo Ashdown"} <= people
    orgs = {r["n"] for r in graph.query("MATCH (o:Organisation) RETURN o.name AS n")}
    assert {"The Meridian Times", "The Lantern Weekly", "Chirper", "Facepage"} <= orgs

    against = allegations_against(graph, HW)
    assert len(against) == 2
    by_rm = [a for a in against if a["accusers"] == [RM]]
    anonymous = [a for a in against if a["accusers"] == []]
    assert len(by_rm) == 1 and len(anonymous) == 1
    assert sorted(anonymous[0]["reported_by"]) == ["The Lantern Weekly", "The Meridian Times"]

    answered = graph.query(
        "MATCH (:Person {name: $hw})-[:ISSUED]->(d:Denial)-[:RESPONDS_TO]->(a:Allegation) "
        "RETURN collect(a.id) AS ids", hw=HW)[0]["ids"]
    assert sorted(answered) == sorted(a["id"] for a in against)


def test_every_relationship_has_a_citation_that_verifies(
    graph: Graph, seed_report: dict[str, Any]
) -> None:
    load(graph, seed_report)
    rows = graph.query(
        """
        MATCH ()-[r]->() WHERE NOT r:QUOTES
        OPTIONAL MATCH (c:Citation)-[:QUOTES]->(p:Publication) WHERE c.id IN r.citation_ids
        RETURN r.id AS id, type(r) AS type, size(r.citation_ids) AS listed,
               collect(substring(p.text, c.start, c.end - c.start) = c.quote) AS checks
        """)
    assert len(rows) >= 10
    for row in rows:
        assert row["listed"] >= 1, row
        assert len(row["checks"]) == row["listed"] and all(row["checks"]), row


def test_loading_twice_changes_nothing(graph: Graph, seed_report: dict[str, Any]) -> None:
    first = load(graph, seed_report)
    assert first.changed
    before = graph.export()
    again = load(graph, seed_report)
    assert not again.changed
    assert graph.export() == before


def test_a_second_copy_under_another_url_corroborates_one_allegation(
    graph: Graph, seed_report: dict[str, Any]
) -> None:
    load(graph, seed_report)
    load(graph, seed_copy(url="https://example.org/syndicated/metoo"))
    assert graph.query("MATCH (p:Person {name: $n}) RETURN count(p) AS c", n=HW)[0]["c"] == 1
    rows = graph.query(
        """
        MATCH (:Person {name: $rm})-[r:ACCUSES]->(a:Allegation)-[:AGAINST]->(:Person {name: $hw})
        MATCH (c:Citation)-[:QUOTES]->(p:Publication) WHERE c.id IN r.citation_ids
        RETURN count(DISTINCT a) AS allegations, collect(DISTINCT p.url) AS urls
        """, rm=RM, hw=HW)
    assert rows[0]["allegations"] == 1
    assert len(rows[0]["urls"]) == 2


def _broken(seed: dict[str, Any], how: str) -> dict[str, Any]:
    data = copy.deepcopy(seed)
    if how == "quote":
        data["allegations"][1]["quote"] = "Ines Marlow never said this sentence"
        del data["allegations"][1]["start"], data["allegations"][1]["end"]
    elif how == "name":
        data["allegations"][1]["accuser"] = "Jane Nobody"
    elif how == "accused":
        del data["allegations"][1]["accused"]
    elif how == "unknown":
        data["allegations"][0]["secret_sauce"] = 1
    elif how == "offsets":
        data["allegations"][1]["start"] += 3
    elif how == "huge":
        data["publication"]["text"] = "x" * (50 * 1024 * 1024)
    return data


@pytest.mark.parametrize(("how", "expected"), [
    ("quote", "allegations[1].quote not found"),
    ("name", "allegations[1].accuser: 'Jane Nobody' is not listed"),
    ("accused", "allegations[1].accused: Field required"),
    ("unknown", "unknown key: allegations[0].secret_sauce"),
    ("offsets", "allegations[1].quote is not at"),
    ("huge", "publication.text: String should have at most 5000000 characters"),
])
def test_a_bad_report_fails_in_one_line_and_writes_nothing(
    graph: Graph, seed_report: dict[str, Any], how: str, expected: str
) -> None:
    load(graph, seed_report)
    before = graph.export()
    other = corpus_report_other(seed_report)
    with pytest.raises(KBError) as err:
        load(graph, _broken(other, how))
    message = err.value.message
    assert expected in message, message
    assert "\n" not in message
    assert graph.export() == before


def corpus_report_other(seed: dict[str, Any]) -> dict[str, Any]:
    """The seed under another URL, so a successful load would visibly change the graph."""
    data = copy.deepcopy(seed)
    data["publication"]["url"] = "https://example.org/another/copy"
    return data


def test_cli_loads_good_files_lists_bad_ones_and_exits_non_zero(
    graph: Graph, seed_report: dict[str, Any], tmp_path: Path
) -> None:
    (tmp_path / "good.json").write_text(json.dumps(seed_report))
    (tmp_path / "nested").mkdir()
    (tmp_path / "nested" / "malformed.json").write_text('{"publication": {"title": ')
    (tmp_path / "nested" / "bad-quote.yaml").write_text(
        json.dumps(_broken(corpus_report_other(seed_report), "quote")))
    out = graph.kb("load", str(tmp_path))
    assert out.returncode == 1
    assert "loaded 1 of 3 file(s)" in out.stdout
    assert "malformed.json: malformed JSON at line 1" in out.stderr
    assert "bad-quote.yaml: allegations[1].quote not found" in out.stderr
    assert graph.query("MATCH (p:Publication) RETURN count(p) AS c")[0]["c"] == 1


def test_cli_summary_says_created_then_merged(
    graph: Graph, seed_report: dict[str, Any], tmp_path: Path
) -> None:
    path = tmp_path / "seed.json"
    path.write_text(json.dumps(seed_report))
    first = graph.kb("load", str(path), check=True)
    assert "created: " in first.stdout and "Person 6" in first.stdout
    second = graph.kb("load", str(path), check=True)
    assert "created: nothing" in second.stdout
    assert "Person 6" in second.stdout.split("merged:")[1]
    events = json.loads(graph.kb("log", "--json", check=True).stdout)
    assert [e["action"] for e in events] == ["loadReport"]   # the no-op reload logs nothing
    assert events[0]["actor"].startswith("cli:")


def _report(text: str, people: list[Any], allegations: list[dict[str, Any]],
            url: str) -> dict[str, Any]:
    return {"publication": {"title": "t", "outlet": "The Example Ledger", "url": url,
                            "published": "2024-01-02", "text": text},
            "people": people, "allegations": allegations}


def test_a_bare_surname_joins_the_one_person_it_fits(graph: Graph) -> None:
    load(graph, _report("Dana Okafor accused Lee Varga of fraud.", ["Dana Okafor", "Lee Varga"],
                        [{"accuser": "Dana Okafor", "accused": "Lee Varga", "summary": "fraud",
                          "quote": "Dana Okafor accused Lee Varga of fraud"}], "https://e.org/1"))
    load(graph, _report("Okafor repeated that Varga committed fraud.", ["Okafor", "Varga"],
                        [{"accuser": "Okafor", "accused": "Varga", "summary": "fraud",
                          "quote": "Okafor repeated that Varga committed fraud"}],
                        "https://e.org/2"))
    people = graph.query("MATCH (p:Person) RETURN p.name AS name, p.aliases AS aliases")
    assert len(people) == 2
    okafor = next(p for p in people if p["name"] == "Dana Okafor")
    assert "Okafor" in okafor["aliases"]
    assert graph.query("MATCH (a:Allegation) RETURN count(a) AS c")[0]["c"] == 1


def test_a_bare_surname_that_fits_two_people_is_not_merged(graph: Graph) -> None:
    text = "Ana Reyes and Tomas Reyes were named. Pat Lund accused Ana Reyes of fraud."
    load(graph, _report(text, ["Ana Reyes", "Tomas Reyes", "Pat Lund"],
                        [{"accuser": "Pat Lund", "accused": "Ana Reyes", "summary": "fraud",
                          "quote": "Pat Lund accused Ana Reyes of fraud"}], "https://e.org/3"))
    load(graph, _report("Reyes denied wrongdoing, Lund said.", ["Reyes", "Pat Lund"], [],
                        "https://e.org/4"))
    names = sorted(r["n"] for r in graph.query("MATCH (p:Person) RETURN p.name AS n"))
    assert names == ["Ana Reyes", "Pat Lund", "Reyes", "Tomas Reyes"]
    candidates = graph.query("MATCH (m:MergeCandidate) RETURN m.status AS s, m.reason AS r")
    assert len(candidates) == 2
    assert all(c["s"] == "open" and "Reyes" in c["r"] for c in candidates)


def test_a_denial_through_a_spokesperson_answers_the_allegation(graph: Graph) -> None:
    text = ("Mira Holt accused Victor Crane of harassment. "
            "A lawyer for Crane, Sam Ortiz, said the claim was false.")
    data = _report(text, ["Mira Holt", "Victor Crane", "Sam Ortiz"], [
        {"accuser": "Mira Holt", "accused": "Victor Crane", "summary": "harassment",
         "quote": "Mira Holt accused Victor Crane of harassment"}], "https://e.org/5")
    data["denials"] = [{"denier": "Victor Crane", "via": "Sam Ortiz", "kind": "full",
                        "quote": "Sam Ortiz, said the claim was false"}]
    load(graph, data)
    row = graph.query(
        """
        MATCH (s:Person)-[:ISSUED]->(d:Denial)-[:ON_BEHALF_OF]->(c:Person),
              (d)-[:RESPONDS_TO]->(:Allegation)<-[:ACCUSES]-(h:Person)
        RETURN s.name AS speaker, c.name AS client, h.name AS accuser
        """)
    assert row == [{"speaker": "Sam Ortiz", "client": "Victor Crane", "accuser": "Mira Holt"}]


def test_a_quote_found_twice_needs_its_start(graph: Graph) -> None:
    text = "Kim Ode said Al Fenn lied. Later: Kim Ode said Al Fenn lied."
    data = _report(text, ["Kim Ode", "Al Fenn"], [
        {"accuser": "Kim Ode", "accused": "Al Fenn", "summary": "lying",
         "quote": "Kim Ode said Al Fenn lied"}], "https://e.org/6")
    with pytest.raises(KBError, match="occurs 2 times"):
        load(graph, data)
    data["allegations"][0]["start"] = text.rindex("Kim Ode")
    load(graph, data)
    start = graph.query("MATCH (c:Citation) RETURN DISTINCT c.start AS s")
    assert start == [{"s": text.rindex("Kim Ode")}]


def test_low_confidence_items_become_review_candidates_not_edges(graph: Graph) -> None:
    data = _report("Bo Lin accused Cy Ames of theft.", ["Bo Lin", "Cy Ames"], [
        {"accuser": "Bo Lin", "accused": "Cy Ames", "summary": "theft", "confidence": 0.3,
         "quote": "Bo Lin accused Cy Ames of theft"}], "https://e.org/7")
    report, text = parse_report(data)
    result = write_report(graph.driver, graph.database, report, text, created_by="test",
                          review_threshold=0.6)
    assert result.created["ReviewCandidate"] == 1
    assert graph.query("MATCH ()-[r:ACCUSES]->() RETURN count(r) AS c")[0]["c"] == 0


def test_review_lists_low_confidence_items_and_merge_candidates(graph: Graph) -> None:
    data = _report("Bo Lin accused Cy Ames of theft. Ana Reyes and Tomas Reyes spoke.",
                   ["Bo Lin", "Cy Ames", "Ana Reyes", "Tomas Reyes"], [
                       {"accuser": "Bo Lin", "accused": "Cy Ames", "summary": "theft",
                        "confidence": 0.3, "quote": "Bo Lin accused Cy Ames of theft"}],
                   "https://e.org/8")
    report, text = parse_report(data)
    write_report(graph.driver, graph.database, report, text, created_by="test",
                 review_threshold=0.6)
    load(graph, _report("Reyes said \"no\".", ["Reyes"], [], "https://e.org/9"))
    out = json.loads(graph.kb("review", "--json", check=True).stdout)
    kinds = sorted(item["kind"] for item in out)
    assert kinds == ["merge", "merge", "review:allegation"]
    review = next(i for i in out if i["kind"] == "review:allegation")
    assert review["payload"]["quote"] == "Bo Lin accused Cy Ames of theft"
    merge_names = {i["payload"]["right"]["name"] for i in out if i["kind"] == "merge"} | {
        i["payload"]["left"]["name"] for i in out if i["kind"] == "merge"}
    assert merge_names == {"Reyes", "Ana Reyes", "Tomas Reyes"}
