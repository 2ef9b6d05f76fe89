"""Warehouses for the tariff model: one the tests fill by hand, one with the real bundled and GTA data."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import chokepoints as ck

ROOT = Path(__file__).resolve().parents[2]
GTA = ROOT.parent / "shared" / "data" / "raw" / "us_tariffs_gta"


def put(wh, table: str, rows: list[dict]) -> None:
    """Replace a canonical table's rows by `rows` (dicts of some of its columns)."""
    df = pd.DataFrame(rows).assign(dataset="test")
    wh.con.execute(f'DELETE FROM "_{table}"')
    if rows:
        wh.con.register("_rows", df)
        wh.con.execute(f'INSERT INTO "_{table}" BY NAME SELECT * FROM _rows')
        wh.con.unregister("_rows")


@pytest.fixture
def hwh(tmp_path):
    w = ck.open(tmp_path / "wh.duckdb")
    w.put = lambda table, rows: put(w, table, rows)
    yield w
    w.close()


@pytest.fixture(scope="session")
def real_wh(tmp_path_factory):
    """The bundled UN Comtrade extract and HS names, and the GTA US tariff data from ../shared/data."""
    if not GTA.is_dir():
        pytest.skip("the GTA US tariff data (../shared/data/raw/us_tariffs_gta) are not on this machine")
    w = ck.open(tmp_path_factory.mktemp("tariffs") / "wh.duckdb")
    w.ingest([ROOT / "data" / "raw" / "comtrade_crm_2023", ROOT / "data" / "raw" / "hs_nomenclature", GTA],
             include_defaults=False)
    yield w
    w.close()
