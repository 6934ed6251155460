"""`marsad serve`: the API and the dashboard over a store."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from marsad.cli_store import DbOption


def serve_command(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    workers: Annotated[
        int, typer.Option(help="Server processes (SQLite and PostgreSQL both allow several).", min=1)
    ] = 1,
    tile_url: Annotated[
        str | None,
        typer.Option(help="An online tile server for the map, e.g. https://tile.example/{z}/{x}/{y}.png."),
    ] = None,
) -> None:
    """Serve the HTTP API (OpenAPI at /openapi.json, docs at /docs) and the dashboard at /.

    Writes (POST /api/documents) need the bearer token in MARSAD_API_TOKEN; without it they are
    refused. Set MARSAD_API_READ_TOKEN to make reads need a token too."""
    import uvicorn

    from marsad.store.db import StoreError, open_store

    try:
        open_store(db).dispose()  # a bad URL or an unreadable store fails here, with its message
    except StoreError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None
    if tile_url:
        os.environ["MARSAD_TILE_URL"] = tile_url
    if db:
        os.environ["MARSAD_SERVE_DB"] = db
    shown = "localhost" if host in ("127.0.0.1", "0.0.0.0") else host
    typer.echo(f"Marsad dashboard: http://{shown}:{port}/  (API docs: http://{shown}:{port}/docs)", err=True)
    # worker processes build the app themselves, from the environment set above
    uvicorn.run(
        "marsad.api.app:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        access_log=False,
    )
