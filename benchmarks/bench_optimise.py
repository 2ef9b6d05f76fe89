"""Benchmark: the resilience optimiser on 500 Monte Carlo scenarios x 30 sources x 3 members (2 stages, 10 projects).

Contenders, each in its own process on the same synthetic problem (benchmark data only, never the demo's data):
chokepoints (linopy model built by broadcasting over the scenario axis, solved by HiGHS), and the same LP built
with a Python loop over scenarios (one linopy constraint block per scenario). Both objectives are compared before
timing is reported. Usage:
    python benchmarks/bench_optimise.py [--runs 500] [--sources 30] [--repeat 1]
Targets (issue #5): total <= 60 s, build <= 25 % of it. Results: benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import WORK, machine, publish, results_table, run  # noqa: E402

MAKE = """
    import numpy as np, pandas as pd
    from chokepoints.optimise import build_problem, load_costs

    def make(runs, n_sources, seed=7):
        rng = np.random.default_rng(seed)
        srcs = ["CHN"] + [f"S{i:02d}" for i in range(n_sources - 2)] + ["domestic"]
        rows = []
        base = {(m, s, k): (3000.0 if s == "CHN" else float(rng.uniform(5, 60)))
                for m in ("EU27", "JPN", "KOR") for s in srcs for k in ("oxide", "magnet")}
        cut = rng.triangular(0.0, 0.6, 0.95, size=runs)
        noise = rng.uniform(0.8, 1.0, size=(runs, len(base)))
        for r in range(runs):
            for i, ((m, s, k), b) in enumerate(base.items()):
                rows.append((r, m, s, k, b, b * (1 - cut[r]) if s == "CHN" else b * noise[r, i]))
        df = pd.DataFrame(rows, columns=["run", "member", "source", "stage", "baseline_t", "available_t"])
        df.attrs.update(horizon_months=24, chain="rare-earth-magnets", scenario="bench", start="2025-01")
        proj = pd.DataFrame([[f"P-{i}", f"plant {i}", ["AUS", "USA", "FRA", "MYS", "CAN"][i % 5], "rare earths",
                              ["separation", "magnet"][i % 2], 500.0 + 100 * i, "t/yr NdPr oxide", "construction",
                              2025, np.nan] for i in range(10)],
                            columns=["id", "name", "country", "material", "stage", "capacity_t", "capacity_basis",
                                     "status", "start_year", "capex_musd"])
        costs = load_costs()
        policy = costs.policy.switched("crma", True).switched("days_of_cover", True)  # the LP with every floor on
        return build_problem(df, proj, costs, alliance="EU27+JPN+KOR"), policy

    problem, policy = make(RUNS, SOURCES)
"""

SETUP_CK = MAKE + """
    from chokepoints.optimise.model import build_model
    import time
"""
RUN_CK = """
    t0 = time.perf_counter()
    model = build_model(problem, policy, mode=MODE)
    t1 = time.perf_counter()
    from chokepoints.optimise.results import _quiet_stdout
    with _quiet_stdout():
        model.solve(solver_name="highs", io_api="direct", output_flag=False)
    t2 = time.perf_counter()
    import json; json.dump({"build": t1 - t0, "solve": t2 - t1, "objective": float(model.objective.value),
                            "status": str(model.termination_condition), "nvars": int(model.nvars),
                            "ncons": int(model.ncons)}, open(OUT + "/ck.json", "w"))
"""

SETUP_LOOP = MAKE + """
    import linopy, xarray as xr, time
    from chokepoints.optimise.model import min_stock, cost_weights
