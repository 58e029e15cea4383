"""Provenance exports of the graph: kb's JSON, GraphML and CSV, each written as a stream.

Every writer reads a ``GraphSource`` (nodes, then relationships with their citations inlined)
and writes record by record, so no export holds the graph in memory. Every citation keeps its
quote, offsets, publication (URL, outlet, date), whether it verifies and whether its
publication was retracted. JSON-LD, neo4j-admin CSV and FollowTheMoney live in their own
modules; ``to_jsonld``/``to_graphml``/``to_csv`` give a small export as one value.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from typing import Any, TextIO

from kb.model.graph import model
from kb.store.export import GraphSource, node_labels, rel_types

SKIPPED = {"text"}  # publication texts: megabytes no graph tool wants as an attribute
# Characters XML 1.0 does not allow anywhere, even escaped (NUL, most C0 controls, ...).
_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def display_name(node: dict[str, Any]) -> str:
    props = node["properties"]
    return str(props.get("name") or props.get("summary") or props.get("title") or node["id"])


def citation_row(cit: dict[str, Any]) -> dict[str, Any]:
    """One citation, flat: what a spreadsheet or graph tool shows of it."""
    pub = cit.get("publication") or {}
    return {"citation_id": cit.get("id"), "quote": cit.get("quote"), "start": cit.get("start"),
            "end": cit.get("end"), "publication_id": pub.get("id"), "url": pub.get("url"),
            "outlet": pub.get("outlet"), "published": pub.get("published"),
            "title": pub.get("title"), "verified": cit.get("verified"),
            "retracted": pub.get("retracted", False), "method": cit.get("method"),
            "confidence": cit.get("confidence"), "created_by": cit.get("created_by")}


# -- JSON (kb's own shape) -------------------------------------------------------------------


def write_json(source: GraphSource, out: TextIO) -> None:
    """``{"nodes": [...], "relationships": [...]}``, one item a line, written as read."""

    def items(name: str, rows: Iterable[dict[str, Any]], last: bool) -> None:
        out.write(f'  "{name}": [')
        sep = "\n"
        for row in rows:
            out.write(sep + "    " + json.dumps(row, ensure_ascii=False, sort_keys=True))
            sep = ",\n"
        out.write(("\n  ]" if sep != "\n" else "]") + ("\n" if last else ",\n"))

    out.write("{\n")
    items("nodes", source.nodes(), last=False)
    items("relationships", source.relationships(0), last=True)
    out.write("}\n")


# -- GraphML (Gephi, yEd, networkx) ----------------------------------------------------------

_GRAPHML_TYPES = {"string": "string", "integer": "long", "float": "double",
                  "boolean": "boolean"}
EDGE_KEYS = {  # per edge, besides the model's relationship properties
    "citation_count": "int", "citations": "string", "quotes": "string", "urls": "string",
    "verified": "boolean", "retracted": "boolean",
}


def xml_text(value: Any) -> str:
    """Escape for XML text and attributes, dropping characters XML cannot carry at all."""
    text = _XML_INVALID.sub("", str(value))
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def _node_keys() -> dict[str, str]:
    keys = {"labels": "string", "name": "string"}
    for label in node_labels():
        for name, prop in model().nodes[label].properties.items():
            if name not in SKIPPED and name not in keys:
                keys[name] = _GRAPHML_TYPES.get(prop.type, "string")
    return keys


def _edge_keys() -> dict[str, str]:
    keys = {"type": "string"}
    for rel_type in rel_types():
        for name, prop in model().relationships[rel_type].properties.items():
            keys.setdefault(name, _GRAPHML_TYPES.get(prop.type, "string"))
    keys.update({"unsupported": "boolean", **EDGE_KEYS})
    return keys


def _graphml_value(value: Any, kind: str) -> str:
    if isinstance(value, list):
        return xml_text(json.dumps(value, ensure_ascii=False))
    if kind == "boolean":
        return "true" if value else "false"
    return xml_text(value)


def _data(key_ids: dict[str, str], keys: dict[str, str], values: dict[str, Any]) -> str:
    return "".join(f'<data key="{key_ids[k]}">{_graphml_value(v, keys[k])}</data>'
                   for k, v in values.items() if v is not None and k in keys)


def write_graphml(source: GraphSource, out: TextIO) -> None:
    """Every node with its properties, every edge with all its citations.

    GraphML has no lists, so an edge carries its citations as a JSON array (each with quote,
    offsets, URL, outlet, date, verified, retracted) plus the quotes and URLs as plain text
    a person can read in Gephi's data laboratory, and two flags over all of them.
    """
    node_keys, edge_keys = _node_keys(), _edge_keys()
    node_ids = {k: f"n_{k}" for k in node_keys}
    edge_ids = {k: f"e_{k}" for k in edge_keys}
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
              '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n')
    for what, keys, ids in (("node", node_keys, node_ids), ("edge", edge_keys, edge_ids)):
        for name, kind in keys.items():
            out.write(f'  <key id="{ids[name]}" for="{what}" attr.name="{name}" '
                      f'attr.type="{kind}"/>\n')
    out.write('  <graph id="kb" edgedefault="directed">\n')
    for node in source.nodes():
        values = {"labels": ":".join(node["labels"]), **node["properties"],
                  "name": display_name(node)}
        out.write(f'    <node id="{xml_text(node["id"])}">'
                  f'{_data(node_ids, node_keys, values)}</node>\n')
    for rel in source.relationships(0):
        rows = [citation_row(c) for c in rel["citations"]]
        values = {"type": rel["type"], **rel["properties"], "citation_count": len(rows),
                  "citations": rows, "quotes": " | ".join(r["quote"] or "" for r in rows),
                  "urls": " ".join(sorted({r["url"] for r in rows if r["url"]})),
                  "verified": all(r["verified"] for r in rows) if rows else None,
                  "retracted": all(r["retracted"] for r in rows) if rows else None}
        out.write(f'    <edge id="{xml_text(rel["id"])}" source="{xml_text(rel["start"])}" '
                  f'target="{xml_text(rel["end"])}">{_data(edge_ids, edge_keys, values)}'
                  f'</edge>\n')
    out.write("  </graph>\n</graphml>\n")


# -- CSV (spreadsheets, pandas, Gephi's spreadsheet import) ----------------------------------

CSV_FILES = ["nodes.csv", "relationships.csv", "citations.csv"]
CITATION_COLUMNS = ["relationship_id", "type", "source", "target", "citation_id", "quote",
                    "start", "end", "publication_id", "url", "outlet", "published", "title",
                    "verified", "retracted", "method", "confidence", "created_by"]


def _cell(value: Any) -> Any:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def write_csv(source: GraphSource, open_file: Any) -> list[str]:
    """nodes.csv (Id, Label: Gephi's node table), relationships.csv (Source, Target: its edge
    table, one row an edge) and citations.csv (one row a citation, every field)."""
    with open_file("nodes.csv") as handle:
        w = csv.writer(handle)
        w.writerow(["Id", "Label", "labels", "aliases", "properties"])
        for node in source.nodes():
            props = {k: v for k, v in node["properties"].items() if k not in SKIPPED}
            w.writerow([node["id"], display_name(node), ":".join(node["labels"]),
                        _cell(props.get("aliases", [])), _cell(props)])
    with open_file("relationships.csv") as rels, open_file("citations.csv") as cits:
        rw, cw = csv.writer(rels), csv.DictWriter(cits, CITATION_COLUMNS)
        rw.writerow(["Source", "Target", "Id", "Label", "citation_count", "verified",
                     "retracted", "properties"])
        cw.writeheader()
        for rel in source.relationships(0):
            rows = [citation_row(c) for c in rel["citations"]]
            props = {k: v for k, v in rel["properties"].items() if k != "citation_ids"}
            rw.writerow([rel["start"], rel["end"], rel["id"], rel["type"], len(rows),
                         _cell(all(r["verified"] for r in rows)),
                         _cell(bool(rows) and all(r["retracted"] for r in rows)), _cell(props)])
            for row in rows:
                cw.writerow({k: _cell(v) for k, v in row.items()}
                            | {"relationship_id": rel["id"], "type": rel["type"],
                               "source": rel["start"], "target": rel["end"]})
    return CSV_FILES


# -- whole values, for small exports and tests ------------------------------------------------


def _source(export: dict[str, Any] | GraphSource) -> GraphSource:
    return export if isinstance(export, GraphSource) else GraphSource.from_export(export)


def to_graphml(export: dict[str, Any] | GraphSource) -> str:
    out = io.StringIO()
    write_graphml(_source(export), out)
    return out.getvalue()


def to_csv(export: dict[str, Any] | GraphSource) -> dict[str, str]:
    files: dict[str, io.StringIO] = {}

    class _Keep(io.StringIO):
        def close(self) -> None:  # keep the text readable after the with block
            pass

    def open_file(name: str) -> io.StringIO:
        files[name] = _Keep()
        return files[name]

    write_csv(_source(export), open_file)
    return {name: buf.getvalue() for name, buf in files.items()}


def to_jsonld(export: dict[str, Any] | GraphSource, base: str | None = None) -> dict[str, Any]:
    from kb.render.jsonld import to_jsonld as build

    return build(_source(export), base)
