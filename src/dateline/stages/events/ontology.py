"""CAMEO codes -> PLOVER 2021 (event, mode, contexts), quad class and Goldstein score, and the
CAMEO rules that turn an action into a statement about it.

CAMEO codes intent, refusal and demand systematically: "promise to give aid" is 033 (intent
to provide aid), "threaten to cut aid" 1311, "refuse to meet" 125, "demand a meeting" 106.
The functions here apply those rules to the code of the embedded action.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Mapping
from dataclasses import dataclass, replace
from importlib import resources


@dataclass(frozen=True, slots=True)
class Coding:
    """What a CAMEO code means in PLOVER and on the conflict-cooperation scales."""

    cameo: str
    event: str
    mode: str | None
    contexts: tuple[str, ...]
    quad: int
    goldstein: float
    description: str = ""  # CAMEO's own name for the code ("Consult")


@functools.lru_cache(maxsize=1)
def _table() -> dict[str, Coding]:
    path = resources.files("dateline") / "data" / "events" / "cameo_plover.tsv"
    with path.open(encoding="utf-8") as handle:
        return {
            row["cameo"]: Coding(
                cameo=row["cameo"],
                event=row["event"],
                mode=row["mode"] or None,
                contexts=tuple(c for c in row["contexts"].split(",") if c),
                quad=int(row["quad"]),
                goldstein=float(row["goldstein"]),
                description=row["description"],
            )
            for row in csv.DictReader(handle, delimiter="\t")
        }


def cameo_codes() -> Mapping[str, Coding]:
    """Every CAMEO code of the shipped table, by code."""
    return _table()


def coding(cameo: str) -> Coding | None:
    """The PLOVER reading of a CAMEO code; a code without its own row takes its parent's.

    CAMEO 01 (public statements) has no PLOVER event: None.
    """
    table = _table()
    for candidate in (cameo, cameo[:3], cameo[:2] + "0"):
        if candidate in table:
            found = table[candidate]
            return found if candidate == cameo else _as(found, cameo)
    return None


def _as(parent: Coding, cameo: str) -> Coding:
    return replace(parent, cameo=cameo)


# -- statements about an action ------------------------------------------------------------

_INTENT_TO_COOPERATE = {
    "04": "036", "045": "039", "046": "036", "05": "032", "057": "032",
    "06": "031", "061": "0311", "062": "0312", "063": "0313", "064": "0314",
    "07": "033", "071": "0331", "072": "0332", "073": "0333", "074": "0334", "075": "033",
    "08": "035", "081": "0351", "082": "0352", "083": "034", "084": "0353", "085": "0354",
    "086": "0355", "087": "0356",
}  # fmt: skip
_THREAT = {
    "14": "133", "15": "138", "16": "131", "161": "1313", "162": "1311", "163": "1312",
    "164": "134", "165": "135", "166": "136", "17": "130", "171": "1382", "172": "132",
    "1721": "1321", "1722": "1322", "1723": "1323", "1724": "1324", "173": "137", "174": "137",
    "175": "137", "18": "1383", "19": "138", "191": "1381", "192": "1382", "193": "1384",
    "194": "1384", "195": "1384", "20": "1383", "204": "1385",
}  # fmt: skip
_REFUSAL = {
    "03": "120", "04": "125", "045": "126", "046": "125", "05": "120", "06": "121",
    "061": "1211", "062": "1212", "063": "1213", "064": "1214", "07": "122", "071": "1221",
    "072": "1222", "073": "1223", "074": "1224", "08": "124", "081": "1241", "082": "1242",
    "083": "123", "084": "1243", "085": "1244", "086": "1245", "087": "1246",
}  # fmt: skip
_DEMAND = {
    "04": "106", "045": "108", "046": "106", "05": "102", "06": "101", "061": "1011",
    "062": "1012", "063": "1013", "064": "1014", "07": "103", "071": "1031", "072": "1032",
    "073": "1033", "074": "1034", "08": "105", "081": "1051", "082": "1052", "083": "104",
    "084": "1053", "085": "1054", "086": "1055", "087": "1056", "0341": "1041",
}  # fmt: skip


def _lookup(table: dict[str, str], code: str) -> str | None:
    for length in (4, 3, 2):
        if code[:length] in table:
            return table[code[:length]]
    return None


def intent(code: str) -> str:
    """The code for announcing ``code`` as a plan: cooperation -> 03x, conflict -> 13x.

    Statements, appeals, demands and accusations keep their code: "will demand" is a demand.
    """
    root = int(code[:2])
    if root in (1, 2, 3, 9, 10, 11, 12, 13):
        return code
    return _lookup(_INTENT_TO_COOPERATE if root <= 8 else _THREAT, code) or code


def threat(code: str) -> str:
    """The code for threatening ``code`` ("threatened to cut ties" -> 1313)."""
    if int(code[:2]) <= 8:
        return "130"
    return _lookup(_THREAT, code) or "130"


def refusal(code: str) -> str:
    """The code for refusing ``code`` ("refused to meet" -> 125)."""
    if int(code[:2]) >= 9:
        return "120"
    return _lookup(_REFUSAL, code) or "120"


def demand(code: str) -> str:
    """The code for demanding ``code`` of another ("urged X to withdraw" -> 1056)."""
    if int(code[:2]) >= 9:
        return "100"
    return _lookup(_DEMAND, code) or "100"
