"""Scoring quotes against gold: alignment, one-to-one matching, speaker names, rates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dateline.errors import InputError
from dateline.evaluation.quotes import GoldQuote, load_gold, locate, score, speaker_matches
from dateline.model import Actor, ActorKind, Article, ArticleId, Quote, QuoteKind

TEXT = (
    'Foreign Minister Mevlut Cavusoglu said "talks went well" on Monday.\n\n'
    "He said the ministers would meet again."
)


def article() -> Article:
    return Article(id=ArticleId("a"), text=TEXT)


def gold(
    words: str, kind: str = "partial", speaker: str = "Mevlut Cavusoglu", **fields: object
) -> GoldQuote:
    start = TEXT.index(words)
    values: dict[str, object] = {
        "article": "a",
        "kind": kind,
        "text": words,
        "start": start,
        "end": start + len(words),
        "speaker": speaker,
        "aliases": ("Foreign Minister Mevlut Cavusoglu",),
        "code": "TUR",
    }
    values.update(fields)
    return GoldQuote(**values)  # type: ignore[arg-type]


def actor(text: str, code: str | None = "TUR", entity: int = -1, name: str | None = None) -> Actor:
    start = TEXT.index(text)
    return Actor(start=start, end=start + len(text), text=text, code=code, kind=ActorKind.PERSON,
                 name=name, entity=entity)  # fmt: skip


def quote(
    words: str, speaker: Actor | None, kind: QuoteKind = QuoteKind.PARTIAL, said: str | None = None
) -> Quote:
    start = TEXT.index(words)
    return Quote(start=start, end=start + len(words), text=words, kind=kind, cue="said",
                 speaker=speaker, speaker_text=said)  # fmt: skip


def test_locate_finds_the_words_across_different_spacing():
    item = gold("the ministers would meet again", kind="indirect")
    moved = TEXT.replace("would meet", "would\n meet")
    start, end = locate(item, moved) or (0, 0)
    assert moved[start:end] == "the ministers would\n meet again"


def test_locate_returns_none_for_words_not_in_the_text():
    assert locate(gold("talks went well"), "something else entirely") is None


def test_score_matches_on_half_of_both_spans():
    talks = gold("talks went well")
    speaker = actor("Foreign Minister Mevlut Cavusoglu", name="Mevlut Cavusoglu")
    wide = quote('said "talks went well" on Monday', speaker)  # the gold is under half of it
    scores = score([talks], {"a": article()}, {"a": [wide]})
    assert scores.span() == (0.0, 0.0, 0.0)
    exact = quote("talks went well", speaker)
    assert score([talks], {"a": article()}, {"a": [exact]}).span() == (1.0, 1.0, 1.0)


def test_score_one_prediction_matches_one_gold_quote():
    items = [gold("talks went well"), gold("talks went")]
    speaker = actor("Foreign Minister Mevlut Cavusoglu", name="Mevlut Cavusoglu")
    scores = score(items, {"a": article()}, {"a": [quote("talks went well", speaker)]})
    precision, recall, _ = scores.span()
    assert (precision, recall) == (1.0, 0.5)


def test_score_speaker_rates_and_code_accuracy():
    items = [gold("talks went well"), gold("the ministers would meet again", kind="indirect")]
    minister = actor("Foreign Minister Mevlut Cavusoglu", name="Mevlut Cavusoglu")
    wrong = Actor(start=0, end=13, text="Faisal Mekdad", code="SYR", kind=ActorKind.PERSON)
    predicted = [
        quote("talks went well", minister),
        quote("the ministers would meet again", wrong, QuoteKind.INDIRECT, said="He"),
    ]
    scores = score(items, {"a": article()}, {"a": predicted})
    assert scores.speaker() == (0.5, 0.5, 0.5)
    assert scores.speaker("partial") == (1.0, 1.0, 1.0)
    assert scores.code_accuracy() == (1, 1)
    assert scores.kind_accuracy() == (2, 2)


def test_speaker_matches_by_surname_alias_or_entity():
    item = gold("the ministers would meet again", kind="indirect")
    by_surname = actor("Foreign Minister Mevlut Cavusoglu", name=None)
    assert speaker_matches(
        quote("the ministers would meet again", by_surname, said="Cavusoglu"), item
    )
    pronoun = Actor(start=0, end=2, text="He", code="TUR", entity=3)
    named = actor("Foreign Minister Mevlut Cavusoglu", entity=3)
    assert not speaker_matches(quote("the ministers would meet again", pronoun, said="He"), item)
    assert speaker_matches(
        quote("the ministers would meet again", pronoun, said="He"), item, [named]
    )


def test_speaker_matches_needs_half_of_an_alias():
    item = gold("talks went well", speaker="an informed source within the UN",
                aliases=("an informed source within the UN",))  # fmt: skip
    un = Actor(start=0, end=2, text="UN", code="IGO")
    assert not speaker_matches(quote("talks went well", un, said="UN"), item)
    source = Actor(start=0, end=2, text="informed source within the UN", code="IGO")
    assert speaker_matches(quote("talks went well", source), item)


def test_load_gold_names_the_bad_line(tmp_path: Path):
    path = tmp_path / "quotes.jsonl"
    good = {"article": "a", "kind": "direct", "quote": "x", "start": 0, "end": 1,
            "speaker": "S", "speaker_aliases": []}  # fmt: skip
    path.write_text(json.dumps(good) + "\n" + json.dumps({"article": "a"}) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"quotes.jsonl:2: gold quote lacks kind"):
        load_gold(path)
