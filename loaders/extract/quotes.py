"""Pairing quotation marks (curly and straight, double and single, across paragraphs)."""

from __future__ import annotations

from dataclasses import dataclass

OPEN_DOUBLE = "“„«"
CLOSE_DOUBLE = "”»"
OPEN_SINGLE = "‘"
CLOSE_SINGLE = "’"


@dataclass(frozen=True)
class Quotation:
    """A quoted passage: `start` is the opening mark, `end` is just past the closing mark."""

    start: int
    end: int
    closed: bool = True

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, self.end - (1 if self.closed else 0)


def _straight_opens(text: str, i: int) -> bool:
    """A straight quote opens when it follows a space, a line start or an opening bracket."""
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isspace() or before in "([{—–-:" + OPEN_DOUBLE + OPEN_SINGLE:
        return not after.isspace()
    return False


def pair_double_quotes(text: str) -> list[Quotation]:
    """Double-quoted passages, outermost level.

    A quote still open at a paragraph end continues when the next paragraph opens with a
    quotation mark (the newswire convention for multi-paragraph quotes); the passage is then
    split into one Quotation per paragraph so no quotation spans a paragraph break.
    """
    quotes: list[Quotation] = []
    open_at: int | None = None
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "\n" and open_at is not None:
            # Paragraph break inside an open quote: close the segment here.
            j = i
            while j < n and text[j].isspace():
                j += 1
            if j >= n or text[j] not in OPEN_DOUBLE + '"':
                # Unbalanced mark: treat the segment as unclosed and reset.
                quotes.append(Quotation(open_at, i, closed=False))
                open_at = None
            else:
                quotes.append(Quotation(open_at, i, closed=False))
                open_at = j
                i = j + 1
                continue
        elif ch in OPEN_DOUBLE:
            if open_at is None:
                open_at = i
        elif ch in CLOSE_DOUBLE:
            if open_at is not None:
                quotes.append(Quotation(open_at, i + 1))
                open_at = None
        elif ch == '"':
            if open_at is None:
                if _straight_opens(text, i) or (i + 1 < n and not text[i + 1].isspace()):
                    open_at = i
            else:
                quotes.append(Quotation(open_at, i + 1))
                open_at = None
        i += 1
    if open_at is not None:
        quotes.append(Quotation(open_at, n, closed=False))
    return quotes


def pair_single_quotes(text: str, start: int, end: int) -> list[Quotation]:
    """Single-quoted passages inside [start, end), telling apostrophes apart by context."""
    out: list[Quotation] = []
    open_at: int | None = None
    for i in range(start, end):
        ch = text[i]
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if ch in OPEN_SINGLE or (ch == "'" and open_at is None):
            if open_at is None and (before.isspace() or before in '“"(') and after.isalnum():
                open_at = i
        elif (
            ch in (CLOSE_SINGLE, "'")
            and open_at is not None
            and not after.isalnum()
            and before != " "
        ):
            out.append(Quotation(open_at, i + 1))
            open_at = None
    return out


def find_quotations(text: str) -> list[Quotation]:
    """All double-quoted passages plus single-quoted ones nested in them, sorted by start."""
    doubles = pair_double_quotes(text)
    singles: list[Quotation] = []
    for q in doubles:
        singles.extend(pair_single_quotes(text, q.start + 1, q.end))
    return sorted(doubles + singles, key=lambda q: (q.start, -q.end))


def enclosing(quotes: list[Quotation], start: int, end: int) -> Quotation | None:
    """The innermost quotation whose inside covers [start, end)."""
    best: Quotation | None = None
    for q in quotes:
        lo, hi = q.inner
        if lo <= start and end <= hi and (best is None or q.end - q.start < best.end - best.start):
            best = q
    return best
