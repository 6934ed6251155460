"""Near-duplicate documents (a wire story syndicated by several outlets) by SimHash over word
shingles of the normalized text: copies differ in a few words and land within a few bits."""

from __future__ import annotations

import hashlib
import re

_WORD = re.compile(r"[^\W_]+")
SHINGLE = 3
NEAR_BITS = 3  # Hamming distance at or below which two documents are copies


def simhash(normalized_text: str) -> int:
    words = _WORD.findall(normalized_text)
    weights = [0] * 64
    shingles = [" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))]
    for shingle in shingles:
        value = int.from_bytes(hashlib.blake2b(shingle.encode("utf-8"), digest_size=8).digest(), "big")
        for bit in range(64):
            weights[bit] += 1 if value >> bit & 1 else -1
    return sum(1 << bit for bit in range(64) if weights[bit] > 0)


def bands(fingerprint: int) -> tuple[int, int, int, int]:
    """The four 16-bit bands of a fingerprint (signed-safe for any SQL integer column)."""
    return tuple((fingerprint >> (16 * index)) & 0xFFFF for index in range(4))  # type: ignore[return-value]


def hamming(first: int, second: int) -> int:
    return (first ^ second).bit_count()


def is_near_duplicate(first: int, second: int) -> bool:
    return hamming(first, second) <= NEAR_BITS
