"""Metric commands (dependency, criticality) on the real Comtrade 2023 extract."""

from __future__ import annotations

import io
import json
import re
import shutil

import pandas as pd
import pytest
from _cli import DATA, _ok, _words, run

import chokepoints as ck


def test_dependency_json_has_the_screen_columns(db):
    rows = json.loads(_ok("dependency", "--db", db, "--bloc", "JPN", "--products", "2846,2504", "--format", "json"))
    assert [r["product"] for r in rows] == ["2846", "2504"]
    r = rows[0]
    for col in ("bloc", "product", "year", "basis", "m_ext", "x_ext", "m_int", "hhi", "top1", "top1_share",
                "top3_share", "ratio_m_x", "ext_share", "ec_flag"):
        assert col in r
    assert (r["top1"], round(r["top1_share"], 3), r["ec_flag"]) == ("CHN", 0.721, True)


def test_dependency_chain_table_and_plot(db, tmp_path):
    out = _ok("dependency", "--db", db, "--bloc", "EU27+JPN", "--chain", "rare-earth-magnets", "--basis", "quantity",
              "--plot", tmp_path / "p.html")
    assert (tmp_path / "p.html").stat().st_size > 1000
    rows = {line.split("│")[1].strip(): [c.strip() for c in line.split("│")[2:-1]]
            for line in out.splitlines() if line.startswith("│") and line.split("│")[1].strip()}
    # one chain: its stages by name; a stage without trade shows blanks, not a zero that reads as "no dependency"
    assert list(rows)[:2] == ["ore", "oxide"]
    assert rows["ore"][:2] == ["", ""] and "no data" in rows["ore"]
    assert rows["oxide"][0] == "2023" and rows["oxide"][2] == "CHN"
    # long explanations go under the table as numbered notes
    assert "[1] heading 2846 = 284610+284690" in _words(out)


def test_dependency_table_fits_100_columns(db, monkeypatch, tmp_path):
    monkeypatch.setenv("COLUMNS", "100")
    shutil.copy(db, tmp_path / "wh.duckdb")  # plus the HS nomenclature, for product names
    for part in db.parent.glob("wh.duckdb.*"):
        shutil.copytree(part, tmp_path / part.name) if part.is_dir() else shutil.copy(part, tmp_path / part.name)
    db = tmp_path / "wh.duckdb"
    _ok("ingest", "--no-defaults", "--db", db, DATA / "raw" / "hs_nomenclature")


    from chokepoints.report.tables import render
    from chokepoints.report.views import dependency_view

    with ck.open(db, read_only=True) as wh:
        df = wh.dependency(bloc=["EU27", "JPN"], products=["2846", "2504", "8505"])
        names = wh.product_names(df["product"], width=32)
    view, notes = dependency_view(df, names)
    stream = io.StringIO()
    stream.isatty = lambda: True  # as a terminal of 100 columns
    render(view, "table", title="t", stream=stream)
    text = re.sub(r"\x1b\[[0-9;]*m", "", stream.getvalue())  # a terminal gets colours: measure the characters
    assert max(len(line) for line in text.splitlines()) <= 100
    assert any(p.startswith("2846 ") for p in view["product"])  # names beside codes


def test_dependency_in_a_year_without_trade_is_an_error(db):
    result = run("dependency", "--db", db, "--bloc", "JPN", "--products", "2846", "--year", "1999")
    assert result.exit_code == 1 and "no trade in 1999" in result.stderr and "2023-2023" in result.stderr
    # the API says the same, and never reports unknown flows as zeros
    with ck.open(db, read_only=True) as wh, pytest.raises(ck.InputError, match="no trade in 1999"):
        wh.dependency(bloc="JPN", products=["2846"], year=1999)
    with ck.open(db, read_only=True) as wh:
        df = wh.dependency(bloc="JPN", products=["2846", "260600"])
    nodata = df[df["product"] == "260600"].iloc[0]
    assert nodata["m_ext"] != nodata["m_ext"] and nodata["ec_flag"] is pd.NA


def test_dependency_members(db):
    rows = json.loads(_ok("dependency", "--db", db, "--bloc", "EU27+JPN", "--members", "--products", "2846",
                          "--format", "json"))
    assert {r["member"] for r in rows} == {"EU27", "JPN"}


@pytest.mark.parametrize("args", [["--products", "28x6"], ["--products", "2846", "--chain", "rare-earth-magnets"],
                                  ["--chain", "no-such-chain"], ["--bloc", "XYZ"], ["--basis", "tonnes"]])
def test_dependency_bad_options_are_one_line(db, args):
    result = run("dependency", "--db", db, *args)
    assert result.exit_code == 1 and "Traceback" not in result.output


def test_criticality_crm_list_has_34(tmp_path):
    path = tmp_path / "wh.duckdb"
    _ok("ingest", "--no-defaults", "--db", path, DATA / "raw" / "eu_crm", DATA / "raw" / "wgi")
    rows = json.loads(_ok("criticality", "--crm-list", "--db", path, "--format", "json"))
    names = {r["name"] for r in rows}
    assert len(rows) == 34 and "Copper" in names and any(n.startswith("Nickel") for n in names)
    assert not next(r for r in rows if r["name"] == "Copper")["by_thresholds"]  # strategic, below the thresholds
