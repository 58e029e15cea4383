"""`kb merge`, `kb unmerge`, `kb distinct`: judgements on whether two entities are one."""

from __future__ import annotations

import click

from kb.cli.context import App
from kb.cli.review import actor
from kb.store.claims import decide
from kb.store.merge import distinct_steps, merge_steps, unmerge_steps
from kb.store.profile import find_entity


def _id(app: App, value: str) -> str:
    """An entity id (per_…, org_…) or a name."""
    if value.startswith(("per_", "org_")):
        return value
    return find_entity(app.driver(), app.database, value)


@click.command()
@click.argument("keep")
@click.argument("merge")
@click.option("--reason", required=True, help="Why they are one person or organisation.")
@click.pass_obj
def merge(app: App, keep: str, merge: str, reason: str) -> None:
    """Merge MERGE into KEEP (ids or names): relationships, citations and names move to
    KEEP; `kb unmerge MERGE` restores both exactly."""
    keep_id, merge_id = _id(app, keep), _id(app, merge)
    done = decide(app.driver(), app.database,
                  lambda: merge_steps(keep_id, merge_id, reason, actor=actor(), role="cli"))
    click.echo(f"merged {done.merged['name']} ({merge_id}) into {done.kept['name']} "
               f"({keep_id}): {len(done.moved)} relationship(s) moved, "
               f"{len(done.joined)} joined; record {done.merge_id}")


@click.command()
@click.argument("merged")
@click.option("--reason", required=True, help="Why the merge was wrong.")
@click.pass_obj
def unmerge(app: App, merged: str, reason: str) -> None:
    """Undo the merge of MERGED (its id): both entities and their relationships as before."""
    merged_id = merged if merged.startswith(("per_", "org_")) else _id(app, merged)
    done = decide(app.driver(), app.database,
                  lambda: unmerge_steps(merged_id, reason, actor=actor(), role="cli"))
    click.echo(f"unmerged {done.merged['name']} ({merged_id}) from {done.kept['name']}: "
               f"{len(done.moved) + len(done.joined)} relationship(s) restored")


@click.command()
@click.argument("left")
@click.argument("right")
@click.option("--reason", required=True, help="Why they are not the same.")
@click.pass_obj
def distinct(app: App, left: str, right: str, reason: str) -> None:
    """Record that LEFT and RIGHT (ids or names) are not the same: never proposed again."""
    left_id, right_id = _id(app, left), _id(app, right)
    cand = decide(app.driver(), app.database,
                  lambda: distinct_steps(left_id, right_id, reason, actor=actor(), role="cli"))
    click.echo(f"{left_id} and {right_id} are distinct ({cand})")
