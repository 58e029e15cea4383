"""`kb init`, `kb export`, `kb show`: the graph as a whole, and one entity."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kb.cli.context import App
from kb.model.derive import stale_files, write_derived
from kb.store.export import export_graph, write_json
from kb.store.profile import entity_profile, render_profile
from kb.store.schema import schema_statements


@click.command()
@click.pass_obj
def init(app: App) -> None:
    """Apply the constraints and indexes schema/graph.yaml declares (idempotent)."""
    app.driver()  # connecting applies the schema
    click.echo(f"schema applied: {len(schema_statements())} constraints and indexes")


@click.command()
@click.option("--format", "fmt", type=click.Choice(["json", "jsonld", "graphml", "csv"]),
              default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Write to this file (for csv: this folder) instead of standard output.")
@click.pass_obj
def export(app: App, fmt: str, output: Path | None) -> None:
    """Export every node and relationship, each relationship with its citations.

    json: kb's own shape; jsonld: each citation a W3C Web Annotation (TextQuoteSelector and
    TextPositionSelector), relationships derived from them in PROV-O terms; graphml: for Gephi
    and yEd; csv: nodes.csv and relationships.csv in the folder given by -o.
    """
    from kb.render.exports import to_csv, to_graphml, to_jsonld

    if fmt == "json":  # streamed: memory stays flat however large the graph
        if output:
            with output.open("w", encoding="utf-8") as out:
                write_json(app.driver(), app.database, out)
        else:
            write_json(app.driver(), app.database, click.get_text_stream("stdout"))
        return
    data = export_graph(app.driver(), app.database)
    if fmt == "csv":
        if output is None:
            raise click.UsageError("--format csv writes two files: give a folder with -o")
        output.mkdir(parents=True, exist_ok=True)
        for name, content in to_csv(data).items():
            (output / name).write_text(content, encoding="utf-8")
        click.echo(f"wrote {output / 'nodes.csv'} and {output / 'relationships.csv'}")
        return
    if fmt == "graphml":
        text = to_graphml(data)
    else:
        text = json.dumps(to_jsonld(data), indent=2, ensure_ascii=False, sort_keys=True)
    if output:
        output.write_text(text + "\n", encoding="utf-8")
    else:
        click.echo(text)


@click.command()
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="Print the profile as JSON.")
@click.option("--include-retracted", is_flag=True,
              help="Also show claims whose only sources were retracted.")
@click.pass_obj
def show(app: App, name: str, as_json: bool, include_retracted: bool) -> None:
    """A quick look at one person or organisation: allegations made and faced, responses."""
    profile = entity_profile(app.driver(), app.database, name, include_retracted)
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
