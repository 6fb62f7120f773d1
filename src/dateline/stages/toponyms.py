"""Is a country or capital named as a place ("met in Moscow") or as an actor ("Moscow said")?

The actors and places stages both ask, so that a name is never both or neither.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

LOCATIVE_PREPOSITIONS = frozenset(
    "in at near into inside outside across around throughout within toward towards via "
    "through onto over under beyond along from off".split()
)
# "Syria's northwest", "Turkey's border": a possessive before one of these is a place
GEOGRAPHIC_NOUNS = frozenset(
    "north south east west northwest northeast southwest southeast northern southern "
    "eastern western border borders territory territories coast capital city cities "
    "province provinces region regions soil airspace waters countryside interior "
    "mainland frontier side part parts heartland outskirts desert mountains town towns "
    "village villages port enclave district districts area areas island islands sea".split()
)
# nouns that denote a place-like thing: "in the Syrian capital", "the Turkish border"
_PLACE_HEADS = GEOGRAPHIC_NOUNS | frozenset({"village", "town", "port", "area", "district"})

# Verbs of motion whose "to"/"from" marks a destination, not a recipient
_MOTION_VERBS = frozenset(
    "go come travel fly arrive return flee move head send deploy visit leave "
    "escape cross enter deport evacuate".split()
)


def is_locative(span: Span) -> bool:
    """True if a country or capital name ``span`` is used as a place, not an actor."""
    root = span.root
    # "Syria's northwest": the name owns a geographic noun
    if root.dep_ == "poss" and root.head.lemma_.lower() in GEOGRAPHIC_NOUNS:
        return True
    # "the Syria border", "Turkish border": modifier of a place noun
    if root.dep_ in ("compound", "amod", "nmod") and root.head.lemma_.lower() in _PLACE_HEADS:
        return True
    head = _governing_preposition(root)
    if head is None:
        return False
    word = head.lower_
    if word == "to":
        # "travelled to Moscow" is a place; "aid to Syria" a recipient
        return head.head.lemma_.lower() in _MOTION_VERBS
    return word in LOCATIVE_PREPOSITIONS


def _governing_preposition(token: Token) -> Token | None:
    """The preposition that governs ``token`` directly or through a coordination."""
    current = token
    # "in Turkey, Syria and Iraq": conjuncts share the first one's preposition
    while current.dep_ == "conj" and current.head is not current:
        current = current.head
    if current.dep_ == "pobj" and current.head.pos_ == "ADP":
        return current.head
    return None
