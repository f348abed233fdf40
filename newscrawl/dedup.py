"""Duplicate detection: exact (normalised body hash) and near (MinHash + LSH over word shingles).

The LSH index lives in SQLite (``minhash_bands``) so that a syndicated copy
fetched in next week's cron run still finds the original. MinHash uses a
fixed seed: the same text always gives the same signature and band keys.

The MinHash is datasketch 2's (``datasketch.MinHash(num_perm=128, seed=7)``,
its default ``affine32`` scheme: SHA-1 of each shingle, first 4 bytes
little-endian, MurmurHash3's finalizer, then ``a*h + b mod 2**32`` per
permutation) computed here with numpy alone: importing datasketch loads SciPy,
half a second of every crawl's start.
``tests/test_dedup_signature.py`` checks the values equal datasketch's, so
signatures stored by earlier versions still match.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS
SHINGLE_WORDS = 3
#: Estimated Jaccard similarity above which two bodies are the same article.
NEAR_DUPLICATE_THRESHOLD = 0.6
_SEED = 7
_WORD = re.compile(r"\w+", re.UNICODE)
_MAX_HASH = np.uint32((1 << 32) - 1)
# MurmurHash3's 32-bit finalizer, which datasketch applies to each shingle hash first
_FMIX = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))


def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The (a, b) parameters of the affine permutations, drawn as datasketch draws them."""
    generator = np.random.RandomState(seed)
    a = generator.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


_A, _B = _permutations(NUM_PERM, _SEED)


def minhash_values(shingles: list[bytes]) -> np.ndarray:
    """The MinHash of a set of byte strings: ``NUM_PERM`` uint32 values."""
    if not shingles:
        return np.full(NUM_PERM, _MAX_HASH, dtype=np.uint32)
    # The first 4 bytes of each SHA-1, read as little-endian uint32 in one numpy call (a copy: the
    # buffer is read-only), not unpacked one by one: half the CPU of a signature.
    sha1 = hashlib.sha1
    hashes = np.frombuffer(b"".join([sha1(s).digest()[:4] for s in shingles]), dtype="<u4").astype(np.uint32)
    s1, m1, s2, m2, s3 = _FMIX
    hashes ^= hashes >> s1
    hashes *= m1
    hashes ^= hashes >> s2
    hashes *= m2
    hashes ^= hashes >> s3
    # (len(shingles), NUM_PERM); uint32 arithmetic wraps modulo 2**32, as the scheme wants
    return (hashes[:, None] * _A + _B).min(axis=0)


class _Unaccented(dict[int, str]):
    """``str.translate`` table: each character to its NFKD form without combining marks, worked out once.

    Per character this is what NFKD of the whole text, combining marks dropped, gives: NFKD
    decomposes character by character and only reorders combining marks, which are all dropped.
    """

    def __missing__(self, ordinal: int) -> str:
        decomposed = unicodedata.normalize("NFKD", chr(ordinal))
        value = self[ordinal] = "".join(c for c in decomposed if not unicodedata.combining(c))
        return value


_UNACCENTED = _Unaccented()


def normalized_words(text: str) -> list[str]:
    """Case-folded words without accents: the text that hashes and shingles are made of."""
    return list(_normalized_words(text))


@lru_cache(maxsize=8)  # a body's content hash and its signature read the same words
def _normalized_words(text: str) -> tuple[str, ...]:
    if text.isascii():
        return tuple(_WORD.findall(text.lower()))
    return tuple(_WORD.findall(text.casefold().translate(_UNACCENTED)))


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
        if len(words) <= SHINGLE_WORDS:  # a short body is one shingle of all its words
            return cls(minhash_values([" ".join(words).encode()]))
        # distinct word tuples first (words hold no space, so joining keeps them distinct): each
        # shingle is joined and hashed once, however often the body repeats it
        shingles = set(zip(*(words[k:] for k in range(SHINGLE_WORDS)), strict=False))
        return cls(minhash_values([" ".join(s).encode() for s in shingles]))

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
