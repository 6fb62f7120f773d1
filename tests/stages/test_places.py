"""The places stage on real text with the real spaCy model and the shipped gazetteer."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dateline.model import ActorKind, Analysis, Dateline, Place
from dateline.pipeline import Pipeline
from dateline.stages.places import GazetteerPlaceFinder

Analyse = Callable[..., Analysis]


def places_named(analysis: Analysis, text: str) -> list[Place]:
    return [p for p in analysis.places if p.text == text]


def test_places_seed_meeting_is_located_in_moscow(seed_analysis: Analysis) -> None:
    text = seed_analysis.article.text
    meeting = text.index("met on Wednesday in Moscow") + len("met on Wednesday in ")
    [moscow] = [p for p in seed_analysis.places if p.start == meeting]
    assert (moscow.name, moscow.country, moscow.feature) == ("Moscow", "RUS", "city")
    assert moscow.lat == pytest.approx(55.75, abs=0.1)
    assert moscow.lon == pytest.approx(37.62, abs=0.1)


def test_places_seed_dateline_place_is_a_place_in_turkey(seed_analysis: Analysis) -> None:
    dateline = seed_analysis.article.dateline
    assert dateline is not None
    [ankara] = [p for p in seed_analysis.places if p.start == dateline.start]
    assert ankara.end <= dateline.end
    assert (ankara.name, ankara.country) == ("Ankara", "TUR")
    assert dateline.country == "TUR"


def test_places_seed_capitals_standing_for_governments_are_not_places(
    seed_analysis: Analysis,
) -> None:
    text = seed_analysis.article.text
    ties = text.index("between Ankara and Damascus") + len("between ")
    assert not [p for p in seed_analysis.places if p.start == ties]
    assert [a for a in seed_analysis.actors if a.start == ties and a.kind is ActorKind.STATE]


def test_places_every_place_points_at_its_words(seed_analysis: Analysis) -> None:
    text = seed_analysis.article.text
    assert seed_analysis.places
    for place in seed_analysis.places:
        assert text[place.start : place.end] == place.text


def test_places_locate_resolves_a_dateline_place() -> None:
    finder = GazetteerPlaceFinder()
    place = finder.locate(Dateline(place="Ankara", start=0, end=27))
    assert place is not None
    assert (place.name, place.country, place.start, place.end) == ("Ankara", "TUR", 0, 6)


def test_places_locate_returns_none_for_an_unknown_place() -> None:
    assert GazetteerPlaceFinder().locate(Dateline(place="Xqzzyville")) is None


def test_places_capital_that_speaks_is_an_actor_not_a_place(analyse: Analyse) -> None:
    analysis = analyse("Ankara said on Monday that it would reopen the border crossing.")
    assert not places_named(analysis, "Ankara")
    assert [a for a in analysis.actors if a.text == "Ankara" and a.code == "TUR"]


def test_places_country_named_as_a_location_is_a_place(analyse: Analyse) -> None:
    analysis = analyse("Rebels clashed with government forces in Syria on Monday.")
    [syria] = places_named(analysis, "Syria")
    assert (syria.country, syria.feature) == ("SYR", "country")
    assert not [a for a in analysis.actors if a.text == "Syria" and a.kind is ActorKind.STATE]


def test_places_demonym_is_not_a_place(analyse: Analyse) -> None:
    analysis = analyse("Syrian troops and Turkish officials met near the border on Monday.")
    assert not places_named(analysis, "Syrian")
    assert not places_named(analysis, "Turkish")


@pytest.mark.parametrize(
    ("sentence", "name", "country"),
    [
        ("Air strikes hit Idlib province on Sunday, residents said.", "Idlib", "SYR"),
        ("Fighting resumed in the Gaza Strip overnight.", "Gaza Strip", "PSE"),
        ("Settlers moved into the West Bank last year.", "West Bank", "PSE"),
        ("Troops were deployed to the Golan Heights.", "Golan Heights", "SYR"),
        ("Russia annexed Crimea in 2014 after a disputed vote.", "Crimea", "UKR"),
        ("Aid workers returned to Darfur in March.", "Darfur", "SDN"),
    ],
)
def test_places_regions_and_provinces_are_places(
    analyse: Analyse, sentence: str, name: str, country: str
) -> None:
    [place] = places_named(analyse(sentence), name)
    assert place.country == country
    assert place.lat is not None
    assert place.lon is not None


def test_places_tripoli_is_libyan_without_other_context(analyse: Analyse) -> None:
    analysis = analyse("Heavy fighting broke out in Tripoli on Friday, witnesses said.")
    [tripoli] = places_named(analysis, "Tripoli")
    assert tripoli.country == "LBY"


def test_places_tripoli_is_lebanese_in_an_article_about_lebanon(analyse: Analyse) -> None:
    analysis = analyse(
        "Lebanese troops deployed in Tripoli on Friday after clashes in the north of "
        "Lebanon. Residents of Beirut and Sidon also reported shooting."
    )
    [tripoli] = places_named(analysis, "Tripoli")
    assert tripoli.country == "LBN"


def test_places_written_qualifier_picks_the_homonym(analyse: Analyse) -> None:
    analysis = analyse("The students gathered in Moscow, Idaho, on Saturday evening.")
    [moscow] = places_named(analysis, "Moscow")
    [idaho] = places_named(analysis, "Idaho")
    assert (moscow.country, moscow.admin1) == ("USA", "Idaho")
    assert (idaho.country, idaho.feature) == ("USA", "admin1")


def test_places_moscow_without_context_is_the_russian_capital(analyse: Analyse) -> None:
    [moscow] = places_named(analyse("The delegation arrived in Moscow on Tuesday."), "Moscow")
    assert moscow.country == "RUS"


def test_places_dateline_abbreviation_is_a_place_of_its_own(analyse: Analyse) -> None:
    analysis = analyse("ALBUQUERQUE, N.M. (AP) - Wildfires closed two highways on Friday.")
    [city] = places_named(analysis, "ALBUQUERQUE")
    [state] = places_named(analysis, "N.M.")
    assert (city.name, city.admin1) == ("Albuquerque", "New Mexico")
    assert (state.name, state.feature) == ("New Mexico", "admin1")
    assert analysis.article.dateline is not None
    assert analysis.article.dateline.country == "USA"


def test_places_unknown_venue_after_at_is_an_unresolved_place(analyse: Analyse) -> None:
    analysis = analyse("The ministers spoke at the Grand Kremlin Palace on Monday.")
    [palace] = [p for p in analysis.places if "Palace" in p.text]
    assert palace.lat is None
    assert palace.country is None


def test_places_finder_runs_without_actors(pipeline: Pipeline, analyse: Analyse) -> None:
    analysis = analyse("Police said the protest in Lagos ended peacefully.")
    doc = pipeline.nlp(analysis.article.text)
    places = pipeline.find_places(analysis.article, doc, ())
    assert [(p.text, p.country) for p in places] == [("Lagos", "NGA")]
