"""`marsad serve`: the HTTP API over a store, and the dashboard's static files.

Reads are open unless ``read_token`` is set; writes need ``write_token`` (MARSAD_API_TOKEN) and are
refused when none is configured. Event lists come from the same query and writers as
`marsad events`, so an export is byte-for-byte what the command line gives.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import secrets
import threading
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field, ValidationError
from sqlalchemy import Engine

from marsad import __version__
from marsad.api import reads
from marsad.api.body_limit import BodyLimit
from marsad.io.readers import document_problem
from marsad.io.writers import FORMATS
from marsad.model import Document
from marsad.store.db import StoreError, open_store
from marsad.store.ingest import ingest
from marsad.store.query import EventFilter, count_events, event_json, event_stats, query_events, summary_json

STATIC = Path(__file__).with_name("static")
DEFAULT_LIMIT = 100
MAX_LIMIT = 100_000
READ_COOKIE = "marsad_read_token"
INLINE_PAGE = 1_000  # JSON pages up to this size are read on the event loop


class SessionToken(BaseModel):
    token: str = Field(min_length=1, max_length=1000)


@dataclass(frozen=True)
class Settings:
    db_url: str | None = None
    write_token: str | None = None  # MARSAD_API_TOKEN: no token, no writes
    read_token: str | None = None  # MARSAD_API_READ_TOKEN: reads need a token only when set
    tile_url: str | None = None  # MARSAD_TILE_URL: an online basemap, for users who have one


class Format(StrEnum):
    json = "json"
    geojson = "geojson"
    acled_csv = "acled-csv"
    plover_jsonl = "plover-jsonl"
    jsonl = "jsonl"
    parquet = "parquet"


class View(StrEnum):
    full = "full"
    summary = "summary"


class Reported(StrEnum):
    """Which events a list shows: reported as news (the default), the others, or both."""

    true = "true"
    false = "false"
    all = "all"


_REPORTED = {Reported.true: True, Reported.false: False, Reported.all: None}
REPORTED_HELP = (
    "true (the default): events the articles report as news; false: only the others (mentions, background, "
    "denials, threats and plans, statistics); all: both. Nothing is ever deleted: the others are one filter away."
)


_MEDIA_TYPES = {
    "geojson": "application/geo+json",
    "acled-csv": "text/csv; charset=utf-8",
    "plover-jsonl": "application/x-ndjson",
    "jsonl": "application/x-ndjson",
    "parquet": "application/vnd.apache.parquet",
}
_FILE_NAMES = {
    "acled-csv": "csv",
    "plover-jsonl": "jsonl",
    "jsonl": "jsonl",
    "geojson": "geojson",
    "parquet": "parquet",
}


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def _token_matches(given: str | None, expected: str) -> bool:
    return given is not None and secrets.compare_digest(given.encode(), expected.encode())


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    try:
        west, south, east, north = (float(part) for part in value.split(","))
    except ValueError:
        raise HTTPException(422, "bbox must be four numbers: west,south,east,north") from None
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= 90 and -90 <= north <= 90):
        raise HTTPException(422, "bbox must be in degrees: longitudes within ±180, latitudes within ±90")
    return west, south, east, north


async def event_filter(
    since: Annotated[dt.date | None, Query(description="First event date, YYYY-MM-DD.")] = None,
    until: Annotated[dt.date | None, Query(description="Last event date, YYYY-MM-DD.")] = None,
    event_type: Annotated[str | None, Query(description="ACLED event type, e.g. Battles.", max_length=64)] = None,
    actor: Annotated[str | None, Query(description="Part of an actor's ACLED name.", max_length=200)] = None,
    admin1: Annotated[
        str | None, Query(description="Admin1 name in English or Arabic, e.g. Al-Anbar or الأنبار.", max_length=128)
    ] = None,
    q: Annotated[str | None, Query(description="Arabic words to find in the reports.", max_length=500)] = None,
    bbox: Annotated[str | None, Query(description="west,south,east,north in degrees.", max_length=100)] = None,
    reported: Annotated[Reported, Query(description=REPORTED_HELP)] = Reported.true,
) -> EventFilter:
    return EventFilter(
        since,
        until,
        event_type or None,
        actor or None,
        admin1 or None,
        (q or "").strip() or None,
        _bbox(bbox),
        reported=_REPORTED[reported],
    )


Filters = Annotated[EventFilter, Depends(event_filter)]


def event_page(engine: Engine, chosen: EventFilter, limit: int, offset: int, view: View) -> Response:
    """A page of events as JSON with the total: stored records spliced as bytes, or map summaries."""
    page = replace(chosen, limit=limit, offset=offset)
    items = summary_json(engine, page) if view is View.summary else event_json(engine, page)
    head = b'{"total": %d, "limit": %d, "offset": %d, "events": [' % (count_events(engine, chosen), limit, offset)
    return Response(b"".join([head, b",".join(items), b"]}"]), media_type="application/json")


def event_export(engine: Engine, chosen: EventFilter, format: Format) -> Response:
    """Events in an export format, byte for byte what `marsad events --format` writes."""
    found = query_events(engine, chosen)
    writer, binary = FORMATS[format.value]
    headers = {"Content-Disposition": f'attachment; filename="marsad-events.{_FILE_NAMES[format.value]}"'}
    stream: io.BytesIO | io.StringIO = io.BytesIO() if binary else io.StringIO(newline="")
    writer(found, stream)
    return Response(stream.getvalue(), media_type=_MEDIA_TYPES[format.value], headers=headers)


def app_from_environment() -> FastAPI:
    """The app for uvicorn's worker processes, which cannot be handed a Settings object."""
    return create_app(
        Settings(
            db_url=os.environ.get("MARSAD_SERVE_DB") or None,
            write_token=os.environ.get("MARSAD_API_TOKEN") or None,
            read_token=os.environ.get("MARSAD_API_READ_TOKEN") or None,
            tile_url=os.environ.get("MARSAD_TILE_URL") or None,
        )
    )


