"""Quotation-mark pairing: straight, typographic, nested, unbalanced and multi-paragraph."""

from __future__ import annotations

from dateline.stages.quotemarks import find_quoted


def quoted_texts(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quoted(text)]


def test_find_quoted_straight_and_typographic_marks():
    text = 'He said "no deal" and then “we will see” before leaving.'
    assert quoted_texts(text) == ["no deal", "we will see"]


def test_find_quoted_offsets_exclude_the_marks():
    text = 'A "b c" d'
    [quoted] = find_quoted(text)
    assert (quoted.opened, quoted.start, quoted.end, quoted.closed) == (2, 3, 6, 6)
    assert quoted.balanced


def test_find_quoted_nested_single_marks_stay_inside_the_double_quote():
    text = "“He told me ‘never again’ twice,” she said."
    assert quoted_texts(text) == ["He told me ‘never again’ twice,"]


def test_find_quoted_single_marks_outside_double_quotes():
    text = "Sudan 'bombs refugees' in South Sudan's Unity state"
    assert quoted_texts(text) == ["bombs refugees"]


def test_find_quoted_apostrophes_are_not_quotes():
    text = "Turkey's troops and the countries' ministers met in Syria's north."
    assert quoted_texts(text) == []


def test_find_quoted_quote_running_over_paragraphs():
    text = '"The first paragraph of it.\n\n"And the second one," he said.\n\nAfter.'
    assert quoted_texts(text) == ['The first paragraph of it.\n\n"And the second one,']


def test_find_quoted_quote_closed_in_the_next_line():
    text = '"What can we do?\nWhere should we go?"\nShe left.'
    assert quoted_texts(text) == ["What can we do?\nWhere should we go?"]


def test_find_quoted_spaced_closing_mark_of_rejoined_tokens():
    text = '"Why does he do this?\n\nHe has a lot to answer, " Mr Deng said.'
    assert quoted_texts(text) == ["Why does he do this?\n\nHe has a lot to answer, "]


def test_find_quoted_unclosed_quote_ends_with_its_paragraph():
    text = 'He said "this never ends\n\nNext paragraph without marks.'
    [quoted] = find_quoted(text)
    assert text[quoted.start : quoted.end] == "this never ends"
    assert not quoted.balanced


def test_find_quoted_quote_reopened_without_a_close():
    text = '"We lack equipment. "There is no way out" continued Rajab.'
    assert quoted_texts(text) == ["We lack equipment.", "There is no way out"]


def test_find_quoted_backtick_pairs():
    text = "``It does not matter,'' he said."
    assert quoted_texts(text) == ["It does not matter,"]


def test_find_quoted_closing_mark_without_opening_takes_its_sentence():
    text = 'A report says. the coalition kept striking every day" the report added.'
    assert quoted_texts(text) == ["the coalition kept striking every day"]
