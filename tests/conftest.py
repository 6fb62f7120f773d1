"""The only conftest: shared fixtures with plain names.

Tests run the real parts: the real spaCy model, a real DuckDB file, real files on disk.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from dateline.ingest import build_article
from dateline.model import Analysis, Article
from dateline.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "reuters-2023-05-10-moscow-talks.txt"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    """The default pipeline with the default spaCy model, loaded once per test session."""
    return Pipeline.from_settings()


@pytest.fixture(scope="session")
def nlp(pipeline: Pipeline) -> object:
    """The spaCy model the pipeline uses."""
    return pipeline.nlp


@pytest.fixture
def seed_path() -> Path:
    """The bundled example: a Reuters report of 10 May 2023, as scraped."""
    return EXAMPLE


@pytest.fixture(scope="session")
def seed_analysis(pipeline: Pipeline) -> Analysis:
    """The pipeline's analysis of the bundled example article."""
    from dateline.ingest import iter_articles

    [article] = list(iter_articles([EXAMPLE]))
    assert isinstance(article, Article)
    return pipeline.analyse(article)


@pytest.fixture
def analyse(pipeline: Pipeline) -> Callable[..., Analysis]:
    """Analyse a text given inline: ``analyse("Turkey said ...", published=date(2023, 5, 10))``."""

    def run(text: str, published: date | None = date(2023, 5, 10), **fields: object) -> Analysis:
        fields.setdefault("title", "Test article")  # so the first line is not taken as a title
        article = build_article(text, origin="<test>", published=published, **fields)  # type: ignore[arg-type]
        return pipeline.analyse(article)

    return run


@pytest.fixture(scope="session")
def seed_store_file(tmp_path_factory: pytest.TempPathFactory, seed_analysis: Analysis) -> Path:
    """A store holding the analysed example article, built once; copy it before writing."""
    from dateline.store import Store

    path = tmp_path_factory.mktemp("seed") / "seed.duckdb"
    with Store.open(path) as store:
        store.save([seed_analysis])
    return path


@pytest.fixture
def seed_db(seed_store_file: Path, tmp_path: Path) -> Path:
    """A fresh copy of the example article's store for one test."""
    import shutil

    path = tmp_path / "seed.duckdb"
    shutil.copyfile(seed_store_file, path)
    return path
