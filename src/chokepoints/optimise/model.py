"""The two-stage stochastic LP as a linopy model, built from a Problem's arrays by broadcasting (no loop over runs).

First stage (one decision for all runs): stock[member, stage], offtake share theta[member, project], contract
[member, source, stage]. Second stage (per run): draws x[run, member, source, stage] from each source, stock release
r[run, member, stage], transfers between members (joint mode only) and shortfall u[run, member, stage].
The formulas are written out in docs/methods/optimise.md.
"""

from __future__ import annotations

from typing import Literal

import linopy
import numpy as np
import xarray as xr

from chokepoints.optimise.costs import Policy
from chokepoints.optimise.inputs import Problem

Mode = Literal["joint", "solo"]


def days_target(p: Problem, policy: Policy) -> xr.DataArray:
    """(member, stage) days of cover required: high_risk_days where the member-stage is high-risk, else days."""
    d = policy.days_of_cover
    stages = p.demand["stage"]
    listed = xr.DataArray([str(s) in d.high_risk_stages for s in stages.values], coords={"stage": stages.values},
                          dims="stage")
    high = (p.top_third_share() > d.high_risk_top_share) | listed
    return xr.where(high, d.high_risk_days, d.days)


def min_stock(p: Problem, policy: Policy) -> xr.DataArray:
    """(member, stage) t of stock the days-of-cover target asks for (zero when the constraint is off)."""
    if not policy.days_of_cover.enabled:
        return xr.zeros_like(p.demand)
    return days_target(p, policy) / 365.0 * p.annual_demand


def cost_weights(p: Problem) -> xr.DataArray:
    """(member,) each member's share of the alliance's demand (tonnes over all stages): the pro-rata sharing key."""
    d = p.demand.sum("stage")
    return d / d.sum() if float(d.sum()) > 0 else xr.full_like(d, 1.0 / d.sizes["member"])


def first_stage_cost(p: Problem, stock, theta, contract, *, shared: bool = False):
    """(member,) linear expression: what each member pays for stock, offtakes and contracts.

    Solo, or joint under the 'pool' rule: its own decisions. Joint under 'pro_rata': its demand share of the
    alliance's total (pooled assets are financed in the same proportion as shortfalls are shared).
    """
    own = ((stock * p.hold_cost).sum("stage") + (theta * p.project_cost).sum("project")
           + (contract * p.contract_cost).sum(["source", "stage"]))
    return own.sum("member") * cost_weights(p) if shared else own


def build_model(p: Problem, policy: Policy, *, mode: Mode) -> linopy.Model:
    """The LP for `mode` ('joint': members pool and transfer under the sharing rule; 'solo': each alone)."""
    if mode not in ("joint", "solo"):
        raise ValueError(f"mode must be 'joint' or 'solo', not {mode!r}")
    return _build(p, policy, mode)


