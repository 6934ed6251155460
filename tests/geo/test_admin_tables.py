"""The shipped admin tables: rebuilt bit for bit from the public sources, and complete enough that
no admin1 of the region lacks an English name, an Arabic name, an ISO 3166-2 code or a point."""

from __future__ import annotations

from pathlib import Path

from marsad.geo import admin
from marsad.geo.admin_build import REGION, main
from tests.shared_data import shared_path

SHIPPED = Path(admin.__file__).with_name("data") / "admin"


def test_the_tables_rebuild_bit_for_bit(tmp_path: Path) -> None:
    shared = shared_path("data", "naturalearth_admin1_mena").parent
    assert main([str(shared), "--out", str(tmp_path)]) == 0
    for name in ("units.tsv", "polygons.json", "world_admin1.tsv"):
        assert (tmp_path / name).read_bytes() == (SHIPPED / name).read_bytes(), name


def test_every_admin1_of_the_region_has_names_a_code_and_a_point() -> None:
    units = [unit for unit in admin.units().values() if unit.level == 1]
    assert {unit.country for unit in units} == set(REGION)
    for unit in units:
        assert unit.name and not unit.name.replace(".", "").isdigit(), unit
        assert unit.name.isascii(), unit  # ACLED writes ASCII names
        assert unit.name_ar, unit
        if unit.key != "SD19":  # the Abyei area is in the COD but is no ISO 3166-2 subdivision
            assert unit.iso_3166_2 and unit.iso_3166_2.startswith(unit.country + "-"), unit
        assert unit.latitude is not None and unit.longitude is not None, unit


def test_admin2_lies_under_an_admin1_of_its_country() -> None:
    table = admin.units()
    for unit in table.values():
        if unit.level > 1:
            parent = table[unit.parent]
            assert parent.level == unit.level - 1 and parent.country == unit.country, unit


def test_point_in_polygon_and_geonames_codes_agree_on_capitals() -> None:
    # (latitude, longitude, country, GeoNames admin1 code, English admin1)
    capitals = [
        (33.34, 44.40, "IQ", "07", "Baghdad"),
        (33.51, 36.29, "SY", "13", "Damascus"),
        (24.71, 46.68, "SA", "10", "Riyadh"),
        (30.04, 31.24, "EG", "11", "Cairo"),
        (36.80, 10.18, "TN", "36", "Tunis"),
        (12.80, 45.03, "YE", "02", "Aden"),
    ]
    for latitude, longitude, country, code, name in capitals:
        assert admin.units_at(latitude, longitude, country)[1].name == name
        assert admin.unit_for_geonames(country, code).name == name


def test_the_admin1_filter_reads_english_or_arabic() -> None:
    assert "Al-Anbar" in admin.admin1_names("الأنبار")
    assert "Al-Anbar" in admin.admin1_names("محافظة الانبار")
    assert "Al-Anbar" in admin.admin1_names("al-anbar")
    assert "Taizz" in admin.admin1_names("تعز")
    assert admin.admin1_names("Somewhere Else") == {"Somewhere Else"}  # kept as given
