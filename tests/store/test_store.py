"""The store on a real DuckDB file: round trip, idempotent saves, failures, runs, copies."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest

from dateline.errors import StoreError, StoreLockedError
from dateline.model import (
    Actor,
    ActorKind,
    Analysis,
    Article,
    ArticleId,
    Dateline,
    Event,
    Failure,
    Place,
    Precision,
    Quote,
    QuoteKind,
    TimeExpression,
    TimeStatus,
)
from dateline.output import analysis_record
from dateline.store import RunCounts, Store

BODY = (
    "ANKARA, May 10 (Reuters) - Foreign ministers for Turkey and Syria met on Wednesday in "
    "Moscow, marking the highest-level talks so far on rebuilding ties. Turkish Foreign "
    "Minister Mevlut Cavusoglu said the talks were “constructive”. Syria demanded that "
    "Turkey withdraw its troops from the north of the country before any normalisation."
)


def span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def full_analysis(aid: str = "a1", text: str = BODY, source: str = "Reuters") -> Analysis:
    """An analysis with every kind of record and every optional field filled."""
    article = Article(
        id=ArticleId(aid), text=text, title="Turkey and Syria meet", published=date(2023, 5, 10),
        source=source, url=f"https://example.org/{aid}", authors=("Ece Toksabay",),
        editors=("Alexandra Hudson",), origin=f"news.jsonl:{aid}", meta={"section": "world"},
        dateline=Dateline(place="Ankara", country="TUR", date=date(2023, 5, 10),
                          agency="Reuters", start=0, end=25),
    )  # fmt: skip
    s, e = span(text, "Turkey")
    turkey = Actor(start=s, end=e, text="Turkey", code="TUR", kind=ActorKind.STATE, entity=1,
                   head=s, produced_by="actors.dictionary@1")  # fmt: skip
    s, e = span(text, "Syria")
    syria = Actor(start=s, end=e, text="Syria", code="SYR", kind=ActorKind.STATE, entity=2)
    s, e = span(text, "Turkish Foreign Minister Mevlut Cavusoglu")
    minister = Actor(start=s, end=e, text=text[s:e], code="TUR", sector="GOV",
                     kind=ActorKind.PERSON, name="Mevlut Cavusoglu",
                     office="foreign minister", entity=1)  # fmt: skip
    s, e = span(text, "Moscow")
    moscow = Place(start=s, end=e, text="Moscow", name="Moscow", country="RUS", admin1="Moscow",
                   lat=55.75222, lon=37.61556, feature="city", geonameid=524901,
                   produced_by="places.gazetteer@1")  # fmt: skip
    s, e = span(text, "on Wednesday")
    wednesday = TimeExpression(start=s, end=e, text="on Wednesday", value=date(2023, 5, 10),
                               precision=Precision.DAY)  # fmt: skip
    sentence = span(text, "Foreign ministers")[0], text.index("ties.") + 5
    meet = Event(
        id=f"{aid}-consult", type="CONSULT", mode="visit", context=("diplomatic",), cameo="043",
        actors=(turkey, syria), recipients=(), date="2023-05-10",
        time_status=TimeStatus.CURRENT, location=moscow, quad_code=1, score=2.8,
        start=sentence[0], end=sentence[1], trigger="met", trigger_start=text.index("met"),
        trigger_end=text.index("met") + 3, confidence=0.9, produced_by="events.rules@1",
    )  # fmt: skip
    demand = Event(
        id=f"{aid}-request", type="REQUEST", mode=None, context=("military",), cameo="1056",
        actors=(syria,), recipients=(turkey,), date="2023-05", time_status=TimeStatus.CURRENT,
        location=None, quad_code=3, score=-5.0, start=text.index("Syria demanded"),
        end=len(text), trigger="demanded", trigger_start=text.index("demanded"),
        trigger_end=text.index("demanded") + 8, confidence=0.7,
    )  # fmt: skip
    s, e = span(text, "constructive")
    quote = Quote(start=s, end=e, text="constructive", kind=QuoteKind.PARTIAL, cue="said",
                  speaker=minister, speaker_text=minister.text, channel="statement")  # fmt: skip
    return Analysis(
        article=article, actors=(turkey, syria, minister), events=(meet, demand),
        places=(moscow,), times=(wednesday,), quotes=(quote,),
        failures=(Failure(stage="quotes", message="boom", origin=article.origin,
                          error_type="RuntimeError"),),
    )  # fmt: skip


def count(store: Store, table: str) -> int:
    return store.count(table)


def test_save_round_trips_every_contract_field(tmp_path: Path) -> None:
    with Store.open(tmp_path / "test.duckdb") as store:
        analysis = full_analysis()
        store.save([analysis])

        [back] = store.analyses(["a1"])

        assert analysis_record(back) == analysis_record(analysis)
        assert back == analysis


def test_save_round_trips_the_seed_article_as_the_pipeline_analysed_it(
    tmp_path: Path, seed_analysis: Analysis
) -> None:
    with Store.open(tmp_path / "test.duckdb") as store:
        store.save([seed_analysis])

        [back] = store.analyses([seed_analysis.article.id])

        assert analysis_record(back) == analysis_record(seed_analysis)


def test_save_again_replaces_rows_and_adds_none(tmp_path: Path) -> None:
    with Store.open(tmp_path / "test.duckdb") as store:
        store.save([full_analysis("a1"), full_analysis("a2", source="AP")])
        tables = ("articles", "actors", "event_mentions", "events", "quotes", "places", "times",
                  "failures")  # fmt: skip
        before = {t: count(store, t) for t in tables}

        store.save([full_analysis("a2", source="AP"), full_analysis("a1")])
        store.save([full_analysis("a1"), full_analysis("a1")])

        after = {t: count(store, t) for t in before}
        assert after == before
        assert before["articles"] == 2


def test_save_keeps_unreadable_input_with_reason_and_raw_once(tmp_path: Path) -> None:
    with Store.open(tmp_path / "test.duckdb") as store:
        bad = Failure(stage="ingest", origin="news.jsonl:7", message="invalid JSON",
                      raw='{"text": x', error_type="ArticleError")  # fmt: skip

        store.save([bad])
        store.save([bad])

        assert store.input_failures() == [bad]


def test_save_drops_an_input_failure_once_that_input_reads(tmp_path: Path) -> None:
    with Store.open(tmp_path / "test.duckdb") as store:
        analysis = full_analysis()
        store.save([Failure(stage="ingest", origin=analysis.article.origin, message="empty file")])

        store.save([analysis])

        assert store.input_failures() == []


def test_save_links_a_syndicated_copy_to_its_story(tmp_path: Path) -> None:
    with Store.open(tmp_path / "test.duckdb") as store:
        original = full_analysis("wire", source="Reuters")
        copy_text = "Advertisement. " + BODY + " Read more: our coverage of the war. Subscribe now."
        copy = full_analysis("site-copy", text=copy_text, source="Daily Example")
        other_text = (
            "Heavy rain flooded several districts of the capital on Tuesday, and the city council "
            "said schools would stay closed while engineers inspected two damaged bridges."
        )
        unrelated = Analysis(article=Article(id=ArticleId("other"), text=other_text))

        store.save([original])
        report = store.save([copy, unrelated])

        stories = dict(store.con.sql("SELECT id, story_id FROM articles").fetchall())
        assert stories == {"wire": "wire", "site-copy": "wire", "other": "other"}
        assert report.copies == 1


def test_merged_event_counts_articles_outlets_and_stories(tmp_path: Path) -> None:
    with Store.open(tmp_path / "test.duckdb") as store:
        copy_text = "Advertisement. " + BODY
        store.save([full_analysis("wire", source="Reuters")])
        store.save([full_analysis("copy", text=copy_text, source="Daily Example")])

        rows = store.con.sql(
            "SELECT type, num_mentions, num_articles, num_sources, num_stories FROM events "
            "ORDER BY type"
        ).fetchall()

        assert rows == [("CONSULT", 2, 2, 2, 1), ("REQUEST", 2, 2, 2, 1)]
        mentions = store.con.sql(
            "SELECT count(DISTINCT event_id), count(*) FROM event_mentions WHERE type = 'CONSULT'"
        ).fetchall()
        assert mentions == [(1, 2)]


def test_stored_ids_names_only_stored_articles(tmp_path: Path) -> None:
    with Store.open(tmp_path / "test.duckdb") as store:
        store.save([full_analysis("a1")])

        assert store.stored_ids(["a1", "a2"]) == {"a1"}


def test_open_read_only_names_a_missing_store(tmp_path: Path) -> None:
    missing = tmp_path / "none.duckdb"

    with pytest.raises(StoreError, match=r"none\.duckdb: no store here"):
        Store.open(missing, read_only=True)


def test_open_refuses_a_database_that_is_not_a_dateline_store(tmp_path: Path) -> None:
    import duckdb

    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE sales (amount INTEGER)")
    con.close()

    with pytest.raises(StoreError, match="not a dateline store"):
        Store.open(path)


def test_open_reports_a_store_locked_by_another_writer(tmp_path: Path) -> None:
    path = tmp_path / "locked.duckdb"
    Store.open(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            from dateline.store import Store
            store = Store.open({str(path)!r})
            print("open", flush=True)
            sys.stdin.read()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreLockedError, match=f"locked by process {holder.pid}"):
            Store.open(path, lock_timeout=0.3)
    finally:
        holder.communicate("")


def test_runs_record_counts_and_dead_runs_read_as_interrupted(tmp_path: Path) -> None:
    path = tmp_path / "runs.duckdb"
    with Store.open(path) as store:
        done = store.begin_run("ingest", ["a.jsonl"])
        store.finish_run(done, RunCounts(articles_read=3, articles_stored=2, failures=1))
        store.begin_run("ingest", ["b.jsonl"])  # never finished: the process "died"

    with Store.open(path) as store:
        rows = store.con.sql(
            "SELECT inputs, status, articles_read, articles_stored, failures FROM runs "
            "ORDER BY started_at"
        ).fetchall()

    assert rows == [(["a.jsonl"], "complete", 3, 2, 1), (["b.jsonl"], "interrupted", 0, 0, 0)]
