"""Frames into the event record of DESIGN.md: ACLED field names and strings, PLOVER, spans into
the original text, provenance."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from marsad import __version__
from marsad.codebook import Codebook
from marsad.events.actors import ActorRole
from marsad.events.confidence import event_confidence
from marsad.events.counts import Count, added_up
from marsad.events.frames import DocumentFrames, Frame, date_precision_code
from marsad.events.places import PlaceMention
from marsad.geo.locate import iso2, locate
from marsad.geo.resolve import rules
from marsad.model import Document
from marsad.text.normalize import NormalizedText, extend_over_marks

_DEFAULT_ACTOR1 = {
    # who ACLED codes when the report names nobody
    "Battles": "unidentified_armed_group",
    "Explosions/Remote violence": "unidentified_armed_group",
    "Violence against civilians": "unidentified_armed_group",
    "Protests": "protesters",
    "Riots": "rioters",
}


def _span(nt: NormalizedText, norm_start: int, norm_end: int) -> dict[str, Any]:
    start, end = nt.span_to_original(norm_start, norm_end)
    end = extend_over_marks(nt.original, end)
    return {"text": nt.original[start:end], "span": [start, end]}


def _actor(
    role: ActorRole | None, on: dt.date | None, codebook: Codebook, nt: NormalizedText, country: str | None
) -> dict[str, Any] | None:
    if role is None:
        return None
    actor = role.actor
    return {
        "name": codebook.actor_name(actor, on, actor.country or country),
        "id": actor.id,
        "inter": _inter(actor, country),
        "country": actor.country or country,
        **_span(nt, role.norm_start, role.norm_end),
    }


def _inter(actor: Any, country: str | None) -> int:
    if actor.inter_abroad is not None and actor.country and country and actor.country != country:
        return int(actor.inter_abroad)
    return int(actor.inter)


def _recoded(actor: dict[str, Any], actor_id: str, codebook: Codebook, country: str | None) -> dict[str, Any]:
    """The same words coded as another codebook actor (protesters who riot are rioters)."""
    other = codebook.actors_by_id.get(actor_id)
    if other is None:
        return actor
    return {**actor, "name": codebook.actor_name(other, None, country), "id": other.id, "inter": other.inter}


@cache
def _country_names() -> dict[str, str]:
    """ISO code -> the English country name the codebook uses."""
    return {iso: name for name, iso in reversed(list(rules().countries.items()))}


def _country_name(location: dict[str, Any] | None, codebook: Codebook) -> str | None:
    """The English country name the codebook uses for a location's ISO code."""
    code = (location or {}).get("country")
    return _country_names().get(code) if code else None


def _default_actor(
    frame: Frame, codebook: Codebook, country: str | None, on: dt.date | None = None
) -> dict[str, Any] | None:
    actor_id = _DEFAULT_ACTOR1.get(frame.event_type)
    actor = codebook.actors_by_id.get(actor_id) if actor_id else None
    if frame.sub_event_type == "Arrests" and country:
        actor = codebook.state_forces(country, "police")  # who arrests when the report names nobody
    if actor is None:
        return None
    return {
        "name": codebook.actor_name(actor, on, actor.country or country),
        "id": actor.id,
        "inter": actor.inter,
        "country": country,
        "text": None,
        "span": None,
        "implied": True,
    }


def _count(count: Count, nt: NormalizedText) -> dict[str, Any]:
    number = count.number
    found: dict[str, Any] = {"role": count.role, "value": number.value, **_span(nt, number.norm_start, number.norm_end)}
    if number.low is not None:
        found["low"] = number.low
    if number.high is not None:
        found["high"] = number.high
    if number.approximate:
        found["approximate"] = True
    if number.vague:
        found["vague"] = True
    if count.statistic:
        found["statistic"] = True
    if count.joined:
        found["joined"] = True
    return found


def _figure(frame: Frame, role: str) -> int | None:
    """ACLED's conservative figure for a role: the lowest the report gives for the event (a claim of
    50 and an official toll of 2 give 2), as an integer; ranges and bounds already carry their low
    end as the value. A statistic (a total over a period or a war) is never one event's figure."""
    counted = [(count.value, count.joined) for count in frame.counts if count.role == role and not count.statistic]
    values = added_up(counted)
    return min(values) if values else None


