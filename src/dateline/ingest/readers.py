"""Inputs -> Articles: text files as scraped, HTML pages, JSON Lines, feeds, folders, stdin.

Every bad input becomes a ``Failure`` naming the input and what is wrong with it; the
inputs after it are still read.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TextIO

from dateline.errors import ArticleError
from dateline.ingest.datelines import parse_dateline
from dateline.ingest.feeds import is_feed, iter_feed_items
from dateline.ingest.furniture import clean_scraped
from dateline.ingest.html import extract_page, fragment_text
from dateline.ingest.language import detect_language
from dateline.model import Article, ArticleId, Failure, content_id
from dateline.timewords import parse_iso_date

TEXT_SUFFIXES = frozenset({".txt", ".text", ""})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
JSON_SUFFIXES = frozenset({".json"})
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom"})
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | JSON_SUFFIXES | FEED_SUFFIXES

_KNOWN_FIELDS = frozenset(
    {"id", "text", "html", "title", "published", "source", "url", "authors", "editors",
     "language", "_origin"}
)  # fmt: skip

ReadResult = Article | Failure


def iter_articles(
    paths: Iterable[str | Path], *, stdin: TextIO | None = None
) -> Iterator[ReadResult]:
    """Read every input in order; yield an Article, or a Failure for input that is bad.

    A path may be a file, a folder (read recursively, files in name order) or ``-`` for
    JSON Lines on standard input.
    """
    for path in paths:
        if str(path) == "-":
            yield from _read_jsonl_lines(stdin or sys.stdin, "<stdin>")
            continue
        path = Path(path)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                if not hidden and child.suffix.lower() in KNOWN_SUFFIXES - {""}:
                    yield from _read_file(child)
        elif not path.exists():
            yield _failure(str(path), "no such file or directory")
        else:
            yield from _read_file(path)


def read_file_text(path: Path) -> str:
    """Read a file as UTF-8 text.

    Raises:
        ArticleError: the file is empty, binary or not UTF-8.
    """
    origin = str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ArticleError(origin, f"cannot read: {error.strerror or error}") from error
    if not data.strip():
        raise ArticleError(origin, "empty file")
    if b"\x00" in data[:8192]:
        raise ArticleError(origin, "binary file, not text (contains NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ArticleError(
            origin,
            f"not valid UTF-8: byte 0x{data[error.start]:02x} at offset {error.start}; "
            "convert the file to UTF-8",
            raw=data.decode("utf-8", errors="replace"),
        ) from error


def _read_file(path: Path) -> Iterator[ReadResult]:
    origin = str(path)
    try:
        text = read_file_text(path)
    except ArticleError as error:
        yield _failure(error.origin, error.reason, error.raw)
        return
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl_lines(text.splitlines(), origin)
    elif suffix in JSON_SUFFIXES:
        yield from _read_json(text, origin)
    elif suffix in FEED_SUFFIXES or (suffix in HTML_SUFFIXES and is_feed(text)):
        yield from _read_feed(text, origin)
    elif suffix in HTML_SUFFIXES:
        yield _guard(origin, text, {"html": text})
    else:
        yield _guard(origin, text, {"text": text})


def _read_jsonl_lines(lines: Iterable[str], origin: str) -> Iterator[ReadResult]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield _failure(where, f"invalid JSON: {error.msg} at column {error.colno}", line)
            continue
        if not isinstance(record, dict):
            yield _failure(where, 'expected a JSON object like {"text": ...}', line)
            continue
        yield _guard(where, line, record)


def _read_json(text: str, origin: str) -> Iterator[ReadResult]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        yield _failure(origin, f"invalid JSON: {error.msg} at line {error.lineno}", text)
        return
    records = data if isinstance(data, list) else [data]
    for number, record in enumerate(records, start=1):
        where = f"{origin}[{number}]" if isinstance(data, list) else origin
        if not isinstance(record, dict):
            yield _failure(where, 'expected a JSON object like {"text": ...}', json.dumps(record))
            continue
        yield _guard(where, json.dumps(record), record)


def _read_feed(text: str, origin: str) -> Iterator[ReadResult]:
    try:
        items = list(iter_feed_items(text, origin))
    except ArticleError as error:
        yield _failure(error.origin, error.reason, text)
        return
    if not items:
        yield _failure(origin, "feed has no items", text)
    for item in items:
        where = str(item["_origin"])
        yield _guard(where, json.dumps(item), item, fragment=True)


def _guard(
    origin: str, raw: str, record: Mapping[str, object], *, fragment: bool = False
) -> ReadResult:
    """The article of ``record``, or a Failure that keeps the raw input for replay."""
    try:
        article = article_from_record(record, origin, fragment=fragment)
    except ArticleError as error:
        return _failure(error.origin, error.reason, raw)
    return article


def article_from_record(
    record: Mapping[str, object], origin: str, *, fragment: bool = False
) -> Article:
    """Build an Article from a JSON-Lines-style record with ``text`` or ``html``.

    Args:
        record: ``{"text": ...}`` or ``{"html": ...}`` with optional id, title, published,
            source, url; other fields are kept in ``Article.meta``.
        origin: names the input in messages ("news.jsonl:12").
        fragment: the HTML is a feed item's body, not a whole page.

    Raises:
        ArticleError: the record has no usable text or a field has the wrong form.
    """
    title = _optional_str(record, "title", origin)
    url = _optional_str(record, "url", origin)
    source = _optional_str(record, "source", origin)
    published = _published(record, origin)
    authors = tuple(_str_list(record, "authors", origin))
    editors = tuple(_str_list(record, "editors", origin))
    raw_text: str
    if "html" in record and record["html"] is not None:
        html = record["html"]
        if not isinstance(html, str):
            raise ArticleError(origin, '"html" must be a string')
        if fragment:
            raw_text = fragment_text(html, origin)
        else:
            page = extract_page(html, origin)
            raw_text = page.text
            title, url = title or page.title, url or page.url
            source, published = source or page.source, published or page.published
            authors = authors or page.authors
    elif "text" in record:
        text = record["text"]
        if not isinstance(text, str):
            raise ArticleError(origin, '"text" must be a string')
        raw_text = text
    else:
        raise ArticleError(origin, 'no "text" or "html" field; expected {"text": "..."}')
    return build_article(
        raw_text,
        origin=origin,
        given_id=_optional_str(record, "id", origin) or _optional_number(record, origin),
        title=title,
        published=published,
        source=source,
        url=url,
        authors=authors,
        editors=editors,
        meta={k: v for k, v in record.items() if k not in _KNOWN_FIELDS},
    )


def build_article(
    raw_text: str,
    *,
    origin: str,
    given_id: str | None = None,
    title: str | None = None,
    published: date | None = None,
    source: str | None = None,
    url: str | None = None,
    authors: tuple[str, ...] = (),
    editors: tuple[str, ...] = (),
    meta: Mapping[str, object] | None = None,
) -> Article:
    """Clean scraped text of its furniture and build the Article.

    Raises:
        ArticleError: nothing is left that reads as article text.
    """
    if "\x00" in raw_text:
        raise ArticleError(origin, "binary data, not text (contains NUL characters)")
    cleaned = clean_scraped(raw_text, has_title=title is not None)
    body = cleaned.body
    if len(body.split()) < 3:
        raise ArticleError(origin, "no article text: nothing is left after removing page furniture")
    published = published or cleaned.published
    dateline = parse_dateline(body, published)
    if dateline is not None and dateline.agency and not source:
        source = dateline.agency
    article = Article(
        id=ArticleId(given_id or content_id(url or cleaned.url or "", body)),
        text=body,
        title=title or cleaned.title,
        published=published,
        source=source or cleaned.source,
        url=url or cleaned.url,
        dateline=dateline,
        authors=authors or tuple(cleaned.authors),
        editors=editors or tuple(cleaned.editors),
        language=detect_language(body),
        origin=origin,
        meta=dict(meta or {}),
    )
    if dateline is not None and dateline.date is None and article.published is not None:
        article = replace(article, dateline=replace(dateline, date=article.published))
    return article


def _failure(origin: str, message: str, raw: str | None = None) -> Failure:
    return Failure(
        stage="ingest", origin=origin, message=message, error_type="ArticleError", raw=raw
    )


def _optional_str(record: Mapping[str, object], key: str, origin: str) -> str | None:
    value = record.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value.strip() or None
    if key == "id" and isinstance(value, int):
        return None  # handled by _optional_number
    raise ArticleError(origin, f'"{key}" must be a string, not {type(value).__name__}')


def _optional_number(record: Mapping[str, object], origin: str) -> str | None:
    value = record.get("id")
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else None


def _str_list(record: Mapping[str, object], key: str, origin: str) -> list[str]:
    value = record.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [v for v in value if isinstance(v, str)]
    raise ArticleError(origin, f'"{key}" must be a string or a list of strings')


def _published(record: Mapping[str, object], origin: str) -> date | None:
    value = record.get("published")
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ArticleError(origin, f'"published" must be a string, not {type(value).__name__}')
    try:
        return parse_iso_date(value)
    except ValueError:
        raise ArticleError(
            origin, f'"published" is {value!r}; expected an ISO date like 2023-05-10'
        ) from None
