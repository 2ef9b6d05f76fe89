"""A warehouse whose trade table the tests fill directly, to hold the metrics to hand-computed figures."""

from __future__ import annotations

import pandas as pd
import pytest

import chokepoints as ck


def put_trade(wh, rows: list[tuple]) -> None:
    """Replace the trade table by (exporter, importer, hs6, value_usd[, reporter[, quantity_t]]) rows, year 2023."""
    df = pd.DataFrame([(*r, *([None] * (6 - len(r)))) for r in rows],
                      columns=["exporter", "importer", "hs6", "value_usd", "reporter", "quantity_t"])
    df["year"] = 2023
    df["dataset"] = "test"
    df["quantity_t"] = df["quantity_t"].astype(float)
    wh.con.execute('DELETE FROM "_trade"')
    wh.con.register("_rows", df)
    wh.con.execute('INSERT INTO "_trade" BY NAME SELECT * FROM _rows')
    wh.con.unregister("_rows")


@pytest.fixture(scope="module")
def twh(tmp_path_factory, engine):
    """On each engine (tests/conftest.py): the hand-computed cases hold on DuckDB and on Spark."""
    w = ck.open(tmp_path_factory.mktemp("metrics") / "wh.duckdb", engine=engine)
    w.put_trade = lambda rows: put_trade(w, rows)  # tests fill it with hand-made flows
    yield w
    w.close()


@pytest.fixture(scope="module")
def dwh(tmp_path_factory):
    """DuckDB only, for the property tests: hundreds of generated cases each; twh holds the engines to the same
    figures on the hand-computed ones, and tests/test_engines.py compares them on real data."""
    w = ck.open(tmp_path_factory.mktemp("metrics-props") / "wh.duckdb")
    w.put_trade = lambda rows: put_trade(w, rows)
    yield w
    w.close()
