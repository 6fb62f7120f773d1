"""Speakers: the words at a speech cue's subject -> the actor they name, read through the
article ("he", "the minister", "the ministry", a surname given earlier), or a new uncoded actor.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dateline.model import Actor, ActorKind
from dateline.stages.cues import CHANNEL_NOUNS, DOCUMENTS
from dateline.stages.sentences import sentence_of, sentences

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

PRODUCED_BY = "quotes.speakers@1"

_PERSONAL = frozenset({"he", "she"})
_NEUTER = frozenset({"it"})
_PLURAL = frozenset({"they"})
# a speech cue whose subject is one of these is a speaker inside a quote, not one we can name
_FIRST_PERSON = frozenset({"i", "we", "you"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
# how far back (in sentences) a pronoun or a bare description looks for its speaker
_PRONOUN_REACH = 4
_DESCRIPTION_REACH = 2
_PHRASE_STOPS = frozenset({",", ";", ":", "(", ")", "—", "–", '"', "“", "”", "'", "‘", "’"})
# nouns for one person, so that "he" or "she" can point back to "a spokesman", "the source"
_PERSON_NOUNS = frozenset({
    "spokesman", "spokeswoman", "spokesperson", "official", "minister", "president", "secretary",
    "ambassador", "envoy", "chief", "head", "director", "commander", "general", "colonel",
    "activist", "resident", "witness", "doctor", "medic", "nurse", "correspondent", "reporter",
    "journalist", "photographer", "source", "man", "woman", "governor", "mayor", "leader",
    "member", "analyst", "expert", "researcher", "negotiator", "coordinator", "adviser",
    "advisor", "officer", "soldier", "fighter", "rebel", "chairman", "chairwoman", "pharmacist",
    "teacher", "student", "worker", "father", "mother", "son", "daughter", "lawyer", "judge",
    "prosecutor", "farmer", "driver", "survivor", "victim", "refugee", "chancellor",
    "premier", "king", "queen", "prince", "emir", "sheikh", "cleric", "imam", "priest", "mp",
    "lawmaker", "senator", "representative", "deputy", "aide", "diplomat", "counterpart",
})  # fmt: skip
# nouns for a body that speaks: "the monitor said", "it said"
_BODY_NOUNS = frozenset({
    "monitor", "observatory", "ministry", "government", "army", "military", "agency", "group",
    "organisation", "organization", "office", "council", "committee", "coalition", "alliance",
    "brigade", "force", "forces", "police", "company", "firm", "union", "party", "movement",
    "network", "channel", "broadcaster", "newspaper", "television", "tv", "media", "embassy",
    "commission", "authority", "authorities", "administration", "department", "court",
    "campaign", "front", "faction", "militia", "navy", "hospital", "charity", "team", "body",
})  # fmt: skip
_FEMININE = frozenset({
    "mrs", "ms", "miss", "madam", "lady", "woman", "spokeswoman", "chairwoman", "businesswoman",
    "congresswoman", "mother", "daughter", "sister", "wife", "girl", "queen", "princess",
    "actress", "grandmother", "widow",
})  # fmt: skip
_MASCULINE = frozenset({
    "mr", "sir", "man", "spokesman", "chairman", "businessman", "congressman", "father", "son",
    "brother", "husband", "boy", "king", "prince", "grandfather", "widower",
})  # fmt: skip
_NOT_PEOPLE = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "WORK_OF_ART", "EVENT"})
_MAX_PHRASE = 16  # tokens: a speaker's description rarely runs longer


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a cue names as the speaker: the actor, and the words where they were found."""

    actor: Actor
    text: str
    start: int
    end: int
    person: bool = False  # one person, whom "he" or "she" can name later
    plural: bool = False
    organisation: bool = False  # a body named by the NER, whom "it" can name later


@dataclass(frozen=True, slots=True)
class _Said:
    """A speaker already resolved, with the sentence where it spoke."""

    sentence: int
    speaker: Speaker


