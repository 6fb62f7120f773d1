"""Write the shared training sets in the corpus format, for reading and for other tools.

    python scripts/corpus/map_training_data.py [--data ../shared/data] [--out build/training]

- PLV train (``train/plv_train.jsonl``) -> ``plv_train.jsonl`` and ``plv_heldout.jsonl`` (the
  fifth the learned coder never trains on). Each sentence codes one relation (``complete`` is
  false: other events in it are unknown, so scoring counts no false positives there); PLV's
  ``YIELD`` becomes the pair ``CONCEDE/RETREAT``; no trigger is given (training derives it from
  the parse).
- The CAMEO span set (``train/cameo_spans.jsonl``) -> ``cameo_spans.jsonl``: actor (S) and
  recipient (T) spans with the type ``UNKNOWN``; usable for roles only.

Their licences allow training but not shipping the sentences: the output goes to ``build/``,
which git ignores. ``scripts/train_coder.py`` reads the same sets through the same functions.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from dateline.evaluation.corpus import plv_heldout, read_cameo_spans, read_plv, write_corpus

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    """Map both sets and say how many sentences each file got."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "training")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    plv = read_plv(args.data / "train" / "plv_train.jsonl")
    files = {
        "plv_train.jsonl": [s for s in plv if not plv_heldout(s.sid)],
        "plv_heldout.jsonl": [s for s in plv if plv_heldout(s.sid)],
        "cameo_spans.jsonl": read_cameo_spans(args.data / "train" / "cameo_spans.jsonl"),
    }
    for name, sentences in files.items():
        write_corpus(args.out / name, sentences)
        print(f"{args.out / name}: {len(sentences)} sentences")


if __name__ == "__main__":
    main()
