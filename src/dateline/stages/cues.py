"""Speech cues in a parsed sentence: the verb that reports speech ("said", "told reporters",
"was quoted as saying"), or "according to", with the words naming the speaker and the channel.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# Verbs that report what someone said and take the statement as a clause: "said (that) ...".
REPORTING = frozenset({
    "say", "tell", "add", "state", "announce", "claim", "insist", "deny", "warn", "write",
    "tweet", "post", "report", "note", "stress", "explain", "conclude", "respond", "reply",
    "argue", "suggest", "maintain", "allege", "confirm", "declare", "reveal", "admit",
    "acknowledge", "assert", "emphasise", "emphasize", "underline", "underscore", "predict",
    "complain", "recall", "observe", "remark", "comment", "demand", "reiterate", "caution",
    "contend", "concede", "testify", "indicate", "quote", "continue", "agree", "affirm",
    "charge", "estimate", "signal", "disclose", "mention",
})  # fmt: skip
# Verbs that quote a fragment ("called it a 'massacre'") but do not report a whole statement.
FRAGMENT = REPORTING | frozenset({
    "call", "describe", "dub", "label", "brand", "term", "refer", "accuse", "condemn",
    "criticise", "criticize", "dismiss", "reject", "denounce", "express", "cite", "welcome",
    "hail", "praise", "blame", "appeal", "urge", "ask", "vow", "pledge", "promise", "threaten",
    "speak", "voice", "attribute", "designate", "decry", "slam", "lament",
})  # fmt: skip
# "continue" and "agree" report speech only right after a quote: '"...," continued Kiki'
_INVERTED_ONLY = frozenset({"continue", "agree", "indicate", "signal", "charge", "mention"})
# verbs whose object is the audience: "told reporters that ..."
_ADDRESSING = frozenset({"tell", "inform", "assure", "warn", "remind", "brief"})
# verbs that report the clause they interrupt: "These events, he said, highlight ..."
_ASIDES = frozenset({"say", "add", "tell", "state", "write", "insist", "note", "explain", "warn"})
# words that make a clause a question, not a statement: "did not say what agent was used"
_WH = frozenset({"what", "whether", "if", "how", "why", "who", "whom", "which", "when", "where"})
_AUDIENCE = frozenset({
    "reporters", "journalists", "correspondents", "newsmen", "press", "media", "parliament",
    "lawmakers", "legislators", "members", "delegates", "audience", "crowd", "supporters",
})  # fmt: skip
# nouns that name how something was said: "in a statement", "told a parliamentary debate"
CHANNEL_NOUNS = frozenset({
    "statement", "tweet", "interview", "briefing", "report", "post", "letter", "speech",
    "conference", "communique", "communiqué", "message", "video", "broadcast", "article",
    "debate", "session", "hearing", "address", "remarks", "email", "e-mail", "notice", "blog",
    "tv", "television", "radio", "twitter", "facebook", "telegram", "instagram", "youtube",
    "website", "scroll", "newspaper", "daily", "channel", "broadcaster", "agency", "bulletin",
    "announcement", "declaration", "resolution", "op-ed", "column", "podcast", "programme",
    "program", "show", "transcript", "release",
})  # fmt: skip
_CHANNEL_PREPOSITIONS = frozenset({"in", "on", "during", "via", "through", "at", "to", "with"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
_RELATIVE = frozenset({"who", "which", "that", "whom"})
# "a statement from the ministry said": the statement is the channel, the ministry the speaker
DOCUMENTS = frozenset({
    "statement", "report", "communique", "communiqué", "release", "letter", "tweet", "post",
    "message", "document", "memo", "announcement", "bulletin", "scroll", "notice", "readout",
})  # fmt: skip
_CLIMB = frozenset({"advcl", "xcomp", "conj", "pcomp", "acl", "prep", "ccomp", "relcl"})
# "condemned the attack saying ...": the parse may hang the participle on the object noun
_CLIMB_NOUN = frozenset({"dobj", "pobj", "attr", "appos"})
_NEGATIONS = frozenset({"not", "n't", "never"})
_NOMINAL = frozenset({"PROPN", "NOUN", "PRON"})
_MAX_SPEAKER_WORDS = 16


@dataclass(frozen=True, slots=True)
class Cue:
    """One speech cue: ``verb`` reports speech by ``subject`` (None when the parse gives none)."""

    verb: Token
    text: str  # "said", "has said", "told reporters", "was quoted as saying", "according to"
    subject: Token | None
    channel: tuple[int, int] | None  # character span of the channel's words
    according: bool = False  # "according to X": the rest of the sentence is the statement
    negated: bool = False
    inverted: bool = False  # the speaker follows the verb: '"...," said Kurdi'

    def complements(self) -> list[Token]:
        """The clauses that hold the statement: "said (that) CLAUSE and that CLAUSE"."""
        if self.according or self.verb.lemma_ not in REPORTING or self.negated:
            return []
        found: list[Token] = []
        for child in self.verb.children:
            if child.dep_ != "ccomp" or _is_question(child):
                continue
            found.append(child)
            # "said that A and that B": each "that" clause is a statement of its own
            found.extend(c for c in child.conjuncts if c.i > child.i and has_that(c))
            # "said A was hit when troops responded ... and that B": a "that" clause the
            # parse hung lower down is a statement of its own too
            found.extend(
                t for t in child.subtree if t.dep_ == "conj" and has_that(t) and t not in found
            )
        if not found and self.verb.lemma_ in _ADDRESSING:
            # "told a briefing that the military had asked": parsed as a relative clause of
            # the audience, but it has a subject of its own
            for audience in (c for c in self.verb.children if c.dep_ in ("dobj", "dative")):
                found.extend(
                    c
                    for c in audience.children
                    if c.dep_ == "relcl"
                    and c.left_edge.lower_ == "that"
                    and any(s.dep_ in _SUBJECTS and s.lower_ not in _RELATIVE for s in c.children)
                )
        if (
            not found
            and self.verb.dep_ == "parataxis"
            and self.verb.lemma_ in _ASIDES
            and self.subject is not None
            and not any(c.dep_ in ("dobj", "dative") for c in self.verb.children)
        ):
            found.append(self.verb.head)  # "These events highlight the dangers, he said"
        return found


def find_cues(sentence: Span, quoted: Callable[[int], bool] = lambda _: False) -> Iterator[Cue]:
    """Every speech cue of one sentence, in order; ``quoted(offset)`` tells whether a
    character lies inside quotation marks, where a cue's speaker cannot be."""
    for token in sentence:
        if quoted(token.idx):
            continue
        if (
            token.lower_ == "according"
            and token.i + 1 < sentence.end
            and token.nbor().lower_ == "to"
        ):
            yield _according(token)
        elif token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in FRAGMENT:
            cue = _verb_cue(token, quoted)
            if cue is not None:
                yield cue


