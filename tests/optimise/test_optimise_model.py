"""optimise/model.py + solve.py: small instances solved by hand, then properties every instance must keep."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from chokepoints.errors import ChokepointsError
from chokepoints.optimise import InfeasibleError, build_problem, cvar, load_costs, optimise, solve
from chokepoints.optimise.model import min_stock
from conftest import PROJECT_COLUMNS, no_projects, supply

ALL_OFF = ("crma", "days_of_cover", "budget", "risk")


def policy(*on: str, **changes):
    pol = load_costs().policy
    for name in ALL_OFF:
        pol = pol.switched(name, name in on)
    for name, upd in changes.items():
        pol = pol.model_copy(update={name: getattr(pol, name).model_copy(update=upd)})
    return pol


def problem(df, projects=None, *, hold=100.0, value=150.0, contract_cost=None, contract_share=0.0):
    p = build_problem(df, no_projects() if projects is None else projects, load_costs(), alliance="EU27+JPN")
    p.hold_cost[:] = hold
    p.shortfall_value[:] = value
    if contract_cost is not None:
        p.contract_cost[:] = contract_cost
    p.contract_max_share = contract_share
    return p


# ---- hand-solved: two members, two sources, two scenarios

@pytest.mark.parametrize("sharing", ["pro_rata", "pool"])
def test_two_members_two_sources_two_scenarios(two_by_two, sharing):
    """Holding a tonne costs 100; a tonne short costs 150; each run has probability 1/2.

    Solo: a tonne of A's stock is used only in run 0 (A short 80): worth 0.5 x 150 = 75 < 100, so no stock; cost
    0.5 x 80 x 150 + 0.5 x 50 x 150 = 6,000 + 3,750 = 9,750. Joint: a pooled tonne is used in both runs up to 50 t
    (A short 80 in run 0, B short 50 in run 1): worth 150 > 100, so 50 t; the next 30 t are used only in run 0
    (75 < 100). Cost 50 x 100 + 0.5 x 30 x 150 = 7,250. Value of the alliance: 2,500.
    """
    p = problem(two_by_two)
    r = optimise(p, policy(objective={"sharing": sharing}))
    s = r.summary.set_index(["mode", "member"])
    assert s.loc[("solo", "total"), "cost"] == pytest.approx(9750)
    assert s.loc[("solo", "A"), "cost"] == pytest.approx(6000)
    assert s.loc[("solo", "A"), "expected_shortfall_t"] == pytest.approx(40)
    assert s.loc[("solo", "B"), "cvar_shortfall_t"] == pytest.approx(50)  # alpha 0.95: the worse run
    assert s.loc[("joint", "total"), "cost"] == pytest.approx(7250)
    assert float(r.results["joint"].stock.sum()) == pytest.approx(50)
    assert s.loc[("joint", "total"), "expected_shortfall_t"] == pytest.approx(15)
    v = r.value_of_alliance().set_index("member")
    assert v.loc["total", "cost"] == pytest.approx(2500)
    if sharing == "pro_rata":
        # equal demand: each member is short 15 t in run 0 and pays half of the 5,000 of stock
        assert s.loc[("joint", "A"), "cost"] == pytest.approx(2500 + 0.5 * 15 * 150)
        assert v.loc["A", "cost"] == pytest.approx(6000 - 3625)
        assert v.loc["B", "cost"] == pytest.approx(3750 - 3625)
        assert s.loc[("joint", "A"), "cvar_shortfall_t"] == pytest.approx(15)


def test_shortfall_before_is_demand_less_what_arrives(two_by_two):
    r = optimise(problem(two_by_two), policy(), modes=("solo",))
    assert r.before.sel(run=0, member="A").item() == 80
    assert r.before.sel(run=1, member="B").item() == 50
    assert r.before.sel(run=1, member="A").item() == 0


def one_member(rows, **kw):
    return problem(supply(rows), **kw)


@pytest.mark.parametrize(("hold", "cost", "short"), [(1000.0, 150 * 300 / 7, 300 / 7), (100.0, 1500.0, 0.0)])
def test_crma_cap_by_hand(hold, cost, short):
    """A gets 80 t from China and 20 t from Australia; China may supply at most 65 % of A's consumption.

    Without stock: x_CHN = 0.65 (100 - u) and 20 + x_CHN + u = 100 give u = 15 / 0.35 = 42.86 t short. With
    stock at 100/t (< 150), 15 t of stock fill the gap instead: cost 1,500.
    """
    p = one_member([(0, "A", "CHN", "oxide", 80, 80), (0, "A", "AUS", "oxide", 20, 20)], hold=hold)
    res = solve(p, policy("crma"), "solo")
    assert res.objective == pytest.approx(cost)
    assert float(res.shortfall.sum()) == pytest.approx(short)
    assert solve(p, policy(), "solo").objective == pytest.approx(0)


def test_contract_by_hand():
    """Run 1 cuts A's 80 t from China; Australia (20 t, reliable) can sell 50 % more on contract at 10/t.

    10 t of contract (10 x 10 = 100) cover 10 t of run 1's gap (worth 0.5 x 150 = 75 a tonne); stock (100/t) is
    not worth it. Cost 100 + 0.5 x 70 x 150 = 5,350.
    """
    rows = [(0, "A", "CHN", "oxide", 80, 80), (0, "A", "AUS", "oxide", 20, 20),
            (1, "A", "CHN", "oxide", 80, 0), (1, "A", "AUS", "oxide", 20, 20)]
    p = one_member(rows, contract_cost=10.0, contract_share=0.5)
    res = solve(p, policy(), "solo")
    assert res.objective == pytest.approx(5350)
    assert float(res.contract.sel(member="A", source="AUS", stage="oxide")) == pytest.approx(10)
    assert float(res.contract.sel(member="A", source="CHN").sum()) == 0  # China's contracts fail with its exports


def test_project_offtake_by_hand():
    """A new Australian separation plant gives 30 t over the horizon for 1,000 (at 100 %); at most 65 % offtake.

    19.5 t for 650 cover 19.5 t of run 1's 80 t gap (worth 0.5 x 150 x 19.5 = 1,462.5): take 65 %.
    Cost 650 + 0.5 x 60.5 x 150 = 5,187.5.
    """
    rows = [(0, "A", "CHN", "oxide", 80, 80), (0, "A", "AUS", "oxide", 20, 20),
            (1, "A", "CHN", "oxide", 80, 0), (1, "A", "AUS", "oxide", 20, 20)]
    proj = pd.DataFrame([["P-X", "X plant", "AUS", "rare earths", "separation", 30.0, "t/yr NdPr oxide", "planned",
                          2024, np.nan]], columns=PROJECT_COLUMNS)
    p = one_member(rows, projects=proj)
    assert float(p.project_supply.sum()) == pytest.approx(30)
    p.project_cost[:] = 1000.0
    res = solve(p, policy(), "solo")
    assert float(res.theta.sel(member="A", project="P-X")) == pytest.approx(0.65)
    assert res.objective == pytest.approx(650 + 0.5 * 60.5 * 150)


def test_days_of_cover_by_hand(two_by_two):
    """Horizon 12 months, demand 100 t: 60 days = 16.4 t; A's China share 80 % > 65 % makes it high-risk: 180 days."""
    p = problem(two_by_two)
    pol = policy("days_of_cover")
    need = min_stock(p, pol)
    assert float(need.sel(member="A", stage="oxide")) == pytest.approx(180 / 365 * 100)
    assert float(need.sel(member="B", stage="oxide")) == pytest.approx(60 / 365 * 100)
    res = solve(p, pol, "solo")
    assert float(res.stock.sel(member="A", stage="oxide")) >= 180 / 365 * 100 - 1e-6


