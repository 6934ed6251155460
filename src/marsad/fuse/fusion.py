"""Cross-source event fusion: which reports tell the same event, and the canonical record they make.

ACLED's rule: one event is the same actors, the same day, the same place. Reports disagree within
what their precision allows (a date read from the publication day is good to a week; a governorate
is good to its extent), so two reports match when their types are compatible, their dates agree
within the looser report's precision, their places within the looser report's geo precision, and
their actors overlap. The canonical record takes the most precise date and place, the union of
actors, and the most conservative credible figures, and keeps every report's own claims.

Reports the news judge took for news (`reported`) fuse only with reported reports, so the default
dataset is built from news alone; the other events (mentions, background, denials, plans) fuse only
with events of the same modality that are not reported either, into canonical events that are
`reported: false`: queryable, never mixed into the news.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from functools import cache
from importlib import resources
from typing import Any

from marsad.codebook import load_codebook
from marsad.geo.shapes import distance_km

DATE_TOLERANCE_DAYS = {1: 1, 2: 7, 3: 31}
PLACE_TOLERANCE_KM = {1: 25, 2: 75, 3: 250}
WIDEST_WINDOW_DAYS = max(DATE_TOLERANCE_DAYS.values())
_FAMILY = {
    "Battles": "violence",
    "Violence against civilians": "violence",
    "Explosions/Remote violence": "violence",  # one raid is an airstrike to one outlet, a clash to another
    "Protests": "protest",
    "Riots": "protest",
    "Strategic developments": "strategic",
}
_FIGURES = ("fatalities", "injured", "arrested", "bodies_found")


@cache
def outlets() -> dict[str, dict[str, str]]:
    return json.loads(resources.files("marsad.fuse.data").joinpath("outlets.json").read_text("utf-8"))["outlets"]


def canonical_id(first_report_id: str) -> str:
    """Stable for a canonical event: derived from the report that created it, never recomputed."""
    return "MRS" + hashlib.sha1(first_report_id.encode("utf-8")).hexdigest()[:13].upper()


def family(event_type: str) -> str:
    return _FAMILY.get(event_type, event_type)


def _day(event: dict[str, Any]) -> dt.date | None:
    return dt.date.fromisoformat(event["event_date"]) if event.get("event_date") else None


def _side(event: dict[str, Any], side: str) -> set[str]:
    """The actors on one side of an event, each with its parent (the CTS is the Iraqi military)."""
    actors = load_codebook().actors_by_id
    names = set()
    for actor in [event.get(f"actor{side}"), *(event.get(f"assoc_actor_{side}") or [])]:
        if not actor or actor.get("implied"):
            continue
        identifier = actor.get("id") or actor["name"]
        names.add(identifier)
        known = actors.get(identifier)
        if known is not None and known.parent:
            names.add(known.parent)
    return names


def _named(event: dict[str, Any]) -> set[str]:
    """The actors that identify an event: not a category such as Civilians or Unidentified Armed
    Group, which half the events of a day share (a canonical event collecting every report that
    names civilians grew into a heap of unrelated reports)."""
    actors = load_codebook().actors_by_id
    return {
        identifier
        for identifier in _side(event, "1") | _side(event, "2")
        if not (identifier in actors and actors[identifier].is_pattern)
    }


def _same_actors(first: dict[str, Any], second: dict[str, Any]) -> bool:
    """ACLED's "same actors": every side both reports name shares an actor, in either order."""
    ours = (_side(first, "1"), _side(first, "2"))
    theirs = (_side(second, "1"), _side(second, "2"))

    def agree(a: tuple[set[str], set[str]], b: tuple[set[str], set[str]]) -> bool:
        return all(not x or not y or bool(x & y) for x, y in zip(a, b, strict=True))

    return agree(ours, theirs) or agree(ours, (theirs[1], theirs[0]))


def is_reported(event: dict[str, Any]) -> bool:
    """Whether a report (or a canonical event) is news: the judge's `reported`; a record stored
    before the judge existed is news when its words assert it."""
    if "reported" in event:
        return bool(event["reported"])
    return event.get("modality", "asserted") == "asserted"


def same_event(first: dict[str, Any], second: dict[str, Any]) -> bool:
    """Two event records (a canonical one and a report, or two reports) tell one event. News fuses
    with news only; the rest with events of the same modality that are not news either."""
    if is_reported(first) != is_reported(second):
        return False
    if not is_reported(first) and first.get("modality") != second.get("modality"):
        return False
    if _FAMILY.get(first["event_type"]) != _FAMILY.get(second["event_type"]):
        return False
    first_day, second_day = _day(first), _day(second)
    if first_day is None or second_day is None:
        return False
    loosest = max(first.get("time_precision") or 3, second.get("time_precision") or 3)
    if abs((first_day - second_day).days) > DATE_TOLERANCE_DAYS.get(loosest, WIDEST_WINDOW_DAYS):
        return False
    first_place, second_place = first.get("location") or {}, second.get("location") or {}
    if not _places_agree(first_place, second_place) or not _same_actors(first, second):
        return False
    # agreement needs some positive evidence, not just the absence of conflict: both placed, or
    # a named actor in common
    both_placed = first_place.get("latitude") is not None and second_place.get("latitude") is not None
    same_kind_in_one_country = (
        first["sub_event_type"] == second["sub_event_type"]
        and first_place.get("country") is not None
        and first_place.get("country") == second_place.get("country")
        and abs((first_day - second_day).days) <= DATE_TOLERANCE_DAYS[1]
    )
    return (
        both_placed
        or same_kind_in_one_country
        or bool(_named(first) & _named(second))
        or bool(_tolls(first) & _tolls(second))
    )


