"""`kb extract`, `kb eval`: raw articles and their scores."""

from __future__ import annotations

import json
from pathlib import Path

import click


@click.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--title", help="Publication title (overrides the sidecar).")
@click.option("--outlet", help="Outlet name (overrides the sidecar).")
@click.option("--url", help="Publication URL (overrides the sidecar).")
@click.option("--published", help="Publication date, YYYY-MM-DD (overrides the sidecar).")
def extract(path: Path, title: str | None, outlet: str | None, url: str | None,
            published: str | None) -> None:
    """Print the sourced report a raw article (.txt, .md, .html) becomes, as JSON.

    Metadata comes from STEM.meta.json beside the article, or from the options.
    Every quote carries offsets into the stored text, a confidence and its rule.
    """
    from loaders.articles import extract_report

    overrides = {"title": title, "outlet": outlet, "url": url, "published": published}
    report = extract_report(path, {k: v for k, v in overrides.items() if v})
    click.echo(json.dumps(report, indent=2, ensure_ascii=False, default=str))


@click.command(name="eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def evaluate(gold_dir: Path, as_json: bool) -> None:
    """Score extraction against STEM.gold.json files: P/R/F1 and valid citations."""
    from loaders.extract.evaluate import evaluate_dir, format_table

    result = evaluate_dir(gold_dir)
    click.echo(json.dumps(result, indent=2) if as_json else format_table(result))
