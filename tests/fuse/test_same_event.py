"""Which two event records fusion takes for one event (ACLED: same actors, same day, same place)."""

from __future__ import annotations

from typing import Any

from marsad.fuse.fusion import canonical_record, is_reported, same_event


def report(
    event_id: str = "d1#1",
    *,
    sub_event_type: str = "Remote explosive/landmine/IED",
    event_type: str = "Explosions/Remote violence",
    day: str = "2015-07-26",
    time_precision: int = 1,
    place: tuple[float, float] | None = None,
    geo_precision: int = 1,
    country: str | None = "EG",
    actor1: str | None = None,
    actor2: str | None = None,
    fatalities: int | None = None,
    injured: int | None = None,
) -> dict[str, Any]:
    location: dict[str, Any] = {"country": country, "latitude": None, "longitude": None, "geo_precision": None}
    if place is not None:
        location.update(latitude=place[0], longitude=place[1], geo_precision=geo_precision)
    return {
        "event_id": event_id,
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "event_date": day,
        "time_precision": time_precision,
        "location": location,
        "actor1": {"id": actor1, "name": actor1} if actor1 else None,
        "actor2": {"id": actor2, "name": actor2} if actor2 else None,
        "assoc_actor_1": [],
        "assoc_actor_2": [],
        "fatalities": fatalities,
        "injured": injured,
        "published": day,
    }


ARISH = (31.13, 33.80)
RAFAH = (31.28, 34.24)


def test_two_placed_reports_of_one_day_and_place_are_one_event() -> None:
    assert same_event(report(place=ARISH), report("d2#1", place=ARISH))


def test_a_day_apart_is_tolerated_at_day_precision_but_not_three() -> None:
    assert same_event(report(place=ARISH), report("d2#1", place=ARISH, day="2015-07-27"))
    assert not same_event(report(place=ARISH), report("d2#1", place=ARISH, day="2015-07-29"))


def test_a_publication_date_is_good_to_a_week() -> None:
    assert same_event(report(place=ARISH), report("d2#1", place=ARISH, day="2015-07-31", time_precision=2))


def test_places_beyond_the_tolerance_are_two_events() -> None:
    assert not same_event(report(place=ARISH), report("d2#1", place=(30.05, 31.24)))  # Cairo


def test_different_families_never_fuse() -> None:
    protest = report("d2#1", place=ARISH, event_type="Protests", sub_event_type="Peaceful protest")
    assert not same_event(report(place=ARISH), protest)


def test_opposed_actors_are_two_events() -> None:
    first = report(place=ARISH, actor1="intl.isis", actor2="egypt.police")
    second = report("d2#1", place=ARISH, actor1="turkey.pkk", actor2="egypt.police")
    assert not same_event(first, second)


def test_actors_named_in_either_order_agree() -> None:
    first = report(place=ARISH, actor1="intl.isis", actor2="egypt.police")
    second = report("d2#1", place=ARISH, actor1="egypt.police", actor2="intl.isis")
    assert same_event(first, second)


def test_an_unplaced_report_needs_some_positive_evidence() -> None:
    placed = report(place=ARISH, sub_event_type="Suicide bomb")
    unplaced = report("d2#1", place=None)
    assert not same_event(placed, unplaced)  # other sub-type, no actor, no toll in common


def test_the_same_toll_on_the_same_day_is_evidence() -> None:
    placed = report(place=ARISH, sub_event_type="Suicide bomb", injured=18)
    unplaced = report("d2#1", place=None, injured=18)
    assert same_event(placed, unplaced)


def test_a_toll_any_source_of_a_canonical_event_gave_counts() -> None:
    canonical = canonical_record(
        "MRS1",
        [
            (report(place=ARISH, fatalities=4), {"id": "d1"}),
            (report("d2#1", place=ARISH, fatalities=6), {"id": "d2"}),
        ],
    )
    assert canonical["fatalities"] == 4  # the conservative figure
    newcomer = report("d3#1", place=None, sub_event_type="Suicide bomb", fatalities=6)
    assert same_event(canonical, newcomer)


def test_a_different_toll_is_no_evidence() -> None:
    placed = report(place=RAFAH, sub_event_type="Suicide bomb", fatalities=4)
    unplaced = report("d2#1", place=None, fatalities=2)
    assert not same_event(placed, unplaced)


