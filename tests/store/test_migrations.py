"""Schema versions and migrations on real DuckDB files."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from dateline import __version__
from dateline.errors import StoreError
from dateline.store import SCHEMA_VERSION, Store
from dateline.store.migrations import MIGRATIONS, Migration, migrate, schema_version

DOCUMENTED_TABLES = {"schema_version", "runs", "articles", "article_bands", "actors", "places",
                     "times", "quotes", "event_mentions", "events", "failures", "corrections"}  # fmt: skip
DOCS = Path(__file__).resolve().parents[2] / "docs" / "schema.md"


def tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {row[0] for row in con.sql("SELECT table_name FROM duckdb_tables()").fetchall()}


def test_migrate_creates_every_table_of_a_new_store(tmp_path: Path) -> None:
    con = duckdb.connect(str(tmp_path / "new.duckdb"))

    version = migrate(con, __version__)

    assert version == SCHEMA_VERSION
    assert tables(con) == DOCUMENTED_TABLES
    con.close()


def test_migrate_applies_only_the_steps_an_older_store_lacks(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    Store.open(path).close()
    later = Migration(SCHEMA_VERSION + 1, "add a tone column", "ALTER TABLE events ADD tone DOUBLE")
    con = duckdb.connect(str(path))

    version = migrate(con, __version__, (*MIGRATIONS, later))

    assert version == SCHEMA_VERSION + 1
    columns = {r[0] for r in con.sql("SELECT column_name FROM duckdb_columns() "
                                     "WHERE table_name = 'events'").fetchall()}  # fmt: skip
    assert "tone" in columns
    history = con.sql("SELECT version FROM schema_version ORDER BY version").fetchall()
    assert [v for (v,) in history] == list(range(1, SCHEMA_VERSION + 2))
    con.close()


def test_migrate_rolls_back_a_failing_step(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    Store.open(path).close()
    broken = Migration(
        SCHEMA_VERSION + 1,
        "half-done",
        "ALTER TABLE events ADD tone DOUBLE; ALTER TABLE nope ADD x INT",
    )
    con = duckdb.connect(str(path))

    with pytest.raises(StoreError, match="half-done"):
        migrate(con, __version__, (*MIGRATIONS, broken))

    assert schema_version(con) == SCHEMA_VERSION
    columns = {r[0] for r in con.sql("SELECT column_name FROM duckdb_columns() "
                                     "WHERE table_name = 'events'").fetchall()}  # fmt: skip
    assert "tone" not in columns
    con.close()


def test_open_refuses_a_store_newer_than_this_dateline(tmp_path: Path) -> None:
    path = tmp_path / "future.duckdb"
    Store.open(path).close()
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO schema_version VALUES (99, now(), '9.9', 'from the future')")
    con.close()

    with pytest.raises(StoreError, match="newer than this dateline"):
        Store.open(path)


def section(doc: str, table: str) -> str:
    return doc.split(f"## `{table}`")[1].split("\n## ")[0]


def test_schema_doc_describes_every_table_and_column() -> None:
    doc = DOCS.read_text(encoding="utf-8")
    con = duckdb.connect()
    migrate(con, __version__)
    missing = [
        f"{table}.{column}"
        for table, column in con.sql(
            "SELECT table_name, column_name FROM duckdb_columns() "
            "WHERE table_name IN (SELECT table_name FROM duckdb_tables()) ORDER BY table_name"
        ).fetchall()
        if f"## `{table}`" not in doc or f"| `{column}` |" not in section(doc, table)
    ]
    con.close()

    assert missing == []


@pytest.mark.issue(10)
def test_a_version_1_store_gains_the_speaker_offsets(tmp_path: Path) -> None:
    path = tmp_path / "v1.duckdb"
    con = duckdb.connect(str(path))
    migrate(con, __version__, MIGRATIONS[:1])
    con.execute("INSERT INTO quotes (article_id, idx, char_start, char_end, text, kind, "
                "speaker_text) VALUES ('a', 0, 0, 5, 'Hello', 'direct', 'he')")  # fmt: skip
    con.close()

    with Store.open(path) as store:
        assert schema_version(store.con) == SCHEMA_VERSION >= 2
        rows = store.con.sql("SELECT speaker_text, speaker_start, speaker_end FROM quotes")
        assert rows.fetchall() == [("he", None, None)]


def test_a_version_1_store_gains_the_event_place_and_date_sources(tmp_path: Path) -> None:
    path = tmp_path / "v1.duckdb"
    con = duckdb.connect(str(path))
    migrate(con, __version__, MIGRATIONS[:1])
    con.close()

    Store.open(path).close()  # a writing open brings it forward

    con = duckdb.connect(str(path))
    for table in ("event_mentions", "events"):
        columns = {r[0] for r in con.sql("SELECT column_name FROM duckdb_columns() "
                                         f"WHERE table_name = '{table}'").fetchall()}  # fmt: skip
        assert {"location_source", "location_precision", "date_source"} <= columns
    assert schema_version(con) == SCHEMA_VERSION >= 2
    con.close()
