"""Data commands (ingest, status, table, synth): on a warehouse made from the real Comtrade 2023 extract, in every
format."""

from __future__ import annotations

import csv
import io
import json

from _cli import _ok, _words, run

import chokepoints as ck
from chokepoints.reference import catalogue


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
    assert len(lines) == 1 and "where 'no_such_column = 1'" in lines[0]


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