def create_app(settings: Settings) -> FastAPI:
    app = FastAPI(
        title="Marsad",
        version=__version__,
        description=(
            "Events of armed conflict and security read from Arabic news, fused across outlets. Every list "
            "(`/api/events` in every format, `/api/stats`, `/api/search`, the map summaries) shows the events "
            "the articles report as news by default; `reported=false` gives the others (mentions, background, "
            "denials, threats and plans), `reported=all` both. Each event carries `reported` and "
            "`news_probability`, the news judge's verdict and its probability."
        ),
    )
    state: dict[str, Any] = {}
    write_lock = threading.Lock()  # one ingest at a time: fusion reads then writes canonical events

    def engine() -> Engine:
        if "engine" not in state:
            state["engine"] = open_store(settings.db_url)
        return state["engine"]

    def may_read(token: str | None) -> bool:
        return not settings.read_token or any(
            _token_matches(token, expected) for expected in (settings.read_token, settings.write_token) if expected
        )

    async def readable(request: Request) -> None:
        # the dashboard's requests carry the token in the cookie POST /api/session set
        if not (may_read(_bearer(request)) or may_read(request.cookies.get(READ_COOKIE))):
            raise HTTPException(401, "reading needs a bearer token", headers={"WWW-Authenticate": "Bearer"})

    async def writable(request: Request) -> None:
        if not settings.write_token:
            raise HTTPException(403, "writes are disabled: start the server with MARSAD_API_TOKEN set")
        if not _token_matches(_bearer(request), settings.write_token):
            raise HTTPException(401, "writing needs the bearer token", headers={"WWW-Authenticate": "Bearer"})

    async def utf8_body(request: Request) -> None:
        # the JSON decoder lets UTF-8-encoded surrogates through (surrogatepass): hold bodies to
        # what the JSON Lines reader accepts
        try:
            (await request.body()).decode("utf-8")
        except UnicodeDecodeError as error:
            raise HTTPException(400, f"the body is not UTF-8 (byte {error.start})") from None

    read = [Depends(readable)]

    @app.get("/api/health", tags=["meta"])
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/api/session", tags=["meta"], status_code=204, responses={401: {"description": "wrong token"}})
    async def session(given: SessionToken, request: Request) -> Response:
        """For browsers: a read token exchanged for an HttpOnly cookie that later reads carry."""
        if not settings.read_token:
            return Response(status_code=204)  # reads are open: nothing to remember
        if not may_read(given.token):
            raise HTTPException(401, "wrong token")
        response = Response(status_code=204)
        response.set_cookie(
            READ_COOKIE,
            given.token,
            httponly=True,
            samesite="strict",
            secure=request.url.scheme == "https",
            path="/",
        )
        return response

    @app.get("/api/meta", tags=["meta"], dependencies=read)
    def meta() -> dict[str, Any]:
        return {
            **reads.store_facts(engine()),
            "tile_url": settings.tile_url,
            "boundaries": _boundaries() is not None,
        }

    @app.get(
        "/api/events",
        tags=["events"],
        dependencies=read,
        responses={200: {"content": {media: {} for media in _MEDIA_TYPES.values()}}},
    )
    async def events(
        chosen: Filters,
        limit: Annotated[
            int | None,
            Query(ge=1, le=MAX_LIMIT, description="Page size: 100 for json, everything for the file formats."),
        ] = None,
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
        format: Annotated[Format, Query(description="json (paged, with total) or an export format.")] = Format.json,
        view: Annotated[View, Query(description="json only: full records or map summaries.")] = View.full,
    ) -> Response:
        """Canonical events, filtered: those reported as news unless `reported` says otherwise; every
        format carries each event's `reported` and `news_probability`."""
        if format is Format.json and (limit or DEFAULT_LIMIT) <= INLINE_PAGE:
            # a page takes a millisecond or two to read: on the event loop that costs less than
            # the hop to a worker thread and the contention of many threads for the GIL
            return event_page(engine(), chosen, limit or DEFAULT_LIMIT, offset, view)
        if format is Format.json:
            return await run_in_threadpool(event_page, engine(), chosen, limit or DEFAULT_LIMIT, offset, view)
        return await run_in_threadpool(event_export, engine(), replace(chosen, limit=limit, offset=offset), format)

    @app.get("/api/events/{event_id}", tags=["events"], dependencies=read)
    def event(event_id: str) -> dict[str, Any]:
        """One canonical event, reported as news or not (its `reported` and `news_probability` say which),
        with its revisions and every source's own report."""
        found = reads.event_detail(engine(), event_id)
        if found is None:
            raise HTTPException(404, f"no event {event_id}")
        return found

    @app.get("/api/stats", tags=["events"], dependencies=read)
    def stats(chosen: Filters) -> dict[str, Any]:
        """Counts by type, admin1 and week, and the fatalities, of the same events `/api/events` lists."""
        return event_stats(engine(), chosen)

    @app.get("/api/search", tags=["events"], dependencies=read)
    def search(
        q: Annotated[str, Query(min_length=1, max_length=500, description="Arabic words, matched normalized.")],
        limit: Annotated[int, Query(ge=1, le=1000)] = 50,
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
        reported: Annotated[Reported, Query(description=REPORTED_HELP)] = Reported.true,
    ) -> dict[str, Any]:
        if not q.strip():
            raise HTTPException(422, "q must contain words")
        chosen = EventFilter(text=q.strip(), reported=_REPORTED[reported])
        found = summary_json(engine(), replace(chosen, limit=limit, offset=offset))
        return {"total": count_events(engine(), chosen), "events": [json.loads(item) for item in found]}

    @app.get("/api/deletions", tags=["events"], dependencies=read)
    def deletions(
        since: Annotated[dt.datetime | None, Query(description="ISO 8601 time: deletions at or after it.")] = None,
    ) -> dict[str, Any]:
        return {"deletions": reads.deletions_since(engine(), since.isoformat() if since else None)}

    @app.get("/api/documents/{document_id}", tags=["documents"], dependencies=read)
    def document(document_id: str) -> dict[str, Any]:
        found = reads.document_detail(engine(), document_id)
        if found is None:
            raise HTTPException(404, f"no document {document_id}")
        return found

    @app.post(
        "/api/documents",
        tags=["documents"],
        dependencies=[Depends(writable), Depends(utf8_body)],
        responses={
            401: {"description": "Wrong or missing token"},
            403: {"description": "Writes disabled"},
            413: {"description": "Body over the record limit (docs/reliability.md)"},
        },
    )
    def add_document(document: Document) -> dict[str, Any]:
        problem = document_problem(document)  # the checks every reader makes
        if problem:
            raise HTTPException(422, problem)
        errors: list[str] = []

        def on_document(_name: str, error: str | None) -> None:
            if error:
                errors.append(error)

        with write_lock:
            report = ingest(engine(), [document], on_document=on_document)
        if errors:
            raise HTTPException(422, errors[0])
        found = reads.document_detail(engine(), document.id)
        return {"document_id": document.id, "ingest": report.as_dict(), "events": found["events"] if found else []}

    @app.get("/api/boundaries", tags=["meta"], dependencies=read)
    def boundaries() -> JSONResponse:
        found = _boundaries()
        if found is None:
            raise HTTPException(404, "no admin boundaries are installed")
        return JSONResponse(found, media_type="application/geo+json")

    @app.exception_handler(ValidationError)
    def invalid(_request: Request, error: ValidationError) -> JSONResponse:
        return JSONResponse({"detail": error.errors(include_url=False, include_context=False)}, status_code=422)

    @app.exception_handler(RequestValidationError)
    def invalid_request(_request: Request, error: RequestValidationError) -> Response:
        # FastAPI's own answer, in ASCII: an input with a lone surrogate, echoed back, is no 500
        body = json.dumps({"detail": jsonable_encoder(error.errors())})
        return Response(body, status_code=422, media_type="application/json")

    @app.exception_handler(StoreError)
    def store_failed(_request: Request, error: StoreError) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=503)

    _mount_dashboard(app)
    app.add_middleware(BodyLimit)
    return app


@cache
def _boundaries() -> dict[str, Any] | None:
    """The shipped admin1 polygons of the region as GeoJSON (English and Arabic names), read once."""
    from marsad.geo.boundaries import admin_geojson

    found = admin_geojson(level=1)
    return found if found["features"] else None


def _mount_dashboard(app: FastAPI) -> None:
    index = STATIC / "index.html"
    if index.is_file():
        app.mount("/static", StaticFiles(directory=STATIC), name="static")

        @app.get("/", include_in_schema=False)
        def dashboard() -> FileResponse:
            return FileResponse(index, headers={"Cache-Control": "no-cache"})

        return

    @app.get("/", include_in_schema=False)
    def not_built() -> PlainTextResponse:
        return PlainTextResponse(
            "Marsad's API is running (see /docs), but the dashboard is not built: run `make web`.", status_code=503
        )
