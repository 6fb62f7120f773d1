"""Reading gold sets: JSON Lines records checked for their fields, errors naming the line,
and precision, recall and F1 from counts."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dateline.errors import ArticleError, InputError
from dateline.ingest.readers import read_file_text


def iter_records(
    path: Path, required: Sequence[str], what: str
) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (line number, record) for each JSON object of a gold file.

    Raises:
        InputError: the file cannot be read, or a line is not JSON or lacks a required field;
            the message names the file and line.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise InputError(f"{path}: cannot read {what} file: {error.strerror}") from error
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(f"{path}:{number}: invalid JSON: {error.msg}") from error
        if not isinstance(record, dict):
            raise InputError(f"{path}:{number}: expected a JSON object")
        missing = [name for name in required if name not in record]
        if missing:
            raise InputError(f"{path}:{number}: {what} lacks {', '.join(missing)}")
        yield number, record


def read_sources(
    path: Path, texts: Mapping[str, Path], wanted: Iterable[str], what: str
) -> dict[str, tuple[dict[str, Any], str]]:
    """The source records a gold set was labelled on, by id, with where each came from:
    JSON Lines articles (``{"id", "text", ...}``) plus whole text files given by id.

    Raises:
        InputError: a record is malformed, a file unreadable, or a wanted article missing.
    """
    raw: dict[str, tuple[dict[str, Any], str]] = {}
    for number, record in iter_records(path, ("id", "text"), "article"):
        raw[str(record["id"])] = (record, f"{path}:{number}")
    for article_id, text_path in texts.items():
        try:
            text = read_file_text(text_path)
        except ArticleError as error:
            raise InputError(str(error)) from error
        raw[article_id] = ({"id": article_id, "text": text}, str(text_path))
    missing = sorted(set(wanted) - set(raw))
    if missing:
        raise InputError(f"{path}: no article for {what} of {', '.join(missing)}")
    return raw


def prf(
    right_predicted: int, predicted: int, right_gold: int, gold: int
) -> tuple[float, float, float]:
    """Precision, recall and F1; each 0 when its denominator is."""
    precision = right_predicted / predicted if predicted else 0.0
    recall = right_gold / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


@dataclass(slots=True)
class Counts:
    """True positives, false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """TP / (TP + FP), 0 when nothing was predicted."""
        return prf(self.tp, self.tp + self.fp, self.tp, self.tp + self.fn)[0]

    @property
    def recall(self) -> float:
        """TP / (TP + FN), 0 when there was nothing to find."""
        return prf(self.tp, self.tp + self.fp, self.tp, self.tp + self.fn)[1]

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        return prf(self.tp, self.tp + self.fp, self.tp, self.tp + self.fn)[2]

    def as_dict(self) -> dict[str, float | int]:
        """Counts and scores, rounded for reports."""
        return {
            "tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
            "recall": round(self.recall, 4), "f1": round(self.f1, 4),
        }  # fmt: skip
