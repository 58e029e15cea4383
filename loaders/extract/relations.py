"""Affiliations (person-role-organisation), associations (person-person) and actions an
organisation took against a person (fired, suspended)."""

from __future__ import annotations

from spacy.tokens import Token

from loaders.extract import affiliation_rules, association_rules
from loaders.extract.claims import Relation
from loaders.extract.context import Context
from loaders.extract.deps import child, prep_object
from loaders.extract.lexicon import ORG_ROLE_NOUNS, PERSON_ROLE_NOUNS, SPOKES_NOUNS
from loaders.extract.mentions import Entity
from loaders.extract.registry import dispatch
from loaders.extract.resolve import resolve, subject_of

ACTION_VERBS = {
    "fire",
    "fired",
    "suspend",
    "suspended",
    "dismiss",
    "dismissed",
    "oust",
    "ousted",
    "ban",
    "banned",
    "expel",
    "expelled",
    "sack",
    "sacked",
    "terminate",
    "terminated",
    "drop",
    "dropped",
    "remove",
    "removed",
    "investigate",
    "investigated",
    "sue",
    "sued",
    "place",
    "placed",
}
ROLE_WORDS = (
    PERSON_ROLE_NOUNS
    | SPOKES_NOUNS
    | {
        "co-founder",
        "cofounder",
        "employee",
        "member",
        "spokeswoman",
        "spokesman",
        "reporter",
        "correspondent",
    }
)


def _person(ctx: Context, tok: Token) -> Entity | None:
    ent = ctx.registry.entity_at(tok)
    return ent if ent is not None and ent.kind == "person" else None


def _org(ctx: Context, tok: Token | None) -> Entity | None:
    if tok is None:
        return None
    for t in tok.subtree:
        ent = ctx.registry.entity_at(t)
        if ent is not None and ent.kind == "org":
            return ent
    return None


def find_relations(ctx: Context) -> list[Relation]:
    """Computed once per parsed doc (the response rules ask for affiliations earlier)."""
    cached = ctx.doc.user_data.get("kb_relations")
    if cached is None:
        cached = ctx.doc.user_data["kb_relations"] = _find_relations(ctx)
    return list(cached)


def _find_relations(ctx: Context) -> list[Relation]:
    out: list[Relation] = []

    def add(kind: str, fields: dict[str, Entity], detail: str, tokens: list[Token],
            anchor: Token, method: str, conf: float) -> None:
        _add(ctx, out, kind, fields, detail, tokens, anchor, method, conf)

    for tok in ctx.doc:
        if ctx.in_noise(tok):
            continue
        person = _person(ctx, tok)
        if person is not None and tok.i == tok.doc[tok.i : tok.i + 1].root.i:
            _affiliation(ctx, tok, person, out)
        low = tok.lower_
        if tok.pos_ == "VERB" and (low in ACTION_VERBS or tok.lemma_ in ACTION_VERBS):
            _action(ctx, tok, out)
    for family in (association_rules.FAMILY, affiliation_rules.FAMILY):
        dispatch(ctx.doc, family, ctx.in_noise, ctx, add)
    return _dedupe(out)


def _add(
    ctx: Context,
    out: list[Relation],
    kind: str,
    fields: dict[str, Entity],
    detail: str,
    tokens: list[Token],
    anchor: Token,
    method: str,
    conf: float,
) -> None:
    names = [e.name for e in fields.values()]
    if len(set(names)) < len(names):
        return
    start, end = ctx.cite(tokens, anchor)
    out.append(Relation(kind, fields, detail, start, end, method, conf))


