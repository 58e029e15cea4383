"""Raw article text in, sourced report (a JSON-able dict) out."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from spacy.tokens import Doc

from kb.model.categories import categorise
from loaders.extract.allegations import find_allegations
from loaders.extract.attribution import attribute_quotes
from loaders.extract.claims import Allegation, Denial, Relation, Response
from loaders.extract.context import Context
from loaders.extract.entities import Registry
from loaders.extract.entitylinks import move
from loaders.extract.fastops import single_thread_blas
from loaders.extract.layout import analyse, parse_text
from loaders.extract.mentions import Entity, build_registry, norm
from loaders.extract.nlp import get_nlp
from loaders.extract.parallel import worker_pool
from loaders.extract.quotes import find_quotations
from loaders.extract.relations import find_relations
from loaders.extract.responses import find_responses

EXTRACTOR_VERSION = "kb-extract/0.1"
PUBLICATION_KEYS = ("title", "outlet", "url", "published", "authors")


def warm() -> None:
    """Load the model now (once per process) so timing excludes the load."""
    get_nlp()


def _cited(item: dict[str, Any], text: str, start: int, end: int) -> dict[str, Any]:
    item.update({"quote": text[start:end], "start": start, "end": end})
    return item


_SENTENCE_END = re.compile(r"[.!?][\"”’']?(?:\s|$)|\n")
_NEXT_CLAIM = re.compile(r",? and (?:a|the|another|one|two|three) \w+,|;")


def _own_words(a: Allegation, text: str, others: list[Allegation]) -> str:
    """The allegation's own words for its category: its quote up to the end of its clause
    ("accused X" + " of harassment"), stopping where another claim in the sentence starts."""
    end = m.start() if (m := _SENTENCE_END.search(text, a.end)) else len(text)
    later = [o.start for o in others if a.end <= o.start < end]
    tail = text[a.end : min([end, *later])]
    if (n := _NEXT_CLAIM.search(tail)) is not None:
        tail = tail[: n.start()]
    return text[a.start : a.end] + tail


def _allegation(a: Allegation, text: str, others: list[Allegation]) -> dict[str, Any]:
    item: dict[str, Any] = {
        "accuser": a.accusers[0].name if len(a.accusers) == 1 else None,
    }
    if len(a.accusers) > 1:
        item["accusers"] = [e.name for e in a.accusers]
    item.update(
        {
            "accuser_description": a.accuser_description,
            "accused": a.accused.name,
            "reported_by": [e.name for e in a.reported_by],
            "summary": a.summary,
            "categories": categorise(a.summary, _own_words(a, text, others)),
            "status": a.status,
        }
    )
    _cited(item, text, a.start, a.end)
    item.update({"confidence": a.confidence, "method": a.method})
    return item


def _denial(d: Denial, text: str) -> dict[str, Any]:
    item: dict[str, Any] = {
        "denier": d.denier.name,
        "accused": d.accused.name,
        "denies_allegation_by": d.denies_allegation_by.name if d.denies_allegation_by else None,
        "kind": d.kind,
        "summary": d.summary,
        "via": d.via.name if d.via else None,
        "via_role": d.via_role,
    }
    _cited(item, text, d.start, d.end)
    item.update({"confidence": d.confidence, "method": d.method})
    return item


def _response(r: Response, text: str) -> dict[str, Any]:
    item: dict[str, Any] = {
        "responder": r.responder.name,
        "type": r.type,
        "accused": r.accused.name if r.accused else None,
        "summary": r.summary,
        "via": r.via.name if r.via else None,
        "via_role": r.via_role,
    }
    _cited(item, text, r.start, r.end)
    item.update({"confidence": r.confidence, "method": r.method})
    return item


def _relation(r: Relation, text: str) -> dict[str, Any]:
    item: dict[str, Any] = {"kind": r.kind}
    item.update({k: e.name for k, e in r.fields.items()})
    item["role" if r.kind == "affiliation" else "detail"] = r.detail
    _cited(item, text, r.start, r.end)
    item.update({"confidence": r.confidence, "method": r.method})
    return item


def _entities(ents: list[Entity]) -> list[dict[str, Any]]:
    return [{"name": e.name, "aliases": sorted(e.aliases)} for e in ents]


def build_context(text: str, meta: dict[str, Any] | None = None, doc: Doc | None = None) -> Context:
    """Parse `text` (or take its already-parsed `doc`) and run the shared analyses."""
    if doc is None:
        with single_thread_blas():
            doc = get_nlp()(parse_text(text))
    doc.user_data["outlet"] = (meta or {}).get("outlet")
    doc.user_data["authors"] = list((meta or {}).get("authors") or [])
    layout = analyse(text)
    quotes = find_quotations(text)
    registry = build_registry(doc, layout, quotes, text)
    fold_outlet_short_forms(registry, doc.user_data["outlet"])
    ctx = Context(doc=doc, layout=layout, quotes=quotes, registry=registry, _text=text)
    attribute_quotes(ctx)
    return ctx


def fold_outlet_short_forms(registry: Registry, outlet: str | None) -> None:
    """'LOS ANGELES (NP) —', 'told Corvid', 'reviewed by the Courier': the publishing outlet by
    its initials, its first or its last word is the outlet, named in full (and so never taken
    for a party)."""
    words = str(outlet or "").split()
    if len(words) < 2:
        return
    initials = "".join(w[0] for w in words if w[0].isupper() and w.casefold() != "the")
    first = words[0].casefold() if words[0].casefold() != "the" else ""
    last = words[-1].casefold()
    full = next((e for e in registry.entities if norm(e.name) == norm(str(outlet))), None)
    for ent in [e for e in registry.entities if e.kind == "org" and e is not full]:
        forms = {ent.name, *ent.aliases}
        if not any(
            f == initials or f.casefold().removeprefix("the ") in {first, last} - {""}
            for f in forms
        ):
            continue
        if full is not None:
            move(registry, ent, full)
        else:
            ent.aliases.add(ent.name)
            ent.name = str(outlet)
            full = ent


def _add_outlet(ctx: Context, meta: dict[str, Any]) -> None:
    """The publishing outlet is an organisation only when the text names it."""
    outlet = meta.get("outlet")
    if not outlet or outlet not in ctx.text:
        return
    if any(norm(e.name) == norm(str(outlet)) for e in ctx.registry.entities):
        return
    ent = Entity(str(outlet), "org")
    ent.tokens.append(-1)
    ctx.registry.entities.append(ent)


def extract(text: str, meta: dict[str, Any] | None = None) -> dict[str, Any]:
    """Extract a sourced report from one article's text (exactly as stored)."""
    return _report(text, dict(meta or {}), None)


