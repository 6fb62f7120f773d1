"""Each event's place and date from its own words (``stages/events/whereabouts.py`` and
``circumstances.py``): clause, sentence, neighbour, article; earlier mention, publication."""

from dataclasses import replace
from datetime import date

import pytest

from dateline.ingest import build_article
from dateline.model import Place
from dateline.stages.events import RuleEventCoder
from dateline.stages.events.whereabouts import precision_of


@pytest.fixture(scope="module")
def rules(pipeline):
    return replace(pipeline, code_events=RuleEventCoder(pipeline.nlp), min_confidence=0.0)


def events(pipe, text, published=date(2023, 1, 19)):
    article = build_article(text, origin="<test>", published=published, title="Test article")
    return pipe.analyse(article).events


def only(found, kind):
    chosen = [e for e in found if e.type == kind]
    assert chosen, f"no {kind} event in {[(e.type, e.trigger) for e in found]}"
    return chosen[0]


def test_a_locative_phrase_on_the_verb_places_the_event_and_its_date(rules):
    event = only(
        events(rules, "Syrian jets bombed rebel positions in Idlib on Tuesday."), "ASSAULT"
    )
    assert event.location is not None
    assert event.location.text == "Idlib"
    assert (event.location_source, event.location_precision) == ("clause", "city")
    assert (event.date, event.date_source) == ("2023-01-17", "clause")


def test_a_date_the_clause_gives_is_resolved_against_the_report_not_replaced_by_it(rules):
    event = only(
        events(rules, "Rebels shelled an army post on 5 January, the army said."), "ASSAULT"
    )
    assert (event.date, event.date_source) == ("2023-01-05", "clause")


def test_a_wire_dateline_does_not_place_the_event(pipeline, rules):
    text = (
        "KYIV, May 10 (Reuters) - Russian missiles struck a fuel depot on Tuesday, Ukrainian "
        "officials said."
    )
    for pipe in (rules, pipeline):
        event = only(events(pipe, text, published=date(2023, 5, 10)), "ASSAULT")
        assert event.location is None
        assert event.location_source is None
        assert event.date == "2023-05-09"


def test_a_span_up_to_now_is_no_date_and_an_undated_event_of_the_day_takes_publication(rules):
    event = only(events(rules, "Rebels have attacked the town since 2014."), "ASSAULT")
    assert event.date != "2014"
    assert (event.date, event.date_source) == ("2023-01-19", "publication")


def test_a_neighbouring_sentence_places_the_same_kind_of_event(pipeline):
    found = events(
        pipeline,
        "Air strikes hit the town of Saraqeb in Idlib province on Sunday. The strikes killed "
        "nine civilians, a monitor said.",
    )
    hit = next(e for e in found if e.trigger == "hit")
    assert hit.location is not None
    assert hit.location.text == "Saraqeb"
    assert hit.location_source == "clause"
    second = [e for e in found if e.start > hit.end and e.type == "ASSAULT"]
    assert second
    assert second[0].location is not None
    assert second[0].location.text == "Saraqeb"
    assert second[0].location_source == "neighbour"
    assert (second[0].date, second[0].date_source) == ("2023-01-15", "earlier_mention")


def test_the_main_place_of_an_article_about_one_place_places_a_material_event(rules):
    found = events(
        rules,
        "Protesters gathered in Hama on Friday. Police fired tear gas at the protesters. Hama "
        "has seen protests for weeks. Residents of Hama said the city was calm later.",
    )
    fired = next(e for e in found if e.trigger == "fired")
    assert fired.location is not None
    assert fired.location.text == "Hama"
    assert fired.location_source == "article"


def test_a_statement_is_not_placed_by_the_article_and_stays_unplaced(rules):
    found = events(
        rules,
        "The foreign ministers met in Moscow on Wednesday. Turkey accused Syria of attacking "
        "civilians.",
        published=date(2023, 5, 10),
    )
    met = only(found, "CONSULT")
    assert met.location is not None
    assert met.location.text == "Moscow"
    assert met.location_source == "clause"
    accused = only(found, "ACCUSE")
    assert accused.location is None
    assert accused.location_precision is None


