"""Scoring places against GeoWebNews records, with analyses built by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dateline.errors import InputError
from dateline.evaluation.places import article_of, read_gold, score_places
from dateline.model import Actor, ActorKind, Analysis, Place

TEXT = "Talks in Moscow ended. Ankara said it would meet in Tripoli."


def gold_file(tmp_path: Path, toponyms: list[dict[str, object]]) -> Path:
    path = tmp_path / "gold.jsonl"
    record = {"id": "a1", "title": None, "text": TEXT, "toponyms": toponyms}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return path


def toponym(
    word: str, kind: str, *, lat: float | None = None, lon: float | None = None,
    geonameid: str | None = None, adjective: bool = False,
) -> dict[str, object]:  # fmt: skip
    start = TEXT.index(word)
    return {"start": start, "end": start + len(word), "text": word, "type": kind,
            "modifier_type": "Adjective" if adjective else None, "lat": lat, "lon": lon,
            "geonameid": geonameid}  # fmt: skip


def place(word: str, *, lat: float | None, lon: float | None, country: str | None) -> Place:
    start = TEXT.index(word)
    return Place(start=start, end=start + len(word), text=word, lat=lat, lon=lon, country=country)


@pytest.fixture
def gold(tmp_path: Path) -> Path:
    return gold_file(tmp_path, [
        toponym("Moscow", "Literal", lat=55.75, lon=37.62, geonameid="524901"),
        toponym("Ankara", "Metonymic", lat=39.92, lon=32.85, geonameid="323786"),
        toponym("Tripoli", "Literal", lat=32.89, lon=13.19, geonameid="2210247"),
    ])  # fmt: skip


def test_score_places_counts_recognition_and_resolution(gold: Path) -> None:
    [item] = read_gold(gold)
    analysis = Analysis(
        article=article_of(item),
        places=(
            place("Moscow", lat=55.76, lon=37.61, country="RUS"),
            place("Tripoli", lat=34.43, lon=35.84, country="LBN"),  # the wrong Tripoli
            place("Talks", lat=None, lon=None, country=None),  # not a toponym
        ),
        actors=(Actor(start=23, end=29, text="Ankara", code="TUR", kind=ActorKind.STATE),),
    )
    report = score_places([item], [analysis])
    assert (report.literal.tp, report.literal.fp, report.literal.fn) == (2, 1, 0)
    assert (report.all_toponyms.tp, report.all_toponyms.fn) == (3, 0)
    resolution = report.resolution
    assert (resolution.gold_with_coordinates, resolution.resolved) == (2, 2)
    assert (resolution.country_right, resolution.country_known) == (1, 2)
    assert resolution.within == 1
    assert resolution.median_km > 161


def test_score_places_counts_a_missed_toponym(gold: Path) -> None:
    [item] = read_gold(gold)
    report = score_places([item], [Analysis(article=article_of(item))])
    assert (report.literal.tp, report.literal.fn, report.literal.recall) == (0, 2, 0.0)
    assert report.resolution.recognised == 0


def test_score_places_leaves_adjectives_out_of_the_main_reading(tmp_path: Path) -> None:
    path = gold_file(tmp_path, [toponym("Moscow", "Literal_Modifier", adjective=True)])
    [item] = read_gold(path)
    report = score_places([item], [Analysis(article=article_of(item))])
    assert report.literal.fn == 0
    assert report.literal_with_adjectives.fn == 1


def test_article_of_keeps_the_gold_text_unchanged(gold: Path) -> None:
    [item] = read_gold(gold)
    assert article_of(item).text == TEXT


def test_read_gold_names_the_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "x", "text": "t"}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.jsonl:1"):
        read_gold(path)


def test_score_places_reads_a_state_named_as_an_actors_owner(tmp_path: Path) -> None:
    text = "China's commerce ministry said on Thursday it would respond."
    path = tmp_path / "gold.jsonl"
    record = {"id": "a2", "title": None, "text": text, "toponyms": [
        {"start": 0, "end": 5, "text": "China", "type": "Non_Literal_Modifier",
         "modifier_type": "Noun", "lat": 35.0, "lon": 105.0, "geonameid": "1814991"},
    ]}  # fmt: skip
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    [item] = read_gold(path)
    ministry = Actor(start=0, end=25, text="China's commerce ministry", code="CHN",
                     kind=ActorKind.BODY)  # fmt: skip
    report = score_places([item], [Analysis(article=article_of(item), actors=(ministry,))])
    assert (report.all_toponyms.tp, report.all_toponyms.fn) == (1, 0)
    assert (report.all_toponyms_places.tp, report.all_toponyms_places.fn) == (0, 1)


def test_score_places_counts_the_gold_entry_as_exact_and_at_its_point(gold: Path) -> None:
    [item] = read_gold(gold)
    # Moscow resolved to the gold GeoNames entry but stored 300 km from the gold point
    moscow = Place(start=TEXT.index("Moscow"), end=TEXT.index("Moscow") + 6, text="Moscow",
                   lat=53.0, lon=37.6, country="RUS", geonameid=524901)  # fmt: skip
    tripoli = place("Tripoli", lat=34.43, lon=35.84, country="LBN")
    report = score_places([item], [Analysis(article=article_of(item), places=(moscow, tripoli))])
    resolution = report.resolution
    assert (resolution.within, resolution.within_same_entry) == (0, 1)
    assert (resolution.exact, resolution.with_id) == (1, 2)
    assert resolution.exact_accuracy == pytest.approx(0.5)


def test_score_places_scores_no_country_for_a_region_across_borders(tmp_path: Path) -> None:
    path = gold_file(tmp_path, [toponym("Moscow", "Literal", lat=55.75, lon=37.62,
                                        geonameid="999999999")])  # fmt: skip
    [item] = read_gold(path)
    start = TEXT.index("Moscow")
    region = Place(start=start, end=start + 6, text="Moscow", lat=50.0, lon=30.0,
                   country=None, feature="region")  # fmt: skip
    report = score_places([item], [Analysis(article=article_of(item), places=(region,))])
    assert report.resolution.regions_unscored == 1
    assert report.resolution.country_known == 0


def test_score_places_reads_a_state_named_in_full(tmp_path: Path) -> None:
    text = "The ambassador of the Republic of Armenia to the Holy See spoke."
    path = tmp_path / "gold.jsonl"
    start = text.index("Republic")
    record = {"id": "a3", "title": None, "text": text, "toponyms": [
        {"start": start, "end": start + 19, "text": "Republic of Armenia", "type": "Metonymic",
         "modifier_type": "Noun", "lat": 40.0, "lon": 45.0, "geonameid": "174982"},
    ]}  # fmt: skip
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    [item] = read_gold(path)
    envoy = Actor(start=4, end=start + 19, text=text[4 : start + 19], code="ARM",
                  kind=ActorKind.PERSON)  # fmt: skip
    report = score_places([item], [Analysis(article=article_of(item), actors=(envoy,))])
    assert (report.all_toponyms.tp, report.all_toponyms.fp) == (1, 0)
