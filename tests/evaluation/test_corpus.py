"""The gold event corpus: its files parse, its offsets hold, its split is fixed, and no test
sentence is in any training file."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

from dateline.evaluation.corpus import read_articles, read_corpus

pytestmark = pytest.mark.issue(8)

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "bench" / "gold" / "corpus"
SHARED = ROOT.parent / "shared" / "data" / "train"
SPLITS = ("train", "dev", "test")


def _normal(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


@pytest.fixture(scope="module")
def corpus():
    return {split: read_corpus(CORPUS / f"{split}.jsonl") for split in SPLITS}


def test_corpus_size_and_breadth(corpus):
    sentences = [s for split in SPLITS for s in corpus[split]]
    articles = {s.article for s in sentences}
    assert len(sentences) >= 3000
    assert len(articles) >= 150
    records = [json.loads(line) for line in (CORPUS / "articles.jsonl").read_text().splitlines()]
    chosen = [r for r in records if r["id"] in articles]
    assert len({r["outlet"] for r in chosen}) >= 8
    assert len({r["subject"] for r in chosen}) >= 3
    assert all(r["licence"] for r in chosen)


def test_every_span_is_at_its_offsets(corpus):
    for split in SPLITS:
        articles = read_articles(CORPUS / "articles.jsonl", corpus[split])  # checks sentences
        for sentence in corpus[split]:
            text = articles[sentence.article].text
            for event in sentence.events:
                spans = [event.trigger, event.place, *event.actors, *event.recipients]
                for span in spans:
                    if span is not None and span.start is not None:
                        assert text[span.start : span.end] == span.text, sentence.sid


def test_split_is_fixed_by_article_hash(corpus):
    spec = importlib.util.spec_from_file_location(
        "select_articles", ROOT / "scripts" / "corpus" / "select_articles.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    records = [json.loads(line) for line in (CORPUS / "articles.jsonl").read_text().splitlines()]
    keys = {r["id"]: r["split_key"] for r in records}
    for split in SPLITS:
        for sentence in corpus[split]:
            assert module.split_of(keys[sentence.article]) == split == sentence.split
    # the split function itself must never change: ids pinned to their split
    pinned = {"fakes-1914947530": "train", "probe-3": "dev", "probe-6": "test"}
    assert {k: module.split_of(k) for k in pinned} == pinned


def test_splits_share_no_article(corpus):
    seen = [{s.article for s in corpus[split]} for split in SPLITS]
    assert not seen[0] & seen[1]
    assert not seen[0] & seen[2]
    assert not seen[1] & seen[2]


def _training_texts(corpus) -> set[str]:
    texts = {_normal(s.text) for split in ("train", "dev") for s in corpus[split]}
    for name in ("plv_train.jsonl", "cameo_spans.jsonl"):
        path = SHARED / name
        if path.exists():
            texts |= {_normal(json.loads(line)["text"]) for line in path.read_text().splitlines()}
    return texts


def test_no_test_sentence_in_any_training_file(corpus):
    training = _training_texts(corpus)
    # boilerplate ("REUTERS/Stringer", "Read more") repeats across outlets; a sentence of six
    # words or more found in training data is a leak
    leaks = [
        s.sid
        for s in corpus["test"]
        if len(_normal(s.text).split()) >= 6 and _normal(s.text) in training
    ]
    assert leaks == []


def test_shared_training_data_checked_when_present():
    if not SHARED.exists():
        pytest.skip(f"{SHARED} is not here: only the corpus's own splits were checked")
    assert (SHARED / "plv_train.jsonl").exists()


def test_corpus_format_round_trip(tmp_path):
    from dateline.evaluation.corpus import from_plv, write_corpus

    record = {
        "id": "plv-1", "text": "Rebels released two hostages.", "event": "YIELD",
        "source": {"text": "Rebels", "start": 0, "end": 6},
        "target": {"text": "two hostages", "start": 16, "end": 28},
    }  # fmt: skip
    write_corpus(tmp_path / "one.jsonl", [from_plv(record)])
    [back] = read_corpus(tmp_path / "one.jsonl")
    assert back.complete is False
    assert back.events[0].types == ("CONCEDE", "RETREAT")
    assert [(m.start, m.end) for m in back.events[0].recipients] == [(16, 28)]
