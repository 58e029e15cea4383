"""Paragraphs and page noise (captions, credits, bylines, notices) of a stored article text.

Nothing is removed from the text: noise is a set of character ranges we do not extract from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median

NOISE_LINE_PATTERNS = [
    r"^(IE|Internet Explorer) ?\d+ is not supported",
    r"(for an optimal experience|please (enable|upgrade)|your browser)",
    r"^(Image|Photo|Photograph|Video|Watch|Listen|Caption|Credit|Graphic)s?\s*:",
    # Navigation words open a noise line only when short or followed by ':', '|', '-' or '»'
    # ("More than 200 employees signed" is reporting).
    r"^(Related|Read more|More|See also|Also read|Recommended|Sign up|Subscribe|Click here|"
    r"Advertisement|Share|Follow)\b(?:(?=.{0,50}$)|[\w ]{0,30}[:|»–—-])",
    r"^(Copyright|©)",
    r"^\s*(Advertisement|ADVERTISEMENT|Supported by|Story continues below)\s*$",
    r"(/ ?(Getty|AP|Reuters|AFP|EPA)\b|\bGetty Images\b|\bAP Photo\b|\bShutterstock\b).{0,40}$",
    r"^\s*\(?(By|Reporting by|Writing by|Editing by|Additional reporting by)\s+[A-Z]",
    r"^\s*(Updated|Published|Posted|Last updated)\b.{0,60}\d",
    r"^\s*\S+@\S+\s*$",
    # a staff credit line: "Ledgerline's Ximena Castellvi contributed reporting."
    r"^.{0,120}\bcontributed(?: reporting| to this (?:report|story|article))?\.?\s*$",
]
NOISE_RE = re.compile("|".join(f"(?:{p})" for p in NOISE_LINE_PATTERNS), re.IGNORECASE)
# Photo credits: "Name / Getty Images", "Name/AP", "(AP Photo/Name)".
CREDIT_RE = re.compile(
    r"[A-Z][\w.'-]+(?: [A-Z][\w.'-]+)* ?/ ?(Getty|AP|Reuters|AFP|EPA|Bloomberg)\b"
    r"|\((?:Photo|Image|Photograph|Credit|Video|File)s?(?: by)?:? [^)]{0,80}\)"
)
# A links block: "Related Stories:" and the short title lines under it.
LINKS_HEADER_RE = re.compile(
    r"^(Related|Read more|More|See also|Also read|Recommended|Most read|Popular|Trending)"
    r"\b[\w ]{0,30}:?\s*$",
    re.IGNORECASE,
)
# A wire dateline opening a paragraph: "MEMPHIS, Tenn. (CPS) —", "NEW YORK, Feb 27 (Ledgerwire) -".
# The agency in parentheses wrote the story; it neither accuses nor is a party to it.
DATELINE_RE = re.compile(
    r"[A-Z][A-Z.'’ -]{1,40}(?:, [A-Z][\w.]*(?: [\w.]+){0,2})? \([A-Z][\w .&'’-]{0,40}\) ?[-—–]"
    # a title-case city with the agency: "New York (WNN Business) —"
    r"|[A-Z][a-z]+(?: [A-Z][a-z]+){0,2} \([A-Z][\w .&'’-]{0,40}\) ?[-—–]"
    # without the agency: "HARTFORD, Conn. — ", "LONDON — "
    r"|[A-Z][A-Z.'’ ]{2,40}(?:, [A-Z][\w.]*(?: [\w.]+){0,2})? [-—–](?= )"
)


@dataclass(frozen=True)
class Layout:
    paragraphs: list[tuple[int, int]]
    noise: list[tuple[int, int]]
    headlines: list[tuple[int, int]]
    datelines: list[tuple[int, int]] = field(default_factory=list)

    def paragraph_of(self, offset: int) -> tuple[int, int]:
        for start, end in self.paragraphs:
            if start <= offset < end:
                return start, end
        return 0, 0

    def is_noise(self, start: int, end: int) -> bool:
        """Page furniture or a wire dateline: no entity comes from here."""
        return any(s < end and start < e for s, e in self.noise) or any(
            s < end and start < e for s, e in self.datelines
        )

    def is_noise_sentence(self, start: int, end: int) -> bool:
        """A sentence in page furniture (a dateline only prefixes the lead sentence)."""
        return any(s < end and start < e for s, e in self.noise)

    def is_headline(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.headlines)


def _lines(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def is_hard_wrapped(text: str) -> bool:
    """True when lines are wrapped at a fixed width, so only blank lines end paragraphs."""
    lengths = [len(line) for line in text.split("\n") if line.strip()]
    if len(lengths) < 6:
        return False
    in_band = sum(1 for n in lengths if 50 <= n <= 100)
    return in_band / len(lengths) >= 0.6 and median(lengths) <= 100


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph, trimmed of surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    if is_hard_wrapped(text):
        for m in re.finditer(r"\S(?:.|\n(?![ \t]*\n))*", text):
            spans.append((m.start(), m.end()))
    else:
        for start, end in _lines(text):
            line = text[start:end]
            if line.strip():
                lead = len(line) - len(line.lstrip())
                spans.append((start + lead, start + len(line.rstrip())))
    return spans


def noise_ranges(text: str, paras: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Paragraphs that are page furniture rather than reporting."""
    noise: list[tuple[int, int]] = []
    in_links = 0
    for start, end in paras:
        para = text[start:end]
        if in_links and len(para) < 120 and not para.rstrip().endswith((".", '"', "”")):
            noise.append((start, end))
            in_links -= 1
            continue
        in_links = 8 if LINKS_HEADER_RE.match(para) else 0
        if NOISE_RE.search(para) and len(para) < 300:
            noise.append((start, end))
            continue
        # A caption glued to its credit: keep the caption sentence, drop the credit.
        for m in CREDIT_RE.finditer(para):
            noise.append((start + m.start(), end))
            break
    return noise


def headline_ranges(
    text: str, paras: list[tuple[int, int]], noise: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Leading lines without closing punctuation (headline, standfirst, dateline blocks):
    headlines compress claims ("X accuses Y") that the body states properly."""
    out: list[tuple[int, int]] = []
    for start, end in paras[:6]:
        if any(s < end and start < e for s, e in noise):
            continue
        line = text[start:end].rstrip()
        if len(line) < 200 and not line.endswith((".", '"', "”", "?", "!")):
            out.append((start, end))
        else:
            break
    return out


def dateline_ranges(text: str, paras: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The dateline prefix of the first few paragraphs."""
    out: list[tuple[int, int]] = []
    for start, end in paras[:8]:
        m = DATELINE_RE.match(text, start, end)
        if m:
            out.append((start, m.end()))
    return out


def analyse(text: str) -> Layout:
    paras = paragraphs(text)
    noise = noise_ranges(text, paras)
    return Layout(
        paragraphs=paras,
        noise=noise,
        headlines=headline_ranges(text, paras, noise),
        datelines=dateline_ranges(text, paras),
    )


def parse_text(text: str) -> str:
    """The text the parser sees: datelines blanked to spaces of the same length, so that
    "MEMPHIS, Tenn. (CPS) — Four supervisors sued" parses with its real subject while every
    offset still points into the stored text."""
    ranges = dateline_ranges(text, paragraphs(text))
    if not ranges:
        return text
    parts: list[str] = []
    last = 0
    for start, end in ranges:
        parts.append(text[last:start])
        parts.append(" " * (end - start))
        last = end
    parts.append(text[last:])
    return "".join(parts)
