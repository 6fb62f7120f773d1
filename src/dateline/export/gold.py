"""The store's corrections as a gold corpus folder: ``corrections.jsonl`` (the corpus format of
``bench/gold/corpus``) and ``articles.jsonl`` beside it, which ``dateline evaluate`` and the
training scripts read."""

from __future__ import annotations

import json
from pathlib import Path

from dateline.errors import InputError
from dateline.evaluation.corpus import sentence_to_json
from dateline.evaluation.corrections import gold_from_corrections
from dateline.store import Store

SENTENCES = "corrections.jsonl"


def write_gold(store: Store, folder: Path) -> int:
    """Write the corrected sentences and their articles into ``folder``; the number of
    sentences.

    Raises:
        InputError: the folder cannot be made or written.
    """
    sentences, articles = gold_from_corrections(store)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with (folder / SENTENCES).open("w", encoding="utf-8") as out:
            for sentence in sentences:
                out.write(json.dumps(sentence_to_json(sentence), ensure_ascii=False) + "\n")
        with (folder / "articles.jsonl").open("w", encoding="utf-8") as out:
            for article in articles.values():
                record = {"id": article.id, "text": article.text, "title": article.title,
                          "published": article.published, "outlet": article.source}  # fmt: skip
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    except OSError as error:
        raise InputError(f"{folder}: cannot write the gold folder: {error.strerror}") from error
    return len(sentences)
