from pathlib import Path

import pandas as pd
import pytest

from chokepoints.errors import InputError
from chokepoints.ingest import baci_metadata as m

RAW = Path(__file__).resolve().parents[2] / "data" / "raw" / "baci_metadata"
REFERENCE = Path(__file__).resolve().parents[2] / "src" / "chokepoints" / "reference" / "trade_codes.csv"
# reference/trade_codes.csv maps BACI 200/278/530/810 to CSK/DDR/ANT/SUN, which countries.csv does not list.
COUNTRY_HEADER = "country_code;country_name_abbreviation;country_name_full;iso_2digit_alpha;iso_3digit_alpha\n"


def test_matches():
    assert m.matches(RAW)
    assert m.matches(RAW / "product_codes_HS17_V202301.csv") and m.matches(RAW / "country_codes_V202301.csv")
    assert not m.matches(RAW / "SOURCE.md")


def test_real_products():
    df = m.parse_products(RAW / "product_codes_HS17_V202301.csv")
    assert len(df) == 5384 and set(df["revision"]) == {"HS17"} and (df["code"].str.len() == 6).all()
    rows = df.set_index("code")
    assert rows.loc["010121", "parent"] == "0101"  # "10121" in the file
    assert "hafnium" in rows.loc["811292", "description"].lower()


def test_real_countries_agree_with_reference():
    df = m.parse_countries(RAW / "country_codes_V202301.csv")
    assert len(df) == 238
    codes = df.set_index("code")["iso3"]
    assert (codes[490], codes[251], codes[842], codes[699], codes[757]) == ("TWN", "FRA", "USA", "IND", "CHE")
    ref = pd.read_csv(REFERENCE, dtype={"iso3": str}, keep_default_na=False).set_index("code")["iso3"]
    assert {int(k): v for k, v in codes.items()} == {int(k): ref[int(k)] for k in codes.index}


def test_product_code_not_a_code(tmp_path):
    f = tmp_path / "product_codes_HS17_V202301.csv"
    f.write_text('"code","description"\n"10121","Horses"\n"1012x","Bad"\n', encoding="utf-8")
    with pytest.raises(InputError) as e:
        m.parse_products(f)
    assert (e.value.row, e.value.field) == (3, "code")


def test_unknown_country_code(tmp_path):
    f = tmp_path / "country_codes_V202301.csv"
    f.write_text(COUNTRY_HEADER + "251;France;France, Monaco;FR;FRA\n\n999;Nowhere;Nowhere;XX;XXX\n",
                 encoding="utf-8")
    with pytest.raises(InputError) as e:
        m.parse_countries(f)
    assert (e.value.row, e.value.field) == (4, "country_code")  # the blank line is counted


def test_comma_separated_country_file_is_named(tmp_path):
    f = tmp_path / "country_codes_V202301.csv"
    f.write_text(COUNTRY_HEADER.replace(";", ",") + "251,France,France,FR,FRA\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        m.parse_countries(f)
    assert e.value.row == 1 and "';'" in str(e.value)


# ---------------------------------------------------------------------------------------------- V202601 layout
RELEASE = Path(__file__).resolve().parents[2] / "data" / "raw" / "baci_hs17_critical"
NEW_HEADER = "country_code,country_name,country_iso2,country_iso3\n"


def test_real_v202601_countries_agree_with_reference():
    df = m.parse_countries(RELEASE / "country_codes_V202601.csv")
    assert len(df) == 235 and set(df["source"]) == {"CEPII BACI V202601"}
    codes = df.set_index("code")
    assert codes.loc[490, "iso3"] == "TWN" and codes.loc[490, "name"] == "Other Asia, nes"  # file: S19
    assert (codes.loc[251, "iso3"], codes.loc[842, "iso3"], codes.loc[699, "iso3"]) == ("FRA", "USA", "IND")
    ref = pd.read_csv(REFERENCE, dtype={"iso3": str}, keep_default_na=False).set_index("code")["iso3"]
    assert {int(k): v for k, v in codes["iso3"].items()} == {int(k): ref[int(k)] for k in codes.index}


def test_both_layouts_load(tmp_path):
    new = tmp_path / "country_codes_V202601.csv"
    new.write_text(NEW_HEADER + '251,France,FR,FRA\n490,"Other Asia, nes",,S19\n', encoding="utf-8")
    old = tmp_path / "country_codes_V202301.csv"
    old.write_text(COUNTRY_HEADER + "251;France;France, Monaco;FR;FRA\n490;Other Asia, nes;Other Asia, nes;;\n",
                   encoding="utf-8")
    for f, version in ((new, "V202601"), (old, "V202301")):
        df = m.parse_countries(f)
        assert df[["code", "iso3", "name"]].values.tolist() == [[251, "FRA", "France"], [490, "TWN", "Other Asia, nes"]]
        assert set(df["source"]) == {f"CEPII BACI {version}"}


def test_v202601_bad_rows_name_line_and_field(tmp_path):
    f = tmp_path / "country_codes_V202601.csv"
    f.write_text(NEW_HEADER + "251,France,FR,FRA\n25x,Nowhere,XX,XXX\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a numeric country code") as e:
        m.parse_countries(f)
    assert (e.value.file, e.value.row, e.value.field) == (str(f), 3, "country_code")
    f.write_text(NEW_HEADER.replace(",country_name,", ",name,") + "251,France,FR,FRA\n", encoding="utf-8")
    with pytest.raises(InputError, match="missing column") as e:
        m.parse_countries(f)
    assert (e.value.row, e.value.field) == (1, "country_name")


def test_folder_with_two_releases_keeps_the_newest_country_table(tmp_path):
    (tmp_path / "country_codes_V202301.csv").write_text(COUNTRY_HEADER + "251;France;France;FR;FRA\n")
    (tmp_path / "country_codes_V202601.csv").write_text(NEW_HEADER + "251,France (new),FR,FRA\n")
    (td,) = m.load(tmp_path, None)
    assert td.frame["name"].tolist() == ["France (new)"]
