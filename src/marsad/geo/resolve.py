"""Toponym resolution: from a place mention to a gazetteer place, a point and an honest precision.

Candidates are ranked by what the text says about them (the type word before the name: محافظة,
قضاء, ناحية, قرية …), the containment stated nearby (بمحافظة الأنبار), the document's country, the
source's authority and the place's population. A relational phrase (شرقي وادي القذف، 20 كم جنوب
كركوك) gives the anchor's position with precision 2. Precision follows ACLED: 1 a town or site, 2 near
a place or part of a region (a district, a wadi), 3 the region only (a governorate). Nothing falls
back to a country centroid: with no place found, the location stays empty.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from marsad.geo import admin
from marsad.geo.build import name_rules
from marsad.geo.context import DocumentContext, countries, country_points
from marsad.geo.gazetteer import Gazetteer, Place
from marsad.geo.shapes import distance_km
from marsad.recognize.lexicon import phrase_key

_SOURCE_WEIGHT = {"ocha": 1.0, "admin": 1.0, "curated": 1.2, "geonames": 0.6, "osm": 0.2}
_AREA_PRECISION = {"governorate": 3, "region": 3, "desert": 2}
_AREA_WEIGHT = {"governorate": 1.8, "district": 1.4, "subdistrict": 0.8, "region": 1.0}
# A place outside the document's country is only believed when it is big enough to be news itself.
_FOREIGN_MIN_POPULATION = 500_000
_TOWN_POPULATION = 5_000
_SMALL_REGION_KM = 30
_ANCHOR_KM = 80
_NEIGHBOUR_KM = 300
_AREA_LEVEL = {"governorate": 1, "district": 2, "subdistrict": 3}
_STATED_ADMIN_REACH_KM = 150  # how far from a governorate's centroid a stated containment is believed
_NAME_PREFIXES = frozenset(
    {"ابو", "ابي", "ابا", "ام", "عين", "تل", "بئر", "جرف", "ذي", "ذو", "سيد", "بني", "راس", "دير"}
)
# A candidate this far (km) from every country the article names, and from its other places, is not
# believed without its own evidence: its country named, or a known city (this populous) that a
# locative word or a type word introduces.
_FAR_KM = 1000
_KNOWN_CITY_POPULATION = 1_000_000
# In a country the article never names (by name, demonym or the caller's actors), a GeoNames place
# smaller than this is not believed (البنجاب in a report about Pakistan is no Afghan village).
_UNNAMED_COUNTRY_POPULATION = 20_000
# Type words for natural features: a town or an admin area of the same name is not what they name
# (a desert or a wadi named after a governorate, صحراء نينوى، is that governorate's land, and stays).
_NATURAL_KINDS = frozenset({"river", "lake", "mountains", "island"})


@dataclass(frozen=True)
class Rules:
    type_kinds: dict[str, tuple[str, ...]]  # normalized type word -> the kinds it introduces
    bearings: dict[str, float]  # شمال -> 0, شرقي -> 90 …
    near_words: frozenset[str]
    default_countries: frozenset[str]
    countries: dict[str, str]  # the codebook's English country names -> ISO 3166 alpha-2


@cache
def rules() -> Rules:
    spec = json.loads(resources.files("marsad.geo.data").joinpath("resolution.json").read_text("utf-8"))
    return Rules(
        type_kinds={" ".join(phrase_key(word)): tuple(kinds) for word, kinds in spec["type_kinds"].items()},
        bearings={" ".join(phrase_key(word)): float(bearing) for word, bearing in spec["bearings"].items()},
        near_words=frozenset(" ".join(phrase_key(word)) for word in spec["near_words"]),
        default_countries=frozenset(spec["default_countries"]),
        countries=dict(spec["countries"]),
    )


@dataclass(frozen=True)
class Resolution:
    place: Place
    latitude: float
    longitude: float
    geo_precision: int
    relation: dict[str, Any] | None  # {"words": "شرقي", "bearing": 90, "distance_km": 20} or {"words": "قرب"}
    score: float
    candidates: tuple[tuple[Place, float], ...]


def _score(
    place: Place,
    type_word: str | None,
    focus: str | None,
    admin_hints: set[str],
    anchors: Sequence[tuple[float, float]] = (),
    named: frozenset[str] = frozenset(),
) -> float:
    score = _SOURCE_WEIGHT.get(place.source, 0.5)
    if type_word:
        kinds = rules().type_kinds.get(type_word, ())
        # the first kind a type word names is what it usually means (مدينة: a city before a district)
        score += (2.0 if place.kind == kinds[0] else 1.0) if place.kind in kinds else -1.0
    if focus and place.country == focus:
        score += 1.5
    elif place.country in named:
        score += 1.0  # a country the article names
    elif not focus and not named and place.country in rules().default_countries:
        score += 0.75  # a report that never names its country is most likely about the region Marsad watches
    if admin_hints and admin_hints & _keys(place):
        score += 2.5
    score += math.log10(place.population + 1) / 3
    score += _AREA_WEIGHT.get(place.kind, 0.0)  # admin areas have no population, yet are what names mean first
    if anchors:
        nearest = min(distance_km(lat, lon, place.latitude, place.longitude) for lat, lon in anchors)
        if nearest <= _ANCHOR_KM:
            score += 1.0  # near the other places the report names
        elif nearest <= _NEIGHBOUR_KM:
            score += 0.5  # in their part of the world
    return score


def _keys(place: Place) -> set[str]:
    """The admin units a place lies in, and the unit it is."""
    own = {place.source_id} if place.is_admin_unit else set()
    return own | {key for key in (place.admin1_key, place.admin2_key, place.admin3_key) if key}


def _near_unit(place: Place, keys: set[str]) -> bool:
    """Within the stated-containment reach of one of these admin units' centroids."""
    table = admin.units()
    units = [table[key] for key in keys if key in table]
    return any(
        distance_km(unit.latitude, unit.longitude, place.latitude, place.longitude) <= _STATED_ADMIN_REACH_KM
        for unit in units
        if unit.latitude is not None and unit.longitude is not None
    )


