"""Writers for canonical (fused) events: JSON Lines, ACLED CSV, PLOVER JSON Lines, GeoJSON, Parquet.

A canonical event is an extracted event (docs/record.md) plus the keys fusion adds: `event_id`
(stable across runs), `sources` (each reporting document's figures, evidence and trigger),
`source` (the outlets, ACLED-style, joined with "; "), `source_scale`, `revision` and `updated`.
Every format carries the news judge's verdict, `reported` and `news_probability` (the ACLED CSV
after ACLED's own columns).

Every writer is deterministic: the same events give the same bytes (fixed key and column order,
Arabic written as UTF-8, never \\u-escaped).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import os
import re
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from importlib import resources
from typing import Any, BinaryIO, TextIO

__all__ = [
    "ACLED_COLUMNS",
    "FORMATS",
    "NEWS_COLUMNS",
    "acled_row",
    "news_fields",
    "plover_record",
    "write_acled_csv",
    "write_geojson",
    "write_jsonl",
    "write_parquet",
    "write_plover_jsonl",
]

Event = Mapping[str, Any]
AcledValue = str | int | float | None

# ACLED's export columns, in ACLED's order.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)

# Marsad's admin fields beyond ACLED's columns: the Arabic names, OCHA P-codes and ISO 3166-2 of the
# location's admin units (GeoJSON properties, Parquet and PLOVER carry them; the ACLED CSV keeps ACLED's columns).
ADMIN_COLUMNS: tuple[str, ...] = (
    "admin1_ar",
    "admin2_ar",
    "admin3_ar",
    "admin1_pcode",
    "admin2_pcode",
    "admin3_pcode",
    "iso_3166_2",
)

# The news judge's verdict, in every format: whether the articles report the event as news, and the
# probability (after ACLED's columns in the CSV).
NEWS_COLUMNS: tuple[str, ...] = ("reported", "news_probability")

_INT_COLUMNS = frozenset(
    {"year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision", "fatalities", "timestamp"}
)
_FLOAT_COLUMNS = frozenset({"latitude", "longitude"})

NOTES_MAX_CHARS = 500
_SPACE = re.compile(r"\s+")


@cache
def _countries() -> dict[str, dict[str, Any]]:
    raw = json.loads(resources.files("marsad.io").joinpath("data/acled_regions.json").read_text("utf-8"))
    return raw["countries"]


@cache
def _iso2_by_name() -> dict[str, str]:
    return {entry["country"].casefold(): iso2 for iso2, entry in _countries().items()}


def _country(location: Mapping[str, Any]) -> tuple[str, str, int | None]:
    """ACLED's country name, region and numeric ISO code for a location whose `country` is an ISO
    alpha-2 code (resolved places) or an English country name (the document's country focus)."""
    value = location.get("country")
    if not value:
        return "", "", location.get("iso")
    value = str(value)
    iso2 = value.upper() if value.upper() in _countries() else _iso2_by_name().get(value.casefold())
    if iso2 is None:
        return value, "", location.get("iso")
    entry = _countries()[iso2]
    iso = location.get("iso")
    return entry["country"], entry["region"], iso if iso is not None else entry["iso"]


def _actor_name(actor: Mapping[str, Any] | None) -> str:
    return str(actor.get("name") or "") if actor else ""


def _assoc(actors: Iterable[Mapping[str, Any] | None] | None) -> str:
    names = [_actor_name(actor) for actor in actors or ()]
    return "; ".join(name for name in names if name)


def _evidence_text(event: Event) -> str:
    """The evidence sentence of the first source (the event's own when it has no sources)."""
    for source in event.get("sources") or ():
        text = (source.get("evidence") or {}).get("text")
        if text:
            return str(text)
    return str((event.get("evidence") or {}).get("text") or "")


def _notes(event: Event) -> str:
    """ACLED's notes: the report's own sentence (no translation), whitespace collapsed, at most
    500 characters, cut at a word boundary with an ellipsis when longer."""
    text = _SPACE.sub(" ", _evidence_text(event)).strip()
    if len(text) <= NOTES_MAX_CHARS:
        return text
    cut = text[: NOTES_MAX_CHARS - 1]
    space = cut.rfind(" ")
    if space > NOTES_MAX_CHARS * 0.8:
        cut = cut[:space]
    return cut.rstrip() + "…"


def _timestamp(updated: Any) -> int | None:
    """Unix seconds of an ISO timestamp; a timestamp without a zone is taken as UTC."""
    if not updated:
        return None
    moment = dt.datetime.fromisoformat(str(updated))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return int(moment.timestamp())


def _year(event_date: Any) -> int | None:
    return int(str(event_date)[:4]) if event_date else None


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


def acled_row(event: Event) -> dict[str, AcledValue]:
    """One event as an ACLED export row (keys in ACLED_COLUMNS order). Empty text fields are "";
    numbers ACLED leaves blank (inter2 with no second actor, an unknown coordinate) are None."""
    location: Mapping[str, Any] = event.get("location") or {}
    actor2 = event.get("actor2")
    country, region, iso = _country(location)
    fatalities = event.get("fatalities")
    row: dict[str, AcledValue] = {
        "event_id_cnty": str(event.get("event_id") or ""),
        "event_date": str(event.get("event_date") or ""),
        "year": _year(event.get("event_date")),
        "time_precision": _int(event.get("time_precision")),
        "disorder_type": str(event.get("disorder_type") or ""),
        "event_type": str(event.get("event_type") or ""),
        "sub_event_type": str(event.get("sub_event_type") or ""),
        "actor1": _actor_name(event.get("actor1")),
        "assoc_actor_1": _assoc(event.get("assoc_actor_1")),
        "inter1": _int(event.get("inter1")),
        "actor2": _actor_name(actor2),
        "assoc_actor_2": _assoc(event.get("assoc_actor_2")),
        "inter2": _int(event.get("inter2")),
        "interaction": _int(event.get("interaction")),
        "civilian_targeting": "Civilian targeting" if actor2 and actor2.get("id") == "civilians" else "",
        "iso": _int(iso),
        "region": region,
        "country": country,
        "admin1": str(location.get("admin1") or ""),
        "admin2": str(location.get("admin2") or ""),
        "admin3": str(location.get("admin3") or ""),
        "location": str(location.get("name") or location.get("name_ar") or ""),
        "latitude": _float(location.get("latitude")),
        "longitude": _float(location.get("longitude")),
        "geo_precision": _int(location.get("geo_precision")),
        "source": str(event.get("source") or ""),
        "source_scale": str(event.get("source_scale") or ""),
        "notes": _notes(event),
        "fatalities": int(fatalities) if fatalities is not None else 0,  # ACLED never leaves it blank
        "tags": "",
        "timestamp": _timestamp(event.get("updated")),
    }
    return row


def admin_fields(event: Event) -> dict[str, str | None]:
    """The location's Arabic admin names, P-codes and ISO 3166-2 (None where unknown)."""
    location: Mapping[str, Any] = event.get("location") or {}
    return {column: location.get(column) or None for column in ADMIN_COLUMNS}


def news_fields(event: Event) -> dict[str, bool | float | None]:
    """`reported` and `news_probability` (None where the record does not say)."""
    reported = event.get("reported")
    probability = event.get("news_probability")
    return {
        "reported": None if reported is None else bool(reported),
        "news_probability": None if probability is None else float(probability),
    }


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _dumps(value: Any, *, sort_keys: bool = False) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=sort_keys, allow_nan=False)


