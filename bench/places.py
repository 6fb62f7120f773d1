"""Places benchmark: toponym recognition and resolution on GeoWebNews; prints a table.

    python bench/places.py                       # all 200 articles
    python bench/places.py --split test          # odd-numbered articles only

See ``dateline.evaluation.places`` for what counts as a gold toponym and how it is matched.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dateline.evaluation.places import PlacesReport, evaluate_places, read_gold
from dateline.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT.parent / "shared" / "data" / "geo" / "geowebnews.jsonl"


def main() -> int:
    """Run the benchmark and print its table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD, help="GeoWebNews JSON Lines")
    parser.add_argument("--split", choices=["all", "dev", "test"], default="all",
                        help="dev: even-numbered articles, test: odd-numbered")  # fmt: skip
    parser.add_argument("--limit", type=int, default=None, help="score only the first N")
    args = parser.parse_args()
    gold = read_gold(args.gold)
    if args.split != "all":
        gold = gold[(0 if args.split == "dev" else 1) :: 2]
    gold = gold[: args.limit]
    report = evaluate_places(Pipeline.from_settings(), gold)
    print_report(report, f"{args.gold.name} ({args.split}, {len(gold)} articles)")
    return 0


def print_report(report: PlacesReport, title: str) -> None:
    """Print the recognition and resolution tables."""
    print(f"Places benchmark: {title}\n")
    print(f"{'recognition reading':58} {'P':>6} {'R':>6} {'F1':>6} {'TP':>5} {'FP':>5} {'FN':>5}")
    # MAIN: a toponym is recognised as a place, or as the state or capital an actor names
    for name, counts in report.readings():
        print(f"{name:58} {counts.precision:6.3f} {counts.recall:6.3f} {counts.f1:6.3f} "
              f"{counts.tp:5d} {counts.fp:5d} {counts.fn:5d}")  # fmt: skip
    r = report.resolution
    print("\nresolution (literal toponyms with gold coordinates)")
    rows = [
        ("gold toponyms with coordinates", f"{r.gold_with_coordinates}"),
        ("recognised (exact span)", f"{r.recognised}"),
        ("resolved (given coordinates)", f"{r.resolved}"),
        # streets, buildings and names the gazetteer lacks stay unresolved (null
        # coordinates): they are recognised but left out of the two shares below
        ("unresolved, of recognised", f"{r.recognised - r.resolved}"),
        ("regions across borders, no country scored", f"{r.regions_unscored}"),
        (
            "correct country, of resolved",
            f"{r.country_accuracy:.3f} ({r.country_right}/{r.country_known})",
        ),
        ("within 161 km, of resolved", f"{r.accuracy_161:.3f} ({r.within}/{r.resolved})"),
        # the same, where choosing the gold's own GeoNames entry counts as its point
        (
            "within 161 km, GeoNames point if same entry",
            f"{r.accuracy_161_same_entry:.3f} ({r.within_same_entry}/{r.resolved})",
        ),
        (
            "exact (gold GeoNames entry), of resolved",
            f"{r.exact_accuracy:.3f} ({r.exact}/{r.with_id})",
        ),
        ("median error km", f"{r.median_km:.1f}"),
    ]
    for name, value in rows:
        print(f"  {name:44} {value}")
    n = max(report.articles, 1)
    print(f"\ntime per article: spaCy parse {1000 * report.parse_seconds / n:.1f} ms, "
          f"places stage {1000 * report.places_seconds / n:.2f} ms")  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