def test_a_named_actor_in_common_is_evidence() -> None:
    placed = report(place=ARISH, sub_event_type="Suicide bomb", actor1="intl.isis", actor2="civilians")
    unplaced = report("d2#1", place=None, actor1="intl.isis")
    assert same_event(placed, unplaced)


def test_civilians_or_unidentified_gunmen_in_common_are_no_evidence() -> None:
    """Categories half the events of a day share do not identify an event: with them as evidence,
    one canonical event gathered unplaced reports of killings from several countries."""
    for category in ("civilians", "unidentified_armed_group"):
        placed = report(place=ARISH, sub_event_type="Suicide bomb", actor2=category)
        unplaced = report("d2#1", place=None, actor2=category)
        assert not same_event(placed, unplaced), category


def test_the_canonical_actors_are_the_ones_most_reports_name_and_never_the_same_twice() -> None:
    reports = [
        (report("d1#1", place=ARISH, actor1="turkey.pkk", actor2="intl.isis"), {"id": "d1"}),  # roles misread
        (report("d2#1", place=ARISH, actor1="intl.isis", actor2="civilians"), {"id": "d2"}),
        (report("d3#1", place=ARISH, actor1="intl.isis", actor2="civilians"), {"id": "d3"}),
    ]
    canonical = canonical_record("MRS1", reports)
    assert (canonical["actor1"]["id"], canonical["actor2"]["id"]) == ("intl.isis", "civilians")
    alone = canonical_record("MRS2", [reports[0], (report("d4#1", place=ARISH, actor1="intl.isis"), {"id": "d4"})])
    assert alone["actor1"]["id"] == "turkey.pkk"  # a tie goes to the earliest report
    lone_isis = canonical_record("MRS3", [reports[1], (report("d5#1", place=ARISH, actor2="intl.isis"), {"id": "d5"})])
    assert lone_isis["actor1"]["id"] == "intl.isis" and lone_isis["actor2"]["id"] == "civilians"


def test_news_fuses_with_news_only() -> None:
    """A report the judge took for news and a mere mention of the same raid stay two events: the
    default dataset is built from news alone."""
    news = report(place=ARISH, actor1="intl.isis") | {"modality": "asserted", "reported": True}
    mention = report("d2#1", place=ARISH, actor1="intl.isis") | {"modality": "asserted", "reported": False}
    assert not same_event(news, mention)
    assert same_event(news, report("d3#1", place=ARISH, actor1="intl.isis") | {"reported": True})


def test_events_that_are_not_news_fuse_only_within_their_modality() -> None:
    background = report(place=ARISH) | {"modality": "background", "reported": False}
    again = report("d2#1", place=ARISH) | {"modality": "background", "reported": False}
    denied = report("d3#1", place=ARISH) | {"modality": "negated", "reported": False}
    assert same_event(background, again)
    assert not same_event(background, denied)


def test_records_from_before_the_judge_are_news_when_asserted() -> None:
    asserted = report(place=ARISH) | {"modality": "asserted"}
    planned = report("d2#1", place=ARISH) | {"modality": "planned"}
    assert is_reported(asserted) and not is_reported(planned)
    assert same_event(asserted, report("d3#1", place=ARISH) | {"reported": True})
    assert not same_event(asserted, planned)


def test_a_canonical_event_carries_the_verdict_of_its_reports() -> None:
    news = [
        (report(place=ARISH) | {"reported": True, "news_probability": 0.7, "repeats": ["d1#4"]}, {"id": "d1"}),
        (report("d2#1", place=ARISH) | {"reported": True, "news_probability": 0.95}, {"id": "d2"}),
    ]
    canonical = canonical_record("MRS1", news)
    assert canonical["reported"] is True and canonical["news_probability"] == 0.95
    assert "repeats" not in canonical  # a report's own repeats are in its source entry
    assert [source["repeats"] for source in canonical["sources"]] == [["d1#4"], []]
    assert [source["reported"] for source in canonical["sources"]] == [True, True]
    mention = canonical_record("MRS2", [(report(place=ARISH) | {"modality": "background"}, {"id": "d3"})])
    assert mention["reported"] is False and mention["news_probability"] is None
