"""The flow for one article: parse once -> actors -> places -> times -> quotes -> events.

``Pipeline.analyse_many`` batches the spaCy parse with ``nlp.pipe``; every stage after it
is a plain callable chosen by name in the settings (see ``registry``). ``analyse_each`` is
the guarded form the runners use: each article within its size limit and time budget, and
whatever one article raises is its Failure, not the batch's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, ParamSpec, TypeVar

from dateline.errors import StageError, TimeBudgetError
from dateline.ingest.decoding import printable
from dateline.ingest.language import is_english_or_undetermined
from dateline.ingest.readers import replay_record
from dateline.limits import Budget, cut_to_size
from dateline.model import Analysis, Article, Event, Failure, Place
from dateline.nlp import load_model
from dateline.registry import stage_factory
from dateline.settings import Settings
from dateline.stages.protocols import (
    ActorFinder,
    EventCoder,
    PlaceFinder,
    QuoteFinder,
    TimeFinder,
)

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

P = ParamSpec("P")
# tokens with no sentence-final mark after which prepare_doc starts a sentence
MAX_SENTENCE_TOKENS = 150
# a doc longer than this is parsed in chunks of about this many tokens (see parse_docs)
CHUNK_TOKENS = 5_000
_SENTENCE_FINAL = frozenset({".", "?", "!", "…"})
T = TypeVar("T")


@dataclass(frozen=True, slots=True, kw_only=True)
class Pipeline:
    """The loaded model and one stage per slot."""

    nlp: Language
    find_actors: ActorFinder
    find_places: PlaceFinder
    find_times: TimeFinder
    find_quotes: QuoteFinder
    code_events: EventCoder
    batch_size: int = 16
    strict: bool = False  # raise instead of recording a stage failure
    min_confidence: float | None = None  # None: the event coder's own default threshold
    max_article_chars: int = 200_000
    refuse_oversize: bool = False  # refuse a longer article instead of cutting it
    time_budget: float = 60.0  # seconds per article in analyse_each; 0: none

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> Pipeline:
        """Load the model and build every stage named in ``settings``.

        Raises:
            SettingsError: the model or a stage does not exist.
        """
        settings = settings or Settings()
        nlp = load_model(settings.model)

        def build(slot: str) -> object:
            return stage_factory(slot, settings.stage(slot))(nlp)

        return cls(
            nlp=nlp,
            find_actors=build("actors"),  # type: ignore[arg-type]
            find_places=build("places"),  # type: ignore[arg-type]
            find_times=build("times"),  # type: ignore[arg-type]
            find_quotes=build("quotes"),  # type: ignore[arg-type]
            code_events=build("events"),  # type: ignore[arg-type]
            batch_size=settings.batch_size,
            strict=settings.strict,
            min_confidence=settings.min_confidence,
            max_article_chars=settings.max_article_chars,
            refuse_oversize=settings.oversize == "refuse",
            time_budget=settings.time_budget,
        )

    def analyse(self, article: Article) -> Analysis:
        """Analyse one article."""
        return next(self.analyse_many([article]))

    def analyse_many(self, articles: Iterable[Article]) -> Iterator[Analysis]:
        """Analyse articles in order, parsing them in batches."""
        pending: list[Article] = []
        for article in articles:
            pending.append(article)
            if len(pending) >= self.batch_size:
                yield from self._batch(pending)
                pending = []
        if pending:
            yield from self._batch(pending)

    def _batch(self, articles: list[Article]) -> Iterator[Analysis]:
        prepared = [prepare_doc(self.nlp, article) for article in articles]
        docs = parse_docs(self.nlp, prepared, self.batch_size)
        for article, doc in zip(articles, docs, strict=True):
            yield self.analyse_doc(article, doc)

    def analyse_each(self, articles: Iterable[Article]) -> Iterator[Analysis | Failure]:
        """Analyse articles in order, parsing them in batches; an article that cannot be
        analysed becomes a Failure in its place and the others go on.

        An article longer than ``max_article_chars`` is cut at a paragraph break (or
        refused); one over its ``time_budget``, or whose parse raises (spaCy's length limit,
        an encoding, a bug), fails alone: a batch whose parse fails is parsed again one
        article at a time.
        """
        pending: list[Article] = []
        for article in articles:
            pending.append(article)
            if len(pending) >= self.batch_size:
                yield from self._guarded_batch(pending)
                pending = []
        if pending:
            yield from self._guarded_batch(pending)

    def _guarded_batch(self, articles: list[Article]) -> Iterator[Analysis | Failure]:
        sized = [self._sized(article) for article in articles]
        ready = [item for item in sized if isinstance(item, Article)]
        parsed = iter(self._parse_each(ready))
        for item in sized:
            if isinstance(item, Failure):
                yield item
                continue
            doc = next(parsed)
            if isinstance(doc, Failure):
                yield doc
                continue
            budget = Budget(self.time_budget, "the stages")
            result: Analysis | Failure
            try:
                # the timer must be off before the yield hands control to the caller
                with budget.enforced():
                    result = self.analyse_doc(item, doc, budget)
            except Exception as error:  # the article guard: its error is its Failure
                if self.strict and not isinstance(error, TimeBudgetError):
                    raise
                result = whole_failure(item, "analysis", error)
            yield result

    def _sized(self, article: Article) -> Article | Failure:
        if len(article.text) <= self.max_article_chars:
            return article
        if self.refuse_oversize:
            reason = (
                f"the text has {len(article.text):,} characters, more than max_article_chars "
                f'({self.max_article_chars:,}); raise the limit or set oversize = "cut" to keep '
                "its beginning"
            )
            return whole_failure(article, "limits", ValueError(reason), message=reason)
        return cut_to_size(article, self.max_article_chars)

    def _parse_each(self, articles: list[Article]) -> list[Doc | Failure]:
        """Parse the batch in one ``nlp.pipe``; if that fails, each article alone."""
        if not articles:
            return []
        budget = Budget(self.time_budget * len(articles))
        try:
            with budget.enforced():
                prepared = [prepare_doc(self.nlp, article) for article in articles]
                return list(parse_docs(self.nlp, prepared, self.batch_size))
        except Exception:  # find the article that failed the batch, below
            if self.strict:
                raise
        results: list[Doc | Failure] = []
        for article in articles:
            budget = Budget(self.time_budget)
            try:
                with budget.enforced():
                    results.extend(parse_docs(self.nlp, [prepare_doc(self.nlp, article)], 1))
            except Exception as error:  # the article guard: its error is its Failure
                results.append(whole_failure(article, "parse", error))
        return results

    def analyse_doc(self, article: Article, doc: Doc, budget: Budget | None = None) -> Analysis:
        """Run every stage on an article already parsed into ``doc``.

        A stage that raises is recorded as a Failure naming it; the stages after it still
        run on what the earlier ones produced. With a ``budget``, the deadline is checked
        before each stage (TimeBudgetError when it has passed).
        """
        failures: list[Failure] = []

        def run(
            name: str, stage: Callable[P, Iterable[T]], *args: P.args, **kwargs: P.kwargs
        ) -> tuple[T, ...]:
            if budget is not None:
                budget.check(name)
            try:
                return _stage(name, stage, *args, **kwargs)
            except StageError as error:
                if self.strict:
                    raise
                failures.append(_failure(article, error))
                return ()

        # "und" (a headline, a one-liner: too short to tell) is analysed as English
        if not is_english_or_undetermined(article.language):
            failures.append(
                Failure(
                    stage="language",
                    origin=article.origin,
                    error_type="UnsupportedLanguage",
                    message=f"the text does not read as English (detected {article.language!r}); "
                    "only English is supported",
                )
            )
        # the dateline's country first: actors with no country of their own may take it
        article = _with_dateline_country(article, run("places", _locate, self.find_places, article))
        actors = run("actors", self.find_actors, article, doc)
        places = run("places", self.find_places, article, doc, actors)
        # the places stage reads qualifiers ("MOSCOW, Idaho") that a lookup of the name alone misses
        article = _with_dateline_country(
            article,
            tuple(p for p in places if article.dateline and article.dateline.covers(p.start)),
        )
        times = run("times", self.find_times, article, doc)
        quotes = run("quotes", self.find_quotes, article, doc, actors)
        events = run("events", self.code_events, article, doc, actors, places, times)
        events = self._kept(events)
        return Analysis(
            article=article,
            actors=actors,
            events=events,
            places=places,
            times=times,
            quotes=quotes,
            failures=tuple(failures),
        )

    def _kept(self, events: tuple[Event, ...]) -> tuple[Event, ...]:
        """The events at or above --min-confidence, or those the coder's own thresholds keep."""
        if self.min_confidence is not None:
            return tuple(e for e in events if e.confidence >= self.min_confidence)
        accepts = getattr(self.code_events, "accepts", None)
        return tuple(e for e in events if accepts(e)) if callable(accepts) else events


