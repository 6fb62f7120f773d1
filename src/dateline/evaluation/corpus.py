"""The gold event corpus format: one sentence per line, every event in it, every span by offset.

A line of ``bench/gold/corpus/{train,dev,test}.jsonl``::

    {"sid": "fakes-1914947530#3", "article": "fakes-1914947530", "start": 412, "end": 530,
     "text": "<the sentence>", "split": "dev", "complete": true,
     "events": [{"type": "ASSAULT", "mode": null, "context": [],
                 "trigger": {"text": "dropped", "start": 501, "end": 508},
                 "actor": [{"text": "Syrian aircraft", "start": 512, "end": 527,
                            "code": "SYR", "sector": "MIL"}],
                 "recipient": [], "status": "current", "date": null, "date_text": null,
                 "place": null, "note": ""}]}

Offsets are into the article's text (``articles.jsonl``); a sentence set without articles
(PLOVER, PLV) is its own one-sentence article. ``complete`` is false where the source codes
only one relation per sentence (PLV): other events in it are unknown, so its predictions are
not counted as false positives.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dateline.errors import InputError
from dateline.evaluation.plover import actor_codes, clean_text
from dateline.evaluation.records import iter_records

# PLV's YIELD stands for either of the two PLOVER 2021 types
PLV_TYPES = {"YIELD": ("CONCEDE", "RETREAT")}


@dataclass(frozen=True, slots=True)
class Mention:
    """A gold actor or recipient: its words (offsets into the article) and its codes."""

    text: str | None
    start: int | None
    end: int | None
    code: str | None = None
    sector: str | None = None


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One coded event of a sentence."""

    types: tuple[str, ...]  # one type; two where the source's label covers two (PLV YIELD)
    trigger: Mention | None
    actors: tuple[Mention, ...]
    recipients: tuple[Mention, ...]
    status: str = "current"
    mode: str | None = None
    date: str | None = None
    place: Mention | None = None

    @property
    def type(self) -> str:
        """The event type (the first, where the label allows two)."""
        return self.types[0]


@dataclass(frozen=True, slots=True)
class Sentence:
    """A gold sentence: where it is in its article and every event coded in it."""

    sid: str
    article: str
    start: int
    end: int
    text: str
    events: tuple[GoldEvent, ...] = ()
    split: str = ""
    complete: bool = True


@dataclass(slots=True)
class GoldArticle:
    """The text a corpus sentence's offsets point into, and what is known of it."""

    id: str
    text: str
    title: str | None = None
    published: str | None = None
    source: str | None = None
    sentences: list[Sentence] = field(default_factory=list)


def _mention(raw: Mapping[str, Any] | None) -> Mention | None:
    if not raw:
        return None
    code, sector = actor_codes(raw)
    return Mention(raw.get("text"), raw.get("start"), raw.get("end"), code, sector)


def event_from_json(raw: Mapping[str, Any]) -> GoldEvent:
    """A gold event from its corpus JSON form."""
    kind = str(raw["type"])
    return GoldEvent(
        types=PLV_TYPES.get(kind, tuple(kind.split("/"))),
        trigger=_mention(raw.get("trigger")),
        actors=tuple(m for m in map(_mention, raw.get("actor") or ()) if m),
        recipients=tuple(m for m in map(_mention, raw.get("recipient") or ()) if m),
        status=str(raw.get("status") or "current"),
        mode=raw.get("mode"),
        date=raw.get("date"),
        place=_mention(raw.get("place")),
    )


def read_corpus(path: Path) -> list[Sentence]:
    """Read corpus sentences.

    Raises:
        InputError: the file is missing, or a line is not a corpus sentence (named by line).
    """
    sentences = []
    for number, record in iter_records(path, ("sid", "text", "events"), "corpus sentence"):
        try:
            sentences.append(sentence_from_json(record))
        except (KeyError, TypeError, ValueError) as error:
            raise InputError(
                f"{path}:{number}: not a corpus sentence ({type(error).__name__}: {error})"
            ) from error
    return sentences


def sentence_from_json(record: Mapping[str, Any]) -> Sentence:
    """A corpus sentence from its JSON form."""
    text = str(record["text"])
    start = int(record.get("start", 0))
    return Sentence(
        sid=str(record["sid"]),
        article=str(record.get("article") or record["sid"]),
        start=start,
        end=int(record.get("end", start + len(text))),
        text=text,
        events=tuple(event_from_json(e) for e in record["events"]),
        split=str(record.get("split") or ""),
        complete=bool(record.get("complete", True)),
    )


def read_articles(path: Path, sentences: Iterable[Sentence]) -> dict[str, GoldArticle]:
    """The articles of ``sentences`` from a corpus ``articles.jsonl``, each with its sentences.

    Raises:
        InputError: an article is missing or its text does not hold a sentence at its offsets.
    """
    texts = {str(r["id"]): r for _, r in iter_records(path, ("id", "text"), "corpus article")}
    articles: dict[str, GoldArticle] = {}
    for sentence in sentences:
        if sentence.article not in articles:
            record = texts.get(sentence.article)
            if record is None:
                raise InputError(f"{path}: no article {sentence.article!r} for {sentence.sid}")
            articles[sentence.article] = GoldArticle(
                id=sentence.article, text=str(record["text"]), title=record.get("title"),
                published=record.get("published"), source=record.get("outlet"),
            )  # fmt: skip
        article = articles[sentence.article]
        if article.text[sentence.start : sentence.end] != sentence.text:
            raise InputError(f"{path}: {sentence.sid} is not at {sentence.start}:{sentence.end}")
        article.sentences.append(sentence)
    return articles


