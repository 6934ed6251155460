"""An event's location: the best-resolving place mention of its sentence, as the record's
`location` object."""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from typing import Any

from marsad.events.places import PlaceMention
from marsad.geo.context import DocumentContext, countries, dateline_parts, document_context
from marsad.geo.gazetteer import Gazetteer, default_gazetteer
from marsad.geo.resolve import Resolution, country_record, location_record, resolve, rules
from marsad.text.normalize import NormalizedText, extend_over_marks

# Mentions that state containment (بمحافظة ديالى، التابعة لقضاء بيجي، في ريف إدلب).
_CONTAINER_WORDS = frozenset({"محافظه", "محافظات", "ولايه", "قضاء", "ناحيه", "ريف", "مديريه", "منطقه", "اقليم"})
# A container directly after a place states where that place is (العظيم بمحافظة ديالى، X التابعة
# لقضاء بيجي، X في ريف حلب): at most this many characters between them.
_DIRECT_CONTAINMENT_CHARS = 24
_DATELINE_POPULATION = 20_000  # a dateline names a city: a hamlet of the same spelling is not it


def iso2(country: str | None) -> str | None:
    """The ISO 3166 code of a country the codebook names in English (Iraq -> IQ, Cameroon -> CM);
    a name neither list knows is returned as given."""
    if not country:
        return country
    return rules().countries.get(country) or _english_names().get(country, country)


@cache
def _english_names() -> dict[str, str]:
    return {entry.name: code for code, entry in countries().items()}


def _name(nt: NormalizedText, mention: PlaceMention) -> str:
    """The mention with its type word: some places are known by both together (منطقة الوقف);
    resolution drops the type word when the whole is not a name."""
    return nt.text[mention.norm_start : mention.norm_end]


def _resolve(
    gazetteer: Gazetteer,
    nt: NormalizedText,
    mention: PlaceMention,
    focus: str | None,
    hints: set[str],
    strict: bool,
    anchors: tuple[tuple[float, float], ...] = (),
    context: DocumentContext | None = None,
    inside: set[str] | None = None,
) -> Resolution | None:
    return resolve(
        gazetteer,
        _name(nt, mention),
        type_word=mention.type_word,
        focus=focus,
        admin_hints=hints,
        bearing_word=mention.relation,
        distance=mention.distance_km,
        strict_focus=strict,
        anchors=anchors,
        context=context,
        inside=inside,
        ambiguous=getattr(mention, "ambiguous", False),
        explicit=mention.type_word is not None or getattr(mention, "evidence", None) in ("word", "known"),
    )


def resolution_for(
    gazetteer: Gazetteer, nt: NormalizedText, mention: PlaceMention, country: str | None
) -> Resolution | None:
    """One mention on its own (for `marsad geocode`)."""
    return _resolve(gazetteer, nt, mention, rules().countries.get(country or ""), set(), strict=False)


def _containment(
    gazetteer: Gazetteer,
    nt: NormalizedText,
    places: list[PlaceMention],
    focus: str | None,
    strict: bool,
    context: DocumentContext | None = None,
) -> tuple[set[str], tuple[tuple[float, float], ...], dict[int, set[str]]]:
    """The admin codes the sentence says its places lie in, where those containers are, and for
    each place (by its position in ``places``) the codes of the container right after it."""
    hints: set[str] = set()
    anchors: list[tuple[float, float]] = []
    containers: list[tuple[PlaceMention, set[str]]] = []
    for mention in places:
        if mention.kind not in _CONTAINER_WORDS:
            continue
        container = _resolve(gazetteer, nt, mention, focus, set(), strict, context=context)
        if container is not None:
            place = container.place
            own = place.source_id if place.is_admin_unit else None
            codes = {code for code in (own, place.admin1_key) if code}
            hints.update(codes)
            anchors.append((place.latitude, place.longitude))
            containers.append((mention, codes))
    direct: dict[int, set[str]] = {}
    for index, mention in enumerate(places):
        for container, codes in containers:
            gap = container.norm_start - mention.norm_end
            between = nt.text[mention.norm_end : container.norm_start].strip()
            # «مأرب ومنطقة الجوف»، «حلب، إدلب»: a list, not a place and its container
            listed = between.endswith(("و", "،", ",", "او")) or between in ("و", "او")
            if container is not mention and 0 <= gap <= _DIRECT_CONTAINMENT_CHARS and not listed:
                direct[index] = codes
                break
    return hints, tuple(anchors), direct


