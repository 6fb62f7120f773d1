"""Event places in exports from a real store: GeoJSON Points, GDELT ActionGeo, the events view."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

from click.testing import CliRunner

from dateline.cli import cli as main
from dateline.export import GDELT_COLUMNS, write_gdelt, write_geojson, write_jsonl
from dateline.model import Actor, ActorKind, Analysis, Article, ArticleId, Event, Place, TimeStatus
from dateline.query import EventFilter, find_events
from dateline.store import Store

TEXT = "Russian jets bombed Idlib in Syria. Turkey and Iran met. Police shot a man in Texas."


def words(text: str) -> tuple[int, int]:
    start = TEXT.index(text)
    return start, start + len(text)


def place(text: str, country: str, feature: str, lat: float, admin1: str | None) -> Place:
    start, end = words(text)
    return Place(start=start, end=end, text=text, name=text, country=country, admin1=admin1,
                 lat=lat, lon=lat + 1.0, feature=feature, geonameid=int(lat * 1000))  # fmt: skip


def actor(text: str, code: str) -> Actor:
    start, end = words(text)
    return Actor(start=start, end=end, text=text, code=code, sector="MIL", kind=ActorKind.BODY)


def event(kind: str, trigger: str, actors: tuple[Actor, ...], recipients: tuple[Actor, ...],
          where: Place | None, source: str | None, precision: str | None) -> Event:  # fmt: skip
    start, end = words(trigger)
    return Event(
        id=f"e-{trigger}", type=kind, mode=None, context=(), cameo="190", actors=actors,
        recipients=recipients, date="2023-05-09", time_status=TimeStatus.CURRENT,
        location=where, quad_code=4, score=-10.0, start=0, end=len(TEXT), trigger=trigger,
        trigger_start=start, trigger_end=end, confidence=0.9, location_source=source,
        location_precision=precision, date_source="clause",
    )  # fmt: skip


def build(path: Path) -> None:
    idlib = place("Idlib", "SYR", "city", 35.9, "Idlib")
    texas = place("Texas", "USA", "admin1", 31.0, "Texas")
    events = (
        event("ASSAULT", "bombed", (actor("Russian jets", "RUS"),), (actor("Idlib", "SYR"),),
              idlib, "clause", "city"),
        event("CONSULT", "met", (actor("Turkey", "TUR"), actor("Iran", "IRN")), (), None, None,
              None),
        event("ASSAULT", "shot", (actor("Police", "USA"),), (actor("a man", "USA"),), texas,
              "sentence", "admin1"),
    )  # fmt: skip
    analysis = Analysis(
        article=Article(id=ArticleId("a1"), text=TEXT, published=date(2023, 5, 10), source="x"),
        events=events, places=(idlib, texas),
    )  # fmt: skip
    with Store.open(path) as store:
        store.save([analysis])


def test_geojson_is_a_feature_collection_of_the_located_events(tmp_path: Path) -> None:
    build(tmp_path / "x.duckdb")
    out = io.StringIO()
    with Store.open(tmp_path / "x.duckdb", read_only=True) as store:
        count = write_geojson(store, out)
    collection = json.loads(out.getvalue())
    assert collection["type"] == "FeatureCollection"
    assert count == len(collection["features"]) == 2  # the meeting has no place
    bombing = next(f for f in collection["features"] if f["properties"]["country"] == "SYR")
    assert bombing["geometry"] == {"type": "Point", "coordinates": [36.9, 35.9]}  # lon, lat
    properties = bombing["properties"]
    assert (properties["event"], properties["place"]) == ("ASSAULT", "Idlib")
    assert (properties["location_precision"], properties["location_source"]) == ("city", "clause")
    assert (properties["date"], properties["date_source"]) == ("2023-05-09", "clause")
    assert properties["actor"] == ["RUS"]
    assert properties["recipient"] == ["SYR"]


def test_geojson_respects_the_filters(tmp_path: Path) -> None:
    build(tmp_path / "x.duckdb")
    out = io.StringIO()
    with Store.open(tmp_path / "x.duckdb", read_only=True) as store:
        count = write_geojson(store, out, EventFilter(actor="USA"))
    [feature] = json.loads(out.getvalue())["features"]
    assert count == 1
    assert feature["properties"]["country"] == "USA"


def test_geojson_from_the_command_line(tmp_path: Path) -> None:
    build(tmp_path / "x.duckdb")
    target = tmp_path / "events.geojson"
    result = CliRunner().invoke(
        main, ["export", "--db", str(tmp_path / "x.duckdb"), "--format", "geojson",
               "--type", "ASSAULT", "-o", str(target)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert len(json.loads(target.read_text())["features"]) == 2
    refused = CliRunner().invoke(
        main, ["export", "--db", str(tmp_path / "x.duckdb"), "--format", "geojson",
               "--level", "mentions"],
    )  # fmt: skip
    assert refused.exit_code == 2
    assert "--level events" in refused.output


def test_gdelt_action_geo_is_typed_by_the_place_precision(tmp_path: Path) -> None:
    build(tmp_path / "x.duckdb")
    out = io.StringIO()
    with Store.open(tmp_path / "x.duckdb", read_only=True) as store:
        write_gdelt(store, out)
    rows = [dict(zip(GDELT_COLUMNS, line.split("\t"), strict=True))
            for line in out.getvalue().splitlines()]  # fmt: skip
    by_country = {r["ActionGeo_CountryCode"]: r for r in rows}
    syria, texas = by_country["SYR"], by_country["USA"]
    assert (syria["ActionGeo_Type"], syria["ActionGeo_ADM1Code"]) == ("4", "SYR-Idlib")
    assert (syria["ActionGeo_Lat"], syria["ActionGeo_Long"]) == ("35.9", "36.9")
    assert syria["ActionGeo_FeatureID"] == "35900"
    assert (texas["ActionGeo_Type"], texas["ActionGeo_FullName"]) == ("2", "Texas, USA")
    unplaced = by_country[""]
    assert unplaced["ActionGeo_Type"] == ""
    assert unplaced["ActionGeo_Lat"] == ""


def test_events_view_and_json_show_place_precision_and_source(tmp_path: Path) -> None:
    build(tmp_path / "x.duckdb")
    out = io.StringIO()
    with Store.open(tmp_path / "x.duckdb", read_only=True) as store:
        write_jsonl(store, out, "events")
        listed = list(find_events(store, EventFilter(actor="RUS")).records())
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    bombing = next(r for r in records if r["actor"][0]["code"] == "RUS")
    assert (bombing["location_precision"], bombing["location_source"]) == ("city", "clause")
    assert bombing["date_source"] == "clause"
    [row] = listed
    assert (row["location"], row["location_precision"], row["location_source"]) == (
        "Idlib", "city", "clause",
    )  # fmt: skip
    shown = CliRunner().invoke(
        main, ["events", "--db", str(tmp_path / "x.duckdb"), "--format", "jsonl"]
    )
    assert shown.exit_code == 0
    rows = [json.loads(line) for line in shown.output.splitlines()]
    assert {(r["location"], r["location_precision"], r["location_source"]) for r in rows} == {
        ("Idlib", "city", "clause"), ("Texas", "admin1", "sentence"), (None, None, None),
    }  # fmt: skip
