"""Turn a validated report into the rows the write layer merges.

This is pure: no database. Entity resolution against what the graph already
holds is passed in (``resolved``), so the same report always yields the same
rows, and every relationship in the plan carries its citations by
construction.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from kb.errors import CitationRequired, InvalidReport, QuoteAmbiguous, QuoteNotFound
from kb.model.categories import infer_categories, normalise_categories
from kb.model.graph import model
from kb.model.identity import make_id, name_key, normalise_url, surname_key, text_sha256
from kb.model.report import (
    AffiliationIn,
    AllegationIn,
    AssociationIn,
    Cited,
    EntityIn,
    Report,
    ResponseIn,
    Spoken,
)

# Citation methods of machine output: such claims land `unreviewed` (kb review).
MACHINE_METHODS = ("extract:", "rule:")
# The status a response gives the allegations it answers (a dated status event).
RESPONSE_STATUS = {"denial": "denied", "admission": "admitted"}

RESPONSE_LABELS = {
    "denial": "Denial",
    "admission": "Admission",
    "apology": "Apology",
    "no_comment": "NoComment",
    "does_not_recall": "DoesNotRecall",
}


@dataclass
class NodeRow:
    label: str
    id: str
    props: dict[str, Any]
    subtype: str | None = None


@dataclass
class CitationRow:
    id: str
    rel_id: str
    rel_type: str
    publication_id: str
    quote: str
    start: int
    end: int
    method: str
    confidence: float
    created_by: str


@dataclass
class RelRow:
    type: str
    start_label: str
    start_id: str
    end_label: str
    end_id: str
    id: str
    props: dict[str, Any]
    citation_ids: list[str]


@dataclass
class Plan:
    publication: NodeRow
    nodes: list[NodeRow] = field(default_factory=list)
    rels: list[RelRow] = field(default_factory=list)
    citations: list[CitationRow] = field(default_factory=list)
    candidates: list[NodeRow] = field(default_factory=list)  # review and merge candidates
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    quote: str


@dataclass
class EntityRef:
    """One entity of a report, before it is matched against the graph."""

    label: str
    name: str
    aliases: list[str]
    description: str | None

    @cached_property
    def key(self) -> str:
        return name_key(self.label, self.name)

    @cached_property
    def default_id(self) -> str:
        return make_id(self.label[:3].lower(), self.key)


def locate(text: str, quote: str, start: int | None, end: int | None, where: str) -> Span:
    """Find ``quote`` in ``text`` exactly; offsets, when given, must agree with it."""
    if start is not None:
        stop = start + len(quote) if end is None else end
        if text[start:stop] != quote:
            found = text[start:stop]
            raise QuoteNotFound(
                f"{where}.quote is not at [{start}, {stop}): the text there reads {found[:60]!r}",
                field=f"{where}.quote",
            )
        return Span(start, stop, quote)
    first = text.find(quote)
    if first < 0:
        raise QuoteNotFound(
            f"{where}.quote not found in the publication text: {quote[:80]!r}",
            field=f"{where}.quote",
        )
    if text.find(quote, first + 1) >= 0:
        count = text.count(quote)
        raise QuoteAmbiguous(
            f"{where}.quote occurs {count} times in the text; give `start` to say which: "
            f"{quote[:60]!r}",
            field=f"{where}.start",
        )
    return Span(first, first + len(quote), quote)


def spans_of(item: Cited, text: str, where: str) -> list[Span]:
    spans = [locate(text, item.quote, item.start, item.end, where)]
    for i, alt in enumerate(item.alt_quotes):
        span = locate(text, alt, None, None, f"{where}.alt_quotes[{i}]")
        if span not in spans:
            spans.append(span)
    return spans


def collect_entities(report: Report) -> list[EntityRef]:
    """The report's people and organisations, with bare surnames folded into full names."""
    refs = [EntityRef("Person", e.name, list(e.aliases), e.description) for e in report.people]
    refs += [
        EntityRef("Organisation", e.name, list(e.aliases), e.description)
        for e in report.organisations
    ]
    # "Weinstein" listed beside "Harvey Weinstein" is the same man, when only one fits.
    # Full names are indexed by each of their tokens, so this is linear in the names.
    by_token: dict[str, list[EntityRef]] = {}
    for ref in refs:
        tokens = ref.key.split()
        if ref.label == "Person" and len(tokens) > 1:
            for token in dict.fromkeys(tokens):
                by_token.setdefault(token, []).append(ref)
    merged: list[EntityRef] = []
    for ref in refs:
        if ref.label == "Person" and len(ref.key.split()) == 1:
            fits = by_token.get(ref.key, [])
            if len(fits) == 1:
                fits[0].aliases += [ref.name, *ref.aliases]
                continue
        merged.append(ref)
    return merged


