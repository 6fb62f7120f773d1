"""CAMEO verb patterns (PETRARCH2's dictionary, shipped as ``data/events/verbs.json``) matched
over a spaCy parse: a verb and the words around it -> a CAMEO code.

A pattern such as ``- * (FOR {HUMANITARIAN AID}) [0233]`` in the ASK block reads "ask ... for
humanitarian aid" and codes 0233. Words before ``*`` must appear before the verb, words after it
after the verb, in order, within the verb's clause. The most specific matching pattern wins;
with none, the verb's own default code applies (or no event when it has none).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

from dateline.stages.sentences import sentence_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# How far to the right of the verb a pattern's words may lie, in tokens
_WINDOW = 14
_WORDS_KEY = "dateline.verbs.words"
# A pattern item: ("w", WORD), ("syn", SET), ("seq", items), ("pp", PREP, items), ("tgt",)
Item = tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class Pattern:
    """One verb pattern: words before and after the verb, and the code it gives."""

    pre: tuple[Any, ...]
    post: tuple[Any, ...]
    code: str
    weight: int  # how many words it needs: the more, the more specific
    verbs: frozenset[str]  # the verbs it was written for; empty: every verb of its block


@dataclass(frozen=True, slots=True)
class VerbMatch:
    """A verb coded by the dictionary."""

    code: str
    verb: Token
    pattern: Pattern | None  # None: the verb's default code
    target: Token | None  # the token where the pattern's "+" (target) marker matched
    end: int  # index of the last token the match used


@dataclass(frozen=True, slots=True)
class _Word:
    """What the matcher needs of a token, read once per document."""

    i: int
    text: str  # upper case
    lemma: str  # upper case
    is_preposition: bool


@dataclass(frozen=True, slots=True)
class _Verb:
    particles: tuple[str, ...]
    code: str | None
    block: int


class VerbDictionary:
    """Verb lemmas -> blocks of patterns, with synonym sets."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.synsets: dict[str, frozenset[str]] = {
            name: frozenset(words) for name, words in data["synsets"].items()
        }
        self.verbs: dict[str, list[_Verb]] = {}
        self.blocks: list[tuple[str | None, tuple[Pattern, ...]]] = []
        for number, block in enumerate(data["blocks"]):
            patterns = tuple(
                Pattern(
                    pre=_freeze(p["pre"]),
                    post=_freeze(p["post"]),
                    code=p["code"],
                    weight=_weight(p["pre"]) + _weight(p["post"]),
                    verbs=frozenset(p.get("verbs", ())),
                )
                for p in block["patterns"]
            )
            self.blocks.append((block["code"], tuple(sorted(patterns, key=lambda p: -p.weight))))
            for verb in block["verbs"]:
                entry = _Verb(tuple(verb["particles"]), verb["code"], number)
                self.verbs.setdefault(verb["lemma"], []).append(entry)

    def knows(self, lemma: str) -> bool:
        """True if the dictionary has this verb."""
        return lemma.upper() in self.verbs

    def code(self, verb: Token) -> VerbMatch | None:
        """The CAMEO code of ``verb`` in its context, or None."""
        lemma = verb.lemma_.upper()
        entries = self.verbs.get(lemma)
        if not entries:
            lemma = verb.text.upper()
            entries = self.verbs.get(lemma)
        if not entries:
            return None
        words = _words(verb.doc)
        right = [words[t.i] for t in _right_context(verb)]
        left = words[sentence_of(verb).start : verb.i]
        best: VerbMatch | None = None
        for entry in sorted(entries, key=lambda e: -len(e.particles)):
            if entry.particles and not _has_particles(verb, entry.particles):
                continue
            default, patterns = self.blocks[entry.block]
            for pattern in patterns:
                if pattern.verbs and lemma not in pattern.verbs:
                    continue
                if (
                    best is not None
                    and best.pattern is not None
                    and pattern.weight <= best.pattern.weight
                ):
                    break
                found = self._match(pattern, left, right)
                if found is not None:
                    target, end = found
                    marked = verb.doc[target] if target is not None else None
                    best = VerbMatch(pattern.code, verb, pattern, marked, end)
                    break
            code = entry.code or default
            if code is not None and (best is None or _is_bare_preposition(best.pattern)):
                # "demonstrated in ...": a lone preposition says less than the verb's own code
                best = VerbMatch(code, verb, None, None, verb.i)
        return best

    def _match(
        self, pattern: Pattern, left: Sequence[_Word], right: Sequence[_Word]
    ) -> tuple[int | None, int] | None:
        if pattern.pre and _Matcher(self.synsets).run(pattern.pre, left) is None:
            return None
        matcher = _Matcher(self.synsets)
        end = matcher.run(pattern.post, right)
        if end is None:
            return None
        last = right[end - 1].i if end > 0 and right else (right[0].i - 1 if right else 0)
        return matcher.target, last


