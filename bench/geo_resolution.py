"""Resolution accuracy on the team's gold sentences (tests/geo/resolution_cases.jsonl), with the
truth taken from OCHA and GeoNames at run time: admin1 accuracy, accuracy within 25 km where the
place is a point, and what resolution costs per place mention (locate alone, warm). Needs a built
gazetteer (`marsad gazetteer build --ocha … --osm …`).

    .venv/bin/python bench/geo_resolution.py [--show-errors]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.geo.gold import Case, load_cases

from marsad.events.places import PlaceMention, find_places
from marsad.events.recognized import recognize
from marsad.geo.admin import units
from marsad.geo.gazetteer import default_gazetteer
from marsad.geo.locate import locate
from marsad.geo.shapes import distance_km
from marsad.recognize.ner import default_tagger
from marsad.text.normalize import normalize
from marsad.text.segment import split_sentences, tokenize


def _admin1_code(location: dict) -> str | None:
    """The GeoNames admin1 code (Syria's gold) of the location's admin1 unit."""
    unit = next((u for u in units().values() if u.pcode and u.pcode == location.get("admin1_pcode")), None)
    return unit.geonames[0].split(".")[1] if unit and unit.geonames else None


_TIMING = {"seconds": 0.0, "calls": 0}


def resolve_case(case: Case) -> dict | None:
    """Geocode the case's sentence and return the location of the mention that covers the gold one."""
    nt = normalize(case.text)
    gazetteer, problem = default_gazetteer()
    if gazetteer is None:
        raise SystemExit(f"bench: {problem}")
    found = recognize(tokenize(nt), nt.text)
    mentions = find_places(found, default_tagger().entities(nt, split_sentences(nt), found.tokens), gazetteer)
    start = case.text.index(case.mention)
    end = start + len(case.mention)

    def overlap(mention: PlaceMention) -> int:
        mention_start, mention_end = nt.span_to_original(mention.norm_start, mention.norm_end)
        return min(end, mention_end) - max(start, mention_start)

    overlapping = sorted((m for m in mentions if overlap(m) > 0), key=lambda m: -overlap(m))
    if not overlapping:
        return None
    others = [m for m in mentions if m not in overlapping]
    started = time.perf_counter()
    location = locate([overlapping[0], *others], nt, found.country_focus, found.focus_is_named, only_first=True)
    _TIMING["seconds"] += time.perf_counter() - started
    _TIMING["calls"] += 1
    return location


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args()
    cases = load_cases()
    admin_right = points = points_right = unresolved = 0
    for case in cases:
        location = resolve_case(case)
        if location is None:
            unresolved += 1
            if args.show_errors:
                print(f"UNRESOLVED {case.id} {case.mention!r}")
            continue
        admin1 = location.get("admin1_pcode") if case.country == "IQ" else _admin1_code(location)
        if admin1 == case.admin1:
            admin_right += 1
        elif args.show_errors:
            print(f"ADMIN1 {case.id} {case.mention!r}: {admin1} != {case.admin1} ({location.get('gazetteer_id')})")
        if case.is_point:
            points += 1
            km = distance_km(case.latitude, case.longitude, location["latitude"], location["longitude"])
            if km <= 25:
                points_right += 1
            elif args.show_errors:
                print(f"FAR {case.id} {case.mention!r}: {km:.0f} km ({location.get('gazetteer_id')})")
    total = len(cases)
    print(f"cases: {total} ({unresolved} unresolved)")
    print(f"admin1 accuracy: {admin_right / total:.3f} ({admin_right}/{total})")
    print(f"within 25 km (points): {points_right / points:.3f} ({points_right}/{points})")
    # resolution alone (locate: containment, candidates, ranking, the admin record), after a warm-up pass
    _TIMING.update(seconds=0.0, calls=0)
    for case in cases:
        resolve_case(case)
    print(f"resolution cost: {1000 * _TIMING['seconds'] / max(1, _TIMING['calls']):.3f} ms per place mention")


if __name__ == "__main__":
    main()
