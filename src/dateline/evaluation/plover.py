"""Score the event coder against gold sentences in the PLOVER gold-standard format.

Each gold record is one sentence with its PLOVER 2021 event type, source and target actors
(country code and sector). A sentence may carry several records (several events). Scoring is
per sentence and event type: a predicted type the sentence's gold lacks is a false positive, a
gold type with no prediction a miss. Events the coder marks as negated did not happen and
are not counted as predictions.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dateline.errors import InputError
from dateline.evaluation.records import Counts, iter_records
from dateline.ingest import build_article
from dateline.model import Analysis, Event, TimeStatus
from dateline.pipeline import Pipeline

# Codes the PLOVER gold still writes the old way
LEGACY_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "ROM": "ROU", "ZAR": "COD", "TMP": "TLS"}
_UNCOUNTED = frozenset({TimeStatus.NEGATED})


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One gold record: a sentence, an event type and its actors' codes and sectors.

    An empty ``event`` marks a sentence in which no event is expected.
    """

    text: str
    event: str
    sources: tuple[tuple[str | None, str | None], ...]  # (code, sector)
    targets: tuple[tuple[str | None, str | None], ...]
    reciprocal: bool = False


@dataclass(slots=True)
class Report:
    """Everything ``evaluate`` measures."""

    sentences: int = 0
    stage_failures: int = 0  # stage crashes while analysing the gold sentences
    events: Counts = field(default_factory=Counts)
    by_type: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    codes: Counts = field(default_factory=Counts)
    sectors_right: int = 0
    sectors_scored: int = 0
    confusions: Counter[tuple[str, str]] = field(default_factory=Counter)

    @property
    def macro_f1(self) -> float:
        """Mean F1 over the event types present in the gold."""
        present = [c for c in self.by_type.values() if c.tp + c.fn]
        return sum(c.f1 for c in present) / len(present) if present else 0.0

    @property
    def sector_accuracy(self) -> float:
        """Share of matched actors whose gold sector the coder gave too."""
        return self.sectors_right / self.sectors_scored if self.sectors_scored else 0.0

    def as_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data."""
        return {
            "sentences": self.sentences,
            "stage_failures": self.stage_failures,
            "events_micro": self.events.as_dict(),
            "events_macro_f1": round(self.macro_f1, 4),
            "by_type": {k: v.as_dict() for k, v in sorted(self.by_type.items())},
            "actor_codes": self.codes.as_dict(),
            "sector_accuracy": round(self.sector_accuracy, 4),
            "sectors_scored": self.sectors_scored,
            "confusions": [
                {"gold": g, "predicted": p, "count": n}
                for (g, p), n in self.confusions.most_common(15)
            ],
        }


def read_gold(path: Path) -> list[GoldEvent]:
    """Read PLOVER gold-standard JSON Lines (``text``, ``event_2021``, ``source``, ``target``).

    Raises:
        InputError: the file is missing or a line is not a gold record.
    """
    records = []
    for number, record in iter_records(path, ("text",), "PLOVER gold record"):
        try:
            records.append(gold_from_record(record))
        except (KeyError, TypeError) as error:
            raise InputError(
                f"{path}:{number}: not a PLOVER gold record ({type(error).__name__}: {error}); "
                'expected {"text", "event_2021", "source": [{"code", "sector"}], "target": [...]}'
            ) from error
    return records


def read_petrarch_tests(path: Path) -> list[GoldEvent]:
    """PETRARCH2's real-world unit-test sentences as gold, through their ``plover_2021`` types.

    CAMEO actor codes such as "IGOEEU" or "KUWGOV" are split into code and sector.

    Raises:
        InputError: the file is missing or a line is not a test record.
    """
    gold = []
    for number, record in iter_records(path, ("text",), "PETRARCH2 test record"):
        try:
            text = clean_text(record["text"])
            expected = [e for e in record.get("expected") or () if e.get("plover_2021")]
        except (TypeError, AttributeError) as error:
            raise InputError(f"{path}:{number}: not a PETRARCH2 test record: {error}") from error
        if record.get("expect_error"):
            continue
        if not expected:
            if record.get("expect_no_events"):
                gold.append(GoldEvent(text=text, event="", sources=(), targets=()))
            continue
        for event in expected:
            gold.append(GoldEvent(
                text=text, event=event["plover_2021"],
                sources=(_cameo_actor(event.get("source_code")),),
                targets=(_cameo_actor(event.get("target_code")),),
            ))  # fmt: skip
    return gold


def _cameo_actor(code: str | None) -> tuple[str | None, str | None]:
    if not code or code.startswith("---"):
        return None, (code or "")[3:6] or None
    head = code[:3]
    sector = code[3:6] if head not in ("IGO", "NGO", "IMG", "MNC") else None
    return LEGACY_CODES.get(head, head), sector or None


def gold_from_record(record: Mapping[str, Any]) -> GoldEvent:
    """One gold record from its JSON form."""
    # a null event marks a sentence in which nothing should be coded
    event = record["event_2021"] if "event_2021" in record else record["event"]
    return GoldEvent(
        text=clean_text(record["text"]),
        event=str(event or ""),
        sources=tuple(actor_codes(a) for a in record.get("source") or ()),
        targets=tuple(actor_codes(a) for a in record.get("target") or ()),
        reciprocal=bool(record.get("reciprocal")),
    )


def clean_text(text: str) -> str:
    """A gold sentence as plain text."""
    # a few gold sentences are wrapped in braces; LaTeX-style quotes become plain ones
    text = text.strip()
    if text.startswith("{") and text.endswith("}"):
        text = text[1:-1]
    return text.replace("``", '"').replace("''", '"').replace("\\$", "$")


def actor_codes(actor: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """A gold actor's country code (legacy codes modernised) and three-letter sector."""
    code = actor.get("code")
    if isinstance(code, str):
        code = LEGACY_CODES.get(code, code)
    sector = actor.get("sector")
    if isinstance(sector, str):
        sector = sector[:3].upper() if sector[:3].isalpha() else None
    return code, sector


