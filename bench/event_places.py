"""Where and when the events of real news are placed: how many, from which words, how precise.

    python bench/event_places.py [--splits train dev] [--audit 60 --seed 11 --out audit.jsonl]

For each corpus split (``bench/gold/corpus/``; the test split only when named, and it is only
ever measured), with the default coder: the share of events placed, on FA-KES and ECB+
articles apart; where their places came from (``location_source``) and how precise they are;
where their dates came from (``date_source``). Date and place accuracy against the gold are in
``bench/accuracy.py``. ``--audit N`` draws N placed events from the chosen splits (never test)
and writes each with its sentence, trigger and place, for a reader to judge against the text.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from pathlib import Path

from dateline.evaluation.coding import gold_article
from dateline.evaluation.corpus import read_articles, read_corpus
from dateline.model import Event
from dateline.pipeline import Pipeline

CORPUS = Path(__file__).resolve().parent / "gold" / "corpus"
SOURCES = ("clause", "sentence", "neighbour", "article", "dateline")
PRECISIONS = ("point", "city", "admin1", "country")
DATE_SOURCES = ("clause", "sentence", "earlier_mention", "publication")


def collections_of() -> dict[str, str]:
    """The collection (fakes, ecbplus) of every corpus article."""
    with (CORPUS / "articles.jsonl").open(encoding="utf-8") as handle:
        return {r["id"]: r["corpus"] for r in map(json.loads, handle)}


def share(part: int, whole: int) -> str:
    """``0.623 (1015/1626)``."""
    return f"{part / whole:.3f} ({part}/{whole})" if whole else "–"


def main() -> None:
    """Run the default pipeline on the chosen splits and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--splits", nargs="+", default=["train", "dev"])
    parser.add_argument("--audit", type=int, default=0, help="draw this many placed events")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--out", type=Path, help="write the audit sample here (JSON Lines)")
    args = parser.parse_args()
    pipeline = Pipeline.from_settings()
    kinds = collections_of()
    drawn: list[dict[str, object]] = []
    print("| split | events | placed | placed, FA-KES | placed, ECB+ | "
          + " | ".join(f"from {s}" for s in SOURCES) + " | "
          + " | ".join(PRECISIONS) + " | "
          + " | ".join(f"date from {s}" for s in DATE_SOURCES) + " | undated |")  # fmt: skip
    print("|---|" + "---:|" * (4 + len(SOURCES) + len(PRECISIONS) + len(DATE_SOURCES) + 1))
    for split in args.splits:
        sentences = read_corpus(CORPUS / f"{split}.jsonl")
        articles = read_articles(CORPUS / "articles.jsonl", sentences)
        golds = list(articles.values())
        events: list[tuple[str, str, Event]] = []
        for gold, analysis in zip(
            golds, pipeline.analyse_many(gold_article(g) for g in golds), strict=True
        ):
            text = analysis.article.text
            for event in analysis.events:
                events.append((kinds.get(gold.id, "?"), text, event))
                if event.location is not None and split != "test":
                    drawn.append(audit_record(gold.id, text, event))
        placed = [e for _, _, e in events if e.location is not None]
        by_kind = {
            kind: (sum(1 for k, _, e in events if k == kind and e.location is not None),
                   sum(1 for k, _, _ in events if k == kind))
            for kind in ("fakes", "ecbplus")
        }  # fmt: skip
        sources = Counter(e.location_source for e in placed)
        precisions = Counter(e.location_precision for e in placed)
        dates = Counter(e.date_source for _, _, e in events)
        cells = [split, str(len(events)), share(len(placed), len(events)),
                 share(*by_kind["fakes"]), share(*by_kind["ecbplus"]),
                 *(str(sources[s]) for s in SOURCES), *(str(precisions[p]) for p in PRECISIONS),
                 *(str(dates[s]) for s in DATE_SOURCES), str(dates[None])]  # fmt: skip
        print("| " + " | ".join(cells) + " |", flush=True)
    if args.audit:
        sample = random.Random(args.seed).sample(drawn, min(args.audit, len(drawn)))
        lines = [json.dumps(r, ensure_ascii=False) for r in sample]
        if args.out:
            args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
            print(f"\n{len(sample)} placed events drawn for the audit: {args.out}")
        else:
            print("\n" + "\n".join(lines))


def audit_record(article: str, text: str, event: Event) -> dict[str, object]:
    """What a reader needs to judge a placed event: its sentence, trigger and place."""
    place = event.location
    assert place is not None
    return {
        "article": article, "event": event.type, "trigger": event.trigger,
        "sentence": text[event.start : event.end], "place": place.text, "name": place.name,
        "country": place.country, "source": event.location_source,
        "precision": event.location_precision,
        "place_sentence": text[max(0, place.start - 80) : place.end + 40].replace("\n", " "),
    }  # fmt: skip


if __name__ == "__main__":
    main()
