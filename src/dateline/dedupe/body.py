"""The story without its page: what two syndicated copies of one wire story have in common.

Each site wraps a wire story in its own furniture: a header (title, date, view counter,
byline, share buttons), a footer (standards note, copyright, related links, credits), buttons
and advertisements between paragraphs, and its own form of the dateline ("ANKARA, May 10
(Reuters) -" or "MOSCOW/ANKARA (Reuters) —"). Copies are compared on what is left, so the
furniture neither hides a copy nor makes two stories look alike.
"""

from __future__ import annotations

import re

from dateline.ingest.datelines import parse_dateline
from dateline.ingest.furniture import clean_scraped

# A paragraph that is a page's widget wherever it stands: share and follow buttons,
# advertisement markers, "read more" teasers. Short by nature; a sentence that merely starts
# with one of these words runs longer.
_WIDGET = re.compile(
    r"""^(?:
        (?:share|tweet|print|e-?mail|save|follow|subscribe|listen|watch)
        (?:\s+(?:this|on|to|the|us|article|story|page|via|now|our)\b.{0,40})?
      | advertisement|sponsored(?:\s+content)?|scroll\s+to\s+continue.{0,30}
      | (?:read|see)\s+(?:more|also)\b.{0,80}
      | (?:facebook|twitter|x|linkedin|whatsapp|telegram|reddit|copy\s+link)
        (?:\s*[|/·•,]\s*(?:facebook|twitter|x|linkedin|whatsapp|telegram|reddit|email|copy\s+link))*
    )[.!:]?$""",
    re.IGNORECASE | re.VERBOSE,
)
# "MOSCOW/ANKARA (Reuters) —", "GAZA CITY (AFP) -": a wire tag the dateline reader does not
# take (several places): everything up to the agency's dash is furniture of the copy.
_WIRE_TAG = re.compile(r"^[^\n]{0,60}?\((?:[A-Z][\w.&' ]{0,30})\)\s*(?:-{1,2}|\u2014|\u2013|:)\s*")
_MAX_WIDGET_WORDS = 12


def story_body(text: str) -> str:
    """``text`` without page furniture and without its wire dateline: the words to compare."""
    cleaned = clean_scraped(text, has_title=True).body
    paragraphs = [p for p in cleaned.split("\n\n") if not _is_widget(p)]
    body = "\n\n".join(paragraphs)
    dateline = parse_dateline(body, None)
    if dateline is not None:
        return body[dateline.end :]
    tag = _WIRE_TAG.match(body)
    return body[tag.end() :] if tag is not None else body


def _is_widget(paragraph: str) -> bool:
    words = paragraph.split()
    return len(words) <= _MAX_WIDGET_WORDS and _WIDGET.match(paragraph.strip()) is not None
