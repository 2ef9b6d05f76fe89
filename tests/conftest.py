"""Shared fixtures: paths to the bundled real data, a fresh warehouse, small synthetic BACI files."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def wh(tmp_path):
    import chokepoints as ck

    w = ck.open(tmp_path / "wh.duckdb")
    yield w
    w.close()


@pytest.fixture(scope="session")
def baci_small(tmp_path_factory) -> Path:
    from chokepoints.synth import write_baci

    return write_baci(tmp_path_factory.mktemp("baci") / "BACI_HS17_Y2022_synthetic.csv", 5000, seed=3)


@pytest.fixture(scope="session")
def bundled_db(tmp_path_factory) -> Path:
    """A warehouse of the bundled data the shock engine needs (BACI HS6, the 2023 extract, USGS, IEA, curated),
    built once per test session; tests open it read-only."""
    import chokepoints as ck

    path = tmp_path_factory.mktemp("bundled") / "wh.duckdb"
    with ck.open(path) as w:
        w.ingest([DATA / "raw" / d for d in ("baci_hs17_critical", "comtrade_crm_2023", "usgs_mcs2026_world",
                                             "iea_critical_minerals")] + [DATA / "curated"], include_defaults=False)
    return path