def _interaction(inter1: int | None, inter2: int | None) -> int | None:
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def frame_to_event(
    frame: Frame, index: int, frames: DocumentFrames, document: Document, nt: NormalizedText, published: dt.date | None
) -> dict[str, Any]:
    codebook = frames.codebook
    country = frames.recognized.country_focus
    if frame.place and frame.place.country:
        country = frame.place.country
    location = _location(frame, nt, country, frames.recognized.focus_is_named)
    # the country the event is placed in names its unnamed and generic actors (Police Forces of X)
    country = _country_name(location, codebook) or country
    sub = codebook.sub_event(frame.event_type, frame.sub_event_type)
    on = frame.date.value if frame.date else published
    actor1 = _actor(frame.actor1, on, codebook, nt, country) or _default_actor(frame, codebook, country, on)
    if frame.event_type == "Riots" and actor1 and actor1["id"] in ("protesters", "civilians"):
        actor1 = _recoded(actor1, "rioters", codebook, country)  # a crowd turned violent: ACLED's rioters
    actor2 = _actor(frame.actor2, on, codebook, nt, country)
    if actor1 and actor2 and actor1["id"] == actor2["id"] and frame.actor2 and not frame.actor2.actor.is_pattern:
        actor2 = None  # a named actor does not fight itself: one reading is wrong; keep the agent's
    assoc1 = [_actor(role, on, codebook, nt, country) for role in frame.assoc_actor_1]
    assoc2 = [_actor(role, on, codebook, nt, country) for role in frame.assoc_actor_2]
    inter1 = actor1["inter"] if actor1 else None
    inter2 = actor2["inter"] if actor2 else None
    event_date = frame.date.value if frame.date else published
    trigger = frame.trigger
    sentence = frame.sentence
    event: dict[str, Any] = {
        "event_id": f"{document.id}#{index}",
        "event_type": sub.event_type,
        "sub_event_type": sub.sub_event_type,
        "disorder_type": sub.disorder_type,
        "plover": dict(sub.plover),
        "modality": frame.modality or "asserted",
        "event_date": event_date.isoformat() if event_date else None,
        "time_precision": date_precision_code(frame),
        "date": {
            "source": frame.date_source if frame.date else ("publication" if published else None),
            **(_span(nt, frame.date.norm_start, frame.date.norm_end) if frame.date else {"text": None, "span": None}),
        },
        "actor1": actor1,
        "assoc_actor_1": assoc1,
        "actor2": actor2,
        "assoc_actor_2": assoc2,
        "inter1": inter1,
        "inter2": inter2,
        "interaction": _interaction(inter1, inter2),
        "location": location,
        "fatalities": _figure(frame, "killed"),
        "injured": _figure(frame, "injured"),
        "arrested": _figure(frame, "arrested"),
        "bodies_found": _figure(frame, "bodies"),
        "counts": [_count(count, nt) for count in frame.counts],
        "trigger": _span(nt, trigger.norm_start, trigger.norm_end)
        | {
            "id": trigger.payload.trigger.id,
            "part_of_speech": trigger.payload.part_of_speech,
            "strength": frame.strength,
        },
        "evidence": {"text": sentence.text, "span": [sentence.start, sentence.end]},
        "confidence": 0.0,
        "source": document.source,
        "url": document.url,
        "published": published.isoformat() if published else None,
        "codebook_version": codebook.version,
        "pipeline_version": __version__,
    }
    event["confidence"] = event_confidence(event)
    return event


# a country after these is a neighbour or an origin, not where the event was (على الحدود مع سوريا،
# أطلقت النار من سوريا)
_NOT_WHERE = frozenset({"حدود", "الحدود", "مع", "من", "عبر", "بين"})


def _named_country(frame: Frame, nt: NormalizedText) -> PlaceMention | None:
    """A country the sentence names after its trigger («غارات على مواقع في سوريا», «في شمال
    العراق»): where the event happened, whatever the other places of the sentence."""
    for place in sorted(frame.places, key=lambda p: p.token):
        if place.specificity != 0 or not place.country or place.token <= frame.trigger.first_token:
            continue
        before = nt.text[max(frame.sentence.norm_start, place.norm_start - 12) : place.norm_start].split()
        if before and before[-1] in _NOT_WHERE:
            continue
        between = nt.text[frame.trigger.norm_end : place.norm_start]
        if "،" in between or "," in between or len(between.split()) > 10:
            break  # another clause, most often about another act
        return place
    return None


def _location(frame: Frame, nt: NormalizedText, country: str | None, focus_is_named: bool) -> dict[str, Any] | None:
    named = _named_country(frame, nt)
    places = frame.places
    if named is not None:
        # places of another country (the attacker's base, the city a statement came from) are not
        # where the event happened
        places = [p for p in frame.places if p.country in (None, named.country)]
    located = locate(places, nt, country, strict=focus_is_named)
    if located is not None and (named is None or located.get("country") == iso2(named.country)):
        return located
    place = named or frame.place
    country = iso2(place.country if place and place.country else country)
    if place is None:
        return {"name": None, "name_ar": None, "country": country, "geo_precision": None, "span": None}
    found = _span(nt, place.norm_start, place.norm_end)
    return {
        "name": None,  # not in the gazetteer: the mention is kept, unresolved and without precision
        "name_ar": found["text"],
        "country": country,
        "latitude": None,
        "longitude": None,
        "geo_precision": None,
        "span": found["span"],
    }
