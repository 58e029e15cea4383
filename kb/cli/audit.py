"""`kb audit`, `kb retract`, `kb correct`, `kb explain`: provenance for auditors."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kb.cli.context import App
from kb.render.audit import audit_html, audit_text, finding_ids
from kb.store.audit import run_audit
from kb.store.names import named, names


@click.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text",
              show_default=True)
@click.option("--fail-on", type=click.Choice(["violations", "never"]), default="never",
              show_default=True, help="Exit 1 when any violation exists.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file instead of standard output.")
@click.pass_obj
def audit(app: App, fmt: str, fail_on: str, output: Path | None) -> None:
    """Prove every relationship: violations (must be 0) and warnings, with totals."""
    report = run_audit(app.driver(), app.database).as_dict()
    if fmt == "json":
        text = json.dumps(report, indent=2)
    else:  # people read these: each id with what it stands for
        found = names(app.driver(), app.database, finding_ids(report))
        text = audit_html(report, found) if fmt == "html" else audit_text(report, found)
    if output:
        output.write_text(text + "\n", encoding="utf-8")
        click.echo(f"wrote {output}")
    else:
        click.echo(text)
    if fail_on == "violations" and report["violations"]:
        raise SystemExit(1)


def _actor() -> str:
    import getpass

    return f"cli:{getpass.getuser()}"


@click.command()
@click.argument("publication")
@click.option("--reason", required=True, help="Why the publication was retracted "
              "(with --undo: why the retraction is undone).")
@click.option("--undo", is_flag=True, help="Undo the retraction: what it alone hid is "
              "shown again (logged too).")
@click.pass_obj
def retract(app: App, publication: str, reason: str, undo: bool) -> None:
    """Flag a publication (URL or id) as retracted.

    Claims it alone supported leave default views; nothing is deleted.
    """
    from kb.store.retract import retract as do_retract
    from kb.store.retract import unretract

    if undo:
        done = unretract(app.driver(), app.database, publication, reason, _actor())
        if done.already:
            click.echo(f"{done.publication_id} is not retracted; nothing changed")
        else:
            click.echo(f"retraction of {done.publication_id} undone")
        return
    result = do_retract(app.driver(), app.database, publication, reason, _actor())
    if result.already:
        click.echo(f"{result.publication_id} was already retracted; nothing changed")
        return
    click.echo(f"retracted {result.publication_id}")
    click.echo(f"  relationships now unsupported: {len(result.unsupported_relationships)}")
    click.echo(f"  allegations and responses now unsupported: {len(result.unsupported_claims)}")
    for claim in result.unsupported_claims:
        click.echo(f"    {claim}")


@click.command()
@click.argument("publication")
@click.option("--text-file", required=True, type=click.Path(exists=True, dir_okay=False,
                                                           path_type=Path),
              help="The corrected text (UTF-8).")
@click.option("--reason", default="correction", show_default=True)
@click.pass_obj
def correct(app: App, publication: str, text_file: Path, reason: str) -> None:
    """Store a corrected text as a new snapshot and list citations it no longer supports."""
    from kb.store.retract import correct as do_correct

    text = text_file.read_text(encoding="utf-8")
    result = do_correct(app.driver(), app.database, publication, text, reason, _actor())
    click.echo(f"stored snapshot {result.snapshot_id} of {result.publication_id}")
    click.echo(f"citations that no longer verify against it: {len(result.stale)}")
    for stale in result.stale:
        where = (f"now at {stale['found_at']}" if stale["found_at"] is not None
                 else "no longer in the text")
        click.echo(f"  {stale['id']} ({stale['rel_id']}): {stale['quote'][:70]!r}, {where}")
    if result.unsupported_claims:
        click.echo(f"claims now without support (left out of default views): "
                   f"{len(result.unsupported_claims)}")
        for claim in result.unsupported_claims:
            click.echo(f"  {claim}")


@click.command()
@click.argument("relationship_id")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def explain(app: App, relationship_id: str, as_json: bool) -> None:
    """The provenance chain of one relationship: each citation in context, its source, its maker."""
    from kb.store.explain import explain as do_explain
    from kb.store.explain import render_explain

    data = do_explain(app.driver(), app.database, relationship_id)
    click.echo(json.dumps(data, indent=2, ensure_ascii=False) if as_json
               else render_explain(data))


@click.command(name="log")
@click.option("--since", type=click.DateTime(), help="From this time (UTC).")
@click.option("--until", type=click.DateTime(), help="Before this time (UTC).")
@click.option("--actor", help="Only this actor (e.g. token:NAME, cli:USER).")
@click.option("--entity", help="Only events that touched this id.")
@click.option("--first", default=50, show_default=True, type=click.IntRange(1, 10_000))
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def log(app: App, since: object, until: object, actor: str | None, entity: str | None,
        first: int, as_json: bool) -> None:
    """Read the append-only audit log, newest first."""
    import datetime as dt

    from kb.store.audit_log import READ
    from kb.store.values import plain

    def utc(value: object) -> dt.datetime | None:
        return value.replace(tzinfo=dt.UTC) if isinstance(value, dt.datetime) else None

    records = app.driver().execute_query(
        READ, since=utc(since), until=utc(until), actor=actor, entity=entity, first=first,
        database_=app.database, routing_="r").records
    events = [plain(dict(r["event"])) for r in records]
    if as_json:
        click.echo(json.dumps(events, indent=2, ensure_ascii=False))
        return
    if not events:
        click.echo("no events")
    touched = {e["id"]: list(dict.fromkeys(e["entity_ids"] + e["after_ids"])) for e in events}
    found = names(app.driver(), app.database, [i for ids in touched.values() for i in ids])
    for e in events:
        click.echo(f"{e['at']}  {e['actor']} ({e['role']})  {e['action']}")
        for item in touched[e["id"]]:
            click.echo(f"    {named(item, found)}")
