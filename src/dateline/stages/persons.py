"""People within one article: names without their titles, and later mentions by surname.

"Turkish Foreign Minister Mevlut Cavusoglu" introduces a person; a later "Cavusoglu" is the
same person with the same code, sector and office, whatever the NER thought it was.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from dateline.model import Actor, ActorKind

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from dateline.stages.lexicon import Hit

# Arabic and other name particles that are not a surname on their own
_PARTICLES = frozenset(
    {"al", "el", "bin", "ibn", "abu", "von", "van", "de", "da", "di", "le", "la"}
)


def person_name(ent: Span, hits: Mapping[int, Hit]) -> str:
    """The entity's text without leading titles ("Foreign Minister Mevlut Cavusoglu")."""
    start = ent.start
    while start < ent.end - 1:
        hit = hits.get(start)
        if hit is None or hit.first("role", "name", "alias", "adjective", "org") is None:
            break
        start = hit.end
    return ent.doc[start : ent.end].text.strip(" ,'’")


def name_keys(name: str) -> list[str]:
    """Lower-cased keys a later mention may use: the full name and the surname."""
    words = name.replace("-", " ").split()
    keys = [name.lower()]
    surname = [w for w in words if w.lower() not in _PARTICLES]
    if len(words) > 1 and surname:
        keys.append(surname[-1].lower().strip("'’s"))
    return keys


class PersonIndex:
    """The coded people of one article, by name and surname."""

    def __init__(self) -> None:
        self._by_key: dict[str, Actor] = {}

    def add(self, actor: Actor) -> None:
        """Remember a coded person mention (the first mention of a name wins)."""
        if actor.kind is not ActorKind.PERSON or not actor.name:
            return
        if actor.code is None and actor.sector is None:
            return
        for key in name_keys(actor.name):
            self._by_key.setdefault(key, actor)

    def lookup(self, name: str) -> Actor | None:
        """The person already met under this name or surname."""
        for key in name_keys(name):
            if key in self._by_key:
                return self._by_key[key]
        return None

    def knows(self, token: Token) -> bool:
        """True if the token is the name of a person met earlier."""
        return self.at(token) is not None

    def at(self, token: Token) -> Actor | None:
        """The earlier person that ``token`` names by surname, if any."""
        if not token.text[:1].isupper():
            return None
        text = token.text.lower()
        if text.endswith(("'s", "’s")):
            text = text[:-2]
        return self._by_key.get(text)

    def number(self, actors: Iterable[Actor]) -> Iterator[Actor]:
        """Give mentions of the same real-world actor the same ``entity`` number."""
        ids: dict[tuple[str, ...], int] = {}
        for actor in actors:
            key = entity_key(actor, self)
            number = ids.setdefault(key, len(ids))
            yield replace(actor, entity=number)


def entity_key(actor: Actor, persons: PersonIndex) -> tuple[str, ...]:
    """What makes two mentions the same actor: a person's name, a state's code, a body's role."""
    if actor.kind is ActorKind.PERSON and actor.name:
        first = persons.lookup(actor.name)
        return ("person", (first.name if first and first.name else actor.name).lower())
    if actor.kind is ActorKind.STATE:
        return ("state", actor.code or "", actor.sector or "")
    return (
        "body",
        actor.code or "",
        actor.sector or "",
        (actor.name or actor.office or "").lower(),
    )
