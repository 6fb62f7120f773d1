"""Train the learned event coder: one reproducible command, named data, CPU only, minutes.

    python scripts/train_coder.py [--data ../shared/data] [--out src/dateline/data/events/coder]

Data (all named, none shipped in the package):
- the corpus train split, ``bench/gold/corpus/train.jsonl`` (hand-coded real news, every event
  of every sentence; Apache-2.0 labels over CC BY 4.0 / CC BY 3.0 texts);
- PLV train, ``train/plv_train.jsonl`` minus its held-out fifth (``plv_heldout``: the ids whose
  hash falls in bucket 0 of 5), one relation per sentence, research use;
- the CAMEO span set, ``train/cameo_spans.jsonl``: actor and target spans only (GPL-3.0,
  training use), for the role model.

The corpus dev split calibrates the trigger model (temperature) and picks the confidence
threshold: the lowest at which the type precision on dev is at least 0.80; then a lower one for
events the rule coder found too, the lowest that keeps dev precision at 0.80. Writes, for each
variant (``combined``: with the rule coder's proposals as features; ``learned``: without),
``trigger.npz``, ``roles.npz``, ``status.npz`` and ``meta.json``.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

from dateline.evaluation.coding import predict
from dateline.evaluation.corpus import (
    GoldArticle,
    Sentence,
    plv_heldout,
    read_articles,
    read_cameo_spans,
    read_corpus,
    read_plv,
    standalone,
)
from dateline.evaluation.scoring import score_corpus
from dateline.model import PLOVER_EVENTS
from dateline.pipeline import Pipeline
from dateline.settings import Settings
from dateline.stages.events.features import NONE, ROLE_CLASSES, STATUS_CLASSES
from dateline.stages.events.learned import CoderModels, LearnedEventCoder
from dateline.stages.events.linear import fit_temperature, train
from dateline.training.examples import Examples, examples_of, parsed

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "bench" / "gold" / "corpus"
DEFAULT_DATA = ROOT.parent / "shared" / "data"
TARGET_PRECISION = 0.80


def collect(
    pipeline: Pipeline, sets: list[tuple[dict[str, GoldArticle], str]], with_rules: bool
) -> Examples:
    """Examples of every gold article of ``sets`` ((articles, unknown_type) pairs)."""
    examples = Examples()
    for articles, unknown in sets:
        for gold, analysis, doc in parsed(pipeline, articles):
            examples.extend(examples_of(gold, analysis, doc, with_rules=with_rules,
                                        unknown_type=unknown))  # fmt: skip
    return examples


def choose_thresholds(
    pipeline: Pipeline,
    models: CoderModels,
    dev: list[Sentence],
    articles: dict[str, GoldArticle],
) -> tuple[float, float, list[tuple[float, float, float]]]:
    """The lowest confidence at which type precision on dev reaches the target; then, with it,
    the lowest confidence for events the rule coder also found that keeps the target."""
    coder = LearnedEventCoder(pipeline.nlp, models=models, floor=0.05)
    probe = replace(pipeline, code_events=coder, min_confidence=0.0)
    predictions, _ = predict(probe, articles)

    def precision(threshold: float, backed_threshold: float) -> tuple[float, float]:
        kept = {
            sid: [e for e in events if e.confidence >= (
                backed_threshold if e.produced_by.endswith("+rules") else threshold)]
            for sid, events in predictions.items()
        }  # fmt: skip
        report = score_corpus(dev, kept)
        return report.types.precision, report.types.recall

    curve = []
    chosen = None
    for step in range(5, 96, 5):
        threshold = step / 100
        p, r = precision(threshold, threshold)
        curve.append((threshold, p, r))
        if chosen is None and p >= TARGET_PRECISION:
            chosen = threshold
    chosen = chosen if chosen is not None else 0.5
    backed = next(
        (step / 100 for step in range(5, int(chosen * 100) + 1, 5)
         if precision(chosen, step / 100)[0] >= TARGET_PRECISION),
        chosen,
    )  # fmt: skip
    return chosen, backed, curve


def main() -> None:
    """Train both variants and write them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=ROOT / "src/dateline/data/events/coder")
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--no-extra", action="store_true", help="train on the corpus alone")
    args = parser.parse_args()
    started = time.perf_counter()
    pipeline = Pipeline.from_settings(Settings(stages={"events": "rules"}))
    train_sentences = read_corpus(CORPUS / "train.jsonl")
    dev_sentences = read_corpus(CORPUS / "dev.jsonl")
    train_articles = read_articles(CORPUS / "articles.jsonl", train_sentences)
    dev_articles = read_articles(CORPUS / "articles.jsonl", dev_sentences)
    sets: list[tuple[dict[str, GoldArticle], str]] = [(train_articles, "")]
    if not args.no_extra:
        plv = [s for s in read_plv(args.data / "train" / "plv_train.jsonl")
               if not plv_heldout(s.sid)]  # fmt: skip
        sets.append((standalone(plv), ""))
        sets.append((standalone(read_cameo_spans(args.data / "train" / "cameo_spans.jsonl")),
                     "UNKNOWN"))  # fmt: skip
    dev_sets: list[tuple[dict[str, GoldArticle], str]] = [(dev_articles, "")]
    for variant, with_rules in (("combined", True), ("learned", False)):
        examples = collect(pipeline, sets, with_rules)
        dev_examples = collect(pipeline, dev_sets, with_rules)
        print(f"{variant}: {len(examples.trigger)} trigger, {len(examples.roles)} role, "
              f"{len(examples.status)} status examples; "
              f"labels {Counter(examples.trigger_labels).most_common(6)}")  # fmt: skip
        trigger = train(examples.trigger, examples.trigger_labels, (NONE, *PLOVER_EVENTS),
                        epochs=args.epochs)  # fmt: skip
        trigger = replace(trigger, temperature=fit_temperature(
            trigger, dev_examples.trigger, dev_examples.trigger_labels))  # fmt: skip
        roles = train(examples.roles, examples.role_labels, ROLE_CLASSES, epochs=args.epochs)
        status = train(examples.status, examples.status_labels, STATUS_CLASSES,
                       epochs=args.epochs)  # fmt: skip
        models = CoderModels(trigger, roles, status, threshold=0.5, with_rules=with_rules)
        threshold, backed, curve = choose_thresholds(pipeline, models, dev_sentences, dev_articles)
        folder = args.out / variant
        folder.mkdir(parents=True, exist_ok=True)
        trigger.save(folder / "trigger.npz")
        roles.save(folder / "roles.npz")
        status.save(folder / "status.npz")
        meta = {
            "threshold": threshold, "rule_threshold": backed, "with_rules": with_rules,
            "temperature": trigger.temperature, "epochs": args.epochs,
            "examples": {"trigger": len(examples.trigger), "roles": len(examples.roles),
                         "status": len(examples.status)},
            "data": ["bench/gold/corpus/train.jsonl"] + ([] if args.no_extra else [
                "train/plv_train.jsonl (4/5)", "train/cameo_spans.jsonl (roles)"]),
            "dev_curve": [{"threshold": t, "precision": round(p, 4), "recall": round(r, 4)}
                          for t, p, r in curve],
        }  # fmt: skip
        (folder / "meta.json").write_text(json.dumps(meta, indent=1) + "\n")
        print(f"{variant}: temperature {trigger.temperature:.1f}, threshold {threshold:.2f}, "
              f"rule-backed {backed:.2f} "
              f"({time.perf_counter() - started:.0f} s)")  # fmt: skip


if __name__ == "__main__":
    main()
