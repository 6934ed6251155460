"""`marsad ingest` on a cluster: workers extract, the client is the store's one writer.

The store's own ingest (marsad.store.ingest) still decides everything: what is unchanged, revised or
new, what fuses with what, when a batch commits. The workers only make the records it asks its
extractor for, ahead of time and in input order. Documents the store already holds unchanged are
not sent to the workers at all, so a resumed run does no work twice.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from distributed import Client
from sqlalchemy import Engine, select

from marsad import __version__
from marsad.codebook import load_codebook
from marsad.io.readers import InputError
from marsad.model import Document, DocumentRecord
from marsad.pipeline import extract
from marsad.scale.ordered import BATCH_SIZE, map_ordered
from marsad.scale.tasks import Failure
from marsad.store import schema
from marsad.store.ingest import IngestReport, content_hash, ingest


class Precomputed:
    """The extractor ingest calls: hands back the record a worker made for that very document.

    Ingest asks in input order, skipping documents it finds unchanged, so a record still waiting
    ahead of the one asked for was not wanted and is dropped: memory stays at what is in flight. A
    document no worker extracted (a repeat of an id earlier in the input, say) is extracted here."""

    def __init__(self, fallback: Callable[[Document, dt.date | None], DocumentRecord] = extract) -> None:
        self._fallback = fallback
        self._waiting: OrderedDict[int, tuple[Document, DocumentRecord | Failure]] = OrderedDict()

    def feed(self, pairs: Iterable[tuple[Document | InputError, Any]]) -> Iterator[Document | InputError]:
        for item, result in pairs:
            if isinstance(item, Document) and result is not None:
                self._waiting[id(item)] = (item, result)  # holding the item keeps its id() unique
            yield item

    def __call__(self, document: Document, default_published: dt.date | None) -> DocumentRecord:
        held = self._waiting.get(id(document))
        if held is None or held[0] is not document:
            return self._fallback(document, default_published)
        while True:
            key, (_, result) = self._waiting.popitem(last=False)
            if key == id(document):
                break
        if isinstance(result, Failure):
            raise result.exception()
        return result


def unchanged_in(engine: Engine) -> Callable[[list[Document]], list[bool]]:
    """Which documents of a batch the store already holds with the same content and versions."""
    versions = (__version__, load_codebook().version)
    table = schema.documents

    def unchanged(documents: list[Document]) -> list[bool]:
        with engine.connect() as connection:
            stored = {
                row.id: (row.content_hash, row.pipeline_version, row.codebook_version)
                for row in connection.execute(
                    select(table.c.id, table.c.content_hash, table.c.pipeline_version, table.c.codebook_version).where(
                        table.c.id.in_({document.id for document in documents})
                    )
                )
            }
        return [stored.get(document.id) == (content_hash(document), *versions) for document in documents]

    return unchanged


def ingest_on(
    client: Client,
    engine: Engine,
    items: Iterable[Document | InputError],
    batch_size: int = 100,
    default_published: dt.date | None = None,
    on_document: Callable[[str, str | None], None] | None = None,
    on_record: Callable[[DocumentRecord], None] | None = None,
    on_commit: Callable[[list[str]], None] | None = None,
) -> IngestReport:
    """marsad.store.ingest.ingest with the records made on the cluster (``on_record`` sees each one)."""
    task = functools.partial(extract, default_published=default_published)
    threads = max(sum(client.nthreads().values()), 1)
    # enough in flight that the workers keep busy while the writer commits a whole batch
    in_flight = 2 * threads + -(-batch_size // BATCH_SIZE)
    records = Precomputed()
    extractor = records if on_record is None else _seen(records, on_record)
    pairs = map_ordered(client, items, task, in_flight=in_flight, skip=unchanged_in(engine))
    return ingest(engine, records.feed(pairs), batch_size, default_published, on_document, extractor, on_commit)


def _seen(
    extractor: Callable[[Document, dt.date | None], DocumentRecord], on_record: Callable[[DocumentRecord], None]
) -> Callable[[Document, dt.date | None], DocumentRecord]:
    def extract_and_tell(document: Document, default_published: dt.date | None) -> DocumentRecord:
        record = extractor(document, default_published)
        on_record(record)
        return record

    return extract_and_tell
