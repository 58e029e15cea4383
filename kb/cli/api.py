"""`kb serve` and `kb token`: the GraphQL API and its bearer tokens."""

from __future__ import annotations

import click

from kb.cli.context import App
from kb.store.tokens import ROLES, create_token, list_tokens, revoke_token


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--dev", is_flag=True,
              help="Development mode: GraphiQL, introspection, anonymous reads (or KB_DEV=1).")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes (each with its own connection pool).")
@click.pass_obj
def serve(app: App, host: str, port: int, dev: bool, workers: int) -> None:
    """Serve the GraphQL API at /graphql (health: /healthz, readiness: /readyz)."""
    import os

    import uvicorn

    from kb.api.app import create_app
    from kb.store.connection import resolve_target

    settings = app.settings.model_copy(update={"dev": True}) if dev else app.settings
    app.driver()  # connect once now (starting the local Neo4j if needed) and apply the schema
    target = resolve_target(settings)
    mode = "development" if settings.dev else "production"
    click.echo(f"kb API ({mode} mode) on http://{host}:{port}/graphql"
               + (f", {workers} workers" if workers > 1 else ""), err=True)
    if workers > 1:  # workers import the app by name and read the same environment
        if dev:
            os.environ["KB_DEV"] = "1"
        uvicorn.run("kb.api.workers:app", factory=True, workers=workers, host=host, port=port,
                    log_level="info", access_log=settings.dev)
        return
    uvicorn.run(create_app(settings, target), host=host, port=port, log_level="info",
                access_log=settings.dev)


@click.group()
def token() -> None:
    """Create, list and revoke API tokens (only their SHA-256 is stored)."""


@token.command("create")
@click.option("--role", type=click.Choice(ROLES), required=True,
              help="reader: read; editor: also write; admin: also read the audit log.")
@click.option("--name", help="Who or what the token is for (shown in the audit log).")
@click.pass_obj
def token_create(app: App, role: str, name: str | None) -> None:
    """Print a new token once; it cannot be shown again."""
    secret, token_id = create_token(app.driver(), app.database, role, name)
    click.echo(secret)
    click.echo(f"token {token_id} ({role}) created; store it now, it is not kept", err=True)


@token.command("list")
@click.pass_obj
def token_list(app: App) -> None:
    """The tokens: id, name, role, created, revoked (never the token)."""
    for t in list_tokens(app.driver(), app.database):
        state = "revoked" if t["revoked"] else "active"
        click.echo(f"{t['id']}  {t['role']:<7} {state:<8} {t['created_at']}  {t['name']}")


@token.command("revoke")
@click.argument("token_id")
@click.pass_obj
def token_revoke(app: App, token_id: str) -> None:
    """Revoke a token by its id (as `kb token list` shows it)."""
    if not revoke_token(app.driver(), app.database, token_id):
        raise click.ClickException(f"no token with id {token_id}")
    click.echo(f"revoked {token_id}")
