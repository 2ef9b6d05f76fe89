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
