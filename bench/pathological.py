"""Pathological inputs through `dateline ingest`'s path: time, peak memory and what was stored.

Each input of issue 10 (deep nesting, a 5,000-digit number, a text over spaCy's 1,000,000
character limit, lone surrogates, invalid UTF-8 on stdin, 12 KB of quotation marks, a 950 KB
text) goes through reading, analysis and the store (`ingest_items`, one process, a fresh
DuckDB store) in a child process of its own, after a warm-up article, so the time excludes
loading the model and the memory figure is what the input adds to the process's peak RSS.
"spaCy parse alone" then times the model's parse of the same text by itself (cut as the
pipeline cuts it): the share of the time that is the model's, not dateline's own stages.

Usage:
    python bench/pathological.py            # the table, about three minutes
    python bench/pathological.py --one quotes-straight   # one input, as a JSON line
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "reuters-2023-05-10-moscow-talks.txt"
ARTICLES = ROOT / "bench" / "gold" / "corpus" / "articles.jsonl"


def _paragraphs() -> list[str]:
    """Paragraphs of real articles (train and dev splits) to build long texts from."""
    found: list[str] = []
    for line in ARTICLES.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record.get("split") != "test":
            found.extend(p for p in record["text"].split("\n") if len(p.split()) > 8)
    return found


def _long_text(chars: int) -> str:
    paragraphs, parts, size = _paragraphs(), [], 0
    while size < chars:
        paragraph = paragraphs[len(parts) % len(paragraphs)]
        parts.append(paragraph)
        size += len(paragraph) + 1
    return "\n".join(parts)[:chars]


def _line(record: dict[str, object]) -> bytes:
    return json.dumps(record).encode() + b"\n"


GOOD = _line({"text": "Turkey and Syria held talks in Moscow on Wednesday, officials said."})
OTHER = _line({"text": "Iran and Iraq signed a trade agreement in Baghdad on Monday."})


def _cases() -> dict[str, tuple[str, Callable[[], tuple[str, bytes]], dict[str, object]]]:
    """name -> (description, () -> (file suffix or "-" for stdin, bytes), settings changes)."""
    quotes_mixed = "".join(f"“Word {i} ‘x’ said” and \" '" for i in range(500))[:12_000]
    return {
        "nested": ("JSON nested 100,000 deep, between two good lines", lambda: (
            ".jsonl", GOOD + b'{"text": "a", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n"
            + OTHER), {}),
        "digits": ("a number of 5,000 digits, between two good lines", lambda: (
            ".jsonl", GOOD + b'{"text": "a b c d", "n": ' + b"7" * 5_000 + b"}\n" + OTHER), {}),
        "surrogate": ("lone surrogates \\ud800 in title and text", lambda: (
            ".jsonl", GOOD + b'{"title": "\\ud800", "text": "Iran \\udfff and Iraq met."}\n'
            + OTHER), {}),
        "stdin-utf8": ("invalid UTF-8 on stdin, between two good lines", lambda: (
            "-", GOOD + b'{"text": "Turkey \xff\xfe and Syria talked on Monday."}\n' + OTHER), {}),
        "over-1m": ("a text of 1,100,000 characters (cut to 200,000)", lambda: (
            ".txt", _long_text(1_100_000).encode()), {}),
        "950k": ("a text of 950,000 characters (cut to 200,000)", lambda: (
            ".txt", _long_text(950_000).encode()), {}),
        "950k-refused": ("the same, oversize = \"refuse\"", lambda: (
            ".txt", _long_text(950_000).encode()), {"oversize": "refuse"}),
        "quotes-straight": ("12 KB of straight double quotation marks", lambda: (
            ".txt", b"Quotes\n" + b'"' * 12_000), {}),
        "quotes-spaced": ("12 KB of spaced marks ' \" ' \"", lambda: (
            ".txt", b"Quotes\n" + b"' \" " * 3_000), {}),
        "quotes-words": ("12 KB of one-word quotes and their cues: a \" b ' c \" ...", lambda: (
            ".txt", ("Quotes\n" + "".join(f"{w} \" " + f"{w} ' " for w in "abcdefghij" * 300))[
                :12_007].encode()), {}),
        "quotes-mixed": ("12 KB of nested typographic quotes with words", lambda: (
            ".txt", ("Quotes\n" + quotes_mixed).encode()), {}),
        "quotes-orphans": ("12 KB of closing marks after four words each", lambda: (
            ".txt", ("Quotes\n" + "one two three four\" " * 600).encode()), {}),
    }  # fmt: skip


def run_one(name: str) -> dict[str, object]:
    """Ingest one pathological input in this process; time, added peak RSS, outcome."""
    from dateline.ingest import iter_articles
    from dateline.runners.ingest import ingest_items, ingest_paths
    from dateline.settings import Settings
    from dateline.store import Store

    description, build, changes = _cases()[name]
    settings = Settings(processes=1)
    with tempfile.TemporaryDirectory() as folder:
        with Store.open(Path(folder) / "warm.duckdb") as store:
            ingest_paths([EXAMPLE], store, settings)
        base_mb = _peak_mb()
        suffix, data = build()
        settings = replace(settings, **changes)  # type: ignore[arg-type]
        with Store.open(Path(folder) / "case.duckdb") as store:
            started = time.perf_counter()
            if suffix == "-":
                items: Iterator[object] = iter_articles(["-"], stdin=io.BytesIO(data))
                report = ingest_items(items, store, settings)  # type: ignore[arg-type]
            else:
                path = Path(folder) / f"input{suffix}"
                path.write_bytes(data)
                report = ingest_paths([path], store, settings)
            seconds = time.perf_counter() - started
            reasons = [r[0] for r in store.con.sql("SELECT message FROM failures").fetchall()]
        peak_mb = _peak_mb() - base_mb
        parse = _parse_seconds(suffix, data, folder, settings)
    return {
        "name": name, "input": description, "bytes": len(data), "seconds": round(seconds, 2),
        "parse_seconds": round(parse, 2),
        "added_peak_mb": round(peak_mb), "stored": report.stored,
        "failed": report.failed, "truncated": report.truncated,
        "reason": "; ".join(sorted(set(reasons)))[:70],
    }  # fmt: skip


def _parse_seconds(suffix: str, data: bytes, folder: str, settings: object) -> float:
    """The spaCy parse alone of the articles the input holds (cut as the pipeline cuts them),
    after the ingest: the part of the time that is the model's, not dateline's stages."""
    from dateline.ingest import iter_articles
    from dateline.model import Article
    from dateline.nlp import load_model
    from dateline.pipeline import parse_docs, prepare_doc

    path = Path(folder) / f"again{suffix if suffix != '-' else '.jsonl'}"
    path.write_bytes(data)
    nlp = load_model(settings.model)  # type: ignore[attr-defined]
    limit = settings.max_article_chars  # type: ignore[attr-defined]
    refuse = settings.oversize == "refuse"  # type: ignore[attr-defined]
    articles = [
        a for a in iter_articles([path])
        if isinstance(a, Article) and len(a.text) > 200 and not (refuse and len(a.text) > limit)
    ]  # fmt: skip
    docs = [prepare_doc(nlp, replace(a, text=a.text[:limit])) for a in articles]
    started = time.perf_counter()
    parse_docs(nlp, docs, 1)
    return time.perf_counter() - started


def _peak_mb() -> float:
    # ru_maxrss is in KiB on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    """Print the table, or run one input with --one."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--one", help="run one input in this process and print a JSON line")
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one)))
        return
    print("| input | bytes | seconds | spaCy parse alone | added peak MB | stored | failed "
          "| cut | failure |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for name in _cases():
        done = subprocess.run(
            [sys.executable, __file__, "--one", name], capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            print(f"| {name} | crashed: {done.stderr.strip().splitlines()[-1:]} |")
            continue
        row = json.loads(done.stdout.strip().splitlines()[-1])
        print(
            f"| {row['input']} | {row['bytes']:,} | {row['seconds']:.2f} "
            f"| {row['parse_seconds']:.2f} | {row['added_peak_mb']} "
            f"| {row['stored']} | {row['failed']} | {row['truncated']} | {row['reason']} |"
        )


if __name__ == "__main__":
    main()
