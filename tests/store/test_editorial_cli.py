"""Editorial control over the CLI: review of extracted claims, as-of reads, corrections
that show, reversible merges; every decision in `kb log`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Graph
from tests.editorial_helpers import (
    ARTICLE_URL,
    METRO,
    brisbane_allegation,
    load_article,
    load_charge,
    load_reports,
)


def states(graph: Graph, label: str) -> dict[str, str]:
    return {r["summary"]: r["review"] for r in graph.query(
        f"MATCH (n:{label}) RETURN n.summary AS summary, n.review AS review")}


def log_actions(graph: Graph) -> list[str]:
    return [e["action"] for e in json.loads(graph.kb("log", "--json", check=True).stdout)]


def exported(graph: Graph, *args: str) -> dict[str, Any]:
    return dict(json.loads(graph.kb("export", *args, check=True).stdout))


def test_extracted_claims_land_unreviewed_and_curated_ones_accepted(graph: Graph) -> None:
    load_reports(graph)
    load_article(graph)
    alg = brisbane_allegation(graph)
    reviews = {r["review"] for r in graph.query(
        "MATCH (a:Allegation {id: $id})-[r]-() RETURN r.review AS review", id=alg)}
    assert reviews == {"unreviewed"}
    assert graph.query("MATCH (c:Citation {rel_id: $r}) RETURN c.method AS m", r=graph.query(
        "MATCH (:Publication)-[r:REPORTS]->(:Allegation {id: $id}) RETURN r.id AS id",
        id=alg)[0]["id"])[0]["m"].startswith("extract:")
    curated = states(graph, "Allegation")
    assert curated["sexual harassment of his former assistant"] == "accepted"
    assert set(states(graph, "Response").values()) == {"accepted", "unreviewed"}
    listing = graph.kb("review", check=True).stdout
    assert alg in listing and "Howard Brisbane" in listing and "confidence" in listing
    assert "kissed her without her consent" in listing  # the sentence, in context
    assert "Delgado" not in listing.split("[merge]")[0]  # curated claims do not wait


@pytest.mark.slow
def test_accept_reject_and_edit_change_what_kb_show_and_export_give(graph: Graph) -> None:
    load_article(graph)
    alg = brisbane_allegation(graph)
    shown = graph.kb("show", "Howard Brisbane", check=True).stdout
    assert "Allegations against Howard Brisbane: 1" in shown and "(unreviewed)" in shown
    assert "Allegations against Howard Brisbane: 0" in graph.kb(
        "show", "Howard Brisbane", "--reviewed", check=True).stdout

    assert "accepted" in graph.kb("review", "accept", alg, check=True).stdout
    shown = graph.kb("show", "Howard Brisbane", "--reviewed", check=True).stdout
    assert "Allegations against Howard Brisbane: 1" in shown and "(unreviewed)" not in shown

    denial = graph.query("MATCH (d:Denial) RETURN d.id AS id")[0]["id"]
    graph.kb("review", "reject", denial, "--reason", "misreads the quote", check=True)
    assert "response by" not in graph.kb("show", "Howard Brisbane", check=True).stdout
    data = exported(graph)
    assert denial not in {n["id"] for n in data["nodes"]}
    assert not [r for r in data["relationships"] if denial in (r["start"], r["end"])]
    assert denial in {n["id"] for n in exported(graph, "--include-rejected")["nodes"]}
    assert graph.query("MATCH (d:Denial {id: $id}) RETURN d.review AS r, "
                       "d.review_reason AS why", id=denial) == [
        {"r": "rejected", "why": "misreads the quote"}]

    out = graph.kb("review", "edit", alg, "--accused", "Marguerite Osei", check=True).stdout
    new = out.split("now ")[1].split(" ")[0]
    assert new != alg
    assert "Allegations against Howard Brisbane: 0" in graph.kb(
        "show", "Howard Brisbane", check=True).stdout
    osei = graph.kb("show", "Marguerite Osei", "--reviewed", check=True).stdout
    assert "Allegations against Marguerite Osei: 1" in osei and "kissed her" in osei
    assert log_actions(graph) == ["editClaim", "rejectClaim", "acceptClaim"]


def test_a_rejection_survives_reloading_and_re_extracting_the_article(graph: Graph) -> None:
    load_article(graph)
    alg = brisbane_allegation(graph)
    graph.kb("review", "reject", alg, "--reason", "the women are not named", check=True)
    before = graph.counts()
    load_article(graph)  # re-extracted: the same content ids
    assert graph.counts() == before
    assert graph.query("MATCH (a:Allegation {id: $id}) RETURN a.review AS r",
                       id=alg)[0]["r"] == "rejected"
    assert "Allegations against Howard Brisbane: 0" in graph.kb(
        "show", "Howard Brisbane", check=True).stdout
    assert alg not in graph.kb("review", check=True).stdout


@pytest.mark.slow
def test_accept_all_from_a_publication_and_the_errors_that_change_nothing(
        graph: Graph) -> None:
    load_article(graph)
    before = graph.export()
    for args, message in [
        (("review", "reject", brisbane_allegation(graph), "--reason", " "), "needs a reason"),
        (("review", "accept", "alg_nothing"), "no allegation, response or relation"),
        (("review", "edit", brisbane_allegation(graph)), "nothing to change"),
        (("review", "edit", brisbane_allegation(graph), "--denier", "X"), "no denier"),
        (("review", "accept"), "give a claim id or --all-from"),
        (("review", "accept", "--all-from", "https://nowhere.example.org/x"),
         "no publication"),
    ]:
        out = graph.kb(*args)
        assert out.returncode != 0 and message in out.stderr, (args, out.stderr)
    assert graph.export() == before and log_actions(graph) == []
    out = graph.kb("review", "accept", "--all-from", ARTICLE_URL, check=True).stdout
    assert "accepted" in out
    assert graph.query("MATCH ()-[r]->() WHERE r.review = 'unreviewed' RETURN count(r) AS n"
                       )[0]["n"] == 0
    assert set(log_actions(graph)) == {"acceptClaim"}


def test_as_of_a_date_shows_the_record_as_published_by_then(graph: Graph) -> None:
    load_reports(graph)
    load_charge(graph)
    march = graph.kb("show", "Conrad Delgado", "--as-of", "2024-03-04", check=True).stdout
    now = graph.kb("show", "Conrad Delgado", check=True).stdout
    earlier = graph.kb("show", "Conrad Delgado", "--as-of", "2024-03-01", check=True).stdout
    assert "Allegations against Conrad Delgado: 0" in earlier
    assert "Allegations against Conrad Delgado: 1" in march
    assert "[denied]" in march and "Bayside Herald" not in march
    assert "Coastal Tribune" not in march  # published on the 5th
    assert "[charged]" in now and "Bayside Herald" in now and "Coastal Tribune" in now
    assert ("status over time: alleged 2024-03-04, denied 2024-03-04, alleged 2024-03-05, "
            "charged 2024-06-03") in now
    assert "status over time: alleged 2024-03-04, denied 2024-03-04\n" in march
    events = graph.query("MATCH (s:StatusEvent) RETURN s.status AS s, s.date AS d")
    assert {e["s"] for e in events} == {"alleged", "denied", "charged"}
    bad = graph.kb("show", "Conrad Delgado", "--as-of", "yesterday")
    assert bad.returncode != 0 and "as-of" in bad.stderr.lower()


@pytest.mark.slow
def test_a_correction_unverifies_its_citations_everywhere_and_retract_undo(
        graph: Graph, tmp_path: Path) -> None:
    load_reports(graph)
    text = graph.query("MATCH (p:Publication {url: $u}) RETURN p.text AS t", u=METRO)[0]["t"]
    apology = '"I apologize to anyone I made to feel unsafe," he said'
    corrected = tmp_path / "corrected.txt"
    corrected.write_text(text.replace(apology, "He said nothing more."), encoding="utf-8")
    out = graph.kb("correct", METRO, "--text-file", str(corrected), check=True).stdout
    assert "no longer in the text" in out and "claims now without support" in out
    cit = graph.query("MATCH (c:Citation) WHERE c.quote = $q RETURN c.id AS id, "
                      "c.rel_id AS rel, c.superseded_by AS s LIMIT 1", q=apology)[0]
    assert cit["s"].startswith("snp_")
    assert "DOES NOT VERIFY" in graph.kb("explain", cit["rel"], check=True).stdout
    assert "apology" not in graph.kb("show", "Owen Pratt", check=True).stdout
    assert "NOT VERIFIED" in graph.kb("show", "Owen Pratt", "--include-retracted",
                                      check=True).stdout
    audit = json.loads(graph.kb("audit", "--format", "json", check=True).stdout)
    assert {v["kind"] for v in audit["violations"]} == {"superseded_only"}
    assert cit["id"] in audit["violations"][0]["ids"]
    assert "apologized" in audit["violations"][0]["message"]  # the claim's summary
    assert "superseded_only" in graph.kb("audit", "--format", "html", check=True).stdout

    graph.kb("retract", METRO, "--reason", "wrong outlet", check=True)
    assert "Allegations against Owen Pratt: 0" in graph.kb("show", "Owen Pratt",
                                                           check=True).stdout
    out = graph.kb("retract", METRO, "--reason", "it was right", "--undo", check=True).stdout
    assert "undone" in out
    shown = graph.kb("show", "Owen Pratt", check=True).stdout
    assert "Allegations against Owen Pratt: 1" in shown and "denial" in shown
    assert "apology" not in shown  # still not in the corrected text
    assert log_actions(graph) == ["unretractPublication", "retractPublication",
                                  "correctPublication"]


@pytest.mark.slow
def test_merge_then_unmerge_restores_the_graph_exactly(graph: Graph) -> None:
    load_reports(graph)
    before = graph.export()
    delgado = graph.query("MATCH (p:Person {name: 'Conrad Delgado'}) RETURN p.id AS id")[0]["id"]
    lena = graph.query("MATCH (p:Person {name: 'Lena Whitcombe'}) RETURN p.id AS id")[0]["id"]
    out = graph.kb("merge", "Conrad Delgado", lena, "--reason", "same man", check=True).stdout
    assert "2 relationship(s) moved" in out
    shown = graph.kb("show", "Lena Whitcombe", check=True).stdout
    assert shown.startswith("Conrad Delgado") and "Lena Whitcombe" in shown
    assert graph.query("MATCH (p:Person {id: $id}) RETURN COUNT { (p)--() } AS n",
                       id=lena)[0]["n"] == 0
    # Reloading what was loaded before the merge lands on the entity kept: nothing new.
    counts = graph.counts()
    load_reports(graph)
    assert graph.counts() == counts
    graph.kb("unmerge", lena, "--reason", "two people", check=True)
    assert graph.export() == before
    assert graph.query("MATCH (p:Person {id: $id}) RETURN p.merged_into AS m",
                       id=delgado)[0]["m"] is None
    assert log_actions(graph)[:2] == ["unmergeEntities", "mergeEntities"]


def test_a_merge_that_joins_a_shared_relationship_is_undone_too(graph: Graph) -> None:
    load_reports(graph)
    # Merge one organisation into another that has the same affiliation with the same
    # person, so the relationships join (their citations are kept together).
    orgs = graph.query("MATCH (o:Organisation)<-[:AFFILIATED_WITH]-(p:Person) "
                       "RETURN o.id AS org, p.id AS person ORDER BY o.id")
    assert orgs
    before = graph.export()
    person, org = orgs[0]["person"], orgs[0]["org"]
    other = graph.query("MATCH (o:Organisation) WHERE o.id <> $id RETURN o.id AS id LIMIT 1",
                        id=org)[0]["id"]
    # Give `other` the same affiliation with its own citation, then merge `org` into it.
    graph.query("MATCH (p:Person {id: $p}), (o:Organisation {id: $o}) "
                "MATCH ()-[r:AFFILIATED_WITH]->(:Organisation {id: $org}) "
                "CREATE (p)-[x:AFFILIATED_WITH {id: 'rel_x'}]->(o) SET x.role = r.role, "
                "x.review = r.review, x.first_cited = r.first_cited, "
                "x.citation_ids = r.citation_ids[0..1]", p=person, o=other, org=org)
    with_x = graph.export()
    out = graph.kb("merge", other, org, "--reason", "one body", check=True).stdout
    assert "1 joined" in out
    graph.kb("unmerge", org, "--reason", "two bodies", check=True)
    assert graph.export() == with_x != before


def test_distinct_entities_are_never_merged_or_proposed_again(graph: Graph) -> None:
    load_reports(graph)
    a = graph.query("MATCH (p:Person {name: 'Conrad Delgado'}) RETURN p.id AS id")[0]["id"]
    b = graph.query("MATCH (p:Person {name: 'Owen Pratt'}) RETURN p.id AS id")[0]["id"]
    graph.kb("distinct", a, b, "--reason", "two men", check=True)
    out = graph.kb("merge", a, b, "--reason", "same")
    assert out.returncode == 1 and "judged distinct" in out.stderr
    assert graph.query("MATCH (m:MergeCandidate) RETURN m.status AS s") == [{"s": "distinct"}]
    for args, message in [(("merge", a, a, "--reason", "x"), "into itself"),
                          (("merge", a, "per_nobody", "--reason", "x"), "no person"),
                          (("unmerge", b, "--reason", "x"), "not merged")]:
        out = graph.kb(*args)
        assert out.returncode == 1 and message in out.stderr, (args, out.stderr)
    assert log_actions(graph) == ["markDistinct"]


@pytest.mark.parametrize("command", ["review", "merge", "unmerge", "distinct"])
def test_the_commands_document_themselves(graph: Graph, command: str) -> None:
    assert graph.kb(command, "--help", check=True).stdout.strip()


@pytest.mark.slow
def test_editing_a_denial_gives_it_to_the_right_party(graph: Graph) -> None:
    load_article(graph)
    denial = graph.query("MATCH (d:Denial) RETURN d.id AS id")[0]["id"]
    out = graph.kb("review", "edit", denial, "--denier", "Nadine Osterberg", check=True).stdout
    new = out.split("now ")[1].split(" ")[0]
    assert graph.query("MATCH (p:Person)-[i:ISSUED]->(d:Denial {id: $id}) "
                       "RETURN p.name AS who, d.review AS review, i.review AS edge, "
                       "size(i.citation_ids) AS cited", id=new) == [
        {"who": "Nadine Osterberg", "review": "accepted", "edge": "accepted", "cited": 1}]
    shown = graph.kb("show", "Nadine Osterberg", check=True).stdout
    assert "Responses given by Nadine Osterberg: 1" in shown
    assert "Responses given by Howard Brisbane: 0" in graph.kb(
        "show", "Howard Brisbane", check=True).stdout
    bad = graph.kb("review", "edit", denial, "--accused", "Nadine Osterberg")
    assert bad.returncode == 1 and "only editable part is its denier" in bad.stderr


def test_kb_init_gives_claims_from_an_earlier_kb_their_review_state_and_dates(
        graph: Graph) -> None:
    load_reports(graph)
    load_article(graph)
    expected = graph.export()
    graph.query("MATCH (n) WHERE n:Allegation OR n:Response REMOVE n.review")
    graph.query("MATCH ()-[r]->() WHERE r.citation_ids IS NOT NULL "
                "REMOVE r.review, r.first_cited")
    out = graph.kb("init", check=True).stdout
    assert "review states and first citation dates given to" in out
    assert graph.export() == expected
    assert "given to" not in graph.kb("init", check=True).stdout  # idempotent
