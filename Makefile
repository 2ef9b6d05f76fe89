# Two entry points: `make demo` (set up, then run the main job on the bundled real data) and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The demo uses its own warehouse inside the checkout unless you set CHOKEPOINTS_DB.
export CHOKEPOINTS_DB ?= $(CURDIR)/out/warehouse.duckdb

.PHONY: setup demo test bench lint clean

$(BIN)/chokepoints: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

setup: $(BIN)/chokepoints

demo: setup
	$(BIN)/chokepoints ingest
	$(BIN)/chokepoints status

test: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python benchmarks/bench_ingest.py

lint: setup
	$(BIN)/ruff check src tests benchmarks

clean:
	rm -rf $(VENV) out benchmarks/_work
