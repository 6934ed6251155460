"""The toponym-resolution gold set is well formed and every truth in it comes from the shared data.

Checks the file (ids, mentions, kinds, countries, tags), the references (each P-code, GeoNames id
and OSM node exists, and its names agree with the mention), and the little geometry ``gold.py``
computes truth with (centroids, point-in-polygon). Standard library and pytest only.
"""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from functools import cache

import pytest

from tests.geo.gold import (
    ADM_FILES,
    CASES_FILE,
    COUNTRIES,
    GEONAMES_FILE,
    KINDS,
    Case,
    GoldError,
    area_centroid,
    contains,
    geonames,
    iraq_admin1_of,
    load_cases,
    ocha_areas,
    osm_nodes,
    read_records,
    resolve_truth,
)
from tests.shared_data import shared_path

ALL_IRAQI_GOVERNORATES = 18
CLITICS = "وفبلك"
TYPE_WORDS = ("محافظة", "قضاء", "ناحية", "مدينة", "بلدة", "قرية", "مخيم", "حي", "منطقة", "مصيف")
DIRECTION_CUES = ("شمال", "جنوب", "شرق", "غرب", "قرب", "محيط", "أطراف", "مشارف", "ضواحي")
TAGS = {"clitic", "relational", "disambiguation", "variant"}
# Names in real use that the data spells only in Latin script: mention name -> a name the data has.
KNOWN_VARIANTS = {"كوباني": "Kobani", "الهول": "El Hol"}
# The truth source a kind of place must come from (Syrian governorates are scored at their capitals).
SOURCES = {
    ("governorate", "IQ"): {("ocha", 1)},
    ("governorate", "SY"): {("geonames", None)},
    ("district", "IQ"): {("ocha", 2)},
    ("subdistrict", "IQ"): {("ocha", 3)},
}
POINT_SOURCES = {("geonames", None), ("osm", None)}

ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
MARKS = re.compile(r"[\u064b-\u0652\u0670\u0640]")  # harakat, dagger alef, tatweel


def normalize(name: str) -> str:
    """Fold the spellings Arabic writers use interchangeably, so that only real variants differ."""
    name = MARKS.sub("", name)
    name = re.sub("[أإآٱ]", "ا", name)
    name = name.replace("ة", "ه").replace("ى", "ي").replace("ؤ", "و").replace("ئ", "ي").replace("ء", "")
    name = re.sub(r"\s+", "", name)
    return name.removeprefix("ال")


def bare(mention: str) -> str:
    """The mention without its leading type words (محافظة، قضاء، ناحية، مدينة ...)."""
    words = mention.split()
    while len(words) > 1 and words[0] in TYPE_WORDS:
        words = words[1:]
    return " ".join(words)


@cache
def cases() -> list[Case]:
    return load_cases()


@cache
def records() -> list[dict]:
    return list(read_records())


@cache
def name_index() -> dict[str, set[tuple[str, str]]]:
    """Normalized Arabic name -> the distinct references that carry it, over every layer of the data
    (GeoNames for all sixteen countries, so that Alexandria and Jericho count)."""
    index: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for level in ADM_FILES:
        for pcode, area in ocha_areas(level).items():
            for name in (area.name_ar, *area.alt_names):
                index[normalize(name)].add(("ocha", pcode))
    with shared_path(*GEONAMES_FILE).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            for name in row["arabic_script_names"].split("|"):
                if name:
                    index[normalize(name)].add(("geonames", row["geonameid"]))
    for node_id, row in osm_nodes().items():
        if row["name"]:
            index[normalize(row["name"])].add(("osm", str(node_id)))
    return index


# --- the file -------------------------------------------------------------------------------------


def test_enough_cases_with_unique_well_formed_ids() -> None:
    ids = [record["id"] for record in records()]
    assert len(ids) >= 150
    assert len(set(ids)) == len(ids), [i for i, n in Counter(ids).items() if n > 1]
    assert all(re.fullmatch(r"r\d{3}", i) for i in ids)


