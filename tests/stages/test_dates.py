"""The dates stage on real sentences parsed by the real spaCy model."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.ingest import build_article
from dateline.model import Analysis, Article, ArticleId, Precision, TimeExpression
from dateline.stages.dates import RuleTimeFinder, anchor_date, expression_for

WEDNESDAY = date(2023, 5, 10)


def _article(text: str, published: date | None = WEDNESDAY) -> Article:
    return Article(id=ArticleId("test"), text=text, published=published)


def _times(nlp: object, text: str, published: date | None = WEDNESDAY) -> list[TimeExpression]:
    article = _article(text, published)
    return list(RuleTimeFinder(nlp)(article, nlp(text)))  # type: ignore[operator,arg-type]


def _values(nlp: object, text: str, published: date | None = WEDNESDAY) -> dict[str, str | None]:
    return {t.text: t.formatted() for t in _times(nlp, text, published)}


def test_finder_seed_dates_december_talks_to_previous_year(seed_analysis: Analysis) -> None:
    [december] = [t for t in seed_analysis.times if t.text == "December"]
    assert december.formatted() == "2022-12"
    assert december.precision is Precision.MONTH


def test_finder_seed_dates_invitation_summit_ahead(seed_analysis: Analysis) -> None:
    values = {t.text: t.formatted() for t in seed_analysis.times}
    assert values["May 19"] == "2023-05-19"
    assert values["Wednesday"] == "2023-05-10"


def test_finder_spans_point_into_article_text(seed_analysis: Analysis) -> None:
    text = seed_analysis.article.text
    assert seed_analysis.times
    assert all(text[t.start : t.end] == t.text for t in seed_analysis.times)


@pytest.mark.parametrize(
    ("sentence", "words", "expected"),
    [
        ("The ministers met in Moscow on Monday.", "Monday", "2023-05-08"),
        ("The ministers met in Moscow on Wednesday.", "Wednesday", "2023-05-10"),
        ("The ministers will meet in Moscow on Monday.", "Monday", "2023-05-15"),
        ("The ministers will meet in Moscow on Saturday.", "Saturday", "2023-05-13"),
        (
            "Officials said rebels must leave the city by Friday evening.",
            "Friday evening",
            "2023-05-12",
        ),
        ("Police could be seen inside the store on Tuesday.", "Tuesday", "2023-05-09"),
    ],
)
def test_finder_places_weekday_by_tense(
    nlp: object, sentence: str, words: str, expected: str
) -> None:
    assert _values(nlp, sentence)[words] == expected


@pytest.mark.parametrize(
    ("sentence", "words", "expected"),
    [
        ("Defence ministers had held talks in December.", "December", "2022-12"),
        ("The election will be held in December.", "December", "2023-12"),
        ("The election will be held in March.", "March", "2024-03"),
        ("Protests erupted in March.", "March", "2023-03"),
        ("The summit will open on May 19.", "May 19", "2023-05-19"),
        ("The summit opened on May 19.", "May 19", "2022-05-19"),
        (
            "Chemical weapons are alleged to have been used on December 23.",
            "December 23",
            "2022-12-23",
        ),
        ("It says the halt will continue, as it has since October 18.", "October 18", "2022-10-18"),
    ],
)
def test_finder_places_yearless_date_by_tense(
    nlp: object, sentence: str, words: str, expected: str
) -> None:
    assert _values(nlp, sentence)[words] == expected


@pytest.mark.parametrize(
    ("sentence", "words", "expected", "precision"),
    [
        ("Air strikes hit the town last week.", "last week", "2023-05-01", Precision.WEEK),
        ("Talks resumed earlier this week.", "earlier this week", "2023-05-08", Precision.WEEK),
        ("The vote is due next month.", "next month", "2023-06", Precision.MONTH),
        ("Prices rose earlier this year.", "earlier this year", "2023", Precision.YEAR),
        ("Growth slowed late last year.", "late last year", "2022", Precision.YEAR),
        ("The army said yesterday it had won.", "yesterday", "2023-05-09", Precision.DAY),
        ("The town fell a week ago.", "a week ago", "2023-05-03", Precision.DAY),
        (
            "The coalition began strikes last September.",
            "last September",
            "2022-09",
            Precision.MONTH,
        ),
        ("The war began in March 2011.", "March 2011", "2011-03", Precision.MONTH),
        ("Fighting eased in mid-2015.", "mid-2015", "2015", Precision.YEAR),
        ("Troops arrived on 21 May.", "21 May", "2022-05-21", Precision.DAY),
    ],
)
def test_finder_normalises_expression(
    nlp: object, sentence: str, words: str, expected: str, precision: Precision
) -> None:
    [time] = [t for t in _times(nlp, sentence) if t.text == words]
    assert (time.formatted(), time.precision) == (expected, precision)


def test_finder_reads_numeric_and_headline_dates(nlp: object) -> None:
    values = _values(nlp, "23.10.2017 A group said on Sun 22 Feb 2015 that the site was hit.")
    assert values == {"23.10.2017": "2017-10-23", "Sun 22 Feb 2015": "2015-02-22"}


def test_finder_gives_range_its_end(nlp: object) -> None:
    sentence = "The coalition said strikes between April 27 and May 18 killed leaders."
    [time] = _times(nlp, sentence, published=date(2017, 5, 27))
    assert (time.value, time.end_value) == (date(2017, 4, 27), date(2017, 5, 18))


def test_finder_gives_short_year_range_its_end(nlp: object) -> None:
    [time] = _times(nlp, "The area planted in the 2015-16 season is the smallest ever.")
    assert (time.text, time.formatted(), time.end_value) == ("2015-16", "2015", date(2016, 12, 31))


@pytest.mark.parametrize(
    ("sentence", "words", "first", "last"),
    [
        (
            "It was the deadliest attack since the 1980s.",
            "the 1980s",
            date(1980, 1, 1),
            date(1989, 12, 31),
        ),
        (
            "They fought there in the summer of 2013.",
            "the summer of 2013",
            date(2013, 6, 1),
            date(2013, 8, 31),
        ),
        (
            "Sales fell in the fourth quarter of 2012.",
            "the fourth quarter of 2012",
            date(2012, 10, 1),
            date(2012, 12, 31),
        ),
        (
            "Strikes killed dozens in the last 12 days of April.",
            "the last 12 days of April",
            date(2023, 4, 19),
            date(2023, 4, 30),
        ),
    ],
)
def test_finder_maps_periods_without_a_precision_of_their_own(
    nlp: object, sentence: str, words: str, first: date, last: date
) -> None:
    [time] = [t for t in _times(nlp, sentence) if t.text == words]
    assert (time.value, time.end_value) == (first, last)


@pytest.mark.parametrize(
    "sentence",
    [
        "Theresa May said the talks would go on.",
        "Rebels killed 2000 people and wounded 1300 others.",
        "The population fell from 2000 to a few hundred.",
        "Protesters gather on Tuesdays outside the ministry.",
        "USA Today reported the figures.",
        "The town has been inhabited since 1750 BC.",
    ],
)
def test_finder_skips_words_that_are_not_dates_here(nlp: object, sentence: str) -> None:
    assert _times(nlp, sentence) == []


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        ("The group has controlled the town since 2012.", "2012"),
        ("The 2011 uprising changed everything.", "2011"),
        ("September was the deadliest month of 2017 for civilians.", "September"),
        ("Tuesdays vote was delayed.", "Tuesdays"),
    ],
)
def test_finder_keeps_words_that_are_dates_here(nlp: object, sentence: str, words: str) -> None:
    assert words in _values(nlp, sentence)


def test_finder_without_anchor_keeps_span_and_leaves_value_empty(nlp: object) -> None:
    times = _times(nlp, "The army said on Monday it took the town in March 2011.", published=None)
    assert [(t.text, t.value) for t in times] == [
        ("Monday", None),
        ("March 2011", date(2011, 3, 1)),
    ]


def test_anchor_date_falls_back_to_header_stamp() -> None:
    text = "Ellen DeGeneres to host the Oscars\nPublished: August 2, 2013\nShe said so on Friday."
    assert anchor_date(_article(text, published=None)) == date(2013, 8, 2)


def test_anchor_date_ignores_dates_in_the_story() -> None:
    text = "Rebels said that on August 2, 2013 they had taken the town after a long siege."
    assert anchor_date(_article(text, published=None)) is None


def test_finder_dates_dateline_by_its_parsed_date(nlp: object) -> None:
    text = "ANKARA, May 10 (Reuters) - Foreign ministers met on Wednesday in Moscow."
    article = build_article(text, origin="<test>", title="Talks", published=date(2023, 5, 11))
    times = RuleTimeFinder(nlp)(article, nlp(article.text))  # type: ignore[operator,arg-type]
    assert [(t.text, t.formatted()) for t in times] == [
        ("May 10", "2023-05-10"),
        ("Wednesday", "2023-05-10"),
    ]


def _trigger(doc: object, word: str) -> object:
    return next(t for t in doc if t.text == word)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("trigger", "expected"),
    [("said", "Tuesday"), ("attacked", "Monday"), ("blamed", None)],
)
def test_expression_for_stays_in_the_trigger_clause(
    nlp: object, trigger: str, expected: str | None
) -> None:
    text = "Russia said on Tuesday that rebels attacked the town on Monday and blamed Turkey."
    doc = nlp(text)  # type: ignore[operator]
    times = RuleTimeFinder(nlp)(_article(text), doc)  # type: ignore[arg-type]
    found = expression_for(_trigger(doc, trigger), times)  # type: ignore[arg-type]
    assert (found.text if found else None) == expected


def test_expression_for_reaches_through_the_trigger_verb(nlp: object) -> None:
    text = "Syrian and Turkish defence ministers had also held talks in Moscow in December."
    doc = nlp(text)  # type: ignore[operator]
    times = RuleTimeFinder(nlp)(_article(text), doc)  # type: ignore[arg-type]
    found = expression_for(_trigger(doc, "talks"), times)  # type: ignore[arg-type]
    assert found is not None
    assert (found.text, found.formatted()) == ("December", "2022-12")


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    ("head", "stamp"),
    [
        ("Published November 17 2017 A car bomb killed 26 people on Friday.", date(2017, 11, 17)),
        ("Date of publication 7 July 2016 More than 33 people were killed.", date(2016, 7, 7)),
        ("Strikes kill 45 Monitor AFP Thursday 5 Feb 2015 At least 45 people died.",
         date(2015, 2, 5)),
        ("Fired accountant goes on a spree\non Apr 12 2007\nA fired accountant returned.",
         date(2007, 4, 12)),
    ],
)  # fmt: skip
def test_anchor_is_the_texts_own_date_stamp_before_the_published_metadata(
    head: str, stamp: date
) -> None:
    assert anchor_date(_article(head, published=date(2017, 11, 6))) == stamp


@pytest.mark.issue(11)
def test_a_full_date_after_a_preposition_dates_an_act_not_the_text() -> None:
    text = "On 5 January 2015 rebels attacked an army post near Hama, the army said."
    assert anchor_date(_article(text, published=date(2015, 1, 19))) == date(2015, 1, 19)


@pytest.mark.issue(11)
def test_relative_dates_count_from_the_stamp(nlp: object) -> None:
    text = "Published November 17 2017 A car bomb killed 26 people on Friday in eastern Syria."
    values = _values(nlp, text, published=date(2017, 11, 6))
    assert values["Friday"] == "2017-11-17"
