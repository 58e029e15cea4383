"""`kb serve` and `kb token`: the GraphQL API (placeholder until the API lands)."""

from __future__ import annotations

import click


@click.command()
def serve() -> None:
    """Serve the GraphQL API."""
    raise click.ClickException("the API is not built yet")


@click.group()
def token() -> None:
    """Create and list API tokens."""
