"""`kb db start | stop | status | env`: the local Neo4j server."""

from __future__ import annotations

import shlex

import click

from kb.cli.context import App
from kb.db.jars import fetch_jars
from kb.db.server import LocalServer


@click.group()
def db() -> None:
    """Start, check and stop kb's local Neo4j server."""


@db.command()
@click.pass_obj
def start(app: App) -> None:
    """Start the local Neo4j (fetching its jars once) and wait until Bolt answers."""
    LocalServer(app.settings).start(say=click.echo)


@db.command()
@click.pass_obj
def fetch(app: App) -> None:
    """Fetch the Neo4j jars from Maven Central into the cache (once)."""
    lib = app.settings.jars_dir
    if fetch_jars(lib, app.settings.neo4j_version, click.echo):
        click.echo(f"fetched Neo4j {app.settings.neo4j_version} into {lib}")
    else:
        click.echo(f"Neo4j {app.settings.neo4j_version} jars are in {lib}")


@db.command()
@click.pass_obj
def stop(app: App) -> None:
    """Stop the local Neo4j cleanly."""
    LocalServer(app.settings).stop(say=click.echo)


@db.command()
@click.pass_obj
def status(app: App) -> None:
    """Say whether the local Neo4j runs, its version, data directory and port."""
    for line in LocalServer(app.settings).status().lines():
        click.echo(line)


@db.command()
@click.pass_obj
def env(app: App) -> None:
    """Print NEO4J_* lines for the running server: eval "$(kb db env)"."""
    names = []
    for line in LocalServer(app.settings).env_lines():
        key, _, value = line.partition("=")
        names.append(key)
        click.echo(f"{key}={shlex.quote(value)}")
    # Exported, so programs started from the same shell see them too.
    click.echo("export " + " ".join(names))