def _according(token: Token) -> Cue:
    to = token.nbor()
    objects = [c for c in to.children if c.dep_ == "pobj"] or [
        c for c in token.children if c.dep_ == "pobj"
    ]
    subject = objects[0] if objects else None
    return Cue(verb=token, text=f"{token.text} to", subject=subject, channel=None, according=True)


def _verb_cue(verb: Token, quoted: Callable[[int], bool]) -> Cue | None:
    lemma = verb.lemma_.lower()
    if verb.dep_ in ("amod", "compound"):
        return None  # "the so-called rebels"
    if _passive(verb) and not _quoted(verb):
        # "he is said to have died", "Israel had been warned that ...": the subject is not
        # the speaker; one named by "by" is
        subject = _agent(verb)
        if subject is None:
            return None
    else:
        subject = _subject(verb)
        if (subject is None and verb.tag_ != "VBG") or (
            subject is not None and quoted(subject.idx)
        ):
            # the parser took a word of the quote for the speaker, or found none
            subject = _beside(verb, quoted)
    if subject is not None and subject.pos_ in ("PUNCT", "SYM", "X", "SPACE"):
        subject = None
    document = None
    if subject is not None and subject.lemma_.lower() in DOCUMENTS:
        document, subject = subject, _author(subject)
    inverted = subject is not None and subject.i > verb.i
    if lemma in _INVERTED_ONLY and not (inverted and _after_quote(verb)):
        return None
    negated = any(c.dep_ == "neg" or c.lower_ in _NEGATIONS for c in verb.children)
    channel = _channel(verb)
    if channel is None and document is not None:
        channel = _phrase(document)
    return Cue(
        verb=verb,
        text=_cue_text(verb),
        subject=subject,
        channel=channel,
        negated=negated,
        inverted=inverted,
    )


