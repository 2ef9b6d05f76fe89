"""The command line: each command on a warehouse made from the real Comtrade 2023 extract, in every format."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import chokepoints as ck
from chokepoints.cli import app
from chokepoints.reference import catalogue

DATA = Path(__file__).resolve().parents[1] / "data"
runner = CliRunner()


def run(*args: str):
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def _words(text: str) -> str:
    """Rich wraps the ingest summary at the console width: compare text with whitespace collapsed."""
    return " ".join(text.split())


def _ok(*args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def comtrade(tmp_path_factory) -> Path:
    dst = tmp_path_factory.mktemp("src") / "comtrade_crm_2023"
    shutil.copytree(DATA / "raw" / "comtrade_crm_2023", dst)
    return dst


@pytest.fixture(scope="module")
def db(tmp_path_factory, comtrade) -> Path:
    path = tmp_path_factory.mktemp("cli") / "wh.duckdb"
    result = run("ingest", "--no-defaults", "--db", path, comtrade)
    assert result.exit_code == 0, result.stderr
    assert "1 data set(s) loaded, 0 unchanged" in _words(result.stderr)
    return path


def test_status_json_lists_the_loaded_dataset(db):
    records = json.loads(_ok("status", "--db", db, "--format", "json"))
    assert [r["dataset"] for r in records] == ["comtrade_crm_2023"]
    (rec,) = records
    assert rec["rows"] == 6134 and rec["format"] == "comtrade" and rec["tables"] == "trade"
    assert rec["year_min"] == rec["year_max"] == 2023
    assert rec["source"].startswith("UN Comtrade 2023")  # the first heading of its SOURCE.md


def test_status_csv_has_a_header(db):
    rows = list(csv.DictReader(io.StringIO(_ok("status", "--db", db, "--format", "csv"))))
    assert list(rows[0])[:4] == ["dataset", "format", "tables", "rows"]
    assert [(r["dataset"], r["rows"]) for r in rows] == [("comtrade_crm_2023", "6134")]


def test_status_table_is_a_summary(db):
    out = _ok("status", "--db", db)
    assert "comtrade_crm_2023" in out and "6,134" in out and "2023-2023" in out


def test_table_json_gives_records_with_canonical_columns(db):
    records = json.loads(_ok("table", "trade", "--limit", "5", "--db", db, "--format", "json"))
    assert len(records) == 5
    canonical = catalogue().query("table == 'trade'")["column"].tolist()
    assert all(list(r) == [*canonical, "dataset"] for r in records)
    assert {r["dataset"] for r in records} == {"comtrade_crm_2023"}


def test_table_where_filters(db):
    records = json.loads(_ok("table", "trade", "--where", "importer = 'JPN'", "--limit", "1000", "--db", db,
                             "--format", "json"))
    assert records and {r["importer"] for r in records} == {"JPN"}


def test_unknown_table_is_one_line_and_exit_1(db):
    result = run("table", "nope", "--db", db)
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "unknown table 'nope'" in lines[0]


def test_bad_where_filter_is_one_line_and_exit_1(db):
    result = run("table", "trade", "--where", "no_such_column = 1", "--db", db)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "bad --where filter" in lines[0]


def test_tables_csv_is_the_catalogue_of_one_table():
    rows = list(csv.DictReader(io.StringIO(_ok("tables", "trade", "--format", "csv"))))
    assert {"table", "column", "dtype"} <= set(rows[0])
    assert [r["column"] for r in rows] == catalogue().query("table == 'trade'")["column"].tolist()
    assert run("tables", "nope").exit_code == 1


def test_countries_json_has_japan():
    records = json.loads(_ok("countries", "--format", "json"))
    jpn = [r for r in records if r["iso3"] == "JPN"]
    assert len(jpn) == 1 and jpn[0]["name"] == "Japan"


def test_blocs_json_has_eu27_and_the_alliance():
    blocs = {r["code"]: r for r in json.loads(_ok("blocs", "--format", "json"))}
    assert blocs["EU27"]["n_members"] == 27 and len(blocs["EU27"]["members"].split()) == 27
    alliance = blocs["EU27+JPN"]
    assert alliance["n_members"] == 28
    assert set(alliance["members"].split()) == set(blocs["EU27"]["members"].split()) | {"JPN"}


def test_chains_json_lists_rare_earth_magnet_stages_in_order():
    records = json.loads(_ok("chains", "rare-earth-magnets", "--format", "json"))
    assert [r["stage"] for r in records] == ["ore", "oxide", "metal", "magnet", "motor", "vehicle"]
    assert [r["order"] for r in records] == [1, 2, 3, 4, 5, 6]
    result = run("chains", "no-such-chain")
    assert result.exit_code == 1 and "unknown chain" in result.stderr


def test_formats_lists_every_loader():
    records = json.loads(_ok("formats", "--format", "json"))
    names = {r["format"] for r in records}
    assert {"baci", "comtrade", "wgi", "curated", "usgs-mcs", "eu-crm"} <= names
    assert all(r["description"] for r in records)
    assert "baci" in _ok("formats")


def test_synth_baci_writes_a_file_that_ingests(tmp_path):
    out = tmp_path / "BACI_HS17_Y2022_synthetic.csv"
    result = run("synth", "baci", "--rows", "1000", "--out", out, "--seed", "4")
    assert result.exit_code == 0, result.stderr
    lines = out.read_text().splitlines()
    assert len(lines) == 1001 and lines[0] == "t,i,j,k,v,q"
    db = tmp_path / "wh.duckdb"
    result = run("ingest", "--no-defaults", "--db", db, out)
    assert result.exit_code == 0, result.stderr
    (rec,) = json.loads(_ok("status", "--db", db, "--format", "json"))
    assert rec["dataset"] == out.stem and rec["rows"] == 1000 and rec["format"] == "baci"


def test_status_without_warehouse_says_run_ingest(tmp_path):
    missing = tmp_path / "none.duckdb"
    result = run("status", "--db", missing)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "run `chokepoints ingest` first" in lines[0]
    assert not missing.exists()  # asking for status creates nothing


def test_second_ingest_reports_unchanged_and_changes_nothing(db, comtrade):
    with ck.open(db) as wh:
        before = wh.checksum()
    result = run("ingest", "--no-defaults", "--db", db, comtrade, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == [{"dataset": "comtrade_crm_2023", "status": "unchanged"}]
    result = run("ingest", "--no-defaults", "--db", db, comtrade)
    assert "0 data set(s) loaded, 1 unchanged" in _words(result.stderr)
    with ck.open(db) as wh:
        assert wh.checksum() == before


def test_python_dash_m_prints_one_line_without_traceback(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "chokepoints.cli", "status", "--db", str(tmp_path / "x.duckdb")],
                          capture_output=True, text=True)
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.strip().count("\n") == 0 and "Traceback" not in proc.stderr
    assert "chokepoints ingest" in proc.stderr


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
    assert "rare-earth-magnets oxide" in _words(out) and (tmp_path / "p.html").stat().st_size > 1000


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