@pytest.mark.parametrize(("measure", "cost"), [("expected", 60 * 1000 + 0.5 * 20 * 150),
                                               ("cvar", 70 * 1000 + 0.5 * 10 * 150)])
def test_risk_limit_by_hand(measure, cost):
    """Run 1 leaves A 80 t short; stock costs 1,000/t so none is held unless the risk limit forces it.

    Expected shortfall <= 10 % of 100 t: 0.5 u1 <= 10, u1 = 20, stock 60. CVaR at 0.5 (the worse run) <= 10: stock 70.
    """
    rows = [(0, "A", "CHN", "oxide", 80, 80), (0, "A", "AUS", "oxide", 20, 20),
            (1, "A", "CHN", "oxide", 80, 0), (1, "A", "AUS", "oxide", 20, 20)]
    p = one_member(rows, hold=1000.0)
    assert solve(p, policy(), "solo").objective == pytest.approx(0.5 * 80 * 150)
    res = solve(p, policy("risk", risk={"measure": measure, "alpha": 0.5, "max_share": 0.1}), "solo")
    assert res.objective == pytest.approx(cost)


def test_cvar_by_hand():
    losses = np.array([0.0, 10.0, 20.0, 30.0])
    assert cvar(losses, 0.5) == pytest.approx(25)
    assert cvar(losses, 0.75) == pytest.approx(30)
    assert cvar(losses, 0.6) == pytest.approx((30 * 0.25 + 20 * 0.15) / 0.4)
    assert cvar(losses, 0.0) == pytest.approx(15)


# ---- infeasible policies name what binds

