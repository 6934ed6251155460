"""Documents out to the workers in batches, results back in input order, with back-pressure.

The client reads its input lazily and keeps at most ``in_flight`` batches on the cluster, so its
memory and the cluster's stay flat whatever the corpus size. A batch's task holds its documents, so
when a worker dies the scheduler gives the same task to another worker (and a result lost with a
worker is computed again): nothing is lost, and since results are handed over in input order, once
each, nothing is duplicated.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from distributed import Client, Future

from marsad.io.readers import InputError
from marsad.model import Document
from marsad.scale.tasks import DocumentTask, Item, run_batch

BATCH_SIZE = 16  # documents per task: ~0.1-0.2 s of work on a news article, so the scheduler's cost is noise
RETRIES = 3  # a task that raised (not a document's error: those are caught) is tried again this often


Skip = Callable[[list[Document]], list[bool]]  # which documents need no result (already stored, say)


def map_ordered(
    client: Client,
    items: Iterable[Item],
    task: DocumentTask,
    batch_size: int = BATCH_SIZE,
    in_flight: int | None = None,
    skip: Skip | None = None,
) -> Iterator[tuple[Item, Any]]:
    """``(item, result)`` for every item in input order: the task's result or a Failure for a document,
    None for an InputError and for a document ``skip`` left out. At most ``in_flight`` batches (default
    two per worker thread, so each worker has the next batch while it works) are on the cluster."""
    limit = in_flight or 2 * max(sum(client.nthreads().values()), 1)
    batches = _batches(iter(items), batch_size)
    pending: deque[tuple[list[Item], list[bool], Future | None]] = deque()

    def submit(batch: list[Item]) -> None:
        documents = [item for item in batch if isinstance(item, Document)]
        skipped = skip(documents) if skip and documents else [False] * len(documents)
        wanted = [document for document, left in zip(documents, skipped, strict=True) if not left]
        future = client.submit(run_batch, task, wanted, pure=False, retries=RETRIES) if wanted else None
        pending.append((batch, skipped, future))

    for batch in itertools.islice(batches, limit):
        submit(batch)
    while pending:
        batch, skipped, future = pending.popleft()
        results = iter(future.result() if future is not None else ())
        if future is not None:
            future.release()
        following = next(batches, None)  # keep the cluster busy while the caller writes this batch
        if following is not None:
            submit(following)
        flags = iter(skipped)
        for item in batch:
            if isinstance(item, InputError) or next(flags):
                yield item, None
            else:
                yield item, next(results)


def _batches(items: Iterator[Item], size: int) -> Iterator[list[Item]]:
    while batch := list(itertools.islice(items, size)):
        yield batch
