"""Exports from a real store: JSON Lines (contract records), CSV, Parquet by date, GDELT 2.0."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import duckdb

from dateline.export import GDELT_COLUMNS, write_csv, write_gdelt, write_jsonl, write_parquet
from dateline.model import (
    Actor,
    ActorKind,
    Analysis,
    Article,
    ArticleId,
    Event,
    Failure,
    Place,
    TimeStatus,
)
from dateline.output import analysis_record, event_record, failure_record
from dateline.query import EventFilter
from dateline.store import Store

TEXT = "Foreign ministers of Turkey, Syria and Russia met in Moscow on Wednesday. More text."


def actor(code: str, sector: str | None = "GOV") -> Actor:
    start = TEXT.index({"TUR": "Turkey", "SYR": "Syria", "RUS": "Russia", "IGO": "Foreign"}[code])
    return Actor(start=start, end=start + 5, text=TEXT[start : start + 5], code=code, sector=sector,
                 kind=ActorKind.STATE, name=None)  # fmt: skip


def analysis(aid: str, published: date, *, participants: tuple[str, ...], when: str) -> Analysis:
    moscow = Place(start=TEXT.index("Moscow"), end=TEXT.index("Moscow") + 6, text="Moscow",
                   name="Moscow", country="RUS", admin1="Moscow", lat=55.75, lon=37.62,
                   feature="city", geonameid=524901)  # fmt: skip
    meeting = Event(
        id=f"{aid}-meet", type="CONSULT", mode=None, context=("diplomatic",), cameo="043",
        actors=tuple(actor(c) for c in participants), recipients=(), date=when,
        time_status=TimeStatus.CURRENT, location=moscow, quad_code=1, score=2.8, start=0,
        end=TEXT.index(".") + 1, trigger="met", trigger_start=TEXT.index("met"),
        trigger_end=TEXT.index("met") + 3, confidence=0.9,
    )  # fmt: skip
    return Analysis(
        article=Article(id=ArticleId(aid), text=TEXT, published=published, source=aid,
                        url=f"https://example.org/{aid}"),
        actors=tuple(actor(c) for c in participants), events=(meeting,), places=(moscow,),
    )  # fmt: skip


def build(path: Path) -> list[Analysis]:
    analyses = [
        analysis("may", date(2023, 5, 10), participants=("TUR", "SYR", "RUS"), when="2023-05-10"),
        analysis("june", date(2023, 6, 2), participants=("TUR", "IGO"), when="2023-06-01"),
    ]
    with Store.open(path) as store:
        store.save([*analyses, Failure(stage="ingest", origin="bad.jsonl:2", message="invalid JSON",
                                       raw="{", error_type="ArticleError")])  # fmt: skip
    return analyses


def test_jsonl_articles_are_the_output_contract_objects(tmp_path: Path) -> None:
    analyses = build(tmp_path / "x.duckdb")
    out = io.StringIO()

    with Store.open(tmp_path / "x.duckdb", read_only=True) as store:
        count = write_jsonl(store, out, "articles")

    records = [json.loads(line) for line in out.getvalue().splitlines()]
    failure = Failure(stage="ingest", origin="bad.jsonl:2", message="invalid JSON", raw="{",
                      error_type="ArticleError")  # fmt: skip
    assert records == [*(analysis_record(a) for a in analyses), failure_record(failure)]
    assert count == 3


def test_jsonl_mentions_are_contract_event_records_with_their_article(tmp_path: Path) -> None:
    analyses = build(tmp_path / "x.duckdb")
    out = io.StringIO()

    with Store.open(tmp_path / "x.duckdb", read_only=True) as store:
        write_jsonl(store, out, "mentions")

    first = json.loads(out.getvalue().splitlines()[0])
    expected = event_record(analyses[0].events[0], TEXT)
    assert {k: first[k] for k in expected} == expected
    assert (first["article_id"], first["published"]) == ("may", "2023-05-10")


def test_jsonl_events_list_their_mentions(tmp_path: Path) -> None:
    build(tmp_path / "x.duckdb")
    out = io.StringIO()

    with Store.open(tmp_path / "x.duckdb", read_only=True) as store:
        write_jsonl(store, out, "events", EventFilter(actor="RUS"))

    [event] = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [a["code"] for a in event["actor"]] == ["RUS", "SYR", "TUR"]
    assert event["mentions"] == [{"article_id": "may", "id": "may-meet", "start": 0,
                                  "end": TEXT.index(".") + 1}]  # fmt: skip


def test_csv_has_a_header_and_one_row_per_event(tmp_path: Path) -> None:
    build(tmp_path / "x.duckdb")
    out = io.StringIO()

    with Store.open(tmp_path / "x.duckdb", read_only=True) as store:
        count = write_csv(store, out, "events")

    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert count == len(rows) == 2
    assert rows[0]["actor_codes"] == "RUS;SYR;TUR"
    assert rows[1]["date"] == "2023-06-01"


def test_parquet_is_partitioned_by_year_and_month(tmp_path: Path) -> None:
    build(tmp_path / "x.duckdb")
    folder = tmp_path / "parquet"

    with Store.open(tmp_path / "x.duckdb", read_only=True) as store:
        write_parquet(store, folder, "events")

    parts = sorted(str(p.relative_to(folder).parent) for p in folder.rglob("*.parquet"))
    assert parts == ["year=2023/month=5", "year=2023/month=6"]
    back = duckdb.sql(f"SELECT actor_codes FROM read_parquet('{folder}/**/*.parquet', "
                      "hive_partitioning = true) WHERE month = 5").fetchall()  # fmt: skip
    assert back == [(["RUS", "SYR", "TUR"],)]


def test_gdelt_writes_61_columns_once_per_pair_with_iso_codes(tmp_path: Path) -> None:
    build(tmp_path / "x.duckdb")
    out = io.StringIO()

    with Store.open(tmp_path / "x.duckdb", read_only=True) as store:
        count = write_gdelt(store, out, EventFilter(actor="RUS"), header=True)

    lines = out.getvalue().splitlines()
    assert lines[0].split("\t") == list(GDELT_COLUMNS)
    assert len(GDELT_COLUMNS) == 61
    rows = [dict(zip(GDELT_COLUMNS, line.split("\t"), strict=True)) for line in lines[1:]]
    assert count == len(rows) == 3  # a hostless meeting of three: every pair
    pairs = {(r["Actor1CountryCode"], r["Actor2CountryCode"]) for r in rows}
    assert pairs == {("RUS", "SYR"), ("RUS", "TUR"), ("SYR", "TUR")}
    assert {r["ActionGeo_CountryCode"] for r in rows} == {"RUS"}  # ISO alpha-3, not FIPS "RS"
    row = rows[0]
    assert (row["Day"], row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == (
        "20230510",
        "043",
        "043",
        "04",
    )
    assert (row["QuadClass"], row["NumArticles"], row["ActionGeo_Type"]) == ("1", "1", "4")
    assert row["SOURCEURL"] == "https://example.org/may"


def test_gdelt_puts_an_international_organisation_in_the_type_columns(tmp_path: Path) -> None:
    build(tmp_path / "x.duckdb")
    out = io.StringIO()

    with Store.open(tmp_path / "x.duckdb", read_only=True) as store:
        write_gdelt(store, out, EventFilter(since=date(2023, 6, 1)))

    [row] = [dict(zip(GDELT_COLUMNS, line.split("\t"), strict=True))
             for line in out.getvalue().splitlines()]  # fmt: skip
    assert (row["Actor1Code"], row["Actor1CountryCode"], row["Actor1Type1Code"]) == (
        "IGOGOV",
        "",
        "IGO",
    )
