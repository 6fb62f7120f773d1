"""Bytes -> text at the reader boundary: byte-order marks, UTF-8 errors, NUL bytes, lone
surrogates, nesting depth. Nothing past the readers sees text that is not valid Unicode.

Policy for lone surrogates (``"\\ud800"`` from a JSON escape): the record is refused with the
field and character named, as an invalid UTF-8 byte is; no later stage, the store or a JSON
writer ever sees one.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator, Mapping

from dateline.errors import ArticleError

# longest first: the UTF-32 LE mark starts with the UTF-16 LE one
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SURROGATE = re.compile("[\ud800-\udfff]")
# deeper than any article record needs; deep enough nesting overflows Python's stack later
MAX_DEPTH = 64


def decode_bytes(data: bytes, origin: str) -> str:
    """Decode a whole file: the encoding its byte-order mark names, else UTF-8.

    Raises:
        ArticleError: NUL bytes in a file with no UTF-16/32 mark, or bytes that do not decode.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode(data[len(bom) :], encoding, origin)
    if b"\x00" in data:
        at = data.index(b"\x00")
        raise ArticleError(
            origin, f"binary file, not text (NUL byte at offset {at})", raw=_shown(data)
        )
    return _decode(data, "utf-8", origin)


def bom_encoding(data: bytes) -> str | None:
    """The encoding named by the byte-order mark at the start of ``data``, or None."""
    return next((encoding for bom, encoding in _BOMS if data.startswith(bom)), None)


def decode_line(line: bytes, origin: str) -> str:
    """Decode one line of a UTF-8 JSON Lines input.

    Raises:
        ArticleError: the line holds a NUL byte or is not valid UTF-8.
    """
    if b"\x00" in line:
        at = line.index(b"\x00")
        raise ArticleError(origin, f"NUL byte at column {at + 1}: not text", raw=_shown(line))
    return _decode(line, "utf-8", origin, unit="column")


def _decode(data: bytes, encoding: str, origin: str, *, unit: str = "offset") -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        place = error.start + 1 if unit == "column" else error.start
        raise ArticleError(
            origin,
            f"not valid {encoding.upper().removesuffix('-LE').removesuffix('-BE')}: "
            f"byte 0x{data[error.start]:02x} at {unit} {place}; convert it to UTF-8",
            raw=_shown(data),
        ) from error


def _shown(data: bytes) -> str:
    """The bytes as text for the failures table: invalid sequences and NULs replaced."""
    return data.decode("utf-8", errors="replace").replace("\x00", "\ufffd")


def printable(text: str) -> str:
    """``text`` with any lone surrogate replaced by U+FFFD, safe for the store and JSON."""
    return _SURROGATE.sub("\ufffd", text)


def refuse_invalid(record: Mapping[str, object], origin: str) -> None:
    """Refuse a record holding a lone surrogate or nested deeper than ``MAX_DEPTH``.

    Walks the record without recursion, so a deep record is named rather than overflowing.

    Raises:
        ArticleError: naming the field, and the character of a surrogate.
    """
    for path, depth, value in _walk(record):
        if depth > MAX_DEPTH:
            shown = path if len(path) <= 60 else f"{path[:40]}...{path[-12:]}"
            raise ArticleError(origin, f"nested more than {MAX_DEPTH} levels deep at {shown}")
        if isinstance(value, str) and (found := _SURROGATE.search(value)) is not None:
            raise ArticleError(
                origin,
                f"lone surrogate {ascii(found.group())[1:-1]} in {path} at character "
                f"{found.start()}: not valid Unicode (a broken \\u escape?)",
            )


def _walk(record: Mapping[str, object]) -> Iterator[tuple[str, int, object]]:
    stack: list[tuple[str, int, object]] = [(_key(k), 1, v) for k, v in record.items()]
    stack.extend((f"the field name {_key(k)}", 1, k) for k in record)
    while stack:
        path, depth, value = stack.pop()
        yield path, depth, value
        if depth > MAX_DEPTH:
            return
        if isinstance(value, Mapping):
            for key, item in value.items():
                stack.append((f"{path}.{_key(key)}", depth + 1, item))
                stack.append((f"a field name in {path}", depth + 1, key))
        elif isinstance(value, list | tuple):
            stack.extend((f"{path}[{i}]", depth + 1, item) for i, item in enumerate(value))


def _key(key: object) -> str:
    return f'"{printable(str(key))[:40]}"'
