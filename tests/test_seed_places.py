"""The seeds' main events land where the reports put them, with the precision ACLED would give.

The seeds are read from ../shared at test time; only the expected places (facts) are written here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from marsad.model import Document
from marsad.pipeline import extract
from tests.shared_data import shared_path

D = dt.date


def seed_events(prefix: str, published: dt.date) -> list[dict[str, Any]]:
    (path,) = shared_path("seeds").glob(f"{prefix}_*.txt")
    document = Document(id=path.name, text=path.read_text(encoding="utf-8"), published=published)
    return [event for event in extract(document).events if event["modality"] == "asserted"]


def event_on(events: list[dict[str, Any]], day: str, sub_event_type: str) -> dict[str, Any]:
    matching = [e for e in events if e["event_date"] == day and e["sub_event_type"] == sub_event_type]
    assert matching, f"no {sub_event_type} on {day} among {[(e['event_date'], e['sub_event_type']) for e in events]}"
    return matching[0]


def test_anbar_raid_is_east_of_wadi_al_qadhf() -> None:
    raid = event_on(seed_events("000", D(2024, 9, 3)), "2024-08-29", "Air/drone strike")
    location = raid["location"]
    assert location["name_ar"] == "وادي القذف"
    assert location["admin1"] == "Al-Anbar"
    # a place given relative to a wadi: the wadi's representative point, never precision 1
    assert location["geo_precision"] == 2
    assert location["relation"]["words"] == "شرقي"
    assert location["centroid"] is True


def test_abu_saida_sweep_is_in_diyala() -> None:
    events = seed_events("001", D(2020, 5, 11))
    # the security sweep, not the list of governorates ISIS is said to be active in
    sweep = next(
        e for e in events if e["location"].get("admin1") == "Diyala" and e["event_type"] == "Strategic developments"
    )
    assert "الوقف" in sweep["location"]["name_ar"]
    assert sweep["location"]["geo_precision"] == 2


def test_island_strike_is_on_kanaous_island() -> None:
    strike = event_on(seed_events("004", D(2019, 9, 11)), "2019-09-10", "Air/drone strike")
    assert strike["location"]["name_ar"] == "جزيرة كنعوص"
    # the report says Salah al-Din; the island's point lies just across the Ninewa line
    assert strike["location"]["admin1"] == "Salah Al-Din"
    assert strike["location"]["geo_precision"] == 1


def test_salah_al_din_strikes_are_placed_in_the_governorate() -> None:
    # dated by the publication (the strikes came "before the operation"), so precision 2
    strike = event_on(seed_events("003", D(2020, 6, 23)), "2020-06-23", "Air/drone strike")
    assert strike["location"]["admin1"] == "Salah Al-Din"
    assert strike["location"]["geo_precision"] == 3
