"""Loading the gazetteer built by `marsad gazetteer build`, and looking places up in it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from marsad.geo.build import SCHEMA_VERSION
from marsad.paths import data_dir
from marsad.recognize.lexicon import PhraseLexicon

_FIX = "run `marsad gazetteer build` to (re)build it"


class GazetteerError(Exception):
    """The gazetteer is missing or unusable; the message says how to fix it."""


@dataclass(frozen=True, slots=True)
class Place:
    id: int
    source: str
    source_id: str
    name: str
    name_ar: str | None
    kind: str
    country: str
    latitude: float
    longitude: float
    population: int
    point: bool
    extent_km: float
    admin1: str | None  # English names of the admin units the place lies in (or is)
    admin1_key: str | None  # their keys in marsad.geo.admin (an OCHA P-code, else a GeoNames code)
    admin2: str | None
    admin2_key: str | None
    admin3: str | None
    admin3_key: str | None

    @property
    def is_admin_unit(self) -> bool:
        """The place is one of the shipped admin units (its source_id is the unit's key)."""
        return self.source in ("ocha", "admin")


def default_path() -> Path:
    return data_dir() / "gazetteer.sqlite"


class Gazetteer:
    def __init__(self, path: Path, places: dict[int, Place], names: PhraseLexicon[int], meta: dict[str, str]) -> None:
        self.path = path
        self.places = places
        self.names = names
        self.meta = meta
        self._by_key = {place.source_id: place for place in places.values() if place.is_admin_unit}

    @classmethod
    def load(cls, path: Path | None = None) -> Gazetteer:
        path = path or default_path()
        if not path.exists():
            raise GazetteerError(f"no gazetteer at {path}: {_FIX}")
        try:
            connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                meta = dict(connection.execute("SELECT key, value FROM meta"))
                if meta.get("schema_version") != str(SCHEMA_VERSION):
                    raise GazetteerError(f"{path} was built by another version of Marsad: {_FIX}")
                rows = connection.execute(
                    "SELECT id, source, source_id, name, name_ar, kind, country, latitude, longitude, population,"
                    " point, extent_km, admin1, admin1_key, admin2, admin2_key, admin3, admin3_key FROM places"
                )
                places = {row[0]: Place(*row[:10], bool(row[10]), *row[11:]) for row in rows}
                names: PhraseLexicon[int] = PhraseLexicon()
                for name, place_id in connection.execute("SELECT name, place_id FROM names"):
                    names.add_key(tuple(name.split(" ")), place_id)
            finally:
                connection.close()
        except sqlite3.DatabaseError as error:
            raise GazetteerError(f"{path} is not a readable gazetteer ({error}): {_FIX}") from None
        return cls(path, places, names, meta)

    def candidates(self, key: tuple[str, ...]) -> list[Place]:
        return [self.places[place_id] for place_id in self.names.lookup(key)]

    def place_by_key(self, key: str) -> Place | None:
        """The place that stands for an admin unit (IQG13, SA.10)."""
        return self._by_key.get(key)

    def admin_at(self, latitude: float, longitude: float, country: str | None = None) -> dict[int, Place]:
        """The admin areas (level -> place) whose shipped polygons contain a point."""
        from marsad.geo.admin import units_at

        found = {}
        for level, unit in units_at(latitude, longitude, country).items():
            place = self._by_key.get(unit.key)
            if place is not None:
                found[level] = place
        return found


_overrides: list[tuple[Gazetteer | None, str | None]] = []


def default_gazetteer() -> tuple[Gazetteer | None, str | None]:
    """The user's gazetteer, or None and the reason (extraction then leaves places unresolved and
    the command line says why, once)."""
    return _overrides[-1] if _overrides else _load_default()


@cache
def _load_default() -> tuple[Gazetteer | None, str | None]:
    try:
        return Gazetteer.load(), None
    except GazetteerError as error:
        return None, str(error)


@contextmanager
def without_place_resolution() -> Iterator[None]:
    """Extraction with place mentions but no gazetteer (for benchmarks that measure what resolution costs)."""
    _overrides.append((None, "place resolution is switched off"))
    try:
        yield
    finally:
        _overrides.pop()


@contextmanager
def using_gazetteer(gazetteer: Gazetteer) -> Iterator[None]:
    """Extraction with this gazetteer instead of the user's (tests of a fresh install)."""
    _overrides.append((gazetteer, None))
    try:
        yield
    finally:
        _overrides.pop()
