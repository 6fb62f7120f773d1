"""Numbered schema migrations: a new store applies them all, an older store the ones it lacks.

Migration 1 is ``schema.sql``; a later schema change appends a ``Migration`` here (never edits
an old one) and updates docs/schema.md, so every store ever written can be brought forward.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.resources import files

import duckdb

from dateline.errors import StoreError

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Migration:
    """One step of the schema: ``sql`` takes a store at ``version - 1`` to ``version``."""

    version: int
    description: str
    sql: str


def _schema_sql() -> str:
    return files("dateline.store").joinpath("schema.sql").read_text(encoding="utf-8")


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema: articles, actors, places, times, quotes, event mentions, "
                 "merged events, failures, runs", _schema_sql()),
    Migration(2, "where an event's place and date came from: location_source, "
                 "location_precision and date_source on event_mentions and events", """
ALTER TABLE event_mentions ADD COLUMN location_source VARCHAR;
ALTER TABLE event_mentions ADD COLUMN location_precision VARCHAR;
ALTER TABLE event_mentions ADD COLUMN date_source VARCHAR;
ALTER TABLE events ADD COLUMN location_source VARCHAR;
ALTER TABLE events ADD COLUMN location_precision VARCHAR;
ALTER TABLE events ADD COLUMN date_source VARCHAR;
"""),
)  # fmt: skip
SCHEMA_VERSION = MIGRATIONS[-1].version


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The schema version of the open store: 0 for an empty database.

    Raises:
        StoreError: the database has tables but is not a dateline store.
    """
    tables = {row[0] for row in con.sql("SELECT table_name FROM duckdb_tables()").fetchall()}
    if "schema_version" not in tables:
        if tables:
            shown = ", ".join(sorted(tables)[:5])
            raise StoreError(f"not a dateline store: it has tables ({shown}) but no schema_version")
        return 0
    row = con.sql("SELECT max(version) FROM schema_version").fetchall()[0]
    return int(row[0] or 0)


def migrate(
    con: duckdb.DuckDBPyConnection,
    dateline_version: str,
    migrations: Sequence[Migration] = MIGRATIONS,
) -> int:
    """Bring the store up to the last of ``migrations``, one transaction per step.

    Returns the version the store is at afterwards.

    Raises:
        StoreError: the store is newer than this dateline, or a step failed (the store is
            left at the last step that succeeded).
    """
    current = schema_version(con)
    latest = migrations[-1].version if migrations else 0
    if current > latest:
        raise StoreError(
            f"the store has schema version {current}, newer than this dateline "
            f"({dateline_version}) knows ({latest}); upgrade dateline"
        )
    for migration in migrations:
        if migration.version <= current:
            continue
        if migration.version != current + 1:
            raise StoreError(f"migration {migration.version} does not follow version {current}")
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(migration.sql)
            con.execute(
                "INSERT INTO schema_version VALUES (?, ?, ?, ?)",
                [migration.version, datetime.now(UTC).replace(tzinfo=None), dateline_version,
                 migration.description],
            )  # fmt: skip
            con.execute("COMMIT")
        except duckdb.Error as error:
            con.execute("ROLLBACK")
            raise StoreError(
                f"migration {migration.version} ({migration.description}) failed: {error}"
            ) from error
        log.info(
            "store migrated to schema version %d: %s", migration.version, migration.description
        )
        current = migration.version
    return current