"""
# The same LP (joint mode, pro-rata sharing, days of cover and CRMA on) written the obvious way: first-stage
# variables once, then a loop over the scenarios adding each scenario's variables and constraints.
RUN_LOOP = """
    t0 = time.perf_counter()
    p = problem
    m = linopy.Model()
    member, source, stage = (p.available.indexes[d] for d in ("member", "source", "stage"))
    project = p.project_cost.indexes["project"]
    D = p.demand
    stock = m.add_variables(lower=min_stock(p, policy), coords=[member, stage], name="stock")
    theta = m.add_variables(lower=0, upper=p.max_offtake_share, coords=[member, project], name="theta")
    m.add_constraints(theta.sum("member") <= p.max_offtake_share, name="offtake_cap")
    newcap = (p.project_supply.sum("project") > 0)
    new = m.add_variables(lower=0, coords=[member, source, stage], name="new").where(newcap).fillna(0)
    m.add_constraints(new - (theta * p.project_supply).sum("project") == 0, name="new_def", mask=newcap)
    can_c = (p.baseline > 0) & (p.available["source"] != "domestic")
    contract = m.add_variables(lower=0, upper=p.contract_max_share * p.baseline, coords=[member, source, stage],
                               name="contract", mask=can_c).fillna(0)
    rel_all = (p.available / p.baseline.where(p.baseline > 0)).clip(0, 1).fillna(1.0)
    giver, taker = member.rename("giver"), member.rename("taker")
    offd = xr.DataArray(~np.eye(len(member), dtype=bool), coords=[giver, taker])
    objective = ((stock * p.hold_cost).sum() + (theta * p.project_cost).sum() + (contract * p.contract_cost).sum())
    for r in p.available["run"].values:
        a, rel, pr = p.available.sel(run=r, drop=True), rel_all.sel(run=r, drop=True), float(p.prob.sel(run=r))
        can = (a > 0) | can_c | newcap
        x = m.add_variables(lower=0, coords=[member, source, stage], name=f"x{r}", mask=can).fillna(0)
        m.add_constraints(x - rel * contract - new <= a, name=f"cap{r}", mask=can)
        rel_ = m.add_variables(lower=0, coords=[member, stage], name=f"rel{r}")
        m.add_constraints(rel_ - stock <= 0, name=f"relcap{r}")
        rate = m.add_variables(lower=0, upper=1, coords=[stage], name=f"rate{r}")
        short = rate * D
        t = m.add_variables(lower=0, coords=[giver, taker, stage], name=f"t{r}", mask=offd).fillna(0)
        m.add_constraints(x.sum("source") + rel_ + short + t.sum("giver").rename(taker="member")
                          - t.sum("taker").rename(giver="member") >= D, name=f"bal{r}")
        m.add_constraints(x - policy.crma.cap * (D - short) <= 0, name=f"crma{r}", mask=p.third & can)
        objective = objective + pr * (short * p.shortfall_value).sum()
    m.add_objective(objective)
    t1 = time.perf_counter()
    from chokepoints.optimise.results import _quiet_stdout
    with _quiet_stdout():
        m.solve(solver_name="highs", io_api="direct", output_flag=False)
    t2 = time.perf_counter()
    import json; json.dump({"build": t1 - t0, "solve": t2 - t1, "objective": float(m.objective.value),
                            "status": str(m.termination_condition)}, open(OUT + "/loop.json", "w"))
"""


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=500)
    ap.add_argument("--sources", type=int, default=30)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    out = WORK / "optimise_out"
    params = {"runs": args.runs, "sources": args.sources, "mode": "joint"}
    contenders = {"chokepoints build_model (broadcast over scenarios) + HiGHS": (SETUP_CK, RUN_CK, "ck.json"),
                  "same LP built with a Python loop over scenarios + HiGHS": (SETUP_LOOP, RUN_LOOP, "loop.json")}
    results, detail = {}, {}
    for name, (setup, timed, file) in contenders.items():
        best = None
        for _ in range(args.repeat):
            wall, rss = run((setup, timed), out, **params)
            d = json.loads((out / file).read_text())
            if best is None or wall < best[0]:
                best = (wall, rss, d)
        results[name] = best[:2]
        detail[name] = best[2]
        print(f"{name}: {best[0]:.2f}s (build {best[2]['build']:.2f}s, solve {best[2]['solve']:.2f}s), "
              f"peak RSS {best[1]:.0f} MiB, {best[2]['status']}", flush=True)
    ck, loop = detail.values()
    total = ck["build"] + ck["solve"]
    gap = abs(ck["objective"] - loop["objective"]) / max(abs(loop["objective"]), 1.0)
    lines = [
        f"## optimise: {args.runs} scenarios x {args.sources} sources x 2 members (2 stages, 10 projects), joint mode",
        "",
        f"{machine()}; `python benchmarks/bench_optimise.py --runs {args.runs} --sources {args.sources}`; best of "
        f"{args.repeat}. Synthetic problem (seeded; benchmark only). Days of cover and the CRMA cap on, pro-rata "
        f"sharing. Wall time = model build + HiGHS solve (imports and the synthetic data excluded); peak RSS of the "
        f"process. LP size: {ck['nvars']:,} variables, {ck['ncons']:,} constraints.",
        "",
        *results_table(results),
        "",
        "| contender | build s | solve s | build share |",
        "|---|---:|---:|---:|",
        *[f"| {n} | {d['build']:.2f} | {d['solve']:.2f} | {d['build'] / (d['build'] + d['solve']):.0%} |"
          for n, d in detail.items()],
        "",
        f"- chokepoints total: **{total:.1f} s** (target <= 60 s); build **{ck['build'] / total:.0%}** of it "
        "(target <= 25 %)",
        f"- loop-built / broadcast-built model: **{loop['build'] / ck['build']:.1f}x** the build time",
        f"- same optimum: relative objective difference {gap:.1e} (HiGHS: {ck['status']} / {loop['status']})",
        "",
    ]
    publish("optimise", lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
