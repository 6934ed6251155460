"""Fusion measured against the team's truth on part A of SaudiNewsNet (bench/fusion_truth.json:
events each reported by three or more outlets, with their document ids).

Every article of part A is ingested; then, over every pair of documents that the truth files
under events, a pair is predicted "same" when the two documents have a report in one canonical
event of the default dataset (reported as news), and is truly "same" when they report one truth
event. Prints pairwise precision, recall and F1, and how many of the hard negative pairs were
wrongly fused; then the same over the pairs whose two documents both have an event the judge took
for news (fusion apart from the judge's recall), and over every canonical event, news or not (what
`--all` lists).

    .venv/bin/python bench/fusion.py
"""

from __future__ import annotations

import itertools
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import select

from corpus import DEFAULT_CORPUS, load
from marsad.store import schema
from marsad.store.db import open_store
from marsad.store.ingest import ingest

TRUTH = Path(__file__).with_name("fusion_truth.json")


def main() -> None:
    truth = json.loads(TRUTH.read_text("utf-8"))
    truth_events: dict[str, set[str]] = defaultdict(set)  # document -> truth events it reports
    for event in truth["events"]:
        for document in event["documents"]:
            truth_events[document].add(event["id"])
    with tempfile.TemporaryDirectory() as folder:
        engine = open_store(f"sqlite:///{Path(folder) / 'fusion.sqlite'}")
        ingest(engine, load(DEFAULT_CORPUS), batch_size=200)
        news: dict[str, set[str]] = defaultdict(set)  # document -> canonical events (news) it reports
        every: dict[str, set[str]] = defaultdict(set)  # the same, news or not
        reports, canonical_events = schema.document_events, schema.canonical_events
        with engine.connect() as connection:
            rows = connection.execute(
                select(reports.c.document_id, reports.c.canonical_id, canonical_events.c.reported)
                .join(canonical_events, canonical_events.c.id == reports.c.canonical_id)
                .where(canonical_events.c.deleted.is_(False))
            )
            for document, canonical, reported in rows:
                every[document].add(canonical)
                if reported:
                    news[document].add(canonical)
            duplicates = dict(
                connection.execute(
                    select(schema.documents.c.id, schema.documents.c.duplicate_of).where(
                        schema.documents.c.duplicate_of.isnot(None)
                    )
                ).all()
            )
        engine.dispose()
    for predicted in (news, every):
        for copy, original in duplicates.items():  # a syndicated copy reports what its original reports
            predicted[copy] |= predicted.get(original, set())
    with_news = {document for document in truth_events if news.get(document)}
    print(f"truth: {len(truth['events'])} events, {len(truth_events)} documents, {len(with_news)} with news")
    score("news (the default)", truth, truth_events, news)
    score("news, both documents with news", truth, truth_events, news, with_news)
    score("news or not (--all)", truth, truth_events, every)


def score(
    name: str,
    truth: dict,
    truth_events: dict[str, set[str]],
    predicted: dict[str, set[str]],
    among: set[str] | None = None,
) -> None:
    tp = fp = fn = 0
    for first, second in itertools.combinations(sorted(among if among is not None else truth_events), 2):
        same = bool(truth_events[first] & truth_events[second])
        fused = bool(predicted.get(first, set()) & predicted.get(second, set()))
        tp += same and fused
        fp += fused and not same
        fn += same and not fused
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    negatives = truth.get("not_same_event", [])
    if among is not None:
        negatives = [pair for pair in negatives if set(pair["pair"]) <= among]
    wrong = sum(
        bool(predicted.get(pair["pair"][0], set()) & predicted.get(pair["pair"][1], set())) for pair in negatives
    )
    print(f"{name}: pairwise fusion P={precision:.3f} R={recall:.3f} F1={f1:.3f} (tp={tp} fp={fp} fn={fn})")
    print(f"{name}: hard negative pairs fused: {wrong} of {len(negatives)}")


if __name__ == "__main__":
    main()
