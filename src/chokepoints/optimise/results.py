"""Solve the LP with HiGHS, read the solution back as arrays, and explain an infeasible policy."""

from __future__ import annotations

import contextlib
import os
import sys
import time
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import xarray as xr

from chokepoints.errors import ChokepointsError, InfeasibleError
from chokepoints.optimise.costs import CONSTRAINTS, Policy
from chokepoints.optimise.inputs import Problem
from chokepoints.optimise.model import Mode, build_model, cost_weights, min_stock
from chokepoints.results import ResultMixin


def cvar(losses: np.ndarray, alpha: float, probs: np.ndarray | None = None) -> float:
    """Conditional value at risk: the probability-weighted mean of the worst (1 - alpha) tail of `losses`.

    Rockafellar & Uryasev (2000), 'Optimization of conditional value-at-risk', J. of Risk 2(3): for discrete
    scenarios the tail atom at the VaR is split so that exactly 1 - alpha of the probability mass is averaged.
    alpha = 0 gives the mean.
    """
    losses = np.asarray(losses, dtype=float)
    probs = np.full(len(losses), 1.0 / len(losses)) if probs is None else np.asarray(probs, dtype=float)
    order = np.argsort(-losses, kind="stable")
    tail = 1.0 - alpha
    taken = np.minimum(probs[order], np.maximum(tail - np.concatenate([[0.0], np.cumsum(probs[order])[:-1]]), 0.0))
    return float((losses[order] * taken).sum() / tail)


@contextlib.contextmanager
def _quiet_stdout():
    """HiGHS prints its banner from C to file descriptor 1; keep stdout clean for --format json."""
    sys.stdout.flush()
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        yield
        return
    saved = os.dup(fd)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), fd)
            yield
    finally:
        sys.stdout.flush()
        os.dup2(saved, fd)
        os.close(saved)


@dataclass
class ModeResult:
    """One mode's optimum: decisions, shortfall per run, costs, timings."""

    mode: str
    objective: float
    stock: xr.DataArray           # (member, stage) t
    theta: xr.DataArray           # (member, project) share
    contract: xr.DataArray        # (member, source, stage) t
    shortfall: xr.DataArray       # (run, member, stage) t
    first_stage_usd: xr.DataArray  # (member,)
    shortfall_usd: xr.DataArray   # (run, member)
    build_s: float = 0.0
    solve_s: float = 0.0
    alpha: float = 0.95
    prob: xr.DataArray = field(default=None)
    cap_shadow: xr.DataArray | None = None  # (project,) USD the objective falls per unit more of the offtake cap
    binding: list[str] = field(default_factory=list)  # policy constraints that bind at the optimum
    transfer_usd: float = 0.0  # expected cost of moving pooled stock between members (joint), in the total only

    def member_summary(self) -> pd.DataFrame:
        """Per member and for the alliance: cost (first stage + expected shortfall cost), expected and CVaR short."""
        rows = []
        loss = self.shortfall.sum("stage")
        p = self.prob.values
        for mm in [str(v) for v in self.shortfall["member"].values]:
            short = loss.sel(member=mm).values
            fs = float(self.first_stage_usd.sel(member=mm))
            es = float((self.shortfall_usd.sel(member=mm) * self.prob).sum())
            rows.append({"mode": self.mode, "member": mm, "cost": fs + es, "first_stage_usd": fs,
                         "expected_shortfall_usd": es, "expected_shortfall_t": float((short * p).sum()),
                         "cvar_shortfall_t": cvar(short, self.alpha, p)})
        total = loss.sum("member").values
        fs, es = sum(r["first_stage_usd"] for r in rows), sum(r["expected_shortfall_usd"] for r in rows)
        rows.append({"mode": self.mode, "member": "total", "cost": fs + es + self.transfer_usd, "first_stage_usd": fs,
                     "expected_shortfall_usd": es, "expected_shortfall_t": float((total * p).sum()),
                     "cvar_shortfall_t": cvar(total, self.alpha, p)})
        return pd.DataFrame(rows)


def _val(model, name: str, like: xr.DataArray) -> xr.DataArray:
    if name not in model.variables:
        return xr.zeros_like(like, dtype=float)
    sol = model.variables[name].solution
    return sol.fillna(0.0)


def _status(model) -> tuple[bool, str]:
    cond = str(model.termination_condition)
    return model.status == "ok" and cond == "optimal", cond


