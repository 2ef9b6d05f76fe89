"""What a person sees of an optimisation: tables, the JSON document, and a Plotly figure with its sources."""

from __future__ import annotations

import numpy as np
import pandas as pd

from chokepoints.optimise.results import ModeResult, OptimiseResult, cvar
from chokepoints.report.tables import to_records

PERCENTILES = (50, 90, 95, 99)


def portfolio(res: ModeResult, r: OptimiseResult, *, tol: float = 1e-6) -> pd.DataFrame:
    """The chosen first-stage decisions: projects (offtake share and tonnes), stock levels, contracts, with costs."""
    p = r.problem
    rows = []
    theta = res.theta
    proj = p.projects.set_index("id") if len(p.projects) else pd.DataFrame()
    for mm in p.members:
        for pid in [str(v) for v in theta["project"].values]:
            share = float(theta.sel(member=mm, project=pid))
            if share > tol:
                info = proj.loc[pid]
                rows.append({"kind": "offtake", "member": mm, "item": pid, "stage": info["stage"],
                             "source": info["country"], "quantity": share, "unit": "share of output",
                             "tonnes": share * float(info["supply_t"]),
                             "cost_usd": share * float(p.project_cost.sel(project=pid))})
        for st in [str(v) for v in res.stock["stage"].values]:
            q = float(res.stock.sel(member=mm, stage=st))
            if q > tol:
                rows.append({"kind": "stock", "member": mm, "item": f"stock {st}", "stage": st, "source": "",
                             "quantity": q, "unit": "t", "tonnes": q,
                             "cost_usd": q * float(p.hold_cost.sel(stage=st))})
        c = res.contract.sel(member=mm)
        for src in [str(v) for v in c["source"].values]:
            for st in [str(v) for v in c["stage"].values]:
                q = float(c.sel(source=src, stage=st))
                if q > tol:
                    rows.append({"kind": "contract", "member": mm, "item": f"contract {src} {st}", "stage": st,
                                 "source": src, "quantity": q, "unit": "t", "tonnes": q,
                                 "cost_usd": q * float(p.contract_cost.sel(stage=st))})
    cols = ["kind", "member", "item", "stage", "source", "quantity", "unit", "tonnes", "cost_usd"]
    return pd.DataFrame(rows, columns=cols)


def projects_table(r: OptimiseResult, *, tol: float = 1e-6) -> pd.DataFrame:
    """Every project the optimiser could choose: what it is, what it costs per tonne secured, the share taken
    jointly and by each member alone, who can secure it alone, and its marginal value (cost + the offtake cap's
    shadow price, for a project taken to the cap; equal to its cost when taken below the cap)."""
    p = r.problem
    rows = []
    value = p.shortfall_value.to_series()
    for info in p.projects.itertuples():
        pid = info.id
        cost = float(p.project_cost.sel(project=pid))
        row = {"id": pid, "name": info.name, "country": info.country, "stage": info.stage, "kind": info.kind,
               "status": info.status, "supply_t": float(info.supply_t),
               "usd_per_t": cost / info.supply_t if info.supply_t > 0 else np.nan,
               "shortfall_value_per_t": float(value.get(info.stage, np.nan)),
               "solo_access": ";".join(m for m in p.members if bool(p.access.sel(project=pid, member=m))),
               "assumed": info.assumed}
        for mode, res in r.results.items():
            share = res.theta.sel(project=pid)
            row[f"{mode}_share"] = float(share.sum("member"))
            row[f"{mode}_members"] = ";".join(m for m in p.members if float(share.sel(member=m)) > tol)
            shadow = 0.0 if res.cap_shadow is None else float(res.cap_shadow.sel(project=pid))
            row[f"{mode}_marginal_usd"] = cost + shadow if float(share.sum("member")) > tol else np.nan
        rows.append(row)
    out = pd.DataFrame(rows).sort_values(["stage", "usd_per_t"]) if rows else pd.DataFrame()
    # every curated project has a row: those not counted say why (after the horizon, exploration, no conversion...)
    excluded = p.excluded[~p.excluded["reason"].str.startswith("material '")]  # other chains' projects
    excluded = excluded.rename(columns={"reason": "why_not"}).assign(kind="not counted")
    return pd.concat([out.assign(why_not=""), excluded], ignore_index=True)


def distribution(loss: np.ndarray, probs: np.ndarray, alpha: float) -> dict:
    """Mean, percentiles, CVaR and maximum of a shortfall distribution (t)."""
    order = np.argsort(loss)
    cum = np.cumsum(probs[order])
    out = {"mean": float((loss * probs).sum())}
    for q in PERCENTILES:
        out[f"p{q}"] = float(loss[order][min(np.searchsorted(cum, q / 100 - 1e-12), len(loss) - 1)])
    out[f"cvar{int(round(alpha * 100))}"] = cvar(loss, alpha, probs)
    out["max"] = float(loss.max())
    return out


