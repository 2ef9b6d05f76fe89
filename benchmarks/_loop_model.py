"""The shock model written the straightforward way: Python loops over runs, months, stages and countries.

Only what `cn-2025-rare-earths` uses (export controls, pro-rata rationing, solo stocks with per-stage release rates,
spare capacity masked to sourced producers, pass-through of stages without data, Leontief inputs); the benchmark
checks it gives the kernel's numbers before timing it.
"""

from __future__ import annotations

import math


def run_one(a, cuts, resp, onset, T, r):
    """Output lost and uncovered shortfall, [stage][country][month], for run r."""
    S, N = len(a.production), len(a.production[0])
    F, P, U = a.flows.tolist(), a.production.tolist(), a.use.tolist()
    X = [[sum(F[s][i]) for i in range(N)] for s in range(S)]
    util, ramp_up = float(resp.utilisation[r]), float(resp.ramp_up[r])
    leak, sub = float(resp.leakage[r]), float(resp.substitution[r])
    scale = 1.0 if resp.stock_scale is None else float(resp.stock_scale[r])
    stock = [[U[s][i] * float(resp.stock_months[r]) if math.isnan(a.stocks[s][i]) else a.stocks[s][i] * scale
              for i in range(N)] for s in range(S)]
    rate = [[float(resp.stock_release[r]) if a.release is None or math.isnan(a.release[s][i]) else a.release[s][i]
             for i in range(N)] for s in range(S)]
    cap = [[stock[s][i] * rate[s][i] for i in range(N)] for s in range(S)]
    spare_share = [[1.0 if a.spare_share is None else a.spare_share[s][i] for i in range(N)] for s in range(S)]
    through = [[a.passthrough is not None and bool(a.passthrough[s][i]) for i in range(N)] for s in range(S)]
    actors = {s: {int(a_) for c in cuts if c.stage == s for a_ in c.actors} for s in range(S)}
    phi = [[0.0] * N for _ in range(S)]
    passed = [[0.0] * N for _ in range(S)]
    lost = [[[0.0] * T for _ in range(N)] for _ in range(S)]
    short = [[[0.0] * T for _ in range(N)] for _ in range(S)]
    for t in range(T):
        ramp = min(max(ramp_up * (t - onset), 0.0), 1.0)
        for s in range(S):
            psi = [0.0] * N
            for i in range(N):
                if a.inputs[s]:
                    psi[i] = max(phi[j][i] for j in a.inputs[s]) * (1 - sub)
            ls = [0.0] * N
            for i in range(N):
                kappa = min(P[s][i], X[s][i]) / X[s][i] if X[s][i] > 1e-12 else 0.0
                xs = X[s][i] if X[s][i] > 1e-12 else 1.0
                ls[i] = min(psi[i] * kappa + passed[s][i] / xs, 1.0)
            gross = [0.0] * N
            for j in range(N):
                loss = 0.0
                for i in range(N):
                    f = F[s][i][j]
                    if f == 0.0:
                        continue
                    mu = 0.0
                    if i in actors[s] and i != j:
                        for c in cuts:
                            if c.stage == s and i in c.actors and c.destinations[j]:
                                mu += float(c.k[r, t])
                        mu = min(mu, 1.0) * (1 - leak)
                    loss += f * (ls[i] + (1 - ls[i]) * mu)
                gross[j] = loss + psi[j] * max(P[s][j] - X[s][j], 0.0)
            for j in range(N):
                rx = X[s][j] - min(P[s][j], X[s][j])
                own = U[s][j] / (U[s][j] + rx) if U[s][j] + rx > 1e-12 else 1.0
                passed[s][j] = gross[j] * (1 - own)
                gross[j] *= own
            pool = 0.0
            for i in range(N):
                if i not in actors[s]:
                    pool += P[s][i] * (1 / util - 1) * spare_share[s][i] * (1 - psi[i])
            pool *= ramp
            need = sum(gross)
            f = min(pool / need, 1.0) if need > 1e-12 else 0.0
            for j in range(N):
                rem = max(gross[j] - gross[j] * f, 0.0)
                rel = min(rem, stock[s][j], cap[s][j])
                stock[s][j] -= rel
                unc = max(rem - rel, 0.0)
                phi[s][j] = min(unc / U[s][j], 1.0) if U[s][j] > 1e-12 else 0.0
                if through[s][j]:  # no data for this country at this stage: its input shortfall passes on
                    phi[s][j] = psi[j]
                short[s][j][t] = unc
                lost[s][j][t] = psi[j] * P[s][j]
    return lost, short


def check(kernel_lost, kernel_short, lost, short, r) -> None:
    for s in range(len(lost)):
        for i in range(len(lost[0])):
            for t in range(len(lost[0][0])):
                for k, v in ((kernel_lost[r, s, i, t], lost[s][i][t]), (kernel_short[r, s, i, t], short[s][i][t])):
                    if not math.isclose(k, v, rel_tol=1e-7, abs_tol=1e-7):
                        raise AssertionError(f"loop and kernel differ at run {r} stage {s} country {i} month {t}: "
                                             f"{v} vs {k}")
