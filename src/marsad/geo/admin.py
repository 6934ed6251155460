"""The admin areas that ship with Marsad (geo/data/admin/, built by `python -m marsad.geo.admin_build`):
admin1 and admin2 of the Arab world and its neighbours with English (ACLED spelling) and Arabic names,
ISO 3166-2 codes and OCHA P-codes, Iraq's sub-districts, simplified polygons, and the English admin1
names of every other country by GeoNames code.

Nothing here needs a built gazetteer or ../shared: `admin_record` turns what is known of a place
(its country, its GeoNames admin1 code, a point) into the location record's admin fields.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from marsad.geo.shapes import Polygon, bounding_box, contains
from marsad.recognize.lexicon import phrase_key

_FOLDER = "marsad.geo.data.admin"


@dataclass(frozen=True, slots=True)
class AdminUnit:
    country: str  # ISO 3166 alpha-2
    level: int  # 1, 2 (3 in Iraq: the OCHA sub-districts)
    key: str  # the OCHA P-code where the COD is used, else the GeoNames code (SA.10)
    name: str  # English, ACLED's spelling
    name_ar: str | None
    names_ar: tuple[str, ...]  # other Arabic-script names (variants, Persian, Kurdish)
    iso_3166_2: str | None
    pcode: str | None
    geonames: tuple[str, ...]  # GeoNames admin codes that this unit stands for (CC.A1 or CC.A1.A2)
    parent: str | None  # the key of the unit one level up
    latitude: float | None  # the polygon's centroid (a representative point where no polygon exists)
    longitude: float | None
    source: str  # which source defined the unit: ocha or geonames


@dataclass(frozen=True)
class _Shape:
    key: str
    level: int
    polygon: Polygon
    box: tuple[float, float, float, float]


def _text(name: str) -> str:
    return resources.files(_FOLDER).joinpath(name).read_text("utf-8")


@cache
def units() -> dict[str, AdminUnit]:
    """Every shipped admin unit by key."""
    found: dict[str, AdminUnit] = {}
    for row in csv.DictReader(_text("units.tsv").splitlines(), delimiter="\t"):
        found[row["key"]] = AdminUnit(
            country=row["country"],
            level=int(row["level"]),
            key=row["key"],
            name=row["name"],
            name_ar=row["name_ar"] or None,
            names_ar=tuple(filter(None, row["names_ar"].split("|"))),
            iso_3166_2=row["iso_3166_2"] or None,
            pcode=row["pcode"] or None,
            geonames=tuple(filter(None, row["geonames"].split("|"))),
            parent=row["parent"] or None,
            latitude=float(row["latitude"]) if row["latitude"] else None,
            longitude=float(row["longitude"]) if row["longitude"] else None,
            source=row["source"],
        )
    return found


@cache
def _by_geonames() -> dict[str, AdminUnit]:
    return {code: unit for unit in units().values() for code in unit.geonames}


@cache
def _world() -> dict[str, tuple[str, str | None]]:
    rows = csv.DictReader(_text("world_admin1.tsv").splitlines(), delimiter="\t")
    return {row["code"]: (row["name"], row.get("name_ar") or None) for row in rows}


@cache
def covered_countries() -> frozenset[str]:
    """The countries whose units ship with Arabic names, codes and shapes."""
    return frozenset(unit.country for unit in units().values())


@cache
def _shapes() -> list[_Shape]:
    """Polygons, loaded on first use; deeper levels first within a country is not needed, each level
    is looked up on its own."""
    spec = json.loads(_text("polygons.json"))
    table = units()
    shapes = []
    for key, polygons in spec.items():
        unit = table.get(key)
        if unit is None:
            continue
        for rings in polygons:
            polygon: Polygon = [[(x, y) for x, y in ring] for ring in rings]
            shapes.append(_Shape(key, unit.level, polygon, bounding_box(polygon)))
    return shapes


def unit_for_geonames(country: str, admin1_code: str | None) -> AdminUnit | None:
    """The admin1 unit of a GeoNames admin1 code (SA + 10 -> Riyadh)."""
    if not admin1_code:
        return None
    return _by_geonames().get(f"{country}.{admin1_code}")


def world_admin1(country: str, admin1_code: str | None) -> str | None:
    """The English admin1 name of a place outside the covered region (US + SC -> South Carolina)."""
    if not admin1_code:
        return None
    found = _world().get(f"{country}.{admin1_code}")
    return found[0] if found else None


def world_admin1_arabic(english: str | None, country: str) -> str | None:
    """The Arabic name of an admin1 beyond the region, by its English name (Kandahar -> قندهار),
    where the team has written one (Afghanistan, Pakistan, Mali, Niger, Nigeria, Chad)."""
    if not english:
        return None
    for code, (name, arabic) in _world().items():
        if name == english and code.startswith(country + "."):
            return arabic
    return None


def units_at(latitude: float, longitude: float, country: str | None = None) -> dict[int, AdminUnit]:
    """The shipped units (level -> unit) whose polygons contain a point, in ``country`` when given."""
    table = units()
    found: dict[int, AdminUnit] = {}
    for shape in _shapes():
        south, west, north, east = shape.box
        if shape.level in found or not (south <= latitude <= north and west <= longitude <= east):
            continue
        unit = table[shape.key]
        if country and unit.country != country:
            continue
        if contains(shape.polygon, latitude, longitude):
            found[shape.level] = unit
    return found


def nearest_admin1(latitude: float, longitude: float, country: str, reach_deg: float = 0.15) -> AdminUnit | None:
    """The admin1 of ``country`` whose polygon comes within ``reach_deg`` of a point (a coastal town
    just outside a simplified coastline), else None."""
    for dlat, dlon in ((reach_deg, 0), (-reach_deg, 0), (0, reach_deg), (0, -reach_deg)):
        unit = units_at(latitude + dlat, longitude + dlon, country).get(1)
        if unit is not None:
            return unit
    return None


def nearest_centroid(latitude: float, longitude: float, country: str, reach_km: float = 100) -> AdminUnit | None:
    """The admin1 of ``country`` whose centroid is nearest a point, within ``reach_km`` (a unit with
    no polygon of its own: Nouakchott, Socotra)."""
    from marsad.geo.shapes import distance_km

    best = None
    for unit in units().values():
        if unit.country != country or unit.level != 1 or unit.latitude is None or unit.longitude is None:
            continue
        km = distance_km(latitude, longitude, unit.latitude, unit.longitude)
        if km <= reach_km and (best is None or km < best[0]):
            best = (km, unit)
    return best[1] if best else None


def parents(unit: AdminUnit) -> dict[int, AdminUnit]:
    """A unit and the units above it, by level."""
    table = units()
    chain = {unit.level: unit}
    current = unit
    while current.parent and current.parent in table:
        current = table[current.parent]
        chain[current.level] = current
    return chain


@cache
def _admin2_by_name() -> dict[tuple[str, str], AdminUnit]:
    """(admin1 key, Arabic or English name key) -> admin2 unit, for a town that names its district."""
    found: dict[tuple[str, str], AdminUnit] = {}
    for unit in units().values():
        if unit.level != 2 or not unit.parent:
            continue
        for name in (unit.name, unit.name_ar or "", *unit.names_ar):
            key = " ".join(phrase_key(name)) if name else ""
            if key:
                found.setdefault((unit.parent, key), unit)
        found.setdefault((unit.parent, unit.name.lower()), unit)
    return found


def admin2_named(admin1: AdminUnit, names: tuple[str, ...]) -> AdminUnit | None:
    """The admin2 unit of ``admin1`` named like a town in it (a district is most often named after
    its seat: the town of حوث in the district of Huth)."""
    table = _admin2_by_name()
    for name in names:
        if not name:
            continue
        for key in (" ".join(phrase_key(name)), name.lower()):
            unit = table.get((admin1.key, key))
            if unit is not None:
                return unit
    return None


def unit_named(
    country: str, name_keys: set[str] | frozenset[str], english: str = "", level: int = 1
) -> AdminUnit | None:
    """The unit of ``country`` and ``level`` that has one of the Arabic index keys ``name_keys`` (as
    the gazetteer writes them), else the English name ``english``."""
    from marsad.geo.build import _name_keys

    folded = _fold(english)
    by_english = None
    for unit in units().values():
        if unit.country != country or unit.level != level:
            continue
        if name_keys & _name_keys([name for name in (unit.name_ar or "", *unit.names_ar) if name]):
            return unit
        if folded and _fold(unit.name) == folded:
            by_english = unit
    return by_english


@cache
def _admin1_lookup() -> dict[str, frozenset[str]]:
    """Every English or Arabic spelling of an admin1 unit (folded) -> the English names it stands for."""
    found: dict[str, set[str]] = {}
    for unit in units().values():
        if unit.level != 1:
            continue
        for name in (unit.name, unit.name_ar or "", *unit.names_ar):
            for key in {_fold(name), " ".join(phrase_key(name))}:
                if key:
                    found.setdefault(key, set()).add(unit.name)
    return {key: frozenset(names) for key, names in found.items()}


def _fold(name: str) -> str:
    return " ".join(name.casefold().replace("-", " ").split())


def admin1_names(query: str) -> frozenset[str]:
    """The English admin1 names a user's filter stands for: an English name in any case (al-anbar),
    an Arabic name with or without its article or type word (الأنبار، محافظة الأنبار), or any name
    the store holds (returned as given, so names outside the shipped region still filter)."""
    query = query.strip()
    lookup = _admin1_lookup()
    keys = [_fold(query), " ".join(phrase_key(query))]
    words = phrase_key(query)
    if len(words) > 1:
        keys.append(" ".join(words[1:]))  # محافظة الأنبار
    found: set[str] = {query}
    for key in keys:
        found.update(lookup.get(key, ()))
    return frozenset(found)


def admin_record(
    country: str | None,
    latitude: float | None,
    longitude: float | None,
    *,
    geonames_admin1: str | None = None,
    own: AdminUnit | None = None,
    deepest: int = 3,
    names: tuple[str, ...] = (),
    stated: AdminUnit | None = None,
) -> dict[str, Any]:
    """The location record's admin fields for a place: ``own`` when the place is an admin unit
    itself, else the polygons that contain the point (OCHA's in Iraq, down to the sub-district),
    else the place's GeoNames admin1 code, else the nearest polygon of its country; ``stated`` is an
    admin1 unit the report names for the place, which wins over a polygon just across its border.
    ``deepest``: an area is known to its own level only. Outside the shipped region the admin1 is
    GeoNames' English name, without Arabic or codes."""
    record: dict[str, Any] = {f"admin{level}{suffix}": None for level in (1, 2, 3) for suffix in ("", "_ar", "_pcode")}
    record["iso_3166_2"] = None
    if not country:
        return record
    chain: dict[int, AdminUnit] = {}
    if own is not None:
        chain = parents(own)
    elif country in covered_countries():
        if country == "IQ" and latitude is not None and longitude is not None:
            chain = units_at(latitude, longitude, country)
        if 1 not in chain:
            unit = unit_for_geonames(country, geonames_admin1)
            if unit is None and latitude is not None and longitude is not None:
                unit = units_at(latitude, longitude, country).get(1) or nearest_admin1(latitude, longitude, country)
            if unit is not None:
                chain = {1: unit}
        if stated is not None and stated.level == 1 and chain.get(1) != stated:
            chain = {1: stated}
        if 1 in chain and 2 not in chain and deepest >= 2:
            district = admin2_named(chain[1], names)
            if district is not None:
                chain[2] = district
    else:
        record["admin1"] = world_admin1(country, geonames_admin1)
        return record
    for level in (1, 2, 3):
        unit = chain.get(level)
        if unit is None or level > deepest:
            continue
        record[f"admin{level}"] = unit.name
        record[f"admin{level}_ar"] = unit.name_ar
        record[f"admin{level}_pcode"] = unit.pcode
    if 1 in chain:
        record["iso_3166_2"] = chain[1].iso_3166_2
    return record
