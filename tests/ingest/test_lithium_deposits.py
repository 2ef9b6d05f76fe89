from pathlib import Path

import pandas as pd
import pytest

from chokepoints.errors import InputError
from chokepoints.ingest import lithium_deposits as m

RAW = Path(__file__).resolve().parents[2] / "data" / "raw" / "lithium_deposits_busch"


def test_matches():
    assert m.matches(RAW) and m.matches(RAW / "Deposit.csv") and m.matches(RAW / "USGS_Production_lithium.csv")
    assert not m.matches(RAW / "SOURCE.md")


@pytest.fixture(scope="module")
def real():
    return {t.table: t.frame for t in m.load(RAW, None)}


def test_real_deposits(real):
    d = real["deposits"]
    assert len(d) == 160 and d["id"].is_unique
    assert d["country"].value_counts()[["CAN", "USA", "ARG", "CHL"]].tolist() == [34, 20, 20, 16]
    assert d["resource_type"].value_counts().to_dict() == {"Hard Rock": 92, "Brine": 55, "Volcano-Sedimentary": 13}
    assert d["status"].value_counts()["producing"] == 36
    atacama = d.set_index("id").loc["BUSCH-1"]
    assert atacama["name"] == "Salar de Atacama (SQM)" and atacama["country"] == "CHL"
    assert atacama["resource_kt"] == 10800 and atacama["reserve_kt"] == 360 and atacama["grade_pct_li"] == 0.2
    assert pd.isna(d.set_index("id").loc["BUSCH-2", "grade_pct_li"])  # 'NA' in the file
    assert d["production_2022_kt"].sum() == pytest.approx(146.45)


def test_real_production(real):
    p = real["production"]
    assert len(p) == 16 and set(p["commodity"]) == {"Lithium (MCS 2024)"} and set(p["stage"]) == {"extraction"}
    rows = p.set_index(["year", "country"])
    assert rows.loc[(2022, "AUS"), "quantity_t"] == 74700 and rows.loc[(2023, "CHL"), "quantity_t"] == 44000
    # the deposits' 2022 rates (kt) add up to the same total: the unit check in the module docstring
    assert p.loc[p["year"] == 2022, "quantity_t"].sum() == 146450
    assert not p["estimated"].any()


def test_unknown_country(tmp_path):
    f = tmp_path / "USGS_Production_lithium.csv"
    f.write_text("Country,Year,USGS_production\nChile,2022,38000\nAtlantis,2022,5\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        m.parse_production(f)
    assert (e.value.row, e.value.field) == (3, "Country")


def test_production_not_a_number(tmp_path):
    f = tmp_path / "USGS_Production_lithium.csv"
    f.write_text("Country,Year,USGS_production\nChile,2022,38 000\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        m.parse_production(f)
    assert (e.value.row, e.value.field) == (2, "USGS_production")


def _deposit_file(tmp_path, edit):
    lines = (RAW / "Deposit.csv").read_text(encoding="utf-8").splitlines()[:4]
    lines[3] = edit(lines[3])
    f = tmp_path / "Deposit.csv"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return f


def test_deposit_latitude_out_of_range(tmp_path):
    f = _deposit_file(tmp_path, lambda line: line.replace("33.163", "133.163"))
    with pytest.raises(InputError) as e:
        m.parse_deposits(f)
    assert (e.value.row, e.value.field) == (4, "latitude")


def test_deposit_unknown_status(tmp_path):
    f = _deposit_file(tmp_path, lambda line: line.replace('"No info"', '"Closed"'))
    with pytest.raises(InputError) as e:
        m.parse_deposits(f)
    assert (e.value.row, e.value.field) == (4, "status")


def test_deposit_open_mine_not_bool(tmp_path):
    f = _deposit_file(tmp_path, lambda line: line.replace(",FALSE,", ",maybe,", 1))
    with pytest.raises(InputError) as e:
        m.parse_deposits(f)
    assert (e.value.row, e.value.field) == (4, "open_mine")
