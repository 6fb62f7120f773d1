"""Build dateline's event dictionaries from PETRARCH2's CAMEO verb patterns and the PLOVER map.

Reads (from the shared data folder):
  petrarch2/CAMEO.2.0.txt           CAMEO verb-pattern dictionary (MIT, Open Event Data Alliance)
  plover/cameo2plover_2021.jsonl    official CAMEO -> PLOVER 2021 mapping (CC BY-SA 4.0, OEDA)
Writes (into src/dateline/data/events/):
  verbs.json          verb blocks, synonym sets and patterns in a parsed, matchable form, with
                      scripts/cameo_supplement.txt (dateline's additions) merged in front
  cameo_plover.tsv    CAMEO code -> PLOVER event, mode, contexts, quad class, Goldstein score

Usage: python scripts/build_event_dictionary.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import shutil
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent.parent / "src" / "dateline" / "data" / "events"
SUPPLEMENT = Path(__file__).resolve().parent / "cameo_supplement.txt"

Item = list[Any]

# Goldstein (1992) conflict-cooperation weights by CAMEO code, as GDELT publishes them for the
# root codes and the main two-digit codes; a code missing here takes its nearest parent's value.
GOLDSTEIN: dict[str, float] = {
    "01": 0.0, "010": 0.0, "011": -0.1, "012": -0.4, "013": 0.4, "014": 0.0, "015": 0.0,
    "016": 3.4, "017": 0.0, "018": 3.4, "019": 3.4,
    "02": 3.0, "020": 3.0, "021": 3.4, "022": 3.2, "023": 3.4, "024": -0.3, "025": -0.3,
    "026": 4.0, "027": 4.0, "028": 4.0,
    "03": 4.0, "030": 4.0, "031": 5.2, "032": 4.5, "033": 5.2, "034": 7.0, "035": 5.0,
    "036": 4.0, "037": 5.0, "038": 7.0, "039": 5.0,
    "04": 1.0, "040": 1.0, "041": 1.0, "042": 1.9, "043": 2.8, "044": 2.5, "045": 5.0, "046": 7.0,
    "05": 3.5, "050": 3.5, "051": 3.4, "052": 3.5, "053": 3.8, "054": 6.0, "055": 7.0,
    "056": 7.0, "057": 8.0,
    "06": 6.0, "060": 6.0, "061": 6.4, "062": 7.4, "063": 7.4, "064": 7.0,
    "07": 7.0, "070": 7.0, "071": 7.4, "072": 8.3, "073": 7.4, "074": 8.5, "075": 7.0,
    "08": 5.0, "080": 5.0, "081": 5.0, "082": 5.0, "083": 5.0, "084": 7.0, "085": 7.0,
    "086": 9.0, "087": 9.0,
    "09": -2.0, "090": -2.0, "091": -2.0, "092": -2.0, "093": -2.0, "094": -2.0,
    "10": -5.0, "100": -5.0, "101": -5.0, "102": -4.9, "103": -5.0, "104": -5.0, "105": -5.0,
    "106": -5.0, "107": -5.0, "108": -5.0,
    "11": -2.0, "110": -2.0, "111": -2.0, "112": -2.0, "113": -2.0, "114": -2.0, "115": -2.0,
    "116": -2.0,
    "12": -4.0, "120": -4.0, "121": -4.0, "122": -4.0, "123": -4.0, "124": -5.0, "125": -5.0,
    "126": -5.0, "127": -5.0, "128": -5.0, "129": -5.0,
    "13": -6.0, "130": -4.4, "131": -5.8, "132": -5.8, "133": -5.8, "134": -5.8, "135": -5.8,
    "136": -7.0, "137": -7.0, "138": -7.0, "139": -7.0,
    "14": -6.5, "140": -6.5, "141": -6.5, "142": -6.5, "143": -6.5, "144": -7.5, "145": -7.5,
    "15": -7.2, "150": -7.2, "151": -7.2, "152": -7.2, "153": -7.2, "154": -7.2,
    "16": -4.0, "160": -4.0, "161": -4.0, "162": -5.6, "163": -8.0, "164": -7.0, "165": -7.0,
    "166": -7.0,
    "17": -7.0, "170": -7.0, "171": -9.2, "172": -5.0, "173": -5.0, "174": -5.0, "175": -9.0,
    "18": -9.0, "180": -9.0, "181": -9.0, "182": -9.5, "183": -10.0, "184": -8.0, "185": -8.0,
    "186": -10.0,
    "19": -10.0, "190": -10.0, "191": -9.5, "192": -9.5, "193": -10.0, "194": -10.0,
    "195": -10.0, "196": -9.5,
    "20": -10.0, "200": -10.0, "201": -9.5, "202": -10.0, "203": -10.0, "204": -10.0,
}  # fmt: skip

# CAMEO 01 (public statement) and 02 (appeal) are not in the official table: PLOVER 2021 drops
# public statements and folds appeals into REQUEST, as it folds demands (CAMEO 10).
APPEALS = {
    "020": ("REQUEST", None, []), "021": ("REQUEST", "assist", []),
    "022": ("REQUEST", "assist", ["diplomatic"]), "023": ("REQUEST", "assist", []),
    "024": ("REQUEST", "change", ["political_institutions"]), "025": ("REQUEST", "yield", []),
    "026": ("REQUEST", "meet", ["diplomatic"]), "027": ("REQUEST", "meet", ["diplomatic"]),
    "028": ("REQUEST", "meet", ["diplomatic"]),
}  # fmt: skip


def quad_class(code: str) -> int:
    """CAMEO quad class: 1 verbal and 2 material cooperation, 3 verbal and 4 material conflict."""
    root = int(code[:2])
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13 or root == 16:
        return 3
    return 4


def goldstein(code: str) -> float:
    """The Goldstein score of a code, from its nearest listed parent."""
    for length in range(len(code), 1, -1):
        if code[:length] in GOLDSTEIN:
            return GOLDSTEIN[code[:length]]
    raise KeyError(code)


def build_mapping(shared: Path) -> list[dict[str, Any]]:
    """Rows of cameo_plover.tsv: the official mapping plus appeals, with quad and score."""
    rows: dict[str, dict[str, Any]] = {}
    with (shared / "data" / "plover" / "cameo2plover_2021.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            code = record["cameo"]
            rows.setdefault(code, {
                "cameo": code, "event": record["plover_event"],
                "mode": record["plover_mode"] or "",
                "contexts": ",".join(record["plover_contexts"]),
                "description": record["description"],
            })  # fmt: skip
    for code, (event, mode, contexts) in APPEALS.items():
        rows.setdefault(code, {
            "cameo": code, "event": event, "mode": mode or "", "contexts": ",".join(contexts),
            "description": "Appeal (CAMEO 02, folded into REQUEST)",
        })  # fmt: skip
    out = []
    for code in sorted(rows):
        row = rows[code]
        row["quad"] = quad_class(code)
        row["goldstein"] = goldstein(code)
        out.append(row)
    return out


# -- CAMEO.2.0.txt ------------------------------------------------------------------------------

_CODE = re.compile(r"\[([^\]]*)\]")


def _code(text: str) -> str | None:
    match = _CODE.search(text)
    if match is None:
        return None
    code = match.group(1).strip().split(":")[0].strip()
    return code if re.fullmatch(r"\d{2,4}", code) else None


def _word(token: str) -> str:
    return token.strip().rstrip("_").replace("_", " ").upper()


def parse_items(text: str) -> list[Item]:
    """Parse one side of a pattern: words, &SYNSETS, {COMPOUNDS}, (PREP ...) phrases, $ and +."""
    items: list[Item] = []
    pos = 0
    tokens = re.findall(r"\{[^}]*\}|\([^)]*\)|\S+", text)
    for token in tokens:
        pos += 1
        if token.startswith("{"):
            words = parse_items(" ".join(w for w in token.strip("{}").split() if w not in "$+%"))
            if words:
                items.append(["seq", words])
        elif token.startswith("("):
            inner = token.strip("()").split()
            if not inner:
                continue
            prep = _word(inner[0])
            rest = parse_items(" ".join(inner[1:]).replace("{", "{").replace("}", "}"))
            items.append(["pp", prep, rest])
        elif token == "$":
            items.append(["src"])
        elif token == "+":
            items.append(["tgt"])
        elif token == "%":
            continue
        elif token.startswith("&"):
            items.append(["syn", token[1:].rstrip("_").upper()])
        elif re.fullmatch(r"[A-Za-z][A-Za-z'\-_.]*", token):
            items.append(["w", _word(token)])
    return items


def _pattern_verbs(raw: str, verbs: list[dict[str, Any]]) -> list[str]:
    """The verbs a pattern was written for, from its comment ("... [043]  # RUSH").

    PETRARCH applies a block's patterns to every verb of the block, so "* PART [030]" written
    for TAKE ("take part") also fires on "captured part of"; the comment names the verb the
    pattern came from, and dateline applies the pattern to that verb only. Empty: all verbs.
    """
    if "#" not in raw:
        return []
    words = raw.split("#", 1)[1].replace("_", " ").split()
    if not words:
        return []
    word = words[0].upper()
    for verb in verbs:
        lemma = verb["lemma"]
        forms = {lemma, *verb.get("forms", [])}
        if word in forms or (word.startswith(lemma) and len(word) - len(lemma) <= 3):
            return [lemma]
        if lemma.endswith("E") and word.startswith(lemma[:-1]) and len(word) - len(lemma) <= 2:
            return [lemma]
    return []


def parse_dictionary(path: Path) -> dict[str, Any]:
    """Synonym sets and verb blocks (verbs, patterns) of a PETRARCH verb dictionary."""
    synsets: dict[str, list[str]] = {}
    blocks: list[dict[str, Any]] = []
    current_syn: str | None = None
    block: dict[str, Any] | None = None
    in_patterns = False
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if "VERB PATTERNS" in raw:
            in_patterns = True
            continue
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            current_syn = None
            continue
        if not in_patterns:
            if line.startswith("&"):
                current_syn = line[1:].strip().rstrip("_").upper()
                synsets[current_syn] = []
            elif line.startswith("+") and current_syn is not None:
                synsets[current_syn].append(_word(line[1:]))
            continue
        if line.startswith("---"):
            head = line.strip("- ").split("[")[0].strip()
            block = {"head": _word(head), "code": _code(line), "verbs": [], "patterns": []}
            blocks.append(block)
            continue
        if block is None:
            continue
        if line.startswith("-"):
            body = _CODE.split(line[1:], maxsplit=1)[0]
            code = _code(line)
            if code is None or "*" not in body:
                continue
            pre, _, post = body.partition("*")
            block["patterns"].append({
                "pre": parse_items(pre), "post": parse_items(post), "code": code,
                "verbs": _pattern_verbs(raw, block["verbs"]),
            })  # fmt: skip
            continue
        # a verb line: VERB, +VERB_PARTICLE, optional {irregular forms}, optional [code]
        forms = [
            _word(f.lstrip("+")).split()[0]
            for group in re.findall(r"\{([^}]*)\}", line)
            for f in group.split()
            if f.strip("+")
        ]
        verb_text = re.sub(r"\{[^}]*\}", "", _CODE.sub("", line)).strip()
        if not verb_text:
            continue
        parts = verb_text.lstrip("+").split("_")
        parts = [p for p in parts if p]
        if not parts or not re.fullmatch(r"[A-Za-z][A-Za-z\-']*", parts[0]):
            continue
        block["verbs"].append({
            "lemma": parts[0].upper(), "particles": [p.upper() for p in parts[1:]],
            "code": _code(line), "forms": forms,
        })  # fmt: skip
    return {"synsets": synsets, "blocks": [b for b in blocks if b["verbs"]]}


def main() -> None:
    """Build verbs.json and cameo_plover.tsv."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=Path("/work/shared"))
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    dictionary = parse_dictionary(args.shared / "data" / "petrarch2" / "CAMEO.2.0.txt")
    supplement = parse_dictionary(SUPPLEMENT)
    # the supplement's blocks come first so that its default codes win
    dictionary["blocks"] = supplement["blocks"] + dictionary["blocks"]
    dictionary["source"] = (
        "PETRARCH2 CAMEO.2.0.txt (openeventdata/petrarch2), MIT licence; "
        "preceded by dateline's scripts/cameo_supplement.txt"
    )
    (OUT / "verbs.json").write_text(json.dumps(dictionary, separators=(",", ":")), encoding="utf-8")
    rows = build_mapping(args.shared)
    with (OUT / "cameo_plover.tsv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    shutil.copyfile(args.shared / "data" / "petrarch2" / "LICENSE", OUT / "LICENSE-petrarch2.txt")
    patterns = sum(len(b["patterns"]) for b in dictionary["blocks"])
    verbs = sum(len(b["verbs"]) for b in dictionary["blocks"])
    print(
        f"{len(dictionary['blocks'])} blocks, {verbs} verbs, {patterns} patterns, "
        f"{len(dictionary['synsets'])} synonym sets, {len(rows)} CAMEO codes mapped"
    )


if __name__ == "__main__":
    main()
