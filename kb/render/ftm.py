"""FollowTheMoney: the graph as FtM entities (one JSON object a line), built with the
``followthemoney`` library so every value is cleaned and checked by its own model.

FtM has no claims, so kb's claims become the interest types FtM has, each with its
provenance in FtM's own properties: ``proof`` (the Article), ``sourceUrl``, ``publisher``,
``date`` (the publication's), ``description`` (the exact quote) and ``summary``/``status``
(the claim's wording and state).

| kb | FtM |
|---|---|
| Person, Organisation (aliases) | Person, Organization (``alias``) |
| Publication | Article (``title``, ``publisher``, ``sourceUrl``, ``publishedAt``, ``bodyText``) |
| accuser ACCUSES an allegation AGAINST someone | UnknownLink subject → object, ``role`` "accuses" |
| each citation of an allegation AGAINST someone | Documentation: the article documents it |
| each citation of a response ISSUED by someone | Documentation, ``role`` the response type |
| a response ON_BEHALF_OF a party | Representation: the speaker for the party |
| AFFILIATED_WITH | Membership (``role``) |
| ASSOCIATED_WITH | Associate (``relationship``) |
| ACTED_ON | UnknownLink, ``role`` the action |
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, TextIO

from followthemoney import model
from followthemoney.proxy import EntityProxy
from followthemoney.util import make_entity_id

from kb.store.export import GraphSource

SCHEMATA = {"Person": "Person", "Organisation": "Organization"}
LEGAL = {"Person", "Organisation"}  # kb labels FtM can link (LegalEntity / Thing)


def ftm_id(kb_id: str) -> str:
    """FtM ids allow letters, digits, '.' and '-': ``per_4d94…`` becomes ``per-4d94…``."""
    return kb_id.replace("_", "-")


def _entity(schema: str, *key: str) -> EntityProxy:
    proxy = model.make_entity(schema)
    proxy.id = make_entity_id("kb", *key)
    return proxy


def _add(proxy: EntityProxy, prop: str, value: Any) -> None:
    if value not in (None, "", []):
        proxy.add(prop, value, quiet=False)


def _provenance(proxy: EntityProxy, citations: list[dict[str, Any]]) -> None:
    for cit in citations:
        pub = cit.get("publication") or {}
        _add(proxy, "description", cit.get("quote"))
        _add(proxy, "proof", pub.get("id") and ftm_id(pub["id"]))
        _add(proxy, "sourceUrl", pub.get("url"))
        _add(proxy, "publisher", pub.get("outlet"))
        _add(proxy, "date", pub.get("published"))


def node_entity(node: dict[str, Any]) -> EntityProxy | None:
    props, labels = node["properties"], node["labels"]
    if "Publication" in labels:
        proxy = model.make_entity("Article")
        proxy.id = ftm_id(node["id"])
        _add(proxy, "title", props.get("title"))
        _add(proxy, "publisher", props.get("outlet"))
        _add(proxy, "sourceUrl", props.get("url"))
        _add(proxy, "publishedAt", props.get("published"))
        _add(proxy, "author", props.get("authors"))
        _add(proxy, "retrievedAt", props.get("retrieved"))
        _add(proxy, "bodyText", props.get("text"))
        if props.get("retracted"):
            _add(proxy, "notes", f"retracted: {props.get('retraction_reason') or 'no reason'}")
        return proxy
    label = next((lbl for lbl in labels if lbl in SCHEMATA), None)
    if label is None:
        return None
    proxy = model.make_entity(SCHEMATA[label])
    proxy.id = ftm_id(node["id"])
    _add(proxy, "name", props.get("name"))
    _add(proxy, "alias", [a for a in props.get("aliases", []) if a != props.get("name")])
    _add(proxy, "description", props.get("description"))
    return proxy


def _is_entity(node: dict[str, Any]) -> bool:
    return bool(LEGAL & set(node.get("labels", [])))


def rel_entities(rel: dict[str, Any]) -> Iterator[EntityProxy]:
    """The FtM entities one kb relationship becomes (none for provenance-only edges)."""
    start, end, kind = rel["start_node"], rel["end_node"], rel["type"]
    cits, props = rel["citations"], rel["properties"]
    if kind == "ACCUSES" and _is_entity(start):
        for accused in end.get("against", []):
            link = _entity("UnknownLink", rel["id"], accused)
            _add(link, "subject", ftm_id(start["id"]))
            _add(link, "object", ftm_id(accused))
            _add(link, "role", "accuses")
            _add(link, "summary", end.get("summary"))
            _add(link, "status", end.get("status"))
            _provenance(link, cits)
            yield link
    elif (kind == "AGAINST" and _is_entity(end)) or (kind == "ISSUED" and _is_entity(start)):
        claim, party = (start, end) if kind == "AGAINST" else (end, start)
        role = "allegation against" if kind == "AGAINST" else f"{claim.get('type')} issued by"
        for cit in cits:
            doc = _entity("Documentation", rel["id"], cit["id"])
            _add(doc, "document", ftm_id(cit["publication"]["id"]))
            _add(doc, "entity", ftm_id(party["id"]))
            _add(doc, "role", role)
            _add(doc, "summary", claim.get("summary"))
            _add(doc, "status", claim.get("status") or claim.get("kind"))
            _provenance(doc, [cit])
            yield doc
    elif kind == "ON_BEHALF_OF" and _is_entity(end):
        for speaker in start.get("issued_by", []):
            if speaker == end["id"]:
                continue
            rep = _entity("Representation", rel["id"], speaker)
            _add(rep, "agent", ftm_id(speaker))
            _add(rep, "client", ftm_id(end["id"]))
            _add(rep, "role", f"{start.get('type')} on behalf of")
            _add(rep, "summary", start.get("summary"))
            _provenance(rep, cits)
            yield rep
    elif kind in RELATIONS:
        schema, left, right, prop, role_key = RELATIONS[kind]
        ent = _entity(schema, rel["id"])
        _add(ent, left, ftm_id(rel["start"]))
        _add(ent, right, ftm_id(rel["end"]))
        _add(ent, role_key, props.get(prop))
        _provenance(ent, cits)
        yield ent


# kb type -> (FtM schema, source property, target property, kb property, FtM property)
RELATIONS = {
    "AFFILIATED_WITH": ("Membership", "member", "organization", "role", "role"),
    "ASSOCIATED_WITH": ("Associate", "person", "associate", "kind", "relationship"),
    "ACTED_ON": ("UnknownLink", "subject", "object", "action", "role"),
}


def iter_ftm(source: GraphSource) -> Iterator[EntityProxy]:
    for node in source.nodes():
        proxy = node_entity(node)
        if proxy is not None:
            yield proxy
    for rel in source.relationships(0, True):
        yield from rel_entities(rel)


def write_ftm(source: GraphSource, out: TextIO) -> None:
    for proxy in iter_ftm(source):
        out.write(json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
