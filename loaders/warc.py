"""Web archives (WARC, as `wget --warc-file`, Webrecorder or Heritrix save them) into reports.

Each HTTP response record whose body is HTML is one article: its URL is the record's
``WARC-Target-URI``, it was retrieved at ``WARC-Date``, which is also its date (the page's own
date would be a guess from its text), and its text and metadata are extracted exactly as for
an .html file. Each record is loaded in its own transaction, so one bad page never stops the
others.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from neo4j import Driver

from kb.errors import InvalidReport, KBError
from kb.store.write import write_report
from loaders.reports import LoadedReport, parse_report

if TYPE_CHECKING:
    from loaders.batch import BatchResult

WARC_SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


@dataclass(frozen=True)
class Page:
    url: str
    date: dt.datetime | None
    html: str


def _decode(body: bytes, content_type: str) -> str:
    charset = next((part.split("=", 1)[1].strip(' "\'') for part in content_type.split(";")
                    if part.strip().lower().startswith("charset=")), "utf-8")
    try:
        return body.decode(charset)
    except (LookupError, UnicodeDecodeError):
        return body.decode("utf-8", errors="replace")


def _date(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def iter_pages(path: Path) -> Iterator[Page]:
    """The HTML responses of a WARC file, in order; other records are skipped."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        with path.open("rb") as handle:
            records = 0
            for record in ArchiveIterator(handle):
                records += 1
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                if record.http_headers.get_statuscode() != "200":
                    continue
                content_type = record.http_headers.get_header("Content-Type") or ""
                if not content_type.lower().startswith(HTML_TYPES):
                    continue
                body = record.content_stream().read()
                yield Page(record.rec_headers.get_header("WARC-Target-URI") or "",
                           _date(record.rec_headers.get_header("WARC-Date")),
                           _decode(body, content_type))
            if not records:
                raise InvalidReport(f"{path}: not a WARC file (no WARC records in it)")
    except ArchiveLoadFailed as exc:
        raise InvalidReport(f"{path}: not a readable WARC file ({exc.msg})") from None
    except OSError as exc:
        raise InvalidReport(f"{path}: cannot read ({exc.strerror or exc})") from None


def page_report(path: Path, page: Page) -> LoadedReport:
    """The sourced report one archived page becomes."""
    from loaders.articles import report_of
    from loaders.extract import EXTRACTOR_VERSION, ArticleError
    from loaders.extract.article import html_article

    name = f"{path.name} {page.url}"
    try:
        article = html_article(name, page.html, {"url": page.url or None})
    except ArticleError as exc:
        raise InvalidReport(str(exc)) from None
    if page.date is not None:  # the page's own date would be a guess from its text
        article.meta["published"] = page.date.date().isoformat()
    data = report_of(article, Path(page.url.rstrip("/").rsplit("/", 1)[-1] or path.name))
    if page.date is not None:
        data["publication"]["retrieved"] = page.date.isoformat()
    report, text = parse_report(data)
    return LoadedReport(report, text, name, created_by=EXTRACTOR_VERSION)


def load_warc(driver: Driver, database: str, path: Path, result: BatchResult, *,
              review_threshold: float, actor: str | None,
              on_error: Callable[[str, str], None] | None = None) -> None:
    """Load every page of one archive into ``result``; failures are per page."""
    try:
        pages = list(iter_pages(path)) if path.exists() else None
    except KBError as exc:
        result.failures.append((str(path), exc.message))
        return
    if not pages:
        why = "no such file" if pages is None else "no HTML response records in the WARC file"
        result.failures.append((str(path), why))
        return
    for page in pages:
        where = f"{path} {page.url}"
        try:
            loaded = page_report(path, page)
            outcome = write_report(driver, database, loaded.report, loaded.text,
                                   created_by=f"{loaded.created_by} {loaded.source}",
                                   review_threshold=review_threshold, actor=actor)
        except KBError as exc:
            result.failures.append((where, exc.message.splitlines()[0]))
            if on_error:
                on_error(where, exc.message)
            continue
        result.loaded += 1
        result.total.created.update(outcome.created)
        result.total.merged.update(outcome.merged)
        result.total.warnings += [f"{page.url}: {w}" for w in outcome.warnings]