def standalone(sentences: Sequence[Sentence]) -> dict[str, GoldArticle]:
    """Sentences that are their own articles (PLOVER, PLV): offsets are into the sentence."""
    return {s.article: GoldArticle(id=s.article, text=s.text, sentences=[s]) for s in sentences}


def _find(text: str, words: str | None, after: int = 0) -> Mention | None:
    if not words:
        return None
    at = text.find(words, after)
    if at < 0:
        at = text.find(words)
    return Mention(words, at, at + len(words)) if at >= 0 else Mention(words, None, None)


def from_plover(record: Mapping[str, Any], sid: str) -> Sentence:
    """A PLOVER gold-standard record as a one-sentence corpus entry (spans found by their
    words; the GSR gives actors as words and codes, not offsets)."""
    text = clean_text(str(record["text"]))
    kind = record.get("event_2021") if "event_2021" in record else record.get("event")

    def mentions(raw: Iterable[Mapping[str, Any]]) -> tuple[Mention, ...]:
        found = []
        for actor in raw:
            place = _find(text, actor.get("text"))
            coded = _mention(actor)
            found.append(
                Mention(
                    actor.get("text"), place.start if place else None, place.end if place else None,
                    coded.code if coded else None, coded.sector if coded else None,
                )
            )  # fmt: skip
        return tuple(found)

    events: tuple[GoldEvent, ...] = ()
    if kind:
        sources, targets = (
            mentions(record.get("source") or ()),
            mentions(record.get("target") or ()),
        )
        if record.get("reciprocal"):
            sources, targets = sources + targets, ()
        events = (GoldEvent((str(kind),), None, sources, targets),)
    return Sentence(sid=sid, article=sid, start=0, end=len(text), text=text, events=events)


def from_plv(record: Mapping[str, Any]) -> Sentence:
    """A PLV training record (one relation with source and target spans) as a corpus entry;
    ``complete`` is false: other events in the sentence were not coded."""
    text = str(record["text"])

    def span(raw: Mapping[str, Any] | None) -> tuple[Mention, ...]:
        if not raw or not raw.get("text"):
            return ()
        return (Mention(str(raw["text"]), int(raw["start"]), int(raw["end"])),)

    kind = str(record["event"])
    event = GoldEvent(
        PLV_TYPES.get(kind, (kind,)), None, span(record.get("source")), span(record.get("target"))
    )
    return Sentence(
        sid=str(record["id"]), article=str(record["id"]), start=0, end=len(text), text=text,
        events=(event,), complete=False,
    )  # fmt: skip


def read_plover(path: Path) -> list[Sentence]:
    """PLOVER gold-standard JSON Lines as corpus sentences, several records of one sentence
    joined into one entry."""
    joined: dict[str, Sentence] = {}
    for number, record in iter_records(path, ("text",), "PLOVER gold record"):
        sentence = from_plover(record, f"{path.stem}:{number}")
        known = joined.get(sentence.text)
        if known is None:
            joined[sentence.text] = sentence
        else:
            joined[sentence.text] = Sentence(
                sid=known.sid, article=known.article, start=0, end=known.end, text=known.text,
                events=known.events + sentence.events,
            )  # fmt: skip
    return list(joined.values())


def read_plv(path: Path) -> list[Sentence]:
    """PLV training sentences (``../shared/data/train/plv_train.jsonl``) as corpus entries."""
    return [from_plv(record) for _, record in iter_records(path, ("text", "event"), "PLV record")]


def plv_heldout(sentence_id: str) -> bool:
    """The fifth of PLV train that the learned coder never trains on, kept for measurement."""
    return int(hashlib.sha256(sentence_id.encode()).hexdigest(), 16) % 5 == 0


def read_cameo_spans(path: Path) -> list[Sentence]:
    """The ConfliBERT CAMEO span set (``train/cameo_spans.jsonl``) as role-only entries: its
    S spans are actors, its T spans recipients; the type is unknown (``UNKNOWN``)."""
    found = []
    for _, record in iter_records(path, ("text", "spans"), "CAMEO span record"):

        def role(name: str, spans: list[dict[str, Any]] = record["spans"]) -> tuple[Mention, ...]:
            return tuple(
                Mention(str(s["text"]), int(s["start"]), int(s["end"]))
                for s in spans
                if s["role"] == name
            )

        text = str(record["text"])
        event = GoldEvent(("UNKNOWN",), None, role("S"), role("T"))
        found.append(
            Sentence(
                str(record["id"]), str(record["id"]), 0, len(text), text, (event,), complete=False
            )
        )
    return found


def write_corpus(path: Path, sentences: Iterable[Sentence]) -> None:
    """Write sentences in the corpus format."""
    with path.open("w", encoding="utf-8") as out:
        for sentence in sentences:
            out.write(json.dumps(sentence_to_json(sentence), ensure_ascii=False) + "\n")


def _mention_json(mention: Mention | None) -> dict[str, Any] | None:
    if mention is None:
        return None
    found: dict[str, Any] = {"text": mention.text, "start": mention.start, "end": mention.end}
    if mention.code is not None or mention.sector is not None:
        found.update(code=mention.code, sector=mention.sector)
    return found


def sentence_to_json(sentence: Sentence) -> dict[str, Any]:
    """The corpus JSON form of a sentence."""
    return {
        "sid": sentence.sid, "article": sentence.article, "start": sentence.start,
        "end": sentence.end, "text": sentence.text, "split": sentence.split,
        "complete": sentence.complete,
        "events": [
            {
                "type": "/".join(e.types), "mode": e.mode, "trigger": _mention_json(e.trigger),
                "actor": [_mention_json(m) for m in e.actors],
                "recipient": [_mention_json(m) for m in e.recipients],
                "status": e.status, "date": e.date, "place": _mention_json(e.place),
            }
            for e in sentence.events
        ],
    }  # fmt: skip
