"""Per-record isolation, limits and retry (issue 10), with the real model and a real store."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

import pytest

from dateline.ingest import build_article, iter_articles
from dateline.limits import TRUNCATED_FROM
from dateline.model import Analysis, Article, Failure
from dateline.pipeline import Pipeline
from dateline.runners.ingest import ingest_items, ingest_paths
from dateline.runners.retry import retry_failures
from dateline.settings import Settings
from dateline.store import Store

pytestmark = pytest.mark.issue(10)

PARAGRAPH = "Turkey and Syria held talks in Moscow on Wednesday, officials said."
ONE_PROCESS = Settings(processes=1)


def article(text: str = PARAGRAPH, origin: str = "<test>", **fields: object) -> Article:
    fields.setdefault("title", "Talks")
    return build_article(text, origin=origin, **fields)  # type: ignore[arg-type]


def kinds(results: Iterable[object]) -> list[str]:
    return [type(r).__name__ for r in results]


def test_an_oversize_article_is_cut_at_a_paragraph_break_and_flagged(pipeline: Pipeline) -> None:
    long = article("\n".join(f"{PARAGRAPH} Paragraph {i}." for i in range(40)))
    text = long.text
    limited = replace(pipeline, max_article_chars=1_000)

    [analysis] = limited.analyse_each([long])

    assert isinstance(analysis, Analysis)
    kept = analysis.article.text
    assert len(kept) <= 1_000
    assert text.startswith(kept)
    assert text[len(kept)] == "\n"
    assert analysis.article.meta[TRUNCATED_FROM] == len(text)


def test_an_oversize_article_is_refused_by_setting_and_the_next_one_analysed(
    pipeline: Pipeline,
) -> None:
    limited = replace(pipeline, max_article_chars=1_000, refuse_oversize=True)

    refused, analysed = limited.analyse_each([article(PARAGRAPH * 20, "big.txt"), article()])

    assert isinstance(refused, Failure)
    assert isinstance(analysed, Analysis)
    assert (refused.stage, refused.origin) == ("limits", "big.txt")
    assert "more than max_article_chars (1,000)" in refused.message
    assert json.loads(refused.raw or "")["text"] == PARAGRAPH * 20  # kept for retry


def test_a_text_over_spacy_max_length_fails_alone_in_its_batch(pipeline: Pipeline) -> None:
    unlimited = replace(pipeline, max_article_chars=2_000_000)
    huge = article((PARAGRAPH + "\n") * (pipeline.nlp.max_length // len(PARAGRAPH) + 10))

    results = list(unlimited.analyse_each([article(), huge, article(PARAGRAPH + " Again.")]))

    assert kinds(results) == ["Analysis", "Failure", "Analysis"]
    assert results[1].stage == "parse"
    assert "E088" in results[1].message


def _slow_quotes(article: Article, doc: object, actors: object) -> tuple[()]:
    time.sleep(3)  # a stage that runs away
    return ()


def test_a_runaway_stage_is_stopped_by_the_time_budget(pipeline: Pipeline) -> None:
    budgeted = replace(pipeline, time_budget=1.0, find_quotes=_slow_quotes)
    started = time.perf_counter()

    [failure] = budgeted.analyse_each([article()])

    assert time.perf_counter() - started < 2.5
    assert isinstance(failure, Failure)
    assert failure.stage == "analysis"
    assert "over the time budget of 1 s (stopped in quotes)" in failure.message


def test_without_signals_the_budget_is_checked_between_stages(pipeline: Pipeline) -> None:
    budgeted = replace(pipeline, time_budget=1.0, find_quotes=_slow_quotes)
    results: list[object] = []
    thread = threading.Thread(target=lambda: results.extend(budgeted.analyse_each([article()])))
    thread.start()
    thread.join()

    [failure] = results
    assert isinstance(failure, Failure)
    assert "stopped in events" in failure.message  # the stage after the slow one


def test_a_record_the_store_refuses_fails_alone_and_its_batch_is_stored(tmp_path: Path) -> None:
    # a surrogate in a title (built past the readers, which refuse it) fails only in the store
    bad = replace(article(PARAGRAPH + " Bad.", origin="bad.jsonl:2"), title="\ud800 title")
    items = [article(origin="a"), bad, article(PARAGRAPH + " Again.", origin="b")]
    with Store.open(tmp_path / "store.duckdb") as store:
        report = ingest_items(items, store, ONE_PROCESS, write_batch=10)
        failures = store.con.sql("SELECT origin, stage, message, raw FROM failures").fetchall()
        stored = store.count("articles")

    assert (report.stored, report.failed, stored) == (2, 1, 2)
    [(origin, stage, message, raw)] = failures
    assert (origin, stage) == ("bad.jsonl:2", "store")
    assert "could not be stored" in message
    assert json.loads(raw)["text"] == PARAGRAPH + " Bad."


def test_a_rerun_skips_records_that_failed_and_retry_stores_them_when_they_can(
    tmp_path: Path,
) -> None:
    news = tmp_path / "news.jsonl"
    big = (PARAGRAPH + "\n") * 40
    news.write_text(
        json.dumps({"text": PARAGRAPH}) + "\n{broken\n" + json.dumps({"text": big}) + "\n",
        encoding="utf-8",
    )
    refusing = replace(ONE_PROCESS, max_article_chars=1_000, oversize="refuse")
    with Store.open(tmp_path / "store.duckdb") as store:
        first = ingest_paths([news], store, refusing)
        again = ingest_paths([news], store, refusing)
        retried = retry_failures(store, ONE_PROCESS)  # the default limit takes the long text
        failures = store.con.sql("SELECT origin, stage FROM failures").fetchall()
        runs = store.con.sql("SELECT command, status FROM runs ORDER BY started_at").fetchall()

    assert (first.stored, first.failed) == (1, 2)
    assert (again.read, again.stored, again.skipped, again.skipped_failed, again.failed) == (
        3, 0, 1, 2, 0,
    )  # fmt: skip
    assert (retried.stored, retried.failed) == (1, 1)
    assert failures == [(f"{news}:2", "ingest")]  # one row for the line still broken
    assert runs == [("ingest", "complete"), ("ingest", "complete"), ("retry", "complete")]


def test_the_reader_and_pipeline_guards_let_no_probe_input_escape(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    probes = [
        b'{"text": "x", "n": ' + b"1" * 4_400 + b"}",
        b"[" * 100_000 + b"]" * 100_000,
        b'{"title": "\\ud800", "text": "' + PARAGRAPH.encode() + b'"}',
        b'{"text": "' + PARAGRAPH.encode() + b' \\ud800"}',
        b'{"text": "\xc3\x28 invalid"}',
        json.dumps({"text": '" ' * 6_000 + PARAGRAPH}).encode(),
    ]
    news = tmp_path / "probes.jsonl"
    news.write_bytes(b"\n".join([json.dumps({"text": PARAGRAPH}).encode(), *probes]) + b"\n")

    results = list(_analysed(pipeline, iter_articles([news])))

    assert kinds(results) == ["Analysis", *["Failure"] * 5, "Analysis"]
    origins = [r.origin if isinstance(r, Failure) else r.article.origin for r in results]  # type: ignore[attr-defined]
    assert origins == [f"{news}:{n}" for n in range(1, 8)]


def _analysed(pipeline: Pipeline, items: Iterable[Article | Failure]) -> Iterable[object]:
    for item in items:
        yield item if isinstance(item, Failure) else next(pipeline.analyse_each([item]))


@pytest.mark.slow  # two worker processes load the model
def test_worker_processes_keep_each_failure_in_its_place() -> None:
    from dateline.runners.local import analyse_stream

    items: list[Article | Failure] = [
        article(origin="a"),
        Failure(stage="ingest", origin="b", message="unreadable"),
        article(PARAGRAPH * 30, origin="c"),
        article(PARAGRAPH + " Again.", origin="d"),
    ]
    settings = Settings(processes=2, batch_size=1, max_article_chars=1_000, oversize="refuse")

    results = list(analyse_stream(items, settings))

    assert kinds(results) == ["Analysis", "Failure", "Failure", "Analysis"]
    assert [r.origin if isinstance(r, Failure) else r.article.origin for r in results] == [
        "a", "b", "c", "d",
    ]  # fmt: skip
    assert results[2].stage == "limits"  # type: ignore[union-attr]


def test_a_record_a_cluster_shard_cannot_hold_becomes_its_failure(tmp_path: Path) -> None:
    from dateline.runners.cluster import _writable
    from dateline.store.shards import read_shard, write_shard

    good = Analysis(article=article(origin="a"))
    bad = Analysis(article=replace(article(PARAGRAPH + " Bad.", origin="b"), title="\ud800"))

    kept = _writable([good, bad])
    write_shard(kept, tmp_path / "shard")

    assert kinds(read_shard(tmp_path / "shard")) == ["Analysis", "Failure"]
    assert isinstance(kept[1], Failure)
    assert (kept[1].origin, kept[1].stage) == ("b", "store")
