"""`marsad ingest` and `marsad events`: the store side of the command line."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from marsad.io.readers import InputError, read_jsonl_path, read_text_file
from marsad.model import Document, DocumentRecord

if TYPE_CHECKING:
    from marsad.store.ingest import IngestReport

DbOption = Annotated[
    Optional[str],  # noqa: UP045 - typer needs Optional
    typer.Option(
        "--db",
        help="sqlite:///path/file.sqlite or postgresql://user@host:port/db (default: SQLite in the user data folder).",
        show_default=False,
    ),
]


def _fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"marsad: error: {message}", err=True)
    return typer.Exit(code)


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _fail(f"{option} must be a date YYYY-MM-DD, got {value!r}") from None


def _inputs(paths: list[str]) -> Iterator[Document | InputError]:
    """Text files, folders of them (*.txt, recursively), JSON Lines files (*.jsonl) and - (stdin JSONL)."""
    for raw in paths:
        if raw == "-" or raw.endswith(".jsonl"):
            yield from read_jsonl_path(raw)
            continue
        path = Path(raw)
        if path.is_dir():
            for file in sorted(path.rglob("*.txt")):
                yield read_text_file(file)
            for file in sorted(path.rglob("*.jsonl")):
                yield from _inputs([str(file)])
        else:
            yield read_text_file(path)


def ingest_command(
    paths: Annotated[
        list[str],
        typer.Argument(help="Text files, folders, JSON Lines files, or - for JSON Lines on stdin.", metavar="PATH..."),
    ],
    db: DbOption = None,
    published: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(help="Publication date YYYY-MM-DD for documents that do not carry their own.", metavar="DATE"),
    ] = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Documents per committed batch.")] = 100,
    workers: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(min=1, help="Extract on a local Dask cluster of N worker processes.", show_default=False),
    ] = None,
    scheduler: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(help="Extract on an existing Dask cluster: its scheduler, tcp://host:8786.", metavar="ADDRESS"),
    ] = None,
    log_commits: Annotated[
        bool,
        typer.Option(
            "--log-commits",
            help="Print each document's id on stdout once its batch is committed: what a killed run has stored.",
        ),
    ] = False,
) -> None:
    """Extract, store and fuse documents. Re-ingesting changes nothing; an interrupted run resumes where
    its last committed batch ended; a new pipeline or codebook version revises events, never duplicates them.
    With --workers or --scheduler the documents are extracted on a Dask cluster and this process alone
    writes the store: the store is the same as without."""
    from marsad.cli_progress import RunProgress, count_documents
    from marsad.pipeline import extract
    from marsad.store.db import StoreError, open_store
    from marsad.store.ingest import ingest

    if workers is not None and scheduler is not None:
        raise _fail("give --workers or --scheduler, not both")
    default_published = _date(published, "--published")
    try:
        engine = open_store(db)
    except StoreError as error:
        raise _fail(str(error)) from None
    failures: list[str] = []
    total = count_documents(*_split(paths)) if sys.stderr.isatty() else None
    with RunProgress("ingesting", total) as progress:

        def on_document(name: str, error: str | None) -> None:
            progress.document(failed=error is not None)
            if error:
                failures.append(name)
                typer.echo(f"marsad: error: {name}: {error}", err=True)

        def on_record(record: DocumentRecord) -> None:
            progress.found(len(record.events))

        if workers is None and scheduler is None:

            def extractor(document: Document, default: dt.date | None) -> DocumentRecord:
                record = extract(document, default)
                on_record(record)
                return record

            on_commit = _print_ids if log_commits else None
            try:
                report = ingest(
                    engine, _inputs(paths), batch_size, default_published, on_document, extractor, on_commit
                )
            except StoreError as error:  # what was committed stays; exit code 3 says the store failed
                raise _fail(str(error), 3) from None
        else:
            try:
                report = _ingest_on_cluster(
                    workers,
                    scheduler,
                    lambda ingest_on, client: ingest_on(
                        client,
                        engine,
                        _inputs(paths),
                        batch_size,
                        default_published,
                        on_document,
                        on_record,
                        _print_ids if log_commits else None,
                    ),
                )
            except StoreError as error:
                raise _fail(str(error), 3) from None
    summary = ", ".join(f"{key.replace('_', ' ')} {value}" for key, value in report.as_dict().items())
    typer.echo(f"ingested: {summary}; {progress.summary()}", err=True)
    if failures:
        raise typer.Exit(1)


def _print_ids(ids: list[str]) -> None:
    sys.stdout.write("".join(f"{identifier}\n" for identifier in ids))
    sys.stdout.flush()  # an acknowledgement is worth only what has left the process


def _split(paths: list[str]) -> tuple[list[Path], list[str]]:
    """Text files and folders, and JSON Lines files (for counting what there is to do)."""
    jsonl = [raw for raw in paths if raw == "-" or raw.endswith(".jsonl")]
    others = [Path(raw) for raw in paths if raw not in jsonl]
    nested = [str(file) for path in others if path.is_dir() for file in path.rglob("*.jsonl")]
    return others, jsonl + nested


def _ingest_on_cluster(workers: int | None, scheduler: str | None, run: Callable[..., IngestReport]) -> IngestReport:
    """``run(ingest_on, client)`` on a Dask cluster (imported here: only these runs need Dask)."""
    from marsad.scale.cluster import ClusterError, connect
    from marsad.scale.ingest import ingest_on
    from marsad.store.db import StoreError

    try:
        with connect(workers, scheduler) as client:
            return run(ingest_on, client)
    except ClusterError as error:
        raise _fail(str(error)) from None
    except StoreError as error:  # as without a cluster: what was committed stays, exit code 3
        raise _fail(str(error), 3) from None


def events_command(
    db: DbOption = None,
    since: Annotated[Optional[str], typer.Option(help="First event date, YYYY-MM-DD.", metavar="DATE")] = None,  # noqa: UP045
    until: Annotated[Optional[str], typer.Option(help="Last event date, YYYY-MM-DD.", metavar="DATE")] = None,  # noqa: UP045
    event_type: Annotated[Optional[str], typer.Option("--type", help="ACLED event type, e.g. Battles.")] = None,  # noqa: UP045
    actor: Annotated[Optional[str], typer.Option(help="Part of an actor's ACLED name.")] = None,  # noqa: UP045
    admin1: Annotated[Optional[str], typer.Option(help="Admin1 name, English or Arabic (Al-Anbar, الأنبار).")] = None,  # noqa: UP045
    text: Annotated[Optional[str], typer.Option(help="Arabic words to find in the reports (normalized).")] = None,  # noqa: UP045
    bbox: Annotated[Optional[str], typer.Option(help="west,south,east,north in degrees.", metavar="W,S,E,N")] = None,  # noqa: UP045
    output_format: Annotated[
        str, typer.Option("--format", help="jsonl, acled-csv, plover-jsonl, geojson or parquet.")
    ] = "jsonl",
    output: Annotated[Optional[Path], typer.Option(help="Write to this file (required for parquet).")] = None,  # noqa: UP045
    reported: Annotated[
        Optional[bool],  # noqa: UP045
        typer.Option(
            "--reported/--not-reported",
            help="Events the articles report as news (the default), or only the others: mentions, background, "
            "denials, threats and plans.",
            show_default=False,
        ),
    ] = None,
    every: Annotated[bool, typer.Option("--all", help="Every event, reported as news or not.")] = False,
) -> None:
    """Canonical (fused) events from the store, filtered, in the chosen format, with their sources. Only
    events reported as news unless --all or --not-reported; every format carries `reported` and
    `news_probability`."""
    from marsad.io.writers import FORMATS
    from marsad.store.db import StoreError, open_store
    from marsad.store.query import EventFilter, query_events

    if output_format not in FORMATS:
        raise _fail(f"--format must be one of {', '.join(FORMATS)}")
    box = None
    if bbox:
        try:
            west, south, east, north = (float(part) for part in bbox.split(","))
        except ValueError:
            raise _fail("--bbox must be four numbers: west,south,east,north") from None
        box = (west, south, east, north)
    if every and reported is not None:
        raise _fail("give --all or --reported/--not-reported, not both")
    chosen = EventFilter(
        _date(since, "--since"),
        _date(until, "--until"),
        event_type,
        actor,
        admin1,
        text,
        box,
        reported=None if every else (True if reported is None else reported),
    )
    try:
        events = query_events(open_store(db), chosen)
    except StoreError as error:
        raise _fail(str(error)) from None
    writer, binary = FORMATS[output_format]
    if binary:
        if output is None:
            raise _fail(f"--format {output_format} writes a file: give --output FILE")
        writer(events, output)
        return
    if output is None:
        writer(events, sys.stdout)
        return
    with output.open("w", encoding="utf-8", newline="") as stream:
        writer(events, stream)
