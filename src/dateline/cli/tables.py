"""Human-readable tables for the terminal."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rich.console import Console
from rich.table import Table


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
    columns: Sequence[str], rows: Iterable[Sequence[Any]], title: str | None = None
) -> None:
    """A plain table of query results."""
    table = Table(title=title)
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    Console().print(table)
