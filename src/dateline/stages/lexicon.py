"""The actor dictionaries shipped in ``dateline/data/actors`` and fast matching over tokens.

Terms are tokenised with the same spaCy tokenizer as the articles, so "U.S." or
"al-Assad" match exactly as they are split in text. The longest term wins.
"""

from __future__ import annotations

import csv
import functools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

_PLAIN = re.compile(r"[A-Za-z]{2,}(?: [A-Za-z]{2,})*")
COUNTRY_KINDS = frozenset({"name", "alias", "adjective", "demonym", "capital"})
MAX_TERM_TOKENS = 8


@dataclass(frozen=True, slots=True)
class Entry:
    """One dictionary entry: a term and what it codes."""

    term: str
    kind: str  # name, alias, adjective, demonym, capital, org, role, person
    code: str | None
    sector: str | None
    name: str
    subtype: str | None = None  # role: title/office/body/group; org: igo/media/armed_group/...
    exact: bool = False  # match only in this capitalisation ("US", "Chad")
    valid_from: date | None = None
    valid_to: date | None = None

    @property
    def is_country(self) -> bool:
        """A state named by its name, an adjective, a demonym or its capital."""
        return self.kind in COUNTRY_KINDS

    def valid_on(self, day: date | None) -> bool:
        """True if the entry's office was held on ``day`` (open ends always hold)."""
        if day is None:
            return self.valid_to is None
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


@dataclass(frozen=True, slots=True)
class Hit:
    """A dictionary match over tokens ``start`` (inclusive) to ``end`` (exclusive)."""

    start: int
    end: int
    entries: tuple[Entry, ...]

    def first(self, *kinds: str) -> Entry | None:
        """The first entry of one of ``kinds``."""
        return next((e for e in self.entries if e.kind in kinds), None)


class Lexicon:
    """All actor terms, keyed by their lower-cased token sequence."""

    def __init__(self, entries: Iterable[Entry], tokenize: Callable[[str], Sequence[str]]) -> None:
        self._terms: dict[tuple[str, ...], list[tuple[tuple[str, ...], Entry]]] = defaultdict(list)
        self._lengths: dict[str, set[int]] = defaultdict(set)
        for entry in entries:
            tokens = tuple(tokenize(entry.term))
            if not tokens or len(tokens) > MAX_TERM_TOKENS:
                continue
            key = tuple(t.lower() for t in tokens)
            self._terms[key].append((tokens, entry))
            self._lengths[key[0]].add(len(key))
        self.surnames: dict[str, list[Entry]] = defaultdict(list)
        for items in self._terms.values():
            for _, entry in items:
                if entry.kind == "person" and entry.term == entry.name:
                    self.surnames[surname(entry.name)].append(entry)

    def by_surname(self, surname: str) -> tuple[Entry, ...]:
        """Dictionary people with this surname ("Bush": both presidents)."""
        return tuple(self.surnames.get(surname.lower().removeprefix("al-").removeprefix("el-"), ()))

    def __len__(self) -> int:
        return sum(len(items) for items in self._terms.values())

    def lookup(self, term: str) -> tuple[Entry, ...]:
        """Entries for a term given as space-separated tokens (case-insensitive)."""
        return tuple(e for _, e in self._terms.get(tuple(term.lower().split()), []))

    def match(self, doc: Doc, start: int = 0, end: int | None = None) -> list[Hit]:
        """Longest non-overlapping matches in ``doc[start:end]``, left to right."""
        # token texts once: creating spaCy Token objects is the cost of matching
        texts = [t.text for t in doc]
        lowers = [t.lower() for t in texts]
        end = len(texts) if end is None else end
        hits: list[Hit] = []
        i = start
        while i < end:
            hit = self._match_words(texts, lowers, i, end)
            if hit is None:
                i += 1
                continue
            hits.append(hit)
            i = hit.end
        return hits

    def _match_words(
        self, texts: Sequence[str], lowers: Sequence[str], i: int, end: int
    ) -> Hit | None:
        lengths = self._lengths.get(lowers[i])
        if not lengths:
            return self._possessive(texts[i], lowers[i], i)
        for length in sorted(lengths, reverse=True):
            if i + length > end:
                continue
            words = texts[i : i + length]
            items = self._terms.get(tuple(lowers[i : i + length]))
            if not items:
                continue
            entries = tuple(e for tokens, e in items if not e.exact or list(tokens) == list(words))
            if entries:
                return Hit(i, i + length, entries)
        return None

    def _possessive(self, text: str, lower: str, i: int) -> Hit | None:
        """ "Syrias", "Russias", "UNs": a possessive whose apostrophe the source lost."""
        if len(text) < 4 or not text[0].isupper() or not lower.endswith("s"):
            return None
        items = self._terms.get((lower[:-1],), ())
        entries = tuple(
            e
            for tokens, e in items
            if e.kind in ("name", "alias", "org") and tokens[0] == text[:-1]
        )
        return Hit(i, i + 1, entries) if entries else None


def surname(name: str) -> str:
    """The lower-cased family name, without Arabic article: "Omar al-Bashir" -> "bashir"."""
    last = name.split()[-1].lower()
    for article in ("al-", "el-", "ul-"):
        last = last.removeprefix(article)
    return last


@functools.lru_cache(maxsize=2)
def load_lexicon(nlp: Language) -> Lexicon:
    """The shipped dictionaries, tokenised with ``nlp``'s tokenizer (cached per model)."""
    tokenizer = nlp.tokenizer

    def tokenize(term: str) -> list[str]:
        # plain words split on spaces exactly as the tokenizer would, and 30 times faster;
        # terms with punctuation ("U.S.", "al-Assad") go through the tokenizer itself
        if _PLAIN.fullmatch(term):
            return term.split()
        return [t.text for t in tokenizer(term)]

    return Lexicon(iter_entries(), tokenize)


def iter_entries() -> Iterable[Entry]:
    """Every entry of the shipped TSV dictionaries."""
    for row in _rows("countries.tsv"):
        yield Entry(
            term=row["term"], kind=row["kind"], code=row["code"], sector=None,
            name=row["code"], exact=row.get("case") == "exact",
        )  # fmt: skip
    for row in _rows("organisations.tsv"):
        yield Entry(
            term=row["term"], kind="org", code=row["code"] or None, sector=row["sector"] or None,
            name=row["name"] or row["term"], subtype=row.get("kind") or None,
            exact=row.get("case") == "exact" or (row["term"].isupper() and len(row["term"]) <= 5),
        )  # fmt: skip
    for row in _rows("roles.tsv"):
        yield Entry(
            term=row["term"], kind="role", code=None, sector=row["sector"] or None,
            name=row["term"].lower(), subtype=row["type"],
        )  # fmt: skip
    for row in _rows("people.tsv"):
        names = [row["name"], *(a for a in row.get("aliases", "").split("|") if a)]
        for term in dict.fromkeys(names):
            if len(term.split()) < 2:
                continue  # a lone surname is resolved through the article, not the dictionary
            yield Entry(
                term=term, kind="person", code=row["code"] or None, sector=row["sector"] or None,
                name=row["name"], valid_from=_date(row.get("start")),
                valid_to=_date(row.get("end")),
            )  # fmt: skip


def _rows(name: str) -> list[dict[str, str]]:
    path = resources.files("dateline") / "data" / "actors" / name
    with path.open(encoding="utf-8") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        return [
            {k: (v or "").strip() for k, v in row.items() if k is not None}
            for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
        ]


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None
