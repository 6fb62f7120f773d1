"""Reading gold sets: JSON Lines records checked for their fields, errors naming the line,
and precision, recall and F1 from counts."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from dateline.errors import InputError


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


def prf(
    right_predicted: int, predicted: int, right_gold: int, gold: int
) -> tuple[float, float, float]:
    """Precision, recall and F1; each 0 when its denominator is."""
    precision = right_predicted / predicted if predicted else 0.0
    recall = right_gold / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
