"""The few fields of a canonical event that a map or a list needs, stored beside the full record
so that listing thousands of them does not parse thousands of full records."""

from __future__ import annotations

from typing import Any

SUMMARY_ACTOR_SIDES = ("actor1", "actor2")


def summary(record: dict[str, Any]) -> dict[str, Any]:
    """The few fields a map or a list needs of a canonical event."""
    location = record.get("location") or {}
    return {
        "event_id": record["event_id"],
        "event_date": record.get("event_date"),
        "time_precision": record.get("time_precision"),
        "event_type": record.get("event_type"),
        "sub_event_type": record.get("sub_event_type"),
        "latitude": location.get("latitude"),
        "longitude": location.get("longitude"),
        "geo_precision": location.get("geo_precision"),
        "location": location.get("name"),
        "location_ar": location.get("name_ar"),
        "admin1": location.get("admin1"),
        "admin1_ar": location.get("admin1_ar"),
        "fatalities": record.get("fatalities"),
        "injured": record.get("injured"),
        "arrested": record.get("arrested"),
        **{side: (record.get(side) or {}).get("name") for side in SUMMARY_ACTOR_SIDES},
        "source": record.get("source"),
        "sources": len(record.get("sources") or []),
        "reported": record.get("reported"),
        "news_probability": record.get("news_probability"),
    }
