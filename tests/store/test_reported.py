"""News by default, the rest one filter away and never deleted: every event of every record is
stored, news fuses with news, and the other events make canonical events that are not news."""

from __future__ import annotations

import json

from sqlalchemy import Engine, func, select

from marsad.api.reads import document_detail
from marsad.model import Document
from marsad.store import schema
from marsad.store.ingest import ingest
from marsad.store.query import EventFilter, count_events, event_stats, query_events, summary_json
from tests.verdicts import (
    MENTION_PROBABILITY,
    NEWS_AND_MENTION,
    NEWS_PROBABILITY,
    clash,
    records,
    stand_in,
    with_written_verdicts,
)

NEWS, REST, BOTH = EventFilter(), EventFilter(reported=False), EventFilter(reported=None)


def test_news_is_the_default_and_the_mention_one_filter_away(engine: Engine) -> None:
    result = ingest(engine, [NEWS_AND_MENTION], extractor=with_written_verdicts)
    assert (result.reports, result.reported, result.canonical_created) == (2, 1, 2)
    (news,) = query_events(engine, NEWS)
    assert (news["reported"], news["news_probability"]) == (True, NEWS_PROBABILITY)
    assert news["event_type"] == "Battles" and news["fatalities"] == 3
    (mention,) = query_events(engine, REST)
    assert (mention["reported"], mention["news_probability"]) == (False, MENTION_PROBABILITY)
    assert mention["fatalities"] == 7
    assert [event["event_id"] for event in query_events(engine, BOTH)] == [mention["event_id"], news["event_id"]]
    assert (count_events(engine, NEWS), count_events(engine, REST), count_events(engine, BOTH)) == (1, 1, 2)
    assert (event_stats(engine, NEWS)["fatalities"], event_stats(engine, BOTH)["fatalities"]) == (3, 10)
    summaries = [json.loads(item) for item in summary_json(engine, BOTH)]
    assert [(item["reported"], item["news_probability"]) for item in summaries] == [
        (False, MENTION_PROBABILITY),
        (True, NEWS_PROBABILITY),
    ]
    assert query_events(engine, EventFilter(text="عبوة ناسفة")) == []  # search follows the same default
    assert len(query_events(engine, EventFilter(text="عبوة ناسفة", reported=None))) == 1
    with engine.connect() as connection:
        stored = connection.execute(select(func.count()).select_from(schema.document_events)).scalar_one()
        unlinked = connection.execute(
            select(func.count())
            .select_from(schema.document_events)
            .where(schema.document_events.c.canonical_id.is_(None))
        ).scalar_one()
    assert (stored, unlinked) == (2, 0)  # every event is stored and reachable


def test_a_mention_never_joins_the_news_of_the_same_event(engine: Engine) -> None:
    written = {
        "wire-a": [clash("wire-a", reported=True)],
        "wire-b": [clash("wire-b", reported=True)],
        "column-c": [clash("column-c", reported=False)],  # the clash recalled in an opinion column
        "column-d": [clash("column-d", reported=False)],
        "denial-e": [clash("denial-e", reported=False, modality="negated")],
    }
    documents = [stand_in(identifier, "2024-05-10") for identifier in written]
    ingest(engine, documents, extractor=records(written))
    (news,) = query_events(engine, NEWS)
    assert {source["document_id"] for source in news["sources"]} == {"wire-a", "wire-b"}
    rest = query_events(engine, REST)
    assert sorted(sorted(source["document_id"] for source in event["sources"]) for event in rest) == [
        ["column-c", "column-d"],  # mentions fuse with mentions
        ["denial-e"],  # a denial with denials only
    ]
    assert all(event["reported"] is False for event in rest)


def test_a_repeat_belongs_to_the_event_it_repeats(engine: Engine) -> None:
    head = clash("wire-a", reported=True) | {"repeats": ["wire-a#2"]}
    repeat = clash("wire-a", reported=False, number=2) | {"repeat_of": "wire-a#1"}
    ingest(engine, [stand_in("wire-a", "2024-05-10")], extractor=records({"wire-a": [head, repeat]}))
    (event,) = query_events(engine, BOTH)  # the article's second telling makes no event of its own
    assert event["reported"] is True and [source["repeats"] for source in event["sources"]] == [["wire-a#2"]]
    detail = document_detail(engine, "wire-a")
    assert detail is not None
    assert [(item["event_id"], item["canonical_id"]) for item in detail["events"]] == [
        ("wire-a#1", event["event_id"]),
        ("wire-a#2", event["event_id"]),
    ]


def test_a_report_that_stops_being_news_leaves_the_event_it_made_to_the_others(engine: Engine) -> None:
    written = {"wire-a": [clash("wire-a", reported=True)], "wire-b": [clash("wire-b", reported=True)]}
    documents = [stand_in("wire-a", "2024-05-10"), stand_in("wire-b", "2024-05-10")]
    ingest(engine, documents, extractor=records(written))
    (before,) = query_events(engine, NEWS)
    # wire-a is edited: its clash is now only recalled; the event it created lives on with wire-b
    written["wire-a"] = [clash("wire-a", reported=False, modality="background")]
    edited = Document(id="wire-a", text="نص عدله الفريق", published="2024-05-10", source="wire-a")
    assert ingest(engine, [edited], extractor=records(written)).revised == 1
    (after,) = query_events(engine, NEWS)
    assert after["event_id"] == before["event_id"]
    assert [source["document_id"] for source in after["sources"]] == ["wire-b"]
    (mention,) = query_events(engine, REST)
    assert mention["event_id"] != before["event_id"]
    assert [source["document_id"] for source in mention["sources"]] == ["wire-a"]