def _run(p: Problem, policy: Policy, mode: Mode, threads: int | None = None):
    t0 = time.perf_counter()
    model = build_model(p, policy, mode=mode)
    t1 = time.perf_counter()
    opts = {"output_flag": False}
    if threads:
        opts["threads"] = threads
    with _quiet_stdout():
        model.solve(solver_name="highs", io_api="direct", **opts)
    return model, t1 - t0, time.perf_counter() - t1


def solve(p: Problem, policy: Policy, mode: Mode, *, diagnose: bool = True) -> ModeResult:
    """Build and solve one mode; an infeasible policy raises InfeasibleError naming what binds."""
    model, build_s, solve_s = _run(p, policy, mode)
    ok, cond = _status(model)
    if not ok:
        if "infeasible" in cond and diagnose:
            raise InfeasibleError(explain_infeasible(p, policy, mode))
        raise ChokepointsError(f"{mode} optimisation stopped without an optimum (HiGHS: {cond})")
    D = p.demand
    runs_like = p.available.isel(source=0, drop=True)
    if "short_rate" in model.variables:
        short = (model.variables["short_rate"].solution * D).transpose("run", "member", "stage")
    else:
        short = _val(model, "shortfall", runs_like)
    stock = _val(model, "stock", D)
    theta = _val(model, "theta", xr.zeros_like(p.project_cost) * xr.zeros_like(D.isel(stage=0, drop=True)))
    contract = _val(model, "contract", p.baseline)
    short = short.clip(min=0)
    first = ((stock * p.hold_cost).sum("stage") + (theta * p.project_cost).sum("project")
             + (contract * p.contract_cost).sum(["source", "stage"]))
    if mode == "joint" and len(p.members) > 1 and policy.objective.sharing == "pro_rata":
        first = first.sum("member") * cost_weights(p)
    return ModeResult(mode=mode, objective=float(model.objective.value), stock=stock, theta=theta, contract=contract,
                      shortfall=short, first_stage_usd=first, shortfall_usd=(short * p.shortfall_value).sum("stage"),
                      build_s=build_s, solve_s=solve_s, alpha=_alpha(policy), prob=p.prob,
                      cap_shadow=_shadow(model, "offtake_cap"), binding=_binding(model, p, policy, stock),
                      transfer_usd=_moving_cost(model, p))


def _moving_cost(model, p: Problem) -> float:
    if "transfer" not in model.variables or p.transfer_cost is None:
        return 0.0
    moved = model.variables["transfer"].solution.fillna(0.0).sum(["giver", "taker"])
    return float(((moved * p.transfer_cost).sum("stage") * p.prob).sum())


def _shadow(model, name: str) -> xr.DataArray | None:
    """-dual of a <= constraint: what one more unit of its right-hand side would save (USD), >= 0."""
    try:
        return -model.dual[name].fillna(0.0)
    except (KeyError, AttributeError):
        return None


def _binding(model, p: Problem, policy: Policy, stock: xr.DataArray, tol: float = 1e-6) -> list[str]:
    """The enabled policy constraints that bind: a non-zero dual, or stocks held at the days-of-cover floor."""
    out = []
    for name in ("crma", "budget", "risk"):
        if name in policy.enabled():
            try:
                if float(abs(model.dual[name]).max()) > tol:
                    out.append(name)
            except (KeyError, AttributeError):
                continue
    if "days_of_cover" in policy.enabled():
        floor = min_stock(p, policy)
        if bool(((floor > tol) & (abs(stock - floor) <= 1e-6 * (1 + floor))).any()):
            out.append("days_of_cover")
    return out


def _alpha(policy: Policy) -> float:
    return policy.risk.alpha if policy.risk.enabled and policy.risk.measure == "cvar" else policy.objective.alpha


