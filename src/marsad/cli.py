"""The ``marsad`` command."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import sys
from collections.abc import Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Optional

import typer

from marsad import __version__
from marsad.cli_geo import gazetteer_app, geocode_command
from marsad.cli_models import eval_app, train_app
from marsad.cli_progress import RunProgress, count_documents
from marsad.cli_serve import serve_command
from marsad.cli_store import events_command, ingest_command
from marsad.io.readers import InputError, read_jsonl_path, read_text_files
from marsad.model import Document, DocumentRecord
from marsad.pipeline import extract as extract_document
from marsad.scale.tasks import DocumentTask, Failure, attempt

app = typer.Typer(
    name="marsad",
    help=(
        "Marsad (مرصد) reads Arabic news about armed conflict and security and turns it into an event "
        "dataset in which every field points back to the words it came from.\n\n"
        "Start with:  marsad extract --jsonl examples/reports.jsonl --format text\n\n"
        "or, for your own files:  marsad extract report.txt --published 2024-09-03"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class OutputFormat(StrEnum):
    json = "json"
    text = "text"


def _fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"marsad: error: {message}", err=True)
    return typer.Exit(code)


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _fail(f"--published must be a date YYYY-MM-DD, got {value!r}") from None


def _documents(files: list[Path], jsonl: list[str]) -> Iterator[Document | InputError]:
    yield from read_text_files(files)
    for path in jsonl:
        yield from read_jsonl_path(path)


def _warn_without_gazetteer() -> None:
    from marsad.geo.gazetteer import default_gazetteer

    _, problem = default_gazetteer()
    if problem:
        typer.echo(f"marsad: warning: places will not be resolved: {problem}", err=True)


def _describe(record: DocumentRecord) -> str:
    """A human-readable summary of one record, for the demo and for eyeballing."""
    published = f"{record.published} (from {record.published_from})" if record.published else "unknown"
    lines = [f"── {record.id}  published {published}"]
    for mention in record.mentions:
        extra = mention.model_extra or {}
        details = ", ".join(f"{key}={value}" for key, value in extra.items())
        suffix = f"  ({details})" if details else ""
        lines.append(f"   {mention.kind:<7} {mention.text!r:<32} → {mention.value}{suffix}")
    for event in record.events:
        lines.append("   " + _describe_event(event))
    if not record.events:
        lines.append("   no events")
    return "\n".join(lines)


def _describe_event(event: dict) -> str:
    actors = " vs ".join(actor["name"] for actor in (event["actor1"], event["actor2"]) if actor)
    figures = ", ".join(
        f"{label} {event[key]}"
        for key, label in (("fatalities", "killed"), ("injured", "injured"), ("arrested", "arrested"))
        if event[key] is not None
    )
    location = event.get("location") or {}
    place = location.get("name_ar") or "place unknown"
    if location.get("geo_precision"):
        admin1 = location.get("admin1") or location.get("country")
        place += f" ({location.get('name')}, {admin1}; geo precision {location['geo_precision']})"
    return (
        f"EVENT {event['event_type']} / {event['sub_event_type']} [{event['modality']}] {event['event_date']} "
        f"(precision {event['time_precision']}) · {actors or 'actors unknown'} · {place}"
        + (f" · {figures}" if figures else "")
        + f" · confidence {event['confidence']} · «{event['trigger']['text']}»"
    )


def render_document(
    document: Document, default_published: dt.date | None, output_format: OutputFormat
) -> tuple[str, int]:
    """One document's output line and its number of events (on a Dask worker, or here)."""
    record = extract_document(document, default_published)
    if output_format is OutputFormat.json:
        return json.dumps(record.model_dump(mode="json"), ensure_ascii=False), len(record.events)
    return _describe(record), len(record.events)


