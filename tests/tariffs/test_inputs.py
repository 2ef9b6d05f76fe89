"""TariffMeasure validation and the elasticity files."""

from __future__ import annotations

import math

import pytest
from pydantic import ValidationError

from chokepoints.errors import InputError
from chokepoints.tariffs import elasticities as el
from chokepoints.tariffs.measure import TariffMeasure


def test_measure_defaults_and_hs():
    m = TariffMeasure(actor="USA", targets=["EU27"], rate=0.3)
    assert m.kind == "import_tariff" and m.hs == ["all"] and m.stacking == "replace" and m.all_products
    assert TariffMeasure(actor="USA", targets=["JPN"], hs=["2846", "28.05"], rate=0.1).hs == ["2846", "2805"]


@pytest.mark.parametrize("bad, where", [
    ({"rate": -0.1}, "rate"),
    ({"rate": math.inf}, "rate"),
    ({"baseline_rate": -1}, "baseline_rate"),
    ({"hs": ["28461"]}, "hs"),
    ({"hs": ["all", "2846"]}, "hs"),
    ({"targets": []}, "targets"),
    ({"stacking": "sum"}, "stacking"),
    ({"intensity": 0.5}, "intensity"),  # extra keys are refused
    ({"kind": "export_ban"}, "kind"),
])
def test_measure_rejects(bad, where):
    with pytest.raises(ValidationError) as e:
        TariffMeasure.model_validate({"actor": "USA", "targets": ["EU27"], "rate": 0.3} | bad)
    assert e.value.errors()[0]["loc"][0] == where


def test_shipped_defaults_are_documented():
    tab = el.table()
    assert (tab["source"].str.len() > 20).all()
    e = el.for_products(["2846", "284690"])
    assert e["import_demand"].tolist() == [-1.0, -1.0]
    assert e["substitution"].tolist() == [1.5, 1.5]
    assert e["export_supply"].tolist() == [math.inf, math.inf]


def test_user_file_overrides_most_specific_first(tmp_path):
    f = tmp_path / "e.csv"
    f.write_text("hs,import_demand,substitution,export_supply,source\n"
                 "28,-0.5,,,chapter\n2846,-2.0,4,3,heading\n284690,,,,empty row falls through\n")
    e = el.for_products(["284690", "2805", "7403"], el.table(f), supply_elasticity=10.0).set_index("product")
    assert e.loc["284690", "import_demand"] == -2.0 and e.loc["284690", "substitution"] == 4.0
    assert e.loc["284690", "export_supply"] == 3.0
    assert e.loc["2805", "import_demand"] == -0.5 and e.loc["2805", "substitution"] == 1.5  # shipped '*'
    assert e.loc["7403", "import_demand"] == -1.0 and e.loc["7403", "export_supply"] == 10.0  # run parameter
    assert e.loc["2805", "import_demand_from"] == "e.csv:28"


@pytest.mark.parametrize("row, field", [
    ("2846,1.2,1.5,,", "import_demand"),
    ("2846,-1,-1,,", "substitution"),
    ("2846,-1,1.5,0,", "export_supply"),
    ("28461,-1,1.5,,", "hs"),
    ("2846,abc,1.5,,", "import_demand"),
])
def test_bad_elasticity_file_names_line_and_field(tmp_path, row, field):
    f = tmp_path / "e.csv"
    f.write_text("hs,import_demand,substitution,export_supply,source\n" + row + "\n")
    with pytest.raises(InputError) as e:
        el.read(f)
    assert e.value.row == 2 and e.value.field == field and str(f) in str(e.value)


def test_supply_elasticity_must_be_positive():
    with pytest.raises(InputError, match="supply"):
        el.for_products(["2846"], supply_elasticity=0.0)