def group_by_sentence(gold: Iterable[GoldEvent]) -> dict[str, list[GoldEvent]]:
    """Gold records of each distinct sentence, in first-seen order."""
    grouped: dict[str, list[GoldEvent]] = {}
    for item in gold:
        grouped.setdefault(item.text, []).append(item)
    return grouped


def counted_events(analysis: Analysis) -> list[Event]:
    """The events that count as predictions: not negated."""
    return [e for e in analysis.events if e.time_status not in _UNCOUNTED]


def score(gold: Sequence[GoldEvent], predictions: Mapping[str, Sequence[Event]]) -> Report:
    """Compare predicted events (by sentence text) with the gold."""
    report = Report()
    for text, items in group_by_sentence(gold).items():
        report.sentences += 1
        events = list(predictions.get(text, ()))
        gold_types = {g.event for g in items if g.event}
        predicted_types = {e.type for e in events}
        for kind in gold_types | predicted_types:
            counts = report.by_type[kind]
            if kind in gold_types and kind in predicted_types:
                counts.tp += 1
                report.events.tp += 1
            elif kind in gold_types:
                counts.fn += 1
                report.events.fn += 1
            else:
                counts.fp += 1
                report.events.fp += 1
        for missed in gold_types - predicted_types:
            for wrong in predicted_types - gold_types:
                report.confusions[(missed, wrong)] += 1
            if not predicted_types:
                report.confusions[(missed, "(none)")] += 1
        for item in items:
            if item.event:
                _score_actors(report, item, [e for e in events if e.type == item.event] or events)
    return report


def _score_actors(report: Report, item: GoldEvent, events: Sequence[Event]) -> None:
    predicted_sources = [(a.code, a.sector) for e in events for a in e.actors]
    predicted_targets = [(a.code, a.sector) for e in events for a in e.recipients]
    if item.reciprocal or not item.targets:
        # "X and Y met": all parties are actors; a coder that splits them is not wrong
        roles = [(item.sources + item.targets, predicted_sources + predicted_targets)]
    else:
        roles = [(item.sources, predicted_sources), (item.targets, predicted_targets)]
    for gold_actors, predicted in roles:
        gold_codes = {code for code, _ in gold_actors if code}
        predicted_codes = {code for code, _ in predicted if code}
        report.codes.tp += len(gold_codes & predicted_codes)
        report.codes.fp += len(predicted_codes - gold_codes)
        report.codes.fn += len(gold_codes - predicted_codes)
        for code, sector in gold_actors:
            if not code or not sector or code not in predicted_codes:
                continue
            report.sectors_scored += 1
            report.sectors_right += any(c == code and s == sector for c, s in predicted)


def iter_predictions(
    analyses: Iterable[Analysis], texts: Sequence[str]
) -> Iterator[tuple[str, list[Event]]]:
    """Pair each gold sentence text with the counted events of its analysis."""
    for text, analysis in zip(texts, analyses, strict=True):
        yield text, counted_events(analysis)


def evaluate(gold: Sequence[GoldEvent], pipeline: Pipeline, *, origin: str = "gold") -> Report:
    """Run ``pipeline`` on every gold sentence (as a one-sentence article) and score it."""
    texts = list(group_by_sentence(gold))
    articles = [
        build_article(text, origin=f"{origin}:{number}", title="")
        for number, text in enumerate(texts, start=1)
    ]
    # a stage that crashed would only show as lower figures: count the crashes instead
    analyses = list(pipeline.analyse_many(articles))
    report = score(gold, dict(iter_predictions(analyses, texts)))
    report.stage_failures = sum(
        1 for a in analyses for f in a.failures if f.stage not in ("language",)
    )
    return report