def _far(place: Place, named: frozenset[str], anchors: Sequence[tuple[float, float]]) -> bool:
    """Thousands of kilometres from every country the article names and every place it anchors."""
    if not named or place.country in named:
        return False
    points = [point for code in named for point in country_points().get(code, ())] + list(anchors)
    if not points:
        return False
    return all(distance_km(lat, lon, place.latitude, place.longitude) > _FAR_KM for lat, lon in points)


def candidates(gazetteer: Gazetteer, name: str, type_word: str | None = None) -> list[Place]:
    """Places named ``name``, or its longest leading words that name something (a pattern may take
    a word too many: ناحية حمام العليل جنوبي … ). ``type_word``: the mention's type word, which
    ``name`` starts with (بساتين ديالى is Diyala's orchards, not a town called بساتين)."""
    key = phrase_key(name)
    if len(key) > 1 and (key[0] in rules().type_kinds or (type_word and key[0] == type_word)):
        found = gazetteer.candidates(key)  # a type word written as part of the name (جزيرة كنعوص)
        if found:
            return found
        key = key[1:]
    shortest = 2 if key and key[0] in _NAME_PREFIXES else 1  # «أبي صيدا» is never just «أبي»
    for length in range(len(key), shortest - 1, -1):
        found = gazetteer.candidates(key[:length])
        if found:
            return found
    return []


