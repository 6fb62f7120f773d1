"""The sentences of a parsed article, indexed once: spaCy's ``Token.sent`` walks the whole
document on every call, which made sentence lookups the stages' biggest cost."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_KEY = "dateline.sentences"


class Sentences:
    """Each token's sentence, and the sentences in order."""

    def __init__(self, doc: Doc) -> None:
        self.spans: list[Span] = list(doc.sents)
        self.number: list[int] = [0] * len(doc)
        for n, span in enumerate(self.spans):
            for i in range(span.start, span.end):
                self.number[i] = n

    def of(self, token: Token) -> Span:
        """The sentence that holds ``token``."""
        return self.spans[self.number[token.i]]


def sentences(doc: Doc) -> Sentences:
    """The sentence index of ``doc``, built on first use and kept with the document."""
    found = doc.user_data.get(_KEY)
    if not isinstance(found, Sentences):
        found = Sentences(doc)
        doc.user_data[_KEY] = found
    return found


def sentence_of(token: Token) -> Span:
    """The sentence of ``token`` (a cached, constant-time ``token.sent``)."""
    return sentences(token.doc).of(token)
