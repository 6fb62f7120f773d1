"""The ``dateline`` command: a thin layer that parses arguments, calls the library, prints.

Exit codes: 0 everything succeeded, 1 some inputs failed, 2 usage or settings error.
"""

from __future__ import annotations

import logging
import sys

import click

from dateline import __version__
from dateline.cli.evaluate import evaluate
from dateline.cli.events import actors, dyad, events, failures, sql
from dateline.cli.export import export
from dateline.cli.extract import extract
from dateline.cli.ingest import ingest
from dateline.cli.load import cluster, load
from dateline.cli.serve import serve
from dateline.cli.show import codes, show
from dateline.errors import SettingsError


class _Group(click.Group):
    """Maps a SettingsError anywhere below to a clean message and exit code 2."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except SettingsError as error:
            click.echo(f"Error: {error}", err=True)
            sys.exit(2)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dateline")
@click.option("-v", "--verbose", count=True, help="Log more (-v info, -vv debug) to stderr.")
def cli(verbose: int) -> None:
    """dateline: news articles in, political event data out.

    Reads articles (scraped text, HTML, JSON Lines, RSS/Atom feeds, folders, stdin) and
    codes who did what to whom, where and when (PLOVER events with CAMEO codes), and who
    said what; every field points back to a character span of the article.

    Example:

    \b
        dateline extract examples/reuters-2023-05-10-moscow-talks.txt --format table
        dateline ingest examples/ --db events.duckdb
        dateline events --db events.duckdb --actor TUR
    """
    level = {0: logging.WARNING, 1: logging.INFO}.get(verbose, logging.DEBUG)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


cli.add_command(extract)
cli.add_command(evaluate)
for _command in (ingest, events, actors, dyad, sql, failures, export, cluster, load, serve,
                 show, codes):  # fmt: skip
    cli.add_command(_command)

__all__ = ["cli"]
