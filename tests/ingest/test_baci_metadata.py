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
