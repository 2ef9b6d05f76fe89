"""`chokepoints optimise`: a thin typer shell over chokepoints.optimise (register it in chokepoints/cli.py)."""

from __future__ import annotations

import json
import sys
import tomllib
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from chokepoints.errors import ChokepointsError, InputError
from chokepoints.report.tables import Format, render

err = Console(stderr=True)


class ModeChoice(StrEnum):
    joint = "joint"
    solo = "solo"
    both = "both"


def _fail(e: Exception) -> None:
    err.print(f"[bold red]error:[/] {e}", highlight=False, soft_wrap=True)
    raise typer.Exit(1)


def scenario_start(scenario: str) -> str | None:
    """`start` (YYYY-MM) of a scenario file or built-in scenario name, for supply tables that lack attrs['start']."""
    path = Path(scenario)
    if not path.exists():
        from importlib.resources import files

        builtin = files("chokepoints").joinpath("scenarios", f"{scenario}.toml")
        if not builtin.is_file():
            return None
        text = builtin.read_text(encoding="utf-8")
    else:
        text = path.read_text(encoding="utf-8")
    try:
        start = tomllib.loads(text).get("start")
    except tomllib.TOMLDecodeError:
        return None
    return str(start) if start else None


def optimise(
    scenario: Annotated[str, typer.Option("--scenario", help="Scenario file or built-in name, e.g. "
                                                            "cn-2025-rare-earths.")],
    alliance: Annotated[str, typer.Option("--alliance", help="Alliance whose members are optimised.")] = "EU27+JPN",
    chain: Annotated[str, typer.Option("--chain", help="Chain the scenario acts on.")] = "rare-earth-magnets",
    runs: Annotated[int, typer.Option("--runs", min=1, help="Monte Carlo runs (the LP's scenarios).")] = 200,
    seed: Annotated[int, typer.Option("--seed", help="Random seed of the Monte Carlo.")] = 1,
    mode: Annotated[ModeChoice, typer.Option("--mode", help="joint, solo or both.")] = ModeChoice.both,
    costs_file: Annotated[Path | None, typer.Option("--costs", help="TOML overriding optimise/costs.toml "
                                                                    "(costs, prices, policy).")] = None,
    with_: Annotated[list[str] | None, typer.Option("--with", help="Switch a constraint on: crma, days_of_cover, "
                                                                   "budget, risk (repeatable).")] = None,
    without: Annotated[list[str] | None, typer.Option("--without", help="Switch a constraint off "
                                                                        "(repeatable).")] = None,
    plot: Annotated[Path | None, typer.Option("--plot", help="Write the shortfall exceedance curves (.html, or "
                                                             ".png/.svg with kaleido).")] = None,
    db: Annotated[Path | None, typer.Option("--db", help="Warehouse file (default: CHOKEPOINTS_DB or the user data "
                                                         "directory).", envvar="CHOKEPOINTS_DB")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="table, json or csv (csv: the summary).")]
    = Format.table,
) -> None:
    """Resilience optimiser: the stockpiles, project offtakes and contracts that cost least, stock-outs priced in,
    for the alliance acting jointly and each member alone; the difference is the value of the alliance."""
    import chokepoints as ck
    from chokepoints.optimise import build_problem, load_costs
    from chokepoints.optimise import optimise as run_optimiser
    from chokepoints.optimise.report import caption, distributions, figure, portfolio, projects_table, to_dict

    try:
        costs = load_costs(costs_file)
        policy = costs.policy
        for name in with_ or []:
            policy = policy.switched(name, True)
        for name in without or []:
            policy = policy.switched(name, False)
        try:
            from chokepoints.shocks import supply_table
        except ImportError as e:
            raise ChokepointsError(f"the shock engine is not available ({e})") from None
        with ck.open(db, read_only=True) as wh:
            with err.status(f"simulating {runs} runs of {scenario}"):
                supply = supply_table(wh, scenario, runs=runs, seed=seed, alliance=alliance)
            if "projects" not in wh.tables():
                raise InputError("the warehouse has no 'projects' table", hint="run `chokepoints ingest`")
            projects = wh.table("projects")
        got = supply.attrs.get("chain")
        if got and got != chain:
            raise ChokepointsError(f"scenario {scenario} acts on chain '{got}', not '{chain}': pass --chain {got}")
        start = supply.attrs.get("start") or scenario_start(scenario)
        problem = build_problem(supply, projects, costs, alliance=alliance, start=start, chain=chain)
        modes = ("joint", "solo") if mode is ModeChoice.both else (mode.value,)
        with err.status(f"solving {' and '.join(modes)} ({runs} scenarios) with HiGHS"):
            result = run_optimiser(problem, policy, modes=modes, runs=runs, seed=seed)
        if plot is not None:
            from chokepoints.report.figures import save

            err.print(f"wrote {save(figure(result), plot)}", soft_wrap=True)
    except ChokepointsError as e:
        _fail(e)
    if fmt is Format.json:
        doc = to_dict(result)
        doc["meta"]["shock_engine"] = supply.attrs.get("run_meta", {})  # data sha256, code version, stage status
        json.dump(doc, sys.stdout, indent=2, default=str)
        sys.stdout.write("\n")
        return
    if fmt is Format.csv:
        render(result.summary, fmt)
        return
    cap = caption(result)
    render(result.summary, fmt, title=f"Optimised portfolio, {problem.alliance}, {problem.chain}, {problem.scenario}: "
                                      "cost (USD over the horizon) and shortfall (t)", caption=cap)
    for name, res in result.results.items():
        pf = portfolio(res, result)
        render(pf if len(pf) else pf.assign(note=[]), fmt, title=f"{name}: portfolio")
    render(distributions(result), fmt, title="Shortfall distribution over runs (t, summed over stages)", caption=cap)
    pt = projects_table(result)
    if len(pt):
        keep = ["id", "country", "stage", "kind", "supply_t", "usd_per_t", *[c for c in pt.columns
                if c.endswith(("_share", "_members", "_marginal_usd"))], "solo_access", "assumed", "why_not"]
        keep = [c for c in keep if c in pt.columns]
        if fmt is Format.table and "assumed" in pt:  # the terminal: how many figures were filled, how many assumed
            pt = pt.assign(assumed=pt["assumed"].fillna("").map(
                lambda a: "" if not a else f"{a.count('(') } filled ({a.count('assumption')} assumed)"))
        render(pt[keep], fmt, title="Projects: chosen or not, jointly and alone",
               caption="usd_per_t: annualised capex (or contract premium) per tonne secured over the horizon; "
                       "marginal: cost + the offtake cap's shadow price for a project taken to the cap; solo_access: "
                       "who can secure it alone (territory or own partners, optimise/access.toml); assumed: figures "
                       "filled from optimise/project_assumptions.csv.")
    voa = result.value_of_alliance()
    if len(voa):
        binds = "; ".join(f"{mode}: {', '.join(res.binding) or 'none'}" for mode, res in result.results.items())
        render(voa, fmt, title="Value of the alliance (solo minus joint; positive = better together)",
               caption=f"Policy constraints that bind: {binds} "
                       f"(enabled: {', '.join(result.policy.enabled()) or 'none'}).")

