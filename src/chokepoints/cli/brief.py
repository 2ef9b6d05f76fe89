"""`chokepoints brief`: the ministers' two-page brief, PDF or HTML (a shell over chokepoints.report.brief)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from chokepoints.cli.app import app
from chokepoints.cli.common import DbOption, err, handles_errors


@app.command("brief")
@handles_errors
def brief(
    scenario: Annotated[str, typer.Option("--scenario", help="Scenario file or built-in name, e.g. "
                                                            "cn-2025-rare-earths.")],
    out: Annotated[list[Path], typer.Option("--out", help="The brief: .pdf (typst) or .html (self-contained); "
                                                          "repeat for both from one run.")],
    alliance: Annotated[str, typer.Option("--alliance", help="The alliance the brief is for.")] = "EU27+JPN",
    chain: Annotated[str | None, typer.Option("--chain", help="Chain (default: the scenario's).")] = None,
    runs: Annotated[int, typer.Option("--runs", min=1, max=1_000_000, help="Monte Carlo runs of the scenario.")]
    = 1000,
    optimise_runs: Annotated[int, typer.Option("--optimise-runs", min=1, help="Runs the optimiser plans over.")]
    = 200,
    seed: Annotated[int, typer.Option("--seed", min=0, help="Random seed (simulation and optimiser).")] = 1,
    db: DbOption = None,
) -> None:
    """Two pages for a ministerial meeting: the alliance's headline dependencies, the scenario's losses and time to
    survive per member, the recommended portfolio and the value of the alliance, every figure with its source and
    year and every assumption labelled (docs/brief.md)."""
    import chokepoints as ck
    from chokepoints.report.brief import build_brief, check_out, write_brief

    for path in out:  # a wrong suffix or folder fails now, not after the run
        check_out(path)
    with ck.open(db, read_only=True) as wh, err.status(f"simulating {runs} runs of {scenario}, optimising over "
                                                       f"{optimise_runs} and typesetting"):
        b = build_brief(wh, alliance=alliance, scenario=scenario, chain=chain, runs=runs, seed=seed,
                        optimise_runs=optimise_runs)
    for path in out:
        err.print(f"wrote {write_brief(b, path)}", soft_wrap=True)
