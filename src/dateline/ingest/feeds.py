"""RSS and Atom feeds -> one raw record per item (title, link, date, HTML or text body)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from email.utils import parsedate_to_datetime

from dateline.errors import ArticleError
from dateline.timewords import parse_iso_date

_ATOM = "{http://www.w3.org/2005/Atom}"
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
_DC_DATE = "{http://purl.org/dc/elements/1.1/}date"
_DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"


def is_feed(text: str) -> bool:
    """True if the document looks like an RSS or Atom feed rather than a web page."""
    head = text[:2000].lower()
    return "<rss" in head or "<feed" in head or "<rdf:rdf" in head


def iter_feed_items(text: str, origin: str) -> Iterator[dict[str, object]]:
    """Yield the items of an RSS 2.0, RSS 1.0 or Atom feed as JSON-Lines-like records.

    Raises:
        ArticleError: the feed is not well-formed XML.
    """
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        raise ArticleError(origin, f"not a well-formed feed: {error}") from error
    items = root.iter("item") if root.tag != f"{_ATOM}feed" else root.iter(f"{_ATOM}entry")
    for number, item in enumerate(items, start=1):
        record = _atom_entry(item) if item.tag.startswith(_ATOM) else _rss_item(item)
        record["_origin"] = f"{origin}#item{number}"
        yield record


def _rss_item(item: ET.Element) -> dict[str, object]:
    body = item.findtext(_CONTENT) or item.findtext("description") or ""
    when = item.findtext("pubDate") or item.findtext(_DC_DATE)
    record: dict[str, object] = {
        "title": (item.findtext("title") or "").strip() or None,
        "url": (item.findtext("link") or "").strip() or None,
        "published": _feed_date(when),
        "html": body,
    }
    creator = item.findtext(_DC_CREATOR) or item.findtext("author")
    if creator:
        record["authors"] = [creator.strip()]
    guid = item.findtext("guid")
    if guid:
        record["id"] = guid.strip()
    return record


def _atom_entry(entry: ET.Element) -> dict[str, object]:
    link = entry.find(f"{_ATOM}link")
    body = entry.findtext(f"{_ATOM}content") or entry.findtext(f"{_ATOM}summary") or ""
    when = entry.findtext(f"{_ATOM}published") or entry.findtext(f"{_ATOM}updated")
    record: dict[str, object] = {
        "title": (entry.findtext(f"{_ATOM}title") or "").strip() or None,
        "url": link.get("href") if link is not None else None,
        "published": _feed_date(when),
        "html": body,
    }
    name = entry.findtext(f"{_ATOM}author/{_ATOM}name")
    if name:
        record["authors"] = [name.strip()]
    entry_id = entry.findtext(f"{_ATOM}id")
    if entry_id:
        record["id"] = entry_id.strip()
    return record


def _feed_date(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip()
    try:
        return parse_iso_date(value).isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError):
        return None
