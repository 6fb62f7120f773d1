"""Records -> store rows: the lead (GDELT's root event) and the outlet an article counts for."""

from __future__ import annotations

import pytest

from dateline.model import Article, ArticleId
from dateline.store.rows import lead_end, outlet


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("First paragraph here.\nSecond paragraph.", "First paragraph here."),
        ("One. Two follows. Three is out. Four.", "One. Two follows. "),
        ("\n  Leading space. Then more.\nNext", "\n  Leading space. Then more."),
        ("No full stop at all", "No full stop at all"),
    ],
)
def test_lead_end_stops_at_the_first_paragraph_or_second_sentence(text: str, lead: str) -> None:
    assert text[: lead_end(text)] == lead


@pytest.mark.parametrize(
    ("source", "url", "expected"),
    [
        ("Reuters", "https://www.example.com/a", "Reuters"),
        (None, "https://www.aljazeera.com/news/1", "aljazeera.com"),
        (None, None, None),
    ],
)
def test_outlet_is_the_source_else_the_url_host(
    source: str | None, url: str | None, expected: str | None
) -> None:
    article = Article(id=ArticleId("a"), text="x", source=source, url=url)

    assert outlet(article) == expected
