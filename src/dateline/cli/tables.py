"""Human-readable tables for the terminal."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rich.console import Console
from rich.table import Table

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?)?)?$")


def _participants(items: Iterable[Mapping[str, Any]]) -> str:
    return ", ".join(
        f"{p.get('code') or '?'}{'/' + p['sector'] if p.get('sector') else ''}" for p in items
    )


def print_event_table(records: Sequence[Mapping[str, Any]]) -> None:
    """One row per event of every analysed article, then its quotes."""
    console = Console()
    for record in records:
        article = record["article"]
        title = article.get("title") or article.get("origin") or record["id"]
        table = Table(title=f"{title} ({article.get('published') or 'undated'})", show_lines=False)
        for column in (
            "event",
            "cameo",
            "actor",
            "recipient",
            "date",
            "status",
            "where",
            "trigger",
        ):
            table.add_column(column)
        for event in record["events"]:
            location = event.get("location") or {}
            where = location.get("name") or ""
            if where:  # how precise, and from which words: "Moscow (city, clause)"
                where += f" ({event.get('location_precision')}, {event.get('location_source')})"
            table.add_row(
                event["event"], event["cameo"], _participants(event["actor"]),
                _participants(event["recipient"]), event.get("date") or "",
                event["time_status"], where, event["trigger"],
            )  # fmt: skip
        console.print(table)
        for quote in record["quotes"]:
            speaker = quote.get("speaker") or {}
            who = speaker.get("name") or speaker.get("text") or "?"
            code = speaker.get("code") or "?"
            console.print(f"  [bold]{who}[/bold] ({code}) {quote['cue'] or ''}: “{quote['text']}”")
        for error in record["errors"]:
            console.print(f"  [red]error[/red] {error['stage']}: {error['message']}")


def print_rows(
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    title: str | None = None,
    empty: str = "no rows",
) -> None:
    """A plain table of query results; ``empty`` is said instead of an empty table.

    Dates, times, numbers, codes and statuses are never wrapped or cut, however narrow the
    terminal: such a column keeps the width of its longest value and the others wrap instead.
    """
    cells = [["" if v is None else str(v) for v in row] for row in rows]
    console = Console()
    if not cells:
        console.print(f"{title}: {empty}" if title else empty)
        return
    table = Table(title=title)
    for index, column in enumerate(columns):
        values = [row[index] for row in cells if row[index]]
        # a date, a number, a code or a status is one short word: cut, it would mislead
        if values and all(_DATE.match(v) or (len(v) <= 12 and " " not in v) for v in values):
            table.add_column(column, no_wrap=True, min_width=max(map(len, values)))
        else:
            table.add_column(column)
    for row in cells:
        table.add_row(*row)
    console.print(table)
