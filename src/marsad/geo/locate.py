"""An event's location: the best-resolving place mention of its sentence, as the record's
`location` object."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from marsad.events.places import PlaceMention
from marsad.geo.gazetteer import Gazetteer, default_gazetteer
from marsad.geo.resolve import Resolution, location_record, resolve
from marsad.text.normalize import NormalizedText, extend_over_marks

_GOVERNORATE_WORDS = frozenset({"محافظه", "محافظات", "ولايه"})


@cache
def _iso2() -> dict[str, str]:
    spec = json.loads(resources.files("marsad.geo.data").joinpath("resolution.json").read_text("utf-8"))
    return spec["countries"]


def _name(nt: NormalizedText, mention: PlaceMention) -> str:
    start = mention.name_start if mention.name_start >= 0 else mention.norm_start
    return nt.text[start : mention.norm_end]


def _resolve(
    gazetteer: Gazetteer, nt: NormalizedText, mention: PlaceMention, focus: str | None, hints: set[str]
) -> Resolution | None:
    return resolve(
        gazetteer,
        _name(nt, mention),
        type_word=mention.type_word,
        focus=focus,
        admin_hints=hints,
        bearing_word=mention.relation,
        distance=mention.distance_km,
    )


def resolution_for(
    gazetteer: Gazetteer, nt: NormalizedText, mention: PlaceMention, country: str | None
) -> Resolution | None:
    """One mention on its own (for `marsad geocode`)."""
    return _resolve(gazetteer, nt, mention, _iso2().get(country or ""), set())


def locate(places: list[PlaceMention], nt: NormalizedText, country: str | None) -> dict[str, Any] | None:
    """The location of an event from its sentence's places (best first), or None when no gazetteer
    is installed or nothing resolves."""
    gazetteer, _problem = default_gazetteer()
    if gazetteer is None or not places:
        return None
    focus = _iso2().get(country or "")
    hints: set[str] = set()
    for mention in places:  # containment stated nearby: بمحافظة الأنبار
        if mention.kind in _GOVERNORATE_WORDS:
            governorate = _resolve(gazetteer, nt, mention, focus, set())
            if governorate and governorate.place.admin1_pcode:
                hints.add(governorate.place.admin1_pcode)
    best: tuple[int, int, Resolution, PlaceMention] | None = None
    for order, mention in enumerate(places):
        resolution = _resolve(gazetteer, nt, mention, focus, hints)
        if resolution is None:
            continue
        rank = (resolution.geo_precision, order)
        if best is None or rank < best[:2]:
            best = (*rank, resolution, mention)
    if best is None:
        return None
    _, _, resolution, mention = best
    start, end = nt.span_to_original(mention.norm_start, mention.norm_end)
    end = extend_over_marks(nt.original, end)
    return location_record(gazetteer, resolution, nt.original[start:end], [start, end])
