"""`kb load PATH...`: report files and raw articles into the graph."""

from __future__ import annotations

import getpass
from collections import Counter
from pathlib import Path

import click

from kb.cli.context import App
from loaders.batch import BATCH_ROWS, collect_files, load_files
from loaders.extract.parallel import default_processes


def _counts(counter: Counter[str]) -> str:
    return ", ".join(f"{name} {n}" for name, n in sorted(counter.items())) or "nothing"


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--no-progress", is_flag=True, help="Do not show a progress bar.")
@click.option("--format", "fmt", type=click.Choice(["auto", "ftm"]), default="auto",
              show_default=True,
              help="auto: by file type; ftm: FollowTheMoney JSON lines (people and "
                   "organisations with their aliases, as entities only, never claims).")
@click.option("--batch-rows", type=click.IntRange(min=1), default=BATCH_ROWS, show_default=True,
              help="Rows (nodes, relationships, citations) to write per transaction; "
                   "1 writes each file in its own.")
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="Processes extracting raw articles (default: one per core).")
@click.pass_obj
def load(app: App, paths: tuple[Path, ...], no_progress: bool, fmt: str,
         batch_rows: int, jobs: int | None) -> None:
    """Load report files (.json, .yaml), raw articles (.txt, .md, .html) and web archives
    (.warc, .warc.gz: each HTML response an article), folders recursively.

    Many files are written per transaction, each checked first; a batch commits
    whole or not at all, and a batch that fails is written again file by file,
    so a bad file writes nothing and does not stop the others. Loading the same
    file twice changes nothing.
    """
    if fmt == "ftm":
        _load_ftm(app, paths)
        return
    files = collect_files(paths)
    if not files:
        where = ", ".join(map(str, paths))
        raise click.ClickException(f"no report or article files found in {where}")
    result = load_files(app.driver(), app.database, files,
                        review_threshold=app.settings.review_threshold,
                        progress=not no_progress, actor=f"cli:{getpass.getuser()}",
                        batch_rows=batch_rows, processes=jobs or default_processes())
    click.echo(f"loaded {result.loaded} of {len(files)} file(s)")
    click.echo(f"  created: {_counts(result.total.created)}")
    click.echo(f"  merged:  {_counts(result.total.merged)}")
    for warning in result.total.warnings:
        click.echo(f"  note: {warning}")
    if result.failures:
        click.echo(f"{len(result.failures)} file(s) failed:", err=True)
        for path, reason in result.failures:
            click.echo(f"  {path}: {reason}", err=True)
        raise SystemExit(1)


def _load_ftm(app: App, paths: tuple[Path, ...]) -> None:
    """Every file is read and checked before anything is written."""
    from kb.store.entities import write_entities
    from loaders.ftm import read_ftm

    read = [(path, read_ftm(path)) for path in paths]
    for path, entities in read:
        result = write_entities(app.driver(), app.database, entities.refs,
                                source=f"ftm {path.name}", actor=f"cli:{getpass.getuser()}")
        click.echo(f"loaded {len(entities.refs)} entities from {path}")
        click.echo(f"  created: {_counts(result.created)}")
        click.echo(f"  merged:  {_counts(result.merged)}")
        if entities.skipped:
            click.echo(f"  not loaded (not people or organisations, or unnamed): "
                       f"{_counts(entities.skipped)}")
