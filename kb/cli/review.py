"""`kb review`: what waits for a person, and a person's decisions on it."""

from __future__ import annotations

import getpass
import json

import click

from kb.cli.context import App
from kb.store.claims import accept_all_from_steps, decide, decide_steps
from kb.store.edit import Changes, edit_steps
from kb.store.review import open_candidates, review_queue


def actor() -> str:
    return f"cli:{getpass.getuser()}"


@click.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print what waits as JSON.")
@click.option("--first", default=50, show_default=True, type=click.IntRange(1, 1000))
@click.pass_context
def review(ctx: click.Context, as_json: bool, first: int) -> None:
    """List what waits for a person: unreviewed claims (machine-extracted allegations,
    responses and relations, each with its sentence in context, rule and confidence),
    low-confidence candidates and merge candidates (resolve with `kb merge` / `kb distinct`).
    """
    if ctx.invoked_subcommand is not None:
        return
    app: App = ctx.obj
    claims = review_queue(app.driver(), app.database, first)
    others = open_candidates(app.driver(), app.database)
    if as_json:  # one list: claims first, then candidates, each with its kind
        click.echo(json.dumps([*claims, *others], indent=2, ensure_ascii=False))
        return
    if not claims and not others:
        click.echo("nothing to review")
    for item in claims:
        rule = f", rule {item['rule']}" if item["rule"] else ""
        click.echo(f"[{item['kind']}] {item['id']}: {item['summary']}")
        click.echo(f"    confidence {item['confidence']:.2f}{rule}; {item['outlet']}, "
                   f"{item['url'] or item['publication_title']}")
        click.echo(f"    …{item['before'][-80:]}>>{item['quote']}<<{item['after'][:80]}…")
    for item in others:
        click.echo(f"[{item['kind']}] {item['id']}: {item['summary']}")


@review.command()
@click.argument("claim_id", required=False)
@click.option("--all-from", "publication", help="Accept every unreviewed claim this "
              "publication (URL or id) supports.")
@click.pass_obj
def accept(app: App, claim_id: str | None, publication: str | None) -> None:
    """Accept a claim (allegation, response or relation id): it reads its sentence right."""
    if bool(claim_id) == bool(publication):
        raise click.UsageError("give a claim id or --all-from URL (one of them)")
    if publication:
        ids = decide(app.driver(), app.database,
                     lambda: accept_all_from_steps(publication, actor=actor(), role="cli"))
        click.echo(f"accepted {len(ids)} claim(s)")
        for claim in ids:
            click.echo(f"  {claim}")
        return
    assert claim_id is not None
    done = decide(app.driver(), app.database, lambda: decide_steps(
        claim_id, "accepted", reason=None, actor=actor(), role="cli"))
    click.echo(f"accepted {done.claim.id} (was {done.claim.review})")


@review.command()
@click.argument("claim_id")
@click.option("--reason", required=True, help="Why the claim misreads its sentence.")
@click.pass_obj
def reject(app: App, claim_id: str, reason: str) -> None:
    """Reject a claim: it leaves default queries, `kb show` and exports, and reloading or
    re-extracting its article never brings it back (it stays in the graph for the record)."""
    done = decide(app.driver(), app.database, lambda: decide_steps(
        claim_id, "rejected", reason=reason, actor=actor(), role="cli"))
    click.echo(f"rejected {done.claim.id} (was {done.claim.review})")


@review.command()
@click.argument("claim_id")
@click.option("--accuser", help="The accuser (a name or an id).")
@click.option("--accused", help="The accused (a name or an id).")
@click.option("--denier", help="Whom a denial speaks for (a name or an id).")
@click.option("--category", help="The allegation's category.")
@click.pass_obj
def edit(app: App, claim_id: str, accuser: str | None, accused: str | None,
         denier: str | None, category: str | None) -> None:
    """Correct how a claim reads its sentence: the corrected claim is written (accepted,
    cited by the same quote) and the one as read is rejected."""
    changes = Changes(accuser=accuser, accused=accused, denier=denier, category=category)
    done = decide(app.driver(), app.database,
                  lambda: edit_steps(claim_id, changes, actor=actor(), role="cli"))
    click.echo(f"edited {done.old_id}: now {done.new_id} (accepted); {done.old_id} rejected")


@review.command()
@click.argument("candidate_id")
@click.option("--same/--distinct", "same", required=True,
              help="--same merges the right entity into the left; --distinct records that "
                   "they are not the same (never proposed again).")
@click.option("--reason", required=True)
@click.pass_obj
def resolve(app: App, candidate_id: str, same: bool, reason: str) -> None:
    """Resolve a merge candidate (as `kb review` lists it) either way."""
    from kb.store.merge import resolve_steps

    left, right = decide(app.driver(), app.database, lambda: resolve_steps(
        candidate_id, same, reason, actor=actor(), role="cli"))
    click.echo(f"merged {right} into {left}" if same else f"{left} and {right} are distinct")
