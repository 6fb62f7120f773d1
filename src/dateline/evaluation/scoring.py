"""Score predicted events against corpus sentences: type, the whole relation, codes, status,
date and place.

Predicted events belong to the gold sentence that holds their trigger. Within a sentence,
predictions and gold events of one type are paired (trigger overlap first, then text order);
the pairs carry the finer measures:

- event type P/R/F1, micro and macro over types (a type counted as often as it occurs);
- relation: a gold event whose paired prediction has the same actor and recipient mentions
  (each gold mention overlapped by a predicted one in the same role, and no predicted mention
  outside the gold; a reciprocal gold event, all parties actors, accepts them in either role);
- actor and recipient country codes: P/R/F1 over (role, code) on pairs, unpaired events
  counting their codes as misses or false alarms (a reciprocal gold event takes all the
  prediction's parties as actors);
- sector accuracy: share of gold mentions with a code and sector, whose code the paired
  prediction gives in that role, that have the same sector;
- status, date and place accuracy on pairs where the gold gives them;
- events per sentence, predicted and gold.

On an incomplete sentence (one relation coded, as in PLV) predictions of other types are
not false positives, and a predicted event beyond the coded one is not scored.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from dateline.evaluation.corpus import GoldEvent, Mention, Sentence
from dateline.evaluation.records import Counts
from dateline.model import Actor, Event


@dataclass(slots=True)
class Share:
    """Right out of scored."""

    right: int = 0
    scored: int = 0

    @property
    def value(self) -> float:
        """right / scored, 0 when nothing was scored."""
        return self.right / self.scored if self.scored else 0.0

    def add(self, right: bool) -> None:
        """Count one scored item."""
        self.scored += 1
        self.right += int(right)


@dataclass(slots=True)
class CorpusReport:
    """Everything ``score_corpus`` measures."""

    sentences: int = 0
    gold_events: int = 0
    predicted_events: int = 0
    types: Counts = field(default_factory=Counts)
    by_type: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    relation: Share = field(default_factory=Share)
    actor_codes: Counts = field(default_factory=Counts)
    recipient_codes: Counts = field(default_factory=Counts)
    sectors: Share = field(default_factory=Share)
    status: Share = field(default_factory=Share)
    dates: Share = field(default_factory=Share)
    places: Share = field(default_factory=Share)
    confusions: Counter[tuple[str, str]] = field(default_factory=Counter)
    stage_failures: int = 0

    @property
    def macro_f1(self) -> float:
        """Mean F1 over the types present in the gold."""
        present = [c for c in self.by_type.values() if c.tp + c.fn]
        return sum(c.f1 for c in present) / len(present) if present else 0.0

    @property
    def codes(self) -> Counts:
        """Actor and recipient codes together."""
        a, r = self.actor_codes, self.recipient_codes
        return Counts(a.tp + r.tp, a.fp + r.fp, a.fn + r.fn)

    def as_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data."""
        return {
            "sentences": self.sentences,
            "gold_events": self.gold_events,
            "predicted_events": self.predicted_events,
            "types_micro": self.types.as_dict(),
            "types_macro_f1": round(self.macro_f1, 4),
            "by_type": {k: v.as_dict() for k, v in sorted(self.by_type.items())},
            "relation_right": round(self.relation.value, 4),
            "actor_codes": self.actor_codes.as_dict(),
            "recipient_codes": self.recipient_codes.as_dict(),
            "codes": self.codes.as_dict(),
            "sector_accuracy": round(self.sectors.value, 4),
            "status_accuracy": round(self.status.value, 4),
            "status_scored": self.status.scored,
            "date_accuracy": round(self.dates.value, 4),
            "dates_scored": self.dates.scored,
            "place_accuracy": round(self.places.value, 4),
            "places_scored": self.places.scored,
            "stage_failures": self.stage_failures,
            "confusions": [
                {"gold": g, "predicted": p, "count": n}
                for (g, p), n in self.confusions.most_common(15)
            ],
        }


def _overlaps(mention: Mention, start: int, end: int) -> bool:
    return (
        mention.start is not None
        and mention.end is not None
        and (start < mention.end and mention.start < end)
    )


def _pair(gold: Sequence[GoldEvent], predicted: Sequence[Event]) -> list[tuple[GoldEvent, Event]]:
    """Pairs of gold and predicted events of the same type, trigger overlap first."""
    pairs: list[tuple[GoldEvent, Event]] = []
    free = list(predicted)
    for wanted_overlap in (True, False):
        for item in gold:
            if any(g is item for g, _ in pairs):
                continue
            for event in free:
                if event.type not in item.types:
                    continue
                overlap = item.trigger is not None and _overlaps(
                    item.trigger, event.trigger_start, event.trigger_end
                )
                if overlap or not wanted_overlap:
                    pairs.append((item, event))
                    free.remove(event)
                    break
    return pairs


