"""Event-coding accuracy, coder by coder, on every gold set: one table.

    python bench/accuracy.py [--data ../shared/data] [--coders rules learned combined]
        [--sets corpus-dev corpus-test plover-dev plv-heldout old-heldout] [--json out.json]

Gold sets:
- corpus dev / test: ``bench/gold/corpus/`` (every sentence of real articles, hand-coded by the
  guide in ``docs/annotation.md``); the test split is only ever measured;
- PLOVER GSR dev: the 161 expert-coded PLOVER gold-standard sentences (CAMEO-manual style);
- PLV held-out: the fifth of ``train/plv_train.jsonl`` that the learned coder never trains on
  (one relation per sentence: precision cannot be measured there, and is left blank);
- dateline held-out (old): the 195 sentences of ``bench/gold/events_heldout.jsonl``.

Coders: ``rules`` (the CAMEO verb dictionary over the parse), ``learned`` (the trained models
alone), ``combined`` (the models reading the rules' proposals; the default). Each row also
gives the coder's time per sentence on that set, the cost beside the accuracy.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from dateline.evaluation.coding import evaluate_corpus, predict
from dateline.evaluation.corpus import (
    GoldArticle,
    Sentence,
    plv_heldout,
    read_articles,
    read_corpus,
    read_plover,
    read_plv,
    standalone,
)
from dateline.evaluation.scoring import CorpusReport, outcomes
from dateline.pipeline import Pipeline
from dateline.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "bench" / "gold" / "corpus"
DEFAULT_DATA = ROOT.parent / "shared" / "data"
HEADER = ("gold set", "coder", "sentences", "gold events", "predicted", "type P", "type R",
          "type F1", "macro F1", "relation", "actor code F1", "recipient code F1", "sector acc",
          "status acc", "date acc", "place acc", "ms/sentence")  # fmt: skip


def gold_sets(
    data: Path, wanted: list[str]
) -> dict[str, tuple[list[Sentence], dict[str, GoldArticle]]]:
    """The chosen gold sets as (sentences, articles)."""
    found = {}
    for name in wanted:
        if name in ("corpus-dev", "corpus-test"):
            sentences = read_corpus(CORPUS / f"{name.split('-')[1]}.jsonl")
            found[name] = (sentences, read_articles(CORPUS / "articles.jsonl", sentences))
        elif name == "plover-dev":
            sentences = read_plover(data / "plover" / "plover_gsr_dev.jsonl")
            found[name] = (sentences, standalone(sentences))
        elif name == "plv-heldout":
            sentences = [
                s for s in read_plv(data / "train" / "plv_train.jsonl") if plv_heldout(s.sid)
            ]  # fmt: skip
            found[name] = (sentences, standalone(sentences))
        elif name == "old-heldout":
            sentences = read_plover(ROOT / "bench" / "gold" / "events_heldout.jsonl")
            found[name] = (sentences, standalone(sentences))
        else:
            raise SystemExit(f"unknown gold set {name!r}")
    return found


def row(name: str, coder: str, report: CorpusReport, seconds: float, complete: bool) -> list[str]:
    """One line of the table."""
    t = report.types

    def share(value: float, scored: int) -> str:
        return f"{value:.3f} ({scored})" if scored else "–"

    return [
        name, coder, str(report.sentences), str(report.gold_events), str(report.predicted_events),
        f"{t.precision:.3f}" if complete else "–", f"{t.recall:.3f}",
        f"{t.f1:.3f}" if complete else "–", f"{report.macro_f1:.3f}" if complete else "–",
        f"{report.relation.value:.3f}",
        f"{report.actor_codes.f1:.3f}" if report.actor_codes.tp + report.actor_codes.fn else "–",
        f"{report.recipient_codes.f1:.3f}"
        if report.recipient_codes.tp + report.recipient_codes.fn else "–",
        share(report.sectors.value, report.sectors.scored),
        share(report.status.value, report.status.scored),
        share(report.dates.value, report.dates.scored),
        share(report.places.value, report.places.scored),
        f"{1000 * seconds / max(report.sentences, 1):.1f}",
    ]  # fmt: skip


def calibration(sets: dict[str, tuple[list[Sentence], dict[str, GoldArticle]]]) -> None:
    """Share of events with the right type per confidence bin, every event down to 0.1."""
    if "corpus-dev" not in sets:
        return
    sentences, articles = sets["corpus-dev"]
    for coder in ("learned", "combined"):
        pipeline = Pipeline.from_settings(Settings(stages={"events": coder}, min_confidence=0.1))
        predictions, _ = predict(pipeline, articles)
        found = outcomes(sentences, predictions)
        print(f"\ncorpus-dev, {coder}: confidence bin | events | right type")
        print("|---|---:|---:|")
        for low in (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
            chosen = [right for value, right in found if low <= value < low + 0.1]
            share = f"{sum(chosen) / len(chosen):.2f}" if chosen else "–"
            print(f"| {low:.1f}-{low + 0.1:.1f} | {len(chosen)} | {share} |")


def main() -> None:
    """Run every coder on every gold set and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--coders", nargs="+", default=["rules", "learned", "combined"])
    parser.add_argument(
        "--sets", nargs="+", default=["corpus-dev", "corpus-test", "plover-dev", "plv-heldout"]
    )
    parser.add_argument("--types", action="store_true", help="per-type table of each run too")
    parser.add_argument(
        "--calibration", action="store_true",
        help="reliability of each coder's confidence on corpus dev, down to 0.1",
    )  # fmt: skip
    parser.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    args = parser.parse_args()
    sets = gold_sets(args.data, args.sets)
    print("| " + " | ".join(HEADER) + " |")
    print("|" + "|".join("---" if i < 2 else "---:" for i in range(len(HEADER))) + "|")
    figures = {}
    details = []
    for coder in args.coders:
        pipeline = Pipeline.from_settings(Settings(stages={"events": coder}))
        for name, (sentences, articles) in sets.items():
            started = time.perf_counter()
            report = evaluate_corpus(pipeline, sentences, articles)
            seconds = time.perf_counter() - started
            complete = all(s.complete for s in sentences)
            print("| " + " | ".join(row(name, coder, report, seconds, complete)) + " |", flush=True)
            figures[f"{name}/{coder}"] = report.as_dict()
            details.append((name, coder, report))
            if report.stage_failures:
                print(f"WARNING: {report.stage_failures} stage crashes on {name} with {coder}")
    if args.types:
        for name, coder, report in details:
            print(f"\n{name}, {coder}: per event type")
            print("| type | P | R | F1 | gold |\n|---|---:|---:|---:|---:|")
            for kind, counts in sorted(report.by_type.items()):
                print(f"| {kind} | {counts.precision:.3f} | {counts.recall:.3f} | "
                      f"{counts.f1:.3f} | {counts.tp + counts.fn} |")  # fmt: skip
            confusions = ", ".join(
                f"{g}->{p} {n}" for (g, p), n in report.confusions.most_common(8)
            )
            print(f"most frequent confusions: {confusions}")
    if args.calibration:
        calibration(sets)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
