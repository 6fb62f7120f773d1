"""Quality gate for places: GeoWebNews slice scores must not fall below pinned floors.

Measured on tests/data/geowebnews_slice.jsonl (20 articles, every tenth of GeoWebNews) with
``python bench/places.py --gold tests/data/geowebnews_slice.jsonl``; floors sit a little
below the measurement. Raising a floor is a deliberate edit; lowering one needs a reason.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.evaluation.places import PlacesReport, evaluate_places, read_gold
from dateline.pipeline import Pipeline

SLICE = Path(__file__).resolve().parent.parent / "data" / "geowebnews_slice.jsonl"

# one toponym in the slice moves recall by ~0.007 and precision by ~0.01
LITERAL_RECALL_FLOOR = 0.54
LITERAL_PRECISION_FLOOR = 0.72
COUNTRY_ACCURACY_FLOOR = 0.95
WITHIN_161_KM_FLOOR = 0.74


@pytest.fixture(scope="module")
def report(pipeline: Pipeline) -> PlacesReport:
    return evaluate_places(pipeline, read_gold(SLICE))


def test_places_gate_literal_recall(report: PlacesReport) -> None:
    assert report.literal.recall >= LITERAL_RECALL_FLOOR


def test_places_gate_literal_precision(report: PlacesReport) -> None:
    assert report.literal.precision >= LITERAL_PRECISION_FLOOR


def test_places_gate_correct_country(report: PlacesReport) -> None:
    assert report.resolution.country_accuracy >= COUNTRY_ACCURACY_FLOOR


def test_places_gate_within_161_km(report: PlacesReport) -> None:
    assert report.resolution.accuracy_161 >= WITHIN_161_KM_FLOOR