class SpeakerResolver:
    """Resolves speakers for one article, remembering who spoke last."""

    def __init__(
        self, doc: Doc, actors: Sequence[Actor], quoted: Callable[[int], bool] = lambda _: False
    ) -> None:
        self.doc = doc
        self.text = doc.text  # once: Doc.text joins every token on each call
        # words inside quotation marks are the speaker's, not the reporter's: "he" never
        # points into them
        self.actors = sorted(
            (a for a in actors if not quoted(a.start)), key=lambda a: (a.start, a.end)
        )
        self.quoted = quoted
        self.sentence_of = {s.start: n for n, s in enumerate(sentences(doc).spans)}
        self.said: list[_Said] = []
        self.gender: dict[str, str] = {}  # who was called "he" or "she" so far
        self.people = _people(doc)
        # read once: ``doc.ents`` builds every entity of the doc on each call, so asking it
        # per quote made long articles quadratic
        self.persons = tuple(e for e in doc.ents if e.label_ == "PERSON")
        self.person_at = {i: e for e in self.persons for i in range(e.start, e.end)}

    def sentence_number(self, token: Token) -> int:
        """The number of the sentence holding ``token``."""
        return self.sentence_of.get(sentence_of(token).start, 0)

    def remember(self, token: Token, speaker: Speaker) -> None:
        """Note that ``speaker`` spoke in the sentence of ``token``."""
        self.said.append(_Said(self.sentence_number(token), speaker))

    def last(self, before: int, reach: int = _PRONOUN_REACH) -> Speaker | None:
        """The latest speaker in the ``reach`` sentences up to sentence ``before``."""
        for said in reversed(self.said):
            if before - reach <= said.sentence <= before:
                return said.speaker
        return None

    def resolve(self, token: Token) -> Speaker | None:
        """The speaker that the subject ``token`` names, or None if it names no one."""
        lower = token.lower_
        if lower in _FIRST_PERSON:
            return None
        if token.pos_ == "PRON" or lower in _PERSONAL | _NEUTER | _PLURAL:
            return self._pronoun(token)
        start, end = _phrase_bounds(token)
        text = self.text[start:end]
        actor = self._actor_at(token, start, end)
        if _is_bare_description(token):
            earlier = self._antecedent(token)
            if earlier is None and token.lemma_.lower() in DOCUMENTS:
                earlier = self.last(self.sentence_number(token))  # "the statement said"
            elif earlier is None and token.lemma_.lower() not in _PERSON_NOUNS:
                # "The Observatory said ... The monitor said": the body that spoke just before
                last = self.last(self.sentence_number(token), reach=_DESCRIPTION_REACH)
                if last is not None and not last.person and not last.plural:
                    earlier = last
            if earlier is not None and (actor is None or actor.code is None):
                return Speaker(actor=earlier.actor, text=text, start=start, end=end,
                               person=earlier.person, plural=earlier.plural,
                               organisation=earlier.organisation)  # fmt: skip
        if actor is None:
            actor = self._person_named(token) or self._new_actor(token, start, end)
        plural = token.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in token.children)
        organisation = token.ent_type_ in ("ORG", "NORP") or token.lemma_.lower() in _BODY_NOUNS
        return Speaker(actor=actor, text=text, start=start, end=end,
                       person=not plural and _looks_personal(token, actor), plural=plural,
                       organisation=organisation)  # fmt: skip

    # -- actors of the actors stage -----------------------------------------------------

    def _actor_at(self, token: Token, start: int, end: int) -> Actor | None:
        """The actor mention at the speaker's head word; a named person in apposition wins
        over a bare office ("Syria's foreign minister Faisal Mekdad")."""
        heads = [token, *(c for c in token.children if c.dep_ in ("appos", "compound", "conj"))]
        covering: list[Actor] = []
        for head in heads:
            covering.extend(
                a for a in self.actors if a.start <= head.idx < a.end or a.head == head.idx
            )
        if not covering:
            inner = [
                a for a in self.actors if start <= a.start and a.end <= end and a.head >= token.idx
            ]
            covering = [a for a in inner if a.kind is ActorKind.PERSON]
        if not covering:
            return None
        named = [a for a in covering if a.kind is ActorKind.PERSON and a.name]
        return (named or covering)[0]

    def _person_named(self, token: Token) -> Actor | None:
        """An uncoded person named earlier in full, met again by surname ("Kurdi")."""
        if token.pos_ != "PROPN":
            return None
        full = self.people.get(token.lower_)
        if full is None or full.start_char > token.idx:
            return None
        for actor in self.actors:
            if actor.start <= full.start_char < actor.end and actor.kind is ActorKind.PERSON:
                return actor
        return _uncoded(full.start_char, full.end_char, full.text, ActorKind.PERSON, full.text)

    def _new_actor(self, token: Token, start: int, end: int) -> Actor:
        person = self.person_at.get(token.i)
        if person is not None:
            return _uncoded(start, end, self.text[start:end], ActorKind.PERSON, person.text)
        return _uncoded(start, end, self.text[start:end], ActorKind.BODY, None)

    # -- reading back through the article -----------------------------------------------

    def _pronoun(self, token: Token) -> Speaker | None:
        """ "he", "she", "it", "they": a subject of the sentence before that fits, else the
        latest speaker that fits, else a person or actor named just before that fits."""
        lower = token.lower_
        sentence = self.sentence_number(token)
        previous = self._previous_sentence(token)
        candidates: list[Speaker] = []
        for subject in _subjects(previous) if previous is not None else []:
            if not self.quoted(subject.idx):
                found = self.resolve(subject)
                if found is not None:
                    candidates.append(found)
        for said in reversed(self.said):
            if said.sentence < sentence - _PRONOUN_REACH:
                break
            candidates.append(said.speaker)
        floor = previous.start_char if previous is not None else sentence_of(token).start_char
        for actor in reversed(self.actors):
            if floor <= actor.start < token.idx:
                person = actor.kind is ActorKind.PERSON
                candidates.append(Speaker(actor=actor, text=actor.text, start=actor.start,
                                          end=actor.end, person=person))  # fmt: skip
        if lower in _PERSONAL:
            for ent in reversed(self.persons):
                if floor <= ent.start_char < token.idx:
                    actor = _uncoded(
                        ent.start_char, ent.end_char, ent.text, ActorKind.PERSON, ent.text
                    )
                    candidates.append(Speaker(actor=actor, text=ent.text, start=ent.start_char,
                                              end=ent.end_char, person=True))  # fmt: skip
        for candidate in candidates:
            if _fits(candidate, lower) and self._agrees(candidate, lower):
                if lower in _PERSONAL:
                    self.gender.setdefault(_key(candidate), lower)
                return self._as_said(candidate, token)
        return None

    def _agrees(self, speaker: Speaker, pronoun: str) -> bool:
        """False if the article already called this person by the other pronoun."""
        if pronoun not in _PERSONAL:
            return True
        known = self.gender.get(_key(speaker)) or _gender_of(speaker.text)
        return known is None or known == pronoun

    def _previous_sentence(self, token: Token) -> Span | None:
        """The sentence before ``token``'s, passing over sentences inside quotation marks
        (they are the speaker's words, not the reporter's)."""
        start = sentence_of(token).start
        for _ in range(_PRONOUN_REACH):
            if start == 0:
                return None
            previous = sentence_of(self.doc[start - 1])
            if not self.quoted(previous.root.idx):
                return previous
            start = previous.start
        return None

    def _as_said(self, speaker: Speaker, token: Token) -> Speaker:
        return Speaker(actor=speaker.actor, text=token.text, start=token.idx,
                       end=token.idx + len(token.text), person=speaker.person,
                       plural=speaker.plural, organisation=speaker.organisation)  # fmt: skip

    def _antecedent(self, token: Token) -> Speaker | None:
        """ "the ministry", "the monitor": the latest earlier speaker or actor with that head."""
        head = token.lemma_.lower()
        for said in reversed(self.said):
            if _has_head(said.speaker.text, head) or _has_head(said.speaker.actor.text, head):
                return said.speaker
        for actor in reversed(self.actors):
            if actor.end > token.idx:
                continue
            if (_has_head(actor.text, head) or _has_head(actor.office or "", head)) and actor.code:
                person = actor.kind is ActorKind.PERSON
                return Speaker(actor=actor, text=actor.text, start=actor.start, end=actor.end,
                               person=person, organisation=not person)  # fmt: skip
        return None