class _Matcher:
    """Matches pattern items in order over tokens, allowing words in between."""

    def __init__(self, synsets: dict[str, frozenset[str]]) -> None:
        self.synsets = synsets
        self.target: int | None = None

    def run(self, items: Sequence[Any], tokens: Sequence[_Word], start: int = 0) -> int | None:
        """Index just after the last token used, or None if the items do not all match."""
        position = start
        for item in items:
            kind = item[0]
            if kind == "src":
                continue
            if kind == "tgt":
                self.target = tokens[position].i if position < len(tokens) else None
                continue
            found = self._find(item, tokens, position)
            if found is None:
                return None
            position = found
        return position

    def _find(self, item: Item, tokens: Sequence[_Word], start: int) -> int | None:
        for i in range(start, len(tokens)):
            end = self._at(item, tokens, i)
            if end is not None:
                return end
        return None

    def _at(self, item: Item, tokens: Sequence[_Word], i: int) -> int | None:
        """Index after ``item`` if it matches starting exactly at token ``i``."""
        kind = item[0]
        if kind == "w":
            return i + 1 if _word_matches(tokens[i], item[1]) else None
        if kind == "syn":
            words = self.synsets.get(item[1], frozenset())
            return i + 1 if _any_word(tokens[i], words) else None
        if kind == "seq":
            position = i
            for part in item[1]:
                if position >= len(tokens):
                    return None
                end = self._at(part, tokens, position)
                if end is None:
                    return None
                position = end
            return position
        if kind == "pp":
            # the preposition must be one: "to" in "efforts to improve" is not "(TO ...)"
            if not tokens[i].is_preposition or not _word_matches(tokens[i], item[1]):
                return None
            inner = _Matcher(self.synsets)
            end = inner.run(item[2], tokens, i + 1)
            if end is None:
                return None
            if inner.target is not None:
                self.target = inner.target
            elif any(part[0] == "tgt" for part in item[2]) and i + 1 < len(tokens):
                self.target = tokens[i + 1].i
            return end
        return None


def _is_bare_preposition(pattern: Pattern | None) -> bool:
    return (
        pattern is not None and not pattern.pre and len(pattern.post) == 1
        and pattern.post[0][0] == "pp"
        and not any(i[0] in ("w", "syn", "seq") for i in pattern.post[0][2])
    )  # fmt: skip


def _word_matches(word: _Word, wanted: str) -> bool:
    if wanted in (word.text, word.lemma):
        return True
    return wanted.endswith("S") and wanted[:-1] in (word.text, word.lemma)


def _any_word(word: _Word, words: frozenset[str]) -> bool:
    return word.text in words or word.lemma in words or f"{word.lemma}S" in words


def _words(doc: Doc) -> list[_Word]:
    """The matcher's view of every token, cached on the document."""
    cached = doc.user_data.get(_WORDS_KEY)
    if cached is None:
        cached = [_Word(t.i, t.text.upper(), t.lemma_.upper(), t.pos_ == "ADP") for t in doc]
        doc.user_data[_WORDS_KEY] = cached
    return cached


