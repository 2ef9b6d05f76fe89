"""Reference commands: countries, blocs, chains, scenarios."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from chokepoints.cli.app import app
from chokepoints.cli.common import FormatOption, handles_errors
from chokepoints.errors import ChokepointsError
from chokepoints.report.tables import Format, render


@app.command()
@handles_errors
def countries(fmt: FormatOption = Format.table) -> None:
    """Countries and aggregates known to chokepoints (ISO 3166 + statistical aggregates)."""
    from chokepoints.reference import countries as load

    render(load(), fmt, title="Countries", caption="source: ISO 3166 via datasets/country-codes (PDDL)")


@app.command()
@handles_errors
def blocs(
    fmt: FormatOption = Format.table,
    blocs_file: Annotated[Path | None, typer.Option("--blocs", help="Your own blocs TOML.",
                                                    envvar="CHOKEPOINTS_BLOCS")] = None,
) -> None:
    """Blocs and alliances (built in and your own); any 'A+B' expression is a bloc too."""
    from chokepoints.reference.blocs import blocs_table

    render(blocs_table(blocs_file), fmt, title="Blocs")


@app.command()
@handles_errors
def chains(
    name: Annotated[str | None, typer.Argument(help="A chain, e.g. rare-earth-magnets.")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Supply chains: stages, HS codes (2017 and 2022), units and conversion factors."""
    from chokepoints.reference.chains import chains_table

    df = chains_table()
    if name:
        df = df[df["chain"] == name]
        if df.empty:
            raise ChokepointsError(f"unknown chain '{name}'")
    render(df, fmt, title="Supply chains")


@app.command()
@handles_errors
def scenarios(fmt: FormatOption = Format.table) -> None:
    """List the built-in scenarios (run one with `chokepoints simulate NAME`)."""
    import pandas as pd

    from chokepoints.scenarios import builtin_names
    from chokepoints.shocks import load_scenario

    rows = []
    for name in builtin_names():
        sc = load_scenario(name)
        kind = "tariff" if sc.tariffs and not sc.measures else "export control"
        rows.append({"name": name, "kind": kind, "chain": sc.chain or "", "alliance": sc.alliance,
                     "start": sc.start or "", "months": sc.horizon_months, "title": sc.title})
    render(pd.DataFrame(rows), fmt, title="Built-in scenarios", caption="src/chokepoints/scenarios/*.toml")