def _subjects(sentence: Span) -> list[Token]:
    """Subjects of a sentence's main verbs that are nouns or names."""
    verbs = [sentence.root, *sentence.root.conjuncts]
    return [
        c
        for verb in verbs
        for c in verb.children
        if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("PROPN", "NOUN")
    ]


def _key(speaker: Speaker) -> str:
    actor = speaker.actor
    return f"entity:{actor.entity}" if actor.entity >= 0 else (actor.name or actor.text).lower()


def _gender_of(text: str) -> str | None:
    """ "he" or "she" when the words say so ("Mr Lang", "a spokeswoman"), else None."""
    words = {w.strip(".,").lower() for w in text.split()}
    if words & _FEMININE:
        return "she"
    if words & _MASCULINE:
        return "he"
    return None


def _fits(speaker: Speaker, pronoun: str) -> bool:
    if pronoun in _PERSONAL:
        return speaker.person
    uncoded = (
        speaker.actor.produced_by == PRODUCED_BY and speaker.actor.kind is not ActorKind.PERSON
    )
    if uncoded and not speaker.organisation:
        return False  # "it said" names a body, not "an air strike"
    if pronoun in _NEUTER:
        return not speaker.person and not speaker.plural
    if pronoun in _PLURAL:
        return speaker.plural or speaker.actor.kind in (ActorKind.STATE, ActorKind.IGO)
    return False


