"""Provenance exports of the graph: JSON-LD (Web Annotation + PROV-O), GraphML, CSV.

Each takes the plain export (``kb.store.export.export_graph``) so every format
says the same thing.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any
from xml.sax.saxutils import escape

KB = "https://kb.example.org/id/"  # a base IRI for kb's own ids (not dereferenceable)
# The Web Annotation terms kb uses, inline (the same IRIs as the W3C anno.jsonld
# context), so the export expands without fetching anything.
CONTEXT = {
    "oa": "http://www.w3.org/ns/oa#", "prov": "http://www.w3.org/ns/prov#", "kb": KB,
    "schema": "https://schema.org/", "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dcterms": "http://purl.org/dc/terms/", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "id": "@id", "type": "@type",
    "Annotation": "oa:Annotation", "TextualBody": "oa:TextualBody",
    "TextQuoteSelector": "oa:TextQuoteSelector", "TextPositionSelector": "oa:TextPositionSelector",
    "describing": "oa:describing",
    "motivation": {"@id": "oa:motivatedBy", "@type": "@vocab"},
    "body": {"@id": "oa:hasBody"}, "target": {"@id": "oa:hasTarget"},
    "source": {"@id": "oa:hasSource", "@type": "@id"}, "selector": {"@id": "oa:hasSelector"},
    "exact": "oa:exact", "prefix": "oa:prefix", "suffix": "oa:suffix",
    "start": {"@id": "oa:start", "@type": "xsd:nonNegativeInteger"},
    "end": {"@id": "oa:end", "@type": "xsd:nonNegativeInteger"},
    "value": "rdf:value", "creator": "dcterms:creator",
}
AFFIX = 32  # characters of prefix/suffix in a TextQuoteSelector


def _publications(export: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {n["id"]: n["properties"] for n in export["nodes"] if "Publication" in n["labels"]}


def to_jsonld(export: dict[str, Any]) -> dict[str, Any]:
    """Each citation a W3C Web Annotation; each relationship a prov:Entity derived from them."""
    pubs = _publications(export)
    graph: list[dict[str, Any]] = []
    for node in export["nodes"]:
        props = node["properties"]
        item: dict[str, Any] = {"@id": KB + node["id"], "@type": [f"kb:{lbl}" for lbl in
                                                                   node["labels"]]}
        if "Publication" in node["labels"]:
            item["@type"].append("prov:Entity")
            item.update({"schema:headline": props.get("title"),
                         "schema:publisher": props.get("outlet"), "schema:url": props.get("url"),
                         "schema:datePublished": props.get("published"),
                         "kb:sha256": props.get("sha256"),
                         "kb:retracted": props.get("retracted", False)})
        else:
            for key in ("name", "summary", "status", "type", "kind"):
                if props.get(key) is not None:
                    item[f"kb:{key}"] = props[key]
        graph.append(item)
    for rel in export["relationships"]:
        annotations = []
        for cit in rel["citations"]:
            pub = pubs.get(cit["publication"]["id"], {})
            text = pub.get("text", "")
            annotations.append({
                "@id": KB + cit["id"], "type": "Annotation", "motivation": "describing",
                "creator": cit.get("created_by"),
                "body": {"type": "TextualBody", "value": f"evidence for {rel['type']} {rel['id']}"},
                "target": {
                    "source": pub.get("url") or KB + cit["publication"]["id"],
                    "selector": [
                        {"type": "TextQuoteSelector", "exact": cit["quote"],
                         "prefix": text[max(0, cit["start"] - AFFIX):cit["start"]],
                         "suffix": text[cit["end"]:cit["end"] + AFFIX]},
                        {"type": "TextPositionSelector", "start": cit["start"], "end": cit["end"]},
                    ],
                },
            })
        graph.extend(annotations)
        graph.append({
            "@id": KB + rel["id"], "@type": ["prov:Entity", f"kb:{rel['type']}"],
            "kb:from": {"@id": KB + rel["start"]}, "kb:to": {"@id": KB + rel["end"]},
            "prov:wasDerivedFrom": [{"@id": a["@id"]} for a in annotations],
            "prov:wasAttributedTo": sorted({c.get("created_by") or "" for c in rel["citations"]}),
        })
    return {"@context": CONTEXT, "@graph": graph}


def to_graphml(export: dict[str, Any]) -> str:
    """GraphML with a label, a name and the citation count; opens in Gephi and yEd."""
    out = io.StringIO()
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
              '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
              '  <key id="labels" for="node" attr.name="labels" attr.type="string"/>\n'
              '  <key id="name" for="node" attr.name="name" attr.type="string"/>\n'
              '  <key id="type" for="edge" attr.name="type" attr.type="string"/>\n'
              '  <key id="citations" for="edge" attr.name="citations" attr.type="int"/>\n'
              '  <key id="quote" for="edge" attr.name="quote" attr.type="string"/>\n'
              '  <graph id="kb" edgedefault="directed">\n')
    for node in export["nodes"]:
        props = node["properties"]
        name = props.get("name") or props.get("summary") or props.get("title") or node["id"]
        out.write(f'    <node id="{escape(node["id"])}">'
                  f'<data key="labels">{escape(":".join(node["labels"]))}</data>'
                  f'<data key="name">{escape(str(name))}</data></node>\n')
    for rel in export["relationships"]:
        quote = rel["citations"][0]["quote"] if rel["citations"] else ""
        out.write(f'    <edge id="{escape(rel["id"])}" source="{escape(rel["start"])}" '
                  f'target="{escape(rel["end"])}"><data key="type">{escape(rel["type"])}</data>'
                  f'<data key="citations">{len(rel["citations"])}</data>'
                  f'<data key="quote">{escape(quote)}</data></edge>\n')
    out.write("  </graph>\n</graphml>\n")
    return out.getvalue()


def to_csv(export: dict[str, Any]) -> dict[str, str]:
    """Two tables: nodes.csv and relationships.csv (one row per citation)."""
    nodes = io.StringIO()
    w = csv.writer(nodes)
    w.writerow(["id", "labels", "name", "properties"])
    for node in export["nodes"]:
        props = {k: v for k, v in node["properties"].items() if k != "text"}
        name = props.get("name") or props.get("summary") or props.get("title") or ""
        w.writerow([node["id"], ":".join(node["labels"]), name, json.dumps(props, sort_keys=True)])
    rels = io.StringIO()
    w = csv.writer(rels)
    w.writerow(["id", "type", "start", "end", "citation_id", "publication_id", "publication_url",
                "quote", "quote_start", "quote_end"])
    for rel in export["relationships"]:
        for cit in rel["citations"] or [{}]:
            pub = cit.get("publication", {})
            w.writerow([rel["id"], rel["type"], rel["start"], rel["end"], cit.get("id"),
                        pub.get("id"), pub.get("url"), cit.get("quote"), cit.get("start"),
                        cit.get("end")])
    return {"nodes.csv": nodes.getvalue(), "relationships.csv": rels.getvalue()}