def prepare_doc(nlp: Language, article: Article) -> Doc:
    """Tokenise the article and mark the sentence starts the text itself makes certain:
    every paragraph, and the story after its dateline ("ANKARA, May 10 (Reuters) - ").

    A run of ``MAX_SENTENCE_TOKENS`` tokens with no sentence-final mark is cut there too:
    no real sentence is that long, and stages that work per sentence then cost time in
    proportion to the text, not to the square of a runaway "sentence".
    """
    doc = nlp.make_doc(article.text)
    after_dateline = article.dateline.end if article.dateline is not None else -1
    run = 0
    for token in doc[1:]:
        previous = doc[token.i - 1]
        paragraph = "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text)
        run = 0 if previous.text in _SENTENCE_FINAL else run + 1
        if paragraph or token.idx == after_dateline or run >= MAX_SENTENCE_TOKENS:
            token.is_sent_start = True
            run = 0
    return doc


def parse_docs(nlp: Language, docs: list[Doc], batch_size: int) -> list[Doc]:
    """Parse tokenised docs with ``nlp.pipe``; one longer than ``CHUNK_TOKENS`` is parsed in
    chunks that start at a sentence start and joined again, so a long article costs memory
    for one chunk at a time (a 40,000-token doc parsed whole takes about 0.7 GB more)."""
    from spacy.tokens import Doc

    short = [doc for doc in docs if len(doc) <= CHUNK_TOKENS]
    parsed = iter(nlp.pipe(short, batch_size=batch_size))
    results: list[Doc] = []
    for doc in docs:
        if len(doc) <= CHUNK_TOKENS:
            results.append(next(parsed))
            continue
        chunks = [doc[start:end].as_doc() for start, end in _chunk_bounds(doc)]
        results.append(Doc.from_docs(list(nlp.pipe(chunks, batch_size=1)), ensure_whitespace=False))
    return results


