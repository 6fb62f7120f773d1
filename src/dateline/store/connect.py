"""Opening the DuckDB file: locked-down readers, lock waits, and store faults named once.

A reader connection cannot touch anything but the store: external access (files, network,
ATTACH), extension installing and loading are off and the configuration is locked, so no
query run through it (``dateline sql`` included) can change that. A writer that finds the
store locked by another process waits with backoff before giving up, since a finishing
ingest or load releases the lock within seconds.
"""

from __future__ import annotations

import logging
import os
import re
import time
from pathlib import Path

import duckdb

from dateline.errors import StoreError, StoreLockedError

log = logging.getLogger(__name__)

LOCK_TIMEOUT_ENV = "DATELINE_LOCK_TIMEOUT"
DEFAULT_LOCK_TIMEOUT = 10.0  # seconds: long enough for a finishing writer to commit and close

# Names checked against DuckDB 2.0 (`SELECT name FROM duckdb_settings()`).
READER_CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
    "lock_configuration": True,
}
# The writer reads nothing but the store and Arrow batches it is handed; it needs no extension.
WRITER_CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
}

_LOCK_PID = re.compile(r"\(PID (\d+)\)")
_FIRST_BACKOFF = 0.05
_MAX_BACKOFF = 1.0


def lock_timeout_default() -> float:
    """Seconds to wait for another process's lock: ``$DATELINE_LOCK_TIMEOUT`` or 10.

    Raises:
        StoreError: the variable is set but is not a number of seconds >= 0.
    """
    value = os.environ.get(LOCK_TIMEOUT_ENV)
    if value is None or not value.strip():
        return DEFAULT_LOCK_TIMEOUT
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not seconds >= 0:  # also refuses nan
        raise StoreError(f"${LOCK_TIMEOUT_ENV}={value!r} is not a number of seconds >= 0")
    return seconds


def connect(path: Path, *, read_only: bool, lock_timeout: float) -> duckdb.DuckDBPyConnection:
    """A connection to the store file, waiting up to ``lock_timeout`` s for another's lock.

    Raises:
        StoreLockedError: another process still held the lock when the time was up.
        StoreError: the file is not a DuckDB database, is truncated, or cannot be opened
            (the message names the file and DuckDB's own reason).
    """
    config = READER_CONFIG if read_only else WRITER_CONFIG
    deadline = time.monotonic() + lock_timeout
    backoff = _FIRST_BACKOFF
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only, config=config)
        except duckdb.IOException as error:
            if not is_lock_error(error):
                raise StoreError(describe_fault(path, error)) from error
            left = deadline - time.monotonic()
            if left <= 0:
                raise locked_error(path, error, lock_timeout) from error
            log.info("%s: locked by another process; retrying in %.2f s", path, backoff)
            time.sleep(min(backoff, left))
            backoff = min(backoff * 2, _MAX_BACKOFF)
        except duckdb.ConnectionException as error:
            raise StoreError(
                f"{path}: already open in this process with other settings (a writer and a "
                f"reader cannot share it); close the other connection first ({first_line(error)})"
            ) from error
        except duckdb.Error as error:
            raise StoreError(describe_fault(path, error)) from error


_HEADERS = 3 * 4096  # DuckDB's file header and two database headers: no data fits in less
_MAGIC = b"DUCK"  # at offset 8 of a DuckDB file


def failed_creation(path: Path) -> str | None:
    """What is wrong with a file that a store creation left unfinished, or None if it is not
    one: 0 bytes, or DuckDB's magic and less than its three headers (a disk that filled up
    while the store was being created). Such a file holds no data; any other file is left
    to DuckDB, never removed."""
    try:
        if not path.is_file():
            return None
        size = path.stat().st_size
        if size == 0:
            return "the file is empty (0 bytes)"
        if size >= _HEADERS:
            return None
        with path.open("rb") as handle:
            start = handle.read(12)
    except OSError:
        return None
    if start[8:12] == _MAGIC:
        return f"the file holds only part of DuckDB's headers ({size} bytes) and no data"
    return None


