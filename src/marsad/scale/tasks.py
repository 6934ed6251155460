"""What runs on a worker: a task over a batch of documents, one result or Failure per document.

Free of Dask, so the single-process path (and the command line's start-up) does not import it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from marsad.io.readers import InputError
from marsad.model import Document

Item = Document | InputError
DocumentTask = Callable[[Document], Any]  # must pickle: a module-level function or a partial of one


@dataclass(frozen=True)
class Failure:
    """A document whose task raised: the exception's type name and message, which pickle whatever
    the exception was."""

    kind: str
    message: str

    @classmethod
    def of(cls, error: BaseException) -> Failure:
        return cls(type(error).__name__, str(error))

    def exception(self) -> Exception:
        """An exception of the same name and message, for callers that report ``type(error).__name__``."""
        return type(self.kind, (Exception,), {})(self.message)


def attempt(task: DocumentTask, document: Document) -> Any:
    """The task's result, or a Failure: one document's error must not stop the others."""
    try:
        return task(document)
    except Exception as error:  # noqa: BLE001 - reported per document, as the single-process path does
        return Failure.of(error)


def run_batch(task: DocumentTask, documents: list[Document]) -> list[Any]:
    """On a worker: the task over a batch, one result (or Failure) per document."""
    return [attempt(task, document) for document in documents]
