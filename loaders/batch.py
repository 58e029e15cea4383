"""Load many files: reports as they are, raw articles through the extractor.

A bad file never stops the others; every failure is kept with its reason.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from neo4j import Driver
from tqdm import tqdm

from kb.errors import KBError
from kb.store.write import LoadResult, write_report
from loaders.extract.parallel import worker_pool
from loaders.reports import REPORT_SUFFIXES, LoadedReport, read_report

ARTICLE_SUFFIXES = {".txt", ".md", ".html", ".htm"}
SIDECARS = (".meta.json", ".gold.json")


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
                and p.suffix.lower() in wanted
                and not is_sidecar(p)
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
                and (p.suffix.lower() in REPORT_SUFFIXES or has_sidecar(p))
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
    """A file's report, or the one-line reason it cannot be read (picklable either way)."""
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


def load_files(
    driver: Driver,
    database: str,
    files: list[Path],
    *,
    review_threshold: float,
    progress: bool = True,
    on_error: Callable[[str, str], None] | None = None,
    actor: str | None = None,
    processes: int = 1,
) -> BatchResult:
    result = BatchResult()
    show = progress and len(files) >= 5 and sys.stderr.isatty()
    bar = tqdm(read_files(files, processes), total=len(files), unit="file", disable=not show,
               leave=False)
    for path, (loaded, error) in bar:
        if loaded is None:
            message = error or "cannot read"
            result.failures.append((str(path), message.splitlines()[0]))
            if on_error:
                on_error(str(path), message)
            continue
        try:
            outcome = write_report(
                driver,
                database,
                loaded.report,
                loaded.text,
                created_by=f"{loaded.created_by} {path.name}",
                review_threshold=review_threshold,
                actor=actor,
            )
        except KBError as exc:
            result.failures.append((str(path), exc.message.splitlines()[0]))
            if on_error:
                on_error(str(path), exc.message)
            continue
        except OSError as exc:
            result.failures.append((str(path), f"cannot read: {exc.strerror or exc}"))
            continue
        result.loaded += 1
        result.total.created.update(outcome.created)
        result.total.merged.update(outcome.merged)
        result.total.warnings += [f"{path.name}: {w}" for w in outcome.warnings]
    return result
