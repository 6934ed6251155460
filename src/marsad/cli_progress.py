"""Progress and a closing summary for the long commands (`marsad extract`, `marsad ingest`).

On stderr only, so `marsad extract … > out.jsonl` stays clean, and only when the caller says so
(stderr is a terminal): logs and pipes get the one-line summary and nothing else.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

_COUNT_CHUNK = 1 << 20


class _Rate(ProgressColumn):
    def render(self, task: Task) -> Text:
        return Text(f"{task.speed or 0:,.0f} docs/s")


def count_documents(text_files: Iterable[Path], jsonl: Iterable[str]) -> int | None:
    """How many documents the inputs hold (one per text file, one per JSON line), for the time left;
    None when one is standard input, which cannot be read twice. Only worth it when progress shows."""
    total = 0
    for path in text_files:
        total += 1 if not path.is_dir() else sum(1 for _ in path.rglob("*.txt"))
    for name in jsonl:
        if name == "-":
            return None
        try:
            total += _lines(Path(name))
        except OSError:
            total += 1  # the reader reports it, as one error
    return total


def _lines(path: Path) -> int:
    count, last = 0, b"\n"
    with path.open("rb") as stream:
        while chunk := stream.read(_COUNT_CHUNK):
            count += chunk.count(b"\n")
            last = chunk[-1:]
    return count + (last != b"\n")


class RunProgress:
    """Documents done, documents/s, events found, failures and time left, while the command runs."""

    def __init__(self, verb: str, total: int | None = None, shown: bool | None = None) -> None:
        self.verb = verb
        self.documents = self.events = self.failed = 0
        self._started = time.perf_counter()
        self._progress = Progress(
            TextColumn(verb),
            BarColumn(),
            MofNCompleteColumn(),
            _Rate(),
            TextColumn("{task.fields[events]:,} events, {task.fields[failed]:,} failed"),
            TimeElapsedColumn(),
            TextColumn("elapsed,"),
            TimeRemainingColumn(),
            TextColumn("left"),
            console=Console(stderr=True),
            disable=not (sys.stderr.isatty() if shown is None else shown),
            transient=True,
            redirect_stdout=False,  # stdout is the command's output, never the bar's
        )
        self._task = self._progress.add_task(verb, total=total, events=0, failed=0)

    def __enter__(self) -> RunProgress:
        self._started = time.perf_counter()
        self._progress.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self._progress.stop()

    def document(self, events: int = 0, failed: bool = False) -> None:
        self.documents += 1
        self.events += events
        self.failed += failed
        self._progress.update(self._task, advance=1, events=self.events, failed=self.failed)

    def found(self, events: int) -> None:
        """Events found in a document that is counted done separately (ingest tells the two apart)."""
        self.events += events

    def summary(self) -> str:
        seconds = time.perf_counter() - self._started
        rate = self.documents / seconds if seconds > 0 else 0.0
        return (
            f"{self.documents:,} documents, {self.events:,} events, {self.failed:,} failed "
            f"in {seconds:.1f} s ({rate:,.1f} documents/s)"
        )
