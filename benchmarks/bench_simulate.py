"""Benchmark: Monte Carlo of `cn-2025-rare-earths` on the rare-earth magnet chain at full country resolution.

The network is synthetic (gravity-shaped flows among ~200 real countries, 6 stages, China the dominant exporter of
oxides, metals and magnets, as in the real chain); the scenario is the built-in one, 24 months. Contenders, each in
its own process:
  chokepoints, process pool   10,000 runs in batches over a local process pool (2 workers on the reference machine)
  chokepoints, serial         the same 10,000 runs in one process
  Python loop                 the same model written the straightforward way (benchmarks/_loop_model.py: loops over
                              runs, months, stages, countries), checked against the kernel on two runs first;
                              a few runs timed, scaled to 10,000
Usage: python benchmarks/bench_simulate.py [--runs 10000] [--loop-runs 100] [--countries 200]
Targets (issue #4): <= 20 s on 2 cores, >= 50x the loop. Results: benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import WORK, machine, publish, results_table, run  # noqa: E402

SETUP = """
    import numpy as np
    from chokepoints.network import Network, reconcile
    from chokepoints.reference.countries import AGGREGATE_CODES, countries
    from chokepoints.shocks import load_scenario
    from chokepoints.shocks.compile import plan
    from chokepoints.shocks.montecarlo import simulate
    from chokepoints.shocks.executors import executor

    iso = [c for c in countries()["iso3"] if c not in AGGREGATE_CODES][:COUNTRIES]
    if "CHN" not in iso:
        iso[-1] = "CHN"
    iso = sorted(set(iso) | {"CHN", "JPN", "DEU", "FRA", "USA", "MYS", "AUS"})
    N, S = len(iso), 6
    rng = np.random.default_rng(0)
    size = rng.lognormal(0, 1.5, N)            # economic mass
    dist = rng.uniform(1, 10, (N, N))          # distance
    F = np.zeros((S, N, N))
    chn = iso.index("CHN")
    for s in range(S):
        g = np.outer(size, size) / dist ** 1.2 * (rng.uniform(size=(N, N)) < 0.3)
        g[chn] *= 40 if s in (1, 2, 3) else 3  # China dominates separation, metals and magnets
        np.fill_diagonal(g, 0)
        F[s] = g / g.sum() * 1e5
    P = np.where(rng.uniform(size=(S, N)) < 0.3, F.sum(axis=2) * rng.uniform(1, 2, (S, N)), np.nan)
    b = reconcile(F, P)
    net = Network("rare-earth-magnets", 2023, iso, ["ore", "oxide", "metal", "magnet", "motor", "vehicle"],
                  [[], [0], [1], [2], [3], [4]], F, b.production, b.use, np.full((S, N), np.nan),
                  np.full((S, N), np.nan), rng.uniform(1e3, 1e5, S))
    p = plan(load_scenario("cn-2025-rare-earths"), net)
"""
RUN_POOL = """
    r = simulate(p, runs=RUNS, seed=1, executor=executor("process"))
    assert r.totals.shape[0] == RUNS
"""
RUN_SERIAL = """
    r = simulate(p, runs=RUNS, seed=1, executor=executor("serial"))
"""
SETUP_LOOP = SETUP + """
    import sys; sys.path.insert(0, BENCH)
    from _loop_model import check, run_one
    from chokepoints.shocks.compile import draw
    from chokepoints.shocks.propagate import propagate
    cuts, _, resp, onset = draw(p, np.random.default_rng(1), LOOP_RUNS)
    # the loop must give the kernel's numbers before its time means anything
    o = propagate(p.arrays, cuts, [], resp, n_months=24, rationing="pro_rata", members=p.members, onset=onset)
    for r in range(2):
        check(o.output_lost, o.shortfall, *run_one(p.arrays, cuts, resp, onset[r], 24, r), r)
"""
RUN_LOOP = """
    for r in range(LOOP_RUNS):  # one scenario at a time, loops over months, stages and countries
        run_one(p.arrays, cuts, resp, onset[r], 24, r)
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10_000)
    ap.add_argument("--loop-runs", type=int, default=5)
    ap.add_argument("--countries", type=int, default=200)
    args = ap.parse_args()
    params = {"runs": args.runs, "loop_runs": args.loop_runs, "countries": args.countries}
    out = WORK / "simulate"
    pool = run((SETUP, RUN_POOL), out, **params)
    serial = run((SETUP, RUN_SERIAL), out, **params)
    loop_t, loop_rss = run((SETUP_LOOP, RUN_LOOP), out, **params, bench=str(Path(__file__).resolve().parent))
    scaled = loop_t * args.runs / args.loop_runs
    results = {"chokepoints, process pool": pool, "chokepoints, serial": serial,
               f"Python loop ({args.loop_runs} runs timed, x{args.runs // args.loop_runs})": (scaled, loop_rss)}
    lines = [f"## Monte Carlo: {args.runs:,} runs of cn-2025-rare-earths, ~{args.countries} countries x 6 stages x "
             "24 months", "", machine(), "", *results_table(results), "",
             f"Target: <= 20 s on 2 cores ({'met' if pool[0] <= 20 else 'NOT met'}: {pool[0]:.1f} s); "
             f">= 50x the loop ({'met' if scaled / pool[0] >= 50 else 'NOT met'}: {scaled / pool[0]:.0f}x). "
             "Peak RSS is the parent process's (the pool's workers each hold one batch of 250 runs)."]
    publish("bench_simulate", lines)


if __name__ == "__main__":
    main()
