"""Score the quotes stage against hand-labelled quotes (``bench/gold/quotes.jsonl``): quote
spans and speakers, precision, recall and F1 by kind, speaker-code and channel accuracy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from dateline.errors import ArticleError, InputError
from dateline.evaluation.records import iter_records, prf, read_sources
from dateline.ingest.readers import article_from_record
from dateline.model import Actor, Analysis, Article, Quote

if TYPE_CHECKING:
    from dateline.pipeline import Pipeline

GOLD_FILE = Path("bench/gold/quotes.jsonl")
ARTICLES_FILE = Path("bench/gold/quotes_articles.jsonl")
TEXT_FILES = {"seed": Path("examples/reuters-2023-05-10-moscow-talks.txt")}
KINDS = ("direct", "partial", "indirect")
MIN_OVERLAP = 0.5  # of each span, for a prediction to match a gold quote

_REQUIRED = ("article", "kind", "quote", "start", "end", "speaker", "speaker_aliases")
_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")
_ARTICLES = frozenset({"the", "a", "an"})


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldQuote:
    """One hand-labelled quote."""

    article: str
    kind: str  # direct, partial, indirect
    text: str
    start: int  # offsets into the source record's text
    end: int
    speaker: str
    aliases: tuple[str, ...]
    code: str | None = None
    sector: str | None = None
    cue: str | None = None
    channel: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Pair:
    """A gold quote and the prediction matched to it (None when it was missed)."""

    gold: GoldQuote
    span: tuple[int, int] | None  # where the gold quote lies in the cleaned text
    predicted: Quote | None = None
    speaker_right: bool = False
    code_right: bool = False
    channel_right: bool = False


@dataclass(frozen=True, slots=True)
class QuoteScores:
    """What the quotes stage got right, counted so that any rate can be read off."""

    pairs: tuple[Pair, ...]
    predicted: tuple[tuple[str, Quote], ...]  # every prediction, with its article
    unmatched: tuple[tuple[str, Quote], ...] = field(default=())

    def span(self, kind: str | None = None) -> tuple[float, float, float]:
        """Quote-span precision, recall and F1, for every quote or one gold/predicted kind."""
        gold = [p for p in self.pairs if kind is None or p.gold.kind == kind]
        found = sum(p.predicted is not None for p in gold)
        predicted = [q for _, q in self.predicted if kind is None or str(q.kind) == kind]
        right = sum(
            p.predicted is not None and (kind is None or str(p.predicted.kind) == kind)
            for p in self.pairs
        )
        return prf(right, len(predicted), found, len(gold))

    def speaker(self, kind: str | None = None) -> tuple[float, float, float]:
        """Speaker precision (over predictions that name a speaker), recall and F1."""
        gold = [p for p in self.pairs if kind is None or p.gold.kind == kind]
        right_gold = sum(p.speaker_right for p in gold)
        named = [
            q
            for _, q in self.predicted
            if q.speaker is not None and (kind is None or str(q.kind) == kind)
        ]
        right_named = sum(
            p.speaker_right
            for p in self.pairs
            if p.predicted is not None and (kind is None or str(p.predicted.kind) == kind)
        )
        return prf(right_named, len(named), right_gold, len(gold))

    def code_accuracy(self) -> tuple[int, int]:
        """Right speaker codes over right speakers whose gold speaker has a code."""
        judged = [p for p in self.pairs if p.speaker_right and p.gold.code is not None]
        return sum(p.code_right for p in judged), len(judged)

    def kind_accuracy(self) -> tuple[int, int]:
        """Matched quotes given the gold kind, over matched quotes."""
        matched = [p for p in self.pairs if p.predicted is not None]
        return sum(str(p.predicted.kind) == p.gold.kind for p in matched if p.predicted), len(
            matched
        )

    def channel_accuracy(self) -> tuple[int, int]:
        """Matched quotes whose gold channel the prediction names, over those with one."""
        judged = [p for p in self.pairs if p.predicted is not None and p.gold.channel]
        return sum(p.channel_right for p in judged), len(judged)


# -- reading the gold set -----------------------------------------------------------------


def load_gold(path: Path) -> list[GoldQuote]:
    """Read gold quotes from JSON Lines.

    Raises:
        InputError: a line is not JSON or lacks a field; the message names the line.
    """
    items: list[GoldQuote] = []
    for number, record in iter_records(path, _REQUIRED, "gold quote"):
        if record["kind"] not in KINDS:
            raise InputError(f"{path}:{number}: kind {record['kind']!r} is not one of {KINDS}")
        items.append(
            GoldQuote(
                article=str(record["article"]),
                kind=str(record["kind"]),
                text=str(record["quote"]),
                start=int(record["start"]),
                end=int(record["end"]),
                speaker=str(record["speaker"]),
                aliases=tuple(str(a) for a in record["speaker_aliases"]),
                code=record.get("speaker_code"),
                sector=record.get("speaker_sector"),
                cue=record.get("cue"),
                channel=record.get("channel"),
            )
        )
    return items


def load_articles(
    path: Path, texts: Mapping[str, Path], wanted: Iterable[str]
) -> dict[str, Article]:
    """Read the labelled articles: JSON Lines records by ``id``, plus text files by id.

    Raises:
        InputError: a record or file cannot be read as an article, or one is missing.
    """
    names = list(dict.fromkeys(wanted))
    raw = read_sources(path, texts, names, "gold quotes")
    articles: dict[str, Article] = {}
    for name in names:
        record, origin = raw[name]
        try:
            articles[name] = article_from_record(record, origin)
        except ArticleError as error:
            raise InputError(str(error)) from error
    return articles


def load_gold_set(root: Path) -> tuple[list[GoldQuote], dict[str, Article]]:
    """The gold quotes and their articles, from a checkout of the repository at ``root``."""
    gold = load_gold(root / GOLD_FILE)
    texts = {name: root / path for name, path in TEXT_FILES.items()}
    return gold, load_articles(root / ARTICLES_FILE, texts, (g.article for g in gold))


def locate(gold: GoldQuote, text: str) -> tuple[int, int] | None:
    """Where the gold quote's words lie in the cleaned ``text`` (spacing may differ: a quote
    running over paragraphs), the occurrence nearest its source offset; None if absent."""
    words = gold.text.split()
    if not words:
        return None
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    found = [(m.start(), m.end()) for m in pattern.finditer(text)]
    if not found:
        return None
    return min(found, key=lambda span: abs(span[0] - gold.start))


# -- judging --------------------------------------------------------------------------------


def score(
    gold: Sequence[GoldQuote],
    articles: Mapping[str, Article],
    predictions: Mapping[str, Sequence[Quote]],
    actors: Mapping[str, Sequence[Actor]] | None = None,
) -> QuoteScores:
    """Match predictions to gold quotes article by article and judge each match.

    Each gold quote is found in the cleaned ``Article.text`` by its words (gold offsets index
    the source record). A prediction matches it when their overlap covers at least half of
    each span, one prediction to one gold quote, largest overlaps first. ``actors`` (the
    actors stage's mentions by article) let a speaker count as right through another mention
    of the same entity (see ``speaker_matches``).
    """
    pairs: list[Pair] = []
    unmatched: list[tuple[str, Quote]] = []
    for name, article in articles.items():
        items = [g for g in gold if g.article == name]
        spans = [locate(g, article.text) for g in items]
        predicted = list(predictions.get(name, ()))
        matches = _match(spans, predicted)
        mentions = (actors or {}).get(name, ())
        for index, item in enumerate(items):
            quote = matches.get(index)
            pairs.append(_judge(item, spans[index], quote, mentions))
        taken = {id(q) for q in matches.values()}
        unmatched.extend((name, q) for q in predicted if id(q) not in taken)
    flat = tuple((name, q) for name in articles for q in predictions.get(name, ()))
    return QuoteScores(pairs=tuple(pairs), predicted=flat, unmatched=tuple(unmatched))


def _match(spans: Sequence[tuple[int, int] | None], predicted: Sequence[Quote]) -> dict[int, Quote]:
    """Gold index -> prediction, one to one, largest overlap first."""
    candidates: list[tuple[int, int, int]] = []
    for g, span in enumerate(spans):
        if span is None:
            continue
        for p, quote in enumerate(predicted):
            overlap = min(span[1], quote.end) - max(span[0], quote.start)
            if overlap <= 0:
                continue
            if overlap >= MIN_OVERLAP * (span[1] - span[0]) and overlap >= MIN_OVERLAP * (
                quote.end - quote.start
            ):
                candidates.append((overlap, g, p))
    matched: dict[int, Quote] = {}
    used: set[int] = set()
    for _, g, p in sorted(candidates, reverse=True):
        if g not in matched and p not in used:
            matched[g] = predicted[p]
            used.add(p)
    return matched


def _judge(
    gold: GoldQuote, span: tuple[int, int] | None, quote: Quote | None, actors: Sequence[Actor]
) -> Pair:
    if quote is None:
        return Pair(gold=gold, span=span)
    right = speaker_matches(quote, gold, actors)
    speaker = quote.speaker
    return Pair(
        gold=gold,
        span=span,
        predicted=quote,
        speaker_right=right,
        code_right=right and speaker is not None and speaker.code == gold.code,
        channel_right=bool(gold.channel and quote.channel and _names(quote.channel, gold.channel)),
    )


def speaker_matches(quote: Quote, gold: GoldQuote, actors: Sequence[Actor] = ()) -> bool:
    """True if the predicted speaker names the gold speaker: a gold alias equals, or is
    contained in, the speaker's words, name or any mention of the same entity; or those
    words make up at least half of an alias; or they hold the surname of a gold person."""
    speaker = quote.speaker
    if speaker is None:
        return False
    said = [quote.speaker_text, speaker.text, speaker.name]
    if speaker.entity >= 0:
        for actor in actors:
            if actor.entity == speaker.entity:
                said.extend((actor.text, actor.name))
    names = [_words(s) for s in said if s]
    golds = [_words(g) for g in (gold.speaker, *gold.aliases)]
    surname = _surname(gold.speaker)
    for words in names:
        if not words:
            continue
        if surname is not None and surname in words:
            return True
        for alias in golds:
            if alias and (
                _contains(words, alias)
                or (_contains(alias, words) and 2 * len(words) >= len(alias))
            ):
                return True
    return False


def _names(predicted: str, gold: str) -> bool:
    said, wanted = _words(predicted), _words(gold)
    return bool(said and wanted) and (_contains(said, wanted) or _contains(wanted, said))


def _words(text: str) -> tuple[str, ...]:
    """Lower-cased words without possessive endings or a leading article."""
    words = [w.lower().replace("’", "'") for w in _WORD.findall(text.replace("’", "'"))]
    words = [w[:-2] if w.endswith("'s") else w.rstrip("'") for w in words]
    while words and words[0] in _ARTICLES:
        words.pop(0)
    return tuple(words)


def _contains(outer: Sequence[str], inner: Sequence[str]) -> bool:
    size = len(inner)
    return any(tuple(outer[i : i + size]) == tuple(inner) for i in range(len(outer) - size + 1))


def _surname(name: str) -> str | None:
    """The last word of a person's name ("Mevlut Cavusoglu"); None for other names."""
    words = name.split()
    if not 2 <= len(words) <= 4 or not all(w[:1].isupper() for w in words):
        return None
    last = _words(words[-1])
    return last[0] if last and len(last[0]) >= 3 else None


# -- running the pipeline -----------------------------------------------------------------------


def evaluate(
    pipeline: Pipeline,
    gold: Sequence[GoldQuote],
    articles: Mapping[str, Article],
    only: Iterable[str] | None = None,
) -> QuoteScores:
    """Run ``pipeline`` over the labelled articles (or the ``only`` ones) and score its quotes."""
    chosen = list(only) if only is not None else list(articles)
    subset = {name: articles[name] for name in chosen}
    analyses: dict[str, Analysis] = dict(
        zip(chosen, pipeline.analyse_many(subset[name] for name in chosen), strict=True)
    )
    return score(
        [g for g in gold if g.article in subset],
        subset,
        {name: a.quotes for name, a in analyses.items()},
        {name: a.actors for name, a in analyses.items()},
    )
