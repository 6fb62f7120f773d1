"""The shipped gazetteer: names, lookups and what each entry says."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.errors import SettingsError
from dateline.stages.gazetteer import Feature, Gazetteer, NameKind, load_gazetteer, normalise


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("St. Louis", "saint louis"),
        ("Deir ez-Zor", "deir ez zor"),
        ("Türkiye", "turkiye"),
        ("U.S.", "us"),
        ("Côte d’Ivoire", "cote divoire"),
        ("  New   York ", "new york"),
    ],
)
def test_normalise_folds_case_accents_dots_and_dashes(name: str, key: str) -> None:
    assert normalise(name) == key


def test_gazetteer_lookup_finds_homonyms_largest_first() -> None:
    entries = load_gazetteer().lookup("Moscow")
    countries = [e.country for e in entries if e.feature is Feature.CITY]
    assert countries[:2] == ["RUS", "USA"]


def test_gazetteer_marks_capitals_and_countries_as_national() -> None:
    gazetteer = load_gazetteer()
    [ankara] = [e for e in gazetteer.lookup("Ankara") if e.feature is Feature.CITY]
    [syria] = gazetteer.lookup("Syria")
    [aleppo] = [e for e in gazetteer.lookup("Aleppo") if e.feature is Feature.CITY]
    assert ankara.is_capital
    assert ankara.is_national
    assert syria.feature is Feature.COUNTRY
    assert syria.is_national
    assert not aleppo.is_national


def test_gazetteer_knows_common_country_names_and_abbreviations() -> None:
    gazetteer = load_gazetteer()
    assert {e.country for e in gazetteer.lookup("Britain")} == {"GBR"}
    [calif] = gazetteer.lookup("Calif.")
    assert (calif.name, calif.kind) == ("California", NameKind.ABBREVIATION)


def test_gazetteer_get_and_country_return_entries_by_id_and_code() -> None:
    gazetteer = load_gazetteer()
    syria = gazetteer.country("SYR")
    assert syria is not None
    assert syria.geonameid == 163843
    assert gazetteer.get(163843) == syria
    assert gazetteer.get(-1) is None


def test_gazetteer_missing_file_names_the_fix(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="build_gazetteer"):
        Gazetteer(tmp_path / "missing.sqlite")


def test_gazetteer_holds_small_towns_and_counties_with_geonames_ids() -> None:
    gazetteer = load_gazetteer()
    # a town of about 500 people, filed under its county
    [helen] = [e for e in gazetteer.lookup("Helen") if e.country == "USA"]
    assert (helen.admin1, helen.admin2, helen.feature) == ("Georgia", "White County", Feature.CITY)
    assert helen.population < 1_000
    [latah] = gazetteer.lookup("Latah County")
    assert (latah.feature, latah.admin1, latah.geonameid) == (Feature.ADMIN2, "Idaho", 5598264)


def test_gazetteer_divisions_carry_english_and_official_names_but_no_nicknames() -> None:
    gazetteer = load_gazetteer()
    [aleppo] = [e for e in gazetteer.lookup("Aleppo") if e.feature is Feature.ADMIN1]
    assert aleppo.geonameid == 170062
    assert not gazetteer.lookup("Golden State")
    assert not gazetteer.lookup("Granite State")
    [state] = [e for e in gazetteer.lookup("State of New Hampshire")]
    assert (state.name, state.feature) == ("New Hampshire", Feature.ADMIN1)