def test_records_have_the_documented_fields() -> None:
    required = {"id", "text", "mention", "truth", "kind", "country"}
    for record in records():
        assert required <= record.keys() <= required | {"tags"}, record["id"]
        assert record["kind"] in KINDS, record["id"]
        assert record["country"] in COUNTRIES, record["id"]
        assert set(record.get("tags", ())) <= TAGS, record["id"]
        assert ARABIC_LETTER.search(record["text"]), record["id"]


def test_every_mention_occurs_once_in_its_text() -> None:
    for record in records():
        assert record["mention"] in record["text"], record["id"]
        assert record["text"].count(record["mention"]) == 1, record["id"]


def test_mentions_sit_on_word_boundaries_and_clitics_are_tagged() -> None:
    """A mention ends where its word ends; it may start inside a word only after proclitics
    (و ف ب ل ك), and exactly those cases carry the ``clitic`` tag."""
    for record in records():
        text, mention = record["text"], record["mention"]
        start = text.index(mention)
        end = start + len(mention)
        assert end == len(text) or not ARABIC_LETTER.match(text[end]), record["id"]
        word_start = start
        while word_start > 0 and ARABIC_LETTER.match(text[word_start - 1]):
            word_start -= 1
        prefix = text[word_start:start]
        tagged = "clitic" in record.get("tags", ())
        assert tagged == bool(prefix), (record["id"], prefix)
        assert all(letter in CLITICS for letter in prefix) and len(prefix) <= 2, (record["id"], prefix)


def test_kind_mix_covers_every_kind_and_both_countries() -> None:
    kinds = Counter(record["kind"] for record in records())
    assert set(kinds) == set(KINDS), kinds
    assert {record["country"] for record in records()} == set(COUNTRIES)


def test_at_least_40_syrian_or_clitic_cases() -> None:
    hard = [r for r in records() if r["country"] == "SY" or "clitic" in r.get("tags", ())]
    assert len(hard) >= 40


def test_every_iraqi_governorate_is_named_at_least_once() -> None:
    named = {r["truth"]["pcode"] for r in records() if r["truth"]["source"] == "ocha" and r["truth"]["level"] == 1}
    assert len(ocha_areas(1)) == ALL_IRAQI_GOVERNORATES
    assert named == set(ocha_areas(1)), sorted(set(ocha_areas(1)) - named)


def test_tags_are_used() -> None:
    used = Counter(tag for record in records() for tag in record.get("tags", ()))
    assert used["disambiguation"] >= 10
    assert used["relational"] >= 5
    assert used["variant"] >= 5
    assert used["clitic"] >= 10


# --- the references -------------------------------------------------------------------------------


def test_every_truth_reference_exists_in_the_data() -> None:
    missing = []
    for record in records():
        try:
            resolve_truth(record["truth"])
        except GoldError as error:
            missing.append((record["id"], str(error)))
    assert not missing


def test_kind_and_country_agree_with_the_truth_source() -> None:
    for case in cases():
        source = case.truth["source"]
        key = (source, case.truth.get("level"))
        allowed = SOURCES.get((case.kind, case.country), POINT_SOURCES)
        assert key in allowed, (case.id, case.kind, key)
        if case.kind == "village":
            assert source == "osm" or case.country == "SY", case.id
    for record, case in zip(records(), cases(), strict=True):
        assert resolve_truth(record["truth"]).country == case.country, case.id


def test_mention_names_the_referenced_place() -> None:
    """After folding hamza, ta marbuta, alef maqsura, spaces and the article, the mention (with or
    without its type word) is one of the reference's names, or a listed real variant of one."""
    for case in cases():
        known = {normalize(name) for name in case.names if ARABIC_LETTER.search(name)}
        spoken = {normalize(case.mention), normalize(bare(case.mention))}
        variant = KNOWN_VARIANTS.get(bare(case.mention))
        assert spoken & known or (variant is not None and variant in case.names), (case.id, case.mention)


