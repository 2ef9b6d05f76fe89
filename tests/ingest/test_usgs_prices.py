"""Tests of ingest/usgs_prices.py: real MCS 2026 rare-earth prices and US salient statistics
(data/raw/usgs_mcs2026_ree_prices/SOURCE.md), and hand-made files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from _helpers import one_row

from chokepoints.errors import InputError
from chokepoints.ingest import discover, usgs, usgs_prices
from chokepoints.ingest.base import LoadContext

DATA = Path(__file__).parents[2] / "data" / "raw" / "usgs_mcs2026_ree_prices"


@pytest.fixture(scope="module")
def tables():
    return {t.table: t.frame for t in usgs_prices.load(DATA, LoadContext(scratch=Path(".")))}


def test_matches_and_discovery(tmp_path):
    assert usgs_prices.matches(DATA)
    assert usgs_prices.matches(DATA / usgs_prices.PRICES) and usgs_prices.matches(DATA / usgs_prices.SALIENT)
    assert not usgs_prices.matches(tmp_path) and not usgs_prices.matches(DATA / "SOURCE.md")
    (found,) = discover(DATA)
    assert found.loader is usgs_prices and len(found.files) == 2


def test_ndpr_oxide_prices(tables):
    # SOURCE.md: NdPr oxide 92, 124, 75, 55, 69 USD/kg (2021-2025e)
    ndpr = tables["prices"][tables["prices"]["material"] == "ndpr_oxide"].set_index("year")
    assert ndpr["price"].tolist() == [92, 124, 75, 55, 69]
    y24 = ndpr.loc[2024]
    assert (y24["price"], y24["price_usd_per_t"], y24["estimated"]) == (55, 55_000, False)
    assert y24["unit"] == "USD/kg FOB (annual average)" and "Argus" in y24["source"]
    assert ndpr.loc[2025, "estimated"] and "2025e" in ndpr.loc[2025, "note"]
    assert ndpr["product"].iloc[0] == "Neodymium-praseodymium (NdPr) oxide, 99% minimum"


def test_materials_and_conversion(tables):
    p = tables["prices"]
    assert set(p["material"]) == {"la_oxide", "ce_oxide", "mischmetal", "pr_oxide", "nd_oxide", "ndpr_oxide",
                                  "sm_oxide", "eu_oxide", "gd_oxide"}  # no Dy or Tb in this edition
    assert len(p) == 45 and set(p["year"]) == {2021, 2022, 2023, 2024, 2025}
    assert one_row(p, material="la_oxide", year=2021)["price_usd_per_t"] == pytest.approx(1_510)
    assert (p["price_usd_per_t"] == p["price"] * 1000).all()


def test_salient_statistics(tables):
    s = tables["salient_stats"]
    assert len(s) == 50
    nir = s[s["section"] == "Net import reliance"].set_index("year")
    assert nir["raw"].tolist() == [">95", ">95", ">90", "53", "67"]
    assert nir["value"].tolist() == [95, 95, 90, 53, 67]  # a bound is stored as its number; raw says so
    assert nir["unit"].iloc[0] == "% of apparent consumption" and nir.loc[2025, "estimated"]
    # the same item name in two sections is two rows
    assert one_row(s, item="Ferrocerium, alloys", section="Imports (metals)", year=2024)["value"] == 238
    assert one_row(s, item="Ferrocerium, alloys", section="Exports (metals)", year=2024)["value"] == 902


def test_us_mine_production_agrees_with_world_table(tables):
    # US concentrate production 2024 in the salient statistics = the USA row of MCS 2026's world table
    world = usgs.load(DATA.parent / "usgs_mcs2026_world", LoadContext(scratch=Path(".")))[0].frame
    us = one_row(world, commodity="Rare earths", country="USA", year=2024)["quantity_t"]
    s = tables["salient_stats"]
    assert one_row(s, item="Mineral concentrates", section="Production", year=2024)["value"] == us == 45_500


def test_material_key():
    key = usgs_prices.material_key
    assert key("Dysprosium oxide, 99.5% minimum") == "dy_oxide"
    assert key("Terbium metal, 99.9% minimum") == "tb_metal"
    assert key("Neodymium-praseodymium (NdPr) oxide, 99% minimum") == "ndpr_oxide"
    assert key("Mischmetal, 65% cerium, 35% lanthanum") == "mischmetal"
    assert key("Ferro-dysprosium, 80% Dy") == "ferro_dysprosium"  # no form named: a slug of the name
    assert key("Lanthanum oxide (La2O3)") == "la_oxide"


# ---------------------------------------------------------------------------------------------- hand-made files
PRICES = (
    "product,unit,2023,2024,2025e\n"
    '"Dysprosium oxide, 99.5% minimum",USD/kg FOB (annual average),330,250,260\n'
    '"Terbium oxide, 99.99% minimum",USD/t,1300000,1000000,NA\n'
    '"Yttrium oxide, 99.999%",CNY/kg,40,45,\n'
)
SALIENT = (
    "item,section,unit,2024,2025e\n"
    "Mineral concentrates,Production,t REO,\"45,500\",W\n"
    "Government stockpile,Stocks,t REO,-120,—\n"
)


def _write(tmp_path, name, text) -> Path:
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    return f


def test_hand_made_prices(tmp_path):
    (td,) = usgs_prices.load(_write(tmp_path, usgs_prices.PRICES, PRICES), LoadContext(scratch=tmp_path))
    p = td.frame
    assert p[["year", "material", "price", "estimated"]].values.tolist() == [
        [2023, "dy_oxide", 330, False], [2024, "dy_oxide", 250, False], [2025, "dy_oxide", 260, True],
        [2023, "tb_oxide", 1_300_000, False], [2024, "tb_oxide", 1_000_000, False],  # NA: no price
        [2023, "y_oxide", 40, False], [2024, "y_oxide", 45, False]]  # empty cell: no price
    assert p["price_usd_per_t"].tolist()[:5] == [330_000, 250_000, 260_000, 1_300_000, 1_000_000]
    assert p["price_usd_per_t"].iloc[5:].isna().all()  # not a USD price: not converted


def test_hand_made_salient(tmp_path):
    (td,) = usgs_prices.load(_write(tmp_path, usgs_prices.SALIENT, SALIENT), LoadContext(scratch=tmp_path))
    s = td.frame
    assert s["raw"].tolist() == ["45,500", "W", "-120", "—"]
    assert s["value"].tolist()[0] == 45_500 and pd.isna(s["value"].iloc[1])
    assert s["value"].tolist()[2:] == [-120, 0]  # a stock change may be negative; "—" is zero


@pytest.mark.parametrize(
    ("old", "new", "row", "field", "problem"),
    [
        (",330,250,", ",330,2.5O,", 2, "2024", "'2.5O' is not a number"),
        (",1300000,", ",-1300000,", 3, "2023", "negative"),
        (",USD/t,", ",,", 3, "unit", "missing"),
        ("product,unit,", "product,units,", 1, "unit", "missing column"),
        ("2023,2024,2025e", "2023,2024,avg", 1, "avg", "not a year"),
    ],
)
def test_bad_price_file(tmp_path, old, new, row, field, problem):
    f = _write(tmp_path, usgs_prices.PRICES, PRICES.replace(old, new, 1))
    with pytest.raises(InputError, match=problem) as e:
        usgs_prices.load(f, LoadContext(scratch=tmp_path))
    assert (e.value.file, e.value.row, e.value.field) == (str(f), row, field)


def test_bad_salient_value(tmp_path):
    f = _write(tmp_path, usgs_prices.SALIENT, SALIENT.replace("-120", "about 120"))
    with pytest.raises(InputError, match="'about 120' is not a number") as e:
        usgs_prices.load(f, LoadContext(scratch=tmp_path))
    assert (e.value.file, e.value.row, e.value.field) == (str(f), 3, "2024")


def test_duplicate_product_row(tmp_path):
    lines = PRICES.splitlines()
    f = _write(tmp_path, usgs_prices.PRICES, "\n".join([*lines, lines[1]]) + "\n")
    with pytest.raises(InputError, match="duplicate key") as e:
        usgs_prices.load(f, LoadContext(scratch=tmp_path))
    assert e.value.row == 5
