"""Score the dates stage against hand-labelled time expressions (``bench/gold/dates.jsonl``):
normalisation accuracy at the gold precision, recognition recall and precision, by kind."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from dateline.errors import ArticleError, InputError
from dateline.evaluation.records import iter_records, read_sources
from dateline.ingest.readers import article_from_record
from dateline.model import Article, Precision, TimeExpression
from dateline.stages.timeforms import period_end
from dateline.timewords import SEASONS, WEEKDAYS

if TYPE_CHECKING:
    from spacy.language import Language

    from dateline.stages.protocols import TimeFinder

# The labeller marked every resolvable expression in the FA-KES articles and the seed, but
# only some kinds in the ECB+ ones: an unlabelled prediction there is not known to be wrong.
PARTIALLY_LABELLED_SOURCES = frozenset({"articles/ecbplus.jsonl"})

# Finest to coarsest; a prediction can be cut to any precision at or above its own, except
# that weeks do not nest in months or seasons.
_RANK = {"day": 0, "week": 1, "month": 2, "season": 3, "quarter": 3, "half": 3, "year": 4,
         "decade": 5, "century": 6}  # fmt: skip
_SEASON_CODES = {"spring": "SP", "summer": "SU", "autumn": "FA", "winter": "WI"}
_REQUIRED = ("article", "file", "text", "start", "end", "sentence", "value", "precision")


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldTime:
    """One hand-labelled time expression."""

    article: str
    source: str  # the file it was labelled in: "articles/fakes.jsonl"
    text: str
    start: int  # offsets into the source record's text
    end: int
    sentence: str
    value: str
    precision: str  # day, week, month, season, year, decade
    value_end: str | None = None
    published: str | None = None  # the publication date the labeller read
    note: str = ""

    @property
    def kind(self) -> str:
        """What sort of expression the gold text is, read from its words."""
        return expression_kind(self.text, self.value_end is not None)


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """A labelled article: as ingest reads it, and the source text the offsets index."""

    article: Article
    source_text: str
    is_fully_labelled: bool
    gold_published: date | None = None  # what the labeller took as the publication date

    @property
    def dated(self) -> Article:
        """The article as the stage sees it: where ingest found no publication date, the
        labeller's is supplied, as a feed's metadata would be."""
        if self.article.published is not None or self.gold_published is None:
            return self.article
        return replace(self.article, published=self.gold_published)


@dataclass(frozen=True, slots=True, kw_only=True)
class Judged:
    """One gold item and what the stage made of it."""

    gold: GoldTime
    span: tuple[int, int] | None  # where the gold item lies in Article.text, if it does
    predicted: TimeExpression | None
    predicted_value: str | None  # the prediction cut to the gold precision
    is_correct: bool
    is_exact: bool  # correct, and at the gold precision itself
    # "body"; "furniture": a stamp ingest took out of the text (and read as the publication
    # date); "title": in the headline, which the stage does not read
    where: str = "body"


@dataclass(frozen=True, slots=True, kw_only=True)
class DateScores:
    """Accuracy, recognition recall and precision, and the items behind them."""

    judged: tuple[Judged, ...]
    predictions: int  # in fully labelled articles
    false_positives: tuple[tuple[str, TimeExpression], ...] = ()
    anchors: Mapping[str, date | None] = field(default_factory=dict)

    @property
    def accuracy(self) -> float:
        """Gold items whose value the stage got right, over all gold items."""
        return _share(sum(j.is_correct for j in self.judged), len(self.judged))

    @property
    def exact_accuracy(self) -> float:
        """Right, and at the gold precision (a season or decade never is: no such precision)."""
        return _share(sum(j.is_exact for j in self.judged), len(self.judged))

    @property
    def recall(self) -> float:
        """Gold items in the article body that some predicted expression overlaps."""
        body = [j for j in self.judged if j.where == "body"]
        return _share(sum(j.predicted is not None for j in body), len(body))

    def places(self) -> dict[str, tuple[int, int]]:
        """(items, correct) per place of the gold items: body, furniture, title."""
        found: dict[str, tuple[int, int]] = {}
        for item in self.judged:
            items, right = found.get(item.where, (0, 0))
            found[item.where] = (items + 1, right + item.is_correct)
        return found

    @property
    def precision(self) -> float:
        """Predictions in fully labelled articles that overlap a gold item."""
        return _share(self.predictions - len(self.false_positives), self.predictions)

    def breakdown(self, key: str) -> dict[str, tuple[int, int]]:
        """(items, correct) per ``kind`` or ``precision`` of the gold items."""
        totals: Counter[str] = Counter()
        right: Counter[str] = Counter()
        for item in self.judged:
            name = item.gold.kind if key == "kind" else item.gold.precision
            totals[name] += 1
            right[name] += item.is_correct
        return {name: (totals[name], right[name]) for name in sorted(totals)}


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def expression_kind(text: str, is_range: bool = False) -> str:
    """Classify a gold expression by its words: range, weekday, relative, with year,
    month and day, or month."""
    words = text.lower()
    if is_range:
        return "range"
    if re.fullmatch(r"(?:early |late )?([a-z]+?)(?:'s|s)?", words) and _weekday(words):
        return "weekday"
    if re.search(r"\b(?:last|this|next|ago|yesterday|today|tomorrow|earlier|later|week)\b", words):
        return "relative"
    if re.search(r"\d{4}|\d0s\b", words):
        return "with year"
    if re.search(r"\d", words):
        return "month and day"
    return "month"


def _weekday(words: str) -> bool:
    return any(words.split()[-1].startswith(day) for day in WEEKDAYS if len(day) > 5)


def load_gold(path: Path) -> list[GoldTime]:
    """Read gold items from JSON Lines.

    Raises:
        InputError: a line is not JSON or lacks a field; the message names the line.
    """
    items: list[GoldTime] = []
    for _, record in iter_records(path, _REQUIRED, "gold item"):
        items.append(
            GoldTime(
                article=str(record["article"]),
                source=str(record["file"]),
                text=str(record["text"]),
                start=int(record["start"]),
                end=int(record["end"]),
                sentence=str(record["sentence"]),
                value=str(record["value"]),
                precision=str(record["precision"]),
                value_end=record.get("value_end"),
                published=record.get("published"),
                note=str(record.get("note", "")),
            )
        )
    return items


def load_articles(
    path: Path, texts: Mapping[str, Path], gold: Sequence[GoldTime]
) -> dict[str, GoldArticle]:
    """Read the labelled articles: JSON Lines records by ``id``, plus text files by id.

    Raises:
        InputError: a record or file cannot be read as an article, or a gold item's
            article is missing.
    """
    sources = {item.article: item.source for item in gold}
    raw = read_sources(path, texts, sources, "gold items")
    articles: dict[str, GoldArticle] = {}
    published = {item.article: item.published for item in gold if item.published}
    for article_id in sources:
        record, origin = raw[article_id]
        try:
            article = article_from_record(record, origin)
        except ArticleError as error:
            raise InputError(str(error)) from error
        day = published.get(article_id)
        articles[article_id] = GoldArticle(
            article=article,
            source_text=str(record["text"]),
            is_fully_labelled=sources[article_id] not in PARTIALLY_LABELLED_SOURCES,
            gold_published=date.fromisoformat(day) if day else None,
        )
    return articles


def locate(item: GoldTime, source_text: str, text: str) -> tuple[int, int] | None:
    """Where a gold item lies in the cleaned ``text``, found by its sentence, or None when
    cleaning removed it (a page header, say)."""
    sentence_starts = _occurrences(source_text, item.sentence)
    holding = [s for s in sentence_starts if s <= item.start < s + len(item.sentence)]
    if holding:
        clean_starts = _occurrences(text, item.sentence)
        if len(clean_starts) == len(sentence_starts):
            start = clean_starts[sentence_starts.index(holding[0])] + item.start - holding[0]
            if text[start : start + len(item.text)] == item.text:
                return start, start + len(item.text)
    # the sentence was changed by cleaning: take the same occurrence of the words themselves
    source_starts = _occurrences(source_text, item.text)
    clean_starts = _occurrences(text, item.text)
    if not clean_starts or item.start not in source_starts:
        return None
    if len(clean_starts) == len(source_starts):
        start = clean_starts[source_starts.index(item.start)]
    else:
        where = item.start / max(len(source_text), 1)
        start = min(clean_starts, key=lambda s: abs(s / max(len(text), 1) - where))
    return start, start + len(item.text)


def _occurrences(text: str, words: str) -> list[int]:
    found: list[int] = []
    start = text.find(words)
    while start >= 0 and words:
        found.append(start)
        start = text.find(words, start + 1)
    return found


def express(value: date, precision: Precision, target: str, end: date | None = None) -> str | None:
    """A predicted period written at the ``target`` precision, as the gold writes it; None
    when the prediction is too coarse to say ("2016-10" cannot be cut to a day)."""
    own = _RANK[str(precision)]
    goal = _RANK.get(target)
    if goal is None or own > goal or (precision is Precision.WEEK and 2 <= goal <= 3):
        return None
    if target == "day":
        return value.isoformat()
    if target == "week":
        year, week, _ = value.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if target == "month":
        return f"{value.year:04d}-{value.month:02d}"
    if target == "season":
        return _season(value, end or period_end(value, precision))
    if target in {"quarter", "half"}:
        return _year_part(
            value, end or period_end(value, precision), 3 if target == "quarter" else 6
        )
    if target == "year":
        return f"{value.year:04d}"
    if target == "decade":
        return str(value.year // 10)
    return str(value.year // 100)


def _year_part(first: date, last: date, months: int) -> str | None:
    """The quarter or half a period lies within, as "2012-Q4" or "2016-H1"."""
    index = (first.month - 1) // months
    if first.year != last.year or (last.month - 1) // months != index:
        return None
    return f"{first.year:04d}-{'Q' if months == 3 else 'H'}{index + 1}"


def _season(first: date, last: date) -> str | None:
    """The season a period lies within, as "2013-SU"; None if it spans more than one."""
    for name, months in SEASONS.items():
        code = _SEASON_CODES.get(name)
        if code is None or first.month not in months or last.month not in months:
            continue
        year = first.year - 1 if first.month < months[0] else first.year
        if (last - first).days < 100:
            return f"{year:04d}-{code}"
    return None


def judge(item: GoldTime, span: tuple[int, int] | None, times: Sequence[TimeExpression]) -> Judged:
    """Match a located gold item to the prediction that overlaps it most, and judge it."""
    predicted = None
    if span is not None:
        overlaps = [(min(t.end, span[1]) - max(t.start, span[0]), t) for t in times]
        overlapping = [o for o in overlaps if o[0] > 0]
        if overlapping:
            predicted = max(overlapping, key=lambda o: o[0])[1]
    if predicted is None or predicted.value is None or predicted.precision is None:
        return Judged(
            gold=item, span=span, predicted=predicted, predicted_value=None,
            is_correct=False, is_exact=False,
        )  # fmt: skip
    value = express(predicted.value, predicted.precision, item.precision, predicted.end_value)
    is_correct = value == item.value
    if item.value_end is not None:
        last = predicted.end_value or period_end(predicted.value, predicted.precision)
        is_correct = (
            is_correct and express(last, predicted.precision, item.precision) == item.value_end
        )
    return Judged(
        gold=item,
        span=span,
        predicted=predicted,
        predicted_value=value,
        is_correct=is_correct,
        is_exact=is_correct and str(predicted.precision) == item.precision,
    )


def judge_outside(item: GoldTime, labelled: GoldArticle) -> Judged:
    """Judge a gold item that is not in the article body: a header stamp that ingest read as
    the publication date is right when that date is; a headline is not read at all."""
    title = labelled.article.title or ""
    if item.text in title:
        return Judged(
            gold=item, span=None, predicted=None, predicted_value=None,
            is_correct=False, is_exact=False, where="title",
        )  # fmt: skip
    published = labelled.article.published  # as ingest found it, never the gold's
    value = express(published, Precision.DAY, item.precision) if published else None
    return Judged(
        gold=item, span=None, predicted=None, predicted_value=value, is_correct=value == item.value,
        is_exact=value == item.value and item.precision == "day", where="furniture",
    )  # fmt: skip


def score(
    gold: Sequence[GoldTime],
    articles: Mapping[str, GoldArticle],
    predictions: Mapping[str, Sequence[TimeExpression]],
) -> DateScores:
    """Judge every gold item and count unlabelled predictions in fully labelled articles.

    Each gold item is found in the cleaned ``Article.text`` by its sentence (its offsets
    index the source record) and matched to the prediction overlapping it most. That is
    right when its value, cut to the gold precision ("2022-12", "2016-W41", "2013-SU",
    "198" for a decade), equals the gold value, and its end the gold end for ranges. A
    prediction overlapping no gold item is a false positive only where every expression
    was labelled (``PARTIALLY_LABELLED_SOURCES``).
    """
    judged: list[Judged] = []
    spans: dict[str, list[tuple[int, int]]] = {name: [] for name in articles}
    for item in gold:
        labelled = articles[item.article]
        span = locate(item, labelled.source_text, labelled.article.text)
        if span is None:
            judged.append(judge_outside(item, labelled))
            continue
        spans[item.article].append(span)
        judged.append(judge(item, span, predictions.get(item.article, ())))
    counted = 0
    false_positives: list[tuple[str, TimeExpression]] = []
    for name, labelled in articles.items():
        if not labelled.is_fully_labelled:
            continue
        for time in predictions.get(name, ()):
            counted += 1
            if not any(time.start < end and start < time.end for start, end in spans[name]):
                false_positives.append((name, time))
    return DateScores(
        judged=tuple(judged), predictions=counted, false_positives=tuple(false_positives)
    )


def evaluate(
    finder: TimeFinder,
    nlp: Language,
    gold: Sequence[GoldTime],
    articles: Mapping[str, GoldArticle],
    only: Iterable[str] | None = None,
) -> DateScores:
    """Run ``finder`` over the labelled articles (or the ``only`` ones) and score it."""
    from dateline.stages.dates import anchor_date

    chosen = list(only) if only is not None else list(articles)
    subset = {name: articles[name] for name in chosen}
    docs = nlp.pipe((subset[name].article.text for name in chosen), batch_size=16)
    predictions = {
        name: tuple(finder(subset[name].dated, doc)) for name, doc in zip(chosen, docs, strict=True)
    }
    result = score([g for g in gold if g.article in subset], subset, predictions)
    anchors = {name: anchor_date(subset[name].article) for name in chosen}
    return DateScores(
        judged=result.judged,
        predictions=result.predictions,
        false_positives=result.false_positives,
        anchors=anchors,
    )


GOLD_FILE = Path("bench/gold/dates.jsonl")
ARTICLES_FILE = Path("bench/gold/dates_articles.jsonl")
TEXT_FILES = {"seed": Path("examples/reuters-2023-05-10-moscow-talks.txt")}


def load_gold_set(root: Path) -> tuple[list[GoldTime], dict[str, GoldArticle]]:
    """The gold items and their articles, from a checkout of the repository at ``root``."""
    gold = load_gold(root / GOLD_FILE)
    texts = {name: root / path for name, path in TEXT_FILES.items()}
    return gold, load_articles(root / ARTICLES_FILE, texts, gold)
