"""optimise/inputs.py and costs.py: the supply table and projects become arrays; costs load and merge."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from chokepoints.errors import InputError
from chokepoints.optimise import build_problem, convert_projects, load_costs
from chokepoints.optimise.costs import crf
from conftest import no_projects, supply

ROOT = Path(__file__).resolve().parents[2]
STAGES = ["ore", "oxide", "metal", "magnet"]


def test_demand_is_baseline_summed_over_sources(two_by_two):
    p = build_problem(two_by_two, no_projects(), load_costs(), alliance="EU27+JPN")
    assert p.demand.sel(member="A", stage="oxide") == 100
    assert p.demand.sel(member="B", stage="oxide") == 100
    assert p.available.sel(run=0, member="A", source="CHN", stage="oxide") == 0
    assert np.allclose(p.prob.values, [0.5, 0.5])
    # CHN and AUS are outside EU27+JPN: third countries
    assert bool(p.third.sel(member="A", source="CHN")) and bool(p.third.sel(member="A", source="AUS"))


def test_top_third_share(two_by_two):
    p = build_problem(two_by_two, no_projects(), load_costs(), alliance="EU27+JPN")
    assert float(p.top_third_share().sel(member="A", stage="oxide")) == pytest.approx(0.8)
    assert float(p.top_third_share().sel(member="B", stage="oxide")) == pytest.approx(0.5)


def test_hold_cost_is_rate_times_price_times_years():
    c = load_costs()
    df = supply([(0, "A", "CHN", "oxide", 10, 10)], horizon=24)
    p = build_problem(df, no_projects(), c, alliance="EU27+JPN")
    price = c.prices["rare-earth-magnets"]["oxide"].value
    assert float(p.hold_cost.sel(stage="oxide")) == pytest.approx(price * c.finance.holding_cost_rate.value * 2)


def test_bad_supply_tables_are_named():
    with pytest.raises(InputError, match="lacks column"):
        build_problem(pd.DataFrame({"run": [0]}), no_projects(), load_costs(), alliance="EU27+JPN")
    df = supply([(0, "A", "CHN", "oxide", 10, -1)])
    with pytest.raises(InputError, match="available_t"):
        build_problem(df, no_projects(), load_costs(), alliance="EU27+JPN")
    df = supply([(0, "A", "CHN", "oxide", 10, 5), (1, "A", "CHN", "oxide", 12, 5)])
    with pytest.raises(InputError, match="baseline_t differs"):
        build_problem(df, no_projects(), load_costs(), alliance="EU27+JPN")
    df = supply([(0, "A", "CHN", "oxide", 10, 5)])
    df.attrs.pop("start")
    with pytest.raises(InputError, match="start"):
        build_problem(df, no_projects(), load_costs(), alliance="EU27+JPN")


def test_stage_without_price_names_the_key():
    df = supply([(0, "A", "CHN", "cathode", 10, 5)])
    with pytest.raises(InputError, match=r"prices\.rare-earth-magnets\.cathode"):
        build_problem(df, no_projects(), load_costs(), alliance="EU27+JPN")


def test_user_costs_override_one_key(tmp_path):
    f = tmp_path / "c.toml"
    f.write_text("[prices.rare-earth-magnets.oxide]\nvalue = 1.0\n[policy.crma]\nenabled = true\n")
    c = load_costs(f)
    assert c.prices["rare-earth-magnets"]["oxide"].value == 1.0
    assert c.prices["rare-earth-magnets"]["metal"].value == 63000  # untouched
    assert c.policy.crma.enabled and not c.policy.days_of_cover.enabled  # days of cover: off by default
    f.write_text("[finance.discount_rate]\nvalue = 'high'\n")
    with pytest.raises(InputError, match="finance.discount_rate.value"):
        load_costs(f)


def test_crf_by_hand():
    assert crf(0.08, 20) == pytest.approx(0.08 / (1 - 1.08 ** -20))
    assert crf(0.0, 10) == pytest.approx(0.1)


def test_real_projects_conversion(real_projects):
    kept, excluded = convert_projects(real_projects, load_costs(), chain="rare-earth-magnets", start="2025-04",
                                      horizon_months=24, stages=STAGES)
    k = kept.set_index("id")
    why = excluded.set_index("id")["reason"]
    assert len(kept) + len(excluded) == len(real_projects)
    # Neo Narva: 2,000 t/yr magnets from 1 July 2025 = month 3 of a horizon starting April 2025: 21 months
    assert k.loc["P-NEO-NARVA", "stage"] == "magnet"
    assert k.loc["P-NEO-NARVA", "first_month"] == 3
    assert k.loc["P-NEO-NARVA", "supply_t"] == pytest.approx(2000 * 21 / 12)
    # Caremag recycling: 2,000 t magnets x 0.30 x 1.166 -> oxide; its own capex row
    assert k.loc["P-CAREMAG-REC", "stage"] == "oxide"
    assert k.loc["P-CAREMAG-REC", "annual_t"] == pytest.approx(2000 * 0.30 * 1.166)
    assert k.loc["P-CAREMAG-REC", "capex_usd_per_t"] == pytest.approx(235.4e6 / (2000 * 0.30 * 1.166))
    assert k.loc["P-CAREMAG-SEP", "annual_t"] == 1400  # override from costs.toml
    # Lynas Malaysia operates already: its spare capacity (20 %, assumption) can be contracted at the premium
    assert k.loc["P-LYN-MY", "kind"] == "contract" and k.loc["P-LYN-MY", "annual_t"] == pytest.approx(10500 * 0.2)
    assert k.loc["P-LYN-MY", "capex_usd_per_t"] == 0
    assert "not part of chain" in why["P-METLEN-GA"]
    # Tanbreez: 425,000 t/yr of ore x REO grade 0.0037 (project_assumptions.csv, cited) = ~1,570 t REO, but its start
    # (2027, assumption) plus the feasibility delay is after the horizon
    assert "after the 24-month horizon" in why["P-TANBREEZ"]
    assert "after the 24-month horizon" in why["P-ILUKA-ENEABBA"]  # 2027
    # Songwe is at feasibility: 2025 + 2 years' delay -> July 2027, after a horizon ending March 2027
    assert "after the 24-month horizon" in why["P-SONGWE"]


def test_project_in_a_member_counts_as_domestic(real_projects):
    rows = [(0, "EU27", "CHN", "oxide", 100, 0), (0, "JPN", "CHN", "oxide", 100, 0),
            (0, "EU27", "CHN", "magnet", 100, 0), (0, "JPN", "CHN", "magnet", 100, 0)]
    p = build_problem(supply(rows, horizon=24, start="2025-04"), real_projects, load_costs(), alliance="EU27+JPN")
    ps = p.project_supply
    # Caremag (France): domestic for the EU, a French source for Japan
    assert float(ps.sel(project="P-CAREMAG-SEP", member="EU27", source="domestic", stage="oxide")) > 0
    assert float(ps.sel(project="P-CAREMAG-SEP", member="JPN", source="FRA", stage="oxide")) > 0
    assert float(ps.sel(project="P-CAREMAG-SEP", member="JPN", source="domestic").sum()) == 0