def _beside(verb: Token, quoted: Callable[[int], bool]) -> Token | None:
    """The speaker's name next to the verb, outside the quote: '"..." Kremlin spokesman Dmitry
    Peskov said', '"...," Osman-aga, who herds camels, told', '"..." said Kurdi'."""
    doc = verb.doc
    i = verb.i - 1
    while (
        i >= 0
        and verb.i - i <= _MAX_SPEAKER_WORDS
        and not quoted(doc[i].idx)
        and not doc[i].is_quote
    ):
        i -= 1
    if i >= 0 and verb.i - i <= _MAX_SPEAKER_WORDS and i < verb.i - 1:
        name = _first_name_run(doc[i + 1 : verb.i])
        if name is not None:
            return name
    before = doc[verb.i - 1] if verb.i > 0 else None
    if before is not None and before.pos_ in _NOMINAL and not quoted(before.idx):
        return before
    if verb.i + 1 < len(doc) and not quoted(doc[verb.i + 1].idx):
        return _first_name_run(doc[verb.i + 1 : verb.i + 1 + _MAX_SPEAKER_WORDS])
    return None


def _first_name_run(words: Span) -> Token | None:
    """The last word of the first run of nouns: "Abu Yusef Muhajir" in "Abu Yusef Muhajir a
    military commander"; None when the words open with something else."""
    tokens = [t for t in words if not t.is_punct]
    start = 0
    while start < len(tokens) and tokens[start].pos_ in ("DET", "ADJ", "NUM"):
        start += 1
    if start >= len(tokens) or tokens[start].pos_ not in _NOMINAL:
        return None
    end = start
    while (
        end + 1 < len(tokens)
        and tokens[end + 1].pos_ in ("PROPN", "NOUN")
        and tokens[end].pos_ != "PRON"
    ):
        end += 1
    return tokens[end]


def _author(document: Token) -> Token | None:
    """Who a document speaks for: "a statement from/by/of X", "X's statement", "a statement
    issued by X"; None when it does not say."""
    for child in document.children:
        if child.dep_ == "poss" or (child.dep_ == "compound" and child.pos_ == "PROPN"):
            return child  # "the ministry's statement", "a Pentagon statement"
        if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
        if child.dep_ == "acl":
            for agent in child.children:
                if agent.dep_ == "agent":
                    objects = [c for c in agent.children if c.dep_ == "pobj"]
                    if objects:
                        return objects[0]
    return document


def _subject(verb: Token) -> Token | None:
    """The speaker's head word: the verb's subject, or that of the verb it hangs from
    ("..., adding that", "was quoted as saying", "and instead attributed ...")."""
    current = verb
    for _ in range(4):
        for child in current.children:
            if child.dep_ in _SUBJECTS:
                if child.lower_ in _RELATIVE and current.dep_ == "relcl":
                    return current.head  # "medical sources who described ..."
                return child
        for child in current.children:
            if child.dep_ == "agent":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects and current.lemma_ != "quote":
                    return objects[0]
        climbs = current.dep_ in _CLIMB or (current is not verb and current.dep_ in _CLIMB_NOUN)
        if not climbs or current.head is current:
            return None
        if current.dep_ == "relcl":
            return current.head  # "a statement which said"
        current = current.head
    return None


