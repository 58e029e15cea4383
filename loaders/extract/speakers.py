"""Who gives a denial or response: the speaker, or the party a spokesperson or lawyer speaks
for (and through whom), and the shared builders for Denial and Response items."""

from __future__ import annotations

from spacy.tokens import Token

from loaders.extract.claims import Allegation, Denial, Response
from loaders.extract.context import Context
from loaders.extract.deps import child, is_outlet, prep_object, subtree_text, word_in
from loaders.extract.introductions import titled_next
from loaders.extract.lexicon import (
    LAWYER_NOUNS,
    SAY_WORDS,
    SPOKES_NOUNS,
)
from loaders.extract.mentions import Entity
from loaders.extract.relations import find_relations
from loaders.extract.resolve import Ref, resolve, role_phrase, subject_of
from loaders.extract.response_lexicon import PRINCIPAL_WORDS

# Rules whose wording shows the denier is answering an allegation.
STRONG = {"rule:denied", "rule:denied-by", "rule:rejected", "rule:called", "rule:called-false"}
PARTIAL_MARKERS = (
    "some of",
    "parts of",
    "part of",
    "certain",
    "many of",
    "most of",
    "non-consensual",
    "nonconsensual",
    "the specific",
    "characterization",
    "characterisation",
)


def via_of(ref: Ref, party: Entity) -> tuple[Entity | None, str | None]:
    """(named representative, their role) when `ref` speaks for `party` through someone."""
    if ref.via not in {"lawyer", "spokesperson"} or ref.principal is None:
        return None, None
    named = ref.entity if ref.entity is not None and ref.entity is not party else None
    return named, ref.role


