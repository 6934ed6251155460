"""Frames of one document that describe the same event become one event (ACLED: same actors, same
day, same place). A report often narrates one event over several sentences."""

from __future__ import annotations

from marsad.codebook import Actor
from marsad.events.frames import Frame

# Types that one report may use for the same incident (an air raid that is also called an attack).
_FAMILY = {
    "Battles": "violence",
    "Violence against civilians": "violence",
    "Explosions/Remote violence": "remote",
    "Protests": "protest",
    "Riots": "protest",
    "Strategic developments": "strategic",
}


def _same_event(first: Frame, second: Frame) -> bool:
    if first.modality != second.modality:
        return False
    if first.event_type != second.event_type and not (
        second.strength == "weak" and _FAMILY[first.event_type] == _FAMILY[second.event_type]
    ):
        return False
    if first.sub_event_type != second.sub_event_type and second.strength == "strong" and first.strength == "strong":
        return False
    first_day = first.date.value if first.date else None
    second_day = second.date.value if second.date else None
    if first_day != second_day:
        return False
    narrative = second.date_source == "narrative"  # a later sentence about the same event
    # a later sentence may name the event's governorate; another town or front is another event
    if (
        first.place
        and second.place
        and _bare_name(first) != _bare_name(second)
        and (not narrative or min(first.place.specificity, second.place.specificity) >= 2)
    ):
        return False
    # ACLED's "same actors" is about the dyad, not the order a sentence names them in
    ours = [role.actor for role in (first.actor1, first.actor2) if role]
    theirs = [role.actor for role in (second.actor1, second.actor2) if role]
    return all(any(_same_actor(actor, other) for other in ours) for actor in theirs) or all(
        any(_same_actor(actor, other) for other in theirs) for actor in ours
    )


def _same_actor(first: Actor, second: Actor) -> bool:
    """The same actor for ACLED: one id, a branch and its parent, or one ACLED name."""
    return first.id == second.id or first.parent == second.id or second.parent == first.id or first.name == second.name


def _bare_name(frame: Frame) -> str | None:
    """The place's name without its type word and article (بمحافظة الأنبار ~ الأنبار)."""
    if frame.place is None:
        return None
    return frame.place.name.split(" ")[-1].removeprefix("ال")


def _absorb(kept: Frame, other: Frame) -> None:
    kept.triggers.extend(other.triggers)
    roles = {count.role for count in kept.counts}
    kept.counts.extend(count for count in other.counts if count.role not in roles)
    kept.actor1 = kept.actor1 or other.actor1
    kept.actor2 = kept.actor2 or other.actor2
    # both sentences' places stay candidates, the more specific first
    first, second = (
        (other, kept)
        if kept.place is None or (other.place and other.place.specificity > kept.place.specificity)
        else (kept, other)
    )
    kept.places = [*first.places, *(place for place in second.places if place not in first.places)]
    if _minor(kept) and not _minor(other):
        kept.event_type, kept.sub_event_type, kept.strength, kept.trigger = (
            other.event_type,
            other.sub_event_type,
            other.strength,
            other.trigger,
        )


def _minor(frame: Frame) -> bool:
    """A frame that only adds detail to the event around it: a weak trigger, or a security
    operation that is not yet known to be more."""
    return frame.strength == "weak" or frame.sub_event_type == "Other"


def _continues(kept: Frame, frame: Frame) -> bool:
    """The report goes on about the event it just told (same paragraph or the next, same day,
    same modality), and one of the two frames is minor: the raid that turned into a clash, the
    toll of the strike. Two strong frames of different types stay two events."""
    if kept.modality != frame.modality or frame.paragraph - kept.paragraph > 1:
        return False
    kept_day = kept.date.value if kept.date else None
    day = frame.date.value if frame.date else None
    if kept_day != day:
        return False
    if kept.place and frame.place and _bare_name(kept) != _bare_name(frame) and frame.place.specificity >= 2:
        return False  # a roundup goes from front to front: another town is another event
    if _arrests_after_violence(kept, frame):
        return False  # the arrests that follow an attack are an event of their own (ACLED)
    return _minor(frame) or _minor(kept)


def _arrests_after_violence(first: Frame, second: Frame) -> bool:
    kinds = {_FAMILY[first.event_type], _FAMILY[second.event_type]}
    arrests = "Arrests" in (first.sub_event_type, second.sub_event_type)
    return arrests and bool(kinds & {"violence", "remote"})


def merge_frames(frames: list[Frame]) -> list[Frame]:
    merged: list[Frame] = []
    for frame in frames:
        for kept in merged:
            if _same_event(kept, frame):
                _absorb(kept, frame)
                break
        else:
            if merged and _continues(merged[-1], frame):
                _absorb(merged[-1], frame)
            else:
                merged.append(frame)
    return merged