def _cue_text(verb: Token) -> str:
    words = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
    start = words[0].i if words else verb.i
    end = verb.i + 1
    head = verb.head
    if verb.dep_ == "pcomp" and head.lower_ == "as" and head.head.lemma_ == "quote":
        # "was quoted as saying"
        quoted = head.head
        aux = [c for c in quoted.children if c.dep_ in ("aux", "auxpass") and c.i < quoted.i]
        start = aux[0].i if aux else quoted.i
    for child in verb.children:
        if child.dep_ in ("dobj", "dative") and child.lower_ in _AUDIENCE and child.i == end:
            end = child.i + 1
        if verb.lemma_ == "quote" and child.dep_ == "prep" and child.lower_ == "as":
            end = max([end, *(c.i + 1 for c in child.children if c.dep_ == "pcomp")])
    return verb.doc[start:end].text


def _channel(verb: Token) -> tuple[int, int] | None:
    """ "in a tweet", "told AFP", "was quoted by SANA", "speaking to The New Arab"."""
    candidates = [verb]
    if verb.dep_ == "pcomp" and verb.head.lower_ == "as":
        candidates.append(verb.head.head)
    for head in candidates:
        for child in head.children:
            found = _channel_of(head, child)
            if found is not None:
                return found
    return None


def _channel_of(verb: Token, child: Token) -> tuple[int, int] | None:
    if child.dep_ == "prep" and child.lower_ in _CHANNEL_PREPOSITIONS:
        for obj in child.children:
            if obj.dep_ == "pobj" and _names_channel(obj):
                return _phrase(obj)
    if verb.lemma_ == "quote" and child.dep_ in ("agent", "prep", "pcomp"):
        # "was quoted by SANA as saying", "was quoted as saying by SANA"
        for by in (t for t in child.subtree if t.lower_ == "by" and t.dep_ in ("agent", "prep")):
            for obj in by.children:
                if obj.dep_ == "pobj":
                    return _phrase(obj)
    told = (
        child.dep_ in ("dobj", "dative") and verb.lemma_ == "tell" and child.lower_ not in _AUDIENCE
    )
    if told and (child.pos_ == "PROPN" or child.ent_type_ == "ORG" or _names_channel(child)):
        return _phrase(child)
    if child.dep_ == "advcl" and child.lemma_ in ("speak", "talk"):
        for prep in child.children:
            if prep.dep_ == "prep" and prep.lower_ == "to":
                for obj in prep.children:
                    if obj.dep_ == "pobj" and (obj.ent_type_ == "ORG" or _names_channel(obj)):
                        return _phrase(obj)
    return None


def _names_channel(token: Token) -> bool:
    return token.lower_ in CHANNEL_NOUNS or token.lemma_.lower() in CHANNEL_NOUNS


def _phrase(head: Token) -> tuple[int, int]:
    """The channel's words: the noun with its modifiers, without a leading article."""
    left = head
    for child in head.children:
        if child.i < head.i and child.dep_ in ("amod", "compound", "nmod", "poss", "det"):
            left = min(left, child.left_edge, key=lambda t: t.i)
    if left.pos_ == "DET" and left.i < head.i and left.is_lower:
        left = left.doc[left.i + 1]
    right = head
    for child in head.children:
        if child.i > head.i and child.dep_ in ("appos", "compound", "flat"):
            right = max(right, child, key=lambda t: t.i)
    doc = head.doc
    while right.i + 1 < len(doc) and _is_name(doc[right.i + 1]) and right.pos_ in ("NOUN", "PROPN"):
        right = doc[right.i + 1]  # "news agency SANA", whatever the parse made of the name
    return left.idx, right.idx + len(right.text)


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _is_name(token: Token) -> bool:
    return token.pos_ == "PROPN" or (
        len(token.text) > 1 and token.text.isupper() and token.is_alpha
    )


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _quoted(verb: Token) -> bool:
    return verb.lemma_ == "quote"


def _after_quote(verb: Token) -> bool:
    """True if the verb comes right after a closing quotation mark (and maybe a comma)."""
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and doc[i].is_punct and doc[i].text in (",", "-", "—", "–"):
        i -= 1
    return i >= 0 and doc[i].is_quote


def _is_question(clause: Token) -> bool:
    first = clause.left_edge
    return first.lower_ in _WH or any(
        c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in clause.children
    )


def has_that(clause: Token) -> bool:
    """True if the clause opens with "that"."""
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
