"""The curated gazetteer is data: check that ``geo/data/places.json`` is well formed and agrees with OCHA.

The file holds Iraqi governorates, districts and selected sub-districts (OCHA/CSO 2019 P-codes), the
areas, natural features and sites that Iraqi security news keeps naming, and Syria's governorates and
main cities. Points (towns, bases, crossings...) are coded at geo_precision 1; areas carry only a
representative centroid that must be flagged, never presented as the event's spot (DESIGN.md,
"Never fall back silently to a country or province centroid").

Standard library and pytest only. The OCHA checks read ``../shared/data`` through ``shared_path``:
they skip on a machine without it and fail in CI.
"""

from __future__ import annotations

import csv
import json
import math
import re
from collections import defaultdict
from functools import cache
from importlib.resources import files
from typing import Any

import pytest

from tests.shared_data import shared_path

PLACES_FILE = files("marsad").joinpath("geo", "data", "places.json")
OCHA = ("data", "ocha_iraq_admin_boundaries_2019")

KINDS = {
    "governorate",
    "district",
    "subdistrict",
    "city",
    "town",
    "village",
    "neighbourhood",
    "wadi",
    "desert",
    "mountains",
    "island",
    "lake",
    "river",
    "region",
    "base",
    "airport",
    "dam",
    "site",
    "border_crossing",
}
POINT_KINDS = {"town", "village", "base", "airport", "dam", "site", "border_crossing"}
AREA_KINDS = {"governorate", "district", "subdistrict", "wadi", "desert", "mountains", "lake", "river", "region"}
OCHA_KINDS = {"governorate": 1, "district": 2, "subdistrict": 3}

REQUIRED_KEYS = {
    "id",
    "name",
    "name_ar",
    "aliases",
    "kind",
    "country",
    "admin1",
    "admin1_pcode",
    "lat",
    "lon",
    "extent_km",
    "point",
}
OPTIONAL_KEYS = {"admin2", "admin2_pcode", "admin3", "admin3_pcode"}

# (lat_min, lat_max, lon_min, lon_max), a little wider than the land borders
BBOX = {
    "IQ": (29.0, 37.45, 38.7, 48.7),
    "SY": (32.25, 37.4, 35.6, 42.45),
    "TR": (35.8, 42.2, 25.6, 44.9),
    "YE": (12.0, 19.0, 41.8, 54.6),
    "QA": (24.4, 26.3, 50.7, 51.7),
}

# Names that really belong to two places in this file: a governorate and the district (or city)
# that carries its name. Their qualified forms (محافظة ..., قضاء ..., مدينة ...) stay unique.
SHARED_NAMES = {
    "البصرة",
    "النجف",
    "السليمانية",
    "دهوك",
    "أربيل",
    "كربلاء",
    "كركوك",
    "دمشق",
    "حلب",
    "حمص",
    "حماة",
    "حماه",
    "إدلب",
    "ادلب",
    "اللاذقية",
    "طرطوس",
    "الرقة",
    "دير الزور",
    "الحسكة",
    "درعا",
    "السويداء",
    "القنيطرة",
}

# Place names that are also everyday words or common personal names (حديثة "modern", العلم "the flag",
# البغدادي, الباب "the door", تدمر "she destroys" ...). They may only appear in a qualified form.
AMBIGUOUS_WORDS = {
    "مدينة",
    "حي",
    "ثورة",
    "بلد",
    "دور",
    "رمانة",
    "بغدادي",
    "عبيدي",
    "سلمان",
    "حمزة",
    "خضر",
    "رفاعي",
    "زبير",
    "عمارة",
    "هاشمية",
    "هندية",
    "شامية",
    "وفاء",
    "وليد",
    "نصر",
    "فجر",
    "سلام",
    "عدل",
    "وحدة",
    "جسر",
    "إمام",
    "مشروع",
    "شمال",
    "رياض",
    "رشاد",
    "صينية",
    "قادسية",
    "حديثة",
    "عظيم",
    "كنعان",
    "يثرب",
    "معتصم",
    "ربيعة",
    "زاب",
    "عباسي",
    "إسكندرية",
    "فتحة",
    "قيروان",
    "ميمونة",
    "علم",
    "جزيرة",
    "باب",
    "تل",
    "ميادين",
    "طبقة",
    "تدمر",
    "قصير",
    "هجين",
    "سخنة",
    "بصيرة",
    "منصورية",
    "عامرية",
    "بني سعد",
    "مركز",
    "وادي",
    "جبل",
    "صحراء",
    "منفذ",
    "قاعدة",
    "مطار",
    "سد",
    "دجلة",
    "فرات",
}

