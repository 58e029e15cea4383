"""Reading raw articles (.txt/.md as stored, .html through trafilatura) with sidecar metadata."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from loaders.extract.errors import ArticleError

MAX_BYTES = 5 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".md", ".text"}
HTML_SUFFIXES = {".html", ".htm"}


@dataclass(frozen=True)
class Article:
    """The text exactly as it will be stored (offsets count code points in it) and its metadata."""

    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None


def sidecar_path(path: Path) -> Path:
    """STEM.txt -> STEM.meta.json beside it."""
    return path.with_name(path.stem + ".meta.json")


def _read_sidecar(path: Path) -> dict[str, Any]:
    side = sidecar_path(path)
    if not side.exists():
        return {}
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ArticleError(f"{side}: malformed metadata JSON ({exc})") from None
    if not isinstance(data, dict):
        raise ArticleError(f"{side}: metadata must be a JSON object, not {type(data).__name__}")
    return data


def _decode(path: Path, raw: bytes) -> str:
    if b"\x00" in raw:
        raise ArticleError(f"{path}: binary file (contains NUL bytes), expected text or HTML")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ArticleError(f"{path}: not valid UTF-8 at byte offset {exc.start}") from None


def _from_html(path: Path, html: str) -> tuple[str, dict[str, Any]]:
    # Imported lazily: trafilatura is slow to import and only HTML input needs it.
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False) or ""
    meta: dict[str, Any] = {}
    doc = trafilatura.extract_metadata(html)
    if doc is not None:
        if doc.title:
            meta["title"] = doc.title
        if doc.date:
            meta["published"] = doc.date
        if doc.author:
            meta["authors"] = [a.strip() for a in doc.author.split(";") if a.strip()]
        if doc.url:
            meta["url"] = doc.url
        if doc.sitename:
            meta["outlet"] = doc.sitename
    if not text.strip():
        raise ArticleError(f"{path}: HTML has no extractable article text")
    return text, meta


def read_article(path: Path, overrides: dict[str, Any] | None = None) -> Article:
    """Read one article; raise ArticleError with one clear line when it cannot be used."""
    path = Path(path)
    if not path.is_file():
        raise ArticleError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
        raise ArticleError(
            f"{path}: unsupported file type {suffix or '(none)'}, use .txt, .md or .html"
        )
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ArticleError(
            f"{path}: file is {size:,} bytes, larger than the limit of {MAX_BYTES:,} bytes (5 MB)"
        )
    if size == 0:
        raise ArticleError(f"{path}: empty file")
    text = _decode(path, path.read_bytes())
    meta: dict[str, Any] = {}
    if suffix in HTML_SUFFIXES:
        text, meta = _from_html(path, text)
    elif not text.strip():
        raise ArticleError(f"{path}: file contains only whitespace")
    meta.update(_read_sidecar(path))
    for key, value in (overrides or {}).items():
        if value is not None:
            meta[key] = value
    return Article(text=text, meta=meta, path=path)
