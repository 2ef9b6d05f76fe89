"""The same calls on DuckDB and on Spark give the same results (issue 17), and the engines are configured as
documented (chokepoints/engines.py, docs/scale.md)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

import chokepoints as ck
from chokepoints.engines import engine_name, spark_conf
from chokepoints.errors import ChokepointsError, InputError


def _same(a: pd.DataFrame, b: pd.DataFrame, keys: list[str]) -> None:
    """Same rows, same values (floats to 1e-12 relative), same order after sorting by KEYS."""
    a, b = a.sort_values(keys).reset_index(drop=True), b.sort_values(keys).reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b, check_exact=False, rtol=1e-12, atol=0)


@pytest.fixture(scope="module")
def both(bundled_db, spark):
    with ck.open(bundled_db, read_only=True) as d, ck.open(bundled_db, read_only=True, engine="spark") as s:
        yield d, s


def test_spark_reads_the_warehouse_parquet_parts(both, bundled_db):
    _, s = both
    parts = {p.name for p in bundled_db.with_suffix(".parts").iterdir()}
    view = s.ibis_table("trade").op().name  # the Spark view behind the table
    read = {f.rsplit("/", 1)[-1] for f in s.engine.session.table(view).inputFiles()}
    assert read and read <= parts


def test_same_dependency_on_both_engines(both):
    d, s = both
    for kwargs in ({"chain": "rare-earth-magnets", "basis": "quantity"}, {"year": 2024},
                   {"chain": "li-ion-batteries", "members": True}):
        a, b = d.dependency("EU27+JPN", **kwargs), s.dependency("EU27+JPN", **kwargs)
        assert len(a) > 0
        keys = ["product", "member", "supplier"] if kwargs.get("members") else ["bloc", "product"]
        _same(a, b, keys)
    _same(d.suppliers("JPN", ["850511"]), s.suppliers("JPN", ["850511"]), ["supplier"])


def test_same_network_and_simulate_on_both_engines(both):
    d, s = both
    n1, n2 = d.network("rare-earth-magnets"), s.network("rare-earth-magnets")
    assert n1.countries == n2.countries
    for field in ("flows", "production", "use", "capacity", "stocks", "unit_value"):
        np.testing.assert_allclose(getattr(n1, field), getattr(n2, field), rtol=1e-12, atol=0)
    pd.testing.assert_frame_equal(n1.provenance, n2.provenance, check_exact=False, rtol=1e-12)
    a = d.simulate("cn-2025-rare-earths", runs=500, seed=1)
    b = s.simulate("cn-2025-rare-earths", runs=500, seed=1, executor="spark")  # Spark reads, Spark runs
    np.testing.assert_allclose(a.totals, b.totals, rtol=1e-12, atol=0)
    assert a.to_dict()["summary"] == b.to_dict()["summary"]


def test_unknown_engine_is_refused_before_anything_opens(tmp_path):
    with pytest.raises(InputError, match="unknown engine 'oracle'; engines: duckdb, spark"):
        ck.open(tmp_path / "wh.duckdb", engine="oracle")
    assert not (tmp_path / "wh.duckdb").exists()


def test_engine_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("CHOKEPOINTS_ENGINE", "DuckDB")
    assert engine_name() == "duckdb"
    with ck.open(tmp_path / "wh.duckdb") as wh:
        assert wh.engine.name == "duckdb"
    monkeypatch.delenv("CHOKEPOINTS_ENGINE")
    assert engine_name() == "duckdb"
    with pytest.raises(ChokepointsError, match="Spark options given for the duckdb engine: master"):
        ck.open(tmp_path / "wh2.duckdb", master="local[1]")


def test_spark_settings_from_the_environment(monkeypatch):
    monkeypatch.setenv("CHOKEPOINTS_SPARK_CONF", "spark.executor.memory=4g; spark.sql.shuffle.partitions=64")
    assert spark_conf({"spark.sql.shuffle.partitions": "8"}) == {"spark.executor.memory": "4g",
                                                                 "spark.sql.shuffle.partitions": "8"}
    monkeypatch.setenv("CHOKEPOINTS_SPARK_CONF", "spark.executor.memory")
    with pytest.raises(ChokepointsError, match="not key=value"):
        spark_conf()


def test_cli_engine_option(monkeypatch, tmp_path):
    from chokepoints.cli import app

    monkeypatch.setenv("CHOKEPOINTS_ENGINE", "duckdb")
    r = CliRunner().invoke(app, ["--engine", "oracle", "status", "--db", str(tmp_path / "wh.duckdb")])
    assert r.exit_code != 0 and "unknown engine 'oracle'" in (r.stderr + str(r.exception))
    assert "--engine" in CliRunner().invoke(app, ["--help"]).stdout