def test_a_place_the_clause_names_but_the_gazetteer_lacks_blocks_borrowed_places(rules):
    found = events(
        rules,
        "Rebels attacked an army post in Hama on Monday. On Tuesday rebels attacked a "
        "checkpoint near Zzyzxville, the army said.",
    )
    first = next(e for e in found if e.date == "2023-01-16")
    assert first.location is not None
    assert first.location.text == "Hama"
    second = [e for e in found if e.type == "ASSAULT" and e.date == "2023-01-17"]
    assert second
    assert all(e.location is None for e in second)


def test_the_finer_place_in_the_same_country_wins_over_the_country(rules):
    event = only(
        events(rules, "In Syria, government forces shelled rebel positions in Aleppo."), "ASSAULT"
    )
    assert event.location is not None
    assert event.location.text == "Aleppo"


def test_a_place_named_within_another_places_the_event_not_its_container(rules):
    # "the Damascus suburb of Jaramana": Damascus only says where the suburb is
    event = only(
        events(rules, "Shelling killed four people in the Homs suburb of Talbiseh."), "ASSAULT"
    )
    assert event.location is not None
    assert event.location.text == "Talbiseh"
    assert event.location_source == "clause"


def test_the_place_an_act_of_force_is_fought_over_places_it(rules):
    # the aim of the fighting, not the country of the sentence's opening phrase
    text = "In Syria the SDF is now fighting to recapture the town of Tabqa from the group."
    event = only(events(rules, text), "ASSAULT")
    assert event.location is not None
    assert (event.location.text, event.location_source) == ("Tabqa", "clause")


def test_a_state_naming_who_struck_does_not_keep_the_place_from_the_strike(rules):
    # "U.S." on the noun is the attacker, not a place the gazetteer lacks nearer the event
    text = "A U.S. missile strike on an airbase near the Syrian city of Homs killed five people."
    event = only(events(rules, text), "ASSAULT")
    assert event.location is not None
    assert (event.location.text, event.location_source) == ("Homs", "clause")


def test_a_capital_hit_by_an_attack_places_it(rules):
    event = only(events(rules, "Rebels fired rockets on Damascus on Friday."), "ASSAULT")
    assert event.location is not None
    assert (event.location.text, event.location_source) == ("Damascus", "clause")


@pytest.mark.parametrize(
    ("feature", "lat", "expected"),
    [
        ("country", 35.0, "country"),
        ("admin1", 36.0, "admin1"),
        ("admin2", 36.0, "admin1"),
        ("city", 36.2, "city"),
        ("continent", 50.0, None),
        (None, 36.2, "point"),
        (None, None, None),
    ],
)
def test_precision_follows_the_feature_class(feature, lat, expected):
    place = Place(start=0, end=5, text="Aleppo", country="SYR", feature=feature, lat=lat, lon=lat)
    assert precision_of(place) == expected


def test_a_when_clause_takes_the_date_it_hangs_from_not_the_span(pipeline):
    event = only(
        events(
            pipeline,
            "Syria has been at war since early 2011, when the government cracked down on "
            "protesters.",
            published=date(2016, 7, 19),
        ),
        "COERCE",
    )
    assert (event.date, event.date_source) == ("2011", "clause")


def test_a_point_date_of_the_sentence_dates_an_act_in_another_clause_of_it(rules):
    event = only(
        events(
            rules,
            "Twelve people were killed on Sunday when army helicopters dropped barrel bombs on a "
            "market in Aleppo.",
            published=date(2016, 7, 19),
        ),
        "ASSAULT",
    )
    assert (event.date, event.date_source) == ("2016-07-17", "sentence")
    assert event.location is not None
    assert event.location.text == "Aleppo"
