"""Reference listings (tables, countries, blocs, chains, formats) in every format."""

from __future__ import annotations

import csv
import io
import json

from _cli import _ok, run

from chokepoints.reference import catalogue


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
