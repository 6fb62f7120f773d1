"""``dateline events | actors | dyad | sql | failures``: read-only questions on the store."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from dateline.cli.storage import (
    build_filter,
    by_option,
    db_option,
    emit,
    filter_options,
    format_option,
    names_store_faults,
    open_reader,
)
from dateline.query import (
    EventFilter,
    dyad_timeline,
    find_events,
    find_mentions,
    run_sql,
    top_actors,
)

_EVENT_TABLE = {
    "date": "date", "event": "event", "cameo": "cameo", "actor": "actor",
    "recipient": "recipient", "location": "where", "location_precision": "precision",
    "location_source": "from", "status": "status", "confidence": "conf", "score": "score",
    "num_mentions": "n", "num_sources": "src",
}  # fmt: skip
_MENTION_TABLE = {
    "published": "published", "outlet": "outlet", "event": "event", "actor": "actor",
    "recipient": "recipient", "location": "where", "location_source": "from",
    "time_status": "status", "confidence": "conf",
    "sentence": "sentence",
}  # fmt: skip
_DYAD_TABLE = {
    "period": "period", "verbal_cooperation": "q1", "material_cooperation": "q2",
    "verbal_conflict": "q3", "material_conflict": "q4", "events": "events",
    "mentions": "mentions", "mean_score": "score",
}  # fmt: skip


@click.command()
@db_option
@filter_options
@click.option(
    "--mentions",
    is_flag=True,
    help="List each report (event mention) with its article and sentence instead.",
)
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=100,
    show_default=True,
    help="Most rows to show; 0 for all.",
)
@format_option
@names_store_faults
def events(
    db: Path, actor: str | None, recipient: str | None, event_type: str | None,
    since: date | None, until: date | None, min_mentions: int, status: str, mentions: bool,
    limit: int, fmt: str,
) -> None:  # fmt: skip
    """List stored events, newest first: each real-world event once, with how many
    articles and outlets reported it.

    Example:

    \b
        dateline events --actor TUR --recipient SYR --since 2023-01
        dateline events --type ASSAULT --min-mentions 3 --format csv > attacks.csv
        dateline events --actor RUS --mentions --format jsonl
    """
    where = build_filter(actor, recipient, event_type, since, until, min_mentions, status)
    with open_reader(db) as store:
        result = (find_mentions if mentions else find_events)(store, where, limit)
    empty = f"no {'event mentions' if mentions else 'events'} match {_described(where)}"
    if mentions:
        emit(result, fmt, title="event mentions", table=_MENTION_TABLE, empty=empty)
    else:
        title = "events (n: mentions, src: outlets, conf: confidence)"
        emit(result, fmt, title=title, table=_EVENT_TABLE, empty=empty)


@click.command()
@db_option
@filter_options
@click.option("--sectors", is_flag=True, help="Rank code and sector pairs (TUR/GOV, TUR/MIL).")
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=20,
    show_default=True,
    help="Most actors to show; 0 for all.",
)
@format_option
@names_store_faults
def actors(
    db: Path, actor: str | None, recipient: str | None, event_type: str | None,
    since: date | None, until: date | None, min_mentions: int, status: str, sectors: bool,
    limit: int, fmt: str,
) -> None:  # fmt: skip
    """List the most active actors: events taken part in, as actor or recipient.

    Example:

    \b
        dateline actors --since 2023-01-01 --limit 10
        dateline actors --type ASSAULT --sectors --format csv
    """
    where = build_filter(actor, recipient, event_type, since, until, min_mentions, status)
    with open_reader(db) as store:
        result = top_actors(store, where, limit, by_sector=sectors)
    emit(result, fmt, title="most active actors", empty=f"no actors in events {_described(where)}")


@click.command()
@click.argument("first")
@click.argument("second")
@db_option
@by_option
@click.option("--directed", is_flag=True, help="Only FIRST acting on SECOND, not both directions.")
@filter_options
@click.option("--skip-empty", is_flag=True, help="Leave out periods with no event.")
@format_option
@names_store_faults
def dyad(
    first: str, second: str, db: Path, by: str, directed: bool, actor: str | None,
    recipient: str | None, event_type: str | None, since: date | None, until: date | None,
    min_mentions: int, status: str, skip_empty: bool, fmt: str,
) -> None:  # fmt: skip
    """How relations between FIRST and SECOND moved: events per period by quad class
    (q1 verbal cooperation, q2 material cooperation, q3 verbal conflict, q4 material
    conflict) and the mean score (-10 conflict .. +10 cooperation). Each real-world event
    counts once however many articles reported it.

    Example:

    \b
        dateline dyad TUR SYR --by month
        dateline dyad RUS UKR --directed --by week --format csv > rus-ukr.csv
        dateline dyad TUR SYR --by week --skip-empty
    """
    where = build_filter(actor, recipient, event_type, since, until, min_mentions, status)
    with open_reader(db) as store:
        result = dyad_timeline(
            store, first, second, by=by, directed=directed, where=where, skip_empty=skip_empty
        )
    arrow = "->" if directed else "<->"
    title = f"{first.upper()} {arrow} {second.upper()} by {by} (q1-q4: quad classes)"
    empty = f"no events between {first.upper()} and {second.upper()} {_described(where)}"
    emit(result, fmt, title=title, table=_DYAD_TABLE, empty=empty)


@click.command()
@click.argument("query")
@db_option
@format_option
@names_store_faults
def sql(query: str, db: Path, fmt: str) -> None:
    """Run one read-only SELECT (or WITH ... SELECT) on the store (tables: see
    docs/schema.md or `select * from duckdb_tables()`). Anything else (COPY, EXPORT,
    ATTACH, INSTALL, LOAD, SET, PRAGMA, CALL, writes, several statements) and any file
    or URL is refused with exit code 2.

    Example:

    \b
        dateline sql "select type, count(*) from events group by type order by 2 desc"
        dateline sql "select origin, message from failures" --format csv
    """
    with open_reader(db) as store:
        result = run_sql(store, query)
    emit(result, fmt, empty="the query returned no rows")


@click.command()
@db_option
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=100,
    show_default=True,
    help="Most rows to show; 0 for all.",
)
@format_option
@names_store_faults
def failures(db: Path, limit: int, fmt: str) -> None:
    """List the inputs and stages that failed, with the reason (raw input is kept in the
    store's failures table for replay).

    Example:

    \b
        dateline failures
        dateline sql "select raw from failures where origin like '%.jsonl:%'"
    """
    query = ("SELECT created_at, stage, origin, article_id, error_type, message FROM failures "
             "ORDER BY created_at DESC, origin")  # fmt: skip
    with open_reader(db) as store:
        result = run_sql(store, query, limit=limit or None)
    emit(result, fmt, title="failures", empty="no failures stored")


def _described(where: EventFilter) -> str:
    """The filters of ``where`` in words, for a message that nothing matched."""
    parts = [
        f"{label} {value}"
        for label, value in (
            ("actor", where.actor), ("recipient", where.recipient), ("type", where.type),
            ("since", where.since), ("until", where.until),
        )
        if value
    ]  # fmt: skip
    if where.min_mentions > 1:
        parts.append(f"min-mentions {where.min_mentions}")
    if where.statuses:
        parts.append(f"status {','.join(where.statuses)}")
    return "(" + ", ".join(parts) + ")" if parts else "(no filters)"