def publication_row(report: Report, text: str) -> NodeRow:
    pub = report.publication
    sha = text_sha256(text)
    pub_id = make_id("pub", normalise_url(pub.url)) if pub.url else make_id("pub", sha)
    retrieved = pub.retrieved or dt.datetime.now(dt.UTC)
    props = {
        "id": pub_id, "url": pub.url, "title": pub.title, "outlet": pub.outlet,
        "published": pub.published, "retrieved": retrieved, "authors": list(pub.authors),
        "text": text, "sha256": sha, "retracted": False,
    }
    return NodeRow("Publication", pub_id, props)


class _Builder:
    def __init__(
        self, report: Report, text: str, resolved: dict[str, tuple[str, str]],
        created_by: str, review_threshold: float, redirect: dict[str, str] | None = None,
    ) -> None:
        self.report = report
        self.text = text
        self.resolved = resolved
        self.created_by = created_by
        self.threshold = review_threshold
        self.redirect = dict(redirect or {})
        self.published = report.publication.published
        self.plan = Plan(publication=publication_row(report, text))
        self.pub_id = self.plan.publication.id
        self._rel_index: dict[str, RelRow] = {}
        self._node_index: dict[str, NodeRow] = {}
        self._parties_cache: list[tuple[set[tuple[str, str]], set[tuple[str, str]]]] | None = None

    # -- primitives ----------------------------------------------------------

    def entity(self, name: str) -> tuple[str, str]:
        return self.resolved[name]

    def node(self, row: NodeRow) -> NodeRow:
        existing = self._node_index.get(row.id)
        if existing is None:
            self._node_index[row.id] = row
            self.plan.nodes.append(row)
            return row
        for key, value in row.props.items():
            if isinstance(value, list):
                existing.props[key] = sorted({*existing.props.get(key, []), *value})
        return existing

    def rel(
        self, rel_type: str, start: tuple[str, str], end: tuple[str, str],
        spans: list[Span], item: Cited | None, props: dict[str, Any] | None = None,
    ) -> RelRow:
        if not spans:
            raise CitationRequired(f"a {rel_type} relationship needs at least one citation")
        spec = model().rel(rel_type)
        if not spec.allows(start[0], end[0]):
            raise InvalidReport(f"{rel_type} cannot go from {start[0]} to {end[0]}")
        # Ids stay those of the entities as named (a merged entity's own id), so what was
        # loaded before a merge is found again; the edge lands on the entity kept.
        rel_id = make_id("rel", rel_type, start[1], end[1])
        row = self._rel_index.get(rel_id)
        if row is None:
            row = RelRow(rel_type, start[0], self.redirect.get(start[1], start[1]), end[0],
                         self.redirect.get(end[1], end[1]), rel_id,
                         {**(props or {}), "review": review_state(item),
                          "first_cited": self.published}, [])
            self._rel_index[rel_id] = row
            self.plan.rels.append(row)
        for span in spans:
            cit_id = make_id("cit", rel_id, self.pub_id, span.start, span.end)
            if cit_id in row.citation_ids:
                continue
            row.citation_ids.append(cit_id)
            self.plan.citations.append(CitationRow(
                id=cit_id, rel_id=rel_id, rel_type=rel_type, publication_id=self.pub_id,
                quote=span.quote, start=span.start, end=span.end,
                method=(item.method if item and item.method else "curated"),
                confidence=item.confidence if item else 1.0,
                created_by=self.created_by,
            ))
        return row

    def status_event(self, alg_id: str, status: str, row: RelRow) -> None:
        """What this publication says the allegation's status is, cited and dated."""
        self.node(NodeRow("StatusEvent", make_id("sts", alg_id, self.pub_id, status), {
            "id": make_id("sts", alg_id, self.pub_id, status), "allegation_id": alg_id,
            "status": status, "date": self.published, "publication_id": self.pub_id,
            "citation_id": row.citation_ids[0]}))

    def review(self, kind: str, where: str, item: Cited, spans: list[Span]) -> bool:
        """Keep a low-confidence item as a review candidate instead of edges."""
        if item.confidence >= self.threshold:
            return False
        span = spans[0]
        self.plan.candidates.append(NodeRow("ReviewCandidate", make_id(
            "rev", self.pub_id, kind, span.start, span.end), {
            "kind": kind, "publication_id": self.pub_id, "status": "open",
            "confidence": item.confidence,
            "payload": json.dumps(item.model_dump(mode="json"), sort_keys=True),
        }))
        self.plan.warnings.append(f"{where}: confidence {item.confidence:.2f} is under "
                                  f"{self.threshold:.2f}; kept for review, not loaded")
        return True

    # -- report sections -----------------------------------------------------

    def build(self, entities: list[EntityRef]) -> Plan:
        seen: set[str] = set()
        for ref in entities:
            label, node_id = self.entity(ref.name)
            node_id = self.redirect.get(node_id, node_id)  # merged: its names join the kept one
            if node_id in seen:
                continue
            seen.add(node_id)
            surface = sorted({ref.name, *ref.aliases})
            self.node(NodeRow(label, node_id, {
                "id": node_id, "name": ref.name, "name_key": ref.key,
                "surname_key": surname_key(label, ref.name), "aliases": surface,
                "description": ref.description,
            }))
        allegation_ids = [self.allegation(i, a) for i, a in enumerate(self.report.allegations)]
        for i, d in enumerate(self.report.denials):
            self.response(f"denials[{i}]", "denial", d.denier, d.accused,
                          d.denies_allegation_by, d, d.kind, d.summary, allegation_ids)
        for i, r in enumerate(self.report.all_responses):
            self.response(f"responses[{i}]", r.type, r.responder, r.accused,
                          r.responds_to_allegation_by, r, None, r.summary, allegation_ids)
        for i, rel in enumerate(self.report.relations):
            self.relation(i, rel)
        return self.plan

    def allegation(self, i: int, a: AllegationIn) -> str | None:
        where = f"allegations[{i}]"
        spans = spans_of(a, self.text, where)
        if self.review("allegation", where, a, spans):
            return None
        accusers = sorted({self.entity(n) for n in a.all_accusers})
        accused = sorted({self.entity(n) for n in a.accused})
        # Names are compared once resolved: "harold  mint", "Dr. Harold Mint", an alias or a
        # bare surname can all land on the node of the accused.
        same = set(accusers) & set(accused)
        if same:
            names = [n for n in (*a.all_accusers, *a.accused) if self.entity(n) in same]
            raise InvalidReport(
                f"{where}: {names[0]!r} and {names[-1]!r} are the same "
                f"{same.pop()[0].lower()}, who cannot be both accuser and accused",
                field=f"{where}.accused")
        categories = normalise_categories(a.categories) or infer_categories(a.summary, a.quote)
        who = [n for _, n in accusers] or ["anonymous", (a.accuser_description or "").lower()]
        alg_id = make_id("alg", *who, "|", *[n for _, n in accused], "|", *categories)
        self.node(NodeRow("Allegation", alg_id, {
            "id": alg_id, "summary": a.summary, "categories": categories, "status": a.status,
            "accuser_description": a.accuser_description,
            "first_reported": self.report.publication.published, "review": review_state(a),
        }))
        target = ("Allegation", alg_id)
        for accuser in accusers:
            self.rel("ACCUSES", accuser, target, spans, a)
        for person in accused:
            self.rel("AGAINST", target, person, spans, a)
        reports = self.rel("REPORTS", ("Publication", self.pub_id), target, spans, a)
        self.status_event(alg_id, a.status, reports)
        for outlet in a.reported_by:
            self.rel("REPORTED_BY", target, self.entity(outlet), spans, a)
        return alg_id

    def response(
        self, where: str, rtype: str, party: str, accused: str | None, accuser: str | None,
        item: Spoken, kind: str | None, summary: str, allegation_ids: list[str | None],
    ) -> None:
        """A response: ISSUED by whoever spoke, ON_BEHALF_OF the party it speaks for."""
        spans = spans_of(item, self.text, where)
        if self.review(rtype, where, item, spans):
            return
        issuer = self.entity(item.via or party)
        subject = self.entity(accused or party)
        targets = []
        for alg_id, (against, by) in zip(allegation_ids, self._parties(), strict=True):
            if alg_id is None or subject not in against:
                continue
            if accuser and self.entity(accuser) not in by:
                continue
            targets.append(alg_id)
        if accuser and not targets:
            raise InvalidReport(
                f"{where}.denies_allegation_by: no allegation by {accuser!r} against "
                f"{accused or party!r} in this report", field=f"{where}.denies_allegation_by",
            )
        resp_id = make_id("rsp", rtype, issuer[1], subject[1], *sorted(targets), kind)
        self.node(NodeRow("Response", resp_id, {
            "id": resp_id, "type": rtype, "kind": kind, "summary": summary or rtype,
            "review": review_state(item),
        }, subtype=RESPONSE_LABELS[rtype]))
        node = ("Response", resp_id)
        self.rel("ISSUED", issuer, node, spans, item)
        if subject != issuer:
            self.rel("ON_BEHALF_OF", node, subject, spans, item)
        for alg_id in targets:
            row = self.rel("RESPONDS_TO", node, ("Allegation", alg_id), spans, item)
            if rtype in RESPONSE_STATUS:
                self.status_event(alg_id, RESPONSE_STATUS[rtype], row)

    def _parties(self) -> list[tuple[set[tuple[str, str]], set[tuple[str, str]]]]:
        """Each allegation's accused and accusers, resolved once (not once per response)."""
        if self._parties_cache is None:
            self._parties_cache = [
                ({self.entity(n) for n in a.accused}, {self.entity(n) for n in a.all_accusers})
                for a in self.report.allegations]
        return self._parties_cache

    def relation(self, i: int, rel: AffiliationIn | AssociationIn | Any) -> None:
        where = f"relations[{i}]"
        spans = spans_of(rel, self.text, where)
        if self.review(rel.kind, where, rel, spans):
            return
        if isinstance(rel, AffiliationIn):
            if rel.organisation is None:
                self.plan.warnings.append(
                    f"{where}: the organisation is not named "
                    f"({rel.organisation_description or 'no description'}); no edge written")
                return
            self.rel("AFFILIATED_WITH", self.entity(rel.person), self.entity(rel.organisation),
                     spans, rel, {"role": rel.role or rel.detail})
        elif isinstance(rel, AssociationIn):
            a, b = sorted([self.entity(rel.a), self.entity(rel.b)])
            self.rel("ASSOCIATED_WITH", a, b, spans, rel, {"kind": rel.detail})
        else:
            self.rel("ACTED_ON", self.entity(rel.organisation), self.entity(rel.person),
                     spans, rel, {"action": rel.detail})


def review_state(item: Cited | None) -> str:
    """Machine output waits for a person; what a person curated is accepted."""
    method = (item.method if item else None) or ""
    return "unreviewed" if method.startswith(MACHINE_METHODS) else "accepted"


def build_plan(
    report: Report, text: str, resolved: dict[str, tuple[str, str]], entities: list[EntityRef],
    *, created_by: str, review_threshold: float = 0.0, redirect: dict[str, str] | None = None,
) -> Plan:
    """Rows for one report. ``resolved`` maps every name and alias to (label, node id);
    ``redirect`` maps merged entities' ids to the entity each was merged into."""
    return _Builder(report, text, resolved, created_by, review_threshold,
                    redirect).build(entities)


def default_resolution(entities: list[EntityRef]) -> dict[str, tuple[str, str]]:
    """Names to ids without looking at the graph (every entity is new)."""
    out: dict[str, tuple[str, str]] = {}
    for ref in entities:
        for name in (ref.name, *ref.aliases):
            out.setdefault(name, (ref.label, ref.default_id))
    return out


__all__ = [
    "CitationRow", "EntityIn", "EntityRef", "NodeRow", "Plan", "RelRow", "ResponseIn",
    "build_plan", "collect_entities", "default_resolution", "locate",
]
