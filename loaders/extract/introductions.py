"""People a story describes before it names them: 'A county commissioner ... was indicted.'
then 'Commissioner Raymond Tullock, 63, pleaded not guilty.'"""

from __future__ import annotations

from spacy.tokens import Token

from loaders.extract.context import Context
from loaders.extract.mentions import Entity


def titled_next(
    ctx: Context, toks: list[Token], anchor: Token, by_subject: bool = True
) -> Entity | None:
    """'A county commissioner ... was indicted' then 'Commissioner Raymond Tullock-Haines'
    or 'The commissioner, X,' in the next two sentences: the person with that role.
    `by_subject`: also the person first named as the next sentence's subject."""
    head = [t for t in toks if t.pos_ == "ADP"]
    np = toks[: toks.index(head[0])] if head else toks
    nouns = [t for t in np if t.pos_ == "NOUN" and t.text.islower()]
    if not nouns:
        return None
    role = nouns[-1].lower_
    sents = ctx.sentences
    idx = next((n for n, s in enumerate(sents) if s.start <= anchor.i < s.end), None)
    if idx is None:
        return None
    nxt = sents[idx + 1] if idx + 1 < len(sents) else None
    if nxt is not None and by_subject:
        # the lede's "A county dentist ..." named as the next sentence's subject
        root = nxt.root
        subj = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        mention = ctx.registry.by_token.get(subj.i) if subj is not None else None
        if (
            mention is not None
            and mention.entity.kind == "person"
            # first named here (a headline or photo caption before does not count)
            and all(t >= nxt.start or ctx.token_in_noise(t) for t in mention.entity.tokens)
        ):
            return mention.entity
    for sent in sents[idx + 1 : idx + 3]:
        for tok in sent:
            if tok.lower_ != role:
                continue
            nxt = tok.i + (2 if tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].text == "," else 1)
            mention = ctx.registry.by_token.get(nxt)
            if mention is not None and mention.entity.kind == "person":
                return mention.entity
    return None
