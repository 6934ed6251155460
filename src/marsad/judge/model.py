"""A linear judge: named features, named weights, a bias and a threshold, kept as JSON data.

The weights are fitted by :mod:`marsad.train.judge`; the file says on what and how well. A verdict
is explainable: every weight times its feature is the share that feature had in it.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

FORMAT = "marsad-linear-judge"


@dataclass(frozen=True)
class LinearJudge:
    name: str
    weights: dict[str, float]
    intercept: float
    threshold: float
    # the mean and spread of each feature in training: features are standardized before weighting
    means: dict[str, float] = field(default_factory=dict)
    scales: dict[str, float] = field(default_factory=dict)
    metadata: dict[str, Any] = field(default_factory=dict)

    def score(self, features: dict[str, float]) -> float:
        total = self.intercept
        for name, weight in self.weights.items():
            value = features.get(name, 0.0)
            total += weight * (value - self.means.get(name, 0.0)) / self.scales.get(name, 1.0)
        return total

    def probability(self, features: dict[str, float]) -> float:
        z = self.score(features)
        return 1.0 / (1.0 + math.exp(-z)) if z > -500 else 0.0

    def contributions(self, features: dict[str, float], top: int = 5) -> list[tuple[str, float]]:
        """The features that moved this verdict most, with their share of the log-odds."""
        shares = [
            (name, weight * (features.get(name, 0.0) - self.means.get(name, 0.0)) / self.scales.get(name, 1.0))
            for name, weight in self.weights.items()
        ]
        return sorted(shares, key=lambda item: -abs(item[1]))[:top]

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "name": self.name,
            "intercept": self.intercept,
            "threshold": self.threshold,
            "weights": self.weights,
            "means": self.means,
            "scales": self.scales,
            "metadata": self.metadata,
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> LinearJudge:
        if raw.get("format") != FORMAT:
            raise ValueError(f"not a {FORMAT} file")
        return cls(
            raw["name"],
            {k: float(v) for k, v in raw["weights"].items()},
            float(raw["intercept"]),
            float(raw["threshold"]),
            {k: float(v) for k, v in raw.get("means", {}).items()},
            {k: float(v) for k, v in raw.get("scales", {}).items()},
            raw.get("metadata", {}),
        )


@cache
def packaged_judge(name: str) -> LinearJudge | None:
    """The shipped judge ``data/<name>.json`` (event_judge, security_judge), or None."""
    resource = resources.files("marsad.judge.data").joinpath(f"{name}.json")
    if not resource.is_file():
        return None
    return LinearJudge.from_json(json.loads(resource.read_text("utf-8")))
