"""Everything the rules share about one article: the parsed doc, layout, quotes, entities."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from loaders.extract.layout import Layout
from loaders.extract.mentions import Entity, Registry
from loaders.extract.quotes import Quotation, enclosing

OPEN_MARKS = "\"“‘'«"
CLOSE_MARKS = "\"”’'»"


@dataclass
class Context:
    doc: Doc
    layout: Layout
    quotes: list[Quotation]
    registry: Registry
    speakers: dict[int, Entity] = field(default_factory=dict)  # quotation start -> speaker
    _sents: list[Span] | None = None
    _text: str | None = None
    _noise: list[bool] | None = None
    # speaker_of is asked about the same quotation by several rules: (start, end) -> answer
    attributions: dict[tuple[int, int], tuple[Entity | None, Token | None]] = field(
        default_factory=dict
    )

    @property
    def sentences(self) -> list[Span]:
        """doc.sents, computed once (spaCy rebuilds the generator on every access)."""
        if self._sents is None:
            self._sents = list(self.doc.sents)
        return self._sents

    @property
    def text(self) -> str:
        """doc.text, computed once (spaCy rebuilds it from the tokens on every access)."""
        if self._text is None:
            self._text = self.doc.text
        return self._text

    def quote_of(self, tok: Token) -> Quotation | None:
        return enclosing(self.quotes, tok.idx, tok.idx + len(tok))

    def token_in_noise(self, i: int) -> bool:
        """Whether token i lies in page noise or a headline (flags computed once per doc)."""
        if self._noise is None:
            ranges = sorted(self.layout.noise + self.layout.headlines + self.layout.datelines)
            flags = [False] * len(self.doc)
            for tok in self.doc:
                start, end = tok.idx, tok.idx + len(tok)
                flags[tok.i] = any(s < end and start < e for s, e in ranges)
            self._noise = flags
        return self._noise[i]

    def in_noise(self, span: Span | Token) -> bool:
        if isinstance(span, Token):
            return self.token_in_noise(span.i)
        start, end = span.start_char, span.end_char
        return self.layout.is_noise_sentence(start, end) or self.layout.is_headline(start, end)

    def cite(self, tokens: list[Token], anchor: Token) -> tuple[int, int]:
        """The character span covering `tokens`, kept inside the anchor's sentence and
        paragraph, without dangling conjunctions, punctuation or unbalanced quote marks."""
        sent = anchor.sent
        pstart, pend = self.layout.paragraph_of(anchor.idx)
        lo_tok = min(tokens, key=lambda t: t.i)
        hi_tok = max(tokens, key=lambda t: t.i)
        start = max(lo_tok.idx, sent.start_char, pstart)
        end = min(hi_tok.idx + len(hi_tok.text), sent.end_char, pend)
        return self.trim(start, end)

    def trim(self, start: int, end: int) -> tuple[int, int]:
        text = self.text
        while start < end and (text[start].isspace() or text[start] in ",;:—–-)"):
            start += 1
        for word in ("and ", "but ", "or ", "while "):
            if text[start:end].startswith(word):
                start += len(word)
        while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–-("):
            end -= 1
        span = text[start:end]
        dq = sum(span.count(c) for c in '"“”')
        if dq % 2 == 1:
            if end < len(text) and text[end] in '"”':
                end += 1
            elif end + 1 < len(text) and text[end] in ".,!?" and text[end + 1] in '"”':
                end += 2
            elif text[start] in '"“':
                start += 1
        return start, end
