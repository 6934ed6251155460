"""What a whole article says about where it is: the countries it names (by name, demonym or a place
the codebook ties to a country), its dateline («بغداد -» at the start of the lead), and the points
those stand for. Place resolution ranks candidates with it: a candidate thousands of kilometres from
everything else in the article needs its own evidence.

`document_context(nt)` builds it from the normalized document text alone (cached for the last few
documents), so `locate` can use it without the caller's help; the event stage may build it once and
pass it (`locate(..., context=...)`), adding the actors' countries.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from marsad.geo.admin import units
from marsad.recognize.lexicon import PhraseLexicon, longest_matches
from marsad.text.normalize import NormalizedText
from marsad.text.segment import tokenize

# A dateline: up to three words, then a dash or a colon, at the start of the lead («عدن - »,
# «بغداد/ (رويترز) -»); the title is the first line.
_DATELINE = re.compile(r"^\s*([\u0621-\u064a]+(?: [\u0621-\u064a]+){0,2})\s*(?:/|،)?\s*(?:\([^)]{0,40}\))?\s*[-–—:]\s")
_CACHE_SIZE = 8


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    numeric: int | None


@dataclass(frozen=True)
class DocumentContext:
    """The countries an article names (ISO 3166 alpha-2, with how often) and its dateline."""

    countries: Counter[str] = field(default_factory=Counter)
    dateline: str | None = None  # the dateline's words as normalized
    extra_countries: frozenset[str] = frozenset()  # given by the caller: the actors' countries

    @property
    def named(self) -> frozenset[str]:
        return frozenset(self.countries) | self.extra_countries

    @property
    def main_country(self) -> str | None:
        return self.countries.most_common(1)[0][0] if self.countries else None

    def with_countries(self, codes: Iterable[str | None]) -> DocumentContext:
        """The same context with more countries the article is known to be about (its actors')."""
        return DocumentContext(self.countries, self.dateline, self.extra_countries | {c for c in codes if c})


@cache
def countries() -> dict[str, Country]:
    spec = json.loads(resources.files("marsad.geo.data").joinpath("countries.json").read_text("utf-8"))
    return {code: Country(code, entry["name"], entry.get("numeric")) for code, entry in spec["countries"].items()}


@cache
def _country_lexicon() -> PhraseLexicon[str]:
    spec = json.loads(resources.files("marsad.geo.data").joinpath("countries.json").read_text("utf-8"))
    lexicon: PhraseLexicon[str] = PhraseLexicon()
    for code, entry in spec["countries"].items():
        names = list(entry["ar"])
        demonym = entry.get("demonym")
        if demonym:
            names += [demonym, demonym + "ة", demonym + "ين", demonym + "ون"]
        for name in names:
            lexicon.add(name, code)
    return lexicon


@cache
def country_points() -> dict[str, tuple[tuple[float, float], ...]]:
    """Where a country is, for distances: the centroids of its admin1 units (a country's extent,
    not one point: Saudi Arabia's far corners are near Yemen and Jordan)."""
    points: dict[str, list[tuple[float, float]]] = {}
    for unit in units().values():
        if unit.level == 1 and unit.latitude is not None and unit.longitude is not None:
            points.setdefault(unit.country, []).append((unit.latitude, unit.longitude))
    return {code: tuple(found) for code, found in points.items()}


def countries_named(nt: NormalizedText) -> Counter[str]:
    """How often the text names each country (its name, a demonym)."""
    tokens = tokenize(nt)
    found: Counter[str] = Counter()
    for match in longest_matches(_country_lexicon().match(tokens)):
        found[match.payload] += 1
    return found


def dateline(nt: NormalizedText) -> str | None:
    """The dateline's words when the lead (the line after the title, or the first) opens with one."""
    lines = [line for line in nt.text.split("\n") if line.strip()]
    for line in lines[1:2] + lines[:1]:
        match = _DATELINE.match(line)
        if match:
            return match.group(1)
    return None


_recent: list[tuple[NormalizedText, DocumentContext]] = []


def document_context(nt: NormalizedText) -> DocumentContext:
    """The context of the document ``nt`` is the text of (the last few are kept)."""
    for seen, context in _recent:
        if seen is nt:
            return context
    context = DocumentContext(countries_named(nt), dateline(nt))
    _recent.append((nt, context))
    del _recent[:-_CACHE_SIZE]
    return context
