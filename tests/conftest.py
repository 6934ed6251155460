"""Test-wide set-up: a private data folder, so a user's installed models never change results, with
a gazetteer built once for the session (from ../shared's OCHA and OSM layers when present)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Set before any test imports Marsad's data paths, and inherited by the processes tests start.
_DATA_DIR = Path(tempfile.mkdtemp(prefix="marsad-test-data-"))
os.environ["MARSAD_DATA_DIR"] = str(_DATA_DIR)


@pytest.fixture(scope="session", autouse=True)
def gazetteer() -> Path:
    from marsad.geo.build import build_gazetteer
    from marsad.geo.gazetteer import default_path
    from tests.shared_data import SHARED

    ocha = SHARED / "data" / "ocha_iraq_admin_boundaries_2019"
    osm = SHARED / "data" / "osm_iraq_villages" / "iraq_villages_osm.tsv"
    path = default_path()
    build_gazetteer(path, ocha if ocha.is_dir() else None, osm if osm.is_file() else None)
    return path