def explain_infeasible(p: Problem, policy: Policy, mode: Mode) -> str:
    """Which switchable constraint binds: a direct check of budget against days of cover, then by relaxing each."""
    on = policy.enabled()
    if "budget" in on and "days_of_cover" in on:
        need = (min_stock(p, policy) * p.hold_cost).sum("stage")
        if mode == "joint" and len(p.members) > 1 and policy.objective.sharing == "pro_rata":
            need = need.sum("member") * cost_weights(p)
        for mm in p.members:
            b = policy.budget.usd.get(mm)
            if b is not None and float(need.sel(member=mm)) > b * (1 + 1e-9):
                worst = (min_stock(p, policy) * p.hold_cost).sel(member=mm).idxmax("stage").item()
                return (f"infeasible ({mode}): constraint 'budget' binds with 'days_of_cover': {mm}'s days-of-cover "
                        f"stocks alone cost USD {float(need.sel(member=mm)):,.0f} over the horizon (most for stage "
                        f"'{worst}'), above its budget of USD {b:,.0f}; raise the budget or lower the days")
    singles = []
    for name in on:
        model, _, _ = _run(p, policy.switched(name, False), mode)
        if _status(model)[0]:
            singles.append(name)
    if singles:
        names = " or ".join(f"'{n}'" for n in singles)
        return (f"infeasible ({mode}): the constraint(s) that bind: {names} (dropping any one of them makes the "
                f"problem feasible; enabled: {', '.join(on)}); relax it with --without NAME or in the --costs file")
    return (f"infeasible ({mode}) even after dropping any single one of the enabled constraints ({', '.join(on)}); "
            "they bind together, or the inputs leave no feasible plan")


@dataclass
class OptimiseResult(ResultMixin):
    """Joint and/or solo optima on the same inputs, the shortfall before any action, and the value of the alliance.

    The result protocol (chokepoints.results): `.summary`, `.meta`, `.to_dict()`, `.to_parquet(path)`, `.plot()`.
    """

    problem: Problem
    policy: Policy
    results: dict[str, ModeResult]
    before: xr.DataArray  # (run, member, stage) t short with no optimiser action
    runs: int = 0
    seed: int | None = None
    shock_meta: dict = field(default_factory=dict)  # what the supply table rests on (shocks.run_meta)

    kind = "optimisation"

    @property
    def meta(self) -> dict:
        from chokepoints.optimise.report import meta

        return {**meta(self), "shock_engine": self.shock_meta}

    def to_dict(self) -> dict:
        from chokepoints.optimise.report import to_dict

        doc = to_dict(self)
        doc["meta"]["shock_engine"] = self.shock_meta
        return {"kind": self.kind, **doc}

    def plot(self):
        from chokepoints.optimise.report import figure

        return figure(self)

    @property
    def summary(self) -> pd.DataFrame:
        return pd.concat([r.member_summary() for r in self.results.values()], ignore_index=True)

    def value_of_alliance(self) -> pd.DataFrame:
        """Per member and total: solo minus joint cost, expected and CVaR shortfall (positive = the alliance helps)."""
        if not {"joint", "solo"} <= set(self.results):
            return pd.DataFrame(columns=["member", "cost", "expected_shortfall_t", "cvar_shortfall_t"])
        s = self.summary.set_index(["mode", "member"])
        cols = ["cost", "expected_shortfall_t", "cvar_shortfall_t"]
        v = s.loc["solo"][cols] - s.loc["joint"][cols]
        scale = s[cols].abs().max().clip(lower=1.0)
        v = v.where(v.abs() > 1e-9 * scale, 0.0)  # solver round-off is not a value
        return v.reset_index()


def shortfall_before(p: Problem) -> xr.DataArray:
    """(run, member, stage) t short with no stock, offtake, contract or transfer: demand less what still arrives."""
    return (p.demand - p.available.sum("source")).clip(min=0).transpose("run", "member", "stage")


def optimise(p: Problem, policy: Policy | None = None, *, modes: tuple[str, ...] = ("joint", "solo"),
             runs: int = 0, seed: int | None = None) -> OptimiseResult:
    """Solve each mode in `modes` on the same problem (see docs/methods/optimise.md)."""
    from chokepoints.optimise.costs import load_costs

    policy = policy or load_costs().policy
    bad = [m for m in modes if m not in ("joint", "solo")]
    if bad:
        raise ChokepointsError(f"unknown mode '{bad[0]}': joint, solo or both")
    results = {mode: solve(p, policy, mode) for mode in modes}
    return OptimiseResult(problem=p, policy=policy, results=results, before=shortfall_before(p),
                          runs=runs or p.prob.sizes["run"], seed=seed, shock_meta=p.shock_meta)


__all__ = ["CONSTRAINTS", "InfeasibleError", "ModeResult", "OptimiseResult", "cvar", "explain_infeasible",
           "optimise", "shortfall_before", "solve"]
