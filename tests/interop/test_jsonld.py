"""JSON-LD: IRIs under KB_BASE_IRI, no blank nodes, aliases kept; pyld and rdflib agree."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

from pyld import jsonld
from rdflib import BNode, Literal, URIRef
from rdflib import Graph as RDFGraph

from tests.conftest import REPO, Graph
from tests.interop.helpers import load_examples

BASE = "https://kb.newsroom.example/"


def _export(graph: Graph, base: str | None = BASE) -> tuple[str, dict[str, Any]]:
    env = graph.env()
    if base is None:
        env.pop("KB_BASE_IRI", None)
    else:
        env["KB_BASE_IRI"] = base
    proc = subprocess.run([sys.executable, "-m", "kb", "export", "--format", "jsonld"],
                          env=env, capture_output=True, text=True, cwd=REPO, check=True)
    return proc.stdout, json.loads(proc.stdout)


def _rdf(text: str) -> RDFGraph:
    return RDFGraph().parse(data=text, format="json-ld")


def test_pyld_and_rdflib_read_the_same_triples_and_rdflib_round_trips_them(
    graph: Graph,
) -> None:
    load_examples(graph)
    text, doc = _export(graph)
    nquads = jsonld.to_rdf(doc, {"format": "application/n-quads"})
    pyld_triples = {line for line in nquads.splitlines() if line.strip()}
    g = _rdf(text)
    assert len(pyld_triples) == len(g) > 500
    again = _rdf(g.serialize(format="json-ld"))
    assert len(again) == len(g)
    assert set(again) == set(g)  # no blank nodes, so equal triples mean the same graph
    print(f"JSON-LD triples: {len(g)}")


def test_every_resource_has_an_iri_under_the_base_and_no_blank_node_is_left(
    graph: Graph,
) -> None:
    load_examples(graph)
    text, _ = _export(graph)
    g = _rdf(text)
    for s, _p, o in g:
        assert not isinstance(s, BNode) and not isinstance(o, BNode), (s, _p, o)
        assert isinstance(s, URIRef)
    subjects = {str(s) for s in g.subjects()}
    ours = [s for s in subjects if s.startswith(BASE + "id/")]
    assert len(ours) == len(subjects)  # every subject is one of kb's
    oa = "http://www.w3.org/ns/oa#"
    notes = set(g.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                           URIRef(oa + "Annotation")))
    cited = graph.query("MATCH ()-[r]->() WHERE r.citation_ids IS NOT NULL "
                        "RETURN sum(size(r.citation_ids)) AS n")[0]["n"]
    assert len(notes) == cited
    for note in notes:
        target = g.value(note, URIRef(oa + "hasTarget"))
        assert str(target) == f"{note}#target"
        selectors = set(g.objects(target, URIRef(oa + "hasSelector")))
        assert {str(s) for s in selectors} == {f"{note}#quote", f"{note}#position"}


def test_the_same_graph_gives_the_same_document_and_aliases_are_kept(graph: Graph) -> None:
    load_examples(graph)
    first, _ = _export(graph)
    second, _ = _export(graph)
    assert first == second
    g = _rdf(first)
    alt = URIRef("https://schema.org/alternateName")
    delgado = [s for s, o in g.subject_objects(URIRef(BASE + "ns#name"))
               if o == Literal("Conrad Delgado")]
    assert len(delgado) == 1
    assert Literal("Delgado") in set(g.objects(delgado[0], alt))


def test_the_base_iri_defaults_to_the_served_api(graph: Graph) -> None:
    load_examples(graph, retract_one=False)
    _, doc = _export(graph, base=None)
    assert doc["@context"]["kb"] == "http://127.0.0.1:8000/ns#"
    assert all(item["@id"].startswith("http://127.0.0.1:8000/id/") for item in doc["@graph"])
