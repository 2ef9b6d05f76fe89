"""BACI loader: code mapping, units, the checks and the line each error names."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from chokepoints.errors import InputError
from chokepoints.ingest import baci, baci_metadata, discover
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


# ---------------------------------------------------------------------------------------------- release folders
REAL = Path(__file__).resolve().parents[2] / "data" / "raw" / "baci_hs17_critical"
V202601_COUNTRIES = (
    "country_code,country_name,country_iso2,country_iso3\n"
    "156,China,CN,CHN\n"
    "251,France,FR,FRA\n"
    "392,Japan,JP,JPN\n"
    "490,Other Asia n.e.s.,,S19\n"  # BACI V202601 gives Taiwan's code its own pseudo-ISO3; the reference says TWN
)


def _release(tmp_path, countries=V202601_COUNTRIES) -> Path:
    folder = tmp_path / "baci_release"
    folder.mkdir()
    (folder / "BACI_HS17_Y2024_V202601.csv").write_text(
        "t,i,j,k,v,q\n2024,156,392,850511,156880.4,3714.5\n2024,490,251,850511,5,NA\n")
    (folder / "country_codes_V202601.csv").write_text(countries)
    (folder / "SOURCE.md").write_text("# a test release\n")
    return folder


def test_release_folder_loads_trade_and_trade_codes(tmp_path):
    folder = _release(tmp_path)
    assert baci.matches(folder) and not baci_metadata.matches(folder)  # the folder is one BACI data set
    trade, codes = baci.load(folder, LoadContext(scratch=tmp_path))
    assert (trade.table, codes.table) == ("trade", "trade_codes")
    df = duckdb.sql(f"SELECT * FROM '{trade.parquet}' ORDER BY exporter").df()
    assert df[["exporter", "importer", "value_usd"]].values.tolist() == [["CHN", "JPN", 156_880_400.0],
                                                                         ["TWN", "FRA", 5000.0]]
    assert df["reporter"].isna().all()  # reconciled data: nobody's declaration
    assert codes.frame[["code", "iso3", "name"]].values.tolist() == [
        [156, "CHN", "China"], [251, "FRA", "France"], [392, "JPN", "Japan"], [490, "TWN", "Other Asia n.e.s."]]
    assert set(codes.frame["source"]) == {"CEPII BACI V202601"}


def test_release_folder_bad_country_table_names_its_line(tmp_path):
    folder = _release(tmp_path, V202601_COUNTRIES + "999,Nowhere,XX,XXX\n")
    with pytest.raises(InputError, match="unknown country code") as e:
        baci.load(folder, LoadContext(scratch=tmp_path))
    assert (e.value.file, e.value.row, e.value.field) == (str(folder / "country_codes_V202601.csv"), 6,
                                                          "country_code")


def test_release_folder_discovered_as_one_data_set():
    (found,) = discover(REAL)
    assert found.loader is baci and found.name == "baci_hs17_critical"
    assert sorted(p.name for p in found.files) == ["BACI_HS17_Y2022_V202601.csv", "BACI_HS17_Y2024_V202601.csv",
                                                   "country_codes_V202601.csv"]


@pytest.fixture(scope="module")
def real_release(tmp_path_factory):
    scratch = tmp_path_factory.mktemp("baci_real")
    return {td.table if td.table != "trade" else f"trade{td.years[0]}": td
            for td in baci.load(REAL, LoadContext(scratch=scratch))}


def test_real_release_rows_and_codes(real_release):
    # SOURCE.md: 21,723 rows in 2024 (1,030 without quantity), 23,167 in 2022 (value only)
    assert (real_release["trade2024"].rows, real_release["trade2022"].rows) == (21_723, 23_167)
    for year, no_quantity in ((2022, 23_167), (2024, 1_030)):
        (n,) = duckdb.sql(f"SELECT count(*) FROM '{real_release[f'trade{year}'].parquet}' "
                          "WHERE quantity_t IS NULL").fetchall()[0]
        assert n == no_quantity, year
    codes = real_release["trade_codes"].frame.set_index("code")["iso3"]
    assert len(codes) == 235 and not {58, 280, 736} & set(codes.index)  # old codes left out (SOURCE.md)
    assert (codes[490], codes[251], codes[842], codes[699], codes[757]) == ("TWN", "FRA", "USA", "IND", "CHE")


def test_real_japan_magnet_imports_from_china_2024(real_release):
    # SOURCE.md check: China -> Japan, 850511, 2024: 156,880 kUSD / 3,714.5 t
    ((value, tonnes, reporter),) = duckdb.sql(
        f"SELECT value_usd, quantity_t, reporter FROM '{real_release['trade2024'].parquet}' "
        "WHERE exporter = 'CHN' AND importer = 'JPN' AND hs6 = '850511'").fetchall()
    assert value == pytest.approx(156.88e6, rel=1e-4) and tonnes == pytest.approx(3_714.5, abs=0.5)
    assert reporter is None
