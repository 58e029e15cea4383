"""Who said each quotation: the subject of a nearby reporting verb outside the quote."""

from __future__ import annotations

import re

from spacy.tokens import Token

from loaders.extract.context import Context
from loaders.extract.lexicon import SAY_WORDS
from loaders.extract.mentions import Entity
from loaders.extract.resolve import resolve, subject_of


def _is_say(tok: Token) -> bool:
    return tok.pos_ in {"VERB", "AUX"} and (
        tok.lower_ in SAY_WORDS or tok.lemma_.lower() in SAY_WORDS
    )


def speaker_of(ctx: Context, qstart: int, qend: int) -> tuple[Entity | None, Token | None]:
    """The speaker of the quotation [qstart, qend) and the reporting verb naming them."""
    key = (qstart, qend)
    if key not in ctx.attributions:
        ctx.attributions[key] = _speaker_of(ctx, qstart, qend)
    return ctx.attributions[key]


def _speaker_of(ctx: Context, qstart: int, qend: int) -> tuple[Entity | None, Token | None]:  # noqa: C901
    doc = ctx.doc
    first = doc.char_span(qstart, qstart + 1, alignment_mode="expand")
    last = doc.char_span(max(qend - 1, qstart), max(qend, qstart + 1), alignment_mode="expand")
    if first is None or last is None:
        return None, None
    pstart, pend = ctx.layout.paragraph_of(qstart)
    sents = {first[0].sent.start: first[0].sent, last[-1].sent.start: last[-1].sent}
    # The small parser often splits '"...," she said.' after the closing mark.
    nxt = last[-1].i + 1
    if nxt < len(doc) and doc[nxt].sent.start not in sents:
        sents[doc[nxt].sent.start] = doc[nxt].sent
    best: tuple[int, Entity, Token] | None = None
    for sent in sents.values():
        for tok in sent:
            if not (pstart <= tok.idx < pend) or qstart <= tok.idx < qend or not _is_say(tok):
                continue
            if ctx.quote_of(tok) is not None:
                continue
            subj = subject_of(tok)
            if subj is None or qstart <= subj.idx < qend:
                continue
            ref = resolve(ctx, subj)
            ent = ref.principal if ref.via in {"spokesperson"} and ref.principal else ref.entity
            if ent is None:
                continue
            dist = min(abs(tok.idx - qend), abs(qstart - tok.idx))
            if best is None or dist < best[0]:
                best = (dist, ent, tok)
        for tok in sent:
            # "..., according to X"
            if tok.lower_ == "according" and not (qstart <= tok.idx < qend):
                for to in tok.children:
                    for pobj in to.children:
                        ref = resolve(ctx, pobj)
                        if ref.entity is not None and best is None:
                            best = (999, ref.entity, tok)
    if best is None:
        return None, None
    return best[1], best[2]


def continued_speaker(ctx: Context, qstart: int) -> tuple[Entity | None, Token | None]:
    """'"...," the statement said. "But I want to be clear: ..."': a quotation that follows,
    in the same paragraph, an attributed one with only the attribution between them."""
    pstart, _ = ctx.layout.paragraph_of(qstart)
    before = [q for q in ctx.quotes if pstart <= q.start and q.end <= qstart]
    if not before:
        return None, None
    prev = before[-1]
    gap = ctx.text[prev.end : qstart]
    if len(gap) > 80 or not set(re.findall(r"[a-z]+", gap.lower())) & (SAY_WORDS | {"added"}):
        return None, None
    return speaker_of(ctx, prev.start, prev.end)


def attribute_quotes(ctx: Context) -> None:
    """Fill ctx.speakers; a quote continued from the previous paragraph keeps its speaker."""
    prev_open: Entity | None = None
    for q in ctx.quotes:
        if ctx.layout.is_noise(q.start, q.end):
            continue
        speaker, _ = speaker_of(ctx, q.start, q.end)
        if speaker is None:
            speaker, _ = continued_speaker(ctx, q.start)
        if speaker is None and prev_open is not None:
            speaker = prev_open
        if speaker is not None:
            ctx.speakers[q.start] = speaker
        prev_open = speaker if not q.closed else None
