"""Duplicate detection: exact (normalised body hash) and near (MinHash + LSH over word shingles).

The LSH index lives in SQLite (``minhash_bands``) so that a syndicated copy
fetched in next week's cron run still finds the original. MinHash uses a
fixed seed: the same text always gives the same signature and band keys.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS
SHINGLE_WORDS = 3
#: Estimated Jaccard similarity above which two bodies are the same article.
NEAR_DUPLICATE_THRESHOLD = 0.6
_SEED = 7
_WORD = re.compile(r"\w+", re.UNICODE)
# One MinHash template holds the permutations; copying it is much cheaper than re-creating them.
_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=_SEED)


def normalized_words(text: str) -> list[str]:
    """Case-folded words without accents: the text that hashes and shingles are made of."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _WORD.findall(text)


def content_hash(body: str) -> str:
    """Hash of the normalised body: equal for texts that differ only in case, accents, spacing, punctuation."""
    return hashlib.sha1(" ".join(normalized_words(body)).encode()).hexdigest()


@dataclass(frozen=True)
class Signature:
    """MinHash signature of a body and its LSH band keys."""

    values: np.ndarray

    @classmethod
    def of(cls, body: str) -> Signature:
        words = normalized_words(body)
        shingles = {
            " ".join(words[i : i + SHINGLE_WORDS]).encode()
            for i in range(max(1, len(words) - SHINGLE_WORDS + 1))
        }
        minhash = _TEMPLATE.copy()
        minhash.update_batch(list(shingles))
        return cls(minhash.hashvalues.copy())

    @classmethod
    def from_bytes(cls, blob: bytes) -> Signature:
        return cls(np.frombuffer(blob, dtype=np.uint64))

    def to_bytes(self) -> bytes:
        return self.values.astype(np.uint64).tobytes()

    def bands(self) -> list[tuple[int, str]]:
        """(band number, bucket key) pairs; two signatures sharing one are candidates."""
        return [
            (band, hashlib.blake2b(self.values[band * ROWS : (band + 1) * ROWS].tobytes(), digest_size=8).hexdigest())
            for band in range(BANDS)
        ]

    def similarity(self, other: Signature) -> float:
        """Estimated Jaccard similarity of the two shingle sets."""
        return float(np.count_nonzero(self.values == other.values)) / NUM_PERM