def _reports(event: dict[str, Any]) -> list[dict[str, Any]]:
    """A report, or every source of a canonical event (each keeps its own place and figures)."""
    return event.get("sources") or [event]


def _tolls(event: dict[str, Any]) -> set[tuple[str, int]]:
    """The non-zero tolls the reports give: the same toll on the same days is telling evidence."""
    return {
        (figure, report[figure])
        for report in _reports(event)
        for figure in ("fatalities", "injured")
        if report.get(figure)
    }


def _places_agree(first: dict[str, Any], second: dict[str, Any]) -> bool:
    if first.get("latitude") is None or second.get("latitude") is None:
        # an unplaced report can join a placed event (the seeds' 002 and 000); its country is only the
        # document's focus, too weak to keep two reports apart (a Suruc bombing in a report about Syria)
        return True
    loosest = max(first.get("geo_precision") or 3, second.get("geo_precision") or 3)
    if first.get("admin1_pcode") and first.get("admin1_pcode") == second.get("admin1_pcode") and loosest >= 2:
        return True
    distance = distance_km(first["latitude"], first["longitude"], second["latitude"], second["longitude"])
    return distance <= PLACE_TOLERANCE_KM.get(loosest, PLACE_TOLERANCE_KM[3])


def _source_entry(report: dict[str, Any], document: dict[str, Any]) -> dict[str, Any]:
    return {
        "document_id": document["id"],
        "event_id": report["event_id"],
        "source": document.get("source"),
        "url": document.get("url"),
        "published": report.get("published"),
        **{figure: report.get(figure) for figure in _FIGURES},
        "counts": report.get("counts", []),
        "evidence": report.get("evidence"),
        "trigger": report.get("trigger"),
        "event_date": report.get("event_date"),
        "time_precision": report.get("time_precision"),
        "location": report.get("location"),
        "reported": is_reported(report),
        "news_probability": report.get("news_probability"),
        "repeats": report.get("repeats") or [],
    }


def _conservative(values: list[int | None]) -> int | None:
    """ACLED takes the most conservative credible figure: the lowest any report gives."""
    claimed = [value for value in values if value is not None]
    return min(claimed) if claimed else None


def _most_reported(actors: list[dict[str, Any]], excluding: str | None = None) -> dict[str, Any] | None:
    """The actor most reports name (the earliest report's on a tie), as that report names it."""
    candidates = [actor for actor in actors if excluding is None or actor.get("id") != excluding]
    if not candidates:
        return None
    votes = Counter(actor.get("id") or actor["name"] for actor in candidates)
    return max(candidates, key=lambda actor: votes[actor.get("id") or actor["name"]])


def canonical_record(event_id: str, reports: list[tuple[dict[str, Any], dict[str, Any]]]) -> dict[str, Any]:
    """The fused event from its reports (each a report record and its document)."""
    ordered = sorted(reports, key=lambda pair: (pair[0].get("published") or "", pair[0]["event_id"]))
    by_date = min(ordered, key=lambda pair: pair[0].get("time_precision") or 3)[0]
    placed = [pair[0] for pair in ordered if (pair[0].get("location") or {}).get("latitude") is not None]
    by_place = min(placed, key=lambda report: report["location"].get("geo_precision") or 3) if placed else by_date
    record = dict(by_date)
    record["event_id"] = event_id
    for key in ("repeats", "repeat_of"):  # a report's own mentions within its article: kept in its source entry
        record.pop(key, None)
    record["reported"] = any(is_reported(report) for report, _ in ordered)
    probabilities = [report["news_probability"] for report, _ in ordered if report.get("news_probability") is not None]
    record["news_probability"] = max(probabilities) if probabilities else None
    record["event_date"], record["time_precision"] = by_date["event_date"], by_date["time_precision"]
    record["location"] = by_place.get("location")
    for figure in _FIGURES:
        record[figure] = _conservative([report.get(figure) for report, _ in ordered])
    named_first = [r["actor1"] for r, _ in ordered if r.get("actor1") and not r["actor1"].get("implied")]
    record["actor1"] = _most_reported(named_first) or by_date.get("actor1")
    first_id = (record["actor1"] or {}).get("id")
    # an actor is on one side only: reports that put actor1 second read the roles the other way
    record["actor2"] = _most_reported([r["actor2"] for r, _ in ordered if r.get("actor2")], excluding=first_id)
    primary = {actor.get("id") for actor in (record["actor1"], record["actor2"]) if actor}
    for side in ("1", "2"):
        union: dict[str, dict[str, Any]] = {}
        for report, _ in ordered:
            for actor in report.get(f"assoc_actor_{side}") or []:
                if actor.get("id") not in primary:
                    union.setdefault(actor.get("id") or actor["name"], actor)
        record[f"assoc_actor_{side}"] = list(union.values())
    record["sources"] = [_source_entry(report, document) for report, document in ordered]
    names = []
    scales = []
    for _, document in ordered:
        outlet = outlets().get(document.get("source") or "", {})
        name = outlet.get("name") or document.get("source")
        if name and name not in names:
            names.append(name)
            scales.append(outlet.get("scale"))
    record["source"] = "; ".join(names) or None
    distinct_scales = [scale for scale in dict.fromkeys(scales) if scale]
    record["source_scale"] = "-".join(distinct_scales) if distinct_scales else None
    record["confidence"] = max(report.get("confidence") or 0.0 for report, _ in ordered)
    return record
