"""``dateline sql`` is read-only for real: no file written or read, no network, one SELECT.

Each probe runs on a real store through the real CLI; the folder is listed before and after,
and a real HTTP server on localhost counts the requests that reach it.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from dateline.cli import cli
from dateline.errors import InputError
from dateline.model import Analysis, Article, ArticleId
from dateline.query import find_events, run_sql
from dateline.query.filters import EventFilter
from dateline.store import Store

pytestmark = pytest.mark.issue(10)


class _Counter(http.server.BaseHTTPRequestHandler):
    hits = 0

    def do_GET(self) -> None:
        type(self).hits += 1
        body = b"a,b\n1,2\n"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_HEAD = do_GET

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    _Counter.hits = 0
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "store" / "s.duckdb"
    path.parent.mkdir()
    text = "Turkish and Syrian foreign ministers met in Moscow on Wednesday."
    with Store.open(path) as store:
        store.save([Analysis(article=Article(id=ArticleId("a1"), text=text,
                                             published=date(2023, 5, 10), source="Reuters"))])  # fmt: skip
    return path


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def probes(tmp: Path, url: str) -> list[str]:
    outside = tmp / "outside.csv"
    return [
        f"COPY articles TO '{tmp / 'out.csv'}'",
        f"COPY (SELECT text FROM articles) TO '{tmp / 'out.parquet'}' (FORMAT parquet)",
        f"EXPORT DATABASE '{tmp / 'dump'}'",
        f"ATTACH '{tmp / 'other.duckdb'}' AS other",
        "INSTALL httpfs",
        "LOAD httpfs",
        "SET enable_external_access = true",
        "SET threads = 1",
        "RESET lock_configuration",
        "PRAGMA enable_profiling",
        "PRAGMA version",
        "CALL pragma_version()",
        "CALL checkpoint()",
        "CREATE TABLE notes (a INTEGER)",
        "INSERT INTO runs (id) VALUES ('x')",
        "UPDATE articles SET title = 'x'",
        "DELETE FROM articles",
        "DROP TABLE articles",
        "CHECKPOINT",
        "VACUUM",
        "DETACH s",
        f"SELECT * FROM read_csv('{outside}')",
        f"SELECT * FROM read_csv_auto('{outside}')",
        f"SELECT * FROM read_text('{outside}')",
        f"SELECT * FROM read_blob('{outside}')",
        f"SELECT * FROM '{outside}'",
        f"SELECT * FROM glob('{tmp}/*')",
        f"WITH x AS (SELECT * FROM read_csv('{outside}')) SELECT count(*) FROM x",
        f"SELECT * FROM read_csv('{url}/data.csv')",
        f"SELECT * FROM read_parquet('{url}/data.parquet')",
        f"SELECT * FROM '{url}/data.csv'",
        "SELECT 1; SELECT 2",
        f"SELECT 1; COPY articles TO '{tmp / 'second.csv'}'",
    ]


def test_every_probe_is_refused_with_exit_2_and_touches_nothing(
    tmp_path: Path, store_path: Path, server: str
) -> None:
    outside = tmp_path / "outside.csv"
    outside.write_text("secret,value\nsk-123,42\n")
    before_tmp, before_store = listing(tmp_path), listing(store_path.parent)

    for query in probes(tmp_path, server):
        result = run("sql", query, "--db", store_path)
        assert result.exit_code == 2, (query, result.stdout, result.stderr)
        assert "refused" in result.stderr or "SQL error" in result.stderr, query
        assert "sk-123" not in result.stdout + result.stderr, query

    assert listing(tmp_path) == before_tmp
    assert listing(store_path.parent) == before_store
    assert _Counter.hits == 0


def test_refusals_say_why(store_path: Path, tmp_path: Path) -> None:
    (tmp_path / "outside.csv").write_text("a\n1\n")
    cases = {
        f"COPY articles TO '{tmp_path / 'o.csv'}'": "refused: COPY statement",
        "INSTALL httpfs": "refused: LOAD statement",  # DuckDB parses INSTALL as a LOAD
        "SET threads = 1": "refused: SET statement",
        "SELECT 1; SELECT 2": "refused: 2 statements",
        f"SELECT * FROM read_csv('{tmp_path / 'outside.csv'}')": "not files, URLs",
    }
    with Store.open(store_path, read_only=True) as store:
        for query, message in cases.items():
            with pytest.raises(InputError, match=message):
                run_sql(store, query)


def test_select_and_with_still_answer(store_path: Path) -> None:
    result = run(
        "sql", "WITH a AS (SELECT id, outlet FROM articles) SELECT * FROM a",
        "--db", store_path, "--format", "jsonl",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert '"id": "a1"' in result.stdout

    with Store.open(store_path, read_only=True) as store:
        assert run_sql(store, "FROM articles SELECT count(*) AS n;").rows == [(1,)]
        setting = run_sql(store, "SELECT current_setting('enable_external_access') AS on_")
        assert setting.rows == [(False,)]
        assert find_events(store, EventFilter(), 0).rows == []


def test_empty_and_unparseable_sql_are_named(store_path: Path) -> None:
    with Store.open(store_path, read_only=True) as store:
        with pytest.raises(InputError, match="empty"):
            run_sql(store, " ; ")
        with pytest.raises(InputError, match="SQL error"):
            run_sql(store, "SELEC 1")
