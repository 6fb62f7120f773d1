"""The learned event coder: which words name an event and of what type, who its parties are
and whether it happened, each decided by a model trained on hand-coded real news.

Three hashed linear models (``linear.py``) over the parse (``features.py``):

- **trigger**: each verb and noun -> a PLOVER type or NONE; the type's probability is the
  event's ``confidence`` (temperature-calibrated on the corpus dev split);
- **roles**: each (event, noun phrase) pair -> actor, recipient or neither, so the reporting
  source, a passive's agent and each party of a multi-party event are read in context;
- **status**: current, historical, future, hypothetical or negated.

The ``combined`` coder (the default) gives the models the rule coder's proposal for each word
as one more feature and takes the CAMEO code, mode and contexts from the rules where they agree
on the type; ``learned`` uses the models alone. The models are trained by
``scripts/train_coder.py``; see ``data/events/coder/MODEL_CARD.md``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

from dateline.model import (
    Actor,
    ActorKind,
    Article,
    Event,
    Place,
    TimeExpression,
    TimeStatus,
    content_id,
)
from dateline.stages.events.circumstances import Circumstances, dated
from dateline.stages.events.features import (
    NONE,
    Mention,
    candidates,
    char_index,
    mentions,
    role_features,
    status_features,
    trigger_features,
)
from dateline.stages.events.linear import FloatArray, LinearModel
from dateline.stages.events.ontology import coding
from dateline.stages.events.rules import RuleEventCoder
from dateline.stages.sentences import sentences

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

# The most general CAMEO code of each PLOVER type, for events the rules did not code
DEFAULT_CAMEO = {
    "AGREE": "030", "CONSULT": "040", "SUPPORT": "050", "CONCEDE": "080", "COOPERATE": "060",
    "AID": "070", "RETREAT": "087", "REQUEST": "020", "ACCUSE": "112", "REJECT": "120",
    "THREATEN": "130", "PROTEST": "140", "SANCTION": "160", "MOBILIZE": "150", "COERCE": "170",
    "ASSAULT": "190",
}  # fmt: skip
# The coder keeps events down to this confidence; the pipeline then applies the thresholds
# (``accepts``: the models', chosen on dev) or --min-confidence
FLOOR = 0.1


@dataclass(frozen=True, slots=True)
class CoderModels:
    """The three models of one coder variant and the threshold chosen on dev."""

    trigger: LinearModel
    roles: LinearModel
    status: LinearModel
    threshold: float
    with_rules: bool
    # events the rule coder also found (same word, same type) are kept down to this one
    rule_threshold: float | None = None

    @classmethod
    def packaged(cls, variant: str) -> CoderModels:
        """The shipped models of ``variant`` ("combined" or "learned")."""
        folder = resources.files("dateline") / "data" / "events" / "coder" / variant
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        return cls(
            trigger=LinearModel.load((folder / "trigger.npz").read_bytes()),
            roles=LinearModel.load((folder / "roles.npz").read_bytes()),
            status=LinearModel.load((folder / "status.npz").read_bytes()),
            threshold=float(meta["threshold"]),
            with_rules=bool(meta["with_rules"]),
            rule_threshold=meta.get("rule_threshold"),
        )


@dataclass(frozen=True, slots=True)
class RuleView:
    """What the rule coder said about each word: the type it coded there, the roles it gave,
    and its event (for the CAMEO code, mode and contexts)."""

    types: dict[int, str]
    roles: dict[tuple[int, int], str]  # (trigger token, mention head token) -> role
    events: dict[tuple[int, str], Event]
    statuses: dict[int, str]


def rule_view(by_char: Mapping[int, int], events: Sequence[Event]) -> RuleView:
    """Index the rule coder's events by the tokens they name (``by_char``: ``char_index``)."""
    view = RuleView({}, {}, {}, {})
    for event in events:
        at = by_char.get(event.trigger_start)
        if at is None:
            continue
        view.types.setdefault(at, event.type)
        view.statuses.setdefault(at, event.time_status.value)
        view.events.setdefault((at, event.type), event)
        for role, parties in (("actor", event.actors), ("recipient", event.recipients)):
            for party in parties:
                head = by_char.get(party.head)
                if head is not None:
                    view.roles.setdefault((at, head), role)
    return view


