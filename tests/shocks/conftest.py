"""A warehouse with the bundled real trade (Comtrade 2023), USGS production and the curated tables."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="session")
def real_db(tmp_path_factory) -> Path:
    import chokepoints as ck

    path = tmp_path_factory.mktemp("shocks") / "wh.duckdb"
    with ck.open(path) as w:
        w.ingest([DATA / "raw" / "comtrade_crm_2023", DATA / "raw" / "usgs_mcs2026_world", DATA / "curated"],
                 include_defaults=False)
    return path


@pytest.fixture
def scenario_file(tmp_path) -> Path:
    p = tmp_path / "re.toml"
    p.write_text("""
name = "re-test"
chain = "rare-earth-magnets"
alliance = "EU27+JPN"
horizon_months = 12
[response]
leakage = { dist = "uniform", low = 0.0, high = 0.2 }
utilisation = 0.95
[[measures]]
actor = "CHN"
kind = "export_licence"
stages = ["oxide", "metal"]
intensity = { dist = "triangular", low = 0.5, mode = 0.75, high = 0.95 }
duration_months = { dist = "uniform", low = 3, high = 9 }
""")
    return p