ID_RE = re.compile(r"^[a-z]{2}(\.[a-z][a-z0-9_]*)+$")  # ISO country code, then names
PCODE_RE = re.compile(r"^IQG\d\d(Q\d\d(N\d\d)?)?$")
ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
DIACRITICS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u0640]")


def normalize(text: str) -> str:
    """The simple normalisation the uniqueness checks use: alef forms, ta marbuta, alef maqsura, leading ال."""
    text = DIACRITICS.sub("", text)
    text = re.sub("[أإآٱ]", "ا", text).replace("ة", "ه").replace("ى", "ي")
    words = [w[2:] if w.startswith("ال") and len(w) > 3 else w for w in text.split()]
    return " ".join(words)


def names_of(place: dict[str, Any]) -> set[str]:
    return {normalize(place["name_ar"]), *(normalize(alias) for alias in place["aliases"])}


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


@cache
def load() -> dict[str, Any]:
    return json.loads(PLACES_FILE.read_text(encoding="utf-8"))


def places() -> list[dict[str, Any]]:
    return load()["places"]


def by_id() -> dict[str, dict[str, Any]]:
    return {p["id"]: p for p in places()}


# ---------------------------------------------------------------- shape


def test_file_loads_with_comment_and_places():
    doc = load()
    assert set(doc) == {"_comment", "places"}
    assert isinstance(doc["_comment"], str) and doc["_comment"].strip()
    assert isinstance(doc["places"], list) and len(doc["places"]) > 100


@pytest.mark.parametrize("place", places(), ids=lambda p: p.get("id", "?"))
def test_place_is_well_formed(place):
    keys = set(place)
    assert keys >= REQUIRED_KEYS, f"missing {sorted(REQUIRED_KEYS - keys)}"
    assert keys <= REQUIRED_KEYS | OPTIONAL_KEYS, f"unknown {sorted(keys - REQUIRED_KEYS - OPTIONAL_KEYS)}"
    assert ID_RE.match(place["id"]), place["id"]
    assert place["id"].split(".")[0] == place["country"].lower()
    assert place["country"] in BBOX
    assert isinstance(place["name"], str) and place["name"].strip() == place["name"] and place["name"]
    assert isinstance(place["name_ar"], str) and ARABIC_LETTER.search(place["name_ar"])
    assert place["name_ar"].strip() == place["name_ar"]
    aliases = place["aliases"]
    assert isinstance(aliases, list)
    assert all(isinstance(a, str) and a and a.strip() == a for a in aliases)
    assert len(aliases) == len(set(aliases)), "an alias is listed twice"
    assert place["name_ar"] not in aliases, "name_ar repeated among the aliases"
    assert place["kind"] in KINDS
    assert isinstance(place["point"], bool)
    for key in ("lat", "lon"):
        assert isinstance(place[key], int | float) and not isinstance(place[key], bool)
    assert isinstance(place["extent_km"], int | float) and not isinstance(place["extent_km"], bool)
    assert place["admin1"] is None or isinstance(place["admin1"], str)
    assert place["admin1_pcode"] is None or PCODE_RE.match(place["admin1_pcode"])
    if place["country"] == "SY":
        assert place["admin1_pcode"] is None, "no Syrian P-codes until they can be checked against OCHA"
        assert not keys & OPTIONAL_KEYS
    for level in (2, 3):
        if f"admin{level}_pcode" in place or f"admin{level}" in place:
            assert isinstance(place.get(f"admin{level}"), str)
            assert PCODE_RE.match(place.get(f"admin{level}_pcode") or "")
            assert place[f"admin{level}_pcode"].startswith(place["admin1_pcode"])
    if "admin3_pcode" in place:
        assert place["admin3_pcode"].startswith(place["admin2_pcode"])


def test_ids_are_unique():
    seen: dict[str, int] = defaultdict(int)
    for place in places():
        seen[place["id"]] += 1
    assert not [i for i, n in seen.items() if n > 1]


@pytest.mark.parametrize("place", places(), ids=lambda p: p["id"])
def test_coordinates_inside_country(place):
    lat_min, lat_max, lon_min, lon_max = BBOX[place["country"]]
    assert lat_min <= place["lat"] <= lat_max, place["lat"]
    assert lon_min <= place["lon"] <= lon_max, place["lon"]