def _right_context(verb: Token) -> list[Token]:
    """Tokens after the verb in its own clause: its subtree, cut at a nested clause's verb."""
    end = sentence_of(verb).end
    subtree = {t.i for t in verb.subtree}
    tokens = []
    for token in verb.doc[verb.i + 1 : end]:
        if token.i not in subtree:
            break
        if token.dep_ in ("ccomp", "advcl", "relcl", "parataxis") and token.head.i == verb.i:
            break  # "said that ...", "... after X did Y": another clause
        tokens.append(token)
        if len(tokens) >= _WINDOW:
            break
    return [t for t in tokens if not t.is_punct and t.pos_ not in ("DET",)]


def _has_particles(verb: Token, particles: tuple[str, ...]) -> bool:
    following = [t.text.upper() for t in verb.doc[verb.i + 1 : verb.i + 1 + len(particles) + 2]]
    position = 0
    for particle in particles:
        try:
            position = following.index(particle, position) + 1
        except ValueError:
            return False
    return True


def _freeze(items: Iterable[Any]) -> tuple[Any, ...]:
    frozen: list[Item] = []
    for item in items:
        if item[0] == "seq":
            frozen.append(("seq", _freeze(item[1])))
        elif item[0] == "pp":
            frozen.append(("pp", item[1], _freeze(item[2])))
        else:
            frozen.append(tuple(item))
    return tuple(frozen)


def _weight(items: Iterable[Any]) -> int:
    total = 0
    for item in items:
        if item[0] in ("w", "syn"):
            total += 1
        elif item[0] == "seq":
            total += _weight(item[1])
        elif item[0] == "pp":
            total += 1 + _weight(item[2])
    return total


@functools.lru_cache(maxsize=1)
def load_verbs() -> VerbDictionary:
    """The shipped CAMEO verb dictionary (cached per process)."""
    path = resources.files("dateline") / "data" / "events" / "verbs.json"
    return VerbDictionary(json.loads(path.read_text(encoding="utf-8")))


_MILITARY_STRIKE_VERBS = frozenset(
    {"carry", "conduct", "launch", "stage", "mount", "order", "intensify"}
)


class NounDictionary:
    """Event nouns ("rally", "hunger strike", "talks") -> CAMEO codes."""

    def __init__(self, rows: Iterable[tuple[str, str]]) -> None:
        self.codes = {noun: code for noun, code in rows}

    def code(self, noun: Token) -> str | None:
        """The code of the event a noun names, reading "hunger strike", "state of emergency"."""
        lemma = noun.lemma_.lower()
        candidates = []
        modifiers = [c for c in noun.lefts if c.dep_ in ("compound", "amod", "nmod")]
        if modifiers:
            candidates.append(f"{modifiers[-1].lemma_.lower()} {lemma}")
        of = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is not None:
            obj = next((c for c in of.children if c.dep_ == "pobj"), None)
            if obj is not None:
                candidates.append(f"{lemma} of {obj.lemma_.lower()}")
        if lemma == "strike" and not modifiers:
            # "carried out strikes" are military; "went on strike" is labour
            governor = noun.head.head if noun.dep_ == "pobj" else noun.head
            candidates.append(
                "air strike" if governor.lemma_.lower() in _MILITARY_STRIKE_VERBS else lemma
            )
        candidates.append(lemma)
        # "mediation mission", "protest march": a modifier that is itself an event
        candidates.extend(m.lemma_.lower() for m in reversed(modifiers) if m.dep_ == "compound")
        return next((self.codes[c] for c in candidates if c in self.codes), None)


@functools.lru_cache(maxsize=1)
def load_nouns() -> NounDictionary:
    """The shipped event-noun dictionary (cached per process)."""
    path = resources.files("dateline") / "data" / "events" / "nouns.tsv"
    with path.open(encoding="utf-8") as handle:
        rows = [
            tuple(line.rstrip("\n").split("\t")[:2])
            for line in handle
            if line.strip() and not line.startswith("#")
        ]
    return NounDictionary((noun, code) for noun, code in rows[1:])
