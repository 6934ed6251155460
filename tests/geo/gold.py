"""The toponym-resolution gold set: short Arabic sentences, each naming one Iraqi or Syrian place,
with the place's identity given as a reference into the public data (OCHA P-code, GeoNames id or
OpenStreetMap node id), never as typed-in coordinates.

``load_cases()`` reads ``resolution_cases.jsonl`` and turns every reference into what a geocoder is
scored against: latitude, longitude, the first-level admin area and whether the truth is a point.
Everything is computed from the shared data at test time, independently of ``marsad.geo``, so the
gold set cannot drift with the code it measures:

* OCHA (Iraqi governorates, districts, sub-districts): the area-weighted centroid of the polygon,
  ``is_point`` False, admin1 = the first five characters of the P-code (``IQG16``).
* GeoNames and OSM (cities, towns, villages): the point, ``is_point`` True; in Iraq admin1 is the
  OCHA governorate whose polygon contains the point (ray casting; MultiPolygon and holes handled),
  in Syria it is the GeoNames admin1 code (``"12"`` for Idlib).

Conventions of the file: ``mention`` keeps the type word (``قضاء الشرقاط``, ``بلدة العلم``) but not
attached proclitics (``بالرمادي`` -> ``الرمادي``, ``لمدينة الموصل`` -> ``مدينة الموصل``); in a
relational phrase (``على بعد 20 كم جنوب كركوك``) the mention and the truth are the anchor place; a
Syrian governorate is scored at its capital city. The optional ``tags`` list marks the hard cases:
``clitic``, ``relational``, ``disambiguation`` (a name several places share, settled by a cue such
as ``التابعة لقضاء ...``) and ``variant`` (a real spelling other than the data's).

Standard library only (pytest just for skipping when the shared data is absent).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from tests.shared_data import shared_path

CASES_FILE = Path(__file__).with_name("resolution_cases.jsonl")

OCHA_DIR = ("data", "ocha_iraq_admin_boundaries_2019")
ADM_FILES = {
    1: "irq_admbnda_adm1_cso_20190603.geojson",
    2: "irq_admbnda_adm2_cso_20190603.geojson",
    3: "irq_admbnda_adm3_cso_20190603.geojson",
}
ADM3_TABLE = "irq_admin3_attributes.tsv"
GEONAMES_FILE = ("data", "geonames_middle_east_cities500", "cities500_middle_east.tsv")
OSM_FILE = ("data", "osm_iraq_villages", "iraq_villages_osm.tsv")

KINDS = ("governorate", "district", "subdistrict", "city", "town", "village", "neighbourhood")
COUNTRIES = ("IQ", "SY")

Ring = list[tuple[float, float]]  # (longitude, latitude), GeoJSON order
Polygon = list[Ring]  # outer ring first, then holes


class GoldError(ValueError):
    """A case whose truth reference is malformed or absent from the shared data."""


@dataclass(frozen=True)
class Case:
    id: str
    text: str
    mention: str
    truth: dict[str, Any]
    kind: str
    country: str
    latitude: float
    longitude: float
    admin1: str | None  # OCHA P-code (IQG..) in Iraq, GeoNames admin1 code in Syria
    is_point: bool
    names: tuple[str, ...]  # the reference's names in the data: Arabic script first, then the others
    tags: tuple[str, ...] = field(default=())

    @property
    def start(self) -> int:
        """Offset of the mention in the text (its first occurrence)."""
        return self.text.index(self.mention)

    @property
    def end(self) -> int:
        return self.start + len(self.mention)


# --- geometry -------------------------------------------------------------------------------------


def polygons_of(geometry: dict[str, Any]) -> list[Polygon]:
    kind = geometry["type"]
    if kind == "Polygon":
        parts = [geometry["coordinates"]]
    elif kind == "MultiPolygon":
        parts = geometry["coordinates"]
    else:
        raise GoldError(f"unsupported geometry {kind}")
    return [[[(float(p[0]), float(p[1])) for p in ring] for ring in part] for part in parts]


def _ring_moments(ring: Ring) -> tuple[float, float, float]:
    """Unsigned area and the area-weighted sums (area * cx, area * cy) of one ring (shoelace)."""
    signed = mx = my = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x1 * y2 - x2 * y1
        signed += cross
        mx += (x1 + x2) * cross
        my += (y1 + y2) * cross
    signed /= 2.0
    if signed == 0.0:
        return 0.0, 0.0, 0.0
    cx, cy = mx / (6.0 * signed), my / (6.0 * signed)
    area = abs(signed)
    return area, area * cx, area * cy


def area_centroid(polygons: list[Polygon]) -> tuple[float, float]:
    """(latitude, longitude) of the area-weighted centroid; holes count negatively whatever their
    winding order."""
    total = sx = sy = 0.0
    for polygon in polygons:
        for index, ring in enumerate(polygon):
            area, ax, ay = _ring_moments(ring)
            sign = 1.0 if index == 0 else -1.0
            total += sign * area
            sx += sign * ax
            sy += sign * ay
    if total <= 0.0:
        raise GoldError("degenerate polygon")
    return sy / total, sx / total


def _in_ring(ring: Ring, x: float, y: float) -> bool:
    inside = False
    j = len(ring) - 1
    for i, (xi, yi) in enumerate(ring):
        xj, yj = ring[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def contains(polygons: list[Polygon], lat: float, lon: float) -> bool:
    """Ray casting: inside some part's outer ring and outside all of that part's holes."""
    for polygon in polygons:
        if _in_ring(polygon[0], lon, lat) and not any(_in_ring(hole, lon, lat) for hole in polygon[1:]):
            return True
    return False


def _bbox(polygons: list[Polygon]) -> tuple[float, float, float, float]:
    xs = [x for polygon in polygons for x, _ in polygon[0]]
    ys = [y for polygon in polygons for _, y in polygon[0]]
    return min(xs), min(ys), max(xs), max(ys)


# --- the shared data ------------------------------------------------------------------------------


@dataclass(frozen=True)
class AdminArea:
    pcode: str
    level: int
    name_ar: str
    name_en: str
    alt_names: tuple[str, ...]
    polygons: list[Polygon]
    bbox: tuple[float, float, float, float]


@cache
def ocha_areas(level: int) -> dict[str, AdminArea]:
    path = shared_path(*OCHA_DIR, ADM_FILES[level])
    with path.open(encoding="utf-8") as handle:
        collection = json.load(handle)
    areas: dict[str, AdminArea] = {}
    for feature in collection["features"]:
        props = feature["properties"]
        pcode = props[f"ADM{level}_PCODE"].strip()
        alts = tuple(
            str(props[key]).strip()
            for key in (f"ADM{level}ALT1AR", f"ADM{level}ALT2AR")
            if props.get(key) and str(props[key]).strip()
        )
        polygons = polygons_of(feature["geometry"])
        areas[pcode] = AdminArea(
            pcode=pcode,
            level=level,
            name_ar=(props.get(f"ADM{level}_AR") or "").strip(),
            name_en=(props.get(f"ADM{level}_EN") or "").strip(),
            alt_names=alts,
            polygons=polygons,
            bbox=_bbox(polygons),
        )
    return areas


@cache
def adm3_table() -> dict[str, dict[str, str]]:
    """The flat sub-district table, keyed by ADM3 P-code (used to cross-check the polygons)."""
    path = shared_path(*OCHA_DIR, ADM3_TABLE)
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["ADM3_PCODE"].strip(): row for row in csv.DictReader(handle, delimiter="\t")}


@cache
def geonames() -> dict[int, dict[str, str]]:
    path = shared_path(*GEONAMES_FILE)
    rows: dict[int, dict[str, str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row["countrycode"] in COUNTRIES:
                rows[int(row["geonameid"])] = row
    return rows


@cache
def osm_nodes() -> dict[int, dict[str, str]]:
    path = shared_path(*OSM_FILE)
    with path.open(encoding="utf-8", newline="") as handle:
        return {int(row["osm_node_id"]): row for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)}


def iraq_admin1_of(lat: float, lon: float) -> str | None:
    """The OCHA governorate P-code whose polygon contains the point, or None outside Iraq."""
    for pcode, area in ocha_areas(1).items():
        x0, y0, x1, y1 = area.bbox
        if x0 <= lon <= x1 and y0 <= lat <= y1 and contains(area.polygons, lat, lon):
            return pcode
    return None


# --- resolving one truth --------------------------------------------------------------------------


@dataclass(frozen=True)
class Resolved:
    latitude: float
    longitude: float
    admin1: str | None
    is_point: bool
    names: tuple[str, ...]
    country: str


def resolve_truth(truth: dict[str, Any]) -> Resolved:
    """Look one truth reference up in the shared data; raise GoldError if it is not there."""
    source = truth.get("source")
    if source == "ocha":
        level, pcode = truth.get("level"), truth.get("pcode")
        if level not in ADM_FILES or not isinstance(pcode, str):
            raise GoldError(f"bad OCHA reference {truth}")
        area = ocha_areas(level).get(pcode)
        if area is None:
            raise GoldError(f"P-code {pcode} is not an OCHA level-{level} area")
        if level == 3 and pcode not in adm3_table():
            raise GoldError(f"P-code {pcode} is missing from {ADM3_TABLE}")
        lat, lon = area_centroid(area.polygons)
        names = (area.name_ar, *area.alt_names, area.name_en)
        return Resolved(lat, lon, pcode[:5], False, names, "IQ")
    if source == "geonames":
        geonameid = truth.get("geonameid")
        row = geonames().get(geonameid) if isinstance(geonameid, int) else None
        if row is None:
            raise GoldError(f"geonameid {geonameid} is not an Iraqi or Syrian GeoNames place")
        lat, lon = float(row["latitude"]), float(row["longitude"])
        country = row["countrycode"]
        admin1 = iraq_admin1_of(lat, lon) if country == "IQ" else row["admin1code"]
        arabic = tuple(name for name in row["arabic_script_names"].split("|") if name)
        others = tuple(name for name in row["alternatenames"].split("|") if name and name not in arabic)
        return Resolved(lat, lon, admin1, True, (*arabic, row["name"], *others), country)
    if source == "osm":
        node_id = truth.get("osm_node_id")
        row = osm_nodes().get(node_id) if isinstance(node_id, int) else None
        if row is None:
            raise GoldError(f"OSM node {node_id} is not in the village table")
        lat, lon = float(row["latitude"]), float(row["longitude"])
        return Resolved(lat, lon, iraq_admin1_of(lat, lon), True, (row["name"],), "IQ")
    raise GoldError(f"unknown truth source in {truth}")


def read_records(path: Path = CASES_FILE) -> Iterator[dict[str, Any]]:
    """The raw JSON objects, one per non-blank line."""
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as error:
                    raise GoldError(f"{path.name}:{number}: {error}") from error


def load_cases(path: Path = CASES_FILE) -> list[Case]:
    cases = []
    for record in read_records(path):
        resolved = resolve_truth(record["truth"])
        cases.append(
            Case(
                id=record["id"],
                text=record["text"],
                mention=record["mention"],
                truth=record["truth"],
                kind=record["kind"],
                country=record["country"],
                latitude=resolved.latitude,
                longitude=resolved.longitude,
                admin1=resolved.admin1,
                is_point=resolved.is_point,
                names=resolved.names,
                tags=tuple(record.get("tags", ())),
            )
        )
    return cases
