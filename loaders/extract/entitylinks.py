"""Linking entity mentions the NER left unlabelled or split: short forms and acronyms of
organisations, repeated surnames, and variants of one organisation's name."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from loaders.extract.entities import APOS, ORG_SUFFIX_WORDS, Entity, Registry, norm
from loaders.extract.firstnames import gender_of
from loaders.extract.layout import Layout
from loaders.extract.lexicon import KNOWN_ORGS
from loaders.extract.personnames import link_single, quoted_title
from loaders.extract.quotes import Quotation

GENERIC_ORG_WORDS = ORG_SUFFIX_WORDS | {"the", "of", "and", "&", "for", "new", "city", "state"}
# Legal-form suffixes: "Coldharbour Lending Inc." is "Coldharbour Lending".
LEGAL_SUFFIXES = {
    "inc",
    "incorporated",
    "llc",
    "llp",
    "lp",
    "ltd",
    "limited",
    "corp",
    "corporation",
    "co",
    "plc",
    "gmbh",
    "ag",
    "sa",
    "nv",
    "pty",
}


def legal_stem(name: str) -> str:
    """The normalised name without a leading 'the' and trailing legal-form suffixes."""
    words = norm(name).replace(",", " ").split()
    while len(words) > 1 and words[-1].replace(".", "") in LEGAL_SUFFIXES:
        words.pop()
    return " ".join(words)


def merge_legal_forms(reg: Registry, people: dict[str, Entity]) -> None:
    """'Coldharbour Lending Inc.' and 'Coldharbour Lending' (or 'The X' and 'X') are one
    organisation: fold the suffixed form into the bare one, which keeps the name."""
    person_words = {w.casefold() for p in people.values() for w in p.name.split()}
    by_stem: dict[str, Entity] = {}
    for org in sorted(reg.organisations(), key=lambda e: len(e.name)):
        stem = legal_stem(org.name)
        if not stem or (
            len(stem.split()) == 1 and (stem in GENERIC_ORG_WORDS or stem in person_words)
        ):
            continue
        keep = by_stem.get(stem)
        if keep is None:
            by_stem[stem] = org
        elif keep is not org:
            move(reg, org, keep)


def prefer_bare_names(reg: Registry) -> None:
    """A sentence-initial 'The Federal X Commission' must not name the organisation the rest
    of the article calls 'Federal X Commission'; a legal suffix is an alias, not the name."""
    for org in reg.organisations():
        forms = [org.name, *sorted(org.aliases)]
        bare = [f for f in forms if not f.lower().startswith("the ")]
        if org.name.lower().startswith("the ") and bare:
            best = min(bare, key=len)
            if norm(best) == norm(org.name):
                org.aliases.discard(best)
                org.aliases.add(org.name)
                org.name = best
        stem = legal_stem(org.name)
        if norm(org.name) != stem:
            plain = [f for f in forms if norm(f) == stem and not f.lower().startswith("the ")]
            if plain:
                org.aliases.discard(plain[0])
                org.aliases.add(org.name)
                org.name = plain[0]


def merge_org_variants(reg: Registry, people: dict[str, Entity]) -> None:
    """'Calloway Regional' and 'Tavora' are short forms of 'Calloway Regional Medical Center'
    and 'Tavora Logistics': fold them into the longest name."""
    orgs = sorted(reg.organisations(), key=lambda e: -len(e.name))
    person_words = {w.casefold() for p in people.values() for w in p.name.split()}
    for short in list(orgs):
        s = norm(short.name)
        if any(norm(a) != s and legal_stem(a) == s for a in short.aliases):
            continue  # "Coinvale Ltd." is a company of its own, not short for "Coinvale Markets"
        for long in orgs:
            if long is short or len(long.name) <= len(short.name):
                continue
            lwords = norm(long.name).split()
            prefix = " ".join(lwords[: len(s.split())]) == s
            single = (
                len(s.split()) == 1
                and s not in GENERIC_ORG_WORDS
                and s not in person_words
                and s in (lwords[0], lwords[-1])
            )
            if prefix or single:
                move(reg, short, long)
                break


def fold_org_short_people(reg: Registry) -> None:
    """'Marrowbone Hospitality denied ...' tagged PERSON where the article names 'Marrowbone
    Hospitality Group': the organisation without its last, generic word, unless the name
    starts with a given name ('Harvey Weinstein' is not the 'Harvey Weinstein Company')."""
    orgs = reg.organisations()
    for person in [e for e in reg.entities if e.kind == "person"]:
        words = norm(person.name).split()
        if len(words) < 2 or gender_of(person.name.split()[0]) is not None:
            continue
        long = next(
            (o for o in orgs
             if (lw := norm(o.name).split())[: len(words)] == words
             and len(lw) == len(words) + 1 and lw[-1] in ORG_SUFFIX_WORDS),
            None,
        )
        if long is not None:
            move(reg, person, long)


def move(reg: Registry, src: Entity, dst: Entity) -> None:
    for m in reg.mentions:
        if m.entity is src:
            m.entity = dst
            dst.tokens.append(m.start)
    dst.aliases.add(src.name)
    dst.aliases |= src.aliases
    src.tokens.clear()
    reg.entities.remove(src)


def link_org_alias(span: Span, orgs: dict[str, Entity]) -> Entity | None:
    word = span.text.strip()
    for org in orgs.values():
        initials = "".join(w[0] for w in org.name.split() if w[0].isupper() and w.lower() != "the")
        if len(word) >= 2 and word.isupper() and word == initials:
            return org
    return None


def link_unlabelled_mentions(  # noqa: C901
    doc: Doc,
    text: str,
    layout: Layout,
    people: dict[str, Entity],
    orgs: dict[str, Entity],
    reg: Registry,
    quotes: list[Quotation],
) -> None:
    """NER misses many repeat mentions ("McGowan tweeting", ORG "Milano"): link any proper-noun
    token equal to a known surname, or text equal to a known full name or organisation."""
    surnames: dict[str, list[Entity]] = {}
    for p in people.values():
        surnames.setdefault(p.surname.casefold(), []).append(p)
    org_first: dict[str, list[Entity]] = {}
    short_forms: dict[str, Entity] = {}
    person_words = {w.casefold() for p in people.values() for w in p.name.split()}
    for o in reg.organisations():
        words = norm(o.name).split()
        org_first.setdefault(words[0], []).append(o)
        for w in (words[0], words[-1]):
            if w not in GENERIC_ORG_WORDS and w not in person_words and len(words) > 1:
                short_forms.setdefault(w, o)
    for tok in doc:
        if tok.i in reg.by_token or not tok.text[:1].isupper() or tok.text.startswith(("#", "@")):
            continue
        if layout.is_noise(tok.idx, tok.idx + len(tok.text)):
            continue
        low = tok.text.casefold()
        hyphenated = doc[tok.i : tok.i + 3]
        if (
            len(hyphenated) == 3
            and hyphenated[1].text == "-"
            and not hyphenated[1].whitespace_
            and hyphenated.text.casefold() in surnames
            and not any(i in reg.by_token for i in range(tok.i, tok.i + 3))
        ):
            # "Faraday-Wells" is three tokens; a surname lookup by token misses it.
            person = link_single(hyphenated, people, reg)
            if person is not None:
                reg.add_mention(tok.i, tok.i + 3, person, hyphenated.text)
                continue
        cands = surnames.get(low)
        if cands and (
            tok.i + 1 >= len(doc)
            or not doc[tok.i + 1].text[:1].isupper()
            or doc[tok.i + 1].text in APOS
        ):
            span = doc[tok.i : tok.i + 1]
            if quoted_title(text, span, quotes):
                continue
            person = link_single(span, people, reg)
            if person is not None:
                reg.add_mention(tok.i, tok.i + 1, person, tok.text)
                continue
        for org in org_first.get(low, []) + org_first.get(norm(tok.text), []):
            n = len(org.name.split())
            start = tok.i - (
                1
                if tok.i > 0
                and doc[tok.i - 1].lower_ == "the"
                and org.name.lower().startswith("the ")
                else 0
            )
            span = doc[start : start + n]
            if norm(span.text) == norm(org.name) and not any(
                i in reg.by_token for i in range(span.start, span.end)
            ):
                reg.add_mention(span.start, span.end, org, span.text)
                break
        else:
            if low in KNOWN_ORGS and low not in orgs:
                ent = Entity(tok.text, "org")
                orgs[low] = ent
                reg.entities.append(ent)
                reg.add_mention(tok.i, tok.i + 1, ent, tok.text)
            elif low in orgs:
                reg.add_mention(tok.i, tok.i + 1, orgs[low], tok.text)
            elif low in short_forms and tok.pos_ == "PROPN":
                reg.add_mention(tok.i, tok.i + 1, short_forms[low], tok.text)