def test_variant_cases_differ_from_the_data_spelling() -> None:
    for case in cases():
        if "variant" not in case.tags:
            continue
        name = bare(case.mention)
        if case.truth["source"] in ("ocha", "osm"):
            assert name != case.names[0], case.id  # the data's own spelling is not a variant
        else:
            arabic = [n for n in case.names if ARABIC_LETTER.search(n)]
            assert name not in arabic or len(arabic) > 1, case.id


def test_disambiguation_cases_name_an_ambiguous_place() -> None:
    for case in cases():
        if "disambiguation" in case.tags:
            holders = name_index().get(normalize(bare(case.mention)), set())
            assert len(holders) >= 2, (case.id, case.mention, holders)


def test_relational_cases_have_a_cue_before_the_anchor() -> None:
    for case in cases():
        if "relational" in case.tags:
            before = case.text[max(0, case.start - 30) : case.start]
            assert any(cue in before for cue in DIRECTION_CUES), (case.id, before)


def test_resolved_truths_are_in_the_region() -> None:
    for case in cases():
        assert 29.0 <= case.latitude <= 37.5 and 35.5 <= case.longitude <= 48.7, case.id
        assert case.is_point == (case.truth["source"] != "ocha"), case.id
        assert case.admin1, case.id  # Iraqi points fall inside a governorate; Syrian ones have a code
        if case.country == "IQ":
            assert case.admin1 in ocha_areas(1), case.id


def test_ocha_centroids_lie_within_their_area_bounds() -> None:
    for case in cases():
        if case.truth["source"] == "ocha":
            area = ocha_areas(case.truth["level"])[case.truth["pcode"]]
            x0, y0, x1, y1 = area.bbox
            assert x0 <= case.longitude <= x1 and y0 <= case.latitude <= y1, case.id
            assert case.admin1 == case.truth["pcode"][:5], case.id


# --- the geometry ---------------------------------------------------------------------------------


def _square(x0: float, y0: float, side: float) -> list[tuple[float, float]]:
    return [(x0, y0), (x0 + side, y0), (x0 + side, y0 + side), (x0, y0 + side), (x0, y0)]


def test_centroid_weights_parts_by_area_and_subtracts_holes() -> None:
    # a 4x4 square with a 2x2 hole in its right half: centroid moves left of the centre
    with_hole = [[_square(0, 0, 4), list(reversed(_square(2, 1, 2)))]]
    lat, lon = area_centroid(with_hole)
    assert lat == pytest.approx(2.0)
    assert lon == pytest.approx((16 * 2 - 4 * 3) / 12)
    # two parts: a 2x2 square at the origin and a 1x1 square far to the east
    lat, lon = area_centroid([[_square(0, 0, 2)], [_square(10, 0, 1)]])
    assert lon == pytest.approx((4 * 1 + 1 * 10.5) / 5)
    assert lat == pytest.approx((4 * 1 + 1 * 0.5) / 5)


def test_point_in_polygon_handles_holes_and_multipolygons() -> None:
    polygons = [[_square(0, 0, 4), _square(1, 1, 2)], [_square(10, 10, 1)]]
    assert contains(polygons, lat=0.5, lon=0.5)
    assert not contains(polygons, lat=2.0, lon=2.0)  # in the hole
    assert contains(polygons, lat=10.5, lon=10.5)  # in the second part
    assert not contains(polygons, lat=5.0, lon=5.0)


@pytest.mark.parametrize(
    ("geonameid", "pcode"),
    [(99072, "IQG15"), (98182, "IQG08"), (99532, "IQG02"), (98717, "IQG01"), (95446, "IQG11")],
)
def test_known_cities_fall_in_their_governorates(geonameid: int, pcode: str) -> None:
    row = geonames()[geonameid]
    assert iraq_admin1_of(float(row["latitude"]), float(row["longitude"])) == pcode


def test_outside_iraq_has_no_governorate() -> None:
    assert iraq_admin1_of(33.5102, 36.29128) is None  # Damascus


def test_loader_reads_the_cases_file_next_to_it() -> None:
    assert CASES_FILE.name == "resolution_cases.jsonl"
    assert len(cases()) == len(records())
