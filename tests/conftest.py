"""Test-wide set-up: a private data folder, so a user's installed models never change results, with
a gazetteer built once for the session (from ../shared's OCHA and OSM layers when present)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fuzz import load_profile

# Set before any test imports Marsad's data paths, and inherited by the processes tests start.
_DATA_DIR = Path(tempfile.mkdtemp(prefix="marsad-test-data-"))
os.environ["MARSAD_DATA_DIR"] = str(_DATA_DIR)

# The Hypothesis profile: fixed inputs in CI, MARSAD_FUZZ=nightly for long random runs (tests/fuzz.py).
load_profile()


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


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A SQLAlchemy URL for an empty database on a private PostgreSQL server, started once per session
    (see tests/postgres.py). Without the server binaries: skipped on a user's machine, failed in CI."""
    from tests.postgres import find_postgres_bin, temporary_postgres
    from tests.required import require

    require(
        find_postgres_bin() is not None,
        "PostgreSQL server binaries (initdb, pg_ctl, postgres) not on PATH or in /usr/lib/postgresql/*/bin",
    )
    with temporary_postgres() as url:
        yield url
