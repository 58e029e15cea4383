"""Load many files: reports as they are, raw articles through the extractor.

Reports are written many to a transaction (batches of about ``BATCH_ROWS``
rows), each validated and its quotes located before its batch is written. A
batch that fails is written again report by report, so a bad file is named
and isolated and nothing partial remains: a batch commits whole or not at all.
A bad file never stops the others; every failure is kept with its reason.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from neo4j import Driver
from neo4j.exceptions import Neo4jError
from tqdm import tqdm

from kb.errors import KBError
from kb.store.write import LoadResult, PreparedReport, write_reports
from loaders.extract.parallel import worker_pool
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


Read = tuple[LoadedReport | None, str | None]


def _read_one(path: Path) -> Read:
    """A file's report, or the one-line reason it cannot be read (picklable either way).
    A web archive is read later, article by article, by the writer."""
    if is_warc(path):
        return None, None
    try:
        return read_any(path), None
    except KBError as exc:
        return None, exc.message
    except OSError as exc:
        return None, f"cannot read: {exc.strerror or exc}"


def read_files(files: list[Path], processes: int = 1) -> Iterator[tuple[Path, Read]]:
    """Each file's report in order; raw articles are extracted in `processes` workers while
    the caller writes the reports already read."""
    articles = sum(p.suffix.lower() in ARTICLE_SUFFIXES for p in files)
    if processes <= 1 or articles < 2 * processes:
        for path in files:
            yield path, _read_one(path)
        return
    from loaders.extract.pipeline import warm

    warm()  # forked workers share the loaded model
    with worker_pool(processes) as pool:
        yield from zip(files, pool.imap(_read_one, files, chunksize=4), strict=True)


@dataclass
class _Batches:
    """Prepared reports waiting for their transaction, and what became of those written."""

    driver: Driver
    database: str
    actor: str | None
    on_error: Callable[[str, str], None] | None
    batch_rows: int
    result: BatchResult = field(default_factory=BatchResult)
    pending: list[tuple[Path, PreparedReport]] = field(default_factory=list)
    rows: int = 0

    def fail(self, path: Path, message: str) -> None:
        self.result.failures.append((str(path), message.splitlines()[0]))
        if self.on_error:
            self.on_error(str(path), message)

    def done(self, path: Path, outcome: LoadResult) -> None:
        total = self.result.total
        self.result.loaded += 1
        total.created.update(outcome.created)
        total.merged.update(outcome.merged)
        total.warnings += [f"{path.name}: {w}" for w in outcome.warnings]

    def add(self, path: Path, prepared: PreparedReport) -> None:
        self.pending.append((path, prepared))
        self.rows += prepared.rows
        if self.rows >= self.batch_rows:
            self.flush()

    def _write(self, batch: list[PreparedReport]) -> list[LoadResult]:
        return write_reports(self.driver, self.database, batch, actor=self.actor)

    def flush(self) -> None:
        try:
            outcomes = self._write([p for _, p in self.pending])
        except (KBError, Neo4jError):
            # One report spoiled the batch: write each alone to name the bad one.
            for path, prepared in self.pending:
                try:
                    self.done(path, self._write([prepared])[0])
                except KBError as exc:
                    self.fail(path, exc.message)
                except Neo4jError as exc:
                    self.fail(path, f"the database refused it: {exc.message or exc}")
        else:
            for (path, _), outcome in zip(self.pending, outcomes, strict=True):
                self.done(path, outcome)
        self.pending.clear()
        self.rows = 0


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
    processes: int = 1,
) -> BatchResult:
    batches = _Batches(driver, database, actor, on_error, batch_rows)
    show = progress and len(files) >= 5 and sys.stderr.isatty()
    bar = tqdm(read_files(files, processes), total=len(files), unit="file", disable=not show,
               leave=False)
    for path, (loaded, error) in bar:
        if is_warc(path):  # many articles in one file, each its own transaction
            load_warc(driver, database, path, batches.result,
                      review_threshold=review_threshold, actor=actor, on_error=on_error)
        elif loaded is None:
            batches.fail(path, error or "cannot read")
        else:
            try:
                prepared = PreparedReport.of(
                    loaded.report, loaded.text, f"{loaded.created_by} {path.name}",
                    review_threshold)
            except KBError as exc:
                batches.fail(path, exc.message)
            else:
                batches.add(path, prepared)
    if batches.pending:
        batches.flush()
    return batches.result
