"""Clause tense from the spaCy parse."""

from __future__ import annotations

import pytest

from dateline.stages.tense import Tense, clause_tense


@pytest.mark.parametrize(
    ("sentence", "word", "expected"),
    [
        ("Ministers had held talks in December.", "December", Tense.PAST),
        ("Ministers held talks in December.", "December", Tense.PAST),
        ("Ministers have held talks since March.", "March", Tense.PAST),
        ("Ministers will hold talks in December.", "December", Tense.FUTURE),
        ("Ministers agreed to hold talks in December.", "December", Tense.FUTURE),
        ("He went to Moscow to attend talks on Monday.", "Monday", Tense.PAST),
        ("Rebels must leave the city by Friday.", "Friday", Tense.FUTURE),
        ("Civilians may have been killed on Tuesday.", "Tuesday", Tense.PAST),
        ("Ministers hold talks on Friday.", "Friday", Tense.PRESENT),
        ("Police could be seen there on Tuesday.", "Tuesday", Tense.UNKNOWN),
        ("DeGeneres to host Oscars next year", "year", Tense.FUTURE),
    ],
)
def test_clause_tense(nlp: object, sentence: str, word: str, expected: Tense) -> None:
    doc = nlp(sentence)  # type: ignore[operator]
    token = next(t for t in doc if t.text == word)
    assert clause_tense(token) is expected
