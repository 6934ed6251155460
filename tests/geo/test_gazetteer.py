"""The gazetteer: build, load, look-ups, admin areas, precision codes, and clear errors."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from marsad.geo.gazetteer import Gazetteer, GazetteerError, default_path
from marsad.geo.resolve import resolve
from marsad.geo.shapes import centroid, contains, distance_km
from marsad.model import Document
from marsad.pipeline import extract


@pytest.fixture(scope="module")
def gazetteer(gazetteer: Path) -> Gazetteer:  # the session fixture in tests/conftest.py built it
    return Gazetteer.load(gazetteer)


def test_loads_in_under_a_second(gazetteer: Gazetteer) -> None:
    started = time.perf_counter()
    Gazetteer.load(gazetteer.path)
    assert time.perf_counter() - started < 1.0
    assert {"curated", "geonames"} <= set(gazetteer.meta["sources"].split(","))


def test_a_governorate_is_a_region_with_precision_3_and_a_flagged_centroid(gazetteer: Gazetteer) -> None:
    resolution = resolve(gazetteer, "الانبار", type_word="محافظه", focus="IQ")
    assert resolution is not None
    assert resolution.place.kind == "governorate"
    assert resolution.geo_precision == 3
    assert not resolution.place.point


def test_a_named_town_has_precision_1(gazetteer: Gazetteer) -> None:
    resolution = resolve(gazetteer, "الرمادي", type_word="مدينه", focus="IQ")
    assert resolution is not None and resolution.geo_precision == 1
    assert distance_km(resolution.latitude, resolution.longitude, 33.42, 43.30) < 15


def test_a_relational_phrase_gives_the_anchor_with_precision_2(gazetteer: Gazetteer) -> None:
    resolution = resolve(gazetteer, "كركوك", type_word="مدينه", focus="IQ", bearing_word="جنوب", distance=20)
    assert resolution is not None
    assert resolution.geo_precision == 2
    assert resolution.relation == {"words": "جنوب", "bearing": 180.0, "distance_km": 20}
    assert (
        distance_km(resolution.latitude, resolution.longitude, resolution.place.latitude, resolution.place.longitude)
        == 0
    )


def test_an_unknown_name_stays_unresolved_instead_of_falling_back(gazetteer: Gazetteer) -> None:
    assert resolve(gazetteer, "كفرزيتونيات", focus="IQ") is None


@pytest.mark.parametrize("word", ["بيان", "الخميس", "الأمان", "هوية"])
def test_a_common_word_is_no_place_without_a_type_word(gazetteer: Gazetteer, word: str) -> None:
    # GeoNames gives these spellings to Bayan, Khemis Miliana, Amman and Hue
    assert resolve(gazetteer, word, focus="IQ", strict_focus=False) is None


@pytest.mark.parametrize(
    "text",
    [
        "سقطت قذائف من الجانب السوري على قرية حدودية أمس الأحد وقتل مدنيان.",  # السوري: Surrey, Canada
        "كشفت الشرطة هوية منفذ التفجير الذي قتل خمسة أشخاص أمس الأحد.",  # هوية: Hue, Vietnam
        "قتل ثلاثة جنود في هجوم أعلن عنه الجيش في بيان أمس الأحد.",  # بيان: Bayan, Kuwait
    ],
)
def test_no_event_is_placed_at_a_common_word_or_a_nationality(text: str) -> None:
    record = extract(Document(id="t", text=text, published="2024-05-13"))
    assert record.events
    for event in record.events:
        assert event["location"].get("latitude") is None, event["location"]


def test_admin_areas_by_point_in_polygon(gazetteer: Gazetteer) -> None:
    admins = gazetteer.admin_at(33.3406, 44.4009)  # central Baghdad: the shipped polygons, no ../shared needed
    assert admins[1].source_id.startswith("IQG08")  # Baghdad governorate


def test_geometry_helpers_on_a_square_with_a_hole() -> None:
    square = [[(0.0, 0.0), (4.0, 0.0), (4.0, 4.0), (0.0, 4.0)], [(1.0, 1.0), (2.0, 1.0), (2.0, 2.0), (1.0, 2.0)]]
    assert contains(square, 3.0, 3.0)
    assert not contains(square, 1.5, 1.5)  # in the hole
    assert not contains(square, 5.0, 1.0)
    latitude, longitude = centroid([square])
    assert latitude == pytest.approx(2.0 + (2.0 - 1.5) / 15, abs=1e-9)
    assert longitude == pytest.approx(latitude)


def test_extract_fills_the_location_of_an_event() -> None:
    text = "قتل مسلحون مجهولون مزارعا في قضاء الحويجة بمحافظة كركوك أمس الأحد."
    record = extract(Document(id="t", text=text, published="2024-05-13"))
    (event,) = record.events
    location = event["location"]
    assert location["admin1_pcode"] == "IQG13"
    assert location["geo_precision"] == 2
    start, end = location["span"]
    assert text[start:end] == "قضاء الحويجة"


def run_marsad(*args: str, env_dir: Path) -> subprocess.CompletedProcess[str]:
    import os

    env = {**os.environ, "MARSAD_DATA_DIR": str(env_dir)}
    return subprocess.run(
        [sys.executable, "-m", "marsad.cli", *args], capture_output=True, text=True, timeout=120, env=env, check=False
    )


def test_missing_and_corrupt_gazetteers_name_the_command_that_fixes_them(tmp_path: Path) -> None:
    missing = run_marsad("geocode", "في الرمادي", env_dir=tmp_path)
    assert missing.returncode == 2
    assert "marsad gazetteer build" in missing.stderr and "Traceback" not in missing.stderr
    (tmp_path / "gazetteer.sqlite").write_bytes(b"this is not a database")
    corrupt = run_marsad("geocode", "في الرمادي", env_dir=tmp_path)
    assert corrupt.returncode == 2
    assert "marsad gazetteer build" in corrupt.stderr and "Traceback" not in corrupt.stderr
    with pytest.raises(GazetteerError, match="marsad gazetteer build"):
        Gazetteer.load(tmp_path / "gazetteer.sqlite")


def test_geocode_shows_candidates_and_the_choice() -> None:
    result = run_marsad("geocode", "انفجرت عبوة في قضاء الحويجة", env_dir=default_path().parent)
    assert result.returncode == 0, result.stderr
    assert "قضاء الحويجة" in result.stdout and "chosen:" in result.stdout and "→" in result.stdout


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("انفجرت عبوة ناسفة على بعد 15 كم من مدينة كركوك مساء أمس.", "قرب"),
        ("انفجرت عبوة شمال شرقي بعقوبة صباح اليوم.", "شمال شرقي"),
    ],
)
def test_relational_phrases_in_text_give_precision_2(text: str, words: str) -> None:
    record = extract(Document(id="t", text=text, published="2024-05-13"))
    (event,) = record.events
    location = event["location"]
    assert location["geo_precision"] == 2
    assert location["relation"]["words"] == words
