"""Comtrade loader: the bundled 2023 extract (checked against its SOURCE.md) and the two bulk CSV layouts."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from chokepoints.errors import InputError
from chokepoints.ingest import comtrade
from chokepoints.ingest.base import LoadContext

DATA = Path(__file__).resolve().parents[2] / "data" / "raw" / "comtrade_crm_2023"


@pytest.fixture(scope="module")
def trade():
    (td,) = comtrade.load(DATA, LoadContext(scratch=Path(".")))
    return td.frame


def test_rows_and_orientation(trade):
    assert len(trade) == 6134  # SOURCE.md: 6,134 data rows, all imports (flow M)
    assert (trade["importer"] == trade["reporter"]).all()  # every row is the importer's declaration
    assert set(trade["year"]) == {2023}


def test_heading_totals_match_source(trade):
    # SOURCE.md table: total import value per heading, summed over partner rows
    totals = trade.groupby("hs6")["value_usd"].sum().round(0)
    assert totals["2846"] == 2_770_340_427
    assert totals["7403"] == 74_630_226_184


def test_japan_rare_earth_compounds_mostly_from_china(trade):
    # SOURCE.md check 6: Japan's imports from China are 72.1% of its 2846 and 90.1% of its 2504
    jp = trade[trade["importer"] == "JPN"]
    for hs, share in (("2846", 0.721), ("2504", 0.901)):
        g = jp[jp["hs6"] == hs].groupby("exporter")["value_usd"].sum()
        assert g["CHN"] / g.sum() == pytest.approx(share, abs=0.0005)


def test_taiwan_and_zero_weights(trade):
    assert "TWN" in set(trade["exporter"])  # Comtrade 490 "Other Asia, nes"
    assert trade["quantity_t"].isna().sum() == 113  # SOURCE.md: 0.0 kg where no weight was reported


BULK_HEADER = ("typeCode,freqCode,refYear,reporterCode,reporterISO,flowCode,partnerCode,partnerISO,partner2Code,"
               "cmdCode,customsCode,motCode,netWgt,primaryValue")


def _bulk(tmp_path, *rows) -> Path:
    p = tmp_path / "comtrade_bulk.csv"
    p.write_text(BULK_HEADER + "\n" + "".join(r + "\n" for r in rows))
    return p


def test_bulk_layout_keeps_bilateral_totals_only(tmp_path):
    p = _bulk(
        tmp_path,
        "C,A,2022,392,JPN,M,156,CHN,0,284690,C00,0,1000,5000",   # kept: Japan's import from China
        "C,A,2022,392,JPN,X,842,USA,0,284690,C00,0,10,70",       # kept: Japan's export to the USA
        "C,A,2022,392,JPN,M,0,W00,0,284690,C00,0,2000,9000",     # World total: dropped
        "C,A,2022,392,JPN,M,156,CHN,0,284690,C01,0,5,5",         # customs-procedure breakdown: dropped
        "C,A,2022,392,JPN,RX,842,USA,0,284690,C00,0,1,1",        # re-export: dropped
        "C,A,2022,392,JPN,M,156,CHN,0,TOTAL,C00,0,1,1",          # all-commodity total: dropped
    )
    (td,) = comtrade.load(p, LoadContext(scratch=tmp_path))
    df = td.frame.sort_values("exporter").reset_index(drop=True)
    assert df[["exporter", "importer", "hs6", "value_usd", "reporter"]].values.tolist() == [
        ["CHN", "JPN", "284690", 5000.0, "JPN"],
        ["JPN", "USA", "284690", 70.0, "JPN"],
    ]
    assert df["quantity_t"].tolist() == [1.0, 0.01]


def test_legacy_bulk_layout(tmp_path):
    header = ("Classification,Year,Trade Flow Code,Reporter Code,Partner Code,Commodity Code,Netweight (kg),"
              "Trade Value (US$)")
    p = tmp_path / "legacy.csv"
    p.write_text(header + "\nH5,2019,M,251,156,850511,100,2500\n")
    (td,) = comtrade.load(p, LoadContext(scratch=tmp_path))
    assert td.frame[["exporter", "importer", "year"]].values.tolist() == [["CHN", "FRA", 2019]]


def test_bulk_unknown_partner_names_line(tmp_path):
    p = _bulk(tmp_path, "C,A,2022,392,JPN,M,156,CHN,0,284690,C00,0,1000,5000",
              "C,A,2022,392,JPN,M,998,XXX,0,284690,C00,0,1000,5000")
    with pytest.raises(InputError, match="unknown country code") as e:
        comtrade.load(p, LoadContext(scratch=tmp_path))
    assert (e.value.row, e.value.field) == (3, "partnerCode")


def test_edges_without_year_in_name_is_an_error(tmp_path):
    p = tmp_path / "edges.csv"
    p.write_text("commodity,flow,reporter,partner,value_usd,net_kg\n2846,M,392,156,10,1\n")
    with pytest.raises(InputError, match="no year"):
        comtrade.load(p, LoadContext(scratch=tmp_path))


# ---------------------------------------------------------------------------------------------- annual layout
ANNUAL = Path(__file__).resolve().parents[2] / "data" / "raw" / "comtrade_hs6_2022_2024"
ANNUAL_HEADER = "year,reporter,partner,cmd,flow,value_usd,net_kg\n"


def _annual(tmp_path, *rows, name="comtrade_hs6_2022.csv") -> Path:
    p = tmp_path / name
    p.write_text(ANNUAL_HEADER + "".join(r + "\n" for r in rows))
    return p


def test_annual_layout_keeps_totals_not_parts(tmp_path):
    p = _annual(
        tmp_path,
        "2022,24,504,251110,M,6681345.211,10547876.0",   # part (e.g. one customs procedure)
        "2022,24,504,251110,M,125508.63,452700.0",       # part
        "2022,24,504,251110,M,6806853.841,11000576.0",   # the total of the two: kept
        "2022,24,0,251110,M,9000000,15000000",           # partner World: dropped
        "2022,24,504,251110,X,10,",                      # Angola's export to Morocco: another flow, kept
    )
    assert comtrade.matches(p)
    (td,) = comtrade.load(p, LoadContext(scratch=tmp_path))
    df = td.frame.sort_values("value_usd").reset_index(drop=True)
    assert df[["exporter", "importer", "hs6", "value_usd", "reporter"]].values.tolist() == [
        ["AGO", "MAR", "251110", 10.0, "AGO"],
        ["MAR", "AGO", "251110", 6_806_853.841, "AGO"],
    ]
    assert df["quantity_t"].iloc[1] == pytest.approx(11_000.576) and pd.isna(df["quantity_t"].iloc[0])


@pytest.mark.parametrize(
    ("row", "field", "problem"),
    [
        ("2022,24,504,251110,M,-5,1", "value_usd", "negative"),
        ("2022,24,504,251110,M,5 USD,1", "value_usd", "not a number"),
        ("2022,24,9999,251110,M,5,1", "partner", "unknown country code"),
        ("2022,24,504,251110,M,5,1 kg", "net_kg", "not a number"),
    ],
)
def test_annual_bad_row_names_line_and_field(tmp_path, row, field, problem):
    p = _annual(tmp_path, "2022,24,504,251110,X,10,1", row)
    with pytest.raises(InputError, match=problem) as e:
        comtrade.load(p, LoadContext(scratch=tmp_path))
    assert (e.value.file, e.value.row, e.value.field) == (str(p), 3, field)


@pytest.fixture(scope="module")
def annual():
    (td,) = comtrade.load(ANNUAL, LoadContext(scratch=Path(".")))
    return td.frame


def test_annual_folder_is_one_data_set(annual):
    assert comtrade.matches(ANNUAL)
    assert set(annual["year"]) == {2022, 2024} and not annual.duplicated(["year", "exporter", "importer", "hs6",
                                                                           "reporter"]).any()
    assert len(set(annual["hs6"])) == 31  # SOURCE.md: the 30 BACI codes plus 811231 (hafnium)
    # both flows: every row is its reporter's declaration, as importer or as exporter
    assert ((annual["reporter"] == annual["importer"]) | (annual["reporter"] == annual["exporter"])).all()
    assert (annual["reporter"] == annual["exporter"]).any() and (annual["reporter"] == annual["importer"]).any()
    assert "WLD" not in set(annual["exporter"]) | set(annual["importer"])  # partner 0 (World) dropped


def test_annual_japan_magnet_imports_from_china_2024(annual):
    # SOURCE.md check: Japan's imports of 850511 from China, 2024: 157.5 M USD / 3,682 t (BACI: 156.9 M / 3,715 t)
    row = annual[(annual["year"] == 2024) & (annual["hs6"] == "850511") & (annual["exporter"] == "CHN")
                 & (annual["importer"] == "JPN") & (annual["reporter"] == "JPN")]
    assert len(row) == 1
    assert row["value_usd"].iloc[0] == pytest.approx(157.52e6, rel=1e-4)
    assert row["quantity_t"].iloc[0] == pytest.approx(3_682.2, abs=0.1)


def test_annual_keeps_the_total_of_a_repeated_flow(annual):
    # The 2022 Angola -> Morocco example of comtrade._keep_totals: 6.68 M + 0.13 M parts, 6.81 M total kept
    row = annual[(annual["year"] == 2022) & (annual["hs6"] == "251110") & (annual["reporter"] == "AGO")
                 & (annual["importer"] == "AGO") & (annual["exporter"] == "MAR")]
    assert row["value_usd"].tolist() == [pytest.approx(6_806_853.841)]