def locate(
    places: list[PlaceMention],
    nt: NormalizedText,
    country: str | None,
    strict: bool = True,
    only_first: bool = False,
    *,
    context: DocumentContext | None = None,
) -> dict[str, Any] | None:
    """The location of an event from its sentence's places (best first), or None when no gazetteer
    is installed or nothing resolves. ``strict``: the document names its country, so a small place
    abroad that shares a name is not believed.

    ``context``: what the whole article says about where it is (`marsad.geo.context`): the
    countries it names, its dateline, and any the caller adds (the actors' countries, with
    ``DocumentContext.with_countries``). Default: built from ``nt`` itself (the whole document's
    text), once per document. When no place resolves but the sentence names a country, the
    location is that country alone (no coordinates, no precision)."""
    gazetteer, _problem = default_gazetteer()
    if gazetteer is None or not places:
        return None
    context = context if context is not None else document_context(nt)
    focus = rules().countries.get(country or "")
    datelined = _dateline_place(gazetteer, dateline_parts(context))
    if datelined is not None:  # «عدن -»: the article is about that country, and near that city
        context = replace(context, by_name=context.by_name | {datelined[0]})
    hints, anchors, direct = _containment(gazetteer, nt, places, focus, strict, context)
    if datelined is not None:
        anchors = (*anchors, datelined[1])
    named = context.named | ({focus} if focus else frozenset())
    first_pass: dict[int, Resolution | None] = {}
    anchors = (*anchors, *_neighbours(gazetteer, nt, places, focus, strict, context, named, first_pass))
    best: tuple[bool, bool, int, int, Resolution, PlaceMention] | None = None
    for order, mention in enumerate(places[:1] if only_first else places):
        if mention.kind == "known" and mention.specificity == 0:
            continue  # a country's name (تونس، الكويت) names the country, not its capital city
        inside = direct.get(order)
        seen = first_pass.get(id(mention), False)
        if seen is not False and not hints and not inside and (seen is None or len(seen.candidates) == 1):
            resolution = seen  # one candidate (or none): neighbours cannot change it
        else:
            resolution = _resolve(gazetteer, nt, mention, focus, hints, strict, anchors, context, inside)
        if resolution is None:
            continue
        # a place in a country the article names comes first, then the most precise, then the first
        # named; the dateline's city (where the report was filed) only when nothing else resolves
        elsewhere = bool(named) and resolution.place.country not in named
        span = context.dateline_span
        filed = span is not None and span[0] <= mention.norm_start < span[1]
        rank = (filed, elsewhere, resolution.geo_precision, order)
        if best is None or rank < best[:4]:
            best = (*rank, resolution, mention)
    if best is None:
        return _country_only(nt, places[:1] if only_first else places)
    _, _, _, order, resolution, mention = best
    start, end = nt.span_to_original(mention.norm_start, mention.norm_end)
    end = extend_over_marks(nt.original, end)
    return location_record(gazetteer, resolution, nt.original[start:end], [start, end], direct.get(order))