@contextlib.contextmanager
def _results(
    items: Iterable[Document | InputError], task: DocumentTask, workers: int | None, scheduler: str | None
) -> Iterator[Iterable[tuple[Document | InputError, object]]]:
    """Each item with its task's result, in input order: here, or on a Dask cluster (marsad.scale)."""
    if workers is None and scheduler is None:
        yield ((item, attempt(task, item) if isinstance(item, Document) else None) for item in items)
        return
    from marsad.scale.cluster import ClusterError, connect
    from marsad.scale.ordered import map_ordered

    try:
        with connect(workers, scheduler) as client:
            yield map_ordered(client, items, task)
    except ClusterError as error:
        raise _fail(str(error)) from None


WorkersOption = Annotated[
    Optional[int],  # noqa: UP045 - typer needs Optional
    typer.Option(
        min=1, help="Run on a local Dask cluster of N worker processes (one thread each).", show_default=False
    ),
]
SchedulerOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(help="Run on an existing Dask cluster: its scheduler, tcp://host:8786.", metavar="ADDRESS"),
]


@app.command()
def extract(
    files: Annotated[
        Optional[list[Path]],  # noqa: UP045 - typer needs Optional here
        typer.Argument(
            help="Plain-text files, one document each (the id is the file name).", show_default=False, metavar="FILE..."
        ),
    ] = None,
    jsonl: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(
            "--jsonl",
            metavar="FILE",
            help="A JSON Lines file (or - for standard input) with id, text and optional title, published "
            "(YYYY-MM-DD), source, url. May be given more than once.",
            show_default=False,
        ),
    ] = None,
    published: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            help="Publication date YYYY-MM-DD for documents that do not carry their own.",
            show_default=False,
            metavar="DATE",
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat,
        typer.Option("--format", help="json: one JSON object per document (the contract); text: a readable summary."),
    ] = OutputFormat.json,
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
) -> None:
    """Find dates, numbers and events in Arabic reports; write one JSON object per document to stdout.

    Relative dates (أمس، الخميس الماضي، 29 آب without a year) are resolved against the publication
    date: the document's own, else --published, else a date line in the document's header. Spans are
    [start, end) character offsets into the text exactly as given. Bad documents are reported on
    stderr, one line each, and the others are still processed; the exit code is 1 if any failed.
    With --workers or --scheduler the documents are extracted on a Dask cluster; the output is the
    same, in the same order.
    """
    if not files and not jsonl:
        raise _fail("give text files or --jsonl FILE (use - for standard input); see marsad extract --help")
    if workers is not None and scheduler is not None:
        raise _fail("give --workers or --scheduler, not both")
    default_published = _parse_date(published)
    _warn_without_gazetteer()
    task = functools.partial(render_document, default_published=default_published, output_format=output_format)
    shown = sys.stderr.isatty() and not sys.stdout.isatty()  # a bar between output lines helps no one
    total = count_documents(files or [], jsonl or []) if shown else None
    items = _documents(files or [], jsonl or [])
    with RunProgress("extracting", total, shown) as progress, _results(items, task, workers, scheduler) as results:
        for item, result in results:
            if isinstance(item, InputError):
                progress.document(failed=True)
                typer.echo(f"marsad: error: {item}", err=True)
            elif isinstance(result, Failure):
                progress.document(failed=True)
                typer.echo(f"marsad: error: {item.id}: internal error ({result.kind}: {result.message})", err=True)
            else:
                line, events = result
                progress.document(events)
                sys.stdout.write(line + "\n")
    sys.stdout.flush()
    typer.echo(f"extracted: {progress.summary()}", err=True)
    if progress.failed:
        raise typer.Exit(1)


app.add_typer(train_app, name="train")
app.add_typer(gazetteer_app, name="gazetteer")
app.command("geocode")(geocode_command)
app.command("ingest")(ingest_command)
app.command("events")(events_command)
app.command("serve")(serve_command)
app.add_typer(eval_app, name="eval")


@app.command()
def version() -> None:
    """Print Marsad's version."""
    typer.echo(f"marsad {__version__}")


def main() -> None:
    try:
        app()
    except BrokenPipeError:  # `marsad extract … | head` closed the pipe: not an error
        sys.stderr.close()
    except KeyboardInterrupt:
        typer.echo("marsad: interrupted", err=True)
        raise SystemExit(130) from None


if __name__ == "__main__":
    main()
