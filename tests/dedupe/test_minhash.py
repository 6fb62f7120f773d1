"""MinHash signatures: stable across processes, close to true Jaccard, copies share a band."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from dateline.dedupe import band_hashes, estimate_jaccard, signature
from dateline.dedupe.minhash import shingles

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "fakes_sample.jsonl"


def texts() -> list[str]:
    return [json.loads(line)["text"] for line in SAMPLE.read_text(encoding="utf-8").splitlines()]


def jaccard(a: str, b: str) -> float:
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / len(sa | sb)


def test_signature_is_the_same_in_another_process_with_another_hash_seed() -> None:
    text = texts()[0]
    code = ("import json, sys; from dateline.dedupe import signature; "
            "print(json.dumps(signature(sys.stdin.read()).tolist()))")  # fmt: skip
    env = {**os.environ, "PYTHONHASHSEED": "12345"}

    other = subprocess.run([sys.executable, "-c", code], input=text, capture_output=True,
                           text=True, check=True, env=env)  # fmt: skip

    assert json.loads(other.stdout) == signature(text).tolist()


def test_estimate_jaccard_is_near_the_true_value_for_a_copy_with_other_furniture() -> None:
    body = texts()[1]
    copy = "Advertisement\nShare this article\n" + body + "\nRead more: Syria war live updates"

    estimate = estimate_jaccard(signature(body), signature(copy))

    assert abs(estimate - jaccard(body, copy)) < 0.1
    assert estimate > 0.8


def test_estimate_jaccard_is_low_for_different_reports() -> None:
    first, second = texts()[:2]

    assert estimate_jaccard(signature(first), signature(second)) < 0.1


def test_band_hashes_are_shared_by_copies_and_not_by_different_reports() -> None:
    first, second = texts()[2:4]
    copy = first.replace(".", ". ", 3) + " Copyright 2016 Example News."

    assert set(band_hashes(signature(first))) & set(band_hashes(signature(copy)))
    assert not set(band_hashes(signature(first))) & set(band_hashes(signature(second)))
