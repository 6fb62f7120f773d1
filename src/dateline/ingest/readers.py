"""Inputs -> Articles: text files as scraped, HTML pages, JSON Lines, feeds, folders, stdin.

Every bad input becomes a ``Failure`` naming the input and what is wrong with it; the
inputs after it are still read.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import IO

from dateline.errors import ArticleError
from dateline.ingest.datelines import parse_dateline
from dateline.ingest.decoding import (
    bom_encoding,
    decode_bytes,
    decode_line,
    printable,
    refuse_invalid,
)
from dateline.ingest.feeds import is_feed, iter_feed_items
from dateline.ingest.furniture import clean_scraped
from dateline.ingest.html import extract_page, fragment_text
from dateline.ingest.language import detect_language
from dateline.ingest.paths import shown, walk
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
# the origin of one record inside a file: news.jsonl:12, list.json[3], feed.xml#item2
_RECORD_ORIGIN = re.compile(r"(:\d+|\[\d+\]|#item\d+)$")
Lines = Iterable[bytes | str]


def iter_articles(
    paths: Iterable[str | Path], *, stdin: IO[str] | IO[bytes] | None = None
) -> Iterator[ReadResult]:
    """Read every input in order; yield an Article, or a Failure for input that is bad.

    A path may be a file, a folder (read recursively, files in name order) or ``-`` for
    JSON Lines on standard input. Nothing a record holds stops the reading: whatever one
    raises becomes a Failure naming it (``news.jsonl:12``), and the records after it are read.
    """
    for path in paths:
        if str(path) == "-":
            yield from _read_jsonl_lines(_stdin_lines(stdin), "<stdin>")
            continue
        for found in walk(Path(path), KNOWN_SUFFIXES - {""}):
            if isinstance(found, ArticleError):
                yield _failure(found.origin, found.reason)
            else:
                yield from _read_file(found)


def _stdin_lines(stdin: IO[str] | IO[bytes] | None) -> Lines:
    """Standard input as lines of bytes, so an invalid byte rejects only its line."""
    stream: IO[str] | IO[bytes] = stdin if stdin is not None else sys.stdin
    buffer = getattr(stream, "buffer", None)
    return buffer if buffer is not None else stream


def read_file_text(path: Path) -> str:
    """Read a file as text: UTF-8, or UTF-16/32 with a byte-order mark.

    Raises:
        ArticleError: the file is unreadable, empty, binary or not in those encodings.
    """
    origin = shown(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ArticleError(origin, f"cannot read: {error.strerror or error}") from error
    text = decode_bytes(data, origin)
    if not text.strip():
        raise ArticleError(origin, "empty file")
    return text


def _read_file(path: Path) -> Iterator[ReadResult]:
    origin = shown(path)
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl_file(path, origin)
        return
    try:
        text = read_file_text(path)
    except ArticleError as error:
        yield _failure(error.origin, error.reason, error.raw)
        return
    yield from _read_text(text, origin, suffix)


def read_raw(origin: str, raw: str | None) -> Iterator[ReadResult]:
    """Read again the raw input a Failure kept, the way its origin says (``dateline retry``).

    A JSON Lines line, a feed item or an article that failed after reading is a JSON
    record; a whole file is read by its suffix; with no raw input, the path is read again.
    """
    if raw is None:
        yield from iter_articles([origin])
        return
    record_origin = _RECORD_ORIGIN.search(origin) is not None
    if record_origin or raw.lstrip().startswith("{"):
        try:
            record = _parse_json(raw, origin)
        except ArticleError as error:
            if record_origin:
                yield _failure(origin, error.reason, raw)
                return
        else:
            if isinstance(record, dict):
                yield _guard(origin, raw, record, fragment="#item" in origin)
                return
    yield from _read_text(raw, origin, Path(origin).suffix.lower())


def _read_text(text: str, origin: str, suffix: str) -> Iterator[ReadResult]:
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl_lines(text.split("\n"), origin)
    elif suffix in JSON_SUFFIXES:
        yield from _read_json(text, origin)
    elif suffix in FEED_SUFFIXES or (suffix in HTML_SUFFIXES and is_feed(text)):
        yield from _read_feed(text, origin)
    elif suffix in HTML_SUFFIXES:
        yield _guard(origin, text, {"html": text})
    else:
        yield _guard(origin, text, {"text": text})


def _read_jsonl_file(path: Path, origin: str) -> Iterator[ReadResult]:
    """A JSON Lines file line by line as bytes, split on \\n only: U+2028 inside a JSON string,
    an invalid byte or a NUL byte concern one line, never the file."""
    try:
        with path.open("rb") as stream:
            head = stream.read(4)
            encoding = bom_encoding(head)
            if encoding is not None and encoding != "utf-8":
                text = decode_bytes(head + stream.read(), origin)
                lines: Lines = (line + "\n" for line in text.split("\n"))
                yield from _read_jsonl_lines(lines, origin, file=True)
                return
            stream.seek(0)
            yield from _read_jsonl_lines(stream, origin, file=True)
    except OSError as error:
        yield _failure(origin, f"cannot read: {error.strerror or error}")
    except ArticleError as error:
        yield _failure(error.origin, error.reason, error.raw)


def _read_jsonl_lines(lines: Lines, origin: str, *, file: bool = False) -> Iterator[ReadResult]:
    empty = True
    for number, line in enumerate(lines, start=1):
        where = f"{origin}:{number}"
        try:
            text = line if isinstance(line, str) else decode_line(line, where)
        except ArticleError as error:
            empty = False
            yield _failure(error.origin, error.reason, error.raw)
            continue
        if number == 1:
            text = text.removeprefix("\ufeff")
        if not text.strip():
            continue
        empty = False
        text = text.removesuffix("\n").removesuffix("\r")
        try:
            record = _parse_json(text, where)
        except ArticleError as error:
            yield _failure(where, error.reason, text)
            continue
        if not isinstance(record, dict):
            yield _failure(where, 'expected a JSON object like {"text": ...}', text)
            continue
        yield _guard(where, text, record)
    if empty and file:
        yield _failure(origin, "empty file")


def _parse_json(text: str, origin: str) -> object:
    """``json.loads`` with every way it can fail named.

    Raises:
        ArticleError: invalid JSON, a number too long to read, or nesting too deep.
    """
    if "\x00" in text:
        raise ArticleError(origin, f"NUL character at column {text.index(chr(0)) + 1}: not text")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno} column {error.colno}" if "\n" in text else (
            f"column {error.colno}")  # fmt: skip
        raise ArticleError(origin, f"invalid JSON: {error.msg} at {where}") from None
    except RecursionError:
        raise ArticleError(origin, "invalid JSON: nested too deeply to read") from None
    except ValueError as error:  # an integer longer than Python reads (4,300 digits)
        reason = "a number too long to read" if "digits" in str(error) else str(error)
        raise ArticleError(origin, f"invalid JSON: {reason}") from None


def _read_json(text: str, origin: str) -> Iterator[ReadResult]:
    try:
        data = _parse_json(text, origin)
    except ArticleError as error:
        yield _failure(origin, error.reason, text)
        return
    records = data if isinstance(data, list) else [data]
    for number, record in enumerate(records, start=1):
        where = f"{origin}[{number}]" if isinstance(data, list) else origin
        raw = _dumps(record)
        if not isinstance(record, dict):
            yield _failure(where, 'expected a JSON object like {"text": ...}', raw)
            continue
        yield _guard(where, raw, record)


def _dumps(record: object) -> str:
    """The record as JSON for the failures table, or a note when it cannot be written."""
    try:
        return json.dumps(record)
    except (RecursionError, ValueError) as error:
        return f"<not replayable: {type(error).__name__}>"


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
    """The article of ``record``, or a Failure that keeps the raw input for replay.

    Whatever building the article raises (a bad field, an encoding, a parser's recursion,
    a bug) is this record's Failure: one record never stops the reading.
    """
    try:
        refuse_invalid(record, origin)
        return article_from_record(record, origin, fragment=fragment)
    except ArticleError as error:
        return _failure(error.origin, error.reason, raw)
    except Exception as error:  # noqa: BLE001 - the reader guard: any error of one record is its Failure
        message = f"cannot read the record: {type(error).__name__}: {error}"
        return _failure(origin, message, raw, error_type=type(error).__name__)


def replay_record(article: Article) -> str:
    """The article as a JSON Lines record that reads back as the same article (same id),
    kept as the raw input of a Failure after reading, for ``dateline retry``."""
    record: dict[str, object] = {
        "id": article.id,
        "text": article.text,
        "title": article.title,
        "published": article.published.isoformat() if article.published else None,
        "source": article.source,
        "url": article.url,
        "authors": list(article.authors),
        "editors": list(article.editors),
    }
    record.update({k: v for k, v in article.meta.items() if k not in record})
    return json.dumps({k: v for k, v in record.items() if v not in (None, [])}, default=str)


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
    refuse_invalid(
        {"text": raw_text, "id": given_id, "title": title, "source": source, "url": url,
         "authors": authors, "editors": editors}, origin,
    )  # fmt: skip
    cleaned = clean_scraped(raw_text, has_title=title is not None)
    body = cleaned.body
    if len(body.split()) < 3:
        raise ArticleError(origin, "no article text: nothing is left after removing page furniture")
    if not _has_words(body, 3):
        raise ArticleError(origin, "no article text: fewer than 3 words with a letter in them")
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


def _has_words(text: str, count: int) -> bool:
    """True if ``text`` has at least ``count`` words holding a letter (of any script)."""
    found = 0
    for word in text.split():
        if any(char.isalpha() for char in word):
            found += 1
            if found >= count:
                return True
    return False


def _failure(
    origin: str, message: str, raw: str | None = None, *, error_type: str = "ArticleError"
) -> Failure:
    return Failure(
        stage="ingest",
        origin=printable(origin),
        message=printable(message),
        error_type=error_type,
        raw=None if raw is None else printable(raw),
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
