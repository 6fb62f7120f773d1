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


@pytest.mark.parametrize(
    "text",
    [
        "Government jets bombed Damascus on Friday, killing ten people.",
        "Rebels launched rockets on Damascus on Friday.",
    ],
)
def test_places_capital_an_attack_lands_on_is_a_place_and_still_the_state_hit(
    analyse: Analyse, text: str
) -> None:
    analysis = analyse(text)
    [damascus] = places_named(analysis, "Damascus")
    assert damascus.country == "SYR"
    assert [a for a in analysis.actors if a.text == "Damascus" and a.code == "SYR"]


def test_places_subject_of_an_attack_topic_is_no_place(analyse: Analyse) -> None:
    # sanctions and talks "on" a state are about it, not acts landing in it
    for text in ("Russia imposed sanctions on Syria.", "The envoy launched talks on Syria."):
        assert not places_named(analyse(text), "Syria")


@pytest.mark.parametrize(
    "text",
    [
        # the small model tags "Aleppo" NORP (an adjective) and LANGUAGE here
        "Nine persons were killed in a terrorist attack in Aleppo city.",
        "Syrian or Russian warplanes bombed aid trucks near Aleppo late on Monday.",
    ],
)
def test_places_large_city_the_model_mislabels_is_a_place(analyse: Analyse, text: str) -> None:
    [aleppo] = places_named(analyse(text), "Aleppo")
    assert aleppo.country == "SYR"


def test_places_possessive_that_lost_its_apostrophe_names_the_place(analyse: Analyse) -> None:
    # feeds stripped of punctuation write "Idlib's countryside" as "Idlibs countryside"
    [idlib] = places_named(analyse("Idlibs countryside was shelled on Monday."), "Idlibs")
    assert (idlib.name, idlib.country) == ("Idlib", "SYR")


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


def test_places_name_used_as_a_place_once_is_a_place_throughout(analyse: Analyse) -> None:
    analysis = analyse(
        "A lorry overturned near Cirencester on Monday. Drivers heading to Cirencester "
        "should expect long delays, police said."
    )
    assert [p.country for p in places_named(analysis, "Cirencester")] == ["GBR", "GBR"]


def test_places_name_that_speaks_is_not_spread_as_a_place(analyse: Analyse) -> None:
    analysis = analyse(
        "Farmers gathered in Tamil Nadu on Friday. Tamil Nadu said it would appeal against "
        "the ruling."
    )
    [place] = places_named(analysis, "Tamil Nadu")
    assert analysis.article.text[place.start :].startswith("Tamil Nadu on Friday")


def test_places_surname_of_a_named_person_is_not_a_place(analyse: Analyse) -> None:
    analysis = analyse(
        "Ashley Sutton won at Brands Hatch last year. This year, Sutton goes into the season "
        "as the favourite."
    )
    assert not places_named(analysis, "Sutton")


def test_places_town_opening_an_organisation_name_is_a_place(analyse: Analyse) -> None:
    analysis = analyse("The Toronto Police Services Board approved the budget on Tuesday.")
    [toronto] = places_named(analysis, "Toronto")
    assert (toronto.country, toronto.feature) == ("CAN", "city")


def test_places_building_named_for_a_town_is_one_place(analyse: Analyse) -> None:
    analysis = analyse("The injured man was taken to Colchester General Hospital on Monday.")
    assert [p.text for p in analysis.places] == ["Colchester General Hospital"]


def test_places_country_in_an_organisation_name_is_not_a_place(analyse: Analyse) -> None:
    analysis = analyse("The Bank of Japan kept interest rates unchanged on Tuesday.")
    assert not places_named(analysis, "Japan")


def test_places_owner_of_a_building_is_a_place_of_its_own(analyse: Analyse) -> None:
    analysis = analyse(
        "A new clinic has opened at Derry's Altnagelvin Hospital. She will perform at "
        "Caesar's Palace in June."
    )
    [derry] = places_named(analysis, "Derry")
    assert derry.country == "GBR"
    assert places_named(analysis, "Altnagelvin Hospital")
    assert places_named(analysis, "Caesar's Palace")  # a person's name is part of the name


def test_places_name_known_with_its_comma_is_one_place(analyse: Analyse) -> None:
    analysis = analyse("Tickets are sold in 44 states, Washington, D.C., and Puerto Rico.")
    [capital] = places_named(analysis, "Washington, D.C.")
    assert capital.country == "USA"
    assert not places_named(analysis, "D.C.")


def test_places_unknown_name_with_a_county_after_it_is_an_unresolved_place(
    analyse: Analyse,
) -> None:
    analysis = analyse("The season ends in September at Knockhill, Fife.")
    [circuit] = places_named(analysis, "Knockhill")
    [county] = places_named(analysis, "Fife")
    assert (circuit.lat, circuit.country) == (None, None)
    assert (county.country, county.feature) == ("GBR", "admin2")


def test_places_list_of_first_names_has_no_qualifier(analyse: Analyse) -> None:
    analysis = analyse("They mourned the deaths of Helen, Clarence, Irene, Marie and Randy Kunz.")
    assert not analysis.places


def test_places_streets_named_before_a_plural_street_word(analyse: Analyse) -> None:
    analysis = analyse("The man collapsed at the corner of State and Hubbard streets, police said.")
    assert [(p.text, p.lat) for p in analysis.places] == [("State", None), ("Hubbard", None)]


def test_places_name_after_a_compass_word_is_a_place(analyse: Analyse) -> None:
    analysis = analyse(
        "The army has regained most of the towns in eastern Ghouta, state media said."
    )
    assert places_named(analysis, "Ghouta")


def test_places_building_is_a_place_wherever_named_unless_it_speaks(analyse: Analyse) -> None:
    analysis = analyse(
        "Patients from the region attend the Northwest Cancer Centre for treatment. The "
        "Mayo Clinic said the trial would start in June."
    )
    assert places_named(analysis, "Northwest Cancer Centre")
    assert not places_named(analysis, "Mayo Clinic")


def test_places_state_in_an_officials_title_is_a_place(analyse: Analyse) -> None:
    analysis = analyse("California Governor Jerry Brown said he would not send troops.")
    [california] = places_named(analysis, "California")
    assert (california.country, california.feature) == ("USA", "admin1")


def test_places_country_in_an_officials_title_is_the_actors(analyse: Analyse) -> None:
    analysis = analyse("Syria's foreign minister said on Monday that talks would resume.")
    assert not places_named(analysis, "Syria")


def test_places_town_a_person_is_from_is_a_place(analyse: Analyse) -> None:
    analysis = analyse("Miss Abdhou, of Hayes, was not believed to be a target.")
    [hayes] = places_named(analysis, "Hayes")
    assert hayes.country == "GBR"


def test_places_economist_at_a_firm_is_not_at_a_place(analyse: Analyse) -> None:
    analysis = analyse(
        "Adam Kamins, a senior economist at Moody's Analytics, says the state has had "
        "little success."
    )
    assert not analysis.places