def _looks_personal(token: Token, actor: Actor) -> bool:
    """True if the speaker is one person: a person's name or a word for one person."""
    if actor.kind is ActorKind.PERSON:
        return True
    if actor.kind in (ActorKind.STATE, ActorKind.IGO) or actor.produced_by != PRODUCED_BY:
        return False  # the actors stage knows it for a body
    if token.ent_type_ == "PERSON":
        return True
    if token.pos_ == "PROPN" and token.ent_type_ not in _NOT_PEOPLE:
        return True  # a name the NER did not know: "Umm Ibrahim"
    return token.lemma_.lower() in _PERSON_NOUNS


_PREPOSITIONS = frozenset({"of", "for", "in", "from", "at", "with", "on", "to", "who", "which"})


def _has_head(text: str, head: str) -> bool:
    """True if ``head`` is the head word of the phrase ``text``: its last word before any
    preposition ("the army of the regime" -> army)."""
    words: list[str] = []
    for word in text.split():
        clean = word.strip(".,'’").lower()
        if clean in _PREPOSITIONS and words:
            break
        words.append(clean)
    return bool(words) and words[-1] in (head, f"{head}s")


def _is_bare_description(token: Token) -> bool:
    """ "the ministry", "The monitor": a common noun with a definite article and nothing
    that names whose it is."""
    if token.pos_ != "NOUN":
        return False
    children = list(token.children)
    if not any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in children):
        return False
    return not any(
        c.dep_ in ("poss", "compound", "amod", "prep", "appos") and c.i != token.i
        for c in children
        if c.pos_ in ("PROPN", "ADJ", "ADP", "NOUN", "PRON")
    )


def _phrase_bounds(token: Token) -> tuple[int, int]:
    """The speaker's words: the subject's phrase, cut at punctuation after the head word."""
    doc = token.doc
    start = token.left_edge.i
    for i in range(start, token.i):
        if doc[i].is_quote or doc[i].pos_ in ("VERB", "AUX"):
            start = i + 1  # '..." Kremlin spokesman', '"..." continued Abu Rajab'
    while start < token.i and (
        doc[start].is_punct
        or doc[start].lower_ in ("but", "and")
        or doc[start].ent_type_ in ("DATE", "TIME")
        or doc[start].pos_ == "NUM"
    ):
        start += 1  # "Tuesday Kevin Kennedy", "0914 Homs governor"
    end = token.i + 1
    for i in range(token.i + 1, min(token.right_edge.i + 1, token.i + _MAX_PHRASE)):
        if doc[i].text in _PHRASE_STOPS or _opens_channel(doc[i]):
            break
        end = i + 1
    while end > token.i + 1 and doc[end - 1].is_punct:
        end -= 1
    span = doc[start:end]
    return span.start_char, span.end_char


def _opens_channel(token: Token) -> bool:
    """ "in a statement", "on Twitter": how the speaker spoke, not who they are."""
    if token.dep_ != "prep" or token.lower_ not in ("in", "on", "via"):
        return False
    return any(c.dep_ == "pobj" and c.lemma_.lower() in CHANNEL_NOUNS for c in token.children)


def _people(doc: Doc) -> dict[str, Span]:
    """Full person names of the article by their last word, first mention first."""
    found: dict[str, Span] = {}
    for ent in doc.ents:
        if ent.label_ != "PERSON" or len(ent) < 2:
            continue
        found.setdefault(ent[-1].lower_, ent)
    return found


def _uncoded(start: int, end: int, text: str, kind: ActorKind, name: str | None) -> Actor:
    return Actor(start=start, end=end, text=text, code=None, kind=kind, name=name,
                 produced_by=PRODUCED_BY)  # fmt: skip
