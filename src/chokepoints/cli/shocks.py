"""Shock commands: network, simulate."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from chokepoints.cli.app import app
from chokepoints.cli.common import DbOption, FormatOption, err, handles_errors
from chokepoints.errors import ChokepointsError
from chokepoints.report import views
from chokepoints.report.tables import Format, render


@app.command()
@handles_errors
def network(
    chain_id: Annotated[str, typer.Option("--chain", help="Chain id (`chokepoints chains`).")] = "rare-earth-magnets",
    year: Annotated[int | None, typer.Option(help="Trade year (default: each stage's latest).")] = None,
    balances: Annotated[bool, typer.Option("--balances", help="Per country and stage instead of per stage.")] = False,
    allow_proxy: Annotated[bool, typer.Option("--allow-proxy", help="Use broader headings and mixed codes, "
                                                                    "labelled PROXY.")] = False,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """A chain's network: per stage how much is data and how much reconciliation assumed (or per-country balances)."""
    import chokepoints as ck

    with ck.open(db, read_only=True) as wh:
        net = wh.network(chain_id, year=year, allow_proxy=allow_proxy)
    df = net.balance_table() if balances else net.provenance
    if fmt is Format.table and not balances:  # the terminal view: what each stage rests on
        df = df[["stage", "unit", "trade_year", "trade_t", "production_t", "assumed_share", "status",
                 "production_source", "trade_status"]].copy()
        df["trade_year"] = df["trade_year"].map(lambda y: "" if y is None or y != y else str(int(y)))
        df["assumed_share"] = df["assumed_share"].map(lambda v: f"{v:.0%}")
    render(df, fmt, title=f"Network of {chain_id}: {len(net.countries)} countries, each stage in its latest trade year",
           caption="t/yr (vehicles for piece stages). production: IEA / USGS MCS / curated data and shares; "
                   "assumed = trade-implied (max(0, X - M)), derived from the input stage, or the residual "
                   "added so that no country exports more than it makes and buys (docs/methods/shocks.md)")


@app.command()
@handles_errors
def simulate(
    scenario: Annotated[str, typer.Argument(help="A scenario TOML file or a built-in name (`chokepoints scenarios`).")],
    runs: Annotated[int, typer.Option("--runs", min=1, max=1_000_000, help="Monte Carlo runs.")] = 1000,
    seed: Annotated[int, typer.Option("--seed", min=0, help="Random seed: same seed, same output.")] = 0,
    executor_name: Annotated[str, typer.Option("--executor", help="serial | process | spark")] = "serial",
    out: Annotated[Path | None, typer.Option("--out", help="Write run x country x stage x month losses "
                                                            "(.parquet).")] = None,
    plot: Annotated[Path | None, typer.Option("--plot", help="Fan chart of the loss over time (.html).")] = None,
    allow_proxy: Annotated[bool, typer.Option("--allow-proxy", help="Use broader headings and mixed HS codes for "
                                                                    "stages without HS6 data (labelled PROXY).")]
    = False,
    metric: Annotated[list[str] | None, typer.Option("--metric", help="Metrics in the table (default: "
                                                                       "output lost and shortfall).")] = None,
    db: DbOption = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="table | json (csv: the summary rows)")] = Format.table,
) -> None:
    """Run a scenario: export controls and outages through the shock engine (Monte Carlo), tariffs through the
    partial-equilibrium model."""
    import json
    import sys

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    import chokepoints as ck
    from chokepoints.shocks.montecarlo import METRICS

    bad = [m for m in metric or [] if m not in METRICS]
    if bad:
        raise ChokepointsError(f"--metric {bad[0]!r} is not a metric; metrics: {', '.join(METRICS)}")
    sc = ck.scenario(scenario)
    with ck.open(db, read_only=True) as wh, Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err,
            transient=True) as bar:
        task = bar.add_task(f"simulating {sc.name}", total=runs)
        result = wh.simulate(sc, runs=runs, seed=seed, executor=executor_name, out=out, allow_proxy=allow_proxy,
                             progress=lambda done, total: bar.update(task, completed=done))
    if result.kind == "tariffs":
        return _show_tariffs(result, sc, fmt, plot)
    if fmt is Format.json:
        json.dump(result.to_dict(), sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        rows = views.simulation_view(result, metric) if fmt is Format.table else views.simulation_rows(result, metric)
        render(rows, fmt,
               title=f"{sc.name}: {sc.title} - {runs:,} runs, seed {seed}, {sc.horizon_months} months",
               caption=views.simulation_caption(result))
    for note in result.plan.notes:
        err.print(f"[yellow]note:[/] {note}")
    if plot is not None:
        from chokepoints.report.figures import save

        err.print(f"wrote {save(result.plot(), plot)}")


def _show_tariffs(res, sc, fmt, plot) -> None:
    """Tariff measures through the WITS-SMART partial-equilibrium model (docs/methods/tariffs.md)."""
    import sys

    if fmt is Format.json:
        sys.stdout.write(res.to_json() + "\n")
    else:
        caption = (f"Source: {res.meta['trade_source']}. {res.meta['tariff_source']}. {res.meta['model']}; USD. "
                   + " ".join(res.meta["notes"]))
        render(res.summary, fmt, title=f"{sc.name}: {res.meta['market']} imports, {res.meta['year']} trade",
               caption=caption)
        if fmt is Format.table:
            cols = ["product", "baseline_imports", "targeted_imports", "change", "change_pct",
                    "diverted_to_others", "top_gainer", "baseline_rate", "new_rate", "revenue_change", "welfare"]
            render(res.by_product[[c for c in cols if c in res.by_product]], fmt, title="per product")
    if plot is not None:
        from chokepoints.report.figures import save

        err.print(f"wrote {save(res.plot(), plot)}")
