"""Debian's Chromium driven by Playwright (no browser download), and the built dashboard: when either
is missing the browser tests skip on a user's machine and fail in CI, where both must be present."""

from __future__ import annotations

import os
from pathlib import Path

from marsad.api.app import STATIC
from tests.required import require

CHROMIUM = Path(os.environ.get("MARSAD_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

# No sandbox (containers), no GPU, and nothing that phones home: the tests stay offline.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def require_browser_and_build() -> None:
    require(CHROMIUM.is_file(), f"{CHROMIUM} is missing (apt-get install chromium)")
    require(
        (STATIC / "index.html").is_file() and (STATIC / "app.js").is_file(),
        f"the dashboard is not built in {STATIC} (cd web && npm ci && npm run build)",
    )
