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

# A dateline: up to three groups of at most three words, each closed by a dash, a colon or a slash,
# at the start of the lead («عدن - »، «بغداد/ (رويترز) -»، «واس- صنعاء:»); the title is the first line.
_DATELINE = re.compile(
    r"^\s*((?:[\u0621-\u064a]+(?: [\u0621-\u064a]+){0,2}\s*(?:\([^)]{0,40}\))?\s*[-–—:/،]\s*){1,3})"
)
_DATELINE_SEPARATORS = re.compile(r"[-–—:/،]|\([^)]*\)")
_CACHE_SIZE = 8


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    numeric: int | None


@dataclass(frozen=True)
class DocumentContext:
    """The countries an article names (ISO 3166 alpha-2, with how often) and its dateline."""

    countries: Counter[str] = field(default_factory=Counter)  # by name (العراق) or demonym (العراقية)
    dateline: str | None = None  # the dateline's words as normalized (its groups joined by " / ")
    extra_countries: frozenset[str] = frozenset()  # given by the caller: the actors' countries
    by_name: frozenset[str] = frozenset()  # the countries named by their name, not only a demonym
    dateline_span: tuple[int, int] | None = None  # where the dateline is in the normalized text

    @property
    def named(self) -> frozenset[str]:
        """Every country the article points at, by name, demonym or the caller's word."""
        return frozenset(self.countries) | self.extra_countries

    @property
    def places_named(self) -> frozenset[str]:
        """The countries the article names as places (اليمن، في سوريا): what makes a candidate
        thousands of km away far-fetched. A demonym alone (طائرات روسية) says who, not where."""
        return self.by_name

    @property
    def main_country(self) -> str | None:
        return self.countries.most_common(1)[0][0] if self.countries else None

    def with_countries(self, codes: Iterable[str | None]) -> DocumentContext:
        """The same context with more countries the article is known to be about (its actors')."""
        extra = self.extra_countries | {c for c in codes if c}
        return DocumentContext(self.countries, self.dateline, extra, self.by_name, self.dateline_span)


@cache
def countries() -> dict[str, Country]:
    spec = json.loads(resources.files("marsad.geo.data").joinpath("countries.json").read_text("utf-8"))
    return {code: Country(code, entry["name"], entry.get("numeric")) for code, entry in spec["countries"].items()}


@cache
def _country_lexicon() -> PhraseLexicon[tuple[str, bool]]:
    """Country names and demonyms -> (ISO code, is a name)."""
    spec = json.loads(resources.files("marsad.geo.data").joinpath("countries.json").read_text("utf-8"))
    lexicon: PhraseLexicon[tuple[str, bool]] = PhraseLexicon()
    for code, entry in spec["countries"].items():
        for name in entry["ar"]:
            lexicon.add(name, (code, True))
        demonym = entry.get("demonym")
        if demonym:
            for form in (demonym, demonym + "ة", demonym + "ين", demonym + "ون"):
                lexicon.add(form, (code, False))
    return lexicon


@cache
def country_points() -> dict[str, tuple[tuple[float, float], ...]]:
    """Where a country is, for distances: the centroids of its admin1 units (a country's extent,
    not one point: Saudi Arabia's far corners are near Yemen and Jordan)."""
    points: dict[str, list[tuple[float, float]]] = {}
    for unit in units().values():
        if unit.level == 1 and unit.latitude is not None and unit.longitude is not None:
            points.setdefault(unit.country, []).append((unit.latitude, unit.longitude))
    spec = json.loads(resources.files("marsad.geo.data").joinpath("countries.json").read_text("utf-8"))
    for code, entry in spec["countries"].items():
        if code not in points and entry.get("point"):
            points[code] = [tuple(entry["point"])]  # a country beyond the admin tables: one point
    return {code: tuple(found) for code, found in points.items()}


def countries_named(nt: NormalizedText) -> Counter[str]:
    """How often the text names each country (its name, a demonym)."""
    return _countries(nt)[0]


def _countries(nt: NormalizedText) -> tuple[Counter[str], frozenset[str]]:
    """How often the text points at each country, and the countries it names by name."""
    tokens = tokenize(nt)
    found: Counter[str] = Counter()
    by_name: set[str] = set()
    for match in longest_matches(_country_lexicon().match(tokens)):
        code, is_name = match.payload
        found[code] += 1
        if is_name:
            by_name.add(code)
    return found, frozenset(by_name)


def dateline(nt: NormalizedText) -> str | None:
    """The dateline's words when the lead (the line after the title, or the first) opens with one;
    its groups (an agency and a city: «واس- صنعاء:») joined by " / "."""
    found = _dateline(nt)
    return found[0] if found else None


def _dateline(nt: NormalizedText) -> tuple[str, tuple[int, int]] | None:
    starts, offset = [], 0
    for line in nt.text.split("\n"):
        if line.strip():
            starts.append((offset, line))
        offset += len(line) + 1
    for start, line in starts[1:2] + starts[:1]:
        match = _DATELINE.match(line)
        if match:
            parts = [part.strip() for part in _DATELINE_SEPARATORS.split(match.group(1)) if part.strip()]
            if parts:
                return " / ".join(parts), (start, start + match.end(1))
    return None


def dateline_parts(context: DocumentContext) -> tuple[str, ...]:
    return tuple(context.dateline.split(" / ")) if context.dateline else ()


_recent: list[tuple[NormalizedText, DocumentContext]] = []


def document_context(nt: NormalizedText) -> DocumentContext:
    """The context of the document ``nt`` is the text of (the last few are kept)."""
    for seen, context in _recent:
        if seen is nt:
            return context
    found, by_name = _countries(nt)
    line = _dateline(nt)
    context = DocumentContext(found, line[0] if line else None, frozenset(), by_name, line[1] if line else None)
    _recent.append((nt, context))
    del _recent[:-_CACHE_SIZE]
    return context
