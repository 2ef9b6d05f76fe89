from pathlib import Path

import pandas as pd
import pytest

from chokepoints.errors import InputError
from chokepoints.ingest import country_codes as m
from chokepoints.reference import countries

RAW = Path(__file__).resolve().parents[2] / "data" / "raw" / "country_codes"
HEADER = ("ISO3166-1-Alpha-2,ISO3166-1-Alpha-3,ISO3166-1-numeric,CLDR display name,UNTERM English Short,"
          "official_name_en,Region Name,Sub-region Name,is_independent\n")


def test_matches():
    assert m.matches(RAW) and m.matches(RAW / "country-codes.csv") and not m.matches(RAW / "SOURCE.md")


def test_real_file_equals_shipped_reference():
    df = m.load(RAW, None)[0].frame
    ref = countries()
    assert len(df) == len(ref) == 270
    norm = lambda d: d.astype(object).where(d.notna(), None).replace("", None).reset_index(drop=True)  # noqa: E731
    pd.testing.assert_frame_equal(norm(df), norm(ref))


def test_real_values():
    rows = m.load(RAW, None)[0].frame.set_index("iso3")
    assert rows.loc["FRA", "iso_numeric"] == 250 and rows.loc["DEU", "iso2"] == "DE"
    assert rows.loc["GRL", "kind"] == "territory" and rows.loc["WLD", "kind"] == "aggregate"
    assert rows.loc["TWN", "name"] == "Taiwan"


def test_name_falls_back(tmp_path):
    f = tmp_path / "country-codes.csv"
    f.write_text(HEADER + "FR,FRA,250,,France,French Republic,Europe,Western Europe,Yes\n", encoding="utf-8")
    rows = m.parse(f).set_index("iso3")
    assert rows.loc["FRA", "name"] == "France" and "WLD" in rows.index


def test_bad_numeric(tmp_path):
    f = tmp_path / "country-codes.csv"
    f.write_text(HEADER + "FR,FRA,250,France,,,Europe,Western Europe,Yes\n"
                 "DE,DEU,2a6,Germany,,,Europe,Western Europe,Yes\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        m.parse(f)
    assert (e.value.row, e.value.field) == (3, "ISO3166-1-numeric")


def test_duplicate_iso3(tmp_path):
    f = tmp_path / "country-codes.csv"
    f.write_text(HEADER + "FR,FRA,250,France,,,Europe,,Yes\nFR,FRA,250,France,,,Europe,,Yes\n", encoding="utf-8")
    with pytest.raises(InputError, match="duplicate") as e:
        m.parse(f)
    assert (e.value.row, e.value.field) == (3, "iso3")  # the repeated row is named
