"""`kb init`, `kb export`, `kb show`: the graph as a whole, and one entity."""

from __future__ import annotations

import json

import click

from kb.cli.context import App
from kb.model.derive import stale_files, write_derived
from kb.store.export import export_graph
from kb.store.profile import entity_profile, render_profile
from kb.store.schema import schema_statements


@click.command()
@click.pass_obj
def init(app: App) -> None:
    """Apply the constraints and indexes schema/graph.yaml declares (idempotent)."""
    app.driver()  # connecting applies the schema
    click.echo(f"schema applied: {len(schema_statements())} constraints and indexes")


@click.command()
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write to this file instead of standard output.")
@click.pass_obj
def export(app: App, fmt: str, output: str | None) -> None:
    """Export every node and relationship, each relationship with its citations."""
    data = export_graph(app.driver(), app.database)
    text = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True)
    if output:
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
    else:
        click.echo(text)


@click.command()
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="Print the profile as JSON.")
@click.pass_obj
def show(app: App, name: str, as_json: bool) -> None:
    """A quick look at one person or organisation: allegations made and faced, responses."""
    profile = entity_profile(app.driver(), app.database, name)
    click.echo(json.dumps(profile, indent=2, ensure_ascii=False) if as_json
               else render_profile(profile))


@click.group()
def schema() -> None:
    """The files derived from schema/graph.yaml and the report models."""


@schema.command()
@click.option("--check", is_flag=True, help="Fail when a committed copy is stale; write nothing.")
def derive(check: bool) -> None:
    """Write schema/constraints.cypher, schema/report.schema.json and schema/MODEL.md."""
    if check:
        stale = stale_files()
        if stale:
            raise click.ClickException("stale: " + ", ".join(stale) + " (run `kb schema derive`)")
        click.echo("derived files are up to date")
        return
    written = write_derived()
    click.echo("wrote " + ", ".join(written) if written else "derived files are up to date")
