"""Is a country or capital named as a place ("met in Moscow") or as an actor ("Moscow said")?

The actors and places stages both ask, so that a name is never neither. It is both only as
the target of an attack ("rockets on Damascus", "the bombing of Aleppo"): the state is hit,
and the strike lands in the place (``is_target``).
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
# Acts of force whose object, or whose "on"/"against"/"of" phrase, is where they land:
# "shelled Damascus", "rockets on Damascus", "strikes against Raqqa", "the siege of Aleppo"
# (not "hit", "target": sanctions hit and target states too)
_ATTACK_WORDS = _words(
    "attack strike airstrike raid bomb bombing bombard bombardment shell shelling fire "
    "rocket missile mortar barrage assault offensive besiege pound storm shoot raze overrun "
    "recapture retake invade"
)
_ATTACK_OF = _words("bombing bombardment shelling siege invasion capture recapture")
_TARGET_PREPOSITIONS = _words("on against upon of")
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


def is_target(span: Span) -> bool:
    """True if the name is where an act of force lands: "shelled Damascus", "rockets on
    Damascus", "the bombing of Aleppo". Such a name is a place for the act even where the
    actor stage also reads it as the state that was hit."""
    root = _first_conjunct(span.root)
    head = root.head
    if root.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB":
        return head.lemma_.lower() in _ATTACK_WORDS
    if root.dep_ != "pobj" or head.lower_ not in _TARGET_PREPOSITIONS:
        return False
    governor = head.head
    if head.lower_ == "of":
        # "the bombing of Aleppo", not "the government of Syria" nor "attacks of Daesh"
        return governor.pos_ == "NOUN" and governor.lemma_.lower() in _ATTACK_OF
    # "fired rockets on Damascus", "launched rockets on Damascus": the phrase hangs from
    # the verb or from its object, and either may say it is an attack ("launched talks on
    # Syria" does not)
    words = {governor.lemma_.lower()}
    if governor.dep_ == "dobj":
        words.add(governor.head.lemma_.lower())
    if governor.pos_ == "VERB":
        words.update(c.lemma_.lower() for c in governor.children if c.dep_ == "dobj")
    return bool(words & _ATTACK_WORDS)


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