def _same_mentions(gold: Sequence[Mention], predicted: Sequence[Actor]) -> bool:
    located = [m for m in gold if m.start is not None]
    if len(located) < len(gold):
        return False  # a gold mention that could not be placed cannot be checked
    return all(any(_overlaps(m, a.start, a.end) for a in predicted) for m in located) and all(
        any(_overlaps(m, a.start, a.end) for m in located) for a in predicted
    )


def relation_right(item: GoldEvent, event: Event) -> bool:
    """The prediction has the gold's actor and recipient mentions (see module doc)."""
    if _same_mentions(item.actors, event.actors) and _same_mentions(
        item.recipients, event.recipients
    ):
        return True
    reciprocal = not item.recipients and len(item.actors) > 1
    return reciprocal and _same_mentions(item.actors, event.actors + event.recipients)


def _codes(mentions: Iterable[Mention | Actor]) -> set[str]:
    return {m.code for m in mentions if m.code}


def _score_codes(counts: Counts, gold: set[str], predicted: set[str]) -> None:
    counts.tp += len(gold & predicted)
    counts.fp += len(predicted - gold)
    counts.fn += len(gold - predicted)


def _date_right(gold: str, predicted: str | None) -> bool:
    # a prediction at least as precise as the gold, on the same day, month or year
    return predicted is not None and predicted[: len(gold)] == gold


def _place_right(gold: Mention, event: Event) -> bool:
    place = event.location
    if place is None:
        return False
    if _overlaps(gold, place.start, place.end):
        return True
    names = {n.lower() for n in (place.text, place.name) if n}
    return (gold.text or "").lower() in names


def score_corpus(
    sentences: Sequence[Sentence], predictions: Mapping[str, Sequence[Event]]
) -> CorpusReport:
    """Compare the predicted events of each sentence (by ``sid``) with its gold events."""
    report = CorpusReport()
    for sentence in sentences:
        report.sentences += 1
        gold = list(sentence.events)
        predicted = list(predictions.get(sentence.sid, ()))
        if not sentence.complete:
            wanted = {t for g in gold for t in g.types}
            predicted = [e for e in predicted if e.type in wanted][: len(gold)]
        report.gold_events += len(gold)
        report.predicted_events += len(predicted)
        pairs = _pair(gold, predicted)
        paired_gold = [g for g, _ in pairs]
        paired_predicted = [e for _, e in pairs]
        unpaired_gold = [g for g in gold if not any(g is p for p in paired_gold)]
        unpaired_predicted = [e for e in predicted if not any(e is p for p in paired_predicted)]
        for item, event in pairs:
            report.types.tp += 1
            report.by_type[event.type].tp += 1
            report.relation.add(relation_right(item, event))
            predicted_actors, predicted_recipients = event.actors, event.recipients
            if not item.recipients and len(item.actors) > 1:
                # "X and Y met": every party is an actor; a coder that splits them is not wrong
                predicted_actors, predicted_recipients = event.actors + event.recipients, ()
            _score_codes(report.actor_codes, _codes(item.actors), _codes(predicted_actors))
            _score_codes(
                report.recipient_codes, _codes(item.recipients), _codes(predicted_recipients)
            )
            for mentions, predicted_role in ((item.actors, predicted_actors),
                                             (item.recipients, predicted_recipients)):  # fmt: skip
                for mention in mentions:
                    if mention.code and mention.sector and mention.code in _codes(predicted_role):
                        report.sectors.add(
                            any(
                                a.code == mention.code and a.sector == mention.sector
                                for a in predicted_role
                            )
                        )
            report.status.add(event.time_status.value == item.status)
            if item.date:
                report.dates.add(_date_right(item.date, event.date))
            if item.place is not None and item.place.start is not None:
                report.places.add(_place_right(item.place, event))
        for item in unpaired_gold:
            report.types.fn += 1
            report.by_type[item.type].fn += 1
            report.relation.add(False)
            _score_codes(report.actor_codes, _codes(item.actors), set())
            _score_codes(report.recipient_codes, _codes(item.recipients), set())
        for event in unpaired_predicted:
            report.types.fp += 1
            report.by_type[event.type].fp += 1
            _score_codes(report.actor_codes, set(), _codes(event.actors))
            _score_codes(report.recipient_codes, set(), _codes(event.recipients))
        for item in unpaired_gold:
            wrong = [e.type for e in unpaired_predicted] or ["(none)"]
            for kind in wrong:
                report.confusions[(item.type, kind)] += 1
    return report


def outcomes(
    sentences: Sequence[Sentence], predictions: Mapping[str, Sequence[Event]]
) -> list[tuple[float, bool]]:
    """(confidence, right type) for every predicted event of complete sentences: right when it
    pairs with a gold event of its type. For reliability tables: of events at 0.8, how many
    are right."""
    found: list[tuple[float, bool]] = []
    for sentence in sentences:
        if not sentence.complete:
            continue
        predicted = list(predictions.get(sentence.sid, ()))
        paired = [e for _, e in _pair(list(sentence.events), predicted)]
        found.extend((e.confidence, any(e is p for p in paired)) for e in predicted)
    return found
