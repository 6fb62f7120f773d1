"""Run the pipeline over gold articles and hand each gold sentence its predicted events."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping
from datetime import date

from dateline.evaluation.corpus import GoldArticle, Sentence
from dateline.evaluation.scoring import CorpusReport, score_corpus
from dateline.ingest.datelines import parse_dateline
from dateline.model import Article, ArticleId, Event
from dateline.pipeline import Pipeline


def _published(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def gold_article(gold: GoldArticle) -> Article:
    """The article as the pipeline sees it: the gold text unchanged, so offsets agree."""
    published = _published(gold.published)
    return Article(
        id=ArticleId(gold.id), text=gold.text, title=gold.title, published=published,
        source=gold.source, dateline=parse_dateline(gold.text, published), origin=gold.id,
    )  # fmt: skip


def predict(
    pipeline: Pipeline, articles: Mapping[str, GoldArticle]
) -> tuple[dict[str, list[Event]], int]:
    """Events of every gold sentence (by sid), and the number of stage crashes."""
    by_sid: dict[str, list[Event]] = {}
    crashes = 0
    golds = list(articles.values())
    for gold, analysis in zip(
        golds, pipeline.analyse_many(gold_article(g) for g in golds), strict=True
    ):
        crashes += sum(1 for f in analysis.failures if f.stage != "language")
        ordered = sorted(gold.sentences, key=lambda s: s.start)
        starts = [s.start for s in ordered]
        for event in analysis.events:
            at = bisect_right(starts, event.trigger_start) - 1
            if at >= 0 and event.trigger_start < ordered[at].end:
                by_sid.setdefault(ordered[at].sid, []).append(event)
    return by_sid, crashes


def evaluate_corpus(
    pipeline: Pipeline,
    sentences: Iterable[Sentence],
    articles: Mapping[str, GoldArticle],
    *,
    statuses: frozenset[str] | None = None,
) -> CorpusReport:
    """Score ``pipeline`` on gold sentences; ``statuses`` keeps only predictions with those
    time statuses (None keeps all: negated and hypothetical events are coded in the gold too)."""
    chosen = list(sentences)
    predictions, crashes = predict(pipeline, articles)
    if statuses is not None:
        predictions = {
            sid: [e for e in events if e.time_status.value in statuses]
            for sid, events in predictions.items()
        }
    report = score_corpus(chosen, predictions)
    report.stage_failures = crashes
    return report
