"""HTML pages -> main text and metadata, with trafilatura (no hand-written scraping)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from dateline.errors import ArticleError
from dateline.timewords import parse_iso_date

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Page:
    """What trafilatura found on a page."""

    text: str
    title: str | None
    published: date | None
    source: str | None
    url: str | None
    authors: tuple[str, ...]
    language: str | None


def extract_page(html: str, origin: str) -> Page:
    """Extract the main text and metadata of an HTML page.

    Raises:
        ArticleError: the page has no article text.
    """
    # trafilatura logs every page it cannot parse at WARNING; the ArticleError below says it
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    import trafilatura  # imported here: it pulls in lxml and htmldate, slow to import

    document = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        deduplicate=True,
    )
    if document is None or isinstance(document, dict) or not (document.text or "").strip():
        raise ArticleError(origin, "no article text found in the page", raw=html)
    text: str = document.text or ""
    title: str | None = document.title
    # trafilatura keeps the headline as the first line of the text
    if title and text.startswith(title):
        text = text[len(title) :].lstrip("\n")
    return Page(
        text=text,
        title=title,
        published=_page_date(document.date),
        source=document.sitename or document.hostname,
        url=document.url,
        authors=_authors(document.author),
        language=document.language,
    )


def _page_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return parse_iso_date(value)
    except ValueError:
        logger.debug("unreadable page date %r", value)
        return None


def _authors(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(name.strip() for name in value.split(";") if name.strip())


def fragment_text(html: str, origin: str) -> str:
    """The text of an HTML fragment such as a feed item's body, one line per block.

    Raises:
        ArticleError: the fragment has no text.
    """
    import lxml.html

    if not html.strip():
        raise ArticleError(origin, "feed item has no text")
    if "<" not in html:
        return html
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    # code and styling are not text: their content must not reach the article
    for element in list(root.iter("script", "style", "noscript", "template", "iframe")):
        element.drop_tree()
    for block in root.iter("p", "br", "div", "li", "h1", "h2", "h3", "h4"):
        block.tail = "\n" + (block.tail or "")
    return str(root.text_content())
