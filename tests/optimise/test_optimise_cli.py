"""cli/optimise.py: the command on a warehouse holding the real projects table, with a hand-made supply table in
place of the shock engine's (chokepoints.shocks.supply_table), so the numbers are known."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
import typer
from typer.testing import CliRunner

import chokepoints as ck
from chokepoints.cli.optimise import optimise

ROOT = Path(__file__).resolve().parents[2]
app = typer.Typer()
app.command()(optimise)
app.command("noop")(lambda: None)  # two commands: typer keeps `optimise` as a named sub-command
runner = CliRunner()


def fake_supply_table(wh, scenario, *, runs, seed, stage=None, alliance=None):
    rows = []
    for run in range(runs):
        cut = 0.75 if run % 2 else 0.25
        for member, base in (("EU27", {"CHN": 900.0, "USA": 60.0, "domestic": 40.0}),
                             ("JPN", {"CHN": 500.0, "VNM": 300.0, "domestic": 200.0})):
            for src, b in base.items():
                for st in ("oxide", "magnet"):
                    rows.append((run, member, src, st, b, b * (1 - cut) if src == "CHN" else b))
    df = pd.DataFrame(rows, columns=["run", "member", "source", "stage", "baseline_t", "available_t"])
    df.attrs.update(horizon_months=24, scenario=getattr(scenario, "name", str(scenario)), chain="rare-earth-magnets",
                    start="2025-04")
    return df


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("opt") / "wh.duckdb"
    with ck.open(path) as wh:
        wh.ingest([ROOT / "data" / "curated"], include_defaults=False)
    return path


@pytest.fixture
def shocks(monkeypatch):
    import chokepoints.shocks

    monkeypatch.setattr(chokepoints.shocks, "supply_table", fake_supply_table)


def invoke(*args):
    return runner.invoke(app, ["optimise", *map(str, args)])


def test_json_has_joint_solo_and_value_of_alliance(db, shocks, tmp_path):
    r = invoke("--db", db, "--scenario", "cn-2025-rare-earths", "--runs", 6, "--format", "json",
               "--plot", tmp_path / "f.html")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    for mode in ("joint", "solo"):
        assert {"cost", "expected_shortfall_t", "cvar_shortfall_t", "portfolio"} <= set(doc[mode])
    assert set(doc["value_of_alliance"]) == {"EU27", "JPN", "total"}
    assert doc["joint"]["cost"] <= doc["solo"]["cost"] * (1 + 1e-7)
    kinds = {row["kind"] for row in doc["joint"]["portfolio"]}
    assert "stock" in kinds  # days of cover are on by default
    assert any(p["id"] == "P-NEO-NARVA" for p in doc["meta"]["projects_used"])
    assert any(p["id"] == "P-METLEN-GA" for p in doc["meta"]["projects_excluded"])
    html = (tmp_path / "f.html").read_text()
    assert "Source:" in html and "cn-2025-rare-earths" in html


def test_table_output_and_solo_mode(db, shocks):
    r = invoke("--db", db, "--scenario", "cn-2025-rare-earths", "--runs", 4, "--mode", "solo")
    assert r.exit_code == 0, r.output
    assert "solo: portfolio" in r.stdout and "joint" not in r.stdout.split("Shortfall distribution")[0]


def test_infeasible_policy_is_one_line_and_exit_1(db, shocks, tmp_path):
    f = tmp_path / "c.toml"
    f.write_text("[policy.budget]\nenabled = true\nusd = { EU27 = 1.0, JPN = 1.0 }\n"
                 "[policy.days_of_cover]\nenabled = true\n")  # off by default: on, its stocks break the budget
    r = invoke("--db", db, "--scenario", "cn-2025-rare-earths", "--runs", 2, "--costs", f, "--mode", "solo")
    assert r.exit_code == 1
    assert "budget" in r.output and "days_of_cover" in r.output and "Traceback" not in r.output


def test_unknown_constraint_and_wrong_chain(db, shocks):
    r = invoke("--db", db, "--scenario", "cn-2025-rare-earths", "--runs", 2, "--without", "nonsense")
    assert r.exit_code == 1 and "unknown constraint 'nonsense'" in r.output
    r = invoke("--db", db, "--scenario", "cn-2025-rare-earths", "--runs", 2, "--chain", "li-ion-batteries")
    assert r.exit_code == 1 and "pass --chain rare-earth-magnets" in r.output
