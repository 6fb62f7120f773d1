"""Parquet shards written by cluster workers, loaded into a real store in one transaction."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dateline.errors import StoreError
from dateline.model import (
    Actor,
    ActorKind,
    Analysis,
    Article,
    ArticleId,
    Event,
    Failure,
    TimeStatus,
)
from dateline.output import analysis_record
from dateline.store import Store
from dateline.store.shards import read_shard, write_shard

TEXT = "Russian jets struck rebel positions near Idlib on Monday, residents said."


def analysis(aid: str) -> Analysis:
    russia = Actor(start=0, end=7, text="Russian", code="RUS", sector="MIL", kind=ActorKind.STATE)
    strike = Event(
        id=f"{aid}-0", type="ASSAULT", mode="aerial", context=("military",), cameo="195",
        actors=(russia,), recipients=(), date="2023-05-08", time_status=TimeStatus.CURRENT,
        location=None, quad_code=4, score=-10.0, start=0, end=len(TEXT), trigger="struck",
        trigger_start=13, trigger_end=19, confidence=0.8,
    )  # fmt: skip
    return Analysis(
        article=Article(id=ArticleId(aid), text=TEXT, published=date(2023, 5, 8), source=aid),
        actors=(russia,),
        events=(strike,),
    )


BAD = Failure(stage="ingest", origin="in.jsonl:3", message="invalid JSON", raw="{",
              error_type="ArticleError")  # fmt: skip


def test_write_shard_reads_back_the_same_records(tmp_path: Path) -> None:
    results = [analysis("a"), BAD, analysis("b")]

    back = list(read_shard(write_shard(results, tmp_path / "shard-000000")))

    assert [analysis_record(r) for r in back if isinstance(r, Analysis)] == [
        analysis_record(analysis("a")), analysis_record(analysis("b")),
    ]  # fmt: skip
    assert [r for r in back if isinstance(r, Failure)] == [BAD]


def test_load_shards_stores_finished_shards_once_and_skips_unfinished(tmp_path: Path) -> None:
    run = tmp_path / "run"
    write_shard([analysis("a"), BAD], run / "shard-000000")
    write_shard([analysis("b")], run / "shard-000001")
    unfinished = write_shard([analysis("c")], run / "shard-000002")
    (unfinished / "_SUCCESS").unlink()

    with Store.open(tmp_path / "s.duckdb") as store:
        first = store.load_shards(run)
        store.load_shards(run)
        ids = sorted(r[0] for r in store.con.sql("SELECT id FROM articles").fetchall())
        events = store.con.sql("SELECT num_mentions, num_sources FROM events").fetchall()
        failures = store.count("failures")

    assert (first.articles, first.input_failures) == (2, 1)
    assert ids == ["a", "b"]
    assert events == [(2, 2)]
    assert failures == 1


def test_load_shards_names_a_folder_with_nothing_to_load(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.duckdb") as store, pytest.raises(StoreError, match="no finished"):
        store.load_shards(tmp_path)