@pytest.mark.parametrize("place", places(), ids=lambda p: p["id"])
def test_points_have_no_extent_and_areas_do(place):
    if place["point"]:
        assert place["extent_km"] == 0
        assert place["kind"] not in AREA_KINDS, "an area cannot be coded at town precision"
    else:
        assert place["extent_km"] > 0
        assert place["kind"] not in POINT_KINDS, f"a {place['kind']} is a point"
    assert place["extent_km"] <= 400


def test_expected_coverage():
    count: dict[tuple[str, str], int] = defaultdict(int)
    for place in places():
        count[place["country"], place["kind"]] += 1
    assert count["IQ", "governorate"] == 18
    assert count["IQ", "district"] == 101
    assert count["SY", "governorate"] == 14
    assert count["SY", "city"] >= 14


# ---------------------------------------------------------------- names


def test_every_name_points_to_one_place_unless_declared_shared():
    owners: dict[str, set[str]] = defaultdict(set)
    for place in places():
        for name in names_of(place):
            owners[name].add(place["id"])
    shared = {normalize(n) for n in SHARED_NAMES}
    clashes = {n: sorted(ids) for n, ids in owners.items() if len(ids) > 1 and n not in shared}
    assert not clashes
    unused = sorted(n for n in shared if len(owners.get(n, ())) < 2)
    assert not unused, "SHARED_NAMES lists names that are no longer shared"


def test_no_place_answers_to_a_bare_common_word():
    ambiguous = {normalize(w) for w in AMBIGUOUS_WORDS}
    offenders = {p["id"]: sorted(names_of(p) & ambiguous) for p in places() if names_of(p) & ambiguous}
    assert not offenders


def test_normalize_folds_the_usual_variants():
    assert normalize("الأنبار") == normalize("الانبار") == normalize("انبار")
    assert normalize("البصرة") == normalize("بصره")
    assert normalize("ديالى") == normalize("ديالي")
    assert normalize("جزيرة الكنعوص") == normalize("جزيره كنعوص")


# ---------------------------------------------------------------- Syria


def test_syrian_places_sit_in_a_known_governorate():
    governorates = {p["admin1"]: p for p in places() if p["country"] == "SY" and p["kind"] == "governorate"}
    for place in places():
        if place["country"] != "SY":
            continue
        gov = governorates.get(place["admin1"])
        assert gov is not None, f"{place['id']}: unknown governorate {place['admin1']!r}"
        if place is not gov:
            distance = km_between(place["lat"], place["lon"], gov["lat"], gov["lon"])
            assert distance <= 1.6 * gov["extent_km"] + 10, f"{place['id']} is {distance:.0f} km from {gov['id']}"


# ---------------------------------------------------------------- Iraq against OCHA


@cache
def ocha_attributes() -> list[dict[str, str]]:
    path = shared_path(*OCHA, "irq_admin3_attributes.tsv")
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


@cache
def ocha_names() -> dict[str, str]:
    """P-code -> English name at every level, from the attributes table."""
    names: dict[str, str] = {}
    for row in ocha_attributes():
        for level in (1, 2, 3):
            names[row[f"ADM{level}_PCODE"]] = row[f"ADM{level}_EN"]
    return names


@cache
def ocha_polygons(level: int) -> dict[str, list[list[list[tuple[float, float]]]]]:
    """P-code -> list of polygons, each a list of rings of (lon, lat)."""
    name = {0: "irq_admbnda_adm0_cso_itos_20190603.geojson"}.get(level, f"irq_admbnda_adm{level}_cso_20190603.geojson")
    doc = json.loads(shared_path(*OCHA, name).read_text(encoding="utf-8"))
    out = {}
    for feature in doc["features"]:
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        key = feature["properties"][f"ADM{level}_PCODE"]
        out[key] = [[[(pt[0], pt[1]) for pt in ring] for ring in polygon] for polygon in polygons]
    return out


def _in_ring(lon: float, lat: float, ring: list[tuple[float, float]]) -> bool:
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y0 > lat) != (y1 > lat) and lon < (x1 - x0) * (lat - y0) / (y1 - y0) + x0:
            inside = not inside
    return inside


def contains(polygons, lat: float, lon: float) -> bool:
    return any(
        _in_ring(lon, lat, polygon[0]) and not any(_in_ring(lon, lat, hole) for hole in polygon[1:])
        for polygon in polygons
    )