def _chunk_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of at least ``CHUNK_TOKENS`` each, cut only where a sentence starts."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for token in doc[CHUNK_TOKENS:]:
        if token.i - start >= CHUNK_TOKENS and token.is_sent_start:
            bounds.append((start, token.i))
            start = token.i
    bounds.append((start, len(doc)))
    return bounds


def _locate(finder: PlaceFinder, article: Article) -> list[Place]:
    place = finder.locate(article.dateline) if article.dateline is not None else None
    return [place] if place is not None else []


def _with_dateline_country(article: Article, located: tuple[Place, ...]) -> Article:
    """The article with its dateline's country filled in from the gazetteer."""
    if (
        article.dateline is None
        or not located
        or located[0].country in (None, article.dateline.country)
    ):
        return article
    return replace(article, dateline=replace(article.dateline, country=located[0].country))


def _stage(
    name: str, stage: Callable[P, Iterable[T]], *args: P.args, **kwargs: P.kwargs
) -> tuple[T, ...]:
    try:
        return tuple(stage(*args, **kwargs))
    except TimeBudgetError:
        raise  # the whole article fails, not this stage
    except Exception as cause:  # any stage bug becomes a Failure of that stage
        raise StageError(name, cause) from cause


def _failure(article: Article, error: StageError) -> Failure:
    return Failure(
        stage=error.stage,
        origin=article.origin,
        error_type=type(error.cause).__name__,
        message=str(error.cause) or type(error.cause).__name__,
    )


def whole_failure(
    article: Article, stage: str, error: BaseException, message: str | None = None
) -> Failure:
    """The Failure of an article that could not be analysed at all, with the article as a
    JSON record (same id) for ``dateline retry``; ``message`` replaces the error's own words
    when the caller has a better reason to give."""
    if message is None and isinstance(error, TimeBudgetError):
        message = str(error)
    elif message is None:
        message = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    return Failure(
        stage=stage,
        origin=printable(article.origin),
        error_type=type(error).__name__,
        message=printable(message),
        raw=replay_record(article),
    )
