from dataclasses import replace

import pytest

from dateline.errors import SettingsError, StageError
from dateline.ingest import build_article
from dateline.registry import stage_factory
from dateline.settings import Settings

TEXT = "Turkey and Syria held talks in Moscow on Wednesday."


def broken_coder(*args: object) -> list[object]:
    raise RuntimeError("boom")


def test_pipeline_keeps_earlier_results_when_a_stage_fails(pipeline):
    broken = replace(pipeline, code_events=broken_coder)
    analysis = broken.analyse(build_article(TEXT, origin="t", title="t"))
    assert analysis.actors
    assert analysis.places
    assert analysis.events == ()
    [failure] = analysis.failures
    assert (failure.stage, failure.error_type, failure.message) == (
        "events",
        "RuntimeError",
        "boom",
    )


def test_pipeline_strict_raises(pipeline):
    broken = replace(pipeline, code_events=broken_coder, strict=True)
    with pytest.raises(StageError, match="events"):
        broken.analyse(build_article(TEXT, origin="t", title="t"))


def test_pipeline_flags_text_that_is_not_english(pipeline):
    article = build_article(
        "Der Außenminister traf sich gestern mit seinem Amtskollegen in Berlin und sprach.",
        origin="t",
        title="t",
    )
    [failure] = pipeline.analyse(article).failures
    assert failure.stage == "language"


def test_registry_names_the_available_stages():
    with pytest.raises(SettingsError, match="available: combined, learned, rules"):
        stage_factory("events", "rule")


def test_settings_reject_unknown_slots_and_settings(tmp_path):
    with pytest.raises(SettingsError, match="unknown stage slot"):
        Settings(stages={"event": "rules"})
    config = tmp_path / "dateline.toml"
    config.write_text('[pipeline]\nmodle = "x"\n')
    with pytest.raises(SettingsError, match="unknown setting 'modle'"):
        Settings.from_toml(config)


def test_settings_read_from_toml(tmp_path):
    config = tmp_path / "dateline.toml"
    config.write_text('[pipeline]\nbatch_size = 8\n\n[stages]\nevents = "rules"\n')
    settings = Settings.from_toml(config)
    assert (settings.batch_size, settings.stage("events"), settings.stage("actors")) == (
        8,
        "rules",
        "dictionary",
    )
