"""Hostile input into the store, SQLite and PostgreSQL: what the readers let through is storable on
both (PostgreSQL refuses NUL and over-wide ids that SQLite takes), and a Document built by a caller,
not a reader, is refused one by one too; no batch is ever lost to one bad document."""

from __future__ import annotations

import io

from sqlalchemy import Engine, func, select

from marsad.io.readers import read_jsonl
from marsad.model import Document
from marsad.store import schema
from marsad.store.ingest import ingest
from tests.hostile import hostile_lines
from tests.written_reports import written_reports


def test_hostile_lines_store_every_good_document_once(engine: Engine) -> None:
    lines = hostile_lines(good=60, bad=240, seed=3)
    items = list(read_jsonl(io.BytesIO(b"".join(line.data + b"\n" for line in lines)), "in.jsonl"))
    errors: list[str] = []
    report = ingest(engine, items, batch_size=25, on_document=lambda _name, error: error and errors.append(error))
    assert (report.added, report.failed, len(errors)) == (60, 240, 240)
    with engine.connect() as connection:
        stored = set(connection.execute(select(schema.documents.c.id)).scalars())
        logged = connection.execute(select(func.count()).select_from(schema.ingest_errors)).scalar_one()
    assert stored == {line.good_id for line in lines if line.good_id}
    assert logged == 240


def test_documents_built_by_a_caller_are_checked_before_they_are_stored(engine: Engine) -> None:
    good = [Document.model_validate(report) for report in written_reports(2, prefix="caller")]
    text = good[0].text
    bad = [
        Document(id="nul\x00id", text=text),
        Document(id="nul-text", text=text + "\x00"),
        Document(id="surrogate", text=text + "\ud800"),
        Document(id="wide-source", text=text, source="s" * 300),
        Document(id="i" * 600, text=text),
        Document(id="newline\nid", text=text),
    ]
    errors: list[str] = []
    report = ingest(engine, [good[0], *bad, good[1]], on_document=lambda _name, error: error and errors.append(error))
    assert (report.added, report.failed) == (2, len(bad)), errors
    with engine.connect() as connection:
        stored = set(connection.execute(select(schema.documents.c.id)).scalars())
        names = list(connection.execute(select(schema.ingest_errors.c.document)).scalars())
    assert stored == {document.id for document in good}
    assert all("\x00" not in name and "\n" not in name for name in names)