def resolve(
    gazetteer: Gazetteer,
    name: str,
    type_word: str | None = None,
    focus: str | None = None,
    admin_hints: set[str] | None = None,
    bearing_word: str | None = None,
    distance: float | None = None,
    strict_focus: bool = True,
    anchors: Sequence[tuple[float, float]] = (),
    context: DocumentContext | None = None,
    explicit: bool = True,
    inside: set[str] | None = None,
    ambiguous: bool = False,
) -> Resolution | None:
    """The best reading of a place name. ``admin_hints``: admin units the sentence names (a bonus
    for candidates in them); ``inside``: the unit the text says this place lies in (العظيم بمحافظة
    ديالى): candidates elsewhere are dropped when one lies in it. ``context``: what the whole
    article says about where it is (countries named, dateline); ``explicit``: a type word or a
    locative word introduces the name (not only a proclitic ب), which a far-away known city needs;
    ``ambiguous``: the name is also a common word (صور), so a reading in a country the article does
    not point at is not believed."""
    key = phrase_key(name)
    if type_word is None and len(key) == 1 and key[0] in name_rules().common_words:
        return None  # a common word (بيان، الخميس) is a place only after a type word, whoever found it
    found = candidates(gazetteer, name, type_word)
    if not found:
        return None
    hints = admin_hints or set()
    if inside:
        # a place inside a named admin unit (في ناحية العظيم بمحافظة ديالى) lies in it: a reading
        # elsewhere contradicts the text (the unit itself then stands for the place, from its mention)
        within = [place for place in found if inside & _keys(place)]
        # a point just across the unit's border (a simplified line, an island in the river between two
        # governorates) still belongs to it; far from it, the reading contradicts the text
        found = within or [place for place in found if _near_unit(place, inside)]
        if not found:
            return None
    named = frozenset(context.named if context is not None else ()) | ({focus} if focus else frozenset())
    as_places = frozenset(context.places_named if context is not None else ())
    near = [place for place in found if not _far(place, as_places, anchors)]
    if len(near) < len(found):
        # a candidate far from everything else the article names needs its own evidence
        known = [p for p in found if p not in near and explicit and p.population >= _KNOWN_CITY_POPULATION]
        found = near or known
        if not found:
            return None
    ranked = sorted(
        ((place, _score(place, type_word, focus, hints, anchors, named)) for place in found), key=lambda pair: -pair[1]
    )
    place, score = ranked[0]
    kinds = rules().type_kinds.get(type_word or "", ())
    if kinds and kinds[0] in _NATURAL_KINDS and place.kind not in kinds:
        return None  # نهر دجلة is the Tigris, not the sub-district named after it; جبل التركمان no town
    if type_word is None and not place.point:
        place = _city_of_the_same_name(place, ranked) or place
    vouched = bool(hints & _keys(place))  # the sentence names the unit it lies in (بمحافظة كركوك)
    if ambiguous and named and place.country not in named and not vouched:
        return None  # «ظهر في صور» in a report about America: photos, not Tyre
    if (
        named
        and not vouched
        and place.country not in named
        and place.population < _UNNAMED_COUNTRY_POPULATION
        and place.source not in ("curated", "ocha", "admin")
    ):
        return None  # a small town in a country the article never names is a namesake, not the place
    if strict_focus and focus and place.country != focus and place.country not in named and not vouched:
        if type_word is None and place.population < _FOREIGN_MIN_POPULATION:
            return None  # a town abroad that shares a name is not where an Iraqi report happened
        if type_word is not None and place.point and place.population < _TOWN_POPULATION:
            return None  # a village abroad (an area named with its type word, محافظة كركوك, is no namesake)
    latitude, longitude = place.latitude, place.longitude
    precision = _precision(place)
    relation = None
    bearing = rules().bearings.get(bearing_word or "")
    if bearing is not None:
        # ACLED codes "20 km south of X" at X with precision 2; the direction and distance are kept
        relation = {"words": bearing_word, "bearing": bearing, "distance_km": distance}
        precision = max(precision, 2)
    elif bearing_word in rules().near_words:
        relation = {"words": bearing_word}
        precision = max(precision, 2)
    return Resolution(place, latitude, longitude, precision, relation, score, tuple(ranked[:5]))


def _city_of_the_same_name(area: Place, ranked: list[tuple[Place, float]]) -> Place | None:
    """«في كركوك» names the city more often than the governorate: a bare name whose best reading is
    an area yields to a town of that name inside it."""
    for place, _ in ranked[1:]:
        if not place.point or place.population < _TOWN_POPULATION or place.country != area.country:
            continue
        if area.kind in ("district", "subdistrict"):
            inside = area.admin2_key is not None and place.admin2_key == area.admin2_key
        else:
            inside = area.admin1_key is not None and place.admin1_key == area.admin1_key
        near = distance_km(area.latitude, area.longitude, place.latitude, place.longitude) <= max(area.extent_km, 60)
        if inside or near:
            return place
    return None