def _neighbours(
    gazetteer: Gazetteer,
    nt: NormalizedText,
    places: list[PlaceMention],
    focus: str | None,
    strict: bool,
    context: DocumentContext,
    named: frozenset[str],
    seen: dict[int, Resolution | None] | None = None,
) -> tuple[tuple[float, float], ...]:
    """Where the sentence's unambiguous places are (every candidate in one country, and that a
    country the article names when it names any): a candidate of an ambiguous name near them is
    the likelier reading."""
    if len(places) < 2:
        return ()
    points = []
    for mention in places:
        if mention.kind == "known" and mention.specificity == 0:
            continue
        resolution = _resolve(gazetteer, nt, mention, focus, set(), strict, context=context)
        if seen is not None:
            seen[id(mention)] = resolution
        if resolution is None or len({place.country for place, _ in resolution.candidates}) > 1:
            continue
        if not named or resolution.place.country in named:
            points.append((resolution.latitude, resolution.longitude))
    return tuple(points)


def _country_only(nt: NormalizedText, places: list[PlaceMention]) -> dict[str, Any] | None:
    """A sentence that names a country (في سوريا) and no place that resolves: located to the country."""
    for mention in places:
        code = iso2(mention.country) if mention.kind == "known" and mention.specificity == 0 else None
        if code and len(code) == 2:
            start, end = nt.span_to_original(mention.norm_start, mention.norm_end)
            end = extend_over_marks(nt.original, end)
            return country_record(code, nt.original[start:end], [start, end])
    return None


_datelines: dict[tuple[int, tuple[str, ...]], tuple[str, tuple[float, float]] | None] = {}


def _dateline_place(gazetteer: Gazetteer, parts: tuple[str, ...]) -> tuple[str, tuple[float, float]] | None:
    """The country and point of a dateline's place (a town of some size or an admin area; an agency's
    name resolves to nothing), once per gazetteer and dateline."""
    if not parts:
        return None
    key = (id(gazetteer), parts)
    if key not in _datelines:
        found = None
        for part in parts:
            resolution = resolve(gazetteer, part, strict_focus=False)
            place = resolution.place if resolution is not None else None
            if place is not None and (place.is_admin_unit or place.population >= _DATELINE_POPULATION):
                found = (place.country, (place.latitude, place.longitude))
                break
        if len(_datelines) > 1000:
            _datelines.clear()
        _datelines[key] = found
    return _datelines[key]


def document_location(
    places: list[PlaceMention],
    nt: NormalizedText,
    country: str | None,
    strict: bool = True,
    *,
    context: DocumentContext | None = None,
) -> dict[str, Any] | None:
    """The place a whole article is about, for its events whose sentence names none: the place its
    text names most often (twice at least), else the place its headline names, else its
    dateline's city; only in a country the article names when it names any. Country names never
    count. The caller codes it at precision 2 at best with `source: "document"`.

    ``places``: every place mention of the document (not only the events' sentences)."""
    gazetteer, _problem = default_gazetteer()
    if gazetteer is None or not places:
        return None
    context = context if context is not None else document_context(nt)
    named = context.places_named or context.named
    headline_end = nt.text.find("\n") if "\n" in nt.text.strip() else -1
    found: dict[str, tuple[int, bool, int, dict[str, Any]]] = {}
    for order, mention in enumerate(places):
        in_headline = 0 <= mention.norm_start < headline_end
        if mention.specificity == 0 or (mention.evidence is None and not in_headline):
            continue  # a bare name in the body is often a government («هددت أنقرة»), not a place
        location = locate([mention], nt, country, strict, context=context)
        if not location or not location.get("gazetteer_id"):
            continue
        if named and location["country"] not in named:
            continue
        key = location["gazetteer_id"]
        count, headline, first, record = found.get(key, (0, False, order, location))
        found[key] = (count + 1, headline or in_headline, first, record)
    if not found:
        return None
    often = max(found.values(), key=lambda item: (item[0], item[1], -item[2]))
    if often[0] >= 2:
        return often[3]
    headline = [item for item in found.values() if item[1]]
    if headline:
        return min(headline, key=lambda item: item[2])[3]
    span = context.dateline_span
    if span is not None:
        for mention in places:
            if span[0] <= mention.norm_start < span[1] and mention.specificity > 0:
                location = locate([mention], nt, country, strict, context=context)
                if location and location.get("gazetteer_id"):
                    return location
    return None
