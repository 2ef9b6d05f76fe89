"""Shock engine: export controls and outages propagated month by month through a chain, with Monte Carlo.

    import chokepoints as ck
    from chokepoints.shocks import load_scenario, run
    with ck.open() as wh:
        result = run(wh, load_scenario("cn-2025-rare-earths"), runs=1000, seed=1)
    result.summary  # member, stage, metric, mean, p5, p50, p95
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from chokepoints.errors import ScenarioError
from chokepoints.shocks.scenario import Scenario


def load_scenario(name_or_path: str | Path) -> Scenario:
    """A built-in scenario by name (`chokepoints scenarios`) or a TOML file by path."""
    from chokepoints.scenarios import builtin_names, builtin_path

    p = Path(name_or_path)
    if p.is_dir():
        raise ScenarioError(f"{p} is a folder, not a scenario file (give a .toml file or a built-in name)")
    if p.suffix == ".toml" or p.exists():
        return Scenario.from_toml(p)
    path = builtin_path(str(name_or_path))
    if path is None:
        raise ScenarioError(f"no scenario file '{name_or_path}' and no built-in scenario of that name; built-in: "
                            f"{', '.join(builtin_names())}")
    return Scenario.from_toml(path)


def plan_for(wh, sc: Scenario, *, allow_proxy: bool = False):
    """Build the chain's network from the warehouse and resolve the scenario against it."""
    from chokepoints.network import build_network
    from chokepoints.shocks.compile import plan

    net = build_network(wh, sc.chain, year=sc.year, allow_proxy=allow_proxy)
    return plan(sc, net, wh.table("measures")), net


def run(wh, sc: Scenario, *, runs: int = 1000, seed: int = 0, executor=None, out=None, progress=None,
        allow_proxy: bool = False):
    """Monte Carlo of an export-control / outage scenario on the warehouse's data."""
    from chokepoints.shocks.montecarlo import simulate

    if not sc.chain:
        raise ScenarioError(f"{sc.origin}: key 'chain': the shock engine needs a chain")
    p, net = plan_for(wh, sc, allow_proxy=allow_proxy)
    prov = net.provenance
    years = ", ".join(f"{r.stage} {int(r.trade_year)}" for r in prov.itertuples() if r.trade_year == r.trade_year
                      and r.trade_year is not None)
    note = (f"trade by stage: {years or 'none'}; production: "
            f"{'; '.join(sorted({x for v in prov['production_source'] for x in str(v).split(';') if x}))}; "
            "see `chokepoints network` for what is data and what is assumed")
    meta = run_meta(wh, sc, net, seed=seed, runs=runs)
    meta["allow_proxy"] = allow_proxy
    return simulate(p, runs=runs, seed=seed, executor=executor, out=out, progress=progress, data_note=note,
                    meta=meta)


def run_meta(wh, sc: Scenario, net, *, seed: int, runs: int) -> dict:
    """What a run rests on: the data sets and their files' sha256, the code version, the parameters and seed, and
    each stage's status (data, partly assumed, proxy, or missing and passed through)."""
    from chokepoints import __version__

    prov = wh.provenance()
    datasets = {d: {"files": {str(r.file).rsplit("/", 1)[-1]: r.sha256 for r in g.itertuples()},
                    "source": g["source"].iloc[0]} for d, g in prov.groupby("dataset")}
    stages = net.provenance[["stage", "unit", "status", "trade_year", "trade_status", "production_source",
                             "assumed_share"]].copy()
    stages["trade_year"] = stages["trade_year"].astype(object).map(lambda y: None if y is None or y != y else int(y))
    # a run that used a member's confidential declarations says whose (the service shows it to that member only)
    stocks = wh.table("stocks")
    mine = stocks[stocks["confidential"].fillna(False).astype(bool)]
    if "chain" in mine:
        mine = mine[mine["chain"].isna() | (mine["chain"] == sc.chain)]
    return {"code_version": __version__, "seed": seed, "runs": runs,
            "confidential_members": sorted(set(mine["member"])),
            "parameters": sc.model_dump(mode="json", exclude={"origin"}) if hasattr(sc, "model_dump") else {},
            "datasets": datasets, "stages": stages.to_dict("records")}


def supply_table(wh, scenario, *, runs: int, seed: int, stage: str | None = None, alliance: str | None = None):
    """Per run, member and source: tonnes over the horizon with no shock and under the shock (optimiser input)."""
    from chokepoints.shocks.supply import supply_rows

    sc = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    if alliance:
        sc = sc.model_copy(update={"alliance": alliance})
    p, net = plan_for(wh, sc)
    table = supply_rows(p, runs=runs, seed=seed, stage=stage)
    table.attrs["run_meta"] = run_meta(wh, sc, net, seed=seed, runs=runs)  # what the optimiser's inputs rest on
    # the members' declared (strategic) stocks, which the optimiser counts as already held: {member: {stage: t}}
    declared = {}
    for member, pos in p.groups.items():
        if member == "alliance":
            continue
        held = {st: float(np.nansum(net.stocks[net.stages.index(st), pos])) for st in set(table["stage"])}
        declared[member] = {st: t for st, t in held.items() if t > 0}
    table.attrs["declared_stocks"] = declared
    return table


__all__ = ["Scenario", "load_scenario", "plan_for", "run", "supply_table"]
