"""`kb init`, `kb export`, `kb show`: the graph as a whole, and one entity."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from kb.cli.context import App
from kb.render.formats import FORMATS
from kb.store.profile import entity_profile, render_profile
from kb.store.schema import schema_statements


@click.command()
@click.pass_obj
def init(app: App) -> None:
    """Apply the constraints and indexes schema/graph.yaml declares (idempotent), and give
    claims loaded by an earlier kb their review state and first citation date."""
    from kb.store.claims import backfill

    app.driver()  # connecting applies the schema
    click.echo(f"schema applied: {len(schema_statements())} constraints and indexes")
    touched = backfill(app.driver(), app.database)
    if touched:
        click.echo(f"review states and first citation dates given to {touched} claim(s) and "
                   "relationship(s) loaded before them")


@click.command()
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="json",
              show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Write to this file (multi-file formats: this folder; any format: a .zip) "
                   "instead of standard output.")
@click.option("--include-rejected", is_flag=True,
              help="Also claims a person rejected (kept in the graph for the record).")
@click.pass_obj
def export(app: App, fmt: str, output: Path | None, include_rejected: bool) -> None:
    """Export every node and relationship, each relationship with all its citations.


    Streamed: the graph is read and written record by record. json: kb's own shape;
    jsonld: each citation a W3C Web Annotation, relationships derived from them in PROV-O
    terms, IRIs under KB_BASE_IRI; graphml: for Gephi and yEd; ftm: FollowTheMoney entities,
    one JSON object a line; csv (nodes, relationships, citations) and neo4j-csv (files for
    `neo4j-admin database import full`) write several files: give a folder or a .zip with -o.
    """
    from kb.render.formats import write_export

    fmt_spec = FORMATS[fmt]
    if fmt_spec.multi_file and output is None:
        raise click.ClickException(
            f"--format {fmt} writes several files: give a folder or a .zip with -o, "
            f"e.g. kb export --format {fmt} -o {fmt}-export.zip")
    message = write_export(app.driver(), app.database, fmt, output,
                           base_iri=app.settings.base_iri, include_rejected=include_rejected)
    if message:
        click.echo(message, err=output is None)


@click.command()
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="Print the profile as JSON.")
@click.option("--include-retracted", is_flag=True,
              help="Also show claims whose only sources were retracted.")
@click.option("--reviewed", is_flag=True, help="Only claims a person accepted.")
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]),
              help="As the published record stood on this day (YYYY-MM-DD): only what "
                   "publications dated by then said, and statuses as of then.")
@click.pass_obj
def show(app: App, name: str, as_json: bool, include_retracted: bool, reviewed: bool,
         as_of: dt.datetime | None) -> None:
    """A quick look at one person or organisation: allegations made and faced, responses.

    Claims a person rejected are never shown.
    """
    profile = entity_profile(app.driver(), app.database, name, include_retracted,
                             reviewed=reviewed, as_of=as_of.date() if as_of else None)
    click.echo(json.dumps(profile, indent=2, ensure_ascii=False) if as_json
               else render_profile(profile))


@click.group()
def schema() -> None:
    """The files derived from schema/graph.yaml and the report models."""


@schema.command()
@click.option("--check", is_flag=True, help="Fail when a committed copy is stale; write nothing.")
def derive(check: bool) -> None:
    """Write schema/constraints.cypher, schema/report.schema.json, schema/MODEL.md and
    schema/schema.graphql."""
    from kb.derive import stale_files, write_derived  # builds the API: only when asked

    if check:
        stale = stale_files()
        if stale:
            raise click.ClickException("stale: " + ", ".join(stale) + " (run `kb schema derive`)")
        click.echo("derived files are up to date")
        return
    written = write_derived()
    click.echo("wrote " + ", ".join(written) if written else "derived files are up to date")
