"""A seeded, bounded fuzz test (issue 10): mutated real articles never escape their guard.

Records are made from the train/dev articles of the gold corpus and the bundled example:
their bytes, JSON structure and Unicode are mutated (invalid bytes, NULs, line breaks of
every kind, lone surrogates, deep nesting, huge numbers, wrong types, quotation marks by
the thousand). Every line must come back as exactly one Article or one Failure naming it,
with nothing in either that is not valid Unicode. Thousands go through the readers and the
cheap part of the pipeline (size limit, tokeniser, quotation marks, output record); a few
dozen go through the whole pipeline into a real store.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import replace
from pathlib import Path

import pytest

from dateline.ingest import iter_articles
from dateline.model import Article, Failure
from dateline.output import failure_record
from dateline.pipeline import Pipeline, prepare_doc
from dateline.runners.ingest import ingest_paths
from dateline.settings import Settings
from dateline.stages.quotemarks import find_quoted
from dateline.store import Store

pytestmark = pytest.mark.issue(10)

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "bench" / "gold" / "corpus" / "articles.jsonl"
SEED = 10
CHEAP_RECORDS = 3_000
FULL_RECORDS = 40
_ORIGIN = re.compile(r":(\d+)$")
_VISIBLE = re.compile(rb"[!-~]")


def seeds() -> list[dict[str, object]]:
    """Real articles, never the test split (gold is measured, not studied)."""
    found: list[dict[str, object]] = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record.get("split") != "test":
            found.append(
                {k: record[k] for k in ("id", "title", "published", "text") if k in record}
            )
    example = (ROOT / "examples" / "reuters-2023-05-10-moscow-talks.txt").read_text("utf-8")
    found.append({"text": example})
    return found


_INSERTS = [
    b"\x00", b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\r", b"\n", b"\xe2\x80\xa8", b"\xef\xbb\xbf",
    b"\\ud800", b"\\udfff", b"\\u0000", b'"', b"\\", b"{", b"]", b"\xe2\x80\x9c" * 50, b"'" * 80,
]  # fmt: skip
_TEXT_INSERTS = [
    "\ud800", "\u2028", "\u2029", "\x85", "\x0c", "\ufeff", "\u202e", "\x00", "\u0301" * 40,
    "“" * 400, '" ' * 500, "‘’" * 300, "\n" * 200, "🇹🇷" * 50, "\ufffd", " " * 3_000,
]  # fmt: skip


def mutate(record: dict[str, object], rng: random.Random) -> bytes:
    """One mutated JSON Lines record (possibly several lines, or none that parses)."""
    record = dict(record)
    kind = rng.randrange(3)
    if kind == 1:  # structure
        choice = rng.randrange(9)
        key = rng.choice(["text", "title", "published", "id", "url", "authors", "extra"])
        if choice == 0:
            record[key] = rng.choice([None, 7, 3.5, True, [], {}, ["a", 1], {"a": {"b": [1]}}])
        elif choice == 1:
            record.pop("text", None)
        elif choice == 2:
            data = json.dumps(record)
            depth = rng.randrange(50, 3_000)
            return (data[:-1] + ', "deep": ' + "[" * depth + "]" * depth + "}").encode()
        elif choice == 3:
            return (
                json.dumps(record)[:-1].encode()
                + b', "n": '
                + b"9" * rng.randrange(4_000, 9_000)
                + b"}"
            )
        elif choice == 4:
            record["published"] = rng.choice(["yesterday", "2023-13-45", "", "0000-00-00", "1e9"])
        elif choice == 5:
            record = {"html": f"<p>{record.get('text', '')}</p><script>alert(1)</script>"}
        elif choice == 6:
            return json.dumps([record]).encode()
        elif choice == 7:
            text = str(record.get("text", ""))
            record["text"] = text * rng.randrange(2, 6)
        else:
            record["text"] = ""
        return json.dumps(record, ensure_ascii=rng.random() < 0.5).encode("utf-8", "surrogatepass")
    if kind == 2:  # unicode inside the text
        text = str(record.get("text", ""))
        for _ in range(rng.randrange(1, 4)):
            at = rng.randrange(len(text) + 1)
            text = text[:at] + rng.choice(_TEXT_INSERTS) + text[at:]
        record["text"] = text
        return json.dumps(record, ensure_ascii=rng.random() < 0.5).encode("utf-8", "surrogatepass")
    data = bytearray(json.dumps(record, ensure_ascii=rng.random() < 0.5).encode())
    for _ in range(rng.randrange(1, 4)):  # bytes
        at = rng.randrange(len(data) + 1)
        action = rng.randrange(4)
        if action == 0:
            data[at:at] = rng.choice(_INSERTS)
        elif action == 1 and data:
            data[min(at, len(data) - 1)] = rng.randrange(256)
        elif action == 2:
            del data[at : at + rng.randrange(1, 40)]
        else:
            data = data[:at]
    return bytes(data)


def fuzz_file(folder: Path, count: int, seed: int) -> Path:
    rng = random.Random(seed)
    originals = seeds()
    lines = [mutate(rng.choice(originals), rng) for _ in range(count)]
    path = folder / "fuzz.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def visible_lines(path: Path) -> set[int]:
    """The numbers of the lines (split on \\n) with a visible ASCII character: each must come
    back as one result, whatever else the line holds."""
    return {
        n for n, line in enumerate(path.read_bytes().split(b"\n"), start=1)
        if _VISIBLE.search(line)
    }  # fmt: skip


def assert_valid_unicode(*texts: str | None) -> None:
    for text in texts:
        if text is not None:
            text.encode("utf-8")  # raises on a lone surrogate


def test_fuzzed_records_each_come_back_as_one_article_or_one_named_failure(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    path = fuzz_file(tmp_path, CHEAP_RECORDS, SEED)
    limited = replace(pipeline, max_article_chars=20_000)
    seen: list[int] = []
    articles = failures = 0

    for result in iter_articles([path]):
        match = _ORIGIN.search(result.origin)
        assert match is not None, result.origin
        seen.append(int(match.group(1)))
        if isinstance(result, Failure):
            failures += 1
            assert result.message
            assert_valid_unicode(result.origin, result.message, result.raw)
            json.dumps(failure_record(result), ensure_ascii=False).encode("utf-8")
            continue
        articles += 1
        assert isinstance(result, Article)
        assert_valid_unicode(result.text, result.title, result.source, result.url, result.id)
        sized = limited._sized(result)
        if isinstance(sized, Article):
            prepare_doc(limited.nlp, sized)
            find_quoted(sized.text)

    assert len(seen) == len(set(seen))  # one result per line
    assert visible_lines(path) <= set(seen)  # and none lost
    assert articles > 500
    assert failures > 500


def test_fuzzed_records_through_the_whole_pipeline_are_stored_or_named(tmp_path: Path) -> None:
    path = fuzz_file(tmp_path, FULL_RECORDS, SEED + 1)
    settings = Settings(processes=1, max_article_chars=20_000)
    with Store.open(tmp_path / "store.duckdb") as store:
        report = ingest_paths([path], store, settings)
        stored_origins = {r[0] for r in store.con.sql("SELECT origin FROM articles").fetchall()}
        failed = {r[0] for r in store.con.sql(
            "SELECT origin FROM failures WHERE article_id IS NULL").fetchall()}  # fmt: skip
        articles = store.count("articles")

    assert report.read >= len(visible_lines(path))
    # each record read is stored, skipped (an article read before in this run) or a Failure
    assert report.stored + report.failed + report.skipped == report.read
    assert len(stored_origins) == articles == report.stored
    assert len(failed) == report.failed
    assert all(_ORIGIN.search(origin) for origin in stored_origins | failed)
