"""A clitic-aware phrase lexicon: every lexicon in one index, matched in one pass over the tokens.

Entries are phrases in normalized spelling. The first word of a phrase may carry proclitics in the
text (وبالجيش، للقوات، فالغارة): it is matched against the candidate stems of the token's clitic
analysis. The definite article is ignored when comparing words (العبوة الناسفة matches عبوة ناسفة),
because Arabic marks it on every word of a definite phrase.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from marsad.text.normalize import normalize_string
from marsad.text.segment import CliticAnalysis, Tokens, clitic_analyses

Payload = TypeVar("Payload")
Other = TypeVar("Other")
_ARTICLE = "ال"


def _bare(word: str) -> str:
    """A word without its definite article (kept when too little would remain)."""
    return word[2:] if word.startswith(_ARTICLE) and len(word) > 3 else word


def phrase_key(phrase: str) -> tuple[str, ...]:
    return tuple(_bare(word) for word in normalize_string(phrase).split())


@dataclass(frozen=True, slots=True)
class LexiconMatch(Generic[Payload]):
    first_token: int  # index into the Tokens
    last_token: int  # inclusive
    norm_start: int  # normalized offsets of the matched words, proclitics (other than ال) excluded
    norm_end: int
    proclitics: tuple[str, ...]  # what the first word carried: و ف ب ل ك س ال
    payload: Payload


class PhraseLexicon(Generic[Payload]):
    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], Payload]]] = defaultdict(list)
        self.longest = 1

    def add(self, phrase: str, payload: Payload) -> None:
        key = phrase_key(phrase)
        if not key:
            return
        self._by_first[key[0]].append((key[1:], payload))
        self.longest = max(self.longest, len(key))

    def add_key(self, key: tuple[str, ...], payload: Payload) -> None:
        """Add an already normalized, article-less key (as ``phrase_key`` makes)."""
        self._by_first[key[0]].append((key[1:], payload))
        self.longest = max(self.longest, len(key))

    def lookup(self, key: tuple[str, ...]) -> list[Payload]:
        """The payloads of exactly this key."""
        return [payload for rest, payload in self._by_first.get(key[0], ()) if rest == key[1:]] if key else []

    def add_all(self, phrases: Iterable[str], payload: Payload) -> None:
        for phrase in phrases:
            self.add(phrase, payload)

    def extend(self, other: PhraseLexicon[Payload]) -> None:
        """Add every entry of ``other``: several lexicons then match in one pass."""
        for first, entries in other._by_first.items():
            self._by_first[first].extend(entries)
        self.longest = max(self.longest, other.longest)

    def mapped(self, function: Callable[[Payload], Other]) -> PhraseLexicon[Other]:
        """The same phrases with ``function`` applied to every payload."""
        result: PhraseLexicon[Other] = PhraseLexicon()
        for first, entries in self._by_first.items():
            result._by_first[first] = [(rest, function(payload)) for rest, payload in entries]
        result.longest = self.longest
        return result

    def payloads(self) -> Iterator[Payload]:
        for entries in self._by_first.values():
            for _, payload in entries:
                yield payload

    def match(self, tokens: Tokens, start: int = 0, end: int | None = None) -> list[LexiconMatch[Payload]]:
        """Every match starting in tokens[start:end]; overlapping matches are all returned
        (callers choose: see ``longest_matches``)."""
        end = len(tokens) if end is None else end
        by_first = self._by_first
        surfaces = tokens.surfaces
        starts = tokens.starts
        bare = bare_surfaces(tokens)
        count = len(surfaces)
        found: list[LexiconMatch[Payload]] = []
        for index in range(start, end):
            for key, analysis in _lookup_keys(surfaces[index]):
                candidates = by_first.get(key)
                if not candidates:
                    continue
                for rest, payload in candidates:
                    last = index + len(rest)
                    if rest and (last >= count or tuple(bare[index + 1 : last + 1]) != rest):
                        continue
                    proclitics = analysis.proclitics
                    # the span starts after conjunctions and prepositions but keeps the article
                    leading = len(surfaces[index]) - len(analysis.stem)
                    if proclitics and proclitics[-1] == _ARTICLE:
                        leading -= 2  # ال, or لل (ل + the article) as written
                    norm_end = starts[last] + len(surfaces[last])
                    found.append(LexiconMatch(index, last, starts[index] + leading, norm_end, proclitics, payload))
        return found


_KEY_CACHE: dict[str, tuple[tuple[str, CliticAnalysis], ...]] = {}
_KEY_CACHE_SIZE = 200_000


def _lookup_keys(surface: str) -> tuple[tuple[str, CliticAnalysis], ...]:
    """The distinct article-less stems a token can be looked up by, each with its analysis."""
    keys = _KEY_CACHE.get(surface)
    if keys is None:
        if len(_KEY_CACHE) > _KEY_CACHE_SIZE:
            _KEY_CACHE.clear()
        seen: dict[str, CliticAnalysis] = {}
        # the analysis that strips most proclitics explains a key best (الغارات: ال + غارات)
        for analysis in sorted(clitic_analyses(surface), key=lambda a: -len(a.proclitics)):
            seen.setdefault(_bare(analysis.stem), analysis)
        keys = _KEY_CACHE[surface] = tuple(seen.items())
    return keys


def bare_surfaces(tokens: Tokens) -> list[str]:
    """Every token without its article, computed once per Tokens."""
    cached = tokens.cache.get("bare")
    if cached is None:
        cached = tokens.cache["bare"] = [_bare(surface) for surface in tokens.surfaces]
    return cached


def longest_matches(matches: list[LexiconMatch[Payload]]) -> list[LexiconMatch[Payload]]:
    """Non-overlapping matches, preferring the longer (then the earlier) one."""
    chosen: list[LexiconMatch[Payload]] = []
    taken: set[int] = set()
    for match in sorted(matches, key=lambda m: (-(m.last_token - m.first_token), m.first_token)):
        span = range(match.first_token, match.last_token + 1)
        if any(index in taken for index in span):
            continue
        taken.update(span)
        chosen.append(match)
    return sorted(chosen, key=lambda m: m.first_token)
