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
from dateline.store.connect import first_line, rollback

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Migration:
    """One step of the schema: ``sql`` takes a store at ``version - 1`` to ``version``."""

    version: int
    description: str
    sql: str


def _schema_sql() -> str:
    return files("dateline.store").joinpath("schema.sql").read_text(encoding="utf-8")


# Corrections are the analyst's, not the machine's: no ingest or load touches this table, so a
# re-ingest that replaces an article's rows keeps them (they point at the mention id).
_CORRECTIONS_SQL = """
CREATE TABLE corrections (
    id VARCHAR PRIMARY KEY,
    mention_id VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    event_id VARCHAR,
    verdict VARCHAR NOT NULL,
    type VARCHAR,
    actor VARCHAR,
    recipient VARCHAR,
    time_status VARCHAR,
    date VARCHAR,
    place VARCHAR,
    note VARCHAR,
    made_by VARCHAR NOT NULL,
    made_at TIMESTAMP NOT NULL
);
CREATE INDEX corrections_mention ON corrections (mention_id);
"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema: articles, actors, places, times, quotes, event mentions, "
                 "merged events, failures, runs", _schema_sql()),
    Migration(2, "quotes: speaker_start and speaker_end, the offsets of the words naming the "
                 "speaker (speaker_text); the speaker struct stays the resolved actor",
              "ALTER TABLE quotes ADD COLUMN speaker_start INTEGER; "
              "ALTER TABLE quotes ADD COLUMN speaker_end INTEGER;"),
    Migration(3, "corrections: an analyst's verdict on and fixes to an event mention",
              _CORRECTIONS_SQL),
    Migration(4, "where an event's place and date came from: location_source, "
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
            rollback(con)
            raise StoreError(
                f"migration {migration.version} ({migration.description}) failed: "
                f"{first_line(error)}"
            ) from error
        log.info(
            "store migrated to schema version %d: %s", migration.version, migration.description
        )
        current = migration.version
    return current