class LearnedEventCoder:
    """Codes PLOVER events with the learned models (see the module doc)."""

    variant = "learned"
    produced_by = "events.learned@1"

    def __init__(
        self, nlp: Language, *, models: CoderModels | None = None, floor: float = FLOOR
    ) -> None:
        self.models = models or CoderModels.packaged(self.variant)
        self.rules = RuleEventCoder(nlp)
        self.floor = floor

    def accepts(self, event: Event) -> bool:
        """Whether the default output keeps ``event``: its confidence reaches the threshold
        chosen on dev, or the lower one for events the rule coder found too. The pipeline asks
        this unless a --min-confidence replaces it."""
        models = self.models
        backed = event.produced_by.endswith("+rules") and models.rule_threshold is not None
        return event.confidence >= (models.rule_threshold if backed else models.threshold)  # type: ignore[operator]

    def __call__(
        self,
        article: Article,
        doc: Doc,
        actors: Sequence[Actor],
        places: Sequence[Place],
        times: Sequence[TimeExpression],
    ) -> tuple[Event, ...]:
        """Every event the models find in the article, in text order."""
        by_char = char_index(doc)
        view = rule_view(by_char, self.rules(article, doc, actors, places, times))
        parties = {by_char[a.head]: a for a in actors if a.head in by_char}
        anchors = Circumstances(doc, places, times, article)
        with_rules = self.models.with_rules
        found: list[Event] = []
        seen: Counter[str] = Counter()
        for number, sentence in enumerate(sentences(doc).spans):
            if article.dateline is not None and sentence.end_char <= article.dateline.end:
                continue
            sentence_mentions: list[Mention] | None = None
            words = list(candidates(sentence))
            # one call to the model for the sentence: NumPy's cost is per call, not per word
            scored = self.models.trigger.probabilities_many([
                trigger_features(
                    token, parties, view.types.get(token.i), with_rules=with_rules,
                    seen=seen[token.lemma_.lower()], sentence=number,
                )
                for token in words
            ])  # fmt: skip
            for token, probabilities in zip(words, scored, strict=True):
                kind, confidence = self._type(probabilities)
                backed = view.types.get(token.i) == kind
                if kind == NONE or confidence < self.floor:
                    continue
                if sentence_mentions is None:
                    sentence_mentions = mentions(sentence, actors, by_char)
                found.append(self._event(
                    article, token, kind, confidence, sentence_mentions, view, anchors, backed,
                ))  # fmt: skip
            seen.update(t.lemma_.lower() for t in words)
        return anchors.settle(found)

    def _type(self, probabilities: FloatArray) -> tuple[str, float]:
        """The most probable event type other than NONE, and its probability."""
        model = self.models.trigger
        best, value = NONE, 0.0
        for name, p in zip(model.classes, probabilities, strict=True):
            if name != NONE and p > value:
                best, value = name, float(p)
        return best, value

    def _event(
        self, article: Article, token: Token, kind: str, confidence: float,
        candidates_: Sequence[Mention], view: RuleView, anchors: Circumstances, backed: bool,
    ) -> Event:  # fmt: skip
        sources: list[Actor] = []
        targets: list[Actor] = []
        roles: dict[Mention, str] = {}
        with_rules = self.models.with_rules
        parties = [m for m in candidates_ if m.head.i != token.i]
        model = self.models.roles
        scored = model.probabilities_many([
            role_features(
                token, mention, kind, view.roles.get((token.i, mention.head.i)),
                with_rules=with_rules,
            )
            for mention in parties
        ])  # fmt: skip
        for mention, probabilities in zip(parties, scored, strict=True):
            roles[mention] = model.classes[int(probabilities.argmax())]
        _coordinate(roles)
        for mention, role in roles.items():
            if role == "actor":
                sources.append(_actor(mention, article.text))
            elif role == "recipient":
                targets.append(_actor(mention, article.text))
        head = token if token.pos_ == "VERB" or token.head.i == token.i else token.head
        when = anchors.time_of(head, token)
        status_name, _ = self.models.status.best(
            status_features(
                token, dated=dated(when, anchors.published),
                rule_status=view.statuses.get(token.i) if with_rules else None,
            )
        )  # fmt: skip
        status = TimeStatus(status_name)
        if status is TimeStatus.CURRENT and dated(when, anchors.published) == "past_far":
            # the guide's definition: an event the text dates well before the news is historical
            status = TimeStatus.HISTORICAL
        ruled = view.events.get((token.i, kind))
        cameo = ruled.cameo if ruled is not None else DEFAULT_CAMEO[kind]
        found = coding(cameo)
        sentence = sentences(token.doc).of(token)
        located = anchors.place_of(head, token, kind)
        event_date, date_source = anchors.date_of(when, token)
        return Event(
            id=content_id(article.id, sentence.start_char, kind, token.idx, self.produced_by),
            type=kind,
            mode=ruled.mode if ruled is not None else None,
            context=found.contexts if found is not None else (),
            cameo=cameo,
            actors=tuple(sources),
            recipients=tuple(targets),
            date=event_date,
            time_status=status,
            location=located.place if located is not None else None,
            quad_code=found.quad if found is not None else 0,
            score=found.goldstein if found is not None else 0.0,
            start=sentence.start_char,
            end=sentence.end_char,
            trigger=token.text,
            trigger_start=token.idx,
            trigger_end=token.idx + len(token.text),
            confidence=round(confidence, 4),
            produced_by=f"{self.produced_by}+rules" if backed else self.produced_by,
            location_source=located.source if located is not None else None,
            location_precision=located.precision if located is not None else None,
            date_source=date_source,
        )