def test_budget_below_days_of_cover_names_both(two_by_two):
    p = problem(two_by_two)
    pol = policy("days_of_cover", "budget", budget={"usd": {"A": 10.0}})
    with pytest.raises(InfeasibleError, match=r"'budget' binds with 'days_of_cover'.*A's days-of-cover"):
        solve(p, pol, "solo")


def test_risk_with_no_money_names_both(two_by_two):
    p = problem(two_by_two)
    pol = policy("risk", "budget", budget={"usd": {"A": 0.0, "B": 0.0}}, risk={"measure": "expected",
                                                                              "max_share": 0.01})
    with pytest.raises(InfeasibleError) as e:
        solve(p, pol, "joint")
    assert "'budget' or 'risk'" in str(e.value)
    assert isinstance(e.value, ChokepointsError)


# ---- properties on random instances

def random_instance(seed: int, runs: int = 4):
    rng = np.random.default_rng(seed)
    rows = []
    srcs = ["CHN", "AUS", "MYS", "USA"]
    base = {(m, s, k): float(rng.integers(0, 60)) for m in ("EU27", "JPN") for s in srcs for k in ("oxide", "magnet")}
    for run in range(runs):
        cut = rng.uniform(0, 1)
        for (m, s, k), b in base.items():
            a = b * (1 - cut) if s == "CHN" else b * rng.uniform(0.7, 1.0)
            rows.append((run, m, s, k, b, a))
    p = problem(supply(rows), hold=float(rng.uniform(50, 200)), value=float(rng.uniform(100, 400)),
                contract_cost=float(rng.uniform(5, 80)), contract_share=0.3)
    return p


SEEDS = [1, 2, 3, 4, 5]


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("sharing", ["pro_rata", "pool"])
def test_joint_never_costs_more_than_solo(seed, sharing):
    p = random_instance(seed)
    pol = policy("days_of_cover", "crma", objective={"sharing": sharing})
    r = optimise(p, pol)
    s = r.summary.set_index(["mode", "member"])
    assert s.loc[("joint", "total"), "cost"] <= s.loc[("solo", "total"), "cost"] * (1 + 1e-7) + 1e-6
    assert r.results["joint"].objective <= r.results["solo"].objective * (1 + 1e-7) + 1e-6


@pytest.mark.parametrize("seed", SEEDS)
def test_tightening_a_constraint_never_lowers_the_cost(seed):
    p = random_instance(seed)
    base = solve(p, policy(), "joint").objective
    steps = [
        [policy("days_of_cover", days_of_cover={"days": d, "high_risk_days": d}) for d in (30, 60, 120)],
        [policy("crma", crma={"cap": c}) for c in (0.9, 0.65, 0.4)],
        [policy("risk", risk={"measure": "cvar", "alpha": 0.75, "max_share": s}) for s in (0.5, 0.2, 0.05)],
    ]
    for ladder in steps:
        costs = [base] + [solve(p, pol, "joint").objective for pol in ladder]
        assert all(b >= a * (1 - 1e-7) - 1e-6 for a, b in zip(costs, costs[1:], strict=False)), costs
    # a budget only ever removes plans: lowering it from "no limit" to a binding level raises the cost
    free = solve(p, policy("days_of_cover"), "solo")
    spend = {m: float(free.first_stage_usd.sel(member=m)) for m in p.members}
    tight = solve(p, policy("days_of_cover", "budget",
                            budget={"usd": {m: v * 1.0001 + 1 for m, v in spend.items()}}), "solo").objective
    assert tight == pytest.approx(free.objective, rel=1e-6)


# ---- what only the alliance can do (issue: the value of the alliance, for real)

def test_identical_shocks_pooling_cannot_pay():
    """Both members lose the same share in the same run: a pooled tonne is never used twice, so joint = solo."""
    rows = []
    for run, chn in enumerate([0, 50]):
        rows += [(run, "A", "CHN", "oxide", 50, chn), (run, "A", "AUS", "oxide", 50, 50),
                 (run, "B", "CHN", "oxide", 50, chn), (run, "B", "AUS", "oxide", 50, 50)]
    r = optimise(problem(supply(rows)), policy())
    assert r.value_of_alliance().set_index("member").loc["total", "cost"] == pytest.approx(0, abs=1e-6)


