"""Exit codes and the closing line (issue 10): 0 ok, 1 inputs failed, 2 usage, 3 the run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner, Result

from dateline.cli import cli

pytestmark = pytest.mark.issue(10)

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "reuters-2023-05-10-moscow-talks.txt"
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "fakes_sample.jsonl"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def count(db: Path, query: str) -> object:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.sql(query).fetchall()[0][0]
    finally:
        con.close()


def test_a_bad_record_in_a_batch_loses_nothing_and_a_rerun_skips_it(tmp_path: Path) -> None:
    news = tmp_path / "news.jsonl"
    lines = [
        json.dumps({"id": f"a{n}", "text": f"Turkey and Syria held talks, round {n}, on Monday."})
        for n in range(1, 13)
    ]
    lines[8] = '{"id": "a9", "title": "\\ud800", "text": "Iran met Iraq on Monday."}'
    news.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "store.duckdb"
    ingest = ("ingest", news, "--db", db, "--processes", "1", "--commit-every", "4")

    first = run(*ingest)
    second = run(*ingest)

    assert first.exit_code == 1
    assert "stored 11 articles" in first.stderr
    assert "skipped 0 already stored and 0 that failed before; 1 failed" in first.stderr
    assert f'{news}:9: lone surrogate \\ud800 in "title"' in first.stderr
    assert second.exit_code == 1
    assert "stored 0 articles" in second.stderr
    assert "skipped 11 already stored and 1 that failed before; 0 failed" in second.stderr
    assert "dateline retry" in second.stderr
    assert count(db, "SELECT count(*) FROM articles") == 11
    assert count(db, "SELECT count(*) FROM failures") == 1


def test_an_unreadable_input_is_named_with_exit_1_not_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "loop").symlink_to(folder)
    db = tmp_path / "store.duckdb"

    result = run("ingest", EXAMPLE, folder, "--db", db, "--processes", "1", "-q")

    assert result.exit_code == 1
    assert f"{folder / 'loop'}: symbolic link loop" in result.stderr
    assert count(db, "SELECT count(*) FROM articles") == 1


def test_a_setting_out_of_range_is_a_usage_error(tmp_path: Path) -> None:
    config = tmp_path / "dateline.toml"
    config.write_text('[pipeline]\noversize = "drop"\n', encoding="utf-8")

    result = run("extract", EXAMPLE, "--config", config, "-q")

    assert result.exit_code == 2
    assert "oversize must be 'cut' or 'refuse'" in result.stderr


def test_a_store_that_is_not_a_store_ends_the_run_with_exit_3_and_one_line(
    tmp_path: Path,
) -> None:
    db = tmp_path / "store.duckdb"
    db.write_bytes(b"this is not a DuckDB file at all, only text" * 100)

    result = run("ingest", EXAMPLE, "--db", db, "-q")

    assert result.exit_code == 3
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"Error: {db}")
    assert "Traceback" not in result.stderr


def test_an_interrupt_ends_the_run_with_exit_3_keeping_committed_batches(
    tmp_path: Path,
) -> None:
    db = tmp_path / "store.duckdb"
    command = [sys.executable, "-c", "from dateline.cli import cli; cli()", "-v", "ingest",
               str(SAMPLE), "--db", str(db), "--processes", "1", "--commit-every", "2",
               "-q"]  # fmt: skip
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    for line in process.stderr:
        if "committed 2 articles" in line:
            os.kill(process.pid, signal.SIGINT)
            break
    rest = process.stderr.read()
    process.wait()
    process.stderr.close()

    assert process.returncode == 3
    assert "Interrupted: committed batches are kept" in rest
    assert "Traceback" not in rest
    assert count(db, "SELECT count(*) FROM articles") >= 2
    assert count(db, "SELECT status FROM runs") == "interrupted"


def test_retry_has_nothing_to_do_on_a_clean_store(tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    run("ingest", EXAMPLE, "--db", db, "--processes", "1", "-q")

    result = run("retry", "--db", db, "--processes", "1")

    assert result.exit_code == 0
    assert "stored 0 articles" in result.stderr


def test_a_reader_that_stops_early_ends_the_command_quietly(seed_db: Path) -> None:
    command = [sys.executable, "-c", "from dateline.cli import cli; cli()", "sql",
               "select * from range(200000)",
               "--db", str(seed_db), "--format", "csv"]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None
    assert process.stdout.readline().strip() == b"range"
    process.stdout.close()  # as `| head -1` does

    _, stderr = process.communicate(timeout=120)

    assert process.returncode == 0
    assert b"BrokenPipe" not in stderr
