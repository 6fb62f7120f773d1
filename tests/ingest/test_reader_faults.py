"""The readers against the probe inputs of issue 10: one bad record is one named Failure."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from dateline.ingest import iter_articles
from dateline.ingest.readers import read_raw, replay_record
from dateline.model import Article, Failure

pytestmark = pytest.mark.issue(10)

GOOD = {"text": "Turkey and Syria held talks in Moscow on Wednesday, officials said."}
OTHER = {"text": "Iran and Iraq signed a trade agreement in Baghdad on Monday."}


def read(*paths: object, stdin: object = None) -> list[Article | Failure]:
    return list(iter_articles([str(p) for p in paths], stdin=stdin))  # type: ignore[arg-type]


def line(record: object) -> bytes:
    return json.dumps(record, ensure_ascii=False).encode() + b"\n"


def kinds(results: list[Article | Failure]) -> list[str]:
    return [type(r).__name__ for r in results]


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        (b'{"text": "an invalid \xff byte"}', "not valid UTF-8: byte 0xff at column 22"),
        (b'{"text": "a NUL \x00 byte"}', "NUL byte at column 17"),
        (b'{"text": "x", "n": ' + b"9" * 5_000 + b"}", "a number too long to read"),
        (b'{"x": ' * 50_000 + b"1" + b"}" * 50_000, "nested too deeply to read"),
        (b'{"text": "a lone \\ud800 surrogate"}', 'lone surrogate \\ud800 in "text"'),
        (b'{"title": "\\udfff", "text": "Turkey met Syria."}', 'lone surrogate \\udfff in "title"'),
        (b'{"\\ud800": 1, "text": "Turkey met Syria."}', "lone surrogate \\ud800 in the field"),
        (b'{"text": "Turkey met Syria.", "m": ' + b"[" * 80 + b"]" * 80 + b"}", "nested more"),
        (b'{"text": broken', "invalid JSON: Expecting value at column 10"),
    ],
)
def test_a_bad_json_line_is_named_and_the_lines_around_it_are_read(
    tmp_path: Path, bad: bytes, reason: str
) -> None:
    path = tmp_path / "news.jsonl"
    path.write_bytes(line(GOOD) + bad + b"\n" + line(OTHER))

    results = read(path)

    assert kinds(results) == ["Article", "Failure", "Article"]
    failure = results[1]
    assert isinstance(failure, Failure)
    assert failure.origin == f"{path}:2"
    assert reason in failure.message
    assert failure.raw is not None
    assert "\x00" not in failure.raw
    for text in (failure.message, failure.raw, failure.origin):
        text.encode("utf-8")  # no surrogate gets past the reader, not even in a Failure


def test_json_lines_split_on_newline_only_so_u2028_stays_inside_a_string(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    text = "Turkey and Syria held talks\u2028in Moscow\u0085 on Wednesday\x0c, officials said."
    path.write_bytes(line({"text": text}) + line(OTHER))

    results = read(path)

    assert kinds(results) == ["Article", "Article"]
    assert "\u2028" in results[0].text  # type: ignore[union-attr]


def test_invalid_utf8_on_stdin_fails_its_line_only() -> None:
    stdin = io.BytesIO(line(GOOD) + b'{"text": "Turkey \xff\xfe and Syria"}\n' + line(OTHER))

    results = read("-", stdin=stdin)

    assert kinds(results) == ["Article", "Failure", "Article"]
    assert results[1].origin == "<stdin>:2"
    assert "not valid UTF-8" in results[1].message  # type: ignore[union-attr]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-8-sig"])
def test_files_with_a_byte_order_mark_are_decoded(tmp_path: Path, encoding: str) -> None:
    jsonl = tmp_path / "news.jsonl"
    jsonl.write_bytes("\n".join(json.dumps(r) for r in (GOOD, OTHER)).encode(encoding))
    text = tmp_path / "story.txt"
    text.write_bytes(("Talks held\n" + GOOD["text"]).encode(encoding))

    results = read(jsonl, text)

    assert kinds(results) == ["Article", "Article", "Article"]
    assert [r.origin for r in results] == [f"{jsonl}:1", f"{jsonl}:2", str(text)]
    assert results[2].text == GOOD["text"]  # type: ignore[union-attr]


def test_nul_bytes_in_a_text_file_make_it_a_bad_record_not_a_crash(tmp_path: Path) -> None:
    bad = tmp_path / "a.txt"
    bad.write_bytes(b"Talks held\nTurkey and \x00 Syria held talks on Wednesday.")
    good = tmp_path / "b.txt"
    good.write_text("Talks held\n" + GOOD["text"], encoding="utf-8")

    results = read(tmp_path)

    assert kinds(results) == ["Failure", "Article"]
    assert "NUL byte at offset" in results[0].message  # type: ignore[union-attr]


def test_a_symlink_loop_is_named_as_such(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "story.txt").write_text("Talks held\n" + GOOD["text"], encoding="utf-8")
    (folder / "again").symlink_to(folder)
    (folder / "self.txt").symlink_to(folder / "self.txt")

    results = read(folder, folder / "self.txt")

    failures = {r.origin: r.message for r in results if isinstance(r, Failure)}
    assert "points back to" in failures[str(folder / "again")]
    assert "symbolic link loop" in failures[str(folder / "self.txt")]
    assert kinds(results).count("Article") == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads folders whatever their mode")
def test_an_unreadable_folder_is_named(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "story.txt").write_text("Talks held\n" + GOOD["text"], encoding="utf-8")
    locked.chmod(0)
    try:
        [failure] = read(tmp_path)
    finally:
        locked.chmod(0o755)
    assert isinstance(failure, Failure)
    assert failure.origin == str(locked)
    assert "cannot read folder" in failure.message


def test_feed_items_lose_script_and_style(tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    body = (
        "&lt;p&gt;Turkey and Syria held talks in Moscow on Wednesday.&lt;/p&gt;"
        "&lt;script&gt;trackReader('talks')&lt;/script&gt;&lt;style&gt;p {color: red}&lt;/style&gt;"
    )
    feed.write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><item><title>Talks</title>'
        f"<description>{body}</description></item></channel></rss>",
        encoding="utf-8",
    )

    [article] = read(feed)

    assert isinstance(article, Article)
    assert "trackReader" not in article.text
    assert "color" not in article.text
    assert article.text.startswith("Turkey and Syria held talks")


def test_a_replay_record_reads_back_as_the_same_article(seed_path: Path) -> None:
    [article] = read(seed_path)
    assert isinstance(article, Article)

    [again] = read_raw(article.origin, replay_record(article))

    assert isinstance(again, Article)
    assert (again.id, again.text, again.title, again.published) == (
        article.id, article.text, article.title, article.published,
    )  # fmt: skip


def test_read_raw_reads_a_json_line_and_a_whole_file_by_their_origin(tmp_path: Path) -> None:
    [from_line] = read_raw("news.jsonl:3", json.dumps(GOOD))
    [from_file] = read_raw("story.txt", "Talks held\n" + OTHER["text"])
    [still_bad] = read_raw("news.jsonl:4", '{"text": broken')

    assert isinstance(from_line, Article)
    assert from_line.origin == "news.jsonl:3"
    assert isinstance(from_file, Article)
    assert from_file.text == OTHER["text"]
    assert isinstance(still_bad, Failure)
    assert "invalid JSON" in still_bad.message


def test_a_text_of_quotation_marks_alone_is_not_an_article(tmp_path: Path) -> None:
    marks = tmp_path / "marks.txt"
    marks.write_text("Quotes\n" + "' \" " * 3_000, encoding="utf-8")

    [failure] = read(marks)

    assert isinstance(failure, Failure)
    assert "fewer than 3 words with a letter" in failure.message
