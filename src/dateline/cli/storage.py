"""Options and output shared by the commands that read or write the store."""

from __future__ import annotations

import csv
import functools
import json
import sys
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import ParamSpec, TypeVar

import click
import duckdb

from dateline.cli.tables import print_rows
from dateline.errors import InputError, StoreError
from dateline.query import EventFilter, QueryResult
from dateline.query.events import PERIODS
from dateline.query.filters import day, statuses
from dateline.store import DB_ENV, DEFAULT_DB, Store
from dateline.store.connect import describe_fault

P = ParamSpec("P")
R = TypeVar("R")
F = TypeVar("F", bound=Callable[..., object])

OUTPUT_FORMATS = ("table", "csv", "jsonl")


def db_option(function: F) -> F:
    """--db FILE, from $DATELINE_DB or ./dateline.duckdb."""
    option = click.option(
        "--db", type=click.Path(dir_okay=False, path_type=Path), envvar=DB_ENV,
        default=DEFAULT_DB, show_default=True, show_envvar=True,
        help=f"The DuckDB store (default ./{DEFAULT_DB}, or ${DB_ENV} when set).",
    )  # fmt: skip
    return option(function)


def format_option(function: F) -> F:
    """--format table|csv|jsonl."""
    option = click.option(
        "--format", "fmt", type=click.Choice(OUTPUT_FORMATS), default="table", show_default=True,
        help="table for reading, csv or jsonl (one JSON object per line) for scripts.",
    )  # fmt: skip
    return option(function)


def _parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return day(value, "")
    except InputError as error:
        raise click.BadParameter(str(error).strip()) from None


def filter_options(function: F) -> F:
    """--actor, --recipient, --type, --since, --until, --min-mentions, --status."""
    decorators = [
        click.option("--actor", help="Actor code (TUR, SYR, IGO...) among the event's actors."),
        click.option("--recipient", help="Actor code among the event's recipients."),
        click.option("--type", "event_type",
                     help="PLOVER event type (CONSULT, ASSAULT...) or a CAMEO code prefix (04)."),
        click.option("--since", callback=_parse_date,
                     help="First date, e.g. 2023-05-01 or 2023-05."),
        click.option("--until", callback=_parse_date, help="Last date (inclusive)."),
        click.option("--min-mentions", type=click.IntRange(min=1), default=1, show_default=True,
                     help="Only events reported at least this many times."),
        click.option("--status", default="happened", show_default=True,
                     help="Time statuses to count: 'happened' (current and historical), 'all', "
                     "or a comma list such as current,negated,hypothetical,future."),
    ]  # fmt: skip
    for decorator in reversed(decorators):
        function = decorator(function)
    return function


def build_filter(
    actor: str | None, recipient: str | None, event_type: str | None, since: date | None,
    until: date | None, min_mentions: int, status: str = "happened",
) -> EventFilter:  # fmt: skip
    """The EventFilter for the filter options."""
    return EventFilter(
        actor=actor, recipient=recipient, type=event_type, since=since, until=until,
        min_mentions=min_mentions, statuses=statuses(status),
    )  # fmt: skip


def by_option(function: F) -> F:
    """--by day|week|month|quarter|year."""
    option = click.option("--by", type=click.Choice(PERIODS), default="month", show_default=True,
                          help="Length of each period.")  # fmt: skip
    return option(function)


def open_reader(db: Path) -> Store:
    """The store opened read-only (others may read at the same time).

    Raises:
        InputError: no store at ``db`` (a usage error, exit 2).
    """
    if not db.exists():
        raise InputError(f"{db}: no store here; create one with `dateline ingest PATH --db {db}`")
    return Store.open(db, read_only=True)


def emit(
    result: QueryResult,
    fmt: str,
    title: str | None = None,
    table: Mapping[str, str] | None = None,
    empty: str = "nothing matches",
) -> None:
    """Print a query result as a table, CSV or JSON Lines on stdout.

    ``table`` picks and relabels the columns of the table format (column -> label), so a
    terminal shows what matters; CSV and JSON Lines always carry every column. An empty
    result prints ``empty`` in the table format, and only the header (or nothing) otherwise.
    """
    if fmt == "jsonl":
        for record in result.records():
            click.echo(json.dumps(record, ensure_ascii=False))
    elif fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(result.columns)
        for record in result.records():
            writer.writerow(["" if v is None else _csv_cell(v) for v in record.values()])
    elif table:
        index = [result.columns.index(c) for c in table]
        rows = [[row[i] for i in index] for row in result.rows]
        print_rows(list(table.values()), rows, title=title, empty=empty)
    else:
        print_rows(result.columns, result.rows, title=title, empty=empty)


def _csv_cell(value: object) -> object:
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return value


def names_store_faults(function: Callable[P, R]) -> Callable[P, R]:
    """Turn a DuckDB error met while reading (a block cut off or corrupt) into a StoreError
    naming the store file and DuckDB's cause, for the command group to print once."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return function(*args, **kwargs)
        except duckdb.Error as error:
            db = kwargs.get("db")
            path = db if isinstance(db, Path) else Path(str(db or DEFAULT_DB))
            raise StoreError(describe_fault(path, error)) from error

    return wrapper
