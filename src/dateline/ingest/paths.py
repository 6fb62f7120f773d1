"""Paths -> the files to read: folders walked in name order, and every path that cannot be
walked named (an unreadable folder, a symbolic link loop) instead of silently skipped."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from dateline.errors import ArticleError
from dateline.ingest.decoding import printable


def shown(path: Path | str) -> str:
    """The path as text that is valid Unicode (a file name may hold undecodable bytes)."""
    return printable(os.fsdecode(path))


def walk(path: Path, suffixes: frozenset[str]) -> Iterator[Path | ArticleError]:
    """The files under ``path`` (or ``path`` itself) in name order, or an error naming what
    could not be read. Hidden entries and files with another suffix are passed over."""
    try:
        info = path.stat()
    except OSError as error:
        yield ArticleError(shown(path), _reason(error, path))
        return
    if not _is_dir(info):
        yield path
        return
    yield from _walk_folder(path, suffixes, {_key(info)})


def _walk_folder(
    folder: Path, suffixes: frozenset[str], ancestors: set[tuple[int, int]]
) -> Iterator[Path | ArticleError]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as error:
        yield ArticleError(shown(folder), f"cannot read folder: {_strerror(error)}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        child = Path(entry.path)
        try:
            info = child.stat()
        except OSError as error:
            yield ArticleError(shown(child), _reason(error, child))
            continue
        if _is_dir(info):
            key = _key(info)
            if key in ancestors:
                target = shown(child.readlink()) if child.is_symlink() else "a parent folder"
                yield ArticleError(
                    shown(child), f"symbolic link loop: points back to {target}, not followed"
                )
                continue
            yield from _walk_folder(child, suffixes, ancestors | {key})
        elif child.suffix.lower() in suffixes:
            yield child


def _reason(error: OSError, path: Path) -> str:
    if error.errno == errno.ELOOP:
        return "symbolic link loop: the links lead back to themselves, not followed"
    if error.errno == errno.ENOENT:
        if path.is_symlink():
            return f"broken symbolic link to {shown(path.readlink())}"
        return "no such file or directory"
    return f"cannot read: {_strerror(error)}"


def _strerror(error: OSError) -> str:
    return error.strerror or str(error)


def _is_dir(info: os.stat_result) -> bool:
    return stat.S_ISDIR(info.st_mode)


def _key(info: os.stat_result) -> tuple[int, int]:
    return (info.st_dev, info.st_ino)
