"""What the learned coder sees: candidate triggers and parties in the parse, and the features
of each, as strings for the hashed linear models (``linear.py``).

The same functions build training examples (``dateline.training``) and run-time inputs, so the
two cannot drift apart. Features are read off the spaCy parse and the actor mentions; in the
combined coder the rule coder's proposal for a word is one more feature ("rule=ASSAULT").
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dateline.model import Actor

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

NONE = "NONE"
ROLE_CLASSES = (NONE, "actor", "recipient")
STATUS_CLASSES = ("current", "historical", "future", "hypothetical", "negated")
_CANDIDATE_POS = frozenset({"VERB", "NOUN"})
_MODALS = frozenset({"will", "would", "could", "may", "might", "should", "must", "can", "shall"})
_CONDITIONS = frozenset({"if", "unless", "whether"})
# Words that say a clause is reported: its subject is a source, not a party
_REPORTING = frozenset(
    {"say", "report", "tell", "state", "add", "announce", "claim", "confirm", "quote", "cite",
     "accord", "note", "write", "monitor"}
)  # fmt: skip
_NOUN_MENTION_POS = frozenset({"NOUN", "PROPN", "PRON"})


@dataclass(frozen=True, slots=True)
class Mention:
    """A possible party of an event: an actor mention, or a noun phrase the actors missed."""

    head: Token
    start: int  # character offsets into the article
    end: int
    actor: Actor | None


def char_index(doc: Doc) -> dict[int, int]:
    """Token number by character offset, for every token of ``doc`` (one pass, no Token
    objects: iterating a Doc builds one per word)."""
    return {int(offset): i for i, offset in enumerate(doc.to_array("IDX"))}


def is_candidate(token: Token) -> bool:
    """A word that may name an event: a verb, or a noun (the models learn which nouns)."""
    return token.pos_ in _CANDIDATE_POS and token.is_alpha and len(token.text) > 1


def candidates(sentence: Span) -> Iterator[Token]:
    """The candidate triggers of a sentence, in order."""
    return (t for t in sentence if is_candidate(t))


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _governing_verbs(token: Token, depth: int = 3) -> Iterator[Token]:
    node = token
    for _ in range(depth):
        if node.head.i == node.i:
            return
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            yield node


def trigger_features(
    token: Token, parties: Mapping[int, Actor], rule: str | None, *, with_rules: bool,
    seen: int = 0, sentence: int = 0,
) -> list[str]:  # fmt: skip
    """Features of a candidate trigger: the word, its syntax, its arguments and governors,
    where it stands in the article (``sentence``: its sentence's number; ``seen``: how often
    its lemma named a candidate in earlier sentences, since a story retells its main event),
    and (when ``with_rules``) what the rule coder made of it."""
    lemma = _lemma(token)
    found = [
        "bias", f"lemma={lemma}", f"pos={token.pos_}", f"tag={token.tag_}",
        f"dep={token.dep_}", f"lemma|dep={lemma}|{token.dep_}",
        f"head={_lemma(token.head)}", f"head|dep={_lemma(token.head)}|{token.dep_}",
        f"lemma|head={lemma}|{_lemma(token.head)}",
    ]  # fmt: skip
    for child in token.children:
        dep = child.dep_
        found.append(f"child={dep}")
        if dep in ("nsubj", "nsubjpass", "dobj", "agent", "prt", "xcomp", "ccomp", "attr", "acomp"):
            found.append(f"child={dep}|{_lemma(child)}")
            found.append(f"lemma|child={lemma}|{dep}|{_lemma(child)}")
        elif dep == "prep":
            objects = [g for g in child.children if g.dep_ == "pobj"]
            found.append(f"prep={child.lower_}")
            found.append(f"lemma|prep={lemma}|{child.lower_}")
            for obj in objects:
                found.append(f"prep|obj={child.lower_}|{_lemma(obj)}")
        elif dep in ("aux", "auxpass", "neg", "mark", "advmod"):
            found.append(f"{dep}={child.lower_}")
        elif dep in ("compound", "amod") and token.pos_ == "NOUN":
            found.append(f"mod={_lemma(child)}")
        actor = parties.get(child.i)
        if actor is not None:
            found.append(f"party|{dep}={actor.sector or actor.kind.value}")
    for verb in _governing_verbs(token):
        found.append(f"governor={_lemma(verb)}")
        found.append(f"lemma|governor={lemma}|{_lemma(verb)}")
    if token.i > 0:
        found.append(f"left={token.doc[token.i - 1].lower_}")
    if token.i + 1 < len(token.doc):
        found.append(f"right={token.doc[token.i + 1].lower_}")
    if token.pos_ == "NOUN" and token.head.dep_ == "prep":
        found.append(f"under_prep={token.head.lower_}|{_lemma(token.head.head)}")
    found.append(f"sentence={min(sentence, 3)}")
    found.append(f"seen={min(seen, 2)}")
    found.append(f"seen|lemma={min(seen, 2)}|{lemma}")
    if with_rules:
        found.append(f"rule={rule or NONE}")
        if rule:
            found.append(f"rule|lemma={rule}|{lemma}")
    return found


def status_features(token: Token, *, dated: str | None, rule_status: str | None) -> list[str]:
    """Features for the time status of an event named by ``token``: negation, modals,
    conditions, tense, the governing verbs, how its date relates to publication."""
    lemma = _lemma(token)
    found = ["bias", f"lemma={lemma}", f"tag={token.tag_}", f"dep={token.dep_}"]
    scope = [token, *list(_governing_verbs(token, 2))]
    for node in scope:
        for child in node.children:
            if child.dep_ in ("neg", "aux", "auxpass", "mark", "advmod"):
                word = child.lower_
                found.append(f"{child.dep_}={word}")
                if word in _MODALS:
                    found.append(f"modal={word}")
                if word in _CONDITIONS:
                    found.append("condition")
            if child.dep_ == "neg" or child.lower_ in ("no", "never", "without"):
                found.append("negation")
        if node.i != token.i:
            found.append(f"governor={_lemma(node)}")
    if token.head.pos_ == "VERB" and token.dep_ in ("dobj", "nsubj", "nsubjpass"):
        found.append(f"head_tag={token.head.tag_}")
    found.append(f"dated={dated or 'none'}")
    if rule_status:
        found.append(f"rule_status={rule_status}")
    return found


def mentions(sentence: Span, actors: Sequence[Actor], head_of: Mapping[int, int]) -> list[Mention]:
    """Possible parties of the sentence's events: its actor mentions (by their head word),
    then each noun phrase head no actor covers."""
    found: dict[tuple[int, int, str | None], Mention] = {}
    heads: set[int] = set()
    doc = sentence.doc
    for actor in actors:
        if not (sentence.start_char <= actor.start < sentence.end_char):
            continue
        head = head_of.get(actor.head)
        if head is None:
            span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
            head = span.root.i if span is not None else None
        # "Foreign ministers for Turkey, Syria and Iran": one head word, three actors
        if head is not None and (head, actor.start, actor.code) not in found:
            found[(head, actor.start, actor.code)] = Mention(
                doc[head], actor.start, actor.end, actor
            )
            heads.add(head)
    for token in sentence:
        if token.pos_ not in _NOUN_MENTION_POS or token.i in heads:
            continue
        if token.dep_ in ("compound", "amod", "poss") and token.head.pos_ in _NOUN_MENTION_POS:
            continue  # part of a larger phrase, whose head stands for it
        if any(found_m.start <= token.idx < found_m.end for found_m in found.values()):
            continue
        left = min((t.idx for t in token.subtree if t.dep_ not in ("relcl", "acl", "prep")
                    and t.i <= token.i), default=token.idx)  # fmt: skip
        found[(token.i, left, None)] = Mention(token, left, token.idx + len(token.text), None)
    return sorted(found.values(), key=lambda m: (m.head.i, m.start))


def _path(trigger: Token, head: Token, limit: int = 5) -> tuple[str, int]:
    """The dependency path from trigger to head ("nsubj^" up a link, "v dobj" down), and its
    length; paths longer than ``limit`` are cut."""
    up_trigger = [trigger, *trigger.ancestors]
    up_head = [head, *head.ancestors]
    on_trigger = {t.i: n for n, t in enumerate(up_trigger)}
    meet = next((n for n, t in enumerate(up_head) if t.i in on_trigger), None)
    if meet is None:
        return "nopath", 99
    rises = [up_trigger[n].dep_ for n in range(on_trigger[up_head[meet].i])]
    falls = [up_head[n].dep_ for n in range(meet)][::-1]
    steps = [f"{d}^" for d in rises] + [f"v{d}" for d in falls]
    # a preposition on the way down names the relation: "against", "with", "by"
    named = [
        f"v{up_head[n].dep_}:{up_head[n].lower_}" if up_head[n].dep_ in ("prep", "agent") else
        f"v{up_head[n].dep_}" for n in range(meet)
    ][::-1]  # fmt: skip
    length = len(steps)
    text = "|".join([f"{d}^" for d in rises] + named)
    return (text if length <= limit else "long"), length


def role_features(
    trigger: Token, mention: Mention, event_type: str, rule_role: str | None, *, with_rules: bool
) -> list[str]:
    """Features of a (trigger, mention) pair for the role model."""
    path, length = _path(trigger, mention.head)
    lemma = _lemma(trigger)
    head = mention.head
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in trigger.children)
    side = "before" if head.i < trigger.i else "after"
    actor = mention.actor
    kind = (actor.sector or actor.kind.value) if actor is not None else f"np:{head.pos_}"
    found = [
        "bias", f"path={path}", f"path|type={path}|{event_type}", f"path|lemma={path}|{lemma}",
        f"len={min(length, 6)}", f"side={side}", f"side|type={side}|{event_type}",
        f"dep={head.dep_}", f"dep|type={head.dep_}|{event_type}", f"kind={kind}",
        f"kind|type={kind}|{event_type}", f"passive={passive}", f"passive|path={passive}|{path}",
        f"coded={actor is not None and actor.code is not None}",
        f"mention={_lemma(head)}", f"mention|type={_lemma(head)}|{event_type}",
        f"governor={_lemma(head.head)}",
    ]  # fmt: skip
    for verb in _governing_verbs(head, 2):
        if _lemma(verb) in _REPORTING and head.dep_ in ("nsubj", "pobj"):
            found.append(f"reports={_lemma(verb)}")
            found.append(f"reports|same={verb.i == trigger.i}")
    if head.dep_ == "pobj":
        found.append(f"prep={head.head.lower_}|{side}")
    if head.dep_ == "conj":
        found.append(f"conj_of={head.head.dep_}")
    if with_rules:
        found.append(f"rule_role={rule_role or NONE}")
    return found