def test_a_project_only_the_alliance_can_reach_by_hand():
    """Project P-X (Greenland, no member's partner) gives 30 t for a cost of 1,000 at 100 %, at most 65 %.

    A is short 80 t in run 1 (probability 1/2, 150 per t short); stocks cost 100 per t and are worth 75: none.
    Solo, neither member may contract P-X: A's cost 0.5 x 80 x 150 = 6,000. Joint, the alliance takes 65 % of it for
    A: 19.5 t for 650, which saves 0.5 x 19.5 x 150 = 1,462.5; value of the alliance 812.5. Its marginal value is
    its cost plus the cap's shadow price: 1,000 + 1,500 x (0.5 x 150 x 30 / 1,000 - 1) / 1,500 ... = 0.5 x 150 x 30.
    """
    rows = [(0, "A", "CHN", "oxide", 80, 80), (0, "B", "AUS", "oxide", 10, 10),
            (1, "A", "CHN", "oxide", 80, 0), (1, "B", "AUS", "oxide", 10, 10)]
    proj = pd.DataFrame([["P-X", "X mine", "GRL", "rare earths", "separation", 30.0, "t/yr NdPr oxide", "planned",
                          2024, np.nan]], columns=PROJECT_COLUMNS)
    p = problem(supply(rows), proj)
    p.project_cost[:] = 1000.0
    assert not bool(p.access.sel(project="P-X").any())  # on nobody's territory, no member's partner
    r = optimise(p, policy())
    solo, joint = r.results["solo"], r.results["joint"]
    assert float(solo.theta.sum()) == 0 and float(joint.theta.sum()) == pytest.approx(0.65)
    assert r.value_of_alliance().set_index("member").loc["total", "cost"] == pytest.approx(1462.5 - 650)
    # taken to the cap: its marginal value (cost + the cap's shadow price per unit share) is what a unit share saves
    shadow = float(joint.cap_shadow.sel(project="P-X"))
    assert 1000 + shadow == pytest.approx(0.5 * 150 * 30)


def test_joint_never_costs_more_than_solo_on_real_inputs(real_projects):
    rows = []
    rng = np.random.default_rng(3)
    for run in range(12):
        a, b = rng.uniform(0, 60, 2)
        rows += [(run, "EU27", "CHN", "oxide", 60, a), (run, "EU27", "AUS", "oxide", 40, 40),
                 (run, "JPN", "CHN", "magnet", 30, b), (run, "JPN", "VNM", "magnet", 10, 10)]
    p = build_problem(supply(rows, horizon=24, start="2025-04"), real_projects, load_costs(), alliance="EU27+JPN")
    r = optimise(p, policy())
    s = r.summary.set_index(["mode", "member"])
    assert s.loc[("joint", "total"), "cost"] <= s.loc[("solo", "total"), "cost"] + 1e-6


def test_moving_pooled_stock_costs_by_hand(two_by_two):
    """As in the two-by-two case under 'pool': 50 t held by one member serve A in run 0 and B in run 1, so in one of
    the two runs 50 t cross; at 10 per t moved the joint cost rises by 0.5 x 50 x 10 = 250, to 7,500."""
    p = problem(two_by_two)
    p.transfer_cost = p.hold_cost * 0 + 10.0
    r = optimise(p, policy(objective={"sharing": "pool"}), modes=("joint",))
    assert r.results["joint"].objective == pytest.approx(7500)
    assert r.results["joint"].transfer_usd == pytest.approx(250)
    assert r.summary.set_index(["mode", "member"]).loc[("joint", "total"), "cost"] == pytest.approx(7500)


def test_a_declared_stock_is_not_bought_again(two_by_two):
    """Solo, A is short 80 t in run 0; a tonne of stock is worth 75 < 100 to buy, so A buys none. A declared 30 t
    (member file) is released for free: A's expected shortfall falls from 40 to 25 t and it still buys nothing."""
    two_by_two.attrs["declared_stocks"] = {"A": {"oxide": 30.0}}
    r = optimise(problem(two_by_two), policy(), modes=("solo",))
    s = r.summary.set_index(["mode", "member"])
    assert float(r.results["solo"].stock.sel(member="A").sum()) == 0
    assert s.loc[("solo", "A"), "expected_shortfall_t"] == pytest.approx(25)


def test_joint_procurement_by_hand():
    """B buys only from China, which cuts it in run 1 (50 t short, 150 per t, probability 1/2); A buys 100 t from
    Australia. Alone, B cannot contract Australia (it buys nothing there): cost 0.5 x 50 x 150 = 3,750. Together the
    alliance contracts up to half its Australian purchases (50 t at 10 per t) for B, who is then never short: 500.
    Value of the alliance 3,250."""
    rows = []
    for run, b_chn in enumerate([50, 0]):
        rows += [(run, "A", "AUS", "oxide", 100, 100), (run, "B", "CHN", "oxide", 50, b_chn)]
    p = problem(supply(rows), contract_cost=10.0, contract_share=0.5)
    r = optimise(p, policy(objective={"sharing": "pool"}))
    s = r.summary.set_index(["mode", "member"])
    assert s.loc[("solo", "total"), "cost"] == pytest.approx(3750)
    assert s.loc[("joint", "total"), "cost"] == pytest.approx(500)
    assert float(r.results["joint"].contract.sel(member="B", source="AUS").sum()) == pytest.approx(50)
