"""The records that flow through dateline: article -> actors -> events, quotes, places, dates.

Every record is an immutable value that points back into ``Article.text`` by character
offsets (``start``/``end``, end exclusive), so any extracted fact can be shown next to
the words it came from.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import NewType

ArticleId = NewType("ArticleId", str)

PLOVER_EVENTS: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip


class TimeStatus(StrEnum):
    """Whether an event happened, happened long before the report, or is only talked about."""

    CURRENT = "current"
    HISTORICAL = "historical"
    FUTURE = "future"
    HYPOTHETICAL = "hypothetical"
    NEGATED = "negated"


class Precision(StrEnum):
    """How much of a date is known."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


class QuoteKind(StrEnum):
    """Direct: a whole statement in quotation marks; partial: a quoted fragment inside
    reported speech; indirect: reported speech with no quotation marks."""

    DIRECT = "direct"
    PARTIAL = "partial"
    INDIRECT = "indirect"


class ActorKind(StrEnum):
    """What sort of thing an actor mention names."""

    STATE = "state"  # a country by name, adjective, demonym or capital
    IGO = "igo"  # an international organisation or group
    PERSON = "person"
    BODY = "body"  # an office, ministry, force, party, agency, group of people


def content_id(*parts: object) -> str:
    """A short deterministic id from the given parts: same input, same id."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return digest.hexdigest()[:16]


@dataclass(frozen=True, slots=True, kw_only=True)
class Dateline:
    """The opening "ANKARA, May 10 (Reuters) -" of a wire story."""

    place: str
    country: str | None = None
    date: date | None = None
    agency: str | None = None
    start: int = 0
    end: int = 0

    def covers(self, offset: int) -> bool:
        """Whether the character at ``offset`` of the article lies in this dateline."""
        return self.start <= offset < self.end


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """One news article: clean body text plus what is known about it."""

    id: ArticleId
    text: str
    title: str | None = None
    published: date | None = None
    source: str | None = None
    url: str | None = None
    dateline: Dateline | None = None
    authors: tuple[str, ...] = ()
    editors: tuple[str, ...] = ()
    language: str = "en"
    origin: str = ""  # where it was read from: "seed.txt", "news.jsonl:12"
    meta: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class Actor:
    """A mention of a political actor, coded by country (or IGO/NGO/IMG/MNC) and sector."""

    start: int
    end: int
    text: str
    code: str | None
    sector: str | None = None
    kind: ActorKind = ActorKind.BODY
    name: str | None = None  # a person's name or the body's canonical name
    office: str | None = None  # "foreign minister"
    entity: int = -1  # mentions of the same real-world actor in an article share this
    head: int = -1  # offset of the word whose grammatical role places the actor in its clause
    produced_by: str = ""

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad actor span {self.start}:{self.end}")


@dataclass(frozen=True, slots=True, kw_only=True)
class Place:
    """A place name in the text, resolved against the gazetteer where possible."""

    start: int
    end: int
    text: str
    name: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature: str | None = None  # country, admin1, city, region
    geonameid: int | None = None
    produced_by: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class TimeExpression:
    """A time expression normalised against the publication date."""

    start: int
    end: int
    text: str
    value: date | None  # first day of the period
    precision: Precision | None
    end_value: date | None = None  # last day of a range "from 2011 to 2013"

    def formatted(self) -> str | None:
        """The value cut to its precision: 2022-12-01 at month precision is "2022-12"."""
        if self.value is None or self.precision is None:
            return None
        if self.precision is Precision.YEAR:
            return f"{self.value.year:04d}"
        if self.precision is Precision.MONTH:
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return self.value.isoformat()


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """Who did what to whom, where and when, tied to the sentence it was read from."""

    id: str
    type: str  # a PLOVER 2021 event type
    mode: str | None
    context: tuple[str, ...]
    cameo: str
    actors: tuple[Actor, ...]
    recipients: tuple[Actor, ...]
    date: str | None  # YYYY-MM-DD, YYYY-MM or YYYY
    time_status: TimeStatus
    location: Place | None
    quad_code: int
    score: float
    start: int  # the sentence
    end: int
    trigger: str
    trigger_start: int
    trigger_end: int
    confidence: float
    produced_by: str = ""
    # where ``location`` came from: "clause", "sentence", "neighbour", "article", "dateline"
    location_source: str | None = None
    location_precision: str | None = None  # "point", "city", "admin1", "country"
    # where ``date`` came from: "clause", "sentence", "earlier_mention", "publication"
    date_source: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote:
    """Attributed speech: the quoted words, who said them, how and through what."""

    start: int
    end: int
    text: str
    kind: QuoteKind
    cue: str | None
    # the resolved speaker: the actor mention the speaker was read back to ("Sergei Lavrov")
    speaker: Actor | None
    # the words naming the speaker for this quote ("he"), and their offsets: text[start:end]
    speaker_text: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    channel: str | None = None
    produced_by: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Failure:
    """What went wrong for one input or one stage: kept, never silently dropped."""

    stage: str
    message: str
    origin: str = ""
    error_type: str = ""
    raw: str | None = None  # the raw input, for replay, when it could not be read


@dataclass(frozen=True, slots=True, kw_only=True)
class Analysis:
    """All that the pipeline learned about one article, plus what went wrong."""

    article: Article
    actors: tuple[Actor, ...] = ()
    events: tuple[Event, ...] = ()
    places: tuple[Place, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    quotes: tuple[Quote, ...] = ()
    failures: tuple[Failure, ...] = ()
