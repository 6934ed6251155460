"""Build the shipped admin tables (src/marsad/geo/data/admin/) from the public sources, bit for bit:

    python -m marsad.geo.admin_build ../shared/data [--out src/marsad/geo/data/admin]

Sources (each folder has its SOURCE.md and licence): Natural Earth admin1 for the region
(`naturalearth_admin1_mena`: polygons, Arabic names, ISO 3166-2, GeoNames ids), GeoNames admin1 and
admin2 codes (`geonames_admin1_admin2_codes`: the current divisions, Arabic-script names, and the
world's admin1 names), OCHA COD P-codes (`ocha_cod_pcodes_mena_2021`: English and Arabic names and
P-codes for 13 countries) and OCHA's Iraq boundaries (`ocha_iraq_admin_boundaries_2019`: admin1-3
polygons), plus the team's `overrides.json` (ACLED spellings, Natural Earth successors). Which
source wins where they disagree is written in docs/places.md; in short, the set of units and the
P-code come from the OCHA COD where one exists with current admin1 units, else from GeoNames; the
English name is ACLED's spelling when the team table gives it, else the COD's, else GeoNames';
the polygon is OCHA's in Iraq and Natural Earth's elsewhere.

Writes `units.tsv` (admin1 and admin2 of the region), `world_admin1.tsv` (English admin1 names of
every other country, by GeoNames code) and `polygons.json` (simplified rings for point-in-polygon and
the map). Standard library only; the output depends on nothing but the inputs.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import json
import math
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.geo.shapes import Polygon, centroid, polygons_of
from marsad.recognize.lexicon import phrase_key

REGION = [
    "AE",
    "BH",
    "DZ",
    "EG",
    "IQ",
    "IR",
    "IL",
    "JO",
    "KW",
    "LB",
    "LY",
    "MA",
    "MR",
    "OM",
    "PS",
    "QA",
    "SA",
    "SD",
    "SO",
    "SS",
    "SY",
    "TN",
    "TR",
    "YE",
]  # the countries whose units carry Arabic names, codes and shapes
_ISO3 = {
    "SYR": "SY", "YEM": "YE", "LBY": "LY", "LBN": "LB", "SDN": "SD", "SOM": "SO", "SSD": "SS",
    "EGY": "EG", "DZA": "DZ", "MAR": "MA", "MRT": "MR", "IRN": "IR", "IRQ": "IQ",
}  # fmt: skip
# COD admin1 that are not today's first-level units (Libya's three regions): GeoNames' are used.
_COD_ADMIN1_SKIPPED = frozenset({"LY"})
# COD admin2 that are not the second level ACLED uses (Algeria's communes): GeoNames' are used.
_COD_ADMIN2_SKIPPED = frozenset({"DZ", "LY"})
# Type words written before an Arabic unit name (محافظة حمص): the name is what follows.
_AR_PREFIXES = (
    "محافظة", "منطقة", "ولاية", "إمارة", "امارة", "شعبية", "بلدية", "جهة", "إقليم", "اقليم", "مديرية",
    "قضاء", "لواء", "مركز", "قسم", "مدينة", "المحافظة", "الولاية", "استان", "شهرستان",
)  # fmt: skip
_EN_SUFFIXES = re.compile(r"\s+(Governorate|Province|Region|District|Emirate|Municipality|State)$", re.IGNORECASE)
_EN_PREFIXES = re.compile(r"^(Muhafazat|Baladiyat|Emirate of|Wilayat|Shabiyat|Mintaqat)\s+", re.IGNORECASE)
_HARAKAT = re.compile("[\u064b-\u0652\u0670\u0640\u200e\u200f]")
_ARABIC = re.compile("[\u0620-\u064a]")
_NOT_ARABIC = re.compile("[\u067e\u0686\u0698\u06af\u06a9\u06cc\u06ce\u06c6\u06d5\u06be\u06b5\u06c5]")
# Douglas-Peucker tolerance in degrees: about 1 km for admin1, 0.5 km for Iraq's districts and sub-districts.
_TOLERANCE = {1: 0.01, 2: 0.005, 3: 0.005}
_DIGITS = 4  # coordinates kept to about 10 m


@dataclass
class Unit:
    country: str
    level: int
    key: str  # OCHA P-code where the COD is used, else the GeoNames code (SA.10, PS.WE.7870654)
    name: str
    names_ar: list[str] = field(default_factory=list)  # the primary name first
    iso_3166_2: str = ""
    pcode: str = ""
    geonames: list[str] = field(default_factory=list)
    parent: str = ""  # the admin1 key of an admin2 unit
    latitude: float | None = None
    longitude: float | None = None
    source: str = ""
    polygons: list[Polygon] = field(default_factory=list)


def fold_en(name: str) -> str:
    """An English name as ACLED writes them: ASCII, without the type word (Diyarbakır Province -> Diyarbakir)."""
    text = name.replace("ı", "i").replace("İ", "I").replace("‘", "").replace("’", "'").replace("ʼ", "'")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch) and ord(ch) < 128).strip()
    text = _EN_PREFIXES.sub("", text)
    stripped = _EN_SUFFIXES.sub("", text)
    # «Southern Governorate» keeps its direction word alone; «Eastern Province» stays whole
    return stripped if stripped and stripped.split()[-1] not in ("Eastern",) else text


def clean_ar(name: str) -> str:
    """An Arabic unit name without harakat, tatweel, direction marks or its leading type word."""
    text = _HARAKAT.sub("", unicodedata.normalize("NFC", name)).strip()
    for prefix in _AR_PREFIXES:
        if text.startswith(prefix + " ") and len(text) > len(prefix) + 2:
            text = text[len(prefix) + 1 :].strip()
            break
    return re.sub(r"\s*-\s*", " - ", re.sub(r"\s+", " ", text))


def _ar_key(name: str) -> str:
    return " ".join(phrase_key(clean_ar(name).replace(" - ", " ")))


def _en_key(name: str) -> str:
    text = fold_en(name).lower()
    text = re.sub(r"\b(al|el|ad|ar|as|ash|at|az|an|ad)[- ]", "", text)
    return re.sub(r"[^a-z]", "", text)


def _similar(a: str, b: str) -> float:
    ka, kb = _en_key(a), _en_key(b)
    if not ka or not kb:
        return 0.0
    if ka == kb:
        return 1.0
    return difflib.SequenceMatcher(None, ka, kb).ratio()


def _unique(names: list[str]) -> list[str]:
    """Arabic-script names, each once, Arabic before Persian or Kurdish spellings."""
    seen: set[str] = set()
    kept = []
    for name in names:
        if name and _ARABIC.search(name) and name not in seen:
            seen.add(name)
            kept.append(name)
    return sorted(kept, key=lambda name: bool(_NOT_ARABIC.search(name)))


def is_arabic(name: str) -> bool:
    """Written in Arabic, not Persian or Kurdish (no پ چ ژ گ ک ی ێ ۆ ە ھ)."""
    return bool(name) and not _NOT_ARABIC.search(name)


# ---------------------------------------------------------------- reading the sources


def _read_csv(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream, delimiter=delimiter))


def _geonames(shared: Path) -> tuple[dict[str, dict[str, str]], list[tuple[str, str]]]:
    """GeoNames' region units by code, and the world's admin1 (code, English name) outside the region."""
    folder = shared / "geonames_admin1_admin2_codes"
    region = {row["geonames_code"]: row for row in _read_csv(folder / "geonames_admin_mena.tsv", "\t")}
    world = []
    with (folder / "admin1CodesASCII.txt").open(encoding="utf-8") as stream:
        for line in stream:
            code, name, ascii_name, _geonameid = line.rstrip("\n").split("\t")
            if code.split(".")[0] not in REGION:
                world.append((code, fold_en(ascii_name or name)))
    return region, sorted(world)


def _ocha(shared: Path) -> list[dict[str, str]]:
    return _read_csv(shared / "ocha_cod_pcodes_mena_2021" / "ocha_pcodes_mena.csv")


def _natural_earth(shared: Path) -> tuple[list[dict[str, str]], dict[str, list[Polygon]]]:
    folder = shared / "naturalearth_admin1_mena"
    rows = _read_csv(folder / "ne_10m_admin1_mena.csv")
    collection = json.loads((folder / "ne_10m_admin1_mena.geojson").read_text("utf-8"))
    shapes = {f["properties"]["adm1_code"]: polygons_of(f["geometry"]) for f in collection["features"]}
    return rows, shapes


def _iraq_shapes(shared: Path) -> dict[str, list[Polygon]]:
    folder = shared / "ocha_iraq_admin_boundaries_2019"
    shapes: dict[str, list[Polygon]] = {}
    for level in (1, 2, 3):
        path = folder / f"irq_admbnda_adm{level}_cso_20190603.geojson"
        for feature in json.loads(path.read_text("utf-8"))["features"]:
            shapes[feature["properties"][f"ADM{level}_PCODE"]] = polygons_of(feature["geometry"])
    return shapes


def _iraq_admin3(shared: Path) -> list[dict[str, Any]]:
    path = shared / "ocha_iraq_admin_boundaries_2019" / "irq_admbnda_adm3_cso_20190603.geojson"
    return [feature["properties"] for feature in json.loads(path.read_text("utf-8"))["features"]]


# ---------------------------------------------------------------- linking


def _link(ocha_units: list[Unit], geonames_units: list[dict[str, str]]) -> dict[str, str]:
    """OCHA unit key -> GeoNames code, one to one: the same Arabic name first, else the closest English."""
    scored = []
    for unit in ocha_units:
        keys = {_ar_key(name) for name in unit.names_ar}
        for row in geonames_units:
            names = [row["name"], row["asciiname"], *row["other_names"].split("|")]
            english = max(_similar(unit.name, name) for name in names if name)
            arabic = bool(keys & {_ar_key(name) for name in row["arabic_script_names"].split("|") if name})
            score = english + (1.0 if arabic else 0.0)
            if score >= 0.75:
                scored.append((score, unit.key, row["geonames_code"]))
    linked: dict[str, str] = {}
    taken: set[str] = set()
    for _score, key, code in sorted(scored, reverse=True):
        if key not in linked and code not in taken:
            linked[key] = code
            taken.add(code)
    return linked


# ---------------------------------------------------------------- geometry


def _simplify(ring: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker on a closed ring (iterative); a ring that would collapse keeps its extremes."""
    if len(ring) < 8:
        return ring
    keep = [False] * len(ring)
    keep[0] = keep[-1] = True
    far = max(range(len(ring)), key=lambda i: (ring[i][0] - ring[0][0]) ** 2 + (ring[i][1] - ring[0][1]) ** 2)
    keep[far] = True
    stack = [(0, far), (far, len(ring) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = ring[first], ring[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        best, index = 0.0, -1
        for i in range(first + 1, last):
            x, y = ring[i]
            distance = math.hypot(x - x1, y - y1) if length == 0 else abs(dy * x - dx * y + x2 * y1 - y2 * x1) / length
            if distance > best:
                best, index = distance, i
        if best > tolerance and index > 0:
            keep[index] = True
            stack.extend(((first, index), (index, last)))
    kept = [point for point, flag in zip(ring, keep, strict=True) if flag]
    return kept if len(kept) >= 4 else ring


def _round_ring(ring: list[tuple[float, float]]) -> list[list[float]]:
    rounded: list[list[float]] = []
    for x, y in ring:
        point = [round(x, _DIGITS), round(y, _DIGITS)]
        if not rounded or point != rounded[-1]:
            rounded.append(point)
    return rounded


def _compact(polygons: list[Polygon], level: int) -> list[list[list[list[float]]]]:
    """Simplified polygons; islands and holes smaller than the tolerance are dropped."""
    tolerance = _TOLERANCE[level]
    kept = []
    for polygon in polygons:
        rings = []
        for index, ring in enumerate(polygon):
            xs = [x for x, _ in ring]
            ys = [y for _, y in ring]
            if index > 0 and (max(xs) - min(xs) < 2 * tolerance or max(ys) - min(ys) < 2 * tolerance):
                continue
            rings.append(_round_ring(_simplify(ring, tolerance)))
        if rings and len(rings[0]) >= 4:
            kept.append(rings)
    if not kept:  # every part was tiny (a small island emirate): keep the largest unsimplified
        largest = max(polygons, key=lambda p: len(p[0]))
        kept.append([_round_ring(largest[0])])
    return kept


# ---------------------------------------------------------------- the build


def build_units(shared: Path, overrides: dict[str, Any]) -> tuple[list[Unit], list[tuple[str, str]]]:
    geonames, world = _geonames(shared)
    ocha = _ocha(shared)
    ne_rows, ne_shapes = _natural_earth(shared)
    iraq_shapes = _iraq_shapes(shared)
    acled = overrides["acled_names"]

    by_country_gn: dict[tuple[str, int], list[dict[str, str]]] = defaultdict(list)
    for row in geonames.values():
        by_country_gn[(row["country_code"], int(row["level"]))].append(row)

    units: list[Unit] = []
    # -- admin1
    for country in REGION:
        cod = [r for r in ocha if _ISO3.get(r["iso3"]) == country and r["admin_level"] == "1"]
        gn1 = sorted(by_country_gn[(country, 1)], key=lambda r: r["geonames_code"])
        chosen: list[Unit] = []
        if cod and country not in _COD_ADMIN1_SKIPPED:
            for row in cod:
                local = row["name_local"] if row["local_lang"] == "ar" else ""
                names = [local, *row["alt_names_local"].split("|")] if local else []
                persian = [row["name_local"]] if row["local_lang"] == "fa" else []
                unit = Unit(
                    country, 1, row["pcode"], row["name_en"], names + persian, pcode=row["pcode"], source="ocha"
                )
                chosen.append(unit)
            links = _link([u for u in chosen if u.key not in overrides["links"]], gn1)
            for unit in chosen:
                if unit.key in links:
                    unit.geonames.append(links[unit.key])
                unit.geonames.extend(overrides["links"].get(unit.key, []))
            linked_codes = {code for unit in chosen for code in unit.geonames}
            # a current unit the COD lacks (Morocco's two southern regions) comes from GeoNames
            for row in gn1:
                if row["geonames_code"] not in linked_codes and country == "MA":
                    chosen.append(
                        Unit(
                            country,
                            1,
                            row["geonames_code"],
                            row["name"],
                            geonames=[row["geonames_code"]],
                            source="geonames",
                        )
                    )
        elif country in overrides["governorates_as_admin1"]:
            iso = overrides["governorates_as_admin1"][country]
            for row in sorted(by_country_gn[(country, 2)], key=lambda r: r["geonames_code"]):
                code = row["geonames_code"]
                unit = Unit(
                    country, 1, code, row["name"], geonames=[code], iso_3166_2=iso.get(code, ""), source="geonames"
                )
                chosen.append(unit)
        else:
            for row in gn1:
                chosen.append(
                    Unit(
                        country,
                        1,
                        row["geonames_code"],
                        row["name"],
                        geonames=[row["geonames_code"]],
                        source="geonames",
                    )
                )
        chosen = [unit for unit in chosen if unit.key not in overrides["dropped"]]
        for unit in chosen:
            for code in unit.geonames:
                row = geonames[code]
                unit.names_ar.extend(row["arabic_script_names"].split("|"))
                if not unit.iso_3166_2 and row["iso_3166_2"]:
                    unit.iso_3166_2 = row["iso_3166_2"]
        units.extend(chosen)

    admin1 = {unit.key: unit for unit in units}
    by_geonames = {code: unit for unit in units for code in unit.geonames}
    # -- Natural Earth: Arabic names, ISO codes and polygons, by GeoNames id or the team's successor table
    gn_by_id = {row["geonameid"]: row["geonames_code"] for row in geonames.values() if row["level"] == "1"}
    successors = overrides["ne_successors"]
    for row in ne_rows:
        country = row["iso_a2"]
        unit = None
        if row["adm1_code"] in successors:
            unit = admin1.get(successors[row["adm1_code"]])
        elif row["gn_id"] in gn_by_id:
            unit = by_geonames.get(gn_by_id[row["gn_id"]])
        if unit is None and country in REGION:
            iso = row["iso_3166_2"]
            unit = next((u for u in units if u.country == country and u.iso_3166_2 and u.iso_3166_2 == iso), None)
        if unit is None:
            continue
        # an old region's name is not the current unit's (Natural Earth's Libya predates 2007)
        same = max(_similar(row["name_en"], unit.name), _similar(row["name"], unit.name)) >= 0.7
        if row["adm1_code"] not in successors and same:
            unit.names_ar.insert(0, row["name_ar"])
        iso = row["iso_3166_2"]
        if not unit.iso_3166_2 and iso and "~" not in iso and not iso.startswith("-"):
            unit.iso_3166_2 = iso
        if unit.country != "IQ":
            unit.polygons.extend(ne_shapes[row["adm1_code"]])
    for unit in units:
        if unit.country == "IQ":
            unit.polygons = iraq_shapes.get(unit.pcode, [])
            unit.iso_3166_2 = unit.iso_3166_2 or ""

    # -- admin2
    admin2: list[Unit] = []
    for country in REGION:
        if country in overrides["governorates_as_admin1"]:
            continue  # its admin2 are its admin1
        cod = [r for r in ocha if _ISO3.get(r["iso3"]) == country and r["admin_level"] == "2"]
        if cod and country not in _COD_ADMIN2_SKIPPED:
            for row in cod:
                parent = row["admin1_pcode"]
                if parent not in admin1:
                    continue
                names = [row["name_local"], *row["alt_names_local"].split("|")] if row["local_lang"] == "ar" else []
                if row["local_lang"] == "fa":
                    names = [row["name_local"]]
                unit = Unit(
                    country, 2, row["pcode"], row["name_en"], names, pcode=row["pcode"], parent=parent, source="ocha"
                )
                admin2.append(unit)
        else:
            for row in sorted(by_country_gn[(country, 2)], key=lambda r: r["geonames_code"]):
                parent_code = f"{country}.{row['admin1_code']}"
                parent = by_geonames.get(parent_code)
                if parent is None:
                    continue
                unit = Unit(
                    country, 2, row["geonames_code"], row["name"] or row["asciiname"],
                    row["arabic_script_names"].split("|"), geonames=[row["geonames_code"]], parent=parent.key,
                    iso_3166_2=row["iso_3166_2"], source="geonames",
                )  # fmt: skip
                admin2.append(unit)
    for unit in admin2:
        if unit.country == "IQ":
            unit.polygons = iraq_shapes.get(unit.pcode, [])

    # -- Iraq's sub-districts (admin3), for point-in-polygon with P-codes
    admin3 = []
    for props in sorted(_iraq_admin3(shared), key=lambda p: p["ADM3_PCODE"]):
        names = [props["ADM3_AR"], props.get("ADM3ALT1AR") or "", props.get("ADM3ALT2AR") or ""]
        unit = Unit(
            "IQ",
            3,
            props["ADM3_PCODE"],
            props["ADM3_EN"],
            names,
            pcode=props["ADM3_PCODE"],
            parent=props["ADM2_PCODE"],
            source="ocha",
        )
        unit.polygons = iraq_shapes.get(unit.pcode, [])
        admin3.append(unit)

    everything = units + admin2 + admin3
    centroids = overrides["centroids"]
    for unit in everything:
        unit.name = acled.get(unit.key) or fold_en(unit.name)
        unit.names_ar = _unique(
            [clean_ar(name) for name in [overrides["arabic_names"].get(unit.key, ""), *unit.names_ar]]
        )
        if unit.polygons:
            unit.latitude, unit.longitude = centroid(unit.polygons)
        elif unit.key in centroids:
            unit.latitude, unit.longitude = centroids[unit.key]
    everything.sort(key=lambda u: (u.country, u.level, u.key))
    return everything, world


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def write_tables(
    units: list[Unit], world: list[tuple[str, str]], out: Path, arabic: dict[str, str] | None = None
) -> dict[str, int]:
    out.mkdir(parents=True, exist_ok=True)
    arabic = arabic or {}
    columns = (
        "country",
        "level",
        "key",
        "name",
        "name_ar",
        "names_ar",
        "iso_3166_2",
        "pcode",
        "geonames",
        "parent",
        "latitude",
        "longitude",
        "source",
    )
    lines = ["\t".join(columns)]
    for unit in units:
        # the Arabic name only where one is Arabic (an Iranian district known only in Persian has none)
        arabic_name = unit.names_ar[0] if unit.names_ar and is_arabic(unit.names_ar[0]) else ""
        values = (
            unit.country, str(unit.level), unit.key, unit.name, arabic_name,
            "|".join(name for name in unit.names_ar if name != arabic_name), unit.iso_3166_2, unit.pcode,
            "|".join(unit.geonames), unit.parent,
            _number(unit.latitude), _number(unit.longitude), unit.source,
        )  # fmt: skip
        lines.append("\t".join(value.replace("\t", " ") for value in values))
    (out / "units.tsv").write_text("\n".join(lines) + "\n", "utf-8")
    (out / "world_admin1.tsv").write_text(
        "code\tname\tname_ar\n" + "".join(f"{code}\t{name}\t{arabic.get(code, '')}\n" for code, name in world), "utf-8"
    )
    shapes = {unit.key: _compact(unit.polygons, unit.level) for unit in units if unit.polygons}
    text = json.dumps(shapes, separators=(",", ":"), sort_keys=True)
    (out / "polygons.json").write_text(text + "\n", "utf-8")
    return {
        "admin1": sum(u.level == 1 for u in units),
        "admin2": sum(u.level == 2 for u in units),
        "admin3": sum(u.level == 3 for u in units),
        "polygons": len(shapes),
        "world_admin1": len(world),
    }


def default_out() -> Path:
    return Path(__file__).with_name("data") / "admin"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared", type=Path, help="the shared data folder (../shared/data)")
    parser.add_argument("--out", type=Path, default=default_out())
    args = parser.parse_args(argv)
    overrides = json.loads((default_out() / "overrides.json").read_text("utf-8"))
    units, world = build_units(args.shared, overrides)
    counts = write_tables(units, world, args.out, overrides.get("world_arabic_names", {}))
    missing = [u.key for u in units if u.level == 1 and u.latitude is None]
    print(json.dumps({**counts, "admin1_without_centroid": missing}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
