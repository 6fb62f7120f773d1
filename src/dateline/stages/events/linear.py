"""A multinomial logistic regression over hashed string features, in NumPy alone.

Each example is a list of feature strings ("lemma=attack", "path=nsubj^"); a string is hashed
(CRC-32, stable across processes and machines) into one of ``2**bits`` rows of a weight matrix.
Only the rows that training touched are kept, as sorted hashes beside a float16 matrix, so a
model of ~100,000 live features and 17 classes is a few megabytes and needs no torch at run
time.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
import numpy.typing as npt

Features = Sequence[str]
FloatArray = npt.NDArray[np.float32]
IntArray = npt.NDArray[np.int64]


def feature_ids(features: Features, bits: int) -> IntArray:
    """The hashed rows of ``features`` (duplicates kept: a feature seen twice counts twice)."""
    mask = (1 << bits) - 1
    return np.fromiter(
        (zlib.crc32(f.encode("utf-8")) & mask for f in features),
        dtype=np.int64,
        count=len(features),
    )


@dataclass(frozen=True, slots=True)
class LinearModel:
    """Weights for the hashed rows seen in training, the bias, and the class names."""

    classes: tuple[str, ...]
    rows: IntArray  # sorted hashes of the live features
    weights: FloatArray  # len(rows) x len(classes)
    bias: FloatArray
    bits: int = 20
    temperature: float = 1.0  # fitted on dev so that probabilities are calibrated

    def scores(self, features: Features) -> FloatArray:
        """Raw class scores of one example."""
        ids = feature_ids(features, self.bits)
        at = np.searchsorted(self.rows, ids)
        at = np.minimum(at, len(self.rows) - 1)
        live = at[self.rows[at] == ids]
        total: FloatArray = self.weights[live].sum(axis=0, dtype=np.float32) + self.bias
        return total

    def probabilities(self, features: Features) -> FloatArray:
        """Calibrated class probabilities of one example."""
        logits = self.scores(features) / self.temperature
        logits = logits - logits.max()
        exp = np.exp(logits)
        probabilities: FloatArray = (exp / exp.sum()).astype(np.float32)
        return probabilities

    def probabilities_many(self, examples: Sequence[Features]) -> FloatArray:
        """Calibrated class probabilities of many examples at once (one row each)."""
        if not examples:
            return np.zeros((0, len(self.classes)), dtype=np.float32)
        sizes = [len(f) for f in examples]
        ids = feature_ids([f for features in examples for f in features], self.bits)
        at = np.minimum(np.searchsorted(self.rows, ids), len(self.rows) - 1)
        rows = self.weights[at] * (self.rows[at] == ids)[:, None]
        # an example without features sums nothing: pad each with a zero row
        padded = np.zeros((len(rows) + len(sizes), rows.shape[1]), dtype=np.float32)
        starts = np.cumsum([0] + [n + 1 for n in sizes[:-1]])
        mask = np.ones(len(padded), dtype=bool)
        mask[starts] = False
        padded[mask] = rows
        logits = (np.add.reduceat(padded, starts, axis=0) + self.bias) / self.temperature
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        probabilities: FloatArray = (exp / exp.sum(axis=1, keepdims=True)).astype(np.float32)
        return probabilities

    def best(self, features: Features) -> tuple[str, float]:
        """The most probable class and its probability."""
        probs = self.probabilities(features)
        at = int(probs.argmax())
        return self.classes[at], float(probs[at])

    def save(self, path: Path) -> None:
        """Write the model as a compressed ``.npz``."""
        np.savez_compressed(
            path, classes=np.array(self.classes), rows=self.rows.astype(np.int32),
            weights=self.weights.astype(np.float16), bias=self.bias.astype(np.float32),
            bits=np.array(self.bits), temperature=np.array(self.temperature),
        )  # fmt: skip

    @classmethod
    def load(cls, source: Path | bytes) -> LinearModel:
        """Read a model written by ``save`` (a path, or the file's bytes)."""
        handle = io.BytesIO(source) if isinstance(source, bytes) else source
        with np.load(handle, allow_pickle=False) as data:
            return cls(
                classes=tuple(str(c) for c in data["classes"]),
                rows=data["rows"].astype(np.int64),
                weights=data["weights"].astype(np.float32),
                bias=data["bias"].astype(np.float32),
                bits=int(data["bits"]),
                temperature=float(data["temperature"]),
            )

    @classmethod
    def packaged(cls, name: str) -> LinearModel:
        """A model shipped in ``dateline/data/events/coder/``."""
        path = resources.files("dateline") / "data" / "events" / "coder" / f"{name}.npz"
        return cls.load(path.read_bytes())


def train(
    examples: Sequence[Features], labels: Sequence[str], classes: Sequence[str], *,
    bits: int = 20, epochs: int = 10, rate: float = 0.05, l2: float = 1e-3,
    weights: Sequence[float] | None = None, seed: int = 0,
) -> LinearModel:  # fmt: skip
    """Fit softmax regression by AdaGrad over shuffled examples (deterministic for a seed)."""
    index = {c: i for i, c in enumerate(classes)}
    y = np.array([index[label] for label in labels], dtype=np.int64)
    ids = [feature_ids(f, bits) for f in examples]
    live = np.unique(np.concatenate(ids)) if ids else np.zeros(0, dtype=np.int64)
    local = [np.searchsorted(live, i) for i in ids]
    k = len(classes)
    w = np.zeros((len(live), k), dtype=np.float64)
    b = np.zeros(k, dtype=np.float64)
    gw = np.full((len(live), k), 1e-8)
    gb = np.full(k, 1e-8)
    sample_weight = np.ones(len(y)) if weights is None else np.asarray(weights, dtype=np.float64)
    rng = np.random.default_rng(seed)
    for _ in range(epochs):
        for n in rng.permutation(len(y)):
            rows = local[n]
            logits = w[rows].sum(axis=0) + b
            logits -= logits.max()
            p = np.exp(logits)
            p /= p.sum()
            p[y[n]] -= 1.0
            grad = p * sample_weight[n]
            # the same row twice in one example gets its gradient twice
            row_grad = np.outer(np.ones(len(rows)), grad) + l2 * w[rows]
            np.add.at(gw, rows, row_grad**2)
            np.add.at(w, rows, -rate * row_grad / np.sqrt(gw[rows]))
            gb += grad**2
            b -= rate * grad / np.sqrt(gb)
    return LinearModel(
        classes=tuple(classes), rows=live, weights=w.astype(np.float32),
        bias=b.astype(np.float32), bits=bits,
    )  # fmt: skip


def fit_temperature(
    model: LinearModel, examples: Sequence[Features], labels: Sequence[str]
) -> float:
    """The temperature that minimises the log loss of ``model`` on held-out examples."""
    index = {c: i for i, c in enumerate(model.classes)}
    logits = np.stack([model.scores(f) for f in examples]) if examples else np.zeros((0, 1))
    y = np.array([index[label] for label in labels])
    best, best_loss = 1.0, float("inf")
    for temperature in np.arange(0.5, 4.01, 0.1):
        scaled = logits / temperature
        scaled = scaled - scaled.max(axis=1, keepdims=True)
        log_p = scaled - np.log(np.exp(scaled).sum(axis=1, keepdims=True))
        loss = -float(log_p[np.arange(len(y)), y].mean()) if len(y) else 0.0
        if loss < best_loss:
            best, best_loss = float(temperature), loss
    return best
