"""The canonical-event writers: ACLED CSV, JSON Lines, PLOVER JSON Lines, GeoJSON and Parquet."""

from __future__ import annotations

import copy
import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from marsad.io.writers import (
    ACLED_COLUMNS,
    ADMIN_COLUMNS,
    FORMATS,
    NEWS_COLUMNS,
    acled_row,
    admin_fields,
    news_fields,
    write_acled_csv,
    write_geojson,
    write_jsonl,
    write_parquet,
    write_plover_jsonl,
)

_RAID_1 = (
    "قالت قيادة العمليات المشتركة إن طائرات التحالف والقوات العراقية قتلت 12 مسلحا من داعش في غارة قرب بلدة الرطبة."
)
_RAID_2 = "أعلن مصدر أمني مقتل عشرة من عناصر التنظيم بضربة جوية غرب الأنبار فجر الثلاثاء."
_VILLAGE = "اقتحم مسلحون مجهولون قرية في ريف حماة الشرقي وأطلقوا النار على السكان."
_SIT_IN = "تجمع عشرات المعلمين أمام مبنى المحافظة في الإسكندرية للمطالبة بصرف رواتبهم المتأخرة."


def _actor(name: str, actor_id: str, inter: int, text: str | None, span: list[int] | None) -> dict[str, Any]:
    return {"name": name, "id": actor_id, "inter": inter, "country": "Iraq", "text": text, "span": span}


def _source(document_id: str, outlet: str, sentence: str, fatalities: int | None, trigger: str) -> dict[str, Any]:
    start = sentence.index(trigger)
    return {
        "document_id": document_id,
        "source": outlet,
        "url": f"https://example.org/{document_id}",
        "published": "2024-08-30",
        "fatalities": fatalities,
        "injured": None,
        "arrested": None,
        "evidence": {"text": sentence, "span": [0, len(sentence)]},
        "trigger": {"text": trigger, "span": [start, start + len(trigger)]},
    }


