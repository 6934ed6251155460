"""The store, ingest and fusion, against SQLite and a real PostgreSQL the tests start themselves."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import Engine, func, select

from marsad.io.readers import read_jsonl
from marsad.model import Document
from marsad.store import schema
from marsad.store.ingest import ingest
from marsad.store.query import EventFilter, event_json, query_events, summary_json
from marsad.store.summary import summary
from tests.shared_data import shared_path

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "reports.jsonl"
SEED_DATES = {"000": "2024-09-03", "001": "2020-05-11", "002": "2024-09-03", "003": "2020-06-23", "004": "2019-09-11"}


def examples() -> list[Document]:
    with EXAMPLES.open("rb") as stream:
        return [item for item in read_jsonl(stream, EXAMPLES.name) if isinstance(item, Document)]


def seeds() -> list[Document]:
    return [
        Document(
            id=path.name,
            text=path.read_text("utf-8"),
            published=SEED_DATES[path.name[:3]],
            source=f"seed-{path.name[:3]}",
        )
        for path in sorted(shared_path("seeds").glob("*.txt"))
    ]


def counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            table.name: connection.execute(select(func.count()).select_from(table)).scalar_one()
            for table in (schema.documents, schema.document_events, schema.canonical_events, schema.revisions)
        }


def test_ingesting_twice_changes_nothing(engine: Engine) -> None:
    first = ingest(engine, [*examples(), *seeds()])
    assert first.added == 17 and first.failed == 0
    before = counts(engine)
    events_before = query_events(engine, EventFilter())
    second = ingest(engine, [*examples(), *seeds()])
    assert second.unchanged == 17 and second.added == second.revised == 0
    assert counts(engine) == before
    assert [e["event_id"] for e in query_events(engine, EventFilter())] == [e["event_id"] for e in events_before]


def test_the_seeds_raid_is_one_event_with_both_outlets(engine: Engine) -> None:
    ingest(engine, seeds())
    raid = [e for e in query_events(engine, EventFilter()) if e["event_date"] == "2024-08-29" and e["fatalities"] == 15]
    assert len(raid) == 1
    documents = {source["document_id"][:3] for source in raid[0]["sources"]}
    assert documents == {"000", "002"}
    assert raid[0]["injured"] == 7  # the second outlet's figure joins the event
    assert raid[0]["source"] == "seed-000; seed-002"


def test_two_outlets_one_bombing_keep_both_claims_and_the_conservative_figure(engine: Engine) -> None:
    ingest(engine, examples())
    bombing = query_events(engine, EventFilter(text="سيارة مفخخة"))
    assert len(bombing) == 1
    event = bombing[0]
    assert event["fatalities"] == 4 and event["injured"] == 11
    claims = sorted((source["fatalities"], source["injured"]) for source in event["sources"])
    assert claims == [(4, 11), (6, 18)]
    assert event["revision"] == 2  # created by the first report, revised by the second


def test_a_changed_document_revises_its_events_instead_of_duplicating_them(engine: Engine) -> None:
    documents = examples()
    ingest(engine, documents)
    before = query_events(engine, EventFilter())
    changed = documents[0].model_copy(update={"text": documents[0].text.replace("سبعة", "ثمانية")})
    result = ingest(engine, [changed])
    assert result.revised == 1
    after = query_events(engine, EventFilter())
    assert len(after) == len(before)
    strike = next(e for e in after if e["sources"][0]["document_id"] == documents[0].id)
    assert strike["fatalities"] == 8 and strike["revision"] >= 2
    with engine.connect() as connection:
        reasons = connection.execute(select(schema.revisions.c.reason)).scalars().all()
    assert any(documents[0].id in reason for reason in reasons)


def test_filters(engine: Engine) -> None:
    ingest(engine, examples())
    assert {e["event_type"] for e in query_events(engine, EventFilter(event_type="Protests"))} == {"Protests"}
    diyala = query_events(engine, EventFilter(admin1="Diyala"))
    assert diyala and all(e["location"]["admin1"] == "Diyala" for e in diyala)
    boxed = query_events(engine, EventFilter(bbox=(44.0, 33.0, 45.5, 34.5)))
    assert boxed and all(44.0 <= e["location"]["longitude"] <= 45.5 for e in boxed)
    assert query_events(engine, EventFilter(actor="Protesters"))
    assert len(query_events(engine, EventFilter(limit=2))) == 2


def test_near_duplicate_copies_are_linked_not_counted_twice(engine: Engine) -> None:
    original = examples()[2]
    copy = original.model_copy(
        update={"id": "syndicated-copy", "source": "another-outlet", "text": original.text + " "}
    )
    result = ingest(engine, [original, copy])
    assert result.duplicates == 1
    events = query_events(engine, EventFilter())
    assert len(events) == 1 and len(events[0]["sources"]) == 1
    with engine.connect() as connection:
        linked = connection.execute(
            select(schema.documents.c.duplicate_of).where(schema.documents.c.id == "syndicated-copy")
        ).scalar_one()
    assert linked == original.id


def test_bad_documents_are_recorded_and_do_not_stop_the_others(engine: Engine) -> None:
    from marsad.io.readers import InputError

    result = ingest(engine, [InputError("broken.txt", "empty text"), *examples()[:2]])
    assert result.failed == 1 and result.added == 2
    with engine.connect() as connection:
        errors = connection.execute(select(schema.ingest_errors.c.document, schema.ingest_errors.c.message)).all()
    assert errors == [("broken.txt", "empty text")]


def test_records_round_trip_as_json(engine: Engine) -> None:
    ingest(engine, examples()[:1])
    (event,) = query_events(engine, EventFilter())
    assert json.loads(json.dumps(event, ensure_ascii=False)) == event
    assert event["event_id"].startswith("MRS") and event["sources"][0]["evidence"]["text"]


def test_full_text_search_over_normalized_arabic(engine: Engine) -> None:
    ingest(engine, examples())
    # the query is normalized like the text: hamza, ta marbuta and harakat do not matter
    found = query_events(engine, EventFilter(text="مفخَّخة"))
    assert len(found) == 1 and found[0]["sub_event_type"] == "Remote explosive/landmine/IED"
    assert query_events(engine, EventFilter(text="كلمةٌ لا ترد في أي تقرير")) == []


def test_api_fast_path_gives_the_same_json_as_parsed_records(engine: Engine) -> None:
    """The API splices stored JSON as bytes; the result must parse to exactly what query_events gives,
    backslashes and quotes in the evidence included (PostgreSQL must not read them as escapes)."""
    quoted = Document(
        id="escapes",
        text='قال مصدر أمني إن "مسلحين" قتلوا شرطيين اثنين في هجوم على نقطة تفتيش في الفلوجة\\الأنبار أمس.',
        published="2024-02-10",
        source="outlet-q",
    )
    ingest(engine, [*examples(), quoted])
    chosen = EventFilter(limit=500)
    parsed = query_events(engine, chosen)
    assert any("\\" in json.dumps(event["evidence"], ensure_ascii=False) for event in parsed)
    assert [json.loads(item) for item in event_json(engine, chosen)] == parsed
    assert [json.loads(item) for item in summary_json(engine, chosen)] == [summary(event) for event in parsed]
