# Marsad: the two commands a newcomer needs are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# Public data beside the checkout (as in CI); the gazetteer uses its OCHA and OSM layers when present.
SHARED ?= ../shared/data
OCHA := $(wildcard $(SHARED)/ocha_iraq_admin_boundaries_2019)
OSM := $(wildcard $(SHARED)/osm_iraq_villages/iraq_villages_osm.tsv)
GAZETTEER_SOURCES := $(if $(OCHA),--ocha $(OCHA)) $(if $(OSM),--osm $(OSM))

# The dashboard's front-end: built with npm from web/package-lock.json into the package's static folder.
WEB_STAMP := src/marsad/api/static/index.html
WEB_SOURCES := $(wildcard web/package-lock.json web/build.mjs web/src/*)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test lint bench clean install gazetteer admin-tables web serve fuzz reliability

install: $(STAMP)

# (Re)install when the project's dependencies change.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

web: $(WEB_STAMP)

$(WEB_STAMP): $(WEB_SOURCES)
	cd web && npm ci --no-audit --no-fund --loglevel=error && npm run build

gazetteer: install
	$(BIN)/marsad gazetteer build $(GAZETTEER_SOURCES)

# The admin tables that ship in the package (src/marsad/geo/data/admin/), rebuilt bit for bit from
# the public data in $(SHARED) (docs/places.md says which source wins where they disagree).
admin-tables: install
	$(BIN)/python -m marsad.geo.admin_build $(SHARED)

demo: install gazetteer web
	@echo "== Marsad: extracting the example reports in examples/reports.jsonl"
	$(BIN)/marsad extract --jsonl examples/reports.jsonl --format text
	@echo "== Ingesting them into the SQLite store (same event from two outlets counted once)"
	$(BIN)/marsad ingest examples/reports.jsonl
	@echo "== Canonical events as ACLED CSV (first columns):"
	$(BIN)/marsad events --format acled-csv | cut -d, -f1-8
	@echo "== More: $(BIN)/marsad events --format jsonl | geojson | plover-jsonl; $(BIN)/marsad --help"
	@echo "== Serving the dashboard over the store at http://$(HOST):$(PORT)/ (Ctrl-C stops it)"
	$(BIN)/marsad serve --host $(HOST) --port $(PORT)

serve: install web
	$(BIN)/marsad serve --host $(HOST) --port $(PORT)

test: install web
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest -q

# The property and fuzz tests at nightly size: 20 times the examples, a fresh seed each run (printed
# on a failure; rerun with --hypothesis-seed). `make test` runs them at CI size, derandomized.
FUZZ_TESTS := tests/io/test_readers_fuzz.py tests/text/test_text_fuzz.py tests/test_pipeline_fuzz.py \
	tests/api/test_schema_fuzz.py tests/text/test_normalize.py tests/text/test_segment.py
fuzz: install
	MARSAD_FUZZ=nightly $(BIN)/python -m pytest -q $(FUZZ_TESTS)

# Hostile input, kills and a soak, summed up in one table (docs/reliability.md).
reliability: install gazetteer
	$(BIN)/python bench/reliability.py

lint: install
	$(BIN)/ruff check src tests bench

bench: install gazetteer
	$(BIN)/python bench/text_layer.py
	$(BIN)/python bench/extract.py
	$(BIN)/python bench/geo_resolution.py
	$(BIN)/python bench/ingest.py --copies 1 3
	$(BIN)/python bench/fusion.py
	$(BIN)/python bench/api.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .ruff_cache .hypothesis web/node_modules src/marsad/api/static