class CombinedEventCoder(LearnedEventCoder):
    """The learned models reading the rule coder's proposals as features (the default)."""

    variant = "combined"
    produced_by = "events.combined@1"


def _coordinate(roles: dict[Mention, str]) -> None:
    """Parties joined to a chosen party share its role: "Turkey, Syria and Iran met", "Syrian
    and Turkish ministers" (conjuncts, and coded actors inside one noun phrase)."""
    chosen = {m.head.i: r for m, r in roles.items() if r != NONE}
    spans = [(m.start, m.end, r) for m, r in roles.items() if r != NONE]
    for mention, role in roles.items():
        if role != NONE:
            continue
        head = mention.head
        joined = [c.i for c in head.conjuncts]
        if mention.actor is not None:
            joined.append(head.i)  # another coded actor with the same head word
            node = head
            # "Syrian and Turkish ministers": up through the conjunction to the noun
            for _ in range(3):
                if node.dep_ not in ("conj", "amod", "compound", "poss") or node.head.i == node.i:
                    break
                node = node.head
                joined.append(node.i)
        inherited = next((chosen[i] for i in joined if i in chosen), None)
        if inherited is None and mention.actor is not None:
            inherited = next(
                (r for start, end, r in spans if start <= mention.start and mention.end <= end),
                None,
            )
        if inherited is not None:
            roles[mention] = inherited


def _actor(mention: Mention, text: str) -> Actor:
    if mention.actor is not None:
        return mention.actor
    head = mention.head
    # the article's text, not Doc.text, which rebuilds the whole string on every call
    words = text[mention.start : mention.end]
    return Actor(
        start=mention.start, end=mention.end, text=words, code=None, sector=None,
        kind=ActorKind.BODY, head=head.idx, produced_by="events.learned@1",
    )  # fmt: skip