def _affiliation(ctx: Context, tok: Token, person: Entity, out: list[Relation]) -> None:
    # "Jane Doe, chief executive of Acme" / "Jane Doe, a spokeswoman for Acme"
    for app in tok.children:
        if app.dep_ == "appos" and (app.lower_ in ROLE_WORDS or app.lemma_ in ROLE_WORDS):
            org = _org(ctx, prep_object(app, "of", "at", "for", "with"))
            if org is None:
                org = _org(ctx, child(app, "poss", "compound"))
            if org is not None:
                role = (
                    " ".join(
                        t.text
                        for t in app.subtree
                        if t.dep_ in {"amod", "compound"} and ctx.registry.entity_at(t) is None
                    )
                    + " "
                    + app.text
                )
                _add(
                    ctx,
                    out,
                    "affiliation",
                    {"person": person, "organisation": org},
                    role.strip(),
                    [tok, *app.subtree],
                    tok,
                    "rule:appositive-role",
                    0.8,
                )
    # "Acme chief executive Jane Doe", "Acme's chief executive Jane Doe"
    comps = [c for c in tok.children if c.dep_ in {"compound", "poss"}]
    roles = [c for c in comps if c.lower_ in ROLE_WORDS]
    if roles:
        org = None
        for c in comps:
            org = org or _org(ctx, c)
        for r in roles:
            org = org or _org(ctx, r)
        if org is None and any(t.lower_ in ORG_ROLE_NOUNS for c in comps for t in c.subtree):
            org = ctx.registry.previous(tok.i, "org")  # "company spokesman Derek Salonen"
        if org is not None:
            _add(
                ctx,
                out,
                "affiliation",
                {"person": person, "organisation": org},
                roles[-1].text,
                [tok, *comps, *[t for r in roles for t in r.subtree]],
                tok,
                "rule:role-title",
                0.75,
            )


def _action(ctx: Context, tok: Token, out: list[Relation]) -> None:
    passive = child(tok, "nsubjpass", "auxpass") is not None
    if passive:
        target = resolve(ctx, child(tok, "nsubjpass"))
        org = _org(ctx, prep_object(tok, "by", "from"))
    else:
        target = resolve(ctx, child(tok, "dobj"))
        subj = subject_of(tok)
        org = (
            _org(ctx, subj)
            if subj is not None and ctx.registry.entity_at(subj) is not None
            else None
        )
        if subj is not None and org is None:
            ref = resolve(ctx, subj)
            org = ref.entity if ref.entity is not None and ref.entity.kind == "org" else None
        if subj is not None and org is None:
            org = _reporting_org(ctx, subj, tok)
    if tok.lemma_ == "place" and not _on_leave(tok):
        return
    person = target.entity
    if person is None or person.kind != "person" or org is None:
        return
    _add(
        ctx,
        out,
        "action",
        {"organisation": org, "person": person},
        "placed on leave" if tok.lemma_ == "place" else (
            tok.lemma_ if tok.lemma_ in ACTION_VERBS else tok.lower_),
        [*target.tokens, *tok.subtree],
        tok,
        "rule:org-action",
        0.75,
    )


ITS_BODIES = {"board", "trustees", "directors", "management", "owners"}


def _reporting_org(ctx: Context, subj: Token, tok: Token) -> Entity | None:
    """'Riverside 7 News announced it had fired him' / '... said its board had suspended him':
    'it' is the organisation whose announcement the clause is."""
    low = subj.lower_
    poss = child(subj, "poss")
    if not (low == "it" or (low in ITS_BODIES and poss is not None and poss.lower_ == "its")):
        return None
    gov = tok.head if tok.dep_ == "ccomp" else None
    speaker = subject_of(gov) if gov is not None and gov.i != tok.i else None
    ent = ctx.registry.entity_at(speaker) if speaker is not None else None
    return ent if ent is not None and ent.kind == "org" else None


def _on_leave(tok: Token) -> bool:
    """'placed him on leave': only then is 'place' an action on a person."""
    return any(p.lower_ == "on" and any(o.lower_ == "leave" for o in p.children)
               for p in tok.children if p.dep_ == "prep")


def _dedupe(items: list[Relation]) -> list[Relation]:
    seen: set[tuple[str, tuple[str, ...], str]] = set()
    out: list[Relation] = []
    for r in items:
        names = tuple(e.name for e in r.fields.values())
        # one association per pair of people, whichever rule saw it first
        key = (r.kind, tuple(sorted(names)), "") if r.kind == "association" else (
            r.kind, names, r.detail)
        if key in seen:
            continue
        seen.add(key)
        out.append(r)
    return out
