"""Polygons from GeoJSON, their centroids, and point-in-polygon: the little geometry admin-area
look-ups need, without a GEOS dependency."""

from __future__ import annotations

import math
from typing import Any

Ring = list[tuple[float, float]]  # (longitude, latitude) pairs, GeoJSON order
Polygon = list[Ring]  # the outer ring first, then holes

EARTH_RADIUS_KM = 6371.0


def polygons_of(geometry: dict[str, Any]) -> list[Polygon]:
    if geometry["type"] == "Polygon":
        return [[[(x, y) for x, y, *_ in ring] for ring in geometry["coordinates"]]]
    if geometry["type"] == "MultiPolygon":
        return [[[(x, y) for x, y, *_ in ring] for ring in polygon] for polygon in geometry["coordinates"]]
    raise ValueError(f"not a polygon geometry: {geometry['type']}")


def _ring_area_and_centroid(ring: Ring) -> tuple[float, float, float]:
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    area /= 2.0
    if area == 0:
        return 0.0, ring[0][0], ring[0][1]
    return area, cx / (6.0 * area), cy / (6.0 * area)


def centroid(polygons: list[Polygon]) -> tuple[float, float]:
    """Area-weighted centroid (latitude, longitude) of outer rings minus holes."""
    total = sx = sy = 0.0
    for polygon in polygons:
        for index, ring in enumerate(polygon):
            area, cx, cy = _ring_area_and_centroid(ring)
            area = abs(area) * (1 if index == 0 else -1)
            total += area
            sx += cx * area
            sy += cy * area
    if total == 0:
        x, y = polygons[0][0][0]
        return y, x
    return sy / total, sx / total


def _in_ring(ring: Ring, x: float, y: float) -> bool:
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def contains(polygon: Polygon, latitude: float, longitude: float) -> bool:
    return _in_ring(polygon[0], longitude, latitude) and not any(
        _in_ring(hole, longitude, latitude) for hole in polygon[1:]
    )


def bounding_box(polygon: Polygon) -> tuple[float, float, float, float]:
    xs = [x for x, _ in polygon[0]]
    ys = [y for _, y in polygon[0]]
    return min(ys), min(xs), max(ys), max(xs)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))
