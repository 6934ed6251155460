"""A report that matches two canonical events shows they are one: they merge, and the merge is
recorded so users can follow the retired id (like ACLED's deletions feed)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from sqlalchemy import select

from marsad.store import schema
from marsad.store.db import open_store
from marsad.store.ingest import IngestReport, _fuse
from marsad.store.query import EventFilter, query_events


def report(document: str, latitude: float, longitude: float) -> dict[str, Any]:
    return {
        "event_id": f"{document}#1",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "disorder_type": "Political violence",
        "plover": {"event": "ASSAULT", "mode": "firearms", "context": ["military"]},
        "modality": "asserted",
        "event_date": "2025-01-10",
        "time_precision": 1,
        "published": "2025-01-11",
        "location": {"country": "IQ", "latitude": latitude, "longitude": longitude, "geo_precision": 2},
        "actor1": {"id": "intl.isis", "name": "Islamic State (Iraq)", "inter": 2},
        "actor2": None,
        "assoc_actor_1": [],
        "assoc_actor_2": [],
        "fatalities": 2,
        "injured": None,
        "arrested": None,
        "bodies_found": None,
        "counts": [],
        "evidence": {"text": "اشتبك مسلحون مع القوات الأمنية", "span": [0, 30]},
        "trigger": {"text": "اشتبك", "span": [0, 5]},
        "confidence": 0.5,
    }


def store_report(connection, document: str, event: dict[str, Any], result: IngestReport) -> str:
    connection.execute(
        schema.documents.insert().values(
            id=document,
            content_hash=document,
            text="نص",
            normalized="نص",
            retrieved="2025-01-11",
            simhash="0" * 16,
            band0=0,
            band1=0,
            band2=0,
            band3=0,
            pipeline_version="t",
            codebook_version="t",
        )
    )
    canonical = _fuse(connection, event, {"id": document, "source": document, "url": None}, result)
    connection.execute(
        schema.document_events.insert().values(
            id=event["event_id"],
            document_id=document,
            canonical_id=canonical,
            event_date=dt.date(2025, 1, 10),
            modality="asserted",
            record=json.dumps(event, ensure_ascii=False),
        )
    )
    return canonical


def test_a_bridging_report_merges_two_canonical_events(tmp_path: Path) -> None:
    engine = open_store(f"sqlite:///{tmp_path / 'merge.sqlite'}")
    result = IngestReport()
    with engine.begin() as connection:
        west = store_report(connection, "west", report("west", 35.0, 43.0), result)
        # 110 km east: too far for precision 2 (75 km), so a second event
        east = store_report(connection, "east", report("east", 35.0, 44.2), result)
        assert west != east
        # halfway: within 75 km of both
        bridge = store_report(connection, "bridge", report("bridge", 35.0, 43.6), result)
    assert bridge in (west, east)
    retired = east if bridge == west else west
    events = query_events(engine, EventFilter())
    assert [event["event_id"] for event in events] == [bridge]
    assert {source["document_id"] for source in events[0]["sources"]} == {"west", "east", "bridge"}
    with engine.connect() as connection:
        merges = connection.execute(select(schema.deletions.c.canonical_id, schema.deletions.c.merged_into)).all()
    assert merges == [(retired, bridge)]
