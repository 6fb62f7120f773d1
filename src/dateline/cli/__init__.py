"""The ``dateline`` command: a thin layer that parses arguments, calls the library, prints.

Exit codes: 0 everything succeeded; 1 some inputs failed (each named, the others stored), or
the store is locked by another process; 2 usage or settings error; 3 the run itself failed
(a crash, a store fault, an interrupt), with one message and no traceback unless -vv.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback

import click

from dateline import __version__
from dateline.cli.evaluate import evaluate
from dateline.cli.events import actors, dyad, events, failures, sql
from dateline.cli.export import export
from dateline.cli.extract import extract
from dateline.cli.ingest import ingest
from dateline.cli.load import cluster, load
from dateline.cli.retry import retry
from dateline.cli.serve import serve
from dateline.cli.show import codes, show
from dateline.errors import InputError, StoreError, StoreLockedError

EXIT_OK, EXIT_INPUTS, EXIT_USAGE, EXIT_RUN = 0, 1, 2, 3


class _Group(click.Group):
    """Maps what a command raises to one clear message and its exit code."""

    def invoke(self, ctx: click.Context) -> object:
        verbose = int(ctx.params.get("verbose") or 0)
        try:
            return super().invoke(ctx)
        except InputError as error:
            _stop(f"Error: {error}", EXIT_USAGE, verbose)
        except StoreLockedError as error:
            _stop(f"Error: {error}", EXIT_INPUTS, verbose)
        except StoreError as error:
            _stop(f"Error: {error}", EXIT_RUN, verbose)
        except BrokenPipeError:
            # the reader went away (`dateline events | head`): nothing left to say to it
            _quiet_stdout()
            sys.exit(EXIT_OK)
        except KeyboardInterrupt:
            _stop("Interrupted: committed batches are kept; run it again to resume", EXIT_RUN, 0)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as error:  # noqa: BLE001 - the last guard: a crash, named in one line
            hint = "" if verbose >= 2 else " (run with -vv for the traceback)"
            _stop(f"Error: dateline failed: {type(error).__name__}: {error}{hint}", EXIT_RUN,
                  verbose)  # fmt: skip
        raise AssertionError("unreachable")


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so Python's flush at exit does not raise again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _stop(message: str, code: int, verbose: int) -> None:
    if verbose >= 2:
        traceback.print_exc(file=sys.stderr)
    click.echo(message, err=True)
    sys.exit(code)


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
for _command in (ingest, retry, events, actors, dyad, sql, failures, export, cluster, load,
                 serve, show, codes):  # fmt: skip
    cli.add_command(_command)

__all__ = ["cli"]
