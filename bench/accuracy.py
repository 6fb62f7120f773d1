"""Event-coding accuracy on every gold set that fits, in one table.

    python bench/accuracy.py [--data ../shared/data] [--json out.json]

Gold sets: the PLOVER gold-standard dev records (plover/plover_gsr_dev.jsonl); dateline's own
held-out set (bench/gold/events_heldout.jsonl: 195 sentences from 69 real articles, labelled
in the PLOVER format by someone who had not seen the coder), split by article into a tuning
half, whose errors were studied, and a test half, only ever measured; and
PETRARCH2's real-world unit-test sentences through their plover_2021 types
(petrarch2/unittest_real_world.jsonl; these test coder features with a test dictionary, so
not every expected code is real-world CAMEO gold).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from pathlib import Path

from dateline.evaluation.plover import (
    GoldEvent,
    Report,
    evaluate,
    gold_from_record,
    read_gold,
    read_petrarch_tests,
)
from dateline.pipeline import Pipeline

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
HELDOUT = Path(__file__).resolve().parent / "gold" / "events_heldout.jsonl"


def heldout_half(*, tuning: bool) -> list[GoldEvent]:
    """Half of dateline's held-out set, split by article: the coder's errors on the tuning half
    may be studied; the test half is only ever measured."""
    records = [
        json.loads(line) for line in HELDOUT.read_text(encoding="utf-8").splitlines() if line
    ]
    chosen = [
        r
        for r in records
        if (int(hashlib.sha256(r["article"].encode()).hexdigest(), 16) % 2 == 0) == tuning
    ]
    return [gold_from_record(r) for r in chosen]


def main() -> None:
    """Run every gold set and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    parser.add_argument("--types", action="store_true", help="print the per-type table too")
    args = parser.parse_args()
    pipeline = Pipeline.from_settings()
    sets = {
        "PLOVER GSR dev": read_gold(args.data / "plover" / "plover_gsr_dev.jsonl"),
        "dateline held-out, tuning half": heldout_half(tuning=True),
        "dateline held-out, test half": heldout_half(tuning=False),
        "PETRARCH2 real-world tests": read_petrarch_tests(
            args.data / "petrarch2" / "unittest_real_world.jsonl"
        ),
    }
    reports: dict[str, Report] = {}
    started = time.perf_counter()
    for name, gold in sets.items():
        reports[name] = evaluate(gold, pipeline, origin=name)
    elapsed = time.perf_counter() - started
    header = ("gold set", "sentences", "event P", "event R", "micro F1", "macro F1",
              "actor-code P", "actor-code R", "actor-code F1", "sector acc")  # fmt: skip
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|")
    for name, report in reports.items():
        e, c = report.events, report.codes
        row = (name, str(report.sentences), f"{e.precision:.3f}", f"{e.recall:.3f}", f"{e.f1:.3f}",
               f"{report.macro_f1:.3f}", f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}",
               f"{report.sector_accuracy:.3f}")  # fmt: skip
        print("| " + " | ".join(row) + " |")
    print(f"\n({elapsed:.1f} s)")
    crashed = {name: r.stage_failures for name, r in reports.items() if r.stage_failures}
    if crashed:
        print(f"WARNING: stages crashed on gold sentences: {crashed}; see `dateline extract`")
    if args.types:
        for name, report in reports.items():
            print(f"\n{name}: per event type")
            print("| type | P | R | F1 | gold |")
            print("|---|---:|---:|---:|---:|")
            for kind, counts in sorted(report.by_type.items()):
                print(
                    f"| {kind} | {counts.precision:.3f} | {counts.recall:.3f} | {counts.f1:.3f} | "
                    f"{counts.tp + counts.fn} |"
                )
            confusions = ", ".join(
                f"{g}->{p} {n}" for (g, p), n in report.confusions.most_common(8)
            )
            print(f"most frequent confusions: {confusions}")
    if args.json:
        args.json.write_text(json.dumps({k: v.as_dict() for k, v in reports.items()}, indent=2))


if __name__ == "__main__":
    main()
