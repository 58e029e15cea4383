"""Load many files: reports as they are, raw articles through the extractor.

Reports are written many to a transaction (batches of about ``BATCH_ROWS``
rows), each validated and its quotes located before its batch is written. A
batch that fails is written again report by report, so a bad file is named
and isolated and nothing partial remains: a batch commits whole or not at all.
A bad file never stops the others; every failure is kept with its reason.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from neo4j import Driver
from neo4j.exceptions import Neo4jError
from tqdm import tqdm

from kb.errors import KBError
from kb.store.write import LoadResult, PreparedReport, write_reports
from loaders.reports import REPORT_SUFFIXES, LoadedReport, read_report
from loaders.warc import is_warc, load_warc

ARTICLE_SUFFIXES = {".txt", ".md", ".html", ".htm"}
SIDECARS = (".meta.json", ".gold.json")
BATCH_ROWS = 5_000  # nodes, relationships and citations a transaction writes, about


@dataclass
class BatchResult:
    total: LoadResult = field(default_factory=lambda: LoadResult(""))
    loaded: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)


def is_sidecar(path: Path) -> bool:
    return path.name.endswith(SIDECARS)


def has_sidecar(path: Path) -> bool:
    """In a folder, a raw article is one with metadata beside it (not a README)."""
    return path.with_name(path.stem + ".meta.json").exists()


def collect_files(paths: Iterable[Path], articles: bool = True) -> list[Path]:
    """Expand folders recursively; explicit files are always kept."""
    wanted = REPORT_SUFFIXES | (ARTICLE_SUFFIXES if articles else set())
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out += sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and (p.suffix.lower() in wanted or (articles and is_warc(p)))
                and not is_sidecar(p)
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
                and (p.suffix.lower() in REPORT_SUFFIXES or has_sidecar(p) or is_warc(p))
            )
        else:
            out.append(path)
    return out


def read_any(path: Path) -> LoadedReport:
    if not path.exists():
        raise KBError(f"no such file: {path}")
    if path.suffix.lower() in ARTICLE_SUFFIXES:
        from loaders.articles import report_from_article

        return report_from_article(path)
    if path.suffix.lower() not in REPORT_SUFFIXES:
        raise KBError(f"not a report (.json, .yaml) or an article (.txt, .md, .html): {path.name}")
    return read_report(path)


def load_files(
    driver: Driver,
    database: str,
    files: list[Path],
    *,
    review_threshold: float,
    progress: bool = True,
    on_error: Callable[[str, str], None] | None = None,
    actor: str | None = None,
    batch_rows: int = BATCH_ROWS,
) -> BatchResult:
    result = BatchResult()
    show = progress and len(files) >= 5 and sys.stderr.isatty()
    bar = tqdm(files, unit="file", disable=not show, leave=False)
    pending: list[tuple[Path, PreparedReport]] = []

    def fail(path: Path, message: str) -> None:
        result.failures.append((str(path), message.splitlines()[0]))
        if on_error:
            on_error(str(path), message)

    def done(path: Path, outcome: LoadResult) -> None:
        result.loaded += 1
        result.total.created.update(outcome.created)
        result.total.merged.update(outcome.merged)
        result.total.warnings += [f"{path.name}: {w}" for w in outcome.warnings]

    def flush() -> None:
        batch = [p for _, p in pending]
        try:
            outcomes = write_reports(driver, database, batch, actor=actor)
        except (KBError, Neo4jError):
            # One report spoiled the batch: write each alone to name the bad one.
            for path, prepared in pending:
                try:
                    done(path, write_reports(driver, database, [prepared], actor=actor)[0])
                except KBError as exc:
                    fail(path, exc.message)
                except Neo4jError as exc:
                    fail(path, f"the database refused it: {exc.message or exc}")
        else:
            for (path, _), outcome in zip(pending, outcomes, strict=True):
                done(path, outcome)
        pending.clear()

    rows = 0
    for path in bar:
        if is_warc(path):  # many articles in one file, each its own transaction
            load_warc(driver, database, path, result, review_threshold=review_threshold,
                      actor=actor, on_error=on_error)
            continue
        try:
            loaded = read_any(path)
            prepared = PreparedReport.of(
                loaded.report, loaded.text, f"{loaded.created_by} {path.name}",
                review_threshold)
        except KBError as exc:
            fail(path, exc.message)
            continue
        except OSError as exc:
            result.failures.append((str(path), f"cannot read: {exc.strerror or exc}"))
            continue
        pending.append((path, prepared))
        rows += prepared.rows
        if rows >= batch_rows:
            flush()
            rows = 0
    if pending:
        flush()
    return result
