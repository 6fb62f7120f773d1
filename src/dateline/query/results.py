"""The shape every question returns: column names and rows, ready for a table, CSV or JSON."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class QueryResult:
    """Rows of a read-only question, with their column names."""

    columns: tuple[str, ...]
    rows: Sequence[tuple[Any, ...]]

    def records(self) -> Iterator[dict[str, Any]]:
        """Each row as a dict keyed by column name, dates as ISO strings (JSON-ready)."""
        for row in self.rows:
            yield {c: _plain(v) for c, v in zip(self.columns, row, strict=True)}


def _plain(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value
