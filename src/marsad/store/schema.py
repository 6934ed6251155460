"""The store's tables (SQLAlchemy Core), one schema for SQLite and PostgreSQL, and its migrations.

Records are kept as JSON text next to the columns that queries filter on, so the event record can
grow without a migration while filters stay indexed.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    true,
)

# 2: canonical_events.summary; 3: canonical_events.search_id; 4: canonical_events.reported (news by default)
SCHEMA_VERSION = 4

metadata = MetaData()

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("id", String(512), primary_key=True),
    Column("content_hash", String(64), nullable=False),
    Column("text", Text, nullable=False),
    Column("normalized", Text, nullable=False),  # for full-text search over normalized Arabic
    Column("title", Text),
    Column("source", String(256)),
    Column("url", Text),
    Column("published", Date),
    Column("retrieved", String(32), nullable=False),
    Column("simhash", String(16), nullable=False),  # 64-bit fingerprint as hex, for near-duplicates
    # the fingerprint's four 16-bit bands: copies within 3 bits share at least one band (pigeonhole),
    # so near-duplicate candidates come from an index, not from a scan
    Column("band0", Integer, nullable=False),
    Column("band1", Integer, nullable=False),
    Column("band2", Integer, nullable=False),
    Column("band3", Integer, nullable=False),
    Column("duplicate_of", String(512)),  # a syndicated copy of this document
    Column("pipeline_version", String(32), nullable=False),
    Column("codebook_version", String(32), nullable=False),
    Index("documents_by_published", "published"),
    Index("documents_by_band0", "band0"),
    Index("documents_by_band1", "band1"),
    Index("documents_by_band2", "band2"),
    Index("documents_by_band3", "band3"),
)

document_events = Table(
    "document_events",
    metadata,
    Column("id", String(600), primary_key=True),  # <document id>#<n>
    Column("document_id", String(512), ForeignKey("documents.id"), nullable=False),
    Column("canonical_id", String(32)),
    Column("event_date", Date),
    Column("modality", String(16), nullable=False),
    Column("record", Text, nullable=False),
    Index("document_events_by_document", "document_id"),
    Index("document_events_by_canonical", "canonical_id"),
)

canonical_events = Table(
    "canonical_events",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("event_date", Date),
    Column("time_precision", Integer),
    Column("family", String(16), nullable=False),  # kinds of event that may be the same one (fusion blocking)
    Column("event_type", String(64), nullable=False),
    Column("sub_event_type", String(64), nullable=False),
    Column("country", String(8)),
    Column("admin1", String(128)),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("fatalities", Integer),
    Column("actors", Text, nullable=False),  # actor names joined by "|", for filtering
    Column("normalized", Text, nullable=False),  # evidence of every source, normalized, for search
    Column("record", Text, nullable=False),
    Column("summary", Text),  # marsad.store.summary of the record, as JSON
    Column("search_id", Integer),  # its row in SQLite's full-text index (marsad.store.search)
    Column("revision", Integer, nullable=False),
    Column("created", String(32), nullable=False),
    Column("updated", String(32), nullable=False),
    Column("deleted", Boolean, nullable=False, default=False),
    # built from reports the news judge took for news (the default listing), or from the other events
    Column("reported", Boolean, nullable=False, server_default=true()),
    Index("canonical_by_date", "family", "event_date"),
    # listings walk these in (event_date, id) order and count from them without reading the records;
    # news is the default listing, so `reported` comes right after `deleted`
    Index("canonical_news_listing", "deleted", "reported", "event_date", "id"),
    Index("canonical_news_listing_by_type", "deleted", "reported", "event_type", "event_date", "id"),
    Index("canonical_news_listing_by_admin1", "deleted", "reported", "admin1", "event_date", "id"),
    Index("canonical_by_search_id", "search_id"),
)

revisions = Table(
    "revisions",
    metadata,
    Column("canonical_id", String(32), nullable=False),
    Column("revision", Integer, nullable=False),
    Column("updated", String(32), nullable=False),
    Column("reason", Text, nullable=False),
    Column("record", Text, nullable=False),
    Index("revisions_by_event", "canonical_id"),
)

deletions = Table(
    "deletions",
    metadata,
    Column("canonical_id", String(32), nullable=False),
    Column("deleted", String(32), nullable=False),
    Column("merged_into", String(32)),
    Column("reason", Text, nullable=False),
)

ingest_errors = Table(
    "ingest_errors",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document", Text, nullable=False),
    Column("message", Text, nullable=False),
    Column("at", String(32), nullable=False),
)
