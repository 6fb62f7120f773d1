"""Near-duplicate articles: syndicated copies of one story found by MinHash over the body."""

from dateline.dedupe.body import story_body
from dateline.dedupe.minhash import (
    BANDS,
    NEAR_DUPLICATE_JACCARD,
    Signature,
    band_hashes,
    estimate_jaccard,
    signature,
)

__all__ = [
    "BANDS",
    "NEAR_DUPLICATE_JACCARD",
    "Signature",
    "band_hashes",
    "estimate_jaccard",
    "signature",
    "story_body",
]
