"""Parquet shards: workers that may not open the store write their analyses here instead.

A shard is a folder with one Parquet file per table (the store's own columns, from
``rows``) and a ``_SUCCESS`` marker written last, so a shard a worker did not finish is
never loaded. ``Store.load_shards`` then stores a whole run in one transaction.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from dateline.errors import StoreError
from dateline.model import Analysis, Failure
from dateline.store.rows import analysis_from, analysis_rows, failure_from, failure_row
from dateline.store.store import table_schemas

log = logging.getLogger(__name__)

SHARD_TABLES = ("articles", "actors", "places", "times", "quotes", "event_mentions", "failures")
MARKER = "_SUCCESS"


def write_shard(results: Sequence[Analysis | Failure], folder: Path) -> Path:
    """Write ``results`` as a shard in ``folder`` (created); return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in SHARD_TABLES}
    for result in results:
        if isinstance(result, Failure):
            tables["failures"].append(failure_row(result))
            continue
        rows = analysis_rows(result)
        tables["articles"].append(rows.article)
        for name in SHARD_TABLES[1:]:
            tables[name].extend(getattr(rows, name))
    schemas = table_schemas()
    for name, rows_of_table in tables.items():
        pq.write_table(
            pa.Table.from_pylist(rows_of_table, schema=schemas[name]), folder / f"{name}.parquet"
        )
    (folder / MARKER).write_text(f"{len(results)}\n", encoding="utf-8")
    return folder


def finished_shards(run_dir: Path) -> list[Path]:
    """The shards under ``run_dir`` that a worker finished, in name order.

    Raises:
        StoreError: ``run_dir`` is not a folder.
    """
    if not run_dir.is_dir():
        raise StoreError(f"{run_dir}: not a folder of shards (expected shard-*/ with {MARKER})")
    shards = sorted(p.parent for p in run_dir.glob(f"*/{MARKER}"))
    unfinished = sorted(p for p in run_dir.iterdir() if p.is_dir() and not (p / MARKER).exists())
    for shard in unfinished:
        log.warning(
            "%s: shard has no %s marker (its worker did not finish); skipped", shard, MARKER
        )
    return shards


def read_shard(folder: Path) -> Iterator[Analysis | Failure]:
    """The analyses and unreadable inputs stored in one shard."""
    tables = {name: pq.read_table(folder / f"{name}.parquet").to_pylist() for name in SHARD_TABLES}
    children: dict[str, dict[str, list[dict[str, Any]]]] = {r["id"]: {} for r in tables["articles"]}
    for name in SHARD_TABLES[1:]:
        for row in sorted(tables[name], key=lambda r: (r["article_id"] or "", r["idx"] or 0)):
            if row["article_id"] is not None:
                children[row["article_id"]].setdefault(name, []).append(row)
    for article in tables["articles"]:
        yield analysis_from(article, children[article["id"]])
    for row in tables["failures"]:
        if row["article_id"] is None:
            yield failure_from(row)
