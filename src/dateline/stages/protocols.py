"""The plug shapes of the pipeline: one Protocol per slot.

Every stage reads the article and its spaCy parse (made once, by the pipeline) plus what
earlier stages found, and returns records that point into ``Article.text``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from dateline.model import Actor, Article, Dateline, Event, Place, Quote, TimeExpression

if TYPE_CHECKING:
    from spacy.tokens import Doc


class ActorFinder(Protocol):
    """Article -> actor mentions."""

    def __call__(self, article: Article, doc: Doc) -> Sequence[Actor]: ...


class PlaceFinder(Protocol):
    """Article + actors -> place mentions (a name used for a government is an actor)."""

    def __call__(self, article: Article, doc: Doc, actors: Sequence[Actor]) -> Sequence[Place]: ...

    def locate(self, dateline: Dateline) -> Place | None:
        """The gazetteer entry for a dateline's place, or None."""
        ...


class TimeFinder(Protocol):
    """Article -> time expressions normalised against the publication date."""

    def __call__(self, article: Article, doc: Doc) -> Sequence[TimeExpression]: ...


class QuoteFinder(Protocol):
    """Article + actors -> quotes with speakers."""

    def __call__(self, article: Article, doc: Doc, actors: Sequence[Actor]) -> Sequence[Quote]: ...


class EventCoder(Protocol):
    """Article + actors, places, times -> PLOVER events.

    A coder may also offer ``accepts(event) -> bool``, its own default threshold: the pipeline
    keeps what it accepts unless a ``min_confidence`` setting replaces it.
    """

    def __call__(
        self,
        article: Article,
        doc: Doc,
        actors: Sequence[Actor],
        places: Sequence[Place],
        times: Sequence[TimeExpression],
    ) -> Sequence[Event]: ...