def extract_many(
    items: Iterable[tuple[str, dict[str, Any] | None]],
    batch_size: int = 16,
    processes: int = 1,
) -> Iterator[dict[str, Any]]:
    """`extract` over many (text, meta) pairs, parsing them in batches with `nlp.pipe`, in
    `processes` worker processes when more than one (each takes `batch_size` items at a time).

    Yields one report per item, in order, identical to `extract(text, meta)`.
    """
    if processes > 1:
        yield from _extract_in_pool(items, batch_size, processes)
        return
    pairs = ((parse_text(text), (text, dict(meta or {}))) for text, meta in items)
    docs = get_nlp().pipe(pairs, as_tuples=True, batch_size=batch_size)
    while True:
        with single_thread_blas():  # only around our forward passes, not the caller's code
            try:
                doc, (text, meta) = next(docs)
            except StopIteration:
                return
        yield _report(text, meta, doc)


def _extract_chunk(chunk: list[tuple[str, dict[str, Any] | None]]) -> list[dict[str, Any]]:
    return list(extract_many(chunk, batch_size=len(chunk)))


def _extract_in_pool(
    items: Iterable[tuple[str, dict[str, Any] | None]], batch_size: int, processes: int
) -> Iterator[dict[str, Any]]:
    warm()  # forked workers share the loaded model instead of each loading it
    it = iter(items)
    chunks = iter(lambda: list(islice(it, batch_size)), [])
    with worker_pool(processes) as pool:
        for reports in pool.imap(_extract_chunk, chunks):
            yield from reports


def _report(text: str, meta: dict[str, Any], doc: Doc | None) -> dict[str, Any]:
    ctx = build_context(text, meta, doc)
    allegations = find_allegations(ctx)
    denials, responses = find_responses(ctx, allegations)
    relations = find_relations(ctx)
    _add_outlet(ctx, meta)
    publication: dict[str, Any] = {k: meta.get(k) for k in PUBLICATION_KEYS}
    publication["authors"] = list(meta.get("authors") or [])
    publication["text"] = text
    report: dict[str, Any] = {
        "publication": publication,
        "extractor": EXTRACTOR_VERSION,
        "people": _entities(ctx.registry.people()),
        "organisations": _entities(ctx.registry.organisations()),
        "allegations": [_allegation(a, text, allegations) for a in allegations],
        "denials": [_denial(d, text) for d in denials],
        "responses": [_response(r, text) for r in responses],
        "relations": [_relation(r, text) for r in relations],
    }
    check_report(report)
    return report


def check_report(report: dict[str, Any]) -> None:
    """Every quote is the text at its offsets; every name is a listed entity."""
    text = report["publication"]["text"]
    people = {p["name"] for p in report["people"]}
    orgs = {o["name"] for o in report["organisations"]}
    names = people | orgs
    for section in ("allegations", "denials", "responses", "relations"):
        for item in report[section]:
            assert text[item["start"] : item["end"]] == item["quote"], f"bad citation in {section}"
            for key in (
                "accuser",
                "accused",
                "denier",
                "responder",
                "person",
                "organisation",
                "a",
                "b",
                "denies_allegation_by",
                "via",
            ):
                value = item.get(key)
                assert value is None or value in names, (
                    f"{section}.{key} {value!r} is not an entity"
                )
            for value in item.get("accusers", []):
                assert value in names, f"{section}.accusers {value!r} is not an entity"
            for value in item.get("reported_by", []):
                assert value in orgs, f"{section}.reported_by {value!r} is not an organisation"
