"""The Python API a notebook user holds (analyses.py on the Warehouse, results.py): names or objects, one result
protocol, and a named exception for every misuse found in the trial (issue 13)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import chokepoints as ck
from chokepoints.cli import app

runner = CliRunner()


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


@pytest.mark.parametrize("args, message", [
    (["simulate", "/tmp"], "is a folder, not a scenario file"),
    (["simulate", "cn-2025-rare-earths", "--runs", "5", "--metric", "bogus"], "is not a metric"),
    (["simulate", "cn-2025-rare-earths", "--runs", "5", "--out", "/nonexistent/x.parquet"], "folder does not exist"),
    (["optimise", "--scenario", "cn-2025-rare-earths", "--runs", "5", "--seed", "-1"], "seed must be >= 0"),
    (["optimise", "--scenario", "us-2025-eu-30pct", "--runs", "5"], "only tariffs"),
    (["criticality", "--set-t", "XXX=1.5"], "not a known ISO3"),
    (["table", "trade", "--limit", "-5"], "--limit must be >= 0"),
])
def test_cli_misuse_is_one_line(db, args, message):
    r = runner.invoke(app, [*args, "--db", str(db)])
    assert r.exit_code == 1, r.output
    assert message in r.output and "Traceback" not in r.output


def test_simulate_reads_a_read_only_warehouse(db):
    db.chmod(0o444)
    try:
        r = runner.invoke(app, ["simulate", "cn-2025-rare-earths", "--runs", "5", "--db", str(db)])
        assert r.exit_code == 0, r.output
    finally:
        db.chmod(0o644)


def test_version_and_module_entry_point():
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "chokepoints", "--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.strip() == f"chokepoints {ck.__version__}"
    help_text = subprocess.run([sys.executable, "-m", "chokepoints", "--help"], capture_output=True, text=True).stdout
    for command in ("ingest", "dependency", "simulate", "optimise", "network", "events", "scenarios"):
        assert command in help_text


def test_a_time_to_survive_of_zero_is_shown(db):
    """Short from the first month is the headline, not a row to hide (issue 13, readable output)."""
    r = runner.invoke(app, ["simulate", "cn-2023-graphite", "--runs", "20", "--seed", "1", "--db", str(db),
                            "--format", "csv"])
    assert r.exit_code == 0, r.output
    rows = [line for line in r.output.splitlines() if "natural_graphite" in line and "time_to_survive" in line]
    assert rows and all(",0," in line or line.endswith(",0") or ",0.0" in line for line in rows), rows