def _events() -> list[dict[str, Any]]:
    airstrike = {
        "event_id": "IRQ-2024-0001",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "disorder_type": "Political violence",
        "plover": {"event": "ASSAULT", "mode": "aerial", "context": ["military", "terrorism"]},
        "modality": "asserted",
        "event_date": "2024-08-29",
        "time_precision": 1,
        "actor1": _actor("Military Forces of the United States", "us.military", 8, "طائرات التحالف", [30, 44]),
        "assoc_actor_1": [
            _actor("Military Forces of Iraq (2022-)", "iraq.military", 1, "القوات العراقية", [47, 62]),
            _actor("Police Forces of Iraq (2022-)", "iraq.police", 1, "الشرطة", [70, 76]),
        ],
        "actor2": _actor("Islamic State (Iraq)", "intl.isis", 2, "داعش", [80, 84]),
        "assoc_actor_2": [],
        "inter1": 8,
        "inter2": 2,
        "interaction": 28,
        "location": {
            "name": "Ar Rutbah",
            "name_ar": "الرطبة",
            "country": "IQ",
            "iso": 368,
            "admin1": "Al-Anbar",
            "admin2": "Al-Rutba",
            "admin3": "Markaz Al-Rutba",
            "latitude": 33.03715,
            "longitude": 40.28476,
            "geo_precision": 2,
            "span": [100, 106],
        },
        "fatalities": 10,
        "injured": None,
        "arrested": None,
        "trigger": {"text": "غارة", "span": [90, 94]},
        "evidence": {"text": _RAID_1, "span": [0, len(_RAID_1)]},
        "confidence": 0.81,
        "reported": True,
        "news_probability": 0.93,
        "sources": [
            _source("doc-a", "Shafaq News", _RAID_1, 12, "غارة"),
            _source("doc-b", "Alsumaria", _RAID_2, 10, "ضربة"),
        ],
        "source": "Shafaq News; Alsumaria",
        "source_scale": "National",
        "revision": 2,
        "updated": "2024-09-01T10:00:00+00:00",
    }
    attack = {
        "event_id": "SYR-2023-0042",
        "event_type": "Violence against civilians",
        "sub_event_type": "Attack",
        "disorder_type": "Political violence",
        "plover": {"event": "ASSAULT", "mode": "firearms", "context": []},
        "modality": "asserted",
        "event_date": "2023-03-04",
        "time_precision": 1,
        "actor1": {
            "name": "Unidentified Armed Group (Syria)",
            "id": "unidentified_armed_group",
            "inter": 3,
            "country": "Syria",
            "text": "مسلحون مجهولون",
            "span": [6, 20],
            "implied": False,
        },
        "assoc_actor_1": [],
        "actor2": {"name": "Civilians (Syria)", "id": "civilians", "inter": 7, "country": "Syria", "text": "السكان"},
        "assoc_actor_2": [],
        "inter1": 3,
        "inter2": 7,
        "interaction": 37,
        # not in the gazetteer: the place words are kept, the country is the document's focus (a name)
        "location": {
            "name": None,
            "name_ar": "ريف حماة",
            "country": "Syria",
            "latitude": None,
            "longitude": None,
            "geo_precision": None,
            "span": [30, 38],
        },
        "fatalities": None,
        "injured": None,
        "arrested": None,
        "trigger": {"text": "اقتحم", "span": [0, 5]},
        "evidence": {"text": _VILLAGE, "span": [0, len(_VILLAGE)]},
        "confidence": 0.55,
        "reported": False,  # mentioned, not reported as news: only in lists that ask for it
        "news_probability": 0.12,
        "sources": [_source("doc-c", "Enab Baladi", _VILLAGE, None, "اقتحم")],
        "source": "Enab Baladi",
        "source_scale": None,
        "revision": 1,
        "updated": "2023-03-05T08:30:00",  # no zone: UTC
    }
    protest = {
        "event_id": "EGY-2024-0007",
        "event_type": "Protests",
        "sub_event_type": "Peaceful protest",
        "disorder_type": "Demonstrations",
        "plover": {"event": "PROTEST", "mode": "demonstrate", "context": ["economic"]},
        "modality": "asserted",
        "event_date": "2024-08-30",
        "time_precision": 1,
        "actor1": {
            "name": "Protesters (Egypt)",
            "id": "protesters",
            "inter": 6,
            "country": "Egypt",
            "text": None,
            "span": None,
            "implied": True,
        },
        "assoc_actor_1": [],
        "actor2": None,
        "assoc_actor_2": [],
        "inter1": 6,
        "inter2": None,
        "interaction": 60,
        "location": {
            "name": "Alexandria",
            "name_ar": "الإسكندرية",
            "country": "EG",
            "admin1": "Alexandria",
            "admin2": None,
            "admin3": None,
            "latitude": 31.20176,
            "longitude": 29.91582,
            "geo_precision": 1,
            "span": [50, 60],
        },
        "fatalities": None,
        "injured": None,
        "arrested": None,
        "trigger": {"text": "تجمع", "span": [0, 4]},
        "evidence": {"text": _SIT_IN, "span": [0, len(_SIT_IN)]},
        "confidence": 0.7,
        "reported": True,
        "news_probability": 0.81,
        "sources": [_source("doc-d", "Al-Masry Al-Youm", _SIT_IN, None, "تجمع")],
        "source": "Al-Masry Al-Youm",
        "source_scale": "National",
        "revision": 1,
        "updated": "2024-08-31T06:00:00Z",
    }
    long_sentence = " ".join([_RAID_2] * 12)  # far longer than ACLED's notes should be
    long_notes = copy.deepcopy(airstrike) | {"event_id": "IRQ-2024-0002", "event_date": "2024-08-30"}
    long_notes["sources"] = [_source("doc-e", "Alsumaria", long_sentence, 10, "ضربة")]
    long_notes["source"] = "Alsumaria"
    return [airstrike, attack, protest, long_notes]


