"""Scoring the dates stage: aligning gold items, cutting values to a precision, counting."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dateline.errors import InputError
from dateline.evaluation.dates import (
    GoldArticle,
    GoldTime,
    express,
    expression_kind,
    judge,
    judge_outside,
    load_articles,
    load_gold,
    locate,
    score,
)
from dateline.model import Article, ArticleId, Precision, TimeExpression


def _gold(
    text: str, start: int, sentence: str, value: str, precision: str, **more: object
) -> GoldTime:
    return GoldTime(
        article="a", source="articles/fakes.jsonl", text=text, start=start,
        end=start + len(text), sentence=sentence, value=value, precision=precision,
        **more,  # type: ignore[arg-type]
    )  # fmt: skip


def _time(
    start: int, text: str, value: date, precision: Precision, end: date | None = None
) -> TimeExpression:
    return TimeExpression(
        start=start,
        end=start + len(text),
        text=text,
        value=value,
        precision=precision,
        end_value=end,
    )


def test_locate_finds_the_same_occurrence_in_cleaned_text() -> None:
    source = "Header line. It rained on Monday. It snowed on Monday."
    clean = "It rained on Monday. It snowed on Monday."
    item = _gold("Monday", source.rindex("Monday"), "It snowed on Monday.", "2016-10-10", "day")
    assert locate(item, source, clean) == (clean.rindex("Monday"), clean.rindex("Monday") + 6)


def test_locate_survives_a_sentence_changed_by_cleaning() -> None:
    source = "People died since March 2011.-AFP"
    clean = "People died since March 2011."
    item = _gold("March 2011", source.index("March"), source, "2011-03", "month")
    assert locate(item, source, clean) == (18, 28)


def test_locate_returns_none_for_removed_furniture() -> None:
    source = "May 10, 2023\n450 views\nMinisters met."
    item = _gold("May 10, 2023", 0, "May 10, 2023", "2023-05-10", "day")
    assert locate(item, source, "Ministers met.") is None


@pytest.mark.parametrize(
    ("value", "precision", "target", "end", "expected"),
    [
        (date(2016, 10, 12), Precision.DAY, "week", None, "2016-W41"),
        (date(2016, 10, 10), Precision.WEEK, "week", None, "2016-W41"),
        (date(2016, 10, 10), Precision.WEEK, "month", None, None),
        (date(2016, 10, 1), Precision.MONTH, "day", None, None),
        (date(2013, 6, 1), Precision.MONTH, "season", date(2013, 8, 31), "2013-SU"),
        (date(2013, 12, 1), Precision.MONTH, "season", date(2014, 2, 28), "2013-WI"),
        (date(2013, 5, 1), Precision.MONTH, "season", date(2013, 8, 31), None),
        (date(1980, 1, 1), Precision.YEAR, "decade", date(1989, 12, 31), "198"),
        (date(2012, 10, 1), Precision.MONTH, "quarter", date(2012, 12, 31), "2012-Q4"),
        (date(2016, 10, 1), Precision.MONTH, "fortnight", None, None),
    ],
)
def test_express_cuts_to_the_gold_precision(
    value: date, precision: Precision, target: str, end: date | None, expected: str | None
) -> None:
    assert express(value, precision, target, end) == expected


def test_judge_requires_range_end() -> None:
    sentence = "strikes between April 27 and May 18 killed"
    item = _gold(
        "between April 27 and May 18", 8, sentence, "2017-04-27", "day", value_end="2017-05-18"
    )
    right = _time(8, item.text, date(2017, 4, 27), Precision.DAY, date(2017, 5, 18))
    wrong = _time(8, item.text, date(2017, 4, 27), Precision.DAY, date(2017, 5, 19))
    assert judge(item, (8, 35), [right]).is_correct
    assert not judge(item, (8, 35), [wrong]).is_correct


def test_judge_counts_finer_prediction_right_but_not_exact() -> None:
    item = _gold("mid-2015", 6, "since mid-2015", "2015", "year")
    judged = judge(item, (6, 14), [_time(6, "mid-2015", date(2015, 7, 1), Precision.MONTH)])
    assert (judged.is_correct, judged.is_exact) == (True, False)


def test_score_counts_false_positives_only_in_fully_labelled_articles() -> None:
    text = "They met on Monday and again in 2011."
    article = Article(id=ArticleId("a"), text=text, published=date(2016, 10, 13))
    item = _gold("Monday", 12, text, "2016-10-10", "day")
    predictions = {
        "a": [
            _time(12, "Monday", date(2016, 10, 10), Precision.DAY),
            _time(32, "2011", date(2011, 1, 1), Precision.YEAR),
        ]
    }
    full = score([item], {"a": GoldArticle(article, text, True)}, predictions)
    partial = score([item], {"a": GoldArticle(article, text, False)}, predictions)
    assert (full.accuracy, full.recall, full.precision) == (1.0, 1.0, 0.5)
    assert (partial.predictions, partial.false_positives) == (0, ())


@pytest.mark.parametrize(
    ("text", "is_range", "kind"),
    [
        ("Tuesdays", False, "weekday"),
        ("early Friday", False, "weekday"),
        ("last week", False, "relative"),
        ("a week ago", False, "relative"),
        ("March 2011", False, "with year"),
        ("the 1980s", False, "with year"),
        ("Oct. 18", False, "month and day"),
        ("late May", False, "month"),
        ("2015-16", True, "range"),
    ],
)
def test_expression_kind(text: str, is_range: bool, kind: str) -> None:
    assert expression_kind(text, is_range) == kind


def test_load_gold_names_the_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('{"article": "a", "text": "May"}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"gold\.jsonl:1: gold item lacks file"):
        load_gold(path)


def test_load_articles_names_the_bad_line(tmp_path: Path) -> None:
    gold = [_gold("Monday", 0, "Monday", "2016-10-10", "day")]
    path = tmp_path / "articles.jsonl"
    path.write_text('{"id": "a", "text": "Monday"}\n{"id": "b"\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"articles\.jsonl:2: invalid JSON"):
        load_articles(path, {}, gold)


def test_judge_outside_credits_a_stamp_ingest_read_as_published() -> None:
    article = Article(id=ArticleId("a"), text="Ministers met.", published=date(2023, 5, 10))
    item = _gold("May 10, 2023", 0, "May 10, 2023", "2023-05-10", "day")
    judged = judge_outside(item, GoldArticle(article, "May 10, 2023\nMinisters met.", True))
    assert (judged.where, judged.is_correct) == ("furniture", True)


def test_judge_outside_never_credits_the_gold_date() -> None:
    article = Article(id=ArticleId("a"), text="Ministers met.")
    item = _gold("May 10, 2023", 0, "May 10, 2023", "2023-05-10", "day")
    labelled = GoldArticle(article, "May 10, 2023\nMinisters met.", True, date(2023, 5, 10))
    assert labelled.dated.published == date(2023, 5, 10)
    assert not judge_outside(item, labelled).is_correct


def test_judge_outside_counts_a_headline_as_missed() -> None:
    article = Article(
        id=ArticleId("a"), text="The show is on.", title="DeGeneres to Host Next Year"
    )
    item = _gold("Next Year", 18, "DeGeneres to Host Next Year", "2014", "year")
    judged = judge_outside(item, GoldArticle(article, "DeGeneres to Host Next Year", False))
    assert (judged.where, judged.is_correct) == ("title", False)
