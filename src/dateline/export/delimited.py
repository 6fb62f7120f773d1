"""CSV export of merged events or event mentions, streamed in Arrow batches."""

from __future__ import annotations

import csv
from typing import TextIO

from dateline.errors import InputError
from dateline.export.tables import events_relation, mentions_relation
from dateline.query.filters import EventFilter
from dateline.store import Store

_BATCH = 10_000


def write_csv(
    store: Store, out: TextIO, level: str = "events", where: EventFilter | None = None
) -> int:
    """Write a header and one row per event (or mention) to ``out``; return the row count."""
    if level == "events":
        relation = events_relation(store.con, where)
    elif level == "mentions":
        relation = mentions_relation(store.con, where)
    else:
        raise InputError(f"CSV export has levels events and mentions, not {level!r}")
    relation = relation.select(*[c for c in relation.columns if c not in ("year", "month")])
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(relation.columns)
    count = 0
    for batch in relation.to_arrow_reader(_BATCH):
        columns = [batch.column(i).to_pylist() for i in range(batch.num_columns)]
        for row in zip(*columns, strict=True):
            writer.writerow(["" if v is None else v for v in row])
        count += batch.num_rows
    return count
