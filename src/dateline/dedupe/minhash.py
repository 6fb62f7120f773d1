"""MinHash signatures over word shingles, and LSH bands to find candidate copies quickly.

Two syndicated copies of a wire story share nearly all their five-word shingles even when
each site adds its own furniture, so their estimated Jaccard similarity stays high, while
two different reports of the same event share few.
"""

from __future__ import annotations

import hashlib
import re
import zlib

import numpy as np
import numpy.typing as npt

SHINGLE_WORDS = 5
PERMUTATIONS = 128
BANDS = 32  # 32 bands of 4 rows: a pair at Jaccard 0.6 shares a band with p = 0.99, at 0.2 p = 0.05
ROWS_PER_BAND = PERMUTATIONS // BANDS
NEAR_DUPLICATE_JACCARD = 0.6

_WORD = re.compile(r"\w+", re.UNICODE)
_PRIME = np.uint64(4_294_967_291)  # the largest prime below 2**32
# A fixed seed: signatures must agree across processes, runs and machines. a and b range
# over the whole field so that (a*x + b) mod p is a proper random permutation of shingles.
_RNG = np.random.default_rng(20230510)
_A = _RNG.integers(1, int(_PRIME), size=PERMUTATIONS, dtype=np.uint64)
_B = _RNG.integers(0, int(_PRIME), size=PERMUTATIONS, dtype=np.uint64)

Signature = npt.NDArray[np.uint32]


def shingles(text: str) -> set[int]:
    """32-bit hashes of the text's overlapping five-word sequences, case and punctuation folded."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < SHINGLE_WORDS:
        return {zlib.crc32(" ".join(words).encode("utf-8"))}
    return {
        zlib.crc32(" ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8"))
        for i in range(len(words) - SHINGLE_WORDS + 1)
    }


def signature(text: str) -> Signature:
    """The MinHash signature of ``text``: PERMUTATIONS unsigned 32-bit values."""
    values = np.fromiter(shingles(text), dtype=np.uint64) % _PRIME
    # a*x < 2**64 for a, x < 2**32, so the products are exact in uint64; reduce before adding b
    hashed = ((values[:, None] * _A[None, :]) % _PRIME + _B[None, :]) % _PRIME
    lowest: Signature = hashed.min(axis=0).astype(np.uint32)
    return lowest


def band_hashes(sig: Signature) -> list[int]:
    """One 64-bit hash per LSH band; two texts that share any band are candidate copies."""
    out = []
    for band in range(BANDS):
        chunk = sig[band * ROWS_PER_BAND : (band + 1) * ROWS_PER_BAND]
        digest = hashlib.blake2b(band.to_bytes(2, "little") + chunk.tobytes(), digest_size=8)
        out.append(int.from_bytes(digest.digest(), "little"))
    return out


def estimate_jaccard(a: Signature, b: Signature) -> float:
    """The share of agreeing MinHash values: an unbiased estimate of shingle Jaccard similarity."""
    return float(np.count_nonzero(a == b)) / len(a)
