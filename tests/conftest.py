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


# ---------------------------------------------------------------- engines
# The analytics are Ibis expressions that run on DuckDB and on Spark: tests that open a warehouse take the `engine`
# fixture and run on both. Spark needs pyspark and Java: without them the Spark half is skipped with the reason,
# unless CHOKEPOINTS_REQUIRE_SPARK=1 (CI: .ci/run), where it fails.
ENGINES = ["duckdb", "spark"]


@pytest.fixture(scope="session")
def spark():
    """One local Spark session for the whole test run: two cores, two shuffle partitions, no web UI."""
    import os

    from chokepoints.engines import spark_available, spark_session

    why = spark_available()
    if why:
        if os.environ.get("CHOKEPOINTS_REQUIRE_SPARK") == "1":
            pytest.fail(f"CHOKEPOINTS_REQUIRE_SPARK=1 but Spark cannot run: {why}")
        pytest.skip(f"Spark engine not tested: {why}")
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    session = spark_session("local[2]", {"spark.ui.enabled": "false", "spark.sql.shuffle.partitions": "2",
                                         "spark.default.parallelism": "2", "spark.driver.memory": "2g"})
    yield session
    session.stop()


@pytest.fixture(scope="session", params=ENGINES)
def engine(request) -> str:
    if request.param == "spark":
        request.getfixturevalue("spark")
    return request.param


@pytest.fixture
def open_wh(engine):
    """ck.open on the engine under test."""
    import functools

    import chokepoints as ck

    return functools.partial(ck.open, engine=engine)
