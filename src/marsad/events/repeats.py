"""One event once per article: the headline, the lead and the body often tell the same event.

ACLED's identity (same actors, same day, same place) decides. Two reported events of one article
are one when their families agree (a bombing told as «تفجير», «هجوم» and «مقتل» is one act; an
arrest is not a clash), their days agree (or one is only dated by the publication and the other
falls in its week), their places agree (the same place, one unknown, or one inside the other's
governorate) and their actors do not contradict each other. The folded event keeps the most
specific place, the fullest actors, the most precise date and ACLED's conservative figures; the
repeats stay in the record, not reported, with ``repeat_of`` naming the event they were folded into.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from marsad.events.counts import added_up

Event = dict[str, Any]

_FAMILY = {
    "Battles": "violence",
    "Explosions/Remote violence": "violence",
    "Violence against civilians": "violence",
    "Protests": "protest",
    "Riots": "protest",
    "Strategic developments": "strategic",
}
# which of two repeats names the act most precisely: lower wins
_TYPE_RANK = {
    "Explosions/Remote violence": 0,
    "Battles": 1,
    "Violence against civilians": 2,
    "Riots": 3,
    "Protests": 4,
    "Strategic developments": 5,
}
_IMPLIED_OK = ("unidentified_armed_group", "protesters", "rioters")
_FIGURES = {"fatalities": "killed", "injured": "injured", "arrested": "arrested"}


def _day(event: Event) -> dt.date | None:
    return dt.date.fromisoformat(event["event_date"]) if event.get("event_date") else None


def _dated_by_publication(event: Event) -> bool:
    return (event.get("date") or {}).get("source") == "publication"


def _same_day(first: Event, second: Event) -> bool:
    a, b = _day(first), _day(second)
    if a is None or b is None or a == b:
        return True
    if _dated_by_publication(first) != _dated_by_publication(second):
        return abs((a - b).days) <= 7  # "this week" of the publication and a day in it
    return False


def _same_place(first: Event, second: Event) -> bool:
    a, b = first.get("location") or {}, second.get("location") or {}
    if a.get("country") and b.get("country") and a["country"] != b["country"]:
        return False
    if not a.get("gazetteer_id") or not b.get("gazetteer_id") or a["gazetteer_id"] == b["gazetteer_id"]:
        return True
    # one inside the other: a town and its governorate, a village and its district; two distinct
    # towns, or two districts, of one governorate stay two events
    if not a.get("admin1") or a.get("admin1") != b.get("admin1"):
        return False
    if 3 in (a.get("geo_precision"), b.get("geo_precision")):
        return True
    return _contains(a, b) or _contains(b, a)


def _contains(unit: dict[str, Any], place: dict[str, Any]) -> bool:
    """Is ``unit`` an administrative area (a district, a subdistrict) that ``place`` lies in?"""
    if str(unit.get("gazetteer_id") or "").split(":")[0] not in ("admin", "ocha"):
        return False
    level = "admin3" if unit.get("admin3") else "admin2"
    return bool(unit.get(level)) and unit.get(level) == place.get(level)


def _actor_key(actor: Event | None) -> str | None:
    if not actor or actor.get("implied"):
        return None
    return actor.get("name")


def _same_actors(first: Event, second: Event) -> bool:
    ours = {key for key in (_actor_key(first.get("actor1")), _actor_key(first.get("actor2"))) if key}
    theirs = {key for key in (_actor_key(second.get("actor1")), _actor_key(second.get("actor2"))) if key}
    # a dyad named in either order is one dyad; a side one report leaves unnamed is not a conflict
    return not ours or not theirs or ours <= theirs or theirs <= ours or bool(ours & theirs)


def _same_kind(first: Event, second: Event) -> bool:
    """One type; or one family when one of the two only names the violence in general (مقتل،
    هجوم): an airstrike and a clash on one day in one town are two events for ACLED."""
    weak = first["trigger"].get("strength") == "weak" or second["trigger"].get("strength") == "weak"
    if first["event_type"] == second["event_type"]:
        # an airstrike and a roadside bomb on one day are two acts, unless one only says «هجوم»
        return weak or first.get("sub_event_type") == second.get("sub_event_type")
    return weak and _FAMILY[first["event_type"]] == _FAMILY[second["event_type"]]


def same_event(first: Event, second: Event) -> bool:
    return (
        _same_kind(first, second)
        and _same_day(first, second)
        and _same_place(first, second)
        and _same_actors(first, second)
    )


def _in_headline(event: Event, headline_end: int | None) -> bool:
    return headline_end is not None and event["evidence"]["span"][0] < headline_end


def _headline_tells(headline: Event, body: Event, headline_end: int) -> bool:
    """A headline sums up the news the body tells: its general word (مقتل، هجوم) is the body's act,
    and a day or a place the headline only borrowed (the publication's day, the article's main
    place) does not set it apart."""
    if _FAMILY[headline["event_type"]] != _FAMILY[body["event_type"]] or not _same_actors(headline, body):
        return False
    if (headline.get("date") or {}).get("source") == "sentence" and not _same_day(headline, body):
        return False
    location = headline.get("location") or {}
    if location.get("source") != "sentence":
        return True
    if (location.get("span") or (0, 0))[0] >= headline_end:
        return _same_place(headline, body)  # a place the body named, merged into the headline's event
    return _same_area(headline, body)


def _same_area(headline: Event, body: Event) -> bool:
    """A headline names the place loosely (the governorate's capital for a town of it, «ريف إدلب»):
    one governorate is one place for it."""
    a, b = headline.get("location") or {}, body.get("location") or {}
    return _same_place(headline, body) or (
        bool(a.get("admin1")) and a.get("admin1") == b.get("admin1") and a.get("country") == b.get("country")
    )


def _precision(event: Event) -> tuple[int, int]:
    source_rank = {"sentence": 0, "narrative": 1, "lead": 1, "publication": 2}
    return event.get("time_precision") or 3, source_rank.get((event.get("date") or {}).get("source") or "", 3)


def _place_rank(location: dict[str, Any]) -> tuple[bool, int, int, int]:
    """A place the event's own words name before the article's main place; then the most specific:
    a precision code, then a named but unresolved place, then a country alone."""
    return (
        location.get("source") == "document",
        location.get("geo_precision") or 9,
        not location.get("name_ar"),
        not location.get("country"),
    )


def _figure(counts: list[dict[str, Any]], role: str) -> int | None:
    """ACLED's conservative figure among the repeats' counts: precise counts before vague ones
    (a coder takes «37» over a headline's «العشرات»), then the lowest."""
    found = [count for count in counts if count["role"] == role and not count.get("statistic")]
    if not found:
        return None
    precise = [count for count in found if not count.get("vague")] or found
    return min(added_up([(count["value"], bool(count.get("joined"))) for count in precise]))


def _fold(group: list[Event]) -> Event:
    strong_first = sorted(group, key=lambda e: (e["trigger"].get("strength") == "weak", _TYPE_RANK[e["event_type"]]))
    head = dict(strong_first[0])
    dated = min(group, key=_precision)
    for key in ("event_date", "time_precision", "date"):
        head[key] = dated[key]
    head["location"] = min((e.get("location") or {} for e in group), key=_place_rank)
    for key in ("actor1", "actor2"):
        if _actor_key(head.get(key)) is None:
            named = next((e[key] for e in group if _actor_key(e.get(key))), None)
            if named is not None:
                head[key] = named
    counts = [count for event in group for count in event.get("counts", [])]
    for key, role in _FIGURES.items():
        head[key] = _figure(counts, role)
    head["news_probability"] = max(event.get("news_probability") or 0.0 for event in group)
    head["event_id"] = group[0]["event_id"]  # the first mention names the event
    head["repeats"] = [event["event_id"] for event in group[1:]]
    return head


def fold_repeats(events: list[Event], headline_end: int | None = None) -> list[Event]:
    """The document's events with reported repeats folded; the order of first mention is kept.

    ``headline_end``: where the headline ends in the original text; a headline event folds into
    the first body event it sums up (`_headline_tells`), else into its body repeats as any event."""
    groups: list[list[Event]] = []
    reported = [event for event in events if event.get("reported")]
    headlines = [event for event in reported if _in_headline(event, headline_end)]
    for event in [event for event in reported if not _in_headline(event, headline_end)]:
        for group in groups:
            if all(same_event(member, event) for member in group):
                group.append(event)
                break
        else:
            groups.append([event])
    for event in headlines:
        told = next((group for group in groups if _headline_tells(event, group[0], headline_end or 0)), None)
        if told is None:
            told = next((group for group in groups if all(same_event(m, event) for m in group)), None)
        if told is not None:
            told.append(event)
        else:
            groups.append([event])
    folded: dict[str, Event] = {}
    repeat_of: dict[str, str] = {}
    for group in groups:
        if len(group) == 1:
            continue
        head = _fold(group)
        folded[group[0]["event_id"]] = head
        for event in group:
            if event is not group[0]:
                repeat_of[event["event_id"]] = head["event_id"]
    out = []
    for event in events:
        if event["event_id"] in folded:
            out.append(folded[event["event_id"]])
        elif event["event_id"] in repeat_of:
            out.append({**event, "reported": False, "repeat_of": repeat_of[event["event_id"]]})
        else:
            out.append(event)
    return out