class SpeakerBase:
    def __init__(self, ctx: Context, allegations: list[Allegation]) -> None:
        self.ctx = ctx
        self.allegations = allegations
        self.accused = {a.accused.name for a in allegations}
        self.denials: list[Denial] = []
        self.responses: list[Response] = []
        self._employers: dict[str, tuple[Entity, str]] | None = None
        self.for_someone: set[int] = set()  # ids of responses a representative gave

    # -- whose side --------------------------------------------------------------------------
    def accused_names(self) -> set[str]:
        """The accused of this article's allegations, plus anyone seen denying allegations
        outright ('X denied the allegations' shows X is accused even if the allegation was
        missed)."""
        strong = {d.denier.name for d in self.denials if d.method in STRONG and d.confidence >= 0.8}
        accusers = {e.name for a in self.allegations for e in a.accusers}
        # Not remembering answers a question about the events: the party is a suspect.
        recall = {
            r.responder.name
            for r in self.responses
            if r.type == "does_not_recall" and r.responder.name not in accusers
        }
        return self.accused | strong | (recall if self.allegations else set())

    def alleged_verb(self, tok: Token) -> bool:
        """Whether the verb's lemma appears in an allegation's quote ('did not retaliate')."""
        lemma = tok.lemma_.lower()
        return len(lemma) > 3 and any(lemma in a.summary.lower() for a in self.allegations)

    def employers(self) -> dict[str, tuple[Entity, str]]:
        if self._employers is None:
            self._employers = {}
            for rel in find_relations(self.ctx):
                if rel.kind == "affiliation":
                    person, org = rel.fields["person"], rel.fields["organisation"]
                    self._employers.setdefault(person.name, (org, rel.detail))
        return self._employers

    def for_employer(
        self, denier: Entity, via: Entity | None, via_role: str | None
    ) -> tuple[Entity, Entity | None, str | None]:
        """An executive or spokesperson of an accused organisation answers for it."""
        if denier.kind != "person" or denier.name in self.accused_names():
            return denier, via, via_role
        org, role = self.employers().get(denier.name, (None, None))
        if org is None or org.name not in self.accused_names():
            return denier, via, via_role
        return org, denier, role

    # -- who ---------------------------------------------------------------------------------
    def speaker(self, tok: Token | None) -> tuple[Entity | None, Entity | None, Ref]:
        """(denier, accused) for a subject: a named lawyer speaks (denier) for a client (accused);
        an unnamed spokesperson's principal is the denier."""
        through = self.through_representative(tok)
        if through is not None:
            return through.principal, through.principal, through
        ref = resolve(self.ctx, tok)
        if tok is not None and tok.lower_ in {"i", "me", "we"} and ref.entity is None:
            return None, None, ref
        if tok is not None and (
            tok.lower_ in PRINCIPAL_WORDS
            or (tok.pos_ == "NOUN" and self.ctx.registry.entity_at(tok) is None)
        ):
            # "his client denies ...", "His lawyer, Ann Li, said he denies ...": the principal
            # of the representative who is speaking (reported through them).
            say = next((a for a in tok.ancestors if word_in(a, SAY_WORDS)), None)
            outer = resolve(self.ctx, subject_of(say)) if say is not None else None
            if (
                outer is not None
                and outer.principal is not None
                and outer.entity is not None
                and (
                    tok.lower_ in {"client", "clients"}
                    or any(ref.entity is e for e in (None, outer.entity, outer.principal))
                    or (tok.pos_ == "NOUN" and ref.entity is not None and ref.via == "role")
                )
            ):
                return outer.principal, outer.principal, outer
            if (
                outer is not None
                and outer.principal is None
                and outer.entity is not None
                and outer.entity.kind == "org"
                and tok.lower_ in {"it", "we", "they"}
            ):
                return outer.entity, outer.entity, outer  # 'Acme said that it "disagrees"'
        if tok is not None and ref.entity is None and ref.principal is None:
            ent = self.by_alias(tok)
            if ent is not None:
                ref = Ref(entities=[ent], tokens=[tok])
        if ref.via == "role" and ref.entity is not None and is_outlet(self.ctx, ref.entity):
            return None, None, ref  # "the board" is not the newspaper that reports on it
        # A spokesperson or lawyer speaks for a principal: the principal denies.
        denier = ref.principal or ref.entity
        if (
            denier is None
            and tok is not None
            and ref.tokens
            and ref.tokens[0].lower_ in {"a", "an"}
        ):
            # "A county dentist accused of ... pleaded not guilty", then "Dr. Gregory Novak, 49,"
            denier = titled_next(self.ctx, ref.tokens, tok)
            if denier is not None:
                return denier, denier, Ref(entities=[denier], tokens=[tok])
        if denier is None:
            return None, None, ref
        return denier, denier, ref

    def by_alias(self, tok: Token) -> Entity | None:
        """A name the entity linker missed ('Corvane' tagged as a common noun)."""
        if not tok.text[:1].isupper() or tok.lower_ in PRINCIPAL_WORDS:
            return None
        hits = [
            e for e in self.ctx.registry.entities if tok.text == e.name or tok.text in e.aliases
        ]
        return hits[0] if len(hits) == 1 else None

    def through_representative(self, subj: Token | None) -> Ref | None:
        """'Through his lawyer, Harriet Quayle, Venturini rejected ...': Venturini speaks via
        the lawyer, whichever of the two names the parser made the subject."""
        if subj is None:
            return None
        verb = subj.head
        prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "through"), None)
        role = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
        if role is None or not (role.lower_ in SPOKES_NOUNS or role.lemma_ in SPOKES_NOUNS):
            return None
        reg = self.ctx.registry
        # "X, Y rejected" is parsed as appos, or as conj when no "and" joins them.
        deps = {"appos"} if any(c.dep_ == "cc" for c in subj.children) else {"appos", "conj"}
        named = [reg.entity_at(subj)]
        named += [reg.entity_at(c) for c in subj.children if c.dep_ in deps]
        named += [reg.entity_at(c) for c in role.children if c.dep_ == "appos"]
        ents = [e for e in named if e is not None]
        # The representative is the name right after "lawyer,"; the other one is the principal.
        doc = role.doc
        comma = role.i + 1 < len(doc) and doc[role.i + 1].text == ","
        rep = reg.entity_at(doc[role.i + 2]) if comma and role.i + 2 < len(doc) else None
        principals = [e for e in ents if e is not rep]
        if not principals:
            return None
        via = (
            "lawyer"
            if role.lemma_ in LAWYER_NOUNS or role.lower_ in LAWYER_NOUNS
            else ("spokesperson")
        )
        return Ref(
            entities=[rep] if rep is not None else [principals[0]],
            principal=principals[0],
            via=via,
            tokens=[*prep.subtree, *subj.subtree],
            role=role_phrase(role),
        )

    def _principal_for_quote(self, tok: Token) -> Entity | None:
        quote = self.ctx.quote_of(tok)
        return self.ctx.speakers.get(quote.start) if quote else None

    def _accused_from_target(self, accused: Entity, obj: Token | None, denier: Entity) -> Entity:
        if obj is None:
            return accused
        target = prep_object(obj, "against")
        if target is not None:
            ref = resolve(self.ctx, target)
            if ref.entity is not None:
                return ref.entity
        return accused

    # -- building ----------------------------------------------------------------------------
    def add_denial(
        self,
        subj: Token | None,
        anchor: Token,
        toks: list[Token],
        kind: str,
        method: str,
        conf: float,
        obj: Token | None = None,
    ) -> None:
        denier, accused, ref = self.speaker(subj)
        if denier is None or accused is None:
            return
        accused = self._accused_from_target(accused, obj, denier)
        by = None
        if obj is not None:
            poss = child(obj, "poss")
            if poss is not None:
                owner = resolve(self.ctx, poss, {accused.name})
                by = owner.entity
                if owner.via == "role" and by is not None and poss.lower_ not in by.name.lower():
                    by = None  # "the agency's findings" is no word about the union named before
        if by is accused:
            by = None
        start, end = self.ctx.cite(
            [*(ref.tokens if ref.tokens and ref.tokens[0].sent == anchor.sent else []), *toks],
            anchor,
        )
        quote = self.ctx.text[start:end].lower()
        if kind == "full" and any(m in quote for m in PARTIAL_MARKERS):
            kind = "partial"
        if kind == "full" and any(
            w in anchor.sent.text.lower() for w in ("apolog", "sorry", " but ")
        ):
            kind = "partial"
        via, via_role = via_of(ref, denier)
        if via is None and ref.principal is None:
            denier, via, via_role = self.for_employer(denier, via, via_role)
            accused = denier if via is not None else accused
        self.denials.append(
            Denial(
                denier=denier,
                accused=accused,
                kind=kind,
                start=start,
                end=end,
                method=method,
                confidence=round(conf, 2),
                summary=subtree_text(self.ctx, obj)
                if obj is not None
                else self.ctx.text[start:end],
                denies_allegation_by=by,
                via=via,
                via_role=via_role,
            )
        )

    def add_response(
        self,
        subj: Token | None,
        anchor: Token,
        toks: list[Token],
        rtype: str,
        method: str,
        conf: float,
    ) -> None:
        if subj is None:
            return
        if subj.lower_ in {"i", "we"}:
            responder = self._principal_for_quote(subj)
            ref = Ref(entities=[responder] if responder else [])
            accused = responder
        else:
            responder, accused, ref = self.speaker(subj)
        if responder is None:
            return
        start, end = self.ctx.cite(
            [*(ref.tokens if ref.tokens and ref.tokens[0].sent == anchor.sent else []), *toks],
            anchor,
        )
        via, via_role = via_of(ref, responder)
        self.responses.append(
            Response(
                responder=responder,
                type=rtype,
                accused=accused,
                start=start,
                end=end,
                method=method,
                confidence=conf,
                summary=self.ctx.text[start:end],
                via=via,
                via_role=via_role,
            )
        )
        if ref.via in {"lawyer", "spokesperson"} and ref.principal is not None:
            self.for_someone.add(id(self.responses[-1]))
