"""Event confidence: a logistic function of what supports the event, with weights kept in
data/confidence.json. `marsad train confidence` refits them against a gold set so the value is a
calibrated probability that the event is real and reported as news (the file says how it was fitted)."""

from __future__ import annotations

import json
import math
from functools import cache
from importlib import resources
from typing import Any

from marsad.codebook import load_codebook

FEATURES = (
    "strong_trigger",
    "verb_trigger",
    "has_count",
    "has_actor1",
    "has_actor2",
    "date_in_text",
    "has_place",
    "not_asserted",
)


@cache
def _weights() -> dict[str, Any]:
    return json.loads(resources.files("marsad.events.data").joinpath("confidence.json").read_text("utf-8"))


def confidence_features_of_event(event: dict[str, Any]) -> dict[str, float]:
    """What supports an event, as 0/1 features (names match the weights file)."""
    trigger = load_codebook().triggers_by_id.get(event["trigger"]["id"])
    actor1 = event.get("actor1") or {}
    return {
        "strong_trigger": 1.0 if trigger is not None and trigger.strength == "strong" else 0.0,
        "verb_trigger": 1.0 if event["trigger"].get("part_of_speech") == "verb" else 0.0,
        "has_count": 1.0 if event.get("counts") else 0.0,
        "has_actor1": 1.0 if actor1.get("span") else 0.0,
        "has_actor2": 1.0 if event.get("actor2") else 0.0,
        "date_in_text": 1.0 if (event.get("date") or {}).get("source") == "sentence" else 0.0,
        "has_place": 1.0 if (event.get("location") or {}).get("name_ar") else 0.0,
        "not_asserted": 1.0 if event["modality"] != "asserted" else 0.0,
    }


def event_confidence(event: dict[str, Any]) -> float:
    weights = _weights()
    features = confidence_features_of_event(event)
    score = weights["intercept"] + sum(weights["weights"].get(name, 0.0) * value for name, value in features.items())
    return round(1.0 / (1.0 + math.exp(-score)), 3)
