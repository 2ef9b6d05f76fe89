"""Countries and trade codes: BACI/Comtrade numeric codes are not ISO numeric (DESIGN.md, known pitfalls)."""

from __future__ import annotations

import pandas as pd
import pytest

from chokepoints.errors import InputError
from chokepoints.reference.countries import countries, iso3_from_names, iso3_from_trade_codes


@pytest.mark.parametrize(("code", "iso3"), [(251, "FRA"), (579, "NOR"), (699, "IND"), (757, "CHE"), (842, "USA"),
                                            (490, "TWN"), (156, "CHN"), (392, "JPN"), (899, "XNS")])
def test_trade_codes(code, iso3):
    assert iso3_from_trade_codes(pd.Series([code]), file="f", field="i").tolist() == [iso3]


def test_unknown_trade_code_names_its_row():
    with pytest.raises(InputError) as e:
        iso3_from_trade_codes(pd.Series([251, 12345]), file="f.csv", field="i")
    assert (e.value.file, e.value.row, e.value.field) == ("f.csv", 3, "i")


def test_names_as_sources_print_them():
    names = ["Korea, Republic of", "Congo (Kinshasa)", "Burma", "Türkiye", "World total (rounded)", "Japan",
             "Other Asia, nes", "Viet Nam"]
    assert iso3_from_names(pd.Series(names), file="f", field="c").tolist() == [
        "KOR", "COD", "MMR", "TUR", "WLD", "JPN", "TWN", "VNM"]


def test_unknown_name_is_an_error():
    with pytest.raises(InputError, match="unknown country name 'Atlantis'") as e:
        iso3_from_names(pd.Series(["Japan", "Atlantis"]), file="f", field="country")
    assert e.value.row == 3


def test_table_is_complete():
    c = countries()
    assert c["iso3"].is_unique
    assert {"JPN", "TWN", "WLD", "XKX"} <= set(c["iso3"])
    assert c.loc[c["iso3"] == "JPN", "iso_numeric"].item() == 392


def test_aggregate_codes_are_the_tables_aggregates_and_the_curated_regions():
    from chokepoints.reference.countries import AGGREGATE_CODES

    c = countries()
    assert set(c.loc[c["kind"] == "aggregate", "iso3"]) <= AGGREGATE_CODES
    assert {"WLD", "ROW", "XNS", "EU", "EU27", "EUROPE", ""} <= AGGREGATE_CODES
    assert not AGGREGATE_CODES & set(c.loc[c["kind"] != "aggregate", "iso3"])  # no country is an aggregate
