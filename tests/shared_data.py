"""Where the public development data lives (../shared beside the checkout), and what to do when it
is missing: skip on a user's machine, fail in CI, where it must be present."""

from __future__ import annotations

import os
from pathlib import Path

from tests.required import require

SHARED = Path(os.environ.get("MARSAD_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))


def shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    require(path.exists(), f"{path} is missing (set MARSAD_SHARED to the shared data folder)")
    return path
