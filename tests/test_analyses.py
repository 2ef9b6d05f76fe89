"""The Python API a notebook user holds (analyses.py on the Warehouse, results.py): names or objects, one result
protocol, and a named exception for every misuse found in the trial (issue 13)."""

from __future__ import annotations

from pathlib import Path

import pytest

import chokepoints as ck


@pytest.fixture(scope="module")
def db(bundled_db) -> Path:
    return bundled_db


def test_the_notebook_script(db, tmp_path):
    wh = ck.open(db, read_only=True)
    dep = wh.dependency(bloc="EU27+JPN", chain="rare-earth-magnets")
    assert dep.set_index("product").loc["rare-earth-magnets/magnet", "top1"] == "CHN"
    r = wh.simulate("cn-2025-rare-earths", runs=100, seed=1)
    assert {"member", "stage", "metric", "p50"} <= set(r.summary.columns)
    assert r.plot().layout.title.text.startswith("cn-2025-rare-earths")
    back = ck.read_result(r.to_parquet(tmp_path / "r.parquet"))
    assert back.kind == "simulation" and back.meta["seed"] == 1 and len(back.summary) == len(r.summary)
    assert back.meta["datasets"]["baci_hs17_critical"]["files"]  # sha256 of every file it rests on
    # names or objects everywhere
    same = wh.simulate(ck.scenario("cn-2025-rare-earths"), runs=100, seed=1)
    assert same.to_dict()["summary"] == r.to_dict()["summary"]
    assert wh.dependency(bloc=ck.bloc("JPN"), products=["850511"]).iloc[0]["m_ext"] > 0


def test_wrong_types_name_the_argument(db):
    wh = ck.open(db, read_only=True)
    with pytest.raises(TypeError, match="bloc must be"):
        wh.dependency(bloc=42)
    with pytest.raises(TypeError, match="runs must be"):
        wh.simulate("cn-2025-rare-earths", runs="many")
    with pytest.raises(TypeError, match="products must be"):
        wh.dependency(bloc="JPN", products=3.5)
    with pytest.raises(ck.InputError, match="not an HS code"):
        wh.dependency(bloc="JPN", products=["85051"])
    with pytest.raises(ck.InputError, match="seed must be >= 0"):
        wh.optimise(scenario="cn-2025-rare-earths", seed=-1)
    with pytest.raises(ck.InputError, match="runs must be <= 1,000,000"):  # not an out-of-memory kill
        wh.simulate("cn-2025-rare-earths", runs=10**12)
    with pytest.raises(ck.InputError, match="at least one bloc"):
        wh.dependency(bloc=[])
    with pytest.raises(ck.InputError, match="'abc' is not an HS code"):
        wh.suppliers("JPN", ["abc"])
    with pytest.raises(ck.InputError, match="no trade in 1990"):
        wh.suppliers("JPN", ["2846"], year=1990)
    with pytest.raises(TypeError, match="year must be"):
        wh.network("rare-earth-magnets", year="x")
    with pytest.raises(TypeError, match="bloc must be"):
        ck.bloc(5)
    with pytest.raises(TypeError, match="path must be"):
        ck.open(5)
    with pytest.raises(ck.InputError, match="no ';'"):
        wh.table("trade", where="1=1; DROP TABLE trade")
    with pytest.raises(ck.InputError, match="limit must be"):
        wh.table("trade", limit="x")
    assert len(wh.suppliers("JPN", "2846")) == len(wh.suppliers("JPN", ["2846"]))  # one code, not its digits
    with pytest.raises(ck.InputError, match="only tariffs"):
        wh.optimise(scenario="us-2025-eu-30pct")
    with pytest.raises(ck.InputError, match="folder does not exist"):
        wh.simulate("cn-2025-rare-earths", runs=10, out="/nonexistent/dir/runs.parquet")


def test_open_refuses_what_is_not_a_warehouse(tmp_path):
    f = tmp_path / "trade.csv"
    f.write_text("a,b\n1,2\n")
    with pytest.raises(ck.WarehouseError, match="not a chokepoints warehouse"):
        ck.open(f)
    with pytest.raises(ck.WarehouseError, match="is a folder"):
        ck.open(tmp_path)
    with pytest.raises(ck.WarehouseError, match="no warehouse"):
        ck.open(tmp_path / "missing" / "wh.duckdb", read_only=True)
    assert f.read_text() == "a,b\n1,2\n"  # untouched


def test_criticality_without_its_data_says_what_to_load(db):
    wh = ck.open(db, read_only=True)  # the bundled shock-engine data: no EU CRM assessment, no WGI
    with pytest.raises(ck.WarehouseError, match="crm_results and governance"):
        wh.criticality()


def test_criticality_overrides_name_the_field(tmp_path):
    data = Path(ck.__file__).resolve().parents[2] / "data" / "raw"
    wh = ck.open(tmp_path / "wh.duckdb")
    wh.ingest([data / "eu_crm", data / "wgi"], include_defaults=False)
    with pytest.raises(ck.InputError, match="overrides.t"):
        wh.criticality(overrides={"t": {"CHN": "abc"}})


def test_an_empty_warehouse_says_ingest_first(tmp_path):
    wh = ck.open(tmp_path / "wh.duckdb")
    for call in (lambda: wh.dependency(chain="rare-earth-magnets"), lambda: wh.suppliers("JPN", ["2846"]),
                 lambda: wh.simulate("cn-2025-rare-earths", runs=5)):
        with pytest.raises(ck.ChokepointsError, match="holds no trade"):
            call()
    with pytest.raises(ck.InputError, match="path not found"):
        wh.ingest(str(tmp_path / "nope"))  # one path as a string, not its characters