def _precision(place: Place) -> int:
    """1 a named point; 3 a governorate or a wide region; 2 anything in between (a district, a wadi,
    orchards around a village)."""
    if place.point:
        return 1
    if place.kind == "region" and 0 < place.extent_km <= _SMALL_REGION_KM:
        return 2
    return _AREA_PRECISION.get(place.kind, 2)


def _own_unit(place: Place) -> admin.AdminUnit | None:
    """The shipped unit a place is (an admin area) or lies in most deeply (a town)."""
    table = admin.units()
    if place.is_admin_unit:
        return table.get(place.source_id)
    for key in (place.admin3_key, place.admin2_key, place.admin1_key):
        if key and key in table:
            return table[key]
    return None


def location_record(
    gazetteer: Gazetteer, resolution: Resolution, name_ar: str, span: list[int], stated: set[str] | None = None
) -> dict[str, Any]:
    """The event record's `location` object, with the admin fields of `marsad.geo.admin`: English
    names (ACLED's spelling), Arabic names, P-codes where OCHA has them, ISO 3166-2. When the report
    states the governorate (بمحافظة صلاح الدين) and the point falls just across its border, the
    stated governorate is kept (and nothing below it)."""
    place = resolution.place
    table = admin.units()
    unit = _own_unit(place)
    stated_admin1 = sorted(
        k for k in (stated or ()) if k in table and table[k].level == 1 and table[k].country == place.country
    )
    own_admin1 = admin.parents(unit).get(1) if unit is not None else None
    override = None
    if stated_admin1 and (own_admin1 is None or own_admin1.key not in stated_admin1):
        governorate = table[stated_admin1[0]]
        if (
            governorate.latitude is not None
            and governorate.longitude is not None
            and distance_km(governorate.latitude, governorate.longitude, resolution.latitude, resolution.longitude)
            <= _STATED_ADMIN_REACH_KM
        ):
            override = governorate
    # an area is known to its own level only: a governorate's centroid lies in some district, which
    # says nothing about where in the governorate the event was
    deepest = 3 if place.point else _AREA_LEVEL.get(place.kind, 1)
    if override is not None:
        admins = admin.admin_record(place.country, None, None, own=override, deepest=1)
    elif unit is not None:
        admins = admin.admin_record(place.country, None, None, own=unit, deepest=deepest)
        if unit.level == 1 and place.point and deepest >= 2:
            district = admin.admin2_named(unit, (place.name, place.name_ar or "", name_ar))
            if district is not None:
                admins = admin.admin_record(place.country, None, None, own=district, deepest=deepest)
    else:
        # outside the shipped region: GeoNames' English admin1 name, kept at build time
        admins = admin.admin_record(place.country, None, None, deepest=deepest)
        admins["admin1"] = place.admin1 if deepest >= 1 else None
        admins["admin1_ar"] = admin.world_admin1_arabic(admins["admin1"], place.country)
    country = countries().get(place.country)
    record: dict[str, Any] = {
        "name": place.name,
        "name_ar": name_ar,
        "country": place.country,
        "iso": country.numeric if country else None,
        "latitude": round(resolution.latitude, 5),
        "longitude": round(resolution.longitude, 5),
        "geo_precision": resolution.geo_precision,
        "centroid": not place.point,  # a region's centroid stands for it: flagged, never silent
        "relation": resolution.relation,
        "gazetteer_id": f"{place.source}:{place.source_id}",
        "source": "sentence",
        "span": span,
        **admins,
    }
    record["pcode"] = next(
        (record[f"admin{level}_pcode"] for level in (3, 2, 1) if record[f"admin{level}_pcode"]), None
    )
    return record


def country_record(country: str, name_ar: str, span: list[int]) -> dict[str, Any]:
    """A location known to its country only (the sentence names the country and no place in it):
    no coordinates, no precision, nothing invented."""
    known = countries().get(country)
    return {
        "name": None,
        "name_ar": name_ar,
        "country": country,
        "iso": known.numeric if known else None,
        "latitude": None,
        "longitude": None,
        "geo_precision": None,
        "span": span,
        "source": "sentence",
        **admin.admin_record(None, None, None),
    }