def _csv_rows(events: list[dict[str, Any]]) -> list[dict[str, str]]:
    out = io.StringIO()
    write_acled_csv(events, out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def test_acled_header_is_acleds_column_order_then_the_news_verdict() -> None:
    out = io.StringIO()
    write_acled_csv(_events(), out)
    header = out.getvalue().split("\n", 1)[0]
    assert header == (
        "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
        "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,"
        "admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,"
        "tags,timestamp,reported,news_probability"
    )
    assert header.split(",") == [*ACLED_COLUMNS, *NEWS_COLUMNS]
    assert "\r" not in out.getvalue()
    assert out.getvalue().count("\n") == 1 + len(_events())  # no field spills over a line


def test_acled_row_values() -> None:
    airstrike, attack, protest, _ = _events()
    row = acled_row(airstrike)
    assert list(row) == list(ACLED_COLUMNS)
    assert row["assoc_actor_1"] == "Military Forces of Iraq (2022-); Police Forces of Iraq (2022-)"
    assert row["assoc_actor_2"] == ""
    assert row["actor2"] == "Islamic State (Iraq)"
    assert (row["year"], row["time_precision"], row["inter1"], row["inter2"], row["interaction"]) == (2024, 1, 8, 2, 28)
    assert (row["iso"], row["region"], row["country"]) == (368, "Middle East", "Iraq")
    assert (row["admin1"], row["admin2"], row["location"]) == ("Al-Anbar", "Al-Rutba", "Ar Rutbah")
    assert (row["latitude"], row["longitude"], row["geo_precision"]) == (33.03715, 40.28476, 2)
    assert row["fatalities"] == 10
    assert row["civilian_targeting"] == ""
    assert row["notes"] == _RAID_1  # the first source's sentence, in Arabic
    assert row["source"] == "Shafaq News; Alsumaria"
    assert row["source_scale"] == "National"
    assert row["tags"] == ""
    assert row["timestamp"] == 1725184800

    row = acled_row(attack)
    assert row["civilian_targeting"] == "Civilian targeting"
    assert row["fatalities"] == 0  # null: ACLED never leaves it blank
    assert (row["iso"], row["region"], row["country"]) == (760, "Middle East", "Syria")
    assert row["location"] == "ريف حماة"  # unresolved: the report's own words
    assert row["latitude"] is None and row["geo_precision"] is None
    assert row["source_scale"] == ""
    assert row["timestamp"] == 1678005000

    row = acled_row(protest)
    assert (row["iso"], row["region"], row["country"]) == (818, "Northern Africa", "Egypt")
    assert row["actor2"] == "" and row["inter2"] is None and row["interaction"] == 60
    assert row["fatalities"] == 0


def test_notes_are_trimmed_to_500_characters() -> None:
    notes = acled_row(_events()[3])["notes"]
    assert isinstance(notes, str)
    assert len(notes) <= 500 and notes.endswith("…")
    assert notes.startswith(_RAID_2)


def test_csv_keeps_arabic_and_blank_numbers() -> None:
    rows = _csv_rows(_events())
    ids = ["IRQ-2024-0001", "SYR-2023-0042", "EGY-2024-0007", "IRQ-2024-0002"]
    assert [row["event_id_cnty"] for row in rows] == ids
    assert rows[1]["location"] == "ريف حماة"
    assert rows[1]["latitude"] == "" and rows[1]["fatalities"] == "0"
    assert rows[0]["fatalities"] == "10" and rows[0]["latitude"] == "33.03715"
    out = io.StringIO()
    write_acled_csv(_events(), out)
    out.getvalue().encode("utf-8")  # plain UTF-8 text, no escapes
    assert "\\u" not in out.getvalue()


def test_geojson_skips_events_without_coordinates() -> None:
    out = io.StringIO()
    written = write_geojson(_events(), out)
    collection = json.loads(out.getvalue())
    assert collection["type"] == "FeatureCollection"
    assert written == len(collection["features"]) == 3
    ids = [feature["id"] for feature in collection["features"]]
    assert ids == ["IRQ-2024-0001", "EGY-2024-0007", "IRQ-2024-0002"]  # the unresolved Syrian event is left out
    first = collection["features"][0]
    assert first["type"] == "Feature"
    assert first["geometry"] == {"type": "Point", "coordinates": [40.28476, 33.03715]}  # [lon, lat]
    assert first["properties"] == {
        **acled_row(_events()[0]),
        **admin_fields(_events()[0]),
        **news_fields(_events()[0]),
    }
    for feature in collection["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert list(feature["properties"]) == [*ACLED_COLUMNS, *ADMIN_COLUMNS, *NEWS_COLUMNS]


def test_geojson_of_nothing_is_an_empty_collection() -> None:
    out = io.StringIO()
    assert write_geojson([], out) == 0
    assert json.loads(out.getvalue()) == {"type": "FeatureCollection", "features": []}


def test_plover_records() -> None:
    out = io.StringIO()
    assert write_plover_jsonl(_events(), out) == 4
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    first = records[0]
    assert list(first) == [
        "id",
        "date",
        "event_type",
        "mode",
        "context",
        "actor1",
        "actor2",
        "location",
        "fatalities",
        "source",
        "text",
        "modality",
        "reported",
        "news_probability",
    ]
    assert first["id"] == "IRQ-2024-0001"
    assert first["date"] == "2024-08-29"
    assert (first["event_type"], first["mode"], first["context"]) == ("ASSAULT", "aerial", ["military", "terrorism"])
    assert first["actor1"] == {"name": "Military Forces of the United States", "inter": 8}
    assert first["actor2"] == {"name": "Islamic State (Iraq)", "inter": 2}
    assert first["location"] == {
        "name": "Ar Rutbah",
        "lat": 33.03715,
        "lon": 40.28476,
        "admin1": "Al-Anbar",
        "admin2": "Al-Rutba",
        "admin1_ar": None,
        "admin2_ar": None,
        "admin1_pcode": None,
        "admin2_pcode": None,
        "iso_3166_2": None,
        "geo_precision": 2,
    }
    assert first["fatalities"] == 10
    assert first["source"] == "Shafaq News; Alsumaria"
    assert first["text"] == _RAID_1
    assert first["modality"] == "asserted"
    assert (first["reported"], first["news_probability"]) == (True, 0.93)
    assert (records[1]["reported"], records[1]["news_probability"]) == (False, 0.12)
    protest = records[2]
    assert protest["event_type"] == "PROTEST" and protest["actor2"] is None
    assert records[1]["location"]["name"] == "ريف حماة" and records[1]["location"]["lat"] is None
    assert "ريف حماة" in out.getvalue()  # Arabic written as UTF-8, not escaped


def test_jsonl_round_trip() -> None:
    out = io.StringIO()
    assert write_jsonl(_events(), out) == 4
    lines = out.getvalue().splitlines()
    assert [json.loads(line) for line in lines] == _events()
    assert "الرطبة" in lines[0]
    again = io.StringIO()
    write_jsonl(_events(), again)
    assert again.getvalue() == out.getvalue()


def test_parquet_round_trip_equals_csv_rows(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "events.parquet"
    assert write_parquet(_events(), path) == 4
    table = pq.read_table(path)
    assert table.column_names == [*ACLED_COLUMNS, *ADMIN_COLUMNS, *NEWS_COLUMNS, "event_id", "sources"]
    rows = table.to_pylist()
    assert [{column: row[column] for column in ACLED_COLUMNS} for row in rows] == [acled_row(e) for e in _events()]
    as_text = [{column: "" if row[column] is None else str(row[column]) for column in ACLED_COLUMNS} for row in rows]
    assert as_text == [{column: row[column] for column in ACLED_COLUMNS} for row in _csv_rows(_events())]
    assert [row["event_id"] for row in rows] == [event["event_id"] for event in _events()]
    assert [json.loads(row["sources"]) for row in rows] == [event["sources"] for event in _events()]
    assert [(row["reported"], row["news_probability"]) for row in rows] == [
        (True, 0.93),
        (False, 0.12),
        (True, 0.81),
        (True, 0.93),
    ]
    assert table.schema.field("reported").type == "bool"


def test_the_csv_writes_the_verdict_as_true_or_false() -> None:
    rows = _csv_rows(_events())
    assert [(row["reported"], row["news_probability"]) for row in rows] == [
        ("true", "0.93"),
        ("false", "0.12"),
        ("true", "0.81"),
        ("true", "0.93"),
    ]
    unjudged = {key: value for key, value in _events()[0].items() if key not in NEWS_COLUMNS}
    assert news_fields(unjudged) == {"reported": None, "news_probability": None}
    assert [(row["reported"], row["news_probability"]) for row in _csv_rows([unjudged])] == [("", "")]


def test_output_is_deterministic(tmp_path: Path) -> None:
    for name, (writer, is_binary) in FORMATS.items():
        if is_binary:
            first, second = tmp_path / f"{name}-1", tmp_path / f"{name}-2"
            writer(_events(), first)
            writer(_events(), second)
            assert first.read_bytes() == second.read_bytes(), name
        else:
            outs = [io.StringIO(), io.StringIO()]
            for out in outs:
                writer(_events(), out)
            assert outs[0].getvalue() == outs[1].getvalue(), name


def test_formats_table() -> None:
    assert set(FORMATS) == {"jsonl", "acled-csv", "plover-jsonl", "geojson", "parquet"}
    assert [name for name, (_, binary) in FORMATS.items() if binary] == ["parquet"]
