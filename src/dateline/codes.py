"""What the codes mean: CAMEO codes, PLOVER types, actor codes and sectors, by code or by name.

CAMEO descriptions come from the shipped CAMEO table through ``stages.events.ontology``,
country and organisation names from the actor lexicon through ``stages.lexicon``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from dateline.model import PLOVER_EVENTS
from dateline.stages.events.ontology import cameo_codes, coding
from dateline.stages.lexicon import iter_entries

# PLOVER 2021 event types, in the words of the PLOVER codebook's summaries
PLOVER: dict[str, str] = {
    "AGREE": "agree to, promise or offer future cooperation",
    "CONSULT": "meet, visit, talk or negotiate",
    "SUPPORT": "praise, endorse or defend another actor",
    "CONCEDE": "ease restrictions, release people, yield",
    "COOPERATE": "cooperate materially: economic, military, judicial, intelligence",
    "AID": "give economic, military, humanitarian or other aid",
    "RETREAT": "withdraw, demobilise, end a military engagement",
    "REQUEST": "ask for, appeal or call for something",
    "ACCUSE": "criticise, blame, accuse or denounce",
    "REJECT": "refuse, turn down or veto",
    "THREATEN": "threaten force, sanctions or other harm",
    "PROTEST": "demonstrate, strike, boycott or riot",
    "SANCTION": "impose sanctions, embargoes, cut ties or aid",
    "MOBILIZE": "mobilise or move armed forces, raise alert",
    "COERCE": "arrest, expel, seize, impose restrictions",
    "ASSAULT": "use force: attacks, bombings, killings, fighting",
}
QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
         4: "material conflict"}  # fmt: skip
# CAMEO actor sector (role) codes used by dateline's lexicon
SECTORS: dict[str, str] = {
    "GOV": "government", "MIL": "military", "COP": "police", "JUD": "judiciary",
    "LEG": "legislature", "OPP": "political opposition", "PTY": "political party",
    "REB": "rebels, insurgents", "IMG": "international militarised group",
    "SPY": "intelligence services", "CVL": "civilians", "REF": "refugees", "LAB": "labour",
    "EDU": "education", "AGR": "agriculture", "BUS": "business", "MED": "media",
    "HLH": "health", "HRI": "human rights", "NGO": "non-governmental organisation",
    "IGO": "intergovernmental organisation", "ELI": "elites", "CRM": "criminals",
    "UAF": "unaffiliated armed forces", "REL": "religion", "ENV": "environment",
    "DEV": "development", "MNC": "multinational corporation", "SET": "settlers",
    "MOD": "moderate", "RAD": "radical",
}  # fmt: skip
GROUPS = {"IGO": "intergovernmental organisation", "NGO": "non-governmental organisation",
          "IMG": "international militarised group", "MNC": "multinational corporation"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Code:
    """One code and what it means."""

    kind: str  # cameo, plover, actor, sector
    code: str
    name: str


@functools.lru_cache(maxsize=1)
def _cameo() -> dict[str, str]:
    return {code: found.description for code, found in cameo_codes().items()}


@functools.lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """Each code's first name in the lexicon (the hand-written common name comes first)."""
    names: dict[str, str] = {}
    for entry in iter_entries():
        if entry.kind == "name" and entry.code:
            names.setdefault(entry.code, entry.term)
    return names


@functools.lru_cache(maxsize=1)
def _organisations() -> dict[str, str]:
    """Organisation names by their own name (an IGO code stands for many organisations)."""
    return {e.name: e.code for e in iter_entries() if e.kind == "org" and e.code}


def cameo_name(code: str) -> str | None:
    """The CAMEO description of ``code`` (a code without its own row: its parent's)."""
    found = coding(code)
    return found.description if found is not None else None


def actor_name(code: str) -> str | None:
    """The country or group an actor code stands for."""
    return _countries().get(code.upper()) or GROUPS.get(code.upper())


def party_name(party: str) -> str:
    """ "SYR/GOV" -> "Syria, government"."""
    code, _, sector = party.partition("/")
    words = [actor_name(code) or code]
    if sector:
        words.append(SECTORS.get(sector, sector))
    return ", ".join(words)


def describe_event(kind: str, cameo: str | None) -> str:
    """ "CONSULT (meet, visit, talk or negotiate); CAMEO 040 Consult; verbal cooperation, +1.0"."""
    parts = [f"{kind} ({PLOVER.get(kind, 'unknown type')})"]
    if cameo:
        parts.append(f"CAMEO {cameo} {cameo_name(cameo) or '(unknown code)'}")
        found = coding(cameo)
        if found is not None:
            parts.append(f"{QUADS[found.quad]}, Goldstein {found.goldstein:+.1f}")
    return "; ".join(parts)


def lookup(query: str, limit: int = 30) -> list[Code]:
    """Codes matching ``query``: an exact code (CAMEO digits, PLOVER type, actor or sector
    code, or "SYR/GOV") first, then codes whose name contains the words."""
    text = query.strip()
    if not text:
        return []
    upper, lower = text.upper(), text.lower()
    found: list[Code] = []
    if upper.isdigit():
        found += [Code("cameo", c, d) for c, d in _cameo().items() if c.startswith(upper)]
        return found[:limit]
    if upper in PLOVER:
        found.append(Code("plover", upper, PLOVER[upper]))
        found += [Code("cameo", c, d) for c, d in _cameo().items()
                  if (coded := coding(c)) is not None and coded.event == upper]  # fmt: skip
        return found[:limit]
    if "/" in upper:
        return [Code("actor", upper, party_name(upper))]
    if actor_name(upper):
        found.append(Code("actor", upper, actor_name(upper) or ""))
    if upper in SECTORS:
        found.append(Code("sector", upper, SECTORS[upper]))
    found += [Code("plover", k, v) for k, v in PLOVER.items() if lower in v or (lower in k.lower()
              and Code("plover", k, v) not in found)]  # fmt: skip
    found += [Code("cameo", c, d) for c, d in _cameo().items() if lower in d.lower()]
    found += [Code("actor", c, n) for c, n in _countries().items()
              if lower in n.lower() and Code("actor", c, n) not in found]  # fmt: skip
    found += [Code("actor", c, n) for n, c in _organisations().items() if lower in n.lower()]
    found += [Code("sector", c, n) for c, n in SECTORS.items()
              if lower in n and Code("sector", c, n) not in found]  # fmt: skip
    return list(dict.fromkeys(found))[:limit]


__all__ = ["PLOVER", "PLOVER_EVENTS", "QUADS", "SECTORS", "Code", "actor_name", "cameo_name",
           "describe_event", "lookup", "party_name"]  # fmt: skip
