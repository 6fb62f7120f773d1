"""The DuckDB store: open (creating and migrating it), record runs, save batches, read back.

One process writes at a time (DuckDB's rule); many may read while none writes. Every batch
is one transaction, so a killed writer loses nothing it had committed and leaves no
half-written article.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb
import pyarrow as pa

from dateline import __version__
from dateline.errors import StoreError
from dateline.model import Analysis, Failure, content_id
from dateline.store.connect import (
    check_size,
    clear_failed_creation,
    connect,
    describe_fault,
    failed_creation,
    lock_timeout_default,
    rollback,
)
from dateline.store.migrations import MIGRATIONS, SCHEMA_VERSION, migrate, schema_version
from dateline.store.rows import analysis_from
from dateline.store.save import SaveReport, save_batch

log = logging.getLogger(__name__)

DEFAULT_DB = "dateline.duckdb"
DB_ENV = "DATELINE_DB"
CHILD_TABLES = ("actors", "places", "times", "quotes", "event_mentions", "failures")


def default_path() -> Path:
    """The store used when none is named: ``$DATELINE_DB``, else ``dateline.duckdb`` here."""
    return Path(os.environ.get(DB_ENV) or DEFAULT_DB)


@functools.lru_cache(maxsize=1)
def table_schemas() -> dict[str, pa.Schema]:
    """The Arrow schema of every table, read from an in-memory store built by the migrations."""
    con = duckdb.connect(":memory:")
    try:
        migrate(con, __version__)
        names = [row[0] for row in con.sql("SELECT table_name FROM duckdb_tables()").fetchall()]
        return {
            name: con.sql(f"SELECT * FROM {name} LIMIT 0").to_arrow_table().schema for name in names
        }
    finally:
        con.close()


@dataclass(frozen=True, slots=True)
class RunCounts:
    """What a run did, recorded in ``runs``."""

    articles_read: int = 0
    articles_stored: int = 0
    articles_skipped: int = 0
    failures: int = 0


class Store:
    """An open dateline store. Use ``Store.open(path)`` and close it (or use ``with``)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: Path, *, read_only: bool) -> None:
        self.con = con
        self.path = path
        self.read_only = read_only

    @classmethod
    def open(
        cls,
        path: Path | str | None = None,
        *,
        read_only: bool = False,
        lock_timeout: float | None = None,
    ) -> Store:
        """Open the store at ``path`` (default: ``default_path()``), creating it if writable.

        A reader cannot reach files, the network or extensions (see ``connect``). When another
        process holds the lock, the open is retried with backoff for ``lock_timeout`` seconds
        (default ``$DATELINE_LOCK_TIMEOUT`` or 10). What a creation that failed leaves (a 0-byte
        file, or DuckDB's first header and no more) holds no data and is created afresh by a
        writer.

        Raises:
            StoreLockedError: another process still held the lock when the time was up.
            StoreError: the file is missing (read-only), empty (read-only), truncated, corrupt,
                not a dateline store, in a folder that cannot be written, or of a schema this
                version cannot use; the message names the file and DuckDB's own reason.
        """
        path = Path(path) if path is not None else default_path()
        timeout = lock_timeout_default() if lock_timeout is None else lock_timeout
        if read_only and not path.exists():
            raise StoreError(
                f"{path}: no store here; create one with `dateline ingest PATH --db {path}`"
            )
        if not read_only and path.parent != Path() and not path.parent.exists():
            raise StoreError(f"{path}: folder {path.parent} does not exist")
        if path.is_dir():
            raise StoreError(f"{path}: is a folder, not a store file")
        left = failed_creation(path)
        if left is not None:
            if read_only:
                raise StoreError(
                    f"{path}: {left}, left by a store creation that failed (a full disk?); "
                    f"run `dateline ingest PATH --db {path}` to create the store afresh"
                )
            clear_failed_creation(path, left)
        con = connect(path, read_only=read_only, lock_timeout=timeout)
        try:
            check_size(con, path)
            if read_only:
                version = schema_version(con)
                if version != SCHEMA_VERSION:
                    raise StoreError(
                        f"{path}: schema version {version}, this dateline uses {SCHEMA_VERSION}; "
                        "run `dateline ingest` or `dateline load` once to migrate it"
                    )
            else:
                migrate(con, __version__, MIGRATIONS)
                _close_stale_runs(con)
        except StoreError as error:
            con.close()
            if str(error).startswith(str(path)):
                raise
            raise StoreError(f"{path}: {error}") from error
        except duckdb.Error as error:
            con.close()
            raise StoreError(describe_fault(path, error)) from error
        return cls(con, path, read_only=read_only)

    def close(self) -> None:
        """Close the connection; committed data is already safe on disk."""
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- runs ------------------------------------------------------------------------------

    def begin_run(self, command: str, inputs: Sequence[str], settings: object | None = None) -> str:
        """Record the start of a run and return its id."""
        started = _now()
        settings_json = json.dumps(_settings_dict(settings), sort_keys=True, default=str)
        run_id = content_id(command, started.isoformat(), os.getpid(), *inputs)
        self._write(
            "INSERT INTO runs (id, command, inputs, started_at, status, dateline_version, "
            "settings, settings_hash) VALUES (?, ?, ?, ?, 'running', ?, ?, ?)",
            [run_id, command, list(inputs), started, __version__, settings_json,
             hashlib.sha256(settings_json.encode()).hexdigest()[:16]],
        )  # fmt: skip
        return run_id

    def finish_run(self, run_id: str, counts: RunCounts, status: str = "complete") -> None:
        """Record how a run ended and what it did."""
        self._write(
            "UPDATE runs SET finished_at = ?, status = ?, articles_read = ?, articles_stored = ?, "
            "articles_skipped = ?, failures = ? WHERE id = ?",
            [_now(), status, counts.articles_read, counts.articles_stored,
             counts.articles_skipped, counts.failures, run_id],
        )  # fmt: skip

    # -- writing ---------------------------------------------------------------------------

    def stored_ids(self, ids: Sequence[str]) -> set[str]:
        """Those of ``ids`` that are already stored."""
        if not ids:
            return set()
        wanted = pa.table({"id": pa.array(list(ids), pa.string())})
        self.con.register("_wanted_ids", wanted)
        try:
            rows = self.con.sql(
                "SELECT id FROM articles WHERE id IN (SELECT id FROM _wanted_ids)"
            ).fetchall()
        finally:
            self.con.unregister("_wanted_ids")
        return {row[0] for row in rows}

    def save(self, results: Sequence[Analysis | Failure], run_id: str | None = None) -> SaveReport:
        """Write a batch of analyses and unreadable inputs in one transaction.

        Saving an article again replaces its rows; merged events and near-duplicate links
        are brought up to date in the same transaction.

        Raises:
            StoreError: the database refused the write (nothing of the batch is kept).
        """
        self._require_writable()
        self.con.execute("BEGIN TRANSACTION")
        try:
            report = save_batch(self.con, table_schemas(), results, run_id, _now())
            self.con.execute("COMMIT")
        except duckdb.Error as error:
            rollback(self.con)
            raise StoreError(describe_fault(self.path, error, "could not save a batch")) from error
        except BaseException:
            rollback(self.con)
            raise
        return report

    def load_shards(self, run_dir: Path, run_id: str | None = None, batch: int = 256) -> SaveReport:
        """Store every finished shard under ``run_dir`` in one transaction.

        Loading the same shards again replaces their rows, so it adds no duplicates.

        Raises:
            StoreError: no finished shard, or the database refused the write.
        """
        from dateline.store.shards import finished_shards, read_shard

        self._require_writable()
        shards = finished_shards(run_dir)
        if not shards:
            raise StoreError(f"{run_dir}: no finished shard (shard-*/ with _SUCCESS) to load")
        totals: dict[str, int] = {}
        self.con.execute("BEGIN TRANSACTION")
        try:
            for shard in shards:
                pending: list[Analysis | Failure] = []
                for result in read_shard(shard):
                    pending.append(result)
                    if len(pending) >= batch:
                        _add(totals, save_batch(self.con, table_schemas(), pending, run_id, _now()))
                        pending = []
                _add(totals, save_batch(self.con, table_schemas(), pending, run_id, _now()))
            self.con.execute("COMMIT")
        except duckdb.Error as error:
            rollback(self.con)
            raise StoreError(
                describe_fault(self.path, error, f"could not load {run_dir}")
            ) from error
        except BaseException:
            rollback(self.con)
            raise
        return SaveReport(**totals)

    def _write(self, statement: str, parameters: list[Any]) -> None:
        """One statement in its own transaction, its failure named with the store's file."""
        self._require_writable()
        try:
            self.con.execute(statement, parameters)
        except duckdb.Error as error:
            raise StoreError(
                describe_fault(self.path, error, "could not record the run")
            ) from error

    def _require_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only")

    # -- reading ---------------------------------------------------------------------------

    def count(self, table: str) -> int:
        """Rows in one of the store's tables."""
        if table not in table_schemas():
            raise StoreError(f"no table {table!r}; tables: {', '.join(sorted(table_schemas()))}")
        return int(self.con.sql(f"SELECT count(*) FROM {table}").fetchall()[0][0])

    def iter_analyses(self, chunk: int = 200) -> Iterator[Analysis]:
        """Every stored article as an Analysis, in the order they were stored."""
        ids = [
            r[0]
            for r in self.con.sql("SELECT id FROM articles ORDER BY ingested_at, rowid").fetchall()
        ]
        for start in range(0, len(ids), chunk):
            yield from self.analyses(ids[start : start + chunk])

    def analyses(self, ids: Sequence[str]) -> list[Analysis]:
        """The stored articles with these ids, rebuilt as Analysis records, in the given order."""
        wanted = pa.table({"id": pa.array(list(ids), pa.string())})
        self.con.register("_wanted_ids", wanted)
        try:
            articles = {
                row["id"]: row
                for row in self._rows(
                    "SELECT * FROM articles WHERE id IN (SELECT id FROM _wanted_ids)"
                )
            }
            children: dict[str, dict[str, list[dict[str, Any]]]] = {i: {} for i in articles}
            for table in CHILD_TABLES:
                query = (f"SELECT * FROM {table} WHERE article_id IN (SELECT id FROM _wanted_ids) "
                         "ORDER BY article_id, idx")  # fmt: skip
                for row in self._rows(query):
                    children[row["article_id"]].setdefault(table, []).append(row)
        finally:
            self.con.unregister("_wanted_ids")
        return [analysis_from(articles[i], children[i]) for i in ids if i in articles]

    def input_failures(self) -> list[Failure]:
        """Inputs that could not be read as articles, oldest first, raw input kept for replay."""
        from dateline.store.rows import failure_from

        rows = self._rows("SELECT * FROM failures WHERE article_id IS NULL ORDER BY created_at, id")
        return [failure_from(row) for row in rows]

    def _rows(self, query: str) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = self.con.sql(query).to_arrow_table().to_pylist()
        return rows


def _add(totals: dict[str, int], report: SaveReport) -> None:
    for name, value in asdict(report).items():
        totals[name] = totals.get(name, 0) + value


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _settings_dict(settings: object | None) -> dict[str, Any]:
    if settings is None:
        return {}
    try:
        return asdict(settings)  # type: ignore[call-overload, no-any-return]
    except TypeError:
        return {"repr": repr(settings)}


def _close_stale_runs(con: duckdb.DuckDBPyConnection) -> None:
    """A run still 'running' when a writer opens the store died: only one writer is allowed."""
    con.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
