"""Shock engine: export controls and outages propagated month by month through a chain, with Monte Carlo.

    import chokepoints as ck
    from chokepoints.shocks import load_scenario, run
    with ck.open() as wh:
        result = run(wh, load_scenario("cn-2025-rare-earths"), runs=1000, seed=1)
    result.summary  # member, stage, metric, mean, p5, p50, p95
"""

from __future__ import annotations

from pathlib import Path

from chokepoints.errors import ScenarioError
from chokepoints.shocks.scenario import Scenario


def load_scenario(name_or_path: str | Path) -> Scenario:
    """A built-in scenario by name (`chokepoints scenarios`) or a TOML file by path."""
    from chokepoints.scenarios import builtin_names, builtin_path

    p = Path(name_or_path)
    if p.suffix == ".toml" or p.exists():
        return Scenario.from_toml(p)
    path = builtin_path(str(name_or_path))
    if path is None:
        raise ScenarioError(f"no scenario file '{name_or_path}' and no built-in scenario of that name; built-in: "
                            f"{', '.join(builtin_names())}")
    return Scenario.from_toml(path)


def plan_for(wh, sc: Scenario):
    """Build the chain's network from the warehouse and resolve the scenario against it."""
    from chokepoints.network import build_network
    from chokepoints.shocks.compile import plan

    net = build_network(wh, sc.chain, year=sc.year)
    return plan(sc, net, wh.table("measures")), net


def run(wh, sc: Scenario, *, runs: int = 1000, seed: int = 0, executor=None, out=None, progress=None):
    """Monte Carlo of an export-control / outage scenario on the warehouse's data."""
    from chokepoints.shocks.montecarlo import simulate

    if not sc.chain:
        raise ScenarioError(f"{sc.origin}: key 'chain': the shock engine needs a chain")
    p, net = plan_for(wh, sc)
    note = (f"trade {net.year} ({', '.join(sorted(set(wh.table('trade')['dataset'])))}); production USGS MCS and "
            "curated stage shares; see `chokepoints network` for what is data and what is assumed")
    return simulate(p, runs=runs, seed=seed, executor=executor, out=out, progress=progress, data_note=note)


def supply_table(wh, scenario, *, runs: int, seed: int, stage: str | None = None, alliance: str | None = None):
    """Per run, member and source: tonnes over the horizon with no shock and under the shock (optimiser input)."""
    from chokepoints.shocks.supply import supply_table as _supply

    sc = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    if alliance:
        sc = sc.model_copy(update={"alliance": alliance})
    p, net = plan_for(wh, sc)
    return _supply(p, runs=runs, seed=seed, stage=stage)


__all__ = ["Scenario", "load_scenario", "plan_for", "run", "supply_table"]
