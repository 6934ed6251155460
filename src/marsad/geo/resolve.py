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
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from marsad.geo.gazetteer import Gazetteer, Place
from marsad.geo.shapes import distance_km, offset
from marsad.recognize.lexicon import phrase_key

_SOURCE_WEIGHT = {"ocha": 1.0, "curated": 1.2, "geonames": 0.6, "osm": 0.2}
_AREA_PRECISION = {"governorate": 3, "region": 3, "desert": 2}
_AREA_WEIGHT = {"governorate": 1.8, "district": 1.4, "subdistrict": 0.8, "region": 1.0}
# A place outside the document's country is only believed when it is big enough to be news itself.
_FOREIGN_MIN_POPULATION = 500_000
_ISO3166_NUMERIC = {"IQ": 368, "SY": 760, "TR": 792, "IR": 364, "JO": 400, "SA": 682, "KW": 414, "LB": 422}


@dataclass(frozen=True)
class Rules:
    type_kinds: dict[str, tuple[str, ...]]  # normalized type word -> the kinds it introduces
    bearings: dict[str, float]  # شمال -> 0, شرقي -> 90 …
    near_words: frozenset[str]


@cache
def rules() -> Rules:
    spec = json.loads(resources.files("marsad.geo.data").joinpath("resolution.json").read_text("utf-8"))
    return Rules(
        type_kinds={" ".join(phrase_key(word)): tuple(kinds) for word, kinds in spec["type_kinds"].items()},
        bearings={" ".join(phrase_key(word)): float(bearing) for word, bearing in spec["bearings"].items()},
        near_words=frozenset(" ".join(phrase_key(word)) for word in spec["near_words"]),
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


def _score(place: Place, type_word: str | None, focus: str | None, admin_hints: set[str]) -> float:
    score = _SOURCE_WEIGHT.get(place.source, 0.5)
    if type_word:
        kinds = rules().type_kinds.get(type_word, ())
        score += 2.0 if place.kind in kinds else -1.0
    if focus and place.country == focus:
        score += 1.5
    if admin_hints and (place.admin1_pcode in admin_hints or place.admin1 in admin_hints):
        score += 2.5
    score += math.log10(place.population + 1) / 3
    score += _AREA_WEIGHT.get(place.kind, 0.0)  # admin areas have no population, yet are what names mean first
    return score


def candidates(gazetteer: Gazetteer, name: str) -> list[Place]:
    key = phrase_key(name)
    found = gazetteer.candidates(key)
    if not found and len(key) > 1 and key[0] in rules().type_kinds:
        found = gazetteer.candidates(key[1:])  # a type word written as part of the name (جزيرة كنعوص)
    return found


def resolve(
    gazetteer: Gazetteer,
    name: str,
    type_word: str | None = None,
    focus: str | None = None,
    admin_hints: set[str] | None = None,
    bearing_word: str | None = None,
    distance: float | None = None,
) -> Resolution | None:
    found = candidates(gazetteer, name)
    if not found:
        return None
    hints = admin_hints or set()
    ranked = sorted(((place, _score(place, type_word, focus, hints)) for place in found), key=lambda pair: -pair[1])
    place, score = ranked[0]
    if focus and place.country != focus and place.population < _FOREIGN_MIN_POPULATION:
        return None  # a village abroad that shares a name is not where an Iraqi report happened
    latitude, longitude = place.latitude, place.longitude
    precision = _precision(place)
    relation = None
    bearing = rules().bearings.get(bearing_word or "")
    if bearing is not None:
        relation = {"words": bearing_word, "bearing": bearing, "distance_km": distance}
        if distance:
            latitude, longitude = offset(latitude, longitude, bearing, distance)
        precision = max(precision, 2)
    elif bearing_word in rules().near_words:
        relation = {"words": bearing_word}
        precision = max(precision, 2)
    return Resolution(place, latitude, longitude, precision, relation, score, tuple(ranked[:5]))


def _precision(place: Place) -> int:
    if place.point:
        return 1
    return _AREA_PRECISION.get(place.kind, 2)


def location_record(gazetteer: Gazetteer, resolution: Resolution, name_ar: str, span: list[int]) -> dict[str, Any]:
    """The event record's `location` object."""
    place = resolution.place
    admins = gazetteer.admin_at(resolution.latitude, resolution.longitude) if place.country == "IQ" else {}
    admin = {level: admins.get(level) for level in (1, 2, 3)}
    record: dict[str, Any] = {
        "name": place.name,
        "name_ar": name_ar,
        "country": place.country,
        "iso": _ISO3166_NUMERIC.get(place.country),
        "latitude": round(resolution.latitude, 5),
        "longitude": round(resolution.longitude, 5),
        "geo_precision": resolution.geo_precision,
        "centroid": not place.point,  # a region's centroid stands for it: flagged, never silent
        "relation": resolution.relation,
        "gazetteer_id": f"{place.source}:{place.source_id}",
        "source": "sentence",
        "span": span,
    }
    for level in (1, 2, 3):
        area = admin[level]
        record[f"admin{level}"] = area.name if area else getattr(place, f"admin{level}")
        pcode = area.source_id if area else getattr(place, f"admin{level}_pcode")
        record[f"admin{level}_pcode"] = pcode
    deepest = next((record[f"admin{level}_pcode"] for level in (3, 2, 1) if record[f"admin{level}_pcode"]), None)
    record["pcode"] = deepest
    record["distance_to_anchor_km"] = (
        round(distance_km(place.latitude, place.longitude, resolution.latitude, resolution.longitude), 1)
        if resolution.relation
        else 0.0
    )
    return record
