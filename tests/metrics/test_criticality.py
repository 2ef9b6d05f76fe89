"""EU criticality (metrics/criticality.py): the formulas by hand, their properties, and the published 2023 values."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import chokepoints as ck
from chokepoints.errors import ChokepointsError
from chokepoints.metrics import criticality as c
from chokepoints.warehouse import bundled_data

ANNEX_II = {
    "Aluminium/bauxite/alumina", "Antimony", "Arsenic", "Baryte", "Beryllium", "Bismuth", "Boron/borate", "Cobalt",
    "Coking coal", "Copper", "Feldspar", "Fluorspar", "Gallium", "Germanium", "Hafnium", "Helium",
    "Heavy rare earth elements", "Light rare earth elements", "Lithium", "Magnesium", "Manganese", "Natural graphite",
    "Nickel – battery grade", "Niobium", "Phosphate rock", "Phosphorus", "Platinum group metals", "Scandium",
    "Silicon metal", "Strontium", "Tantalum", "Titanium metal", "Tungsten", "Vanadium",
}  # Regulation (EU) 2024/1252, Annex II, Section 1


@pytest.fixture(scope="module")
def cwh(tmp_path_factory, engine):
    data = bundled_data()
    w = ck.open(tmp_path_factory.mktemp("crit") / "wh.duckdb", engine=engine)
    w.ingest([data / "raw" / "eu_crm", data / "raw" / "wgi"], include_defaults=False)
    yield w
    w.close()


@pytest.fixture(scope="module")
def table(cwh):
    return c.criticality(cwh).set_index("material")


# ------------------------------------------------------------------------------------------- hand-computed
def test_rescale_wgi_endpoints():
    assert c.rescale_wgi(2.5) == 0 and c.rescale_wgi(-2.5) == 10 and c.rescale_wgi(0.0) == 5
    s = c.rescale_wgi(pd.Series([2.5, -2.5]))
    assert isinstance(s, pd.Series) and s.tolist() == [0, 10]


def test_hhi_wgi_t_by_hand():
    shares, wgi, t = pd.Series([0.6, 0.3, 0.1]), pd.Series([6.0, 2.0, 8.0]), pd.Series([1.1, 0.8, 1.0])
    # 0.36*6*1.1 + 0.09*2*0.8 + 0.01*8*1 = 2.376 + 0.144 + 0.08
    assert c.hhi_wgi_t(shares, wgi, t) == pytest.approx(2.6)
    assert c.hhi_wgi_t(np.array([1.0]), np.array([5.0]), np.array([1.0])) == pytest.approx(5.0)


def test_supply_risk_by_hand():
    # [2 * 0.8/2 + 1 * (1 - 0.8/2)] * (1 - 0.1) * 0.9 = (0.8 + 0.6) * 0.81
    assert c.supply_risk(2.0, 1.0, 0.8, 0.1, 0.9) == pytest.approx(1.134)
    assert c.supply_risk(3.0, 1.0, 0.0, 0.0, 1.0) == pytest.approx(1.0)  # IR 0: EU sourcing only
    assert c.supply_risk(3.0, 3.0, 0.5, 1.0, 1.0) == 0  # all recycled: no supply risk


def test_economic_importance_by_hand():
    # (0.7 * 100 + 0.3 * 50) * 0.9 / 200 * 10 = 85 * 0.045
    assert c.economic_importance(pd.Series([0.7, 0.3]), pd.Series([100.0, 50.0]), 0.9, 200.0) == pytest.approx(3.825)


def test_is_critical_thresholds():
    assert c.is_critical(1.0, 2.8) and not c.is_critical(0.99, 5) and not c.is_critical(3, 2.79)
    assert c.is_critical(pd.Series([1.0, 0.5]), pd.Series([3.0, 3.0])).tolist() == [True, False]


# ------------------------------------------------------------------------------------------- properties
unit = st.floats(0, 1, allow_nan=False)
small = st.floats(0, 10, allow_nan=False)


@given(st.lists(st.tuples(unit, small, st.floats(0.5, 1.5)), min_size=1, max_size=6), st.integers(0, 5), small, unit)
def test_sr_monotone_in_wgi_and_t(rows, i, bump, ir):
    shares, wgi, t = (np.array(x) for x in zip(*rows, strict=True))
    i = i % len(rows)
    base = c.supply_risk(c.hhi_wgi_t(shares, wgi, t), c.hhi_wgi_t(shares, wgi, t), ir, 0.1, 0.9)
    worse_w, more_t = wgi.copy(), t.copy()
    worse_w[i] += bump
    more_t[i] += bump
    assert c.supply_risk(c.hhi_wgi_t(shares, worse_w, t), c.hhi_wgi_t(shares, worse_w, t), ir, 0.1, 0.9) >= base
    assert c.supply_risk(c.hhi_wgi_t(shares, wgi, more_t), c.hhi_wgi_t(shares, wgi, more_t), ir, 0.1, 0.9) >= base


@given(small, small, unit, unit, unit, unit)
def test_more_recycling_never_raises_sr(gs, eu, ir, eol, more, si):
    higher = min(1.0, eol + more)
    assert c.supply_risk(gs, eu, ir, higher, si) <= c.supply_risk(gs, eu, ir, eol, si) + 1e-12


@given(st.lists(st.tuples(unit, st.floats(0, 1e5)), min_size=1, max_size=6), st.integers(0, 5), st.floats(0, 1e5))
def test_ei_monotone_in_share_times_va(rows, i, extra):
    shares, va = (np.array(x) for x in zip(*rows, strict=True))
    base = c.economic_importance(shares, va, 0.9, 2e5)
    va2 = va.copy()
    va2[i % len(rows)] += extra
    assert c.economic_importance(shares, va2, 0.9, 2e5) >= base - 1e-9


# ------------------------------------------------------------------------------------------- real data
def test_reproduces_published_sr(cwh):
    df = c.criticality(cwh)
    assert len(df) == 90  # 87 materials and the groups HREE, LREE, PGM
    assert df["reproduced"].sum() >= 72
    misses = set(df.loc[~df["reproduced"], "material"])
    assert misses <= set(c.data.MISSES)  # every miss has its documented reason


@pytest.mark.parametrize(("material", "sr", "ei"), [("Gallium", 3.9, 3.7), ("HREE", 5.1, 4.2), ("Cobalt", 2.8, 6.8),
                                                   ("Lithium", 1.9, 3.9)])
def test_published_values(table, material, sr, ei):
    row = table.loc[material]
    assert (row["sr_published"], row["ei_published"]) == (sr, ei)
    if material != "HREE":  # HREE misses (Terbium, Yttrium): docs/methods/criticality.md
        assert abs(round(row["sr"], 1) - sr) <= 0.1 + 1e-9


def test_by_hand_cobalt(table):
    row = table.loc["Cobalt"]  # extraction, GSonly: HHI * (1 - EoL) * SI_SR
    assert row["stage"] == "extraction" and row["sourcing"] == "GSonly"
    assert row["sr"] == pytest.approx(row["hhi_gs"] * (1 - 0.22) * 0.98, abs=1e-3)
    assert row["ei"] == pytest.approx(6.82, abs=0.01)  # (0.36*132361 + 0.57*163568 + 0.03*89422) * 0.97 / 204200 * 10


def test_annex_ii_34(cwh):
    crm = c.critical_raw_materials(cwh)
    assert set(crm["name"]) == ANNEX_II and len(crm) == 34
    assert crm["by_thresholds"].sum() == 32
    assert set(crm.loc[~crm["by_thresholds"], "name"]) == {"Copper", "Nickel – battery grade"}
    hree = crm.set_index("material").loc["HREE", "members"]
    assert "Dysprosium" in hree and "Terbium" in hree


def test_overrides_change_sr_only_where_they_apply(cwh):
    df = c.criticality(cwh, overrides={"wgi": {"CHN": 10.0}, "ir": {"Cobalt": 0.0}}).set_index("material")
    assert df.loc["Gallium", "sr"] > df.loc["Gallium", "sr_baseline"]
    assert df.loc["Gallium", "ei"] == df.loc["Gallium", "ei_baseline"]
    assert df.loc["Cobalt", "sr"] >= df.loc["Cobalt", "sr_baseline"]  # CHN in Cobalt's global supply (GSonly)
    assert df.loc["Aggregates", "sr"] == df.loc["Aggregates", "sr_baseline"]  # EU sourcing only, no China
    shares = c.Overrides(shares=[c.ShareOverride(material="Gallium", stage="processing", country="CHN", share=0.0)])
    low = c.criticality(cwh, overrides=shares, materials=["gallium"])
    assert len(low) == 1 and low["sr"].iloc[0] < low["sr_baseline"].iloc[0]


def test_errors(cwh):
    with pytest.raises(ChokepointsError, match="unknown material"):
        c.criticality(cwh, materials=["Unobtainium"])
    with pytest.raises(ChokepointsError, match="unknown material"):
        c.criticality(cwh, overrides={"eol_rir": {"Unobtainium": 0.5}})
    with pytest.raises(ChokepointsError, match="wgi"):
        c.criticality(cwh, overrides={"wgi": {"CHN": 11}})
    with pytest.raises(ChokepointsError, match="ISO3=VALUE"):
        c.Overrides.from_cli(set_t=["CHN"])
    ov = c.Overrides.from_cli(set_t=["chn=1.2"], set_share=["Gallium:processing:CHN=0.5"], set_ir=["Cobalt=0.3"])
    assert ov.t == {"CHN": 1.2} and ov.shares[0].share == 0.5 and ov.ir == {"Cobalt": 0.3}


def test_cli(cwh, tmp_path):
    import shutil

    from typer.testing import CliRunner

    from chokepoints.cli import app

    cwh.con.execute("CHECKPOINT")  # the CLI opens its own (read-only) connection: give it a copy
    db = shutil.copy(cwh.path, tmp_path / "copy.duckdb")
    r = CliRunner().invoke(app, ["criticality", "--db", str(db), "--format", "csv", "--material", "Gallium",
                                 "--set-t", "CHN=1.5"])
    assert r.exit_code == 0, r.output
    head, row = r.output.strip().splitlines()[:2]
    assert head.startswith("material,stage,sr,ei,critical,sr_published,ei_published,sr_diff,ei_diff")
    assert row.startswith("Gallium,processing,")
    bad = CliRunner().invoke(app, ["criticality", "--db", str(db), "--set-wgi", "CHN"])
    assert bad.exit_code == 1 and "error" in bad.output
