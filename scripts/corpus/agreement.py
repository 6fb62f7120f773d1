"""Agreement between the two independent codings of the double-coded articles.

    python scripts/corpus/agreement.py [--corpus bench/gold/corpus] [--json out.json]

Compares each sentence of ``labels/second/*.jsonl`` with the primary coding of the same
sentence (``labels/coder*.jsonl``) and prints:

- Cohen's kappa on event type per sentence: every (sentence, type) pair is a yes/no decision
  of each coder (the type is in the sentence or not), pooled over the 16 types; and the
  stricter kappa on the sentence's whole set of types as one category;
- event F1 between the codings (type and trigger overlap), and for events both coded,
  F1 of their actor and recipient spans (overlapping words), of their country codes, and
  agreement on time status.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip


def kappa(pairs: list[tuple[str, str]]) -> float:
    """Cohen's kappa of two coders' labels on the same items."""
    n = len(pairs)
    if not n:
        return 0.0
    observed = sum(a == b for a, b in pairs) / n
    first = Counter(a for a, _ in pairs)
    second = Counter(b for _, b in pairs)
    expected = sum(first[k] * second[k] for k in first | second) / (n * n)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def _spans_overlap(a: str, b: str, text: str) -> bool:
    # spans are given as words of the sentence; two mentions agree when their words overlap
    if not a or not b:
        return False
    ia, ib = text.find(a), text.find(b)
    if ia < 0 or ib < 0:
        return a == b
    return ia < ib + len(b) and ib < ia + len(a)


def _pair_events(
    one: list[dict[str, Any]], two: list[dict[str, Any]], text: str
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    pairs = []
    free = list(two)
    for strict in (True, False):
        for event in one:
            if any(event is p for p, _ in pairs):
                continue
            for other in free:
                if other["type"] != event["type"]:
                    continue
                if strict and not _spans_overlap(event["trigger"], other["trigger"], text):
                    continue
                pairs.append((event, other))
                free.remove(other)
                break
    return pairs


def _match(one: list[dict[str, Any]], two: list[dict[str, Any]], text: str) -> int:
    used: set[int] = set()
    found = 0
    for mention in one:
        for n, other in enumerate(two):
            if n not in used and _spans_overlap(
                mention.get("text") or "", other.get("text") or "", text
            ):
                used.add(n)
                found += 1
                break
    return found


def main() -> None:
    """Compute and print the agreement figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "bench" / "gold" / "corpus")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    texts = {
        r["sid"]: r["text"]
        for r in map(json.loads, (args.corpus / "sentences.jsonl").read_text().splitlines())
    }

    def load(paths: list[Path]) -> dict[str, list[dict[str, Any]]]:
        found: dict[str, list[dict[str, Any]]] = {}
        for path in paths:
            for line in path.read_text().splitlines():
                if line.strip():
                    record = json.loads(line)
                    found.setdefault(record["sid"], record["events"])
        return found

    primary = load(sorted((args.corpus / "labels").glob("coder*.jsonl")))
    second = load(sorted((args.corpus / "labels" / "second").glob("*.jsonl")))
    shared = sorted(sid for sid in second if sid in primary and sid in texts)
    binary: list[tuple[str, str]] = []
    sets: list[tuple[str, str]] = []
    events_a = events_b = paired_events = 0
    spans = {"actor": [0, 0, 0], "recipient": [0, 0, 0]}  # matched, in A, in B
    codes = [0, 0, 0]
    status = [0, 0]
    for sid in shared:
        one, two, text = primary[sid], second[sid], texts[sid]
        types_one = {e["type"] for e in one}
        types_two = {e["type"] for e in two}
        binary.extend((str(t in types_one), str(t in types_two)) for t in TYPES)
        sets.append(("+".join(sorted(types_one)) or "none", "+".join(sorted(types_two)) or "none"))
        pairs = _pair_events(one, two, text)
        events_a += len(one)
        events_b += len(two)
        paired_events += len(pairs)
        for a, b in pairs:
            for role in ("actor", "recipient"):
                spans[role][0] += _match(a[role], b[role], text)
                spans[role][1] += len(a[role])
                spans[role][2] += len(b[role])
                ca = {m.get("code") for m in a[role] if m.get("code")}
                cb = {m.get("code") for m in b[role] if m.get("code")}
                codes[0] += len(ca & cb)
                codes[1] += len(ca)
                codes[2] += len(cb)
            status[0] += a.get("status") == b.get("status")
            status[1] += 1

    def f1(matched: int, a: int, b: int) -> float:
        return 2 * matched / (a + b) if a + b else 0.0

    figures = {
        "sentences": len(shared),
        "articles": len({sid.rsplit("#", 1)[0] for sid in shared}),
        "events_primary": events_a,
        "events_second": events_b,
        "kappa_type_per_sentence": round(kappa(binary), 3),
        "kappa_type_set": round(kappa(sets), 3),
        "event_f1": round(f1(paired_events, events_a, events_b), 3),
        "actor_span_f1": round(f1(*spans["actor"]), 3),
        "recipient_span_f1": round(f1(*spans["recipient"]), 3),
        "code_f1": round(f1(*codes), 3),
        "status_agreement": round(status[0] / status[1], 3) if status[1] else 0.0,
    }
    print("| measure | value |\n|---|---:|")
    for name, value in figures.items():
        print(f"| {name} | {value} |")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n")


if __name__ == "__main__":
    main()
