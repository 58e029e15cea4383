"""`kb export`: streamed, to stdout or a file or a .zip; GraphML and CSV keep every citation."""

from __future__ import annotations

import csv
import io
import json
import tracemalloc
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import networkx as nx

from kb.render.exports import to_csv, to_graphml, write_json
from kb.store.export import GraphSource
from tests.conftest import Graph
from tests.interop.helpers import RETRACTED_URL, load_examples

CITATION_FIELDS = {"quote", "start", "end", "url", "outlet", "published", "verified",
                   "retracted"}



def test_json_goes_to_stdout_and_equals_the_export_in_memory(graph: Graph) -> None:
    load_examples(graph)
    out = graph.kb("export", "--format", "json", check=True)
    assert json.loads(out.stdout) == graph.export()
    assert out.stderr == ""


def test_a_zip_holds_the_same_file_as_stdout(graph: Graph, tmp_path: Path) -> None:
    load_examples(graph)
    for fmt, name in (("json", "kb.json"), ("graphml", "kb.graphml")):
        stdout = graph.kb("export", "--format", fmt, check=True).stdout
        target = tmp_path / f"{fmt}.zip"
        said = graph.kb("export", "--format", fmt, "-o", str(target), check=True).stdout
        assert str(target) in said
        with zipfile.ZipFile(target) as archive:
            assert archive.namelist() == [name]
            assert archive.read(name).decode() == stdout


def test_a_multi_file_format_without_o_says_what_to_do_in_one_line(graph: Graph) -> None:
    for fmt in ("csv", "neo4j-csv"):
        out = graph.kb("export", "--format", fmt)
        assert out.returncode == 1 and out.stdout == ""
        lines = out.stderr.strip().splitlines()
        assert len(lines) == 1 and "-o" in lines[0] and ".zip" in lines[0], out.stderr


def test_csv_into_a_folder_and_into_a_zip_are_the_same(graph: Graph, tmp_path: Path) -> None:
    load_examples(graph)
    graph.kb("export", "--format", "csv", "-o", str(tmp_path / "dir"), check=True)
    graph.kb("export", "--format", "csv", "-o", str(tmp_path / "t.zip"), check=True)
    with zipfile.ZipFile(tmp_path / "t.zip") as archive:
        assert sorted(archive.namelist()) == ["citations.csv", "nodes.csv", "relationships.csv"]
        for name in archive.namelist():
            assert archive.read(name) == (tmp_path / "dir" / name).read_bytes()


def test_json_export_streams_instead_of_holding_the_graph(graph: Graph) -> None:
    """Peak memory while writing stays well under the size of what is written."""
    graph.query("UNWIND range(1, 20000) AS i CREATE (:Person {id: 'per_t' + i, "
                "name: 'Person number ' + i, name_key: 'person number ' + i, "
                "aliases: ['Person number ' + i, 'P. ' + i], "
                "description: 'a fictional person made up for a memory test, number ' + i})")
    source = GraphSource.from_driver(graph.driver, graph.database)

    class Counter(io.TextIOBase):
        size = 0

        def write(self, text: str) -> int:
            self.size += len(text)
            return len(text)

    sink = Counter()
    tracemalloc.start()
    write_json(source, sink)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert sink.size > 5_000_000
    assert peak < sink.size / 3, (peak, sink.size)


def test_graphml_carries_every_citation_with_its_source(graph: Graph, tmp_path: Path) -> None:
    load_examples(graph)
    export = graph.export()
    path = tmp_path / "kb.graphml"
    path.write_text(graph.kb("export", "--format", "graphml", check=True).stdout)
    g = nx.read_graphml(path)
    assert g.number_of_nodes() == len(export["nodes"])
    assert g.number_of_edges() == len(export["relationships"])
    edges = {data["id"]: data for _, _, data in g.edges(data=True)}
    total = 0
    for rel in export["relationships"]:
        data = edges[rel["id"]]
        citations = json.loads(data["citations"])
        total += len(citations)
        assert data["citation_count"] == len(citations) == len(rel["citations"]) >= 1
        assert {c["citation_id"] for c in citations} == {c["id"] for c in rel["citations"]}
        for cit in citations:
            assert cit.keys() >= CITATION_FIELDS and cit["verified"] is True
            assert cit["quote"] in data["quotes"] and cit["url"] in data["urls"]
        assert data["retracted"] == all(c["url"] == RETRACTED_URL for c in citations)
    assert total == sum(len(r["citations"]) for r in export["relationships"])
    multi = [d for d in edges.values() if d["citation_count"] > 1]
    assert any(len({c["outlet"] for c in json.loads(d["citations"])}) > 1 for d in multi)
    assert sum(1 for d in edges.values() if d["retracted"]) > 0
    people = {d["name"]: d for _, d in g.nodes(data=True) if d["labels"] == "Person"}
    assert "Delgado" in json.loads(people["Conrad Delgado"]["aliases"])


def test_graphml_stays_well_formed_when_a_name_holds_characters_xml_forbids(
    graph: Graph, tmp_path: Path
) -> None:
    load_examples(graph, retract_one=False)
    graph.query("CREATE (:Person {id: 'per_bad', name: $name, name_key: 'x', aliases: [$name]})",
                name="Ann\x00 <Oak> & \x0b\"Co\" \ud7ff\U0001f600")
    text = to_graphml(graph.export())
    ET.fromstring(text.encode())  # well-formed XML
    path = tmp_path / "bad.graphml"
    path.write_text(text)
    names = {d["name"] for _, d in nx.read_graphml(path).nodes(data=True)}
    assert "Ann <Oak> & \"Co\" \ud7ff\U0001f600" in names


def test_csv_keeps_one_row_an_edge_and_one_row_a_citation(graph: Graph) -> None:
    load_examples(graph)
    export = graph.export()
    tables = {k: list(csv.DictReader(io.StringIO(v))) for k, v in to_csv(export).items()}
    assert len(tables["nodes.csv"]) == len(export["nodes"])
    assert len(tables["relationships.csv"]) == len(export["relationships"])
    assert {"Source", "Target", "Id", "Label"} <= tables["relationships.csv"][0].keys()
    cits = tables["citations.csv"]
    assert len(cits) == sum(len(r["citations"]) for r in export["relationships"])
    by_id = {c["id"]: (r, c) for r in export["relationships"] for c in r["citations"]}
    for row in cits:
        rel, cit = by_id[row["citation_id"]]
        assert row["relationship_id"] == rel["id"] and row["quote"] == cit["quote"]
        assert (int(row["start"]), int(row["end"])) == (cit["start"], cit["end"])
        assert row["url"] == cit["publication"]["url"] and row["outlet"]
        assert row["verified"] == "true"
        assert row["retracted"] == ("true" if row["url"] == RETRACTED_URL else "false")
    assert any(r["retracted"] == "true" for r in cits)
    assert any(r["published"] for r in cits)
