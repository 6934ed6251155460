"""Layers that hold: no module of ``marsad`` imports from a layer above its own.

The order (lowest first) is written down in docs/architecture.md; ``LAYERS`` below is its source. A
module may import from its own layer and any layer below. Every import counts, at module level or
inside a function (a lazy import is still a dependency), ``if TYPE_CHECKING:`` blocks included. The
upward imports that exist today are listed one by one in ``ALLOWED_UPWARD``, each with its reason; a
new one fails here, and so does an entry that no longer matches an import (delete it: the list only
shrinks).
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "marsad"

# Lowest first. The name is the first part after ``marsad.``: a subpackage (``text``) or a top-level
# module (``pipeline``, ``cli_store``); ``marsad`` is the package's own ``__init__``.
LAYERS: list[tuple[str, ...]] = [
    ("marsad", "model", "paths", "models"),  # the record types, data paths, shipped model files
    ("text",),  # normalize, segment, numbers, dates
    ("recognize",),  # lexicon matcher, NER
    ("codebook",),  # the versioned vocabulary, compiled into recognize's lexicons
    ("events",),  # frames, modality, counts, actors, the event record
    ("geo", "judge"),  # places and admin units; the news judgement
    ("pipeline",),  # analyze_text / extract: the stages wired together
    ("io",),  # readers and writers (export formats)
    ("fuse",),  # the same event across sources
    ("store",),  # SQLite / PostgreSQL, ingest, summaries
    ("scale",),  # the Dask runner
    ("train", "evaluate"),  # training and scoring, never imported by extraction
    ("api", "cli", "cli_geo", "cli_models", "cli_progress", "cli_serve", "cli_store"),  # the interfaces
]

# (importing module, imported module): upward imports that exist today. Each is owned by issue 18
# (item 2, the geo <-> events cycle: PlaceMention moves to the model and locate() becomes a pipeline
# stage); fix the import, then delete its line.
ALLOWED_UPWARD: dict[tuple[str, str], str] = {
    ("marsad.events", "marsad.geo.locate"): "extract_events places each event (document_location, locate)",
    ("marsad.events.frames", "marsad.geo.gazetteer"): "frames read the default gazetteer for place names",
    ("marsad.events.places", "marsad.geo.build"): "place recognition uses the gazetteer's name rules",
    ("marsad.events.places", "marsad.geo.gazetteer"): "place recognition looks names up in the Gazetteer",
    ("marsad.events.places", "marsad.geo.resolve"): "place recognition shares geo's resolution rules",
    ("marsad.events.record", "marsad.geo.locate"): "the record step locates the event (iso2, locate)",
    ("marsad.events.record", "marsad.geo.resolve"): "the record step reads geo's resolution rules",
}


def _rank() -> dict[str, int]:
    return {name: level for level, names in enumerate(LAYERS) for name in names}


def _module_name(path: Path, src: Path) -> str:
    parts = path.relative_to(src.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, src: Path) -> list[tuple[int, str]]:
    """(line, module) of every ``marsad`` import in ``path``; ``from marsad.x import y`` names
    ``marsad.x`` (``from marsad import geo`` names ``marsad.geo``), relative imports made absolute."""
    module = _module_name(path, src)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if target == "marsad":  # from marsad import geo, __version__
                found += [(node.lineno, f"marsad.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, target))
    return [(line, name) for line, name in found if name == "marsad" or name.startswith("marsad.")]


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "marsad"


def _upward(src: Path = SRC) -> dict[tuple[str, str], list[str]]:
    """(importer, imported) -> ["path:line", ...] for every import that climbs a layer."""
    rank = _rank()
    out: dict[tuple[str, str], list[str]] = {}
    for path in sorted(src.rglob("*.py")):
        importer = _module_name(path, src)
        for line, imported in _imports(path, src):
            target_layer = _layer(imported)
            if target_layer not in rank:  # marsad.__version__ and the like: names in the root package
                target_layer = "marsad"
            if rank[target_layer] > rank[_layer(importer)]:
                where = f"{path.relative_to(src.parents[1])}:{line}"
                out.setdefault((importer, imported), []).append(where)
    return out


def test_every_module_has_a_layer() -> None:
    rank = _rank()
    missing = sorted({_layer(_module_name(path, SRC)) for path in SRC.rglob("*.py")} - rank.keys())
    assert not missing, f"add these to LAYERS in tests/test_layers.py and docs/architecture.md: {missing}"


def test_no_import_climbs_a_layer() -> None:
    new = {pair: where for pair, where in _upward().items() if pair not in ALLOWED_UPWARD}
    lines = [
        f"{where[0]}: {importer} imports {imported} (a higher layer)" for (importer, imported), where in new.items()
    ]
    assert not new, "upward imports:\n" + "\n".join(lines)


def test_every_allowed_upward_import_still_exists() -> None:
    stale = sorted(ALLOWED_UPWARD.keys() - _upward().keys())
    assert not stale, f"these imports are gone or no longer climb: delete them from ALLOWED_UPWARD: {stale}"


def test_the_check_sees_an_upward_import(tmp_path: Path) -> None:
    """The checker itself: a text module that imports the pipeline is caught, lazily or not."""
    package = tmp_path / "marsad"
    (package / "text").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "pipeline.py").write_text("")
    (package / "text" / "__init__.py").write_text("")
    (package / "text" / "bad.py").write_text("def f():\n    from marsad.pipeline import extract\n")
    (package / "text" / "rel.py").write_text("from .. import pipeline\n")
    (package / "text" / "fine.py").write_text("from marsad.text import bad\nimport marsad.model\n")
    found = _upward(package)
    assert set(found) == {("marsad.text.bad", "marsad.pipeline"), ("marsad.text.rel", "marsad.pipeline")}
