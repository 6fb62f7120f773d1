"""Store faults on real DuckDB files: each named once, with the file and DuckDB's own cause.

A truncated or corrupt file, a 0-byte file left by a failed creation, a full disk (a real
write failure, provoked with RLIMIT_FSIZE in a child process so no root or tmpfs is needed:
the kernel refuses the write with EFBIG exactly where a full disk gives ENOSPC), a read-only
folder, and a lock held by another live process.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.cli import cli
from dateline.errors import StoreError, StoreLockedError
from dateline.model import Analysis, Article, ArticleId
from dateline.store import Store

pytestmark = pytest.mark.issue(10)

TEXT = "Turkish and Syrian foreign ministers met in Moscow on Wednesday. " * 40


def make_store(path: Path, articles: int = 30) -> None:
    with Store.open(path) as store:
        store.save([
            Analysis(article=Article(id=ArticleId(f"a{i}"), text=f"{i}. {TEXT}",
                                     published=date(2023, 5, 10), source="Reuters"))
            for i in range(articles)
        ])  # fmt: skip


def holder(path: Path, release_after: float | None) -> subprocess.Popen[str]:
    """A second process that opens the store for writing and holds it."""
    wait = "sys.stdin.read()" if release_after is None else f"time.sleep({release_after})"
    process = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            from dateline.store import Store
            store = Store.open({str(path)!r})
            print("open", flush=True)
            {wait}
            store.close()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "open"
    return process


@pytest.mark.parametrize("read_only", [True, False])
def test_a_truncated_store_is_named_with_duckdbs_cause(tmp_path: Path, read_only: bool) -> None:
    path = tmp_path / "cut.duckdb"
    make_store(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])

    with pytest.raises(StoreError) as caught:
        Store.open(path, read_only=read_only)

    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert "truncated or corrupt" in message
    assert "transaction" not in message


def test_a_corrupt_block_is_named_when_read(tmp_path: Path) -> None:
    path = tmp_path / "flipped.duckdb"
    make_store(path)
    data = bytearray(path.read_bytes())
    where = data.index(b"Turkish and Syrian")  # a block of article text, read only on demand
    data[where : where + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))

    result = CliRunner().invoke(cli, ["sql", "select sum(length(text)) from articles",
                                      "--db", str(path)])  # fmt: skip

    assert result.exit_code != 0
    assert "Traceback" not in result.output
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"Error: {path}: the store is corrupt"), line
    assert "checksum" in line  # DuckDB's own words


def test_a_corrupt_store_is_named(tmp_path: Path) -> None:
    path = tmp_path / "bad.duckdb"
    make_store(path)
    data = bytearray(path.read_bytes())
    data[0:4096] = os.urandom(4096)  # the header DuckDB checks first
    path.write_bytes(bytes(data))

    with pytest.raises(StoreError, match=r"bad\.duckdb: not a DuckDB database"):
        Store.open(path, read_only=True)


def test_a_read_command_names_a_corrupt_store_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.duckdb"
    path.write_bytes(b"not a database at all\n" * 100)

    result = CliRunner().invoke(cli, ["events", "--db", str(path)])

    assert result.exit_code != 0
    assert "Traceback" not in result.output
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"Error: {path}: not a DuckDB database")


def test_a_zero_byte_store_is_created_afresh_by_a_writer(tmp_path: Path) -> None:
    path = tmp_path / "empty.duckdb"
    path.write_bytes(b"")

    with pytest.raises(StoreError, match=r"empty\.duckdb: the file is empty \(0 bytes\)"):
        Store.open(path, read_only=True)
    make_store(path, articles=2)

    with Store.open(path, read_only=True) as store:
        assert store.count("articles") == 2


def test_a_store_whose_creation_stopped_after_the_first_header_is_created_afresh(
    tmp_path: Path,
) -> None:
    path = tmp_path / "half.duckdb"
    make_store(tmp_path / "whole.duckdb", articles=1)
    path.write_bytes((tmp_path / "whole.duckdb").read_bytes()[:8192])  # what a full disk left

    with pytest.raises(StoreError, match=r"half\.duckdb: the file holds only part of DuckDB"):
        Store.open(path, read_only=True)
    make_store(path, articles=2)
    with Store.open(path, read_only=True) as store:
        assert store.count("articles") == 2


def test_a_small_file_of_another_kind_is_never_replaced(tmp_path: Path) -> None:
    path = tmp_path / "notes.duckdb"
    path.write_text("my notes, not a database\n")

    with pytest.raises(StoreError, match=r"notes\.duckdb: not a DuckDB database"):
        Store.open(path)
    assert path.read_text() == "my notes, not a database\n"


def test_a_full_disk_names_the_write_failure_and_keeps_what_was_committed(
    tmp_path: Path,
) -> None:
    path = tmp_path / "full.duckdb"
    make_store(path, articles=3)
    size = path.stat().st_size
    child = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(f"""
            import resource, signal
            from dateline.errors import StoreError
            from dateline.model import Failure
            from dateline.store import Store
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG, not a kill
            resource.setrlimit(resource.RLIMIT_FSIZE, ({size} + 65536, resource.RLIM_INFINITY))
            store = Store.open({str(path)!r})
            big = [Failure(stage="read", message="x", origin=f"in:{{i}}", raw="y" * 400_000)
                   for i in range(10)]
            try:
                store.save(big)
            except StoreError as error:
                print(error)
            else:
                print("saved")
        """)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip

    message = child.stdout.strip()
    assert message.startswith(f"{path}: could not save a batch: the disk is full"), (
        message + child.stderr
    )
    assert "File too large" in message
    assert "no transaction is active" not in message
    assert "aborted" not in message
    with Store.open(path, read_only=True) as store:
        assert store.count("articles") == 3
        assert store.count("failures") == 0


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders anyway")
def test_a_read_only_folder_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(StoreError, match=r"locked/s\.duckdb: cannot write here"):
            Store.open(folder / "s.duckdb")
    finally:
        folder.chmod(0o755)


def test_a_lock_released_within_the_timeout_is_waited_for(tmp_path: Path) -> None:
    path = tmp_path / "busy.duckdb"
    make_store(path, articles=1)
    process = holder(path, release_after=1.0)
    try:
        started = time.monotonic()
        with Store.open(path, lock_timeout=20) as store:
            waited = time.monotonic() - started
            assert store.count("articles") == 1
    finally:
        process.communicate(timeout=30)
    assert waited > 0.2  # it did meet the lock, and got in once the writer let go


def test_a_lock_held_too_long_names_the_file_and_the_process(tmp_path: Path) -> None:
    path = tmp_path / "held.duckdb"
    make_store(path, articles=1)
    process = holder(path, release_after=None)
    try:
        started = time.monotonic()
        with pytest.raises(StoreLockedError) as caught:
            Store.open(path, read_only=True, lock_timeout=0.6)
        assert time.monotonic() - started >= 0.6
    finally:
        process.communicate("")
    message = str(caught.value)
    assert message.startswith(f"{path}: the store is locked by process {process.pid}")
    assert "after 0.6 s" in message


def test_the_lock_timeout_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "env.duckdb"
    make_store(path, articles=1)
    monkeypatch.setenv("DATELINE_LOCK_TIMEOUT", "0.3")
    process = holder(path, release_after=None)
    try:
        with pytest.raises(StoreLockedError, match=r"after 0\.3 s"):
            Store.open(path)
    finally:
        process.communicate("")
    monkeypatch.setenv("DATELINE_LOCK_TIMEOUT", "soon")
    with pytest.raises(StoreError, match="not a number of seconds"):
        Store.open(path)
