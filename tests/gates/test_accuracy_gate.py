"""Evaluation gate: the rule coder on the PLOVER gold-standard dev records must not regress.

The rule coder is still shipped (``[stages] events = "rules"``) and the combined coder reads
its proposals. Floors sit a little below the figures measured with `python bench/accuracy.py`;
raising one is a deliberate edit, lowering one needs a reason in the commit. The default
(combined) coder's gate is ``test_corpus_gate.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.evaluation.plover import Report, evaluate, read_gold
from dateline.pipeline import Pipeline
from dateline.settings import Settings

GOLD = Path(__file__).resolve().parents[2] / "bench" / "gold" / "plover_gsr_dev.jsonl"

# one sentence moves micro F1 by about 0.006: the margin allows two
FLOORS = {
    "event_micro_f1": 0.835,
    "event_macro_f1": 0.765,
    "event_precision": 0.85,
    "actor_code_f1": 0.785,
    "actor_code_precision": 0.895,
}


@pytest.fixture(scope="module")
def report() -> Report:
    rules = Pipeline.from_settings(Settings(stages={"events": "rules"}))
    return evaluate(read_gold(GOLD), rules, origin="gate")


def test_gate_event_micro_f1(report: Report) -> None:
    assert report.events.f1 >= FLOORS["event_micro_f1"]


def test_gate_event_macro_f1(report: Report) -> None:
    assert report.macro_f1 >= FLOORS["event_macro_f1"]


def test_gate_event_precision(report: Report) -> None:
    assert report.events.precision >= FLOORS["event_precision"]


def test_gate_actor_code_f1(report: Report) -> None:
    assert report.codes.f1 >= FLOORS["actor_code_f1"]


def test_gate_actor_code_precision(report: Report) -> None:
    assert report.codes.precision >= FLOORS["actor_code_precision"]


def test_gate_no_stage_crashes(report: Report) -> None:
    assert report.stage_failures == 0