def clear_failed_creation(path: Path, what: str) -> None:
    """Remove what a failed creation left, so that DuckDB creates the store afresh.

    Raises:
        StoreError: a log (WAL) beside it holds data, or the file cannot be removed.
    """
    wal = path.with_name(path.name + ".wal")
    try:
        if wal.exists() and wal.stat().st_size > 0:
            raise StoreError(
                f"{path}: {what}, but its log {wal} is not empty; move both aside and ingest again"
            )
        path.unlink(missing_ok=True)
        wal.unlink(missing_ok=True)
    except OSError as error:
        raise StoreError(
            f"{path}: {what}, left by a store creation that failed, and cannot be replaced: "
            f"{error.strerror}"
        ) from error
    log.warning("%s: %s, left by a failed creation; creating the store afresh", path, what)


def check_size(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Refuse a file shorter than the blocks its header counts: it was cut (a copy stopped
    half-way, a disk that filled during a copy). DuckDB itself reads blocks lazily, so without
    this a truncated store opens and fails on some later query.

    Raises:
        StoreError: the file is shorter than its header says.
    """
    rows = con.sql("SELECT block_size, total_blocks FROM pragma_database_size()").fetchall()
    if not rows or rows[0][0] is None or rows[0][1] is None:
        return
    row = rows[0]
    expected = int(row[0]) * int(row[1])  # a lower bound: the file headers come on top
    size = path.stat().st_size
    if size < expected:
        raise StoreError(
            f"{path}: the file is truncated or corrupt (shorter than its own header says): "
            f"{size} bytes, but it counts {row[1]} blocks of {row[0]} bytes"
        )


def is_store_fault(error: BaseException) -> bool:
    """Whether a DuckDB error came from the store file itself, not from the query."""
    if isinstance(error, duckdb.IOException | duckdb.SerializationException):
        return True
    lowered = str(error).lower()
    return any(sign in lowered for sign in ("corrupt", "checksum", "could not read enough bytes"))


def is_lock_error(error: BaseException) -> bool:
    """Whether DuckDB refused because another process holds the file's lock."""
    return "could not set lock" in str(error).lower()


def locked_error(path: Path, error: BaseException, waited: float) -> StoreLockedError:
    """The StoreLockedError for a lock still held after ``waited`` seconds."""
    match = _LOCK_PID.search(str(error))
    holder = f"process {match.group(1)}" if match else "another process"
    return StoreLockedError(
        f"{path}: the store is locked by {holder} (an ingest or load still running?) and was "
        f"still locked after {waited:g} s; try again when it has finished, or wait longer "
        f"with ${LOCK_TIMEOUT_ENV}"
    )


def describe_fault(path: Path, error: BaseException, action: str | None = None) -> str:
    """One message naming the store file, what failed (``action``), why, in DuckDB's words."""
    reason = first_line(error)
    lowered = reason.lower()
    if "not a valid duckdb database file" in lowered:
        cause = "not a DuckDB database (corrupt, or another kind of file)"
    elif "could not read enough bytes" in lowered:
        cause = "the file is truncated or corrupt (shorter than its own header says)"
    elif "no space left" in lowered or "file too large" in lowered:
        cause = "the disk is full (or the file size limit was reached); nothing was written"
    elif "read-only file system" in lowered or "permission denied" in lowered:
        cause = "cannot write here (read-only folder or file)"
    elif "serialization" in lowered or "corrupt" in lowered or "checksum" in lowered:
        cause = "the store is corrupt"
    else:
        cause = "the store refused" if action else "cannot open the store"
    return f"{path}: {action + ': ' if action else ''}{cause}: {reason}"


def rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back after a failure without hiding it.

    A failed COMMIT has already ended the transaction, so DuckDB's "no transaction is active"
    (or "transaction is aborted") here is a consequence, never the cause worth reporting.
    """
    try:
        con.execute("ROLLBACK")
    except duckdb.Error as error:
        log.debug("rollback after a failed write: %s", first_line(error))


def first_line(error: BaseException) -> str:
    """DuckDB's message without the stack DuckDB sometimes appends."""
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__
