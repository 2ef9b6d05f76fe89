"""Small supply tables made by hand, in the layout of chokepoints.shocks.supply_table."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

PROJECT_COLUMNS = ["id", "name", "country", "material", "stage", "capacity_t", "capacity_basis", "status",
                   "start_year", "capex_musd"]


def supply(rows: list[tuple], *, horizon: int = 12, start: str = "2025-01") -> pd.DataFrame:
    """rows: (run, member, source, stage, baseline_t, available_t)."""
    df = pd.DataFrame(rows, columns=["run", "member", "source", "stage", "baseline_t", "available_t"])
    df.attrs.update(horizon_months=horizon, chain="rare-earth-magnets", scenario="hand-made", start=start)
    return df


def no_projects() -> pd.DataFrame:
    return pd.DataFrame(columns=PROJECT_COLUMNS)


@pytest.fixture
def two_by_two() -> pd.DataFrame:
    """Two members (A, B), two sources (CHN, AUS), two equally likely runs: China cuts A in run 0 and B in run 1."""
    rows = []
    for run, (a_chn, b_chn) in enumerate([(0, 50), (80, 0)]):
        rows += [(run, "A", "CHN", "oxide", 80, a_chn), (run, "A", "AUS", "oxide", 20, 20),
                 (run, "B", "CHN", "oxide", 50, b_chn), (run, "B", "AUS", "oxide", 50, 50)]
    return supply(rows)


@pytest.fixture(scope="module")
def real_projects() -> pd.DataFrame:
    """The curated projects table as the loader reads it."""
    from chokepoints.ingest import curated

    f = Path(__file__).resolve().parents[2] / "data" / "curated" / "projects.csv"
    return curated.read_table(f, curated.spec_of(f))
