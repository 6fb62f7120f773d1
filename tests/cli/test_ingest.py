"""``dateline ingest`` and the commands that read its store, with the real model and DuckDB."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
from click.testing import CliRunner, Result

from dateline.cli import cli

DATA = Path(__file__).resolve().parents[1] / "data"
SAMPLE = DATA / "fakes_sample.jsonl"
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "reuters-2023-05-10-moscow-talks.txt"
STORE_COMMANDS = ("ingest", "events", "actors", "dyad", "sql", "failures", "export", "load")


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def bad_inputs(folder: Path) -> list[Path]:
    """One input of each kind that cannot be read as an article."""
    folder.mkdir()
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "latin1.txt").write_bytes("Le président a déclaré que".encode("latin-1"))
    (folder / "broken.jsonl").write_text(
        '{"text": "fine enough words to be read here"}\n{"text": \n'
    )
    (folder / "nav.html").write_text(
        "<html><body><nav><a href='/'>Home</a></nav><footer>© 2023</footer></body></html>"
    )
    return [*sorted(folder.iterdir()), folder / "missing.txt"]


def rows(db: Path, query: str) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.sql(query).fetchall()
    finally:
        con.close()


def test_ingest_stores_good_inputs_and_names_each_bad_one_with_exit_1(tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    bad = bad_inputs(tmp_path / "bad")

    result = run("ingest", EXAMPLE, *bad, "--db", db, "--processes", "1", "--quiet")

    assert result.exit_code == 1
    for name in (
        "empty.txt",
        "binary.txt",
        "latin1.txt",
        "broken.jsonl:2",
        "nav.html",
        "missing.txt",
    ):
        assert name in result.stderr
    assert "dateline failures" in result.stderr
    assert result.stdout == ""
    assert rows(db, "SELECT count(*) FROM articles") == [(2,)]  # the seed + broken.jsonl:1
    failed = {o for (o,) in rows(db, "SELECT origin FROM failures WHERE article_id IS NULL")}
    assert len(failed) == 6
    assert rows(db, "SELECT raw FROM failures WHERE origin LIKE '%broken.jsonl:2'") == [
        ('{"text": ',)
    ]


def test_ingest_twice_adds_no_duplicate_rows(tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    tables = ("articles", "actors", "places", "times", "quotes", "event_mentions", "events",
              "failures", "article_bands")  # fmt: skip
    args = ("ingest", SAMPLE, EXAMPLE, "--db", db, "--processes", "1", "--quiet")

    first = run(*args)
    counts = {t: rows(db, f"SELECT count(*) FROM {t}")[0][0] for t in tables}
    second = run(*args)

    assert (first.exit_code, second.exit_code) == (0, 0)
    assert {t: rows(db, f"SELECT count(*) FROM {t}")[0][0] for t in tables} == counts
    assert counts["articles"] == 11
    assert rows(db, "SELECT articles_stored, articles_skipped FROM runs ORDER BY started_at") == [
        (11, 0), (0, 11),
    ]  # fmt: skip


def test_ingest_shows_progress_and_a_summary_unless_quiet(tmp_path: Path) -> None:
    loud = run("ingest", EXAMPLE, "--db", tmp_path / "a.duckdb", "--processes", "1")
    quiet = run("ingest", EXAMPLE, "--db", tmp_path / "b.duckdb", "--processes", "1", "-q")

    assert "stored 1 articles" in loud.stderr
    assert quiet.stderr == ""


def test_ingest_uses_the_store_named_by_the_environment(tmp_path: Path) -> None:
    db = tmp_path / "from-env.duckdb"

    result = CliRunner(env={"DATELINE_DB": str(db)}).invoke(
        cli, ["ingest", str(EXAMPLE), "--processes", "1", "-q"], catch_exceptions=False
    )

    assert result.exit_code == 0
    assert rows(db, "SELECT count(*) FROM articles") == [(1,)]


def test_store_commands_read_what_ingest_stored(tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    run("ingest", SAMPLE, EXAMPLE, "--db", db, "--processes", "1", "-q")
    stored = rows(db, "SELECT count(*) FROM events")[0][0]
    happened = rows(
        db, "SELECT count(*) FROM events WHERE time_status IN ('current', 'historical')"
    )[0][0]

    events = run("events", "--db", db, "--limit", "0", "--format", "jsonl")
    every = run("events", "--db", db, "--limit", "0", "--format", "jsonl", "--status", "all")
    dyad = run("dyad", "TUR", "SYR", "--db", db, "--by", "year", "--format", "csv")
    actors = run("actors", "--db", db, "--format", "csv")
    sql = run("sql", "select count(*) as n from articles", "--db", db, "--format", "jsonl")
    gdelt = run("export", "--db", db, "--format", "gdelt")
    articles = run("export", "--db", db, "--format", "jsonl", "--level", "articles")

    assert len(events.stdout.splitlines()) == happened > 0
    assert len(every.stdout.splitlines()) == stored >= happened
    assert dyad.stdout.startswith("period,verbal_cooperation,material_cooperation")
    assert "2023-01-01" in dyad.stdout
    assert actors.stdout.splitlines()[0].startswith("actor,events")
    assert json.loads(sql.stdout) == {"n": 11}
    assert all(len(line.split("\t")) == 61 for line in gdelt.stdout.splitlines())
    seed = [json.loads(x) for x in articles.stdout.splitlines() if "Cavusoglu" in x]
    assert [s["article"]["source"] for s in seed] == ["Reuters"]


def test_read_commands_name_a_missing_store_with_exit_2(tmp_path: Path) -> None:
    result = run("events", "--db", tmp_path / "nowhere.duckdb")

    assert result.exit_code == 2
    assert "nowhere.duckdb: no store here" in result.stderr


def test_sql_refuses_a_writing_statement_with_exit_2(tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    run("ingest", EXAMPLE, "--db", db, "--processes", "1", "-q")

    result = run("sql", "drop table articles", "--db", db)

    assert result.exit_code == 2
    assert "read-only" in result.stderr
    assert rows(db, "SELECT count(*) FROM articles") == [(1,)]


def test_every_store_command_help_has_a_working_example() -> None:
    for name in STORE_COMMANDS:
        help_text = run(name, "--help").stdout
        assert "Example:" in help_text, name
        example = help_text.split("Example:")[1]
        assert f"dateline {name}" in example, name


def test_ingest_killed_midway_keeps_committed_batches_and_resumes_without_duplicates(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus.jsonl"
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()[:6]
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "store.duckdb"
    command = [sys.executable, "-c", "from dateline.cli import cli; cli()", "-v", "ingest",
               str(corpus), "--db", str(db), "--processes", "1", "--commit-every", "2",
               "-q"]  # fmt: skip

    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    for line in process.stderr:
        if "committed 2 articles" in line:
            os.kill(process.pid, signal.SIGKILL)  # mid-way: the next batch is being analysed
            break
    process.wait()
    process.stderr.close()
    assert process.returncode == -signal.SIGKILL
    kept = rows(db, "SELECT count(*) FROM articles")[0][0]
    assert kept in (2, 4)  # whole batches only: no half-written article
    assert rows(db, "SELECT count(*) FROM event_mentions m ANTI JOIN articles a "
                    "ON a.id = m.article_id") == [(0,)]  # fmt: skip

    rerun = subprocess.run(command, capture_output=True, text=True, check=False)

    assert rerun.returncode == 0, rerun.stderr
    assert rows(db, "SELECT count(*), count(DISTINCT id) FROM articles") == [(6, 6)]
    assert rows(db, "SELECT count(*) = count(DISTINCT (article_id, idx)) FROM event_mentions") == [
        (True,),
    ]  # fmt: skip
    assert rows(db, "SELECT status, articles_skipped FROM runs ORDER BY started_at") == [
        ("interrupted", 0), ("complete", kept),
    ]  # fmt: skip
    assert rows(db, "SELECT count(*) FROM event_mentions WHERE event_id IS NULL") == [(0,)]
