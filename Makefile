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
	@[ -x /usr/bin/chromium ] || [ "$$(id -u)" != 0 ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1 || echo "Chromium not installed: the dashboard's browser tests will skip"

CHAINS := --chain rare-earth-magnets --chain li-ion-batteries --chain semiconductor-materials

demo: setup
	$(BIN)/chokepoints ingest
	$(BIN)/chokepoints status
	$(BIN)/chokepoints dependency --bloc EU27+JPN $(CHAINS)
	$(BIN)/chokepoints dependency --bloc EU27+JPN --chain rare-earth-magnets --basis quantity --plot out/suppliers.html
	$(BIN)/chokepoints criticality --critical-only
	$(BIN)/chokepoints criticality --crm-list
	$(BIN)/chokepoints network --chain rare-earth-magnets
	$(BIN)/chokepoints simulate cn-2025-rare-earths --runs 1000 --seed 1 --metric output_lost_t --metric output_lost_usd --metric time_to_survive_months --metric exposed_t --plot out/cn-2025-rare-earths.html
	$(BIN)/chokepoints optimise --alliance EU27+JPN --chain rare-earth-magnets --scenario cn-2025-rare-earths --runs 200 --mode both
	$(BIN)/chokepoints optimise --alliance EU27+JPN --chain li-ion-batteries --scenario cd-2025-cobalt --runs 100 --mode both
	$(BIN)/chokepoints brief --alliance EU27+JPN --scenario cn-2025-rare-earths --out out/brief.pdf --out out/brief.html
	$(BIN)/chokepoints simulate us-2025-eu-30pct --plot out/tariffs-eu30.html
	$(BIN)/chokepoints simulate us-2025-eu-15pct-deal
	$(BIN)/chokepoints simulate us-2025-jpn-15pct-deal
	$(BIN)/chokepoints events extract data/samples/news/*.txt

test: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python benchmarks/bench_ingest.py
	$(BIN)/python benchmarks/bench_screen.py
	$(BIN)/python benchmarks/bench_simulate.py
	$(BIN)/python benchmarks/bench_optimise.py

lint: setup
	$(BIN)/ruff check src tests benchmarks

clean:
	rm -rf $(VENV) out benchmarks/_work
