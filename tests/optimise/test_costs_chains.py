"""All three chains are costed: every stage has a sourced price (reference/prices.toml) and a sourced downstream
value (optimise/costs.toml); trade unit values recompute from the bundled data; the battery chain's downstream
values follow the chain factors; the non-rare-earth project rows map to their chain stage."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from chokepoints.optimise.costs import load_costs, stage_costs
from chokepoints.optimise.inputs import convert_projects
from chokepoints.reference.chains import chain
from chokepoints.reference.prices import price_table

CHAINS = ["rare-earth-magnets", "li-ion-batteries", "semiconductor-materials"]
KINDS = {"cited", "derived", "assumption"}
RAW = Path(__file__).resolve().parents[2] / "data" / "raw"
BACI = RAW / "baci_hs17_critical" / "BACI_HS17_Y2024_V202601.csv"
CHINA = RAW / "china_comtrade_cm"

# (chain, stage) -> (HS6, BACI exporter code or None for the world): prices that are a BACI 2024 unit value as is
BACI_PRICES = {
    ("li-ion-batteries", "lithium_chemicals"): ("283691", None),
    ("li-ion-batteries", "nickel_refined"): ("750210", None),
    ("semiconductor-materials", "silicon_metal"): ("280469", None),
    ("semiconductor-materials", "gallium"): ("811292", 156),  # China; a proxy from a mixed code
}
# (chain, stage) -> HS6: China's 2024 exports in data/raw/china_comtrade_cm (deep_dive_hs6_monthly.csv)
CHINA_PRICES = {
    ("li-ion-batteries", "natural_graphite"): "250410",
    ("li-ion-batteries", "synthetic_graphite"): "380110",
}


def _entries(table: str) -> list[tuple[str, str, dict]]:
    if table == "prices":
        raw = price_table()["prices"]
    else:
        costs = load_costs()
        raw = {c: {s: v.model_dump() for s, v in stages.items()} for c, stages in getattr(costs, table).items()}
    return [(c, s, v) for c, stages in raw.items() for s, v in stages.items()]


@pytest.mark.parametrize("name", CHAINS)
def test_every_stage_has_a_price_and_a_shortfall_value(name):
    stages = chain(name).stage_ids
    sc = stage_costs(load_costs(), name, stages)  # raises InputError naming the first missing key
    assert set(sc.price) == set(stages) and set(sc.shortfall_value) == set(stages)
    prices = price_table()["prices"][name]
    assert set(stages) <= set(prices), "prices.toml itself (not only an override in costs.toml) holds every stage"


@pytest.mark.parametrize("table", ["prices", "shortfall_value", "capex"])
def test_every_number_is_labelled(table):
    for c, s, v in _entries(table):
        where = f"{table}.{c}.{s}"
        assert v["kind"] in KINDS, where
        assert v["value"] >= 0 and v["year"], where
        assert v["source"].strip() and v["source"] != "user file", where
        if v["kind"] in ("derived", "assumption"):
            assert len(v["note"]) > 20, f"{where}: a {v['kind']} number carries its derivation or reasoning"
        if v["kind"] in ("cited", "derived"):
            assert any(a in v["source"] for a in ("http", "data/", ".toml")), f"{where}: source names an address"


def test_downstream_value_is_at_least_the_price():
    costs = load_costs()
    for name in CHAINS:
        sc = stage_costs(costs, name, chain(name).stage_ids)
        for s in sc.price:
            assert sc.shortfall_value[s].value >= sc.price[s].value, f"{name}.{s}"


def _baci_unit_value(hs6: str, exporter: int | None) -> float:
    d = pd.read_csv(BACI, dtype={"k": str}, na_values=["NA"])
    d = d[(d["k"] == hs6) & d["q"].notna() & (d["q"] > 0)]
    if exporter is not None:
        d = d[d["i"] == exporter]
    return d["v"].sum() * 1000 / d["q"].sum()  # v in thousand USD, q in t


@pytest.mark.parametrize(("key", "code"), list(BACI_PRICES.items()))
def test_baci_unit_values_recompute(key, code):
    hs6, exporter = code
    entry = price_table()["prices"][key[0]][key[1]]
    assert entry["kind"] == "derived" and f"HS {hs6}" in entry["source"] and "BACI V202601" in entry["source"]
    assert entry["value"] == pytest.approx(_baci_unit_value(hs6, exporter), rel=0.01)


@pytest.mark.parametrize(("key", "hs6"), list(CHINA_PRICES.items()))
def test_china_export_unit_values_recompute(key, hs6):
    d = pd.read_csv(CHINA / "deep_dive_hs6_monthly.csv", dtype={"hs6": str})
    d = d[(d["hs6"] == hs6) & d["period_dt"].str.startswith("2024") & (d["qty"] > 0)]
    entry = price_table()["prices"][key[0]][key[1]]
    assert entry["kind"] == "derived" and f"HS {hs6}" in entry["source"]
    assert entry["value"] == pytest.approx(d["val"].sum() / d["qty"].sum() * 1000, rel=0.01)  # USD, kg


def test_polysilicon_unit_value_recomputes():
    o = pd.read_csv(CHINA / "overview_monthly.csv")
    o = o[(o["broad_group"] == "Polysilicon") & o["period_dt"].str.startswith("2024") & (o["total_qty"] > 0)]
    entry = price_table()["prices"]["semiconductor-materials"]["polysilicon"]
    assert entry["value"] == pytest.approx(o["total_value"].sum() / o["total_qty"].sum() * 1000, rel=0.01)


def test_every_derived_trade_unit_value_is_checked_here():
    checked = set(BACI_PRICES) | set(CHINA_PRICES) | {("semiconductor-materials", "polysilicon")}
    for c, s, v in _entries("prices"):
        if v["kind"] == "derived" and v["source"].startswith(("CEPII BACI", "UN Comtrade")):
            assert (c, s) in checked, f"prices.{c}.{s}: add it to this file's recomputation tables"


def test_battery_downstream_values_follow_the_chain_factors():
    """cell = 250 kWh per t / 75 kWh per car x the vehicle price; upstream = downstream value / factor."""
    costs = load_costs()
    ch = chain("li-ion-batteries")
    sv = {s: v.value for s, v in costs.shortfall_value["li-ion-batteries"].items()}
    vehicle = price_table()["prices"]["rare-earth-magnets"]["vehicle"]["value"]
    assert sv["cell"] == pytest.approx(250 / 75 * vehicle, rel=1e-3)
    for st in ch.stages:
        for inp, f in st.factors.items():
            assert sv[inp] == pytest.approx(sv[st.id] / f.per_unit, rel=2e-3), f"{inp} -> {st.id}"


def test_non_rare_earth_projects_map_to_their_stage(real_projects):
    projects = real_projects.copy()
    projects.loc[projects["id"] == "P-KELIBER", "start_year"] = 2026  # blank in the table; set to test the mapping
    costs = load_costs()
    li, _ = convert_projects(projects, costs, chain="li-ion-batteries", start="2024-01", horizon_months=72,
                             stages=["lithium_chemicals", "anode"])
    got = li.set_index("id")
    assert got.loc["P-KELIBER", "stage"] == "lithium_chemicals"
    assert got.loc["P-KELIBER", "annual_t"] == pytest.approx(15000 * 0.880)  # t LiOH.H2O -> t LCE
    assert got.loc["P-TALGA-LULEA", "stage"] == "anode" and got.loc["P-TALGA-LULEA", "annual_t"] == 19500
    assert set(got.index) == {"P-KELIBER", "P-TALGA-LULEA"}  # no rare-earth row slips in by a material word
    semi, _ = convert_projects(projects, costs, chain="semiconductor-materials", start="2027-01", horizon_months=60,
                               stages=["gallium", "germanium"])
    assert list(semi["id"]) == ["P-METLEN-GA"] and semi["stage"].iloc[0] == "gallium"
    assert semi["annual_t"].iloc[0] == 50
