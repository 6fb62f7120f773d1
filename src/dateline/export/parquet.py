"""Parquet export partitioned by event date (year=YYYY/month=M/), lists and structs kept."""

from __future__ import annotations

from pathlib import Path

import duckdb

from dateline.errors import InputError, StoreError
from dateline.export.tables import events_relation, mentions_relation
from dateline.query.filters import EventFilter
from dateline.store import Store


def write_parquet(
    store: Store, folder: Path, level: str = "events", where: EventFilter | None = None
) -> int:
    """Write Hive-partitioned Parquet files under ``folder``; return the row count.

    Events with no date go under ``year=__HIVE_DEFAULT_PARTITION__``, as Hive readers expect.
    """
    if level == "events":
        relation = events_relation(store.con, where, nested=True)
    elif level == "mentions":
        relation = mentions_relation(store.con, where, nested=True)
    else:
        raise InputError(f"Parquet export has levels events and mentions, not {level!r}")
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder}: Parquet export writes a folder, and this is a file")
    if folder.is_dir() and any(folder.iterdir()):
        raise InputError(f"{folder}: folder is not empty; choose a new one for the export")
    count = int(relation.aggregate("count(*)").fetchall()[0][0])
    try:
        relation.to_parquet(str(folder), partition_by=["year", "month"], overwrite=True)
    except duckdb.Error as error:
        raise StoreError(f"{folder}: could not write Parquet: {error}") from error
    return count
