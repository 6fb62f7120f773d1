"""The learned event coder with its shipped models, on real sentences."""

from __future__ import annotations

from dataclasses import replace

import pytest

from dateline.ingest import build_article
from dateline.pipeline import Pipeline
from dateline.settings import Settings
from dateline.stages.events.learned import CoderModels, CombinedEventCoder, LearnedEventCoder

pytestmark = pytest.mark.issue(9)

ATTACK = (
    "Syrian government warplanes bombed the rebel-held town of Douma on Monday, killing 12 "
    "civilians, the Syrian Observatory for Human Rights said."
)
STORY = (
    f"{ATTACK} Turkey condemned the raid and urged Russia to restrain its ally. The United "
    "Nations said it would send food to the town."
)


@pytest.fixture(scope="module")
def combined(pipeline: Pipeline) -> Pipeline:
    return replace(pipeline, code_events=CombinedEventCoder(pipeline.nlp))


def analyse(pipeline: Pipeline, text: str):
    return pipeline.analyse(build_article(text, origin="test", title=""))


@pytest.mark.parametrize("variant", ["combined", "learned"])
def test_shipped_models_load(variant):
    models = CoderModels.packaged(variant)
    assert models.trigger.classes[0] == "NONE"
    assert 0.0 < models.threshold < 1.0
    assert models.with_rules is (variant == "combined")


def test_attack_coded_with_the_attacker_not_the_monitor(combined):
    events = analyse(combined, ATTACK).events
    attacks = [e for e in events if e.type == "ASSAULT"]
    assert attacks
    actors = {a.text for e in attacks for a in e.actors}
    assert not any("Observatory" in text for text in actors)
    assert any("warplanes" in text for text in actors)


def test_confidence_is_a_probability_and_the_threshold_holds(combined):
    coder = combined.code_events
    for event in analyse(combined, ATTACK).events:
        assert coder.accepts(event)
        assert 0.0 < event.confidence <= 1.0
        assert event.produced_by.startswith("events.combined@1")


def test_min_confidence_setting_changes_the_output(pipeline: Pipeline):
    coder = LearnedEventCoder(pipeline.nlp)
    default = analyse(replace(pipeline, code_events=coder), STORY).events
    loose = analyse(replace(pipeline, code_events=coder, min_confidence=0.1), STORY).events
    strict = analyse(replace(pipeline, code_events=coder, min_confidence=0.99), STORY).events
    assert len(loose) > len(default) >= len(strict)
    assert all(e.confidence >= 0.99 for e in strict)
    assert any(not coder.accepts(e) for e in loose)


def test_every_coder_is_available_by_name():
    for name in ("rules", "learned", "combined"):
        pipeline = Pipeline.from_settings(Settings(stages={"events": name}))
        assert pipeline.code_events is not None
