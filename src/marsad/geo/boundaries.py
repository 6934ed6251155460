"""Admin-area polygons as GeoJSON, for maps (the dashboard's admin1 layer): the shipped, simplified
polygons of `marsad.geo.admin`, for every country of the region, with English and Arabic names."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from marsad.geo.admin import units


def admin_geojson(_gazetteer: object = None, level: int = 1) -> dict[str, Any]:
    """The shipped areas of one admin level (admin1: every country of the region; 2 and 3: Iraq's
    OCHA districts and sub-districts). ``_gazetteer`` is accepted and unused (the polygons ship with
    Marsad)."""
    spec = json.loads(resources.files("marsad.geo.data.admin").joinpath("polygons.json").read_text("utf-8"))
    table = units()
    features = []
    for key in sorted(spec):
        unit = table.get(key)
        if unit is None or unit.level != level:
            continue
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "key": unit.key,
                    "pcode": unit.pcode,
                    "iso_3166_2": unit.iso_3166_2,
                    "country": unit.country,
                    "name": unit.name,
                    "name_ar": unit.name_ar,
                },
                "geometry": {"type": "MultiPolygon", "coordinates": spec[key]},
            }
        )
    return {"type": "FeatureCollection", "features": features}
