"""Resolution measured on the team's gold sentences, truth from OCHA and GeoNames (issue targets:
admin1 accuracy >= 0.95; within 25 km >= 0.90 where the place is a point)."""

from __future__ import annotations

import sys
from pathlib import Path

from marsad.geo.admin import units
from marsad.geo.shapes import distance_km
from tests.geo.gold import load_cases

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from geo_resolution import resolve_case


def _admin1_code(location: dict) -> str | None:
    """The GeoNames admin1 code (Syria's gold) of the location's admin1 unit."""
    unit = next((u for u in units().values() if u.pcode and u.pcode == location.get("admin1_pcode")), None)
    return unit.geonames[0].split(".")[1] if unit and unit.geonames else None


def test_resolution_meets_the_targets_on_the_gold_sentences() -> None:
    cases = load_cases()
    admin_right = points = points_right = 0
    for case in cases:
        location = resolve_case(case)
        if location is None:
            continue
        admin1 = location.get("admin1_pcode") if case.country == "IQ" else _admin1_code(location)
        admin_right += admin1 == case.admin1
        if case.is_point:
            points += 1
            points_right += (
                distance_km(case.latitude, case.longitude, location["latitude"], location["longitude"]) <= 25
            )
    assert len(cases) >= 150
    assert admin_right / len(cases) >= 0.95
    assert points_right / points >= 0.90
