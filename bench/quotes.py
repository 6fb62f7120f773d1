"""Quotes benchmark: how well the pipeline finds the hand-labelled quotes of
bench/gold/quotes.jsonl (26 articles) and names their speakers. Prints a table.

    python bench/quotes.py            # the table
    python bench/quotes.py --errors   # and every miss, wrong speaker and unlabelled prediction
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from dateline.evaluation.quotes import KINDS, QuoteScores, evaluate, load_gold_set
from dateline.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    """Run the pipeline over the gold articles and print the quote scores."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list every miss")
    args = parser.parse_args()

    gold, articles = load_gold_set(ROOT)
    pipeline = Pipeline.from_settings()
    started = time.perf_counter()
    scores = evaluate(pipeline, gold, articles)
    seconds = time.perf_counter() - started

    print(
        f"quotes: {len(gold)} gold quotes in {len(articles)} articles, "
        f"{len(scores.predicted)} predicted, {seconds:.1f} s for the whole pipeline"
    )
    print("match: overlap >= 50% of both spans; speaker: alias, same entity or surname")
    print()
    print(f"| {'measure':<18} | {'gold':>4} | {'P':>5} | {'R':>5} | {'F1':>5} |")
    print(f"|{'-' * 20}|{'-' * 6}|{'-' * 7}|{'-' * 7}|{'-' * 7}|")
    for kind in (None, *KINDS):
        items = sum(kind is None or p.gold.kind == kind for p in scores.pairs)
        label = kind or "all"
        for what, values in (("span", scores.span(kind)), ("speaker", scores.speaker(kind))):
            precision, recall, f1 = values
            print(
                f"| {what + ' ' + label:<18} | {items:>4} | {precision:>5.3f} | "
                f"{recall:>5.3f} | {f1:>5.3f} |"
            )
    print()
    for name, (right, total) in (
        ("speaker code (of right speakers)", scores.code_accuracy()),
        ("kind (of matched quotes)", scores.kind_accuracy()),
        ("channel (of matched with one)", scores.channel_accuracy()),
    ):
        print(f"{name:<34} {right:>3}/{total:<3} = {right / total if total else 0:.3f}")
    if args.errors:
        _print_errors(scores)


def _print_errors(scores: QuoteScores) -> None:
    print()
    print("misses and wrong speakers (article, kind, gold quote | gold speaker -> predicted):")
    for pair in scores.pairs:
        if pair.speaker_right and (pair.code_right or pair.gold.code is None):
            continue
        gold = pair.gold
        quote = pair.predicted
        if quote is None:
            got = "missed" if pair.span is not None else "not in article text"
        else:
            speaker = quote.speaker
            said = f"{quote.speaker_text!r} {speaker.text!r}/{speaker.code}" if speaker else "none"
            mark = "wrong code" if pair.speaker_right else "WRONG SPEAKER"
            got = f"{mark}: {quote.kind} {said}"
        print(
            f"  {gold.article[-14:]:<14} {gold.kind[:3]} {gold.text[:60]!r:<64} | "
            f"{gold.speaker} {gold.code} -> {got}"
        )
    print()
    print("predictions matching no gold quote:")
    for name, quote in scores.unmatched:
        speaker = quote.speaker_text or "-"
        print(
            f"  {name[-14:]:<14} {quote.kind[:3]} {quote.text[:70]!r:<74} | {speaker} ({quote.cue})"
        )


if __name__ == "__main__":
    main()
