"""Retry: read again the raw input of every stored input failure, analyse and store it.

An ingest rerun passes over records that failed before (so a bad record never stops it
twice); ``dateline retry`` is how they are tried again, after a fix or with other settings.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyarrow as pa

from dateline.ingest.readers import read_raw
from dateline.runners.ingest import WRITE_BATCH, IngestReport, Progress, ingest_items
from dateline.runners.local import Item
from dateline.settings import Settings
from dateline.store import Store


def retry_failures(
    store: Store,
    settings: Settings,
    *,
    progress: Progress | None = None,
    write_batch: int = WRITE_BATCH,
) -> IngestReport:
    """Read, analyse and store again every input that failed (those with no stored article).

    A record that reads and stores now replaces its failure; one that fails again keeps
    one failure row, the latest.
    """
    rows = store.con.sql(
        "SELECT id, origin, raw FROM failures WHERE article_id IS NULL ORDER BY created_at, id"
    ).fetchall()
    report = ingest_items(
        _items(rows), store, settings, inputs=sorted({str(r[1]) for r in rows}),
        replace=True, progress=progress, write_batch=write_batch, command="retry",
    )  # fmt: skip
    old = pa.table({"id": pa.array([str(r[0]) for r in rows], pa.string())})
    store.con.register("_retried", old)
    try:
        # the same failure again has the same id and this run's id: that row is kept
        store.con.execute(
            "DELETE FROM failures WHERE id IN (SELECT id FROM _retried) "
            "AND run_id IS DISTINCT FROM ?",
            [report.run_id],
        )
    finally:
        store.con.unregister("_retried")
    return report


def _items(rows: list[tuple[object, ...]]) -> Iterator[Item]:
    for _, origin, raw in rows:
        yield from read_raw(str(origin), None if raw is None else str(raw))
