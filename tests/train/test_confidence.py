"""Event confidence is fitted to a gold set and measured for calibration."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.train.confidence import calibration, fit_confidence
from tests.shared_data import shared_path


def test_calibration_of_a_hand_made_example() -> None:
    # two bins: 0.1 (labels 0, 0 -> rate 0) and 0.9 (labels 1, 0 -> rate 0.5)
    result = calibration([0.1, 0.1, 0.9, 0.9], [False, False, True, False])
    assert result["samples"] == 4
    assert result["ece"] == pytest.approx(0.5 * 0.1 + 0.5 * 0.4)
    assert result["brier"] == pytest.approx((0.01 + 0.01 + 0.01 + 0.81) / 4)


def test_perfect_calibration_has_no_error() -> None:
    assert calibration([1.0, 0.0], [True, False]) == {"ece": 0.0, "brier": 0.0, "samples": 2}


def test_fitting_on_the_gold_set_calibrates_confidence(tmp_path: Path) -> None:
    gsr = shared_path("data", "arabic_event_gsr_dev")
    out = tmp_path / "confidence.json"
    out.write_text(json.dumps({"intercept": -1.0, "weights": {}}), "utf-8")
    report = fit_confidence(gsr, out)
    assert report["samples"] > 500
    assert report["cross_validated"]["ece"] < 0.05
    assert report["cross_validated"]["brier"] < 0.13  # better than a constant at the base rate (about 0.139)
    written = json.loads(out.read_text("utf-8"))
    assert set(written["weights"]) >= {"strong_trigger", "has_count", "not_asserted"}
    assert written["weights"]["not_asserted"] < 0 < written["weights"]["has_count"]
    assert "arabic_event_gsr_dev" in written["fitted_on"]


def test_too_little_gold_is_a_clear_error(tmp_path: Path) -> None:
    for name in ("assault_dev.csv", "protest_dev.csv"):
        (tmp_path / name).write_text("accept,event_type,id,label,reject,text,total\n", "utf-8")
    with pytest.raises(ValueError, match="too few"):
        fit_confidence(tmp_path, tmp_path / "out.json")
