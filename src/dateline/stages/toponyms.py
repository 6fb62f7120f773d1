"""Is a country or capital named as a place ("met in Moscow") or as an actor ("Moscow said")?

The actors and places stages both ask, so that a name is never both or neither.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


LOCATIVE_PREPOSITIONS = _words(
    "in at near into inside outside across around throughout within toward towards via "
    "through onto over under beyond along from off"
)
# "Syria's northwest", "Turkey's border", "the Syria border", "the Damascus suburbs",
# "Amsterdam's central station", "the town of Kobani": nouns that denote a place-like thing
GEOGRAPHIC_NOUNS = _words(
    "north south east west northwest northeast southwest southeast northern southern "
    "eastern western border borders territory territories coast capital city cities "
    "province provinces region regions soil airspace waters countryside interior mainland "
    "frontier side part parts heartland outskirts desert mountains village villages town "
    "towns port ports area areas district districts suburb suburbs station airport "
    "harbour harbor streets neighbourhood neighborhood island islands county counties "
    "municipality governorate"
)
# nouns that a list of places can hang from: "countries such as Cyprus", "EU countries -
# Austria, Slovakia"; not used for "of" ("the State of Israel" is an actor)
_LIST_HEADS = GEOGRAPHIC_NOUNS | _words("state states country countries nation nations")

# Verbs of motion whose "to"/"from" marks a destination, not a recipient
_MOTION_VERBS = _words(
    "go come travel fly arrive return flee move head send deploy visit leave escape cross "
    "enter deport evacuate expel extradite emigrate migrate relocate transfer ship "
    "smuggle export import sail drive walk march bring take"
)
# Nouns of movement or connection whose "to"/"from"/"between" marks places: "the trip to
# Berlin", "flights between London and Amsterdam", "exports to Iran"
_MOTION_NOUNS = _words(
    "trip trips journey journeys flight flights route routes train trains road roads "
    "highway railway rail ferry connection connections link links service services export "
    "exports import imports shipment shipments voyage migration travel border borders "
    "crossing crossings corridor pipeline"
)
# "leaving for America", "bound for Beijing": the place a journey is for
_DEPARTURE_WORDS = _words("leave depart head bound set sail fly board")
# Verbs whose object is the place moved into or through: "vehicles entering the U.S."
_PLACE_OBJECT_VERBS = _words("enter cross reach flee tour")
# "countries such as Cyprus", "cities like Aleppo", "states including Texas"
_LIST_MARKERS = frozenset({"as", "like", "including"})


def is_locative(span: Span) -> bool:
    """True if a country or capital name ``span`` is used as a place, not an actor."""
    root = _first_conjunct(span.root)
    head = root.head
    lemma = head.lemma_.lower()
    dep = root.dep_
    # "Syria's northwest": the name owns a geographic noun
    if dep == "poss" and lemma in GEOGRAPHIC_NOUNS:
        return True
    # "the Syria border", "the Damascus suburbs": modifier of a place noun
    if dep in ("compound", "amod", "nmod") and lemma in GEOGRAPHIC_NOUNS:
        return True
    # "the Syrian capital Damascus", "EU countries - Austria, Slovakia"
    if dep == "appos" and lemma in _LIST_HEADS:
        return True
    # "a Britain-based group"
    if dep == "npadvmod" and lemma == "base":
        return True
    if dep == "dobj" and lemma in _PLACE_OBJECT_VERBS:
        return True
    preposition = head if dep == "pobj" and head.pos_ == "ADP" else None
    if preposition is None:
        return False
    return _is_locative_preposition(preposition)


def _is_locative_preposition(preposition: Token) -> bool:
    word = preposition.lower_
    governor = preposition.head
    lemma = governor.lemma_.lower()
    if word in LOCATIVE_PREPOSITIONS:
        return True
    if word in ("to", "between"):
        # "travelled to Moscow" is a place; "aid to Syria" a recipient
        return lemma in _MOTION_VERBS or lemma in _MOTION_NOUNS
    if word == "for":
        return lemma in _DEPARTURE_WORDS
    if word == "with":
        return lemma in ("border", "borders")  # "the border with Mexico"
    if word == "of":
        return lemma in GEOGRAPHIC_NOUNS  # "the city of Aleppo", "the province of Idlib"
    if word in _LIST_MARKERS:
        # "countries such as Cyprus": "as" hangs from "such", which hangs from the noun
        noun = governor.head if lemma == "such" else governor
        return noun.lemma_.lower() in _LIST_HEADS
    return False


def _first_conjunct(token: Token) -> Token:
    """The first of a coordination: "in Turkey, Syria and Iraq" share the first's role."""
    current = token
    while current.dep_ == "conj" and current.head is not current:
        current = current.head
    return current
