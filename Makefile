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

.PHONY: demo test lint bench clean install gazetteer

install: $(STAMP)

# (Re)install when the project's dependencies change.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

gazetteer: install
	$(BIN)/marsad gazetteer build $(GAZETTEER_SOURCES)

demo: install gazetteer
	@echo "== Marsad: extracting the example reports in examples/reports.jsonl"
	$(BIN)/marsad extract --jsonl examples/reports.jsonl --format text
	@echo "== Ingesting them into the SQLite store (same event from two outlets counted once)"
	$(BIN)/marsad ingest examples/reports.jsonl
	@echo "== Canonical events as ACLED CSV (first columns):"
	$(BIN)/marsad events --format acled-csv | cut -d, -f1-8
	@echo "== More: $(BIN)/marsad events --format jsonl | geojson | plover-jsonl; $(BIN)/marsad --help"

test: install
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check src tests bench

bench: install gazetteer
	$(BIN)/python bench/text_layer.py
	$(BIN)/python bench/extract.py
	$(BIN)/python bench/geo_resolution.py
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/fusion.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .ruff_cache .hypothesis
