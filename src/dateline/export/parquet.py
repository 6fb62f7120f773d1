"""Parquet export partitioned by event date (year=YYYY/month=M/), lists and structs kept."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds

from dateline.errors import InputError, StoreError
from dateline.export.tables import events_relation, mentions_relation
from dateline.query.filters import EventFilter
from dateline.store import Store


def write_parquet(
    store: Store, folder: Path, level: str = "events", where: EventFilter | None = None
) -> int:
    """Write Hive-partitioned Parquet files under ``folder``; return the row count.

    Events with no date go under ``year=__HIVE_DEFAULT_PARTITION__``, as Hive readers expect.
    The files are written by pyarrow from the query's result: the store's reader connection
    has file access off, so DuckDB itself never writes outside the store.
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
    table = relation.to_arrow_table()
    partitioning = ds.partitioning(
        pa.schema([table.schema.field("year"), table.schema.field("month")]), flavor="hive"
    )
    try:
        ds.write_dataset(
            table, folder, format="parquet", partitioning=partitioning,
            basename_template="part-{i}.parquet", existing_data_behavior="overwrite_or_ignore",
        )  # fmt: skip
    except (OSError, pa.ArrowException) as error:
        raise StoreError(f"{folder}: could not write Parquet: {error}") from error
    return int(table.num_rows)