def write_jsonl(events: Iterable[Event], stream: TextIO) -> int:
    """The canonical events, one JSON object per line (keys sorted). Returns how many were written."""
    count = 0
    for event in events:
        stream.write(_dumps(event, sort_keys=True) + "\n")
        count += 1
    return count


def write_acled_csv(events: Iterable[Event], stream: TextIO) -> int:
    """ACLED's CSV: a header row, then one row per event, "\\n" line endings; ACLED's columns, then
    `reported` (true or false) and `news_probability`. Open a file with ``encoding="utf-8", newline=""``.
    Returns how many rows were written."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow((*ACLED_COLUMNS, *NEWS_COLUMNS))
    count = 0
    for event in events:
        row = {**acled_row(event), **news_fields(event)}
        writer.writerow([_csv_value(row[column]) for column in (*ACLED_COLUMNS, *NEWS_COLUMNS)])
        count += 1
    return count


def _plover_actor(actor: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if not actor:
        return None
    return {"name": actor.get("name"), "inter": actor.get("inter")}


def plover_record(event: Event) -> dict[str, Any]:
    """One event in PLOVER's shape: the PLOVER event, mode and context with ACLED's actors."""
    plover: Mapping[str, Any] = event.get("plover") or {}
    location: Mapping[str, Any] = event.get("location") or {}
    return {
        "id": event.get("event_id"),
        "date": event.get("event_date"),
        "event_type": plover.get("event"),
        "mode": plover.get("mode"),
        "context": list(plover.get("context") or ()),
        "actor1": _plover_actor(event.get("actor1")),
        "actor2": _plover_actor(event.get("actor2")),
        "location": {
            "name": location.get("name") or location.get("name_ar"),
            "lat": location.get("latitude"),
            "lon": location.get("longitude"),
            "admin1": location.get("admin1"),
            "admin2": location.get("admin2"),
            **{key: value for key, value in admin_fields(event).items() if not key.startswith("admin3")},
            "geo_precision": location.get("geo_precision"),
        },
        "fatalities": event.get("fatalities"),
        "source": event.get("source"),
        "text": _evidence_text(event) or None,
        "modality": event.get("modality"),
        **news_fields(event),
    }


def write_plover_jsonl(events: Iterable[Event], stream: TextIO) -> int:
    """PLOVER-style records, one JSON object per line. Returns how many were written."""
    count = 0
    for event in events:
        stream.write(_dumps(plover_record(event)) + "\n")
        count += 1
    return count


def _coordinates(event: Event) -> list[float] | None:
    location: Mapping[str, Any] = event.get("location") or {}
    lat, lon = location.get("latitude"), location.get("longitude")
    if lat is None or lon is None:
        return None
    lat, lon = float(lat), float(lon)
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return [lon, lat]  # GeoJSON (RFC 7946) is longitude first


def write_geojson(events: Iterable[Event], stream: TextIO) -> int:
    """A GeoJSON FeatureCollection of the events that have coordinates (a Point each; the
    properties are the ACLED row, the admin fields and the news verdict). Returns how many features were written."""
    stream.write('{"type": "FeatureCollection", "features": [')
    count = 0
    for event in events:
        coordinates = _coordinates(event)
        if coordinates is None:
            continue
        feature = {
            "type": "Feature",
            "id": event.get("event_id"),
            "geometry": {"type": "Point", "coordinates": coordinates},
            "properties": {**acled_row(event), **admin_fields(event), **news_fields(event)},
        }
        stream.write(("," if count else "") + "\n" + _dumps(feature))
        count += 1
    stream.write("\n]}\n")
    return count


def write_parquet(events: Iterable[Event], path: str | os.PathLike[str] | BinaryIO) -> int:
    """A Parquet file of the ACLED columns, the admin fields, `reported` (boolean), `news_probability`,
    `event_id` and `sources` (a JSON string). Needs pyarrow. Returns how many rows were written."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover - pyarrow is a dependency
        raise ImportError("Parquet export needs pyarrow: install it with `pip install pyarrow`") from exc

    def column_type(column: str) -> Any:
        if column in _INT_COLUMNS:
            return pa.int64()
        if column in _FLOAT_COLUMNS:
            return pa.float64()
        return pa.string()

    schema = pa.schema(
        [pa.field(column, column_type(column)) for column in ACLED_COLUMNS]
        + [pa.field(column, pa.string()) for column in ADMIN_COLUMNS]
        + [pa.field("reported", pa.bool_()), pa.field("news_probability", pa.float64())]
        + [pa.field("event_id", pa.string()), pa.field("sources", pa.string())]
    )
    columns: dict[str, list[Any]] = {name: [] for name in schema.names}
    for event in events:
        row = acled_row(event)
        for column in ACLED_COLUMNS:
            columns[column].append(row[column])
        for column, value in {**admin_fields(event), **news_fields(event)}.items():
            columns[column].append(value)
        columns["event_id"].append(event.get("event_id"))
        columns["sources"].append(_dumps(list(event.get("sources") or ()), sort_keys=True))
    table = pa.table(columns, schema=schema)
    pq.write_table(table, path)
    return table.num_rows


Writer = Callable[[Iterable[Event], Any], int]

# name -> (writer, is_binary): binary writers take a path or a binary stream, the others a text stream.
FORMATS: dict[str, tuple[Writer, bool]] = {
    "jsonl": (write_jsonl, False),
    "acled-csv": (write_acled_csv, False),
    "plover-jsonl": (write_plover_jsonl, False),
    "geojson": (write_geojson, False),
    "parquet": (write_parquet, True),
}
