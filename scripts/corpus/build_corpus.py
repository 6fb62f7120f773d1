"""Join the coders' labels to the corpus sentences: offsets for every span, one file per split.

    python scripts/corpus/build_corpus.py [--corpus bench/gold/corpus]

Reads ``sentences.jsonl``, ``articles.jsonl`` and the primary coders' files
``labels/coder*.jsonl`` (``labels/second/`` holds the independent second coding, used only for
agreement); writes ``train.jsonl``, ``dev.jsonl`` and ``test.jsonl`` in the corpus format
(``dateline.evaluation.corpus``). A span is the first occurrence of its words in the sentence;
a party's words, the occurrence nearest the trigger. Articles not wholly labelled are left out.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def locate(sentence: dict[str, Any], words: str | None, near: int | None) -> dict[str, Any] | None:
    """The span of ``words`` in the sentence as article offsets (nearest ``near`` if given)."""
    if not words:
        return None
    text = sentence["text"]
    found = []
    at = text.find(words)
    while at >= 0:
        found.append(at)
        at = text.find(words, at + 1)
    if not found:
        return {"text": words, "start": None, "end": None}
    best = min(found, key=lambda a: abs(a - near)) if near is not None else found[0]
    start = sentence["start"] + best
    return {"text": words, "start": start, "end": start + len(words)}


def build_event(sentence: dict[str, Any], raw: dict[str, Any]) -> dict[str, Any]:
    """One coder's event as a corpus event with offsets."""
    trigger = locate(sentence, raw.get("trigger"), None)
    near = (
        trigger["start"] - sentence["start"] if trigger and trigger["start"] is not None else None
    )

    def parties(role: str) -> list[dict[str, Any]]:
        found = []
        for mention in raw.get(role) or []:
            span = locate(sentence, mention.get("text"), near) or {
                "text": None, "start": None, "end": None,
            }  # fmt: skip
            span.update(code=mention.get("code"), sector=mention.get("sector"))
            found.append(span)
        return found

    place = locate(sentence, raw.get("place"), near)
    if place is not None:
        place["country"] = raw.get("place_country")
    return {
        "type": raw["type"], "mode": raw.get("mode"), "context": raw.get("context") or [],
        "trigger": trigger, "actor": parties("actor"), "recipient": parties("recipient"),
        "status": raw.get("status") or "current", "date": raw.get("date"),
        "date_text": raw.get("date_text"), "place": place, "note": raw.get("note") or "",
    }  # fmt: skip


def read_labels(paths: list[Path]) -> dict[str, tuple[str, list[dict[str, Any]]]]:
    """sid -> (coder, events) over the given label files."""
    labels: dict[str, tuple[str, list[dict[str, Any]]]] = {}
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                labels.setdefault(record["sid"], (path.stem, record["events"]))
    return labels


def main() -> None:
    """Build the split files and print what they hold."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "bench" / "gold" / "corpus")
    args = parser.parse_args()
    corpus: Path = args.corpus
    articles = {
        r["id"]: r for r in map(json.loads, (corpus / "articles.jsonl").read_text().splitlines())
    }
    sentences = [json.loads(line) for line in (corpus / "sentences.jsonl").read_text().splitlines()]
    labels = read_labels(sorted((corpus / "labels").glob("coder*.jsonl")))
    by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for sentence in sentences:
        by_article[sentence["article"]].append(sentence)
    splits: dict[str, list[dict[str, Any]]] = defaultdict(list)
    skipped = []
    for article_id, members in by_article.items():
        if not all(s["sid"] in labels for s in members):
            skipped.append(article_id)
            continue
        split = articles[article_id]["split"]
        for sentence in members:
            coder, events = labels[sentence["sid"]]
            splits[split].append(
                {
                    **sentence,
                    "split": split,
                    "complete": True,
                    "coder": coder,
                    "events": [build_event(sentence, e) for e in events],
                }
            )
    for split, rows in splits.items():
        with (corpus / f"{split}.jsonl").open("w", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    for split in ("train", "dev", "test"):
        rows = splits.get(split, [])
        events = [e for r in rows for e in r["events"]]
        kinds = Counter(e["type"] for e in events)
        print(f"{split}: {len({r['article'] for r in rows})} articles, {len(rows)} sentences, "
              f"{len(events)} events; {dict(kinds.most_common())}")  # fmt: skip
    if skipped:
        print(f"not wholly labelled, left out: {len(skipped)} articles")


if __name__ == "__main__":
    main()
