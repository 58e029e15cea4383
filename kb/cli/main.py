"""Entry point: `kb COMMAND`. Expected failures print one line and exit non-zero."""

from __future__ import annotations

import sys

import click

from kb import __version__
from kb.cli.context import App
from kb.errors import KBError
from kb.settings import load_settings


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kb")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """kb: who alleged what against whom, who denied it, and where each fact comes from."""
    app = App(load_settings())
    ctx.obj = app
    ctx.call_on_close(app.close)


def _register() -> None:
    from kb.cli import api, audit, db, extract, graph, load, merge, review

    cli.add_command(db.db)
    cli.add_command(graph.init)
    cli.add_command(graph.export)
    cli.add_command(graph.show)
    cli.add_command(graph.schema)
    cli.add_command(load.load)
    cli.add_command(extract.extract)
    cli.add_command(extract.evaluate)
    cli.add_command(review.review)
    cli.add_command(merge.merge)
    cli.add_command(merge.unmerge)
    cli.add_command(merge.distinct)
    cli.add_command(audit.audit)
    cli.add_command(audit.retract)
    cli.add_command(audit.correct)
    cli.add_command(audit.explain)
    cli.add_command(audit.log)
    cli.add_command(api.serve)
    cli.add_command(api.token)


_register()


def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("kb: aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except KBError as exc:
        first = exc.message.splitlines()[0] if exc.message else exc.code
        rest = exc.message.splitlines()[1:]
        click.echo(f"kb: error: {first}", err=True)
        for line in rest:
            click.echo(line, err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("kb: interrupted", err=True)
        sys.exit(130)
