"""Admin-area polygons from the gazetteer as GeoJSON, for maps (the dashboard's admin1 layer)."""

from __future__ import annotations

from typing import Any

from marsad.geo.gazetteer import Gazetteer

# A map of governorates needs no survey precision: keep every n-th vertex of long rings.
_MAX_RING_POINTS = 400


def _thin(ring: list[tuple[float, float]]) -> list[list[float]]:
    step = max(1, len(ring) // _MAX_RING_POINTS)
    kept = ring[::step]
    if kept[-1] != ring[-1]:
        kept.append(ring[-1])
    return [[round(x, 4), round(y, 4)] for x, y in kept]


def admin_geojson(gazetteer: Gazetteer, level: int = 1) -> dict[str, Any]:
    """The OCHA areas of one admin level (empty when no polygons are installed)."""
    features = []
    for area in gazetteer.admin_areas():
        if area.level != level:
            continue
        place = gazetteer.place_by_pcode(area.pcode)
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "pcode": area.pcode,
                    "name": place.name if place else None,
                    "name_ar": place.name_ar if place else None,
                },
                "geometry": {"type": "Polygon", "coordinates": [_thin(ring) for ring in area.polygon]},
            }
        )
    return {"type": "FeatureCollection", "features": features}
