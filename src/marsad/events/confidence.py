"""Event confidence: a logistic score over what supports the event, with weights kept in
data/confidence.json. `marsad train confidence` refits them against a gold set so the value is a
calibrated probability that the event is real and reported as news (see the model card there)."""

from __future__ import annotations

import json
import math
from functools import cache
from importlib import resources
from typing import Any

from marsad.events.frames import Frame


@cache
def _weights() -> dict[str, Any]:
    return json.loads(resources.files("marsad.events.data").joinpath("confidence.json").read_text("utf-8"))


def confidence_features(event: dict[str, Any], frame: Frame) -> dict[str, float]:
    """What supports the event, as 0/1 features (names match the weights file)."""
    strong = frame.strength == "strong"
    return {
        "strong_trigger": 1.0 if strong else 0.0,
        "several_triggers": 1.0 if len(frame.triggers) > 1 else 0.0,
        "verb_trigger": 1.0 if frame.trigger.payload.part_of_speech == "verb" else 0.0,
        "has_count": 1.0 if frame.counts else 0.0,
        "has_actor1": 1.0 if frame.actor1 is not None else 0.0,
        "has_actor2": 1.0 if frame.actor2 is not None else 0.0,
        "date_in_text": 1.0 if frame.date_source == "sentence" else 0.0,
        "has_place": 1.0 if frame.place is not None else 0.0,
        "not_asserted": 1.0 if event["modality"] != "asserted" else 0.0,
    }


def event_confidence(event: dict[str, Any], frame: Frame) -> float:
    weights = _weights()
    features = confidence_features(event, frame)
    score = weights["intercept"] + sum(weights["weights"].get(name, 0.0) * value for name, value in features.items())
    return round(1.0 / (1.0 + math.exp(-score)), 3)
