"""`chokepoints optimise`: the resilience optimiser (a shell over Warehouse.optimise)."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from chokepoints.cli.app import app
from chokepoints.cli.common import DbOption, err, handles_errors
from chokepoints.report.tables import Format, render


class ModeChoice(StrEnum):
    joint = "joint"
    solo = "solo"
    both = "both"


@app.command("optimise")
@handles_errors
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
    db: DbOption = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="table, json or csv (csv: the summary).")]
    = Format.table,
) -> None:
    """Resilience optimiser: the stockpiles, project offtakes and contracts that cost least, stock-outs priced in,
    for the alliance acting jointly and each member alone; the difference is the value of the alliance."""
    import chokepoints as ck
    from chokepoints.optimise.report import caption, distributions, portfolio, projects_table

    if seed < 0:
        raise ck.InputError(f"--seed must be >= 0, not {seed}", field="seed")
    with ck.open(db, read_only=True) as wh, err.status(f"simulating {runs} runs of {scenario} and solving"):
        result = wh.optimise(scenario=scenario, chain=chain, alliance=alliance, runs=runs, seed=seed,
                             mode=mode.value, costs=costs_file, enable=with_ or [], disable=without or [])
    problem = result.problem
    if plot is not None:
        from chokepoints.report.figures import save

        err.print(f"wrote {save(result.plot(), plot)}", soft_wrap=True)
    if fmt is Format.json:
        json.dump(result.to_dict(), sys.stdout, indent=2, default=str)
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

