"""Sentences and tokens, with the clitic analysis that lexicon matching needs.

Both work on normalized text (see ``normalize``) and report offsets in both coordinate systems:
``norm_start``/``norm_end`` for later matching, ``start``/``end`` into the original text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import accumulate
from typing import NamedTuple, overload

from marsad.text.normalize import NormalizedText, normalize_string

# A candidate sentence end: a run of terminal punctuation, or a line break. Normalization has
# already mapped ؟ to ? and ۔ to '.'.
_BOUNDARY = re.compile(r"[.!?]+|\n\s*")
_QUOTE = re.compile(r'"')
_OPENING_QUOTES = frozenset("«“„")
_CLOSING_QUOTES = frozenset("»”")
_WORD_BEFORE = re.compile(r"(?<![^\W\d_])[^\W\d_]+$")  # the letters right before a position
_LONGEST_ABBREVIATION = 12
# A token is a run of letters or digits, with the decimal or thousands groups of a number kept whole.
_TOKEN_SPLIT = re.compile(r"([^\W_]+(?:[.,][0-9]+)*)")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    norm_start: int
    norm_end: int
    text: str  # the original text of the sentence, stripped


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    raw = json.loads(resources.files("marsad.text.data").joinpath("abbreviations.json").read_text("utf-8"))
    return frozenset(normalize_string(word) for word in raw["abbreviations"])


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the '.' at ``dot`` ends an abbreviation (د. for doctor, a lone initial, ق.م)."""
    if dot == 0 or not text[dot - 1].isalpha():
        return False
    if dot == 1 or not text[dot - 2].isalpha():  # a lone initial: د. أ. م.
        return True
    match = _WORD_BEFORE.search(text, max(0, dot - _LONGEST_ABBREVIATION - 1), dot)
    return match is not None and match.group() in _abbreviations()


def _quote_step(nt: NormalizedText, position: int, open_quotes: int) -> int:
    """Track «…» and “…” nesting using the original characters (normalization folds both sides
    to '"'); a plain '"' toggles."""
    original_char = nt.original[nt.to_original(position)]
    if original_char in _OPENING_QUOTES:
        return open_quotes + 1
    if original_char in _CLOSING_QUOTES:
        return max(0, open_quotes - 1)
    return 0 if open_quotes else 1


def split_sentences(nt: NormalizedText) -> list[Sentence]:
    """Sentences end at . ! ? ؟ and line breaks, but not inside numbers (3.5), quotes or
    abbreviations; the Arabic comma never ends one."""
    text = nt.text
    sentences: list[Sentence] = []
    quotes = [match.start() for match in _QUOTE.finditer(text)]
    next_quote = 0
    open_quotes = 0
    start = 0
    for match in _BOUNDARY.finditer(text):
        stop = match.start()
        while next_quote < len(quotes) and quotes[next_quote] < stop:
            open_quotes = _quote_step(nt, quotes[next_quote], open_quotes)
            next_quote += 1
        if text[stop] == "\n":
            open_quotes = 0
        elif open_quotes:
            continue
        elif text[stop] == "." and match.end() - stop == 1:
            if 0 < stop < len(text) - 1 and text[stop - 1].isdigit() and text[stop + 1].isdigit():
                continue  # a decimal point
            if _is_abbreviation(text, stop):
                continue
        _append_sentence(nt, sentences, start, match.end())
        start = match.end()
    _append_sentence(nt, sentences, start, len(text))
    return sentences


def _append_sentence(nt: NormalizedText, sentences: list[Sentence], start: int, end: int) -> None:
    segment = nt.text[start:end]
    stripped = segment.strip()
    if not stripped:
        return
    norm_start = start + (len(segment) - len(segment.lstrip()))
    norm_end = norm_start + len(stripped)
    orig_start, orig_end = nt.span_to_original(norm_start, norm_end)
    sentences.append(Sentence(orig_start, orig_end, norm_start, norm_end, nt.original[orig_start:orig_end]))


class Token(NamedTuple):
    """A word or number in normalized coordinates; ``nt.span_to_original`` gives the original span."""

    norm_start: int
    norm_end: int
    surface: str  # normalized