def km_to_boundary(polygons, lat: float, lon: float) -> float:
    kx, ky = 111.32 * math.cos(math.radians(lat)), 111.32
    best = math.inf
    for polygon in polygons:
        for ring in polygon:
            for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
                ax, ay, bx, by = (x0 - lon) * kx, (y0 - lat) * ky, (x1 - lon) * kx, (y1 - lat) * ky
                dx, dy = bx - ax, by - ay
                t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / (dx * dx + dy * dy)))
                best = min(best, math.hypot(ax + t * dx, ay + t * dy))
    return best


def area_centroid(polygons) -> tuple[float, float]:
    area = sx = sy = 0.0
    for polygon in polygons:
        for index, ring in enumerate(polygon):
            a = cx = cy = 0.0
            for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
                cross = x0 * y1 - x1 * y0
                a, cx, cy = a + cross, cx + (x0 + x1) * cross, cy + (y0 + y1) * cross
            if (a > 0) != (index == 0):  # outer rings count positive, holes negative
                a, cx, cy = -a, -cx, -cy
            area, sx, sy = area + a / 2, sx + cx, sy + cy
    return sy / (6 * area), sx / (6 * area)


def iraqi(kind_filter=None) -> list[dict[str, Any]]:
    return [p for p in places() if p["country"] == "IQ" and (kind_filter is None or kind_filter(p))]


def test_every_ocha_governorate_and_district_is_present_once():
    ocha_adm1 = {row["ADM1_PCODE"] for row in ocha_attributes()}
    ocha_adm2 = {row["ADM2_PCODE"] for row in ocha_attributes()}
    governorates = [p["admin1_pcode"] for p in iraqi(lambda p: p["kind"] == "governorate")]
    districts = [p["admin2_pcode"] for p in iraqi(lambda p: p["kind"] == "district")]
    assert sorted(governorates) == sorted(ocha_adm1)
    assert sorted(districts) == sorted(ocha_adm2)


@pytest.mark.parametrize("place", iraqi(), ids=lambda p: p["id"])
def test_iraqi_pcodes_exist_and_names_match(place):
    names = ocha_names()
    level = OCHA_KINDS.get(place["kind"])
    if level:
        assert place.get(f"admin{level}_pcode"), f"a {place['kind']} needs its own P-code"
        assert all(place.get(f"admin{k}_pcode") for k in range(1, level + 1))
        assert not any(f"admin{k}_pcode" in place for k in range(level + 1, 4))
    for k in (1, 2, 3):
        pcode = place.get(f"admin{k}_pcode")
        if pcode is None:
            continue
        assert pcode in names, f"{pcode} is not an OCHA P-code"
        assert len(pcode) == {1: 5, 2: 8, 3: 11}[k]
        assert place[f"admin{k}"] == names[pcode]


@pytest.mark.parametrize("place", iraqi(lambda p: p["kind"] in OCHA_KINDS), ids=lambda p: p["id"])
def test_admin_unit_coordinates_are_the_polygon_centroid(place):
    level = OCHA_KINDS[place["kind"]]
    polygons = ocha_polygons(level)[place[f"admin{level}_pcode"]]
    lat, lon = area_centroid(polygons)
    assert km_between(lat, lon, place["lat"], place["lon"]) < 2.0


@pytest.mark.parametrize("place", iraqi(lambda p: p["point"]), ids=lambda p: p["id"])
def test_iraqi_points_fall_in_their_admin_units(place):
    (iraq,) = ocha_polygons(0).values()
    lat, lon = place["lat"], place["lon"]
    assert contains(iraq, lat, lon), "outside Iraq"
    for level in (1, 2, 3):
        pcode = place.get(f"admin{level}_pcode")
        if pcode is None:
            continue
        polygons = ocha_polygons(level)[pcode]
        # a town on a boundary river may sit a little outside the generalised polygon
        assert contains(polygons, lat, lon) or km_to_boundary(polygons, lat, lon) < 2.0, f"not in {pcode}"


@pytest.mark.parametrize("place", iraqi(lambda p: not p["point"]), ids=lambda p: p["id"])
def test_iraqi_area_centroids_are_in_iraq_and_their_governorate(place):
    (iraq,) = ocha_polygons(0).values()
    assert contains(iraq, place["lat"], place["lon"])
    if place["admin1_pcode"] and place["kind"] not in OCHA_KINDS:
        polygons = ocha_polygons(1)[place["admin1_pcode"]]
        assert contains(polygons, place["lat"], place["lon"])
