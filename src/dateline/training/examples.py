"""Training examples for the learned coder, from gold sentences and the parse of their articles.

A gold event's trigger is the root word of its trigger span; where the gold names no trigger
(PLV, the CAMEO span set) it is derived from the parse: the word that joins the actor and the
recipient (their lowest common head), or the actor's governing verb. Sentences coded
completely give every other candidate word as a NONE example; sentences with one coded
relation (PLV) give only their event. The role examples of an event are complete either way:
every noun phrase of the sentence that is not its actor or recipient is NONE for it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dateline.evaluation.coding import gold_article
from dateline.evaluation.corpus import GoldArticle, GoldEvent
from dateline.evaluation.corpus import Mention as GoldMention
from dateline.model import Analysis
from dateline.pipeline import Pipeline, prepare_doc
from dateline.stages.events.circumstances import Circumstances, dated
from dateline.stages.events.features import (
    NONE,
    Mention,
    char_index,
    is_candidate,
    mentions,
    role_features,
    status_features,
    trigger_features,
)
from dateline.stages.events.learned import RuleView, rule_view
from dateline.stages.sentences import sentences

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


@dataclass(slots=True)
class Examples:
    """Feature lists and labels for the three models."""

    trigger: list[list[str]] = field(default_factory=list)
    trigger_labels: list[str] = field(default_factory=list)
    roles: list[list[str]] = field(default_factory=list)
    role_labels: list[str] = field(default_factory=list)
    status: list[list[str]] = field(default_factory=list)
    status_labels: list[str] = field(default_factory=list)

    def extend(self, other: Examples) -> None:
        """Add another set's examples to these."""
        for name in self.__slots__:
            getattr(self, name).extend(getattr(other, name))


def parsed(
    pipeline: Pipeline, articles: Mapping[str, GoldArticle]
) -> Iterator[tuple[GoldArticle, Analysis, Doc]]:
    """Each gold article with its analysis (rule events) and parse."""
    golds = list(articles.values())
    built = [gold_article(g) for g in golds]
    docs = pipeline.nlp.pipe((prepare_doc(pipeline.nlp, a) for a in built), batch_size=16)
    for gold, article, doc in zip(golds, built, docs, strict=True):
        yield gold, pipeline.analyse_doc(article, doc), doc


def _root(doc: Doc, mention: GoldMention | None) -> Token | None:
    if mention is None or mention.start is None or mention.end is None:
        return None
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def derived_trigger(doc: Doc, event: GoldEvent) -> Token | None:
    """The word that joins an event's actor and recipient, for gold without a trigger."""
    source = _root(doc, event.actors[0]) if event.actors else None
    target = _root(doc, event.recipients[0]) if event.recipients else None
    if source is None and target is None:
        return None
    if source is not None and target is not None:
        above = {t.i for t in (source, *source.ancestors)}
        node: Token | None = next((t for t in (target, *target.ancestors) if t.i in above), None)
    else:
        node = (source or target).head  # type: ignore[union-attr]
    while node is not None and not (is_candidate(node) and node.pos_ == "VERB"):
        node = node.head if node.head.i != node.i else None
    return node


def _role(mention: Mention, event: GoldEvent) -> str:
    def covers(gold: Sequence[GoldMention]) -> bool:
        return any(
            g.start is not None and g.end is not None and g.start <= mention.head.idx < g.end
            for g in gold
        )

    if covers(event.actors):
        return "actor"
    if covers(event.recipients):
        return "recipient"
    return NONE


def examples_of(
    gold: GoldArticle, analysis: Analysis, doc: Doc, *, with_rules: bool, unknown_type: str = ""
) -> Examples:
    """The examples one gold article gives (``unknown_type`` for sets that code no type)."""
    found = Examples()
    by_char = char_index(doc)
    view: RuleView = rule_view(by_char, analysis.events)
    parties = {by_char[a.head]: a for a in analysis.actors if a.head in by_char}
    anchors = Circumstances(doc, analysis.places, analysis.times, analysis.article)
    index = sentences(doc)
    seen: Counter[str] = Counter()
    for sentence in sorted(gold.sentences, key=lambda s: s.start):
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is None:
            continue
        triggers: dict[int, GoldEvent] = {}
        for event in sentence.events:
            token = _root(doc, event.trigger) if event.trigger else derived_trigger(doc, event)
            if token is not None:
                triggers.setdefault(token.i, event)
        if sentence.complete:
            for token in span:
                if not is_candidate(token):
                    continue
                coded = triggers.get(token.i)
                found.trigger.append(trigger_features(
                    token, parties, view.types.get(token.i), with_rules=with_rules,
                    seen=seen[token.lemma_.lower()], sentence=index.number[token.i],
                ))  # fmt: skip
                found.trigger_labels.append(coded.type if coded else NONE)
            seen.update(t.lemma_.lower() for t in span if is_candidate(t))
        for at, event in triggers.items():
            token = doc[at]
            kind = unknown_type or event.type
            if not sentence.complete and not unknown_type and len(event.types) == 1:
                found.trigger.append(trigger_features(
                    token, parties, view.types.get(at), with_rules=with_rules,
                    sentence=index.number[at],
                ))  # fmt: skip
                found.trigger_labels.append(event.type)
            for mention in mentions(sentences(doc).of(token), analysis.actors, by_char):
                if mention.head.i == at:
                    continue
                found.roles.append(
                    role_features(
                        token,
                        mention,
                        kind,
                        view.roles.get((at, mention.head.i)),
                        with_rules=with_rules,
                    )
                )
                found.role_labels.append(_role(mention, event))
            if sentence.complete and not unknown_type:
                head = token if token.pos_ == "VERB" or token.head.i == token.i else token.head
                when = anchors.time_of(head, token)
                found.status.append(
                    status_features(
                        token, dated=dated(when, anchors.published),
                        rule_status=view.statuses.get(at) if with_rules else None,
                    )
                )  # fmt: skip
                found.status_labels.append(event.status)
    return found