def _build(p: Problem, policy: Policy, mode: Mode) -> linopy.Model:
    m = linopy.Model()
    run, member, source, stage = (p.available.indexes[d] for d in ("run", "member", "source", "stage"))
    project = p.project_cost.indexes["project"]
    D = p.demand

    # ---- first stage
    stock = m.add_variables(lower=min_stock(p, policy), coords=[member, stage], name="stock")
    if len(project):
        # solo: a member alone can secure only the projects on its territory or with its own partners
        # (optimise/access.toml); together the alliance can take a share of any project
        reach = p.access.transpose("member", "project") if mode == "solo" and len(member) > 1 else xr.ones_like(
            p.access.transpose("member", "project"))
        theta = m.add_variables(lower=0, upper=p.max_offtake_share * reach.astype(float), coords=[member, project],
                                name="theta")
        m.add_constraints(theta.sum("member") <= p.max_offtake_share, name="offtake_cap")
        new = m.add_variables(lower=0, coords=[member, source, stage], name="new_supply",
                              mask=p.project_supply.sum("project") > 0).fillna(0)
        m.add_constraints(new - (theta * p.project_supply).sum("project") == 0, name="new_supply_def",
                          mask=p.project_supply.sum("project") > 0)
    else:
        theta, new = None, None
    joint = mode == "joint" and len(member) > 1
    not_home = p.available["source"] != "domestic"
    if joint:
        # joint procurement: the alliance contracts with every supplier any member buys from, up to the share of
        # the alliance's purchases from it; a contract delivers as the supplier's shipments to the alliance do
        base = p.baseline.sum("member")
        can_contract = ((base > 0) & not_home & (p.contract_max_share > 0)).broadcast_like(p.baseline)
        upper = (p.contract_max_share * base).broadcast_like(p.baseline)
        # a member's own supplier delivers as to it (so every solo plan stays feasible together); a supplier new to
        # the member delivers as it does to the alliance
        own = (p.available / p.baseline.where(p.baseline > 0)).clip(0, 1)
        reliability = own.fillna((p.available.sum("member") / base.where(base > 0)).clip(0, 1)).fillna(1.0)
    else:
        can_contract = (p.baseline > 0) & not_home & (p.contract_max_share > 0)
        upper = p.contract_max_share * p.baseline
        # a contract delivers what the supplier still ships under the run's shock: its reliability a / b
        reliability = (p.available / p.baseline.where(p.baseline > 0)).clip(0, 1).fillna(1.0)
    contract = m.add_variables(lower=0, upper=upper, coords=[member, source, stage], name="contract",
                               mask=can_contract).fillna(0)
    if joint:
        m.add_constraints(contract.sum("member") <= p.contract_max_share * base, name="joint_contract_cap",
                          mask=(base > 0) & not_home)

    # ---- second stage, all runs at once
    has_new = p.project_supply.sum("project") > 0
    can_draw = (p.available > 0) | can_contract | has_new
    x = m.add_variables(lower=0, coords=[run, member, source, stage], name="x", mask=can_draw).fillna(0)
    m.add_constraints(x - (reliability * contract) - (new if new is not None else 0) <= p.available, name="draw_cap",
                      mask=can_draw)
    release = m.add_variables(lower=0, coords=[run, member, stage], name="release")
    # what a member declares it holds already (member_*.csv files) can be released without being bought
    held = p.existing_stock if p.existing_stock is not None else 0
    m.add_constraints(release - stock <= held, name="release_cap")

    moving = None
    if joint and policy.objective.sharing == "pro_rata":
        # every member short by the same share of its demand, per run and stage
        rate = m.add_variables(lower=0, upper=1, coords=[run, stage], name="short_rate")
        short = rate * D
    else:
        u = m.add_variables(lower=0, upper=D.broadcast_like(p.available.isel(source=0, drop=True)),
                            coords=[run, member, stage], name="shortfall")
        short = 1 * u
    supply = x.sum("source") + release + short
    if joint:
        giver = member.rename("giver")
        taker = member.rename("taker")
        off_diag = xr.DataArray(~np.eye(len(member), dtype=bool), coords=[giver, taker])
        t = m.add_variables(lower=0, coords=[run, giver, taker, stage], name="transfer", mask=off_diag).fillna(0)
        supply = supply + t.sum("giver").rename(taker="member") - t.sum("taker").rename(giver="member")
        moving = (t.sum(["giver", "taker"]) * p.transfer_cost).sum("stage") if p.transfer_cost is not None else None
    m.add_constraints(supply >= D, name="balance")

    # ---- policy
    pol = policy
    theta_expr = theta if theta is not None else xr.DataArray(np.zeros((len(member), 0)),
                                                             coords=[member, project])
    cost1 = first_stage_cost(p, stock, theta_expr, contract,
                             shared=joint and policy.objective.sharing == "pro_rata")
    if pol.crma.enabled:
        # draws from one third country <= cap x the member's consumption (demand less shortfall), per stage and run
        m.add_constraints(x - pol.crma.cap * (D - short) <= 0, name="crma", mask=p.third & can_draw)
    if pol.budget.enabled:
        budget = xr.DataArray([float(pol.budget.usd.get(str(mm), np.inf)) for mm in member], coords=[member])
        finite = np.isfinite(budget)
        if bool(finite.any()):
            m.add_constraints(cost1 <= budget.where(finite, 0.0), name="budget", mask=finite)
    loss_t = short.sum("stage")  # (run, member) tonnes short
    if pol.risk.enabled:
        limit = pol.risk.max_share * D.sum("stage")
        if pol.risk.measure == "expected":
            m.add_constraints((loss_t * p.prob).sum("run") <= limit, name="risk")
        else:  # Rockafellar-Uryasev: CVaR_a = min_eta eta + E[(L - eta)+] / (1 - a)
            eta = m.add_variables(coords=[member], name="risk_eta")
            z = m.add_variables(lower=0, coords=[run, member], name="risk_excess")
            m.add_constraints(z - loss_t + eta >= 0, name="risk_excess_def")
            m.add_constraints(eta + (z * p.prob).sum("run") / (1 - pol.risk.alpha) <= limit, name="risk")

    shortfall_cost = (short * p.shortfall_value).sum(["member", "stage"])  # (run,)
    objective = cost1.sum() + (shortfall_cost * p.prob).sum()
    if moving is not None:  # moving pooled stock between members costs freight and handling
        objective = objective + (moving * p.prob).sum()
    if pol.objective.risk_weight > 0:
        eta_c = m.add_variables(name="cost_eta")
        zc = m.add_variables(lower=0, coords=[run], name="cost_excess")
        m.add_constraints(zc - shortfall_cost + eta_c >= 0, name="cost_excess_def")
        objective = objective + pol.objective.risk_weight * (
            eta_c + (zc * p.prob).sum() / (1 - pol.objective.alpha))
    m.add_objective(objective)
    return m
