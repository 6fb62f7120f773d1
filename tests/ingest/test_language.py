"""The language check: short English is English (or undetermined), never refused; other
languages and scripts are named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dateline.ingest import build_article
from dateline.ingest.language import detect_language, is_english_or_undetermined
from dateline.pipeline import Pipeline

pytestmark = pytest.mark.issue(10)

REAL = Path(__file__).resolve().parents[1] / "data" / "real_articles.jsonl"
HEADLINES = (
    "Turkey, Syria, Russia and Iran in highest-level talks since Syrian war",
    "Russian missiles strike Kyiv power grid overnight",
    "Israel strikes Gaza; Hamas fires rockets",
    "UN Security Council condemns North Korean missile launch",
    "Erdogan wins Turkish presidential runoff, extending rule into third decade",
    "Sudan army, RSF agree seven-day ceasefire in Jeddah talks",
    "La Paz mayor resigns",
    "Tags Syria warplane shelling pilot Jayrud Qalamoun Jaish al-Islam al-Nusra Front",
    "No one knew what to do.",
    "Ceasefire holds.",
)


def real_titles() -> list[str]:
    with REAL.open(encoding="utf-8") as lines:
        return [t for t in (json.loads(line).get("title") for line in lines) if t]


def test_short_english_is_never_taken_for_another_language() -> None:
    titles = [*HEADLINES, *real_titles()]
    assert len(titles) > len(HEADLINES)
    for title in titles:
        assert detect_language(title) in ("en", "und"), title


def test_english_with_function_words_is_english() -> None:
    assert detect_language("Iran seizes oil tanker in Gulf of Oman, U.S. Navy says") == "en"
    text = REAL.read_text(encoding="utf-8").splitlines()[0]
    assert detect_language(json.loads(text)["text"]) == "en"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Der Außenminister traf sich gestern mit seinem Amtskollegen in Berlin und sprach "
         "über die Lage in Syrien, die nach Ansicht der Regierung nicht besser geworden ist.",
         "de"),
        ("Le ministre des Affaires étrangères a rencontré son homologue turc à Moscou pour "
         "discuter de la situation en Syrie, selon un communiqué publié par le ministère.", "fr"),
        ("El presidente de Siria se reunió con el ministro de Rusia en Moscú para hablar de la "
         "guerra, según un comunicado que fue publicado por el gobierno.", "es"),
        ("Министр иностранных дел России встретился с коллегами в Москве.", "und-Cyrl"),
        ("وزير الخارجية التركي يلتقي نظيره السوري في موسكو", "und-Arab"),
    ],
)  # fmt: skip
def test_other_languages_and_scripts_are_named(text: str, language: str) -> None:
    assert detect_language(text) == language
    assert not is_english_or_undetermined(language)


def test_undetermined_is_not_a_failure_and_other_languages_are(pipeline: Pipeline) -> None:
    headline = build_article("Israel strikes Gaza; Hamas fires rockets", origin="h", title="t")
    assert headline.language == "und"
    assert not [f for f in pipeline.analyse(headline).failures if f.stage == "language"]

    french = build_article(
        "Le ministre des Affaires étrangères a rencontré son homologue turc à Moscou pour "
        "discuter de la situation en Syrie, selon un communiqué publié par le ministère.",
        origin="f", title="t",
    )  # fmt: skip
    [failure] = pipeline.analyse(french).failures
    assert failure.stage == "language"
    assert "'fr'" in failure.message
