"""BACI loader: code mapping, units, the checks and the line each error names."""

from __future__ import annotations

import duckdb
import pytest

from chokepoints.errors import InputError
from chokepoints.ingest import baci
from chokepoints.ingest.base import LoadContext

GOOD = (
    "t,i,j,k,v,q\n"
    "2021,156,392,284690,1.0,           NA\n"   # BACI pads NA with spaces
    "2021,251,842,280530,  12.5,        0.3\n"
    "2021,490,251,850511,5,0.25\n"              # 490 "Other Asia, nes" = Taiwan
)


def _load(tmp_path, text, name="BACI_HS17_Y2021_V202301.csv"):
    p = tmp_path / name
    p.write_text(text)
    return baci.load(p, LoadContext(scratch=tmp_path))


def test_maps_codes_and_units(tmp_path):
    (td,) = _load(tmp_path, GOOD)
    df = duckdb.sql(f"SELECT * FROM '{td.parquet}'").df()
    assert df[["exporter", "importer", "hs6"]].values.tolist() == [
        ["CHN", "JPN", "284690"], ["FRA", "USA", "280530"], ["TWN", "FRA", "850511"]]
    assert df["value_usd"].tolist() == [1000.0, 12500.0, 5000.0]  # thousand USD -> USD
    assert df["quantity_t"].isna().tolist() == [True, False, False]
    assert (td.rows, td.years) == (3, (2021, 2021))


def test_leading_zero_dropped_by_baci_is_restored(tmp_path):
    (td,) = _load(tmp_path, "t,i,j,k,v,q\n2021,4,8,10121,1,1\n")
    assert duckdb.sql(f"SELECT hs6 FROM '{td.parquet}'").fetchall() == [("010121",)]


@pytest.mark.parametrize(
    ("extra", "field", "problem"),
    [
        ("2021,999,251,850511,5,1", "i", "not a known BACI country code"),
        ("2021,4,999,850511,5,1", "j", "not a known BACI country code"),
        ("2021,4,251,999998,5,1", "k", "not a known HS6 code"),
        ("2021,4,251,850511,-5,1", "v", "negative"),
        ("2021,4,251,850511,5,-1", "q", "negative"),
        ("2021,4,251,850511,abc,1", "v", "not a number"),
        ("2021,4,251,850511,5,x", "q", "not a number"),
        ("1021,4,251,850511,5,1", "t", "not a plausible year"),
        ("2021,490,251,850511,7,1", "k", "duplicate key"),
        ("2021,4,251", "k", "truncated"),
    ],
)
def test_bad_row_is_named_by_line_and_field(tmp_path, extra, field, problem):
    with pytest.raises(InputError, match=problem) as e:
        _load(tmp_path, GOOD + extra + "\n")
    assert (e.value.row, e.value.field) == (5, field)
    assert not list(tmp_path.glob("*.parquet"))  # nothing left behind


def test_unsorted_file_still_checked_for_duplicates(tmp_path):
    text = "t,i,j,k,v,q\n2021,842,251,850511,5,1\n2021,4,8,10121,1,1\n2021,842,251,850511,6,1\n"
    with pytest.raises(InputError, match="duplicate") as e:
        _load(tmp_path, text)
    assert e.value.row == 4


def test_semicolons_and_empty_files(tmp_path):
    with pytest.raises(InputError, match="';'-separated"):
        _load(tmp_path, GOOD.replace(",", ";"))
    with pytest.raises(InputError, match="empty"):
        _load(tmp_path, "")


def test_synthetic_file_loads(tmp_path, baci_small):
    (td,) = baci.load(baci_small, LoadContext(scratch=tmp_path))
    assert td.rows == 5000
