"""JSON-LD: each citation a W3C Web Annotation, each relationship a PROV-O entity derived from
its annotations, every node with its properties (aliases included). Written as a stream.

Every resource has an IRI under the configured base (``KB_BASE_IRI``): nodes and
relationships ``{base}id/{id}``, an annotation ``{base}id/{citation id}`` and its body, target
and selectors fragments of it (``#body``, ``#target``, ``#quote``, ``#position``), so the same
graph always gives the same triples and no blank node is left for a consumer to reconcile.
"""

from __future__ import annotations

import io
import json
from typing import Any, TextIO

from kb.store.export import GraphSource

AFFIX = 32  # characters of prefix/suffix in a TextQuoteSelector
DEFAULT_BASE = "http://127.0.0.1:8000/"
SKIPPED = {"text", "name_key", "surname_key"}  # the text is the source itself; keys are ours


def context(base: str) -> dict[str, Any]:
    """The Web Annotation terms kb uses, inline (the same IRIs as the W3C anno.jsonld
    context), so the export expands without fetching anything."""
    return {
        "oa": "http://www.w3.org/ns/oa#", "prov": "http://www.w3.org/ns/prov#",
        "kb": base + "ns#", "schema": "https://schema.org/",
        "xsd": "http://www.w3.org/2001/XMLSchema#", "dcterms": "http://purl.org/dc/terms/",
        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "id": "@id", "type": "@type",
        "Annotation": "oa:Annotation", "TextualBody": "oa:TextualBody",
        "TextQuoteSelector": "oa:TextQuoteSelector",
        "TextPositionSelector": "oa:TextPositionSelector",
        "describing": "oa:describing",
        "motivation": {"@id": "oa:motivatedBy", "@type": "@vocab"},
        "body": {"@id": "oa:hasBody"}, "target": {"@id": "oa:hasTarget"},
        "source": {"@id": "oa:hasSource", "@type": "@id"}, "selector": {"@id": "oa:hasSelector"},
        "exact": "oa:exact", "prefix": "oa:prefix", "suffix": "oa:suffix",
        "start": {"@id": "oa:start", "@type": "xsd:nonNegativeInteger"},
        "end": {"@id": "oa:end", "@type": "xsd:nonNegativeInteger"},
        "value": "rdf:value", "creator": "dcterms:creator",
        "aliases": {"@id": "schema:alternateName", "@container": "@set"},
        "verified": {"@id": "kb:verified", "@type": "xsd:boolean"},
    }


def normalise_base(base: str | None) -> str:
    base = base or DEFAULT_BASE
    return base if base.endswith(("/", "#")) else base + "/"


def _node(node: dict[str, Any], ids: str) -> dict[str, Any]:
    props = node["properties"]
    item: dict[str, Any] = {"@id": ids + node["id"],
                            "@type": [f"kb:{label}" for label in node["labels"]]}
    if "Publication" in node["labels"]:
        item["@type"].append("prov:Entity")
        item.update({"schema:headline": props.get("title"),
                     "schema:publisher": props.get("outlet"), "schema:url": props.get("url"),
                     "schema:datePublished": props.get("published"),
                     "kb:retracted": props.get("retracted", False)})
    if "aliases" in props:
        item["aliases"] = props["aliases"]
    for key, value in props.items():
        if key not in SKIPPED and key not in ("aliases", "id") and value is not None:
            item[f"kb:{key}"] = value
    return {k: v for k, v in item.items() if v is not None}


def _annotation(rel: dict[str, Any], cit: dict[str, Any], ids: str) -> dict[str, Any]:
    iri = ids + cit["id"]
    pub = cit.get("publication") or {}
    quote: dict[str, Any] = {"@id": iri + "#quote", "type": "TextQuoteSelector",
                             "exact": cit["quote"]}
    for key in ("prefix", "suffix"):
        if cit.get(key) is not None:
            quote[key] = cit[key]
    return {
        "@id": iri, "type": "Annotation", "motivation": "describing",
        "creator": cit.get("created_by"), "verified": cit.get("verified"),
        "body": {"@id": iri + "#body", "type": "TextualBody",
                 "value": f"evidence for {rel['type']} {rel['id']}"},
        "target": {
            "@id": iri + "#target",
            "source": pub.get("url") or ids + pub.get("id", ""),
            "selector": [quote, {"@id": iri + "#position", "type": "TextPositionSelector",
                                 "start": cit["start"], "end": cit["end"]}],
        },
        "prov:wasDerivedFrom": {"@id": ids + pub.get("id", "")},
    }


def write_jsonld(source: GraphSource, out: TextIO, base: str | None = None) -> None:
    base = normalise_base(base)
    ids = base + "id/"
    out.write('{\n  "@context": ' + json.dumps(context(base), sort_keys=True) +
              ',\n  "@graph": [')
    sep = "\n"

    def emit(item: dict[str, Any]) -> None:
        nonlocal sep
        out.write(sep + "    " + json.dumps(item, ensure_ascii=False, sort_keys=True))
        sep = ",\n"

    for node in source.nodes():
        emit(_node(node, ids))
    for rel in source.relationships(AFFIX):
        annotations = [_annotation(rel, cit, ids) for cit in rel["citations"]]
        for note in annotations:
            emit({k: v for k, v in note.items() if v is not None})
        item: dict[str, Any] = {
            "@id": ids + rel["id"], "@type": ["prov:Entity", f"kb:{rel['type']}"],
            "kb:from": {"@id": ids + rel["start"]}, "kb:to": {"@id": ids + rel["end"]},
            "prov:wasDerivedFrom": [{"@id": a["@id"]} for a in annotations],
            "prov:wasAttributedTo": sorted({c.get("created_by") or "" for c in rel["citations"]}),
        }
        for key, value in rel["properties"].items():
            if key not in ("id", "citation_ids") and value is not None:
                item[f"kb:{key}"] = value
        emit(item)
    out.write("\n  ]\n}\n")


def to_jsonld(source: GraphSource, base: str | None = None) -> dict[str, Any]:
    out = io.StringIO()
    write_jsonld(source, out, base)
    document: dict[str, Any] = json.loads(out.getvalue())
    return document
