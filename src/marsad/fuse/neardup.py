"""Near-duplicate documents (a wire story syndicated by several outlets) by SimHash over word
shingles of the normalized text: copies differ in a few words and land within a few bits."""

from __future__ import annotations

import hashlib
import re

import numpy as np

_WORD = re.compile(r"[^\W_]+")
SHINGLE = 3
NEAR_BITS = 3  # Hamming distance at or below which two documents are copies


def simhash(normalized_text: str) -> int:
    words = _WORD.findall(normalized_text)
    shingles = [" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))]
    digests = b"".join(hashlib.blake2b(shingle.encode("utf-8"), digest_size=8).digest() for shingle in shingles)
    # bit b of every shingle's hash (read big-endian, as an integer), counted with numpy: a bit is
    # set in the fingerprint when more than half of the shingles have it
    values = np.frombuffer(digests, dtype=">u8").astype("<u8")
    bits = np.unpackbits(values.view(np.uint8).reshape(-1, 8), axis=1, bitorder="little")
    majority = 2 * bits.sum(axis=0, dtype=np.int64) > len(shingles)
    return int.from_bytes(np.packbits(majority, bitorder="little").tobytes(), "little")


def bands(fingerprint: int) -> tuple[int, int, int, int]:
    """The four 16-bit bands of a fingerprint (signed-safe for any SQL integer column)."""
    return tuple((fingerprint >> (16 * index)) & 0xFFFF for index in range(4))  # type: ignore[return-value]


def hamming(first: int, second: int) -> int:
    return (first ^ second).bit_count()


def is_near_duplicate(first: int, second: int) -> bool:
    return hamming(first, second) <= NEAR_BITS
