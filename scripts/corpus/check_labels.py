"""Check a coder's label file against the corpus sentences and the coding guide.

    python scripts/corpus/check_labels.py LABELS.jsonl [--sentences SENTENCES.jsonl]

Standard library only, so a coder can run it anywhere. Prints each problem with its line and
exits 1 if there is any: a line that is not JSON, an unknown sentence id, a type, status or
sector outside the guide, a span (trigger, actor, recipient, place) not found in its sentence,
an article with some sentences labelled and others missing.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip
STATUSES = {"current", "historical", "future", "hypothetical", "negated"}
CODE = re.compile(r"^([A-Z]{3})$")
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def problems_of(event: dict[str, object], text: str) -> list[str]:
    """What is wrong with one coded event of a sentence."""
    found: list[str] = []
    if event.get("type") not in TYPES:
        found.append(f"type {event.get('type')!r} is not a PLOVER 2021 type")
    if event.get("status") not in STATUSES:
        found.append(f"status {event.get('status')!r} is not one of {sorted(STATUSES)}")
    trigger = event.get("trigger")
    if not isinstance(trigger, str) or trigger not in text:
        found.append(f"trigger {trigger!r} is not in the sentence")
    for role in ("actor", "recipient"):
        mentions = event.get(role)
        if not isinstance(mentions, list):
            found.append(f"{role} must be a list")
            continue
        for mention in mentions:
            if not isinstance(mention, dict):
                found.append(f"{role} mention {mention!r} must be an object")
                continue
            span = mention.get("text")
            if span is not None and (not isinstance(span, str) or span not in text):
                found.append(f"{role} text {span!r} is not in the sentence")
            code = mention.get("code")
            if code is not None and not (isinstance(code, str) and CODE.match(code)):
                found.append(f"{role} code {code!r} is not a three-letter code or null")
            sector = mention.get("sector")
            if sector is not None and not (isinstance(sector, str) and CODE.match(sector)):
                found.append(f"{role} sector {sector!r} is not a three-letter sector or null")
    place = event.get("place")
    if place is not None and (not isinstance(place, str) or place not in text):
        found.append(f"place {place!r} is not in the sentence")
    date = event.get("date")
    if date is not None and not (isinstance(date, str) and DATE.match(date)):
        found.append(f"date {date!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    return found


def main() -> int:
    """Check the file and print what is wrong."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("labels", type=Path)
    parser.add_argument(
        "--sentences", type=Path, default=ROOT / "bench" / "gold" / "corpus" / "sentences.jsonl"
    )
    args = parser.parse_args()
    sentences = {}
    by_article: dict[str, set[str]] = defaultdict(set)
    for line in args.sentences.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        sentences[record["sid"]] = record["text"]
        by_article[record["article"]].add(record["sid"])
    seen: dict[str, set[str]] = defaultdict(set)
    errors = 0
    events = 0
    for number, line in enumerate(args.labels.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            print(f"{args.labels}:{number}: not JSON: {error}")
            errors += 1
            continue
        sid = record.get("sid")
        if sid not in sentences:
            print(f"{args.labels}:{number}: unknown sentence id {sid!r}")
            errors += 1
            continue
        article = sid.rsplit("#", 1)[0]
        if sid in seen[article]:
            print(f"{args.labels}:{number}: {sid} labelled twice")
            errors += 1
        seen[article].add(sid)
        coded = record.get("events")
        if not isinstance(coded, list):
            print(f"{args.labels}:{number}: {sid}: events must be a list")
            errors += 1
            continue
        for event in coded:
            events += 1
            for problem in problems_of(event, sentences[sid]):
                print(f"{args.labels}:{number}: {sid}: {problem}")
                errors += 1
    for article, sids in seen.items():
        missing = sorted(by_article[article] - sids, key=lambda s: int(s.rsplit("#", 1)[1]))
        if missing:
            print(f"{args.labels}: article {article}: sentences not labelled: {missing}")
            errors += 1
    labelled = sum(len(s) for s in seen.values())
    print(f"{labelled} sentences of {len(seen)} articles, {events} events, {errors} problems")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