class Tokens(Sequence[Token]):
    """The tokens of a normalized text, stored as two columns (surfaces and start offsets) and
    turned into ``Token`` values only when asked: one ``re.split`` finds them all at C speed."""

    __slots__ = ("cache", "starts", "surfaces")

    def __init__(self, nt: NormalizedText) -> None:
        self.cache: dict[str, object] = {}  # derived per-token columns that later stages compute once
        parts = _TOKEN_SPLIT.split(nt.text)  # separator, token, separator, token, …, separator
        offsets = list(accumulate(map(len, parts), initial=0))
        self.surfaces: list[str] = parts[1::2]
        self.starts: list[int] = offsets[1 : len(parts) : 2]

    def __len__(self) -> int:
        return len(self.surfaces)

    @overload
    def __getitem__(self, index: int) -> Token: ...
    @overload
    def __getitem__(self, index: slice) -> list[Token]: ...
    def __getitem__(self, index: int | slice) -> Token | list[Token]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        surface = self.surfaces[index]
        start = self.starts[index]
        return Token(start, start + len(surface), surface)

    def __iter__(self) -> Iterator[Token]:
        for start, surface in zip(self.starts, self.surfaces, strict=True):
            yield Token(start, start + len(surface), surface)

    def analyses(self, start: int = 0, end: int | None = None) -> list[tuple[CliticAnalysis, ...]]:
        """The clitic analyses of every token (or of tokens[start:end]), in order.

        A plain dict look-up per token (``map(dict.get)`` runs in C) is several times cheaper than
        calling a cached function; the dict is cleared when it grows past a bound, so memory stays
        flat however many documents go through.
        """
        cache = _ANALYSIS_CACHE
        surfaces = self.surfaces if start == 0 and end is None else self.surfaces[start:end]
        found = list(map(cache.get, surfaces))
        if None in found:
            if len(cache) > _ANALYSIS_CACHE_SIZE:
                cache.clear()
            for index, analyses in enumerate(found):
                if analyses is None:
                    surface = surfaces[index]
                    found[index] = cache[surface] = _analyse(surface)
        return found  # type: ignore[return-value]


def tokenize(nt: NormalizedText) -> Tokens:
    return Tokens(nt)


class CliticAnalysis(NamedTuple):
    """One way to read a token: its proclitics (in order) and the stem that remains."""

    proclitics: tuple[str, ...]
    stem: str


# Proclitic slots, outermost first: conjunction, then preposition or future marker, then the article.
_CONJUNCTIONS = ("و", "ف")
_PARTICLES = ("ب", "ل", "ك", "س")
_ARTICLE = "ال"
_MIN_STEM = 2


_ANALYSIS_CACHE: dict[str, tuple[CliticAnalysis, ...]] = {}
_ANALYSIS_CACHE_SIZE = 200_000


def clitic_analyses(surface: str) -> tuple[CliticAnalysis, ...]:
    """Every segmentation of ``surface`` (normalized) into proclitics + stem, the bare word first.

    وبالرمادي -> (), وبالرمادي | و, بالرمادي | و ب, الرمادي | و ب ال, رمادي. ``لل`` is ل + ال with the
    article's alef dropped (للجيش -> ل ال, جيش). Stems shorter than two letters are not offered.
    """
    found = _ANALYSIS_CACHE.get(surface)
    if found is None:
        if len(_ANALYSIS_CACHE) > _ANALYSIS_CACHE_SIZE:
            _ANALYSIS_CACHE.clear()
        found = _ANALYSIS_CACHE[surface] = _analyse(surface)
    return found


def _analyse(surface: str) -> tuple[CliticAnalysis, ...]:
    analyses: list[CliticAnalysis] = [CliticAnalysis((), surface)]
    seen: set[tuple[tuple[str, ...], str]] = {((), surface)}

    def add(proclitics: tuple[str, ...], stem: str) -> None:
        if len(stem) >= _MIN_STEM and (proclitics, stem) not in seen:
            seen.add((proclitics, stem))
            analyses.append(CliticAnalysis(proclitics, stem))

    for conj in ("", *_CONJUNCTIONS):
        if conj and not surface.startswith(conj):
            continue
        after_conj = surface[len(conj) :]
        base = (conj,) if conj else ()
        if conj:
            add(base, after_conj)
        for particle in ("", *_PARTICLES):
            if particle and not after_conj.startswith(particle):
                continue
            after_particle = after_conj[len(particle) :]
            prefix = (*base, particle) if particle else base
            if particle:
                add(prefix, after_particle)
            if particle == "ل" and after_particle.startswith("ل"):
                add((*prefix, _ARTICLE), after_particle[1:])  # للجيش
            if particle != "س" and after_particle.startswith(_ARTICLE):
                add((*prefix, _ARTICLE), after_particle[len(_ARTICLE) :])
    return tuple(analyses)


def candidate_stems(surface: str) -> tuple[str, ...]:
    """The distinct stems of ``clitic_analyses``, for lexicon look-up."""
    return tuple(dict.fromkeys(analysis.stem for analysis in clitic_analyses(surface)))
