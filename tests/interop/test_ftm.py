"""FollowTheMoney out (`kb export --format ftm`) and in (`kb load --format ftm`)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from followthemoney import model

from tests.conftest import Graph
from tests.interop.helpers import FIXTURES, load_examples

FTM = Path(sys.executable).with_name("ftm")


def _export(graph: Graph) -> list[dict[str, Any]]:
    out = graph.kb("export", "--format", "ftm", check=True).stdout
    return [json.loads(line) for line in out.splitlines()]


def test_every_exported_entity_is_valid_ftm_and_every_reference_resolves(graph: Graph) -> None:
    load_examples(graph)
    entities = _export(graph)
    ids = {e["id"] for e in entities}
    assert len(ids) == len(entities)
    for data in entities:
        schema = model.get(data["schema"])
        assert schema.validate(data) is None, data
        proxy = model.get_proxy(data, cleaned=False)
        assert proxy.to_dict()["properties"] == data["properties"]  # nothing dropped
        for prop in proxy.iterprops():
            if prop.type.name == "entity":
                assert set(proxy.get(prop)) <= ids, (data["schema"], prop.name)
    counts = Counter(e["schema"] for e in entities)
    graph_counts = graph.counts()
    assert counts["Person"] == graph_counts["Person"]
    assert counts["Organization"] == graph_counts["Organisation"]
    assert counts["Article"] == graph_counts["Publication"]
    cited = graph.query("MATCH ()-[r:AGAINST|ISSUED]->() RETURN sum(size(r.citation_ids)) AS n")
    assert counts["Documentation"] == cited[0]["n"] > 0
    assert counts["UnknownLink"] >= 2 and counts["Membership"] == 2
    assert counts["Associate"] == 1 and counts["Representation"] == 1


def test_claims_carry_their_provenance_in_ftm_properties(graph: Graph) -> None:
    load_examples(graph)
    entities = _export(graph)
    by_name = {e["properties"]["name"][0]: e for e in entities if "name" in e["properties"]}
    assert "Delgado" in by_name["Conrad Delgado"]["properties"]["alias"]
    accusing = [e for e in entities if e["schema"] == "UnknownLink"
                and e["properties"].get("role") == ["accuses"]]
    delgado = next(e for e in accusing if e["properties"]["object"] == [
        by_name["Conrad Delgado"]["id"]])
    props = delgado["properties"]
    # The allegation's current status, whatever the status events made it (Delgado denied it).
    [status] = graph.query("MATCH (a:Allegation)-[:AGAINST]->(:Person {name: 'Conrad Delgado'}) "
                           "WHERE a.summary IN $s RETURN DISTINCT a.status AS s",
                           s=props["summary"])
    assert props["status"] == [status["s"]] and props["summary"]
    assert len(props["sourceUrl"]) == 2 and len(props["publisher"]) == 2  # two outlets
    assert "Nadia Farrow has accused Conrad Delgado of sexually harassing her" in \
        props["description"]
    articles = {e["id"]: e for e in entities if e["schema"] == "Article"}
    assert set(props["proof"]) <= articles.keys() and props["date"]
    retracted = [a for a in articles.values() if a["properties"].get("notes")]
    assert len(retracted) == 1 and "retracted" in retracted[0]["properties"]["notes"][0]
    doc = next(e for e in entities if e["schema"] == "Documentation")
    assert {"document", "entity", "role", "description", "sourceUrl", "date"} <= \
        doc["properties"].keys()


def test_ftm_tooling_accepts_the_export(graph: Graph, tmp_path: Path) -> None:
    load_examples(graph)
    path = tmp_path / "kb.ftm.json"
    path.write_text(graph.kb("export", "--format", "ftm", check=True).stdout)
    checked = tmp_path / "checked.json"
    proc = subprocess.run([str(FTM), "validate", "-i", str(path), "-o", str(checked)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    before = sorted(json.loads(line)["id"] for line in path.read_text().splitlines())
    after = sorted(json.loads(line)["id"] for line in checked.read_text().splitlines())
    assert before == after
    gexf = subprocess.run([str(FTM), "export-gexf", "-i", str(path), "-o",
                           str(tmp_path / "kb.gexf")], capture_output=True, text=True,
                          check=False)
    assert gexf.returncode == 0, gexf.stderr


def test_load_ftm_brings_people_and_organisations_with_aliases_and_never_a_claim(
    graph: Graph,
) -> None:
    out = graph.kb("load", "--format", "ftm", str(FIXTURES / "people.ftm.json"), check=True)
    assert "created: Organisation 3, Person 2" in out.stdout
    assert "Ownership 1" in out.stdout and "UnknownLink 1" in out.stdout
    assert graph.query("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"] == 0
    people = {r["name"]: r["aliases"] for r in graph.query(
        "MATCH (n:Person) RETURN n.name AS name, n.aliases AS aliases")}
    assert people["Marguerite Okonkwo-Hale"] == sorted(
        ["Marguerite Okonkwo-Hale", "Maggie Hale", "M. Okonkwo-Hale"])
    assert "The Developer" in people["Conrad Delgado"]
    orgs = {r["name"] for r in graph.query("MATCH (n:Organisation) RETURN n.name AS name")}
    assert orgs == {"Larkspur Quarry Holdings", "Friends of the Tessaly Marsh",
                    "Tessaly County Water Board"}
    again = graph.kb("load", "--format", "ftm", str(FIXTURES / "people.ftm.json"), check=True)
    assert "created: nothing" in again.stdout


def test_an_ftm_person_already_in_the_graph_gains_aliases_only(graph: Graph) -> None:
    load_examples(graph, retract_one=False)
    before = graph.counts()
    graph.kb("load", "--format", "ftm", str(FIXTURES / "people.ftm.json"), check=True)
    after = graph.counts()
    assert after["Person"] == before["Person"] + 1  # Marguerite; Conrad Delgado merged
    assert {k: v for k, v in after.items() if k.isupper()} == \
        {k: v for k, v in before.items() if k.isupper()}  # no new relationship of any type
    aliases = graph.query("MATCH (n:Person {name: 'Conrad Delgado'}) RETURN n.aliases AS a")
    assert {"Delgado", "Connie Delgado", "The Developer"} <= set(aliases[0]["a"])


def test_a_bad_ftm_line_fails_the_file_naming_the_line_and_writes_nothing(
    graph: Graph,
) -> None:
    out = graph.kb("load", "--format", "ftm", str(FIXTURES / "bad.ftm.json"))
    assert out.returncode == 1
    assert "bad.ftm.json line 2: not JSON" in out.stderr
    assert graph.query("MATCH (n) RETURN count(n) AS n")[0]["n"] == 0


def test_export_then_load_round_trips_the_entities(graph: Graph, tmp_path: Path) -> None:
    load_examples(graph, retract_one=False)
    entities = {(r["l"], r["name"]): sorted(r["aliases"]) for r in graph.query(
        "MATCH (n:Person|Organisation) RETURN labels(n)[0] AS l, n.name AS name, "
        "n.aliases AS aliases")}
    path = tmp_path / "kb.ftm.json"
    graph.kb("export", "--format", "ftm", "-o", str(path), check=True)
    graph.query("MATCH (n) DETACH DELETE n")
    graph.kb("load", "--format", "ftm", str(path), check=True)
    again = {(r["l"], r["name"]): sorted(r["aliases"]) for r in graph.query(
        "MATCH (n:Person|Organisation) RETURN labels(n)[0] AS l, n.name AS name, "
        "n.aliases AS aliases")}
    assert again == entities
    assert graph.query("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"] == 0
