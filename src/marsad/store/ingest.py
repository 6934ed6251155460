"""`marsad ingest`: extract, store and fuse documents, in committed batches.

Idempotent (the same document with the same content and the same pipeline and codebook versions
changes nothing), resumable (an interrupted run loses only its uncommitted batch; a re-run skips
what is stored), and revising (a changed document, or a new pipeline or codebook version, retracts
the document's earlier reports from their canonical events before adding the new ones).

Every event of every record is stored. Each one fuses into a canonical event: news (`reported`)
with news, the rest with the rest (marsad.fuse.fusion), so the default listing is news alone and
the other events are one filter away. Two kinds of report make no canonical event of their own: a
repeat (`repeat_of`: the same event told again in its article, already folded into the event it
repeats) and any event of a syndicated copy of a stored document.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, and_, delete, or_, select, update
from sqlalchemy.exc import SQLAlchemyError

from marsad import __version__
from marsad.codebook import load_codebook
from marsad.fuse.fusion import (
    DATE_TOLERANCE_DAYS,
    WIDEST_WINDOW_DAYS,
    canonical_id,
    canonical_record,
    family,
    is_reported,
    same_event,
)
from marsad.fuse.neardup import bands, is_near_duplicate, simhash
from marsad.io.limits import one_line, quoted
from marsad.io.readers import InputError, storage_problem
from marsad.model import Document, DocumentRecord
from marsad.pipeline import extract
from marsad.store import schema
from marsad.store.db import StoreError, now
from marsad.store.locking import lock_for_writing
from marsad.store.search import index_text
from marsad.store.summary import summary
from marsad.text.normalize import normalize

NEAR_DUPLICATE_WINDOW_DAYS = 3
_AREA_DEGREES = 3.0  # a box wider than the widest place tolerance (250 km) and a governorate


@dataclass
class IngestReport:
    added: int = 0
    revised: int = 0
    unchanged: int = 0
    duplicates: int = 0
    failed: int = 0
    reports: int = 0
    reported: int = 0  # of the reports, those the news judge took for news
    canonical_created: int = 0
    canonical_merged: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


def content_hash(document: Document) -> str:
    return hashlib.sha256(f"{document.title or ''}\n{document.text}".encode()).hexdigest()


Extractor = Callable[[Document, dt.date | None], DocumentRecord]


def ingest(
    engine: Engine,
    items: Iterable[Document | InputError],
    batch_size: int = 100,
    default_published: dt.date | None = None,
    on_document: Callable[[str, str | None], None] | None = None,
    extractor: Extractor = extract,
    on_commit: Callable[[list[str]], None] | None = None,
) -> IngestReport:
    """Ingest every item; ``on_document(name, error)`` is told about each one (for progress and errors).
    ``extractor`` makes a document's record: the pipeline's `extract` unless a caller (an evaluation,
    a test) has records of its own. ``on_commit(ids)`` is told the ids of each batch's documents once
    the batch is committed: from then on they survive any crash. A failure of the store itself
    raises StoreError; the batches committed before it are kept."""
    report = IngestReport()
    versions = (__version__, load_codebook().version)
    batch: list[Document | InputError] = []
    committed = 0

    def flush() -> None:
        nonlocal committed
        try:
            with engine.begin() as connection:
                lock_for_writing(connection)  # another writer's batch commits first, then this one reads it
                for item in batch:
                    _ingest_one(connection, item, versions, default_published, report, on_document, extractor)
        except SQLAlchemyError as error:
            cause = one_line(str(getattr(error, "orig", None) or error))
            raise StoreError(
                f"the store failed while writing a batch ({type(error).__name__}: {cause}); the {committed:,} "
                "documents committed before it are kept: run the same command again to go on"
            ) from None
        committed += sum(isinstance(item, Document) for item in batch)
        if on_commit:
            on_commit([item.id for item in batch if isinstance(item, Document)])
        batch.clear()

    for item in items:
        batch.append(item)
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    return report


def _ingest_one(
    connection: Connection,
    item: Document | InputError,
    versions: tuple[str, str],
    default_published: dt.date | None,
    report: IngestReport,
    on_document: Callable[[str, str | None], None] | None,
    extractor: Extractor = extract,
) -> None:
    if isinstance(item, InputError):
        _error(connection, item.document, item.message, report, on_document)
        return
    problem = storage_problem(item)  # a Document made by a caller, not a reader, may hold anything
    if problem:
        _error(connection, quoted(item.id), problem, report, on_document)
        return
    digest = content_hash(item)
    existing = connection.execute(select(schema.documents).where(schema.documents.c.id == item.id)).mappings().first()
    if existing and (existing["content_hash"], existing["pipeline_version"], existing["codebook_version"]) == (
        digest,
        *versions,
    ):
        report.unchanged += 1
        if on_document:
            on_document(item.id, None)
        return
    try:
        record = extractor(item, default_published)
    except Exception as error:  # noqa: BLE001 - one document's failure must not stop the others
        _error(connection, item.id, f"internal error ({type(error).__name__}: {error})", report, on_document)
        return
    if existing:
        _retract(connection, item.id)
        report.revised += 1
    else:
        report.added += 1
    normalized = normalize(item.text).text
    fingerprint = simhash(normalized)
    published = record.published
    original = _near_duplicate_of(connection, item.id, fingerprint, published)
    connection.execute(
        schema.documents.insert().values(
            id=item.id,
            content_hash=digest,
            text=item.text,
            normalized=normalized,
            title=item.title,
            source=item.source,
            url=item.url,
            published=published,
            retrieved=now(),
            simhash=f"{fingerprint:016x}",
            **{f"band{index}": band for index, band in enumerate(bands(fingerprint))},
            duplicate_of=original,
            pipeline_version=versions[0],
            codebook_version=versions[1],
        )
    )
    document = {"id": item.id, "source": item.source, "url": item.url}
    if original is not None:
        report.duplicates += 1
    for event in record.events:
        report.reports += 1
        report.reported += is_reported(event)
        canonical = None
        if original is None and not event.get("repeat_of"):
            canonical = _fuse(connection, event, document, report)
        connection.execute(
            schema.document_events.insert().values(
                id=event["event_id"],
                document_id=item.id,
                canonical_id=canonical,
                event_date=dt.date.fromisoformat(event["event_date"]) if event.get("event_date") else None,
                modality=event["modality"],
                record=json.dumps(event, ensure_ascii=False),
            )
        )
    if on_document:
        on_document(item.id, None)


def _error(
    connection: Connection,
    name: str,
    message: str,
    report: IngestReport,
    on_document: Callable[[str, str | None], None] | None,
) -> None:
    report.failed += 1
    connection.execute(
        schema.ingest_errors.insert().values(document=one_line(name), message=one_line(message), at=now())
    )
    if on_document:
        on_document(name, message)


def _near_duplicate_of(
    connection: Connection, document_id: str, fingerprint: int, published: dt.date | None
) -> str | None:
    """A stored document this one is a syndicated copy of (published within a few days)."""
    table = schema.documents
    query = select(table.c.id, table.c.simhash).where(
        table.c.duplicate_of.is_(None),
        table.c.id != document_id,
        or_(*(table.c[f"band{index}"] == band for index, band in enumerate(bands(fingerprint)))),
    )
    if published is not None:
        window = dt.timedelta(days=NEAR_DUPLICATE_WINDOW_DAYS)
        query = query.where(schema.documents.c.published.between(published - window, published + window))
    for other_id, other_hash in connection.execute(query):
        if is_near_duplicate(fingerprint, int(other_hash, 16)):
            return other_id
    return None


def _reports_of(connection: Connection, canonical: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    rows = connection.execute(
        select(
            schema.document_events.c.record, schema.documents.c.id, schema.documents.c.source, schema.documents.c.url
        )
        .join(schema.documents, schema.documents.c.id == schema.document_events.c.document_id)
        .where(schema.document_events.c.canonical_id == canonical)
    )
    return [(json.loads(row.record), {"id": row.id, "source": row.source, "url": row.url}) for row in rows]


def _fuse(connection: Connection, event: dict[str, Any], document: dict[str, Any], report: IngestReport) -> str:
    """Attach a report to the canonical event it tells, or make a new one; return the canonical id."""
    day = dt.date.fromisoformat(event["event_date"]) if event.get("event_date") else None
    country = (event.get("location") or {}).get("country")
    match: tuple[tuple[int, int, int], str, dict[str, Any]] | None = None
    also: list[str] = []  # other canonical events this report shows to be the same event
    if day is not None:  # blocking by kind, date and country: candidates come from a narrow window only
        table = schema.canonical_events
        own = DATE_TOLERANCE_DAYS.get(event.get("time_precision") or 3, WIDEST_WINDOW_DAYS)
        near = dt.timedelta(days=max(own, DATE_TOLERANCE_DAYS[2]))
        wide = dt.timedelta(days=WIDEST_WINDOW_DAYS)
        query = select(table.c.id, table.c.revision).where(
            table.c.deleted.is_(False),
            table.c.reported == is_reported(event),  # news fuses with news only
            table.c.family == family(event["event_type"]),
            or_(
                table.c.event_date.between(day - near, day + near),
                and_(table.c.time_precision >= 3, table.c.event_date.between(day - wide, day + wide)),
            ),
        )
        location = event.get("location") or {}
        if location.get("latitude") is not None:  # and by area: nothing beyond the widest place tolerance
            lat, lon = location["latitude"], location["longitude"]
            query = query.where(
                or_(
                    table.c.latitude.is_(None),
                    and_(
                        table.c.latitude.between(lat - _AREA_DEGREES, lat + _AREA_DEGREES),
                        table.c.longitude.between(lon - _AREA_DEGREES, lon + _AREA_DEGREES),
                    ),
                )
            )
        if country and location.get("latitude") is not None:
            query = query.where(
                or_(schema.canonical_events.c.country == country, schema.canonical_events.c.country.is_(None))
            )
        query = query.order_by(table.c.id)  # the same candidates in the same order, whatever the query plan
        for candidate_id, candidate in _records(connection, list(connection.execute(query))):
            if any(source["document_id"] == document["id"] for source in candidate.get("sources", [])):
                continue  # a document's own events were already told apart when it was read
            if same_event(candidate, event):
                # the closest in kind first (an airstrike report joins the airstrike, not the clash
                # the same raid also had), then in time
                closeness = (
                    candidate["event_type"] != event["event_type"],
                    candidate["sub_event_type"] != event["sub_event_type"],
                    abs((dt.date.fromisoformat(candidate["event_date"]) - day).days),
                )
                if match is None or closeness < match[0]:
                    if match is not None and _bridges(match[0], match[2]):
                        also.append(match[1])
                    match = (closeness, candidate_id, candidate)
                elif _bridges(closeness, candidate):
                    also.append(candidate_id)
    if match is None:
        identifier, retired = _new_identifier(connection, event)
        record = canonical_record(identifier, [(event, document)])
        stamp = now()
        if retired is not None:  # the same report, re-processed, brings its event back under its old id
            _revise(connection, identifier, record, retired, f"report {event['event_id']} re-processed")
            connection.execute(
                update(schema.canonical_events).where(schema.canonical_events.c.id == identifier).values(deleted=False)
            )
            report.canonical_created += 1
            return identifier
        columns = _columns(record)
        connection.execute(
            schema.canonical_events.insert().values(
                id=identifier, revision=1, created=stamp, updated=stamp, deleted=False, **columns
            )
        )
        index_text(connection, identifier, columns["normalized"])
        report.canonical_created += 1
        return identifier
    _, identifier, previous = match
    for other in also:  # a report that matches two canonical events bridges them: they are one
        _merge_into(connection, other, identifier)
    reports = [*_reports_of(connection, identifier), (event, document)]
    reason = f"report {event['event_id']} added" + (f"; merged {', '.join(also)}" if also else "")
    _revise(connection, identifier, canonical_record(identifier, reports), previous, reason)
    report.canonical_merged += 1
    return identifier


def _new_identifier(connection: Connection, report: dict[str, Any]) -> tuple[str, dict[str, Any] | None]:
    """The id of a canonical event a report creates, and the retired record under that id if any.
    The id is derived from the report: the same report, re-processed, brings back its old event,
    if that was news as the report is news (or not news as it is not). When another event holds the
    id (a live one the report made and left on re-processing, whose other reports keep it alive; or
    a retired one on the other side of the news line), the next free id of the series is taken."""
    table = schema.canonical_events
    for attempt in itertools.count(1):
        identifier = canonical_id(report["event_id"] if attempt == 1 else f"{report['event_id']}/{attempt}")
        row = connection.execute(
            select(table.c.record, table.c.deleted, table.c.reported).where(table.c.id == identifier)
        ).first()
        if row is None:
            return identifier, None
        if row.deleted and bool(row.reported) == is_reported(report):
            return identifier, json.loads(row.record)
    raise AssertionError("unreachable")  # pragma: no cover


def _bridges(closeness: tuple[int, int, int], candidate: dict[str, Any]) -> bool:
    """Merging two canonical events on the strength of one report chains errors unless the report
    is as close as can be to each: same type and sub-type, same day, a placed event."""
    return closeness == (False, False, 0) and (candidate.get("location") or {}).get("latitude") is not None


_RECORD_CACHE: weakref.WeakKeyDictionary[Engine, dict[str, tuple[int, dict[str, Any]]]] = weakref.WeakKeyDictionary()
_RECORD_CACHE_SIZE = 50_000


def _records(connection: Connection, revisions: list[Any]) -> list[tuple[str, dict[str, Any]]]:
    """Candidate records, parsed once per revision: fusion reads the same canonical events again and
    again, and only a revision changes them."""
    cache = _RECORD_CACHE.setdefault(connection.engine, {})
    missing = [identifier for identifier, revision in revisions if cache.get(identifier, (None,))[0] != revision]
    if missing:
        if len(cache) > _RECORD_CACHE_SIZE:
            cache.clear()
        table = schema.canonical_events
        for identifier, revision, text in connection.execute(
            select(table.c.id, table.c.revision, table.c.record).where(table.c.id.in_(missing))
        ):
            cache[identifier] = (revision, json.loads(text))
    return [(identifier, cache[identifier][1]) for identifier, _ in revisions]


def _merge_into(connection: Connection, merged: str, kept: str) -> None:
    """Move a canonical event's reports to another and retire it, recording the merge (ACLED's
    deletions feed lists merged ids so users can follow them)."""
    connection.execute(
        update(schema.document_events).where(schema.document_events.c.canonical_id == merged).values(canonical_id=kept)
    )
    connection.execute(
        update(schema.canonical_events)
        .where(schema.canonical_events.c.id == merged)
        .values(deleted=True, updated=now())
    )
    connection.execute(
        schema.deletions.insert().values(canonical_id=merged, deleted=now(), merged_into=kept, reason="merged")
    )
    index_text(connection, merged, None)


def _columns(record: dict[str, Any]) -> dict[str, Any]:
    location = record.get("location") or {}
    actors = [
        record.get("actor1"),
        record.get("actor2"),
        *record.get("assoc_actor_1", []),
        *record.get("assoc_actor_2", []),
    ]
    evidence = " ".join(
        normalize((source.get("evidence") or {}).get("text") or "").text for source in record.get("sources", [])
    )
    return {
        "event_date": dt.date.fromisoformat(record["event_date"]) if record.get("event_date") else None,
        "time_precision": record.get("time_precision"),
        "family": family(record["event_type"]),
        "event_type": record["event_type"],
        "sub_event_type": record["sub_event_type"],
        "country": location.get("country"),
        "admin1": location.get("admin1"),
        "latitude": location.get("latitude"),
        "longitude": location.get("longitude"),
        "fatalities": record.get("fatalities"),
        "reported": is_reported(record),
        "actors": "|".join(actor["name"] for actor in actors if actor),
        "normalized": evidence,
        "record": json.dumps(record, ensure_ascii=False),
        "summary": json.dumps(summary(record), ensure_ascii=False),
    }


def _revise(
    connection: Connection, identifier: str, record: dict[str, Any], previous: dict[str, Any], reason: str
) -> None:
    """Store a changed canonical record as a new revision (with a timestamp); unchanged, nothing."""
    if _comparable(record) == _comparable(previous):
        return
    revision = connection.execute(
        select(schema.canonical_events.c.revision).where(schema.canonical_events.c.id == identifier)
    ).scalar_one()
    stamp = now()
    record["revision"], record["updated"] = revision + 1, stamp
    columns = _columns(record)
    connection.execute(
        update(schema.canonical_events)
        .where(schema.canonical_events.c.id == identifier)
        .values(revision=revision + 1, updated=stamp, **columns)
    )
    index_text(connection, identifier, columns["normalized"])
    connection.execute(
        schema.revisions.insert().values(
            canonical_id=identifier,
            revision=revision + 1,
            updated=stamp,
            reason=reason,
            record=json.dumps(record, ensure_ascii=False),
        )
    )


def _comparable(record: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in record.items() if key not in ("revision", "updated")}


def _retract(connection: Connection, document_id: str) -> None:
    """Take a document's reports out of their canonical events (before re-processing it)."""
    rows = connection.execute(
        select(schema.document_events.c.canonical_id).where(
            and_(schema.document_events.c.document_id == document_id, schema.document_events.c.canonical_id.isnot(None))
        )
    ).scalars()
    affected = set(rows)
    connection.execute(delete(schema.document_events).where(schema.document_events.c.document_id == document_id))
    connection.execute(delete(schema.documents).where(schema.documents.c.id == document_id))
    for identifier in affected:
        remaining = _reports_of(connection, identifier)
        previous = json.loads(
            connection.execute(
                select(schema.canonical_events.c.record).where(schema.canonical_events.c.id == identifier)
            ).scalar_one()
        )
        if remaining:
            _revise(
                connection, identifier, canonical_record(identifier, remaining), previous, f"{document_id} re-processed"
            )
        else:
            connection.execute(
                update(schema.canonical_events)
                .where(schema.canonical_events.c.id == identifier)
                .values(deleted=True, updated=now())
            )
            connection.execute(
                schema.deletions.insert().values(
                    canonical_id=identifier, deleted=now(), merged_into=None, reason=f"{document_id} re-processed"
                )
            )
            index_text(connection, identifier, None)
