"""Per run, member and source: what a member gets over the horizon with and without the shock.

The optimiser's second stage reads this table: `baseline_t` is what the member would receive from the source with
no shock, `available_t` what reaches it under the run's shock before any action of the optimiser (export controls,
upstream output cuts, the market's spare-capacity relief as source "spot").
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from chokepoints.shocks.compile import Plan
from chokepoints.shocks.montecarlo import batches, propagate_batch


def supply_rows(p: Plan, *, runs: int, seed: int, stage: str | None = None) -> pd.DataFrame:
    """STAGE, or (None) every stage a measure or outage hits, in chain order."""
    sc = p.scenario
    if stage:
        stages = [p.stages.index(stage)]
    else:
        stages = sorted({s for m in p.measures for s in m.stages} | {s for _, s, _ in p.outages}) or [0]
    frames = []
    # the same batches and seeds as the Monte Carlo (montecarlo.batches): run r here is run r of `simulate`
    for first, n, ss in batches(runs, seed):
        cuts, resp, _, o = propagate_batch(p, ss, n, record=True)
        part = pd.concat([_one_stage(p, o, cuts, resp, s, n) for s in stages], ignore_index=True)
        part["run"] += first
        frames.append(part)
    out = pd.concat(frames, ignore_index=True)
    out.attrs.update(horizon_months=p.n_months, scenario=sc.name, chain=sc.chain, start=(sc.start or "")[:7])
    return out


def _one_stage(p: Plan, o, cuts, resp, s: int, runs: int) -> pd.DataFrame:
    F, U, T = p.arrays.flows[s], p.arrays.use[s], p.n_months
    leak = resp.leakage
    # the export-control share mu[r, t, i, j] only for actors: recomputed from the same draws as the kernel's
    mu = {}
    for c in cuts:
        if c.stage != s:
            continue
        for a in c.actors:
            mu[a] = mu.get(a, 0.0) + c.k[:, :, None] * c.destinations[None, None, :]
    rows = []
    for g, pos in p.groups.items():
        if g == "alliance":
            continue
        inside = np.zeros(len(p.countries), bool)
        inside[pos] = True
        ext = np.flatnonzero((F[:, inside].sum(axis=1) > 0) & ~inside)
        ext_lost = np.zeros(runs)
        for i in ext:
            f = F[i, inside]                                   # (n_g,) t/month
            ls = o.export_cut[:, s, i, :]                      # (R, T)
            m = np.minimum(mu[i][:, :, inside], 1.0) * (1 - leak)[:, None, None] if i in mu else 0.0
            kept = ((1 - ls)[:, :, None] * (1 - m) * f[None, None, :]).sum(axis=(1, 2))
            ext_lost += f.sum() * T - kept
            rows.append(pd.DataFrame({"run": np.arange(runs), "member": g, "source": p.countries[i],
                                      "baseline_t": f.sum() * T, "available_t": kept}))
        dom = max(U[inside].sum() - F[~inside][:, inside].sum(), 0.0) * T
        # what the member's gross shortfall holds beyond its lost imports fell on its own supply
        lost_dom = np.minimum(o.gross_shortfall[:, s, pos, :].sum(axis=(1, 2)) - ext_lost, dom).clip(0)
        rows.append(pd.DataFrame({"run": np.arange(runs), "member": g, "source": "domestic", "baseline_t": dom,
                                  "available_t": dom - lost_dom}))
        rows.append(pd.DataFrame({"run": np.arange(runs), "member": g, "source": "spot", "baseline_t": 0.0,
                                  "available_t": o.relief[:, s, pos, :].sum(axis=(1, 2))}))
    out = pd.concat(rows, ignore_index=True)
    out.insert(3, "stage", p.stages[s])
    return out