def distributions(r: OptimiseResult) -> pd.DataFrame:
    """Shortfall distribution (alliance total and per member, t over the horizon) before and after each mode."""
    p = r.problem
    alpha = next(iter(r.results.values())).alpha if r.results else 0.95
    probs = p.prob.values
    rows = []
    cases = {"before": r.before, **{k: v.shortfall for k, v in r.results.items()}}
    for case, short in cases.items():
        loss = short.sum("stage")
        for mm in [*p.members, "total"]:
            values = loss.sum("member").values if mm == "total" else loss.sel(member=mm).values
            rows.append({"case": case, "member": mm, **distribution(values, probs, alpha)})
    return pd.DataFrame(rows)


def to_dict(r: OptimiseResult) -> dict:
    """The JSON document: {"joint": {...}, "solo": {...}, "value_of_alliance": {...}, "before": ..., "meta": ...}."""
    p = r.problem
    summary = r.summary
    out: dict = {}
    for mode, res in r.results.items():
        s = summary[summary["mode"] == mode].set_index("member")
        tot = s.loc["total"]
        out[mode] = {
            "cost": float(tot["cost"]), "first_stage_usd": float(tot["first_stage_usd"]),
            "expected_shortfall_usd": float(tot["expected_shortfall_usd"]),
            "expected_shortfall_t": float(tot["expected_shortfall_t"]),
            "cvar_shortfall_t": float(tot["cvar_shortfall_t"]),
            "members": {mm: {k: float(s.loc[mm, k]) for k in ("cost", "first_stage_usd", "expected_shortfall_usd",
                                                               "expected_shortfall_t", "cvar_shortfall_t")}
                        for mm in p.members},
            "portfolio": to_records(portfolio(res, r)),
            "build_s": res.build_s, "solve_s": res.solve_s,
        }
    voa = r.value_of_alliance()
    out["value_of_alliance"] = {row["member"]: {k: float(row[k]) for k in ("cost", "expected_shortfall_t",
                                                                            "cvar_shortfall_t")}
                                for row in voa.to_dict(orient="records")}
    out["shortfall_distribution"] = to_records(distributions(r))
    out["meta"] = meta(r)
    out["projects"] = to_records(projects_table(r))
    out["binding"] = {mode: res.binding for mode, res in r.results.items()}
    return out


def meta(r: OptimiseResult) -> dict:
    p = r.problem
    alpha = next(iter(r.results.values())).alpha if r.results else None
    return {"alliance": p.alliance, "chain": p.chain, "scenario": p.scenario, "start": p.start,
            "horizon_months": p.horizon_months, "runs": r.runs, "seed": r.seed, "cvar_alpha": alpha,
            "policy": r.policy.model_dump(), "constraints_on": r.policy.enabled(), "units": {
                "cost": "USD over the horizon", "shortfall": "t over the horizon, summed over stages"},
            "sources": p.sources, "projects_used": to_records(p.projects),
            "projects_excluded": to_records(p.excluded)}


def caption(r: OptimiseResult) -> str:
    p = r.problem
    return (f"Shortfall: chokepoints shock engine, scenario {p.scenario} ({r.runs} runs, seed {r.seed}, start "
            f"{p.start}, {p.horizon_months} months). Projects: data/curated/projects.csv with "
            "optimise/project_assumptions.csv. Costs: reference/prices.toml and optimise/costs.toml (each number's "
            "source and kind in --format json meta.sources; docs/methods/optimise.md).")


def figure(r: OptimiseResult):
    """Exceedance curves of the alliance's total shortfall per run: before any action, solo and joint."""
    import plotly.graph_objects as go

    p = r.problem
    fig = go.Figure()
    cases = {"before (no action)": r.before, **{k: v.shortfall for k, v in r.results.items()}}
    for name, short in cases.items():
        loss = np.sort(short.sum(["member", "stage"]).values)[::-1]
        exceed = np.arange(1, len(loss) + 1) / len(loss)
        fig.add_trace(go.Scatter(x=loss, y=exceed, mode="lines", name=name, line={"shape": "hv"}))
    fig.update_layout(
        title=f"{p.alliance}, {p.chain}: shortfall over {p.horizon_months} months under {p.scenario} "
              f"({r.runs} runs), before and after the optimised portfolio",
        xaxis_title="alliance shortfall (t, summed over stages)", yaxis_title="share of runs with at least this",
        template="plotly_white", height=480, margin={"l": 70, "r": 30, "t": 70, "b": 110})
    fig.add_annotation(text=f"Source: {caption(r)}", xref="paper", yref="paper", x=0, y=-0.25, showarrow=False,
                       xanchor="left", font={"size": 9, "color": "#555"})
    return fig
