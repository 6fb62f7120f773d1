"""Dates benchmark: how well the dates stage finds and normalises the hand-labelled time
expressions of bench/gold/dates.jsonl (30 articles). Prints a table.

Header stamps that ingest takes out of the text count as right when ingest read them as the
publication date; expressions in a headline count as missed (the stage reads the body).

    python bench/dates.py            # the table
    python bench/dates.py --errors   # and every miss and unlabelled prediction
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from dateline.evaluation.dates import DateScores, evaluate, load_gold_set
from dateline.nlp import load_model
from dateline.stages.dates import RuleTimeFinder

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    """Run the dates stage over the gold articles and print the scores."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list every miss")
    args = parser.parse_args()

    gold, articles = load_gold_set(ROOT)
    nlp = load_model()
    finder = RuleTimeFinder(nlp)
    started = time.perf_counter()
    scores = evaluate(finder, nlp, gold, articles)
    seconds = time.perf_counter() - started

    anchored = sum(value is not None for value in scores.anchors.values())
    print(
        f"dates: {len(gold)} gold expressions in {len(articles)} articles, "
        f"{seconds:.1f} s with the spaCy parse"
    )
    print(
        f"{anchored} articles dated by ingest or a stamp in their text; the others are given "
        "the labeller's publication date"
    )
    print()
    print(f"| {'measure':<44} | {'value':>6} |")
    print(f"|{'-' * 46}|{'-' * 8}|")
    for name, value in (
        ("normalisation accuracy (gold precision)", scores.accuracy),
        ("accuracy at the exact gold precision", scores.exact_accuracy),
        ("recognition recall (items in the body)", scores.recall),
        (f"recognition precision ({scores.predictions} predicted)", scores.precision),
    ):
        print(f"| {name:<44} | {value:>6.3f} |")
    _print_breakdown("where", scores.places())
    for key in ("kind", "precision"):
        _print_breakdown(key, scores.breakdown(key))
    if args.errors:
        _print_errors(scores)


def _print_breakdown(key: str, counts: dict[str, tuple[int, int]]) -> None:
    print()
    print(f"| {'by ' + key:<16} | {'items':>5} | {'right':>5} | {'accuracy':>8} |")
    print(f"|{'-' * 18}|{'-' * 7}|{'-' * 7}|{'-' * 10}|")
    for name, (items, right) in counts.items():
        print(f"| {name:<16} | {items:>5} | {right:>5} | {right / items:>8.3f} |")


def _print_errors(scores: DateScores) -> None:
    print()
    print("misses (article, gold text, gold value, predicted text -> value):")
    for item in scores.judged:
        if item.is_correct:
            continue
        gold = item.gold
        got = {"title": "in the title", "furniture": f"stamp -> {item.predicted_value}"}.get(
            item.where, "not found"
        )
        if item.predicted is not None:
            got = f"{item.predicted.text!r} -> {item.predicted_value or item.predicted.formatted()}"
        print(f"  {gold.article:<22} {gold.text!r:<32} {gold.value:<11} {got}")
    print()
    print("predictions overlapping no gold item (fully labelled articles only):")
    for name, time_ in scores.false_positives:
        print(f"  {name:<22} {time_.text!r:<32} {time_.formatted()}")


if __name__ == "__main__":
    main()
