"""`kb load PATH...`: report files and raw articles into the graph."""

from __future__ import annotations

import getpass
from collections import Counter
from pathlib import Path

import click

from kb.cli.context import App
from loaders.batch import collect_files, load_files
from loaders.extract.parallel import default_processes


def _counts(counter: Counter[str]) -> str:
    return ", ".join(f"{name} {n}" for name, n in sorted(counter.items())) or "nothing"


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--no-progress", is_flag=True, help="Do not show a progress bar.")
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="Processes extracting raw articles (default: one per core).")
@click.pass_obj
def load(app: App, paths: tuple[Path, ...], no_progress: bool, jobs: int | None) -> None:
    """Load report files (.json, .yaml) and raw articles (.txt, .md, .html), folders recursively.

    Each file is loaded in one transaction: a bad file writes nothing and does
    not stop the others. Loading the same file twice changes nothing.
    """
    files = collect_files(paths)
    if not files:
        where = ", ".join(map(str, paths))
        raise click.ClickException(f"no report or article files found in {where}")
    result = load_files(app.driver(), app.database, files,
                        review_threshold=app.settings.review_threshold,
                        progress=not no_progress, actor=f"cli:{getpass.getuser()}",
                        processes=jobs or default_processes())
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
