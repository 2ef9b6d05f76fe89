"""The `chokepoints` command line: one typer app; each command a thin shell over a library call."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from chokepoints.errors import ChokepointsError
from chokepoints.report.tables import Format, render

app = typer.Typer(help="Find, stress-test and relieve the chokepoints in critical-material supply chains.",
                  no_args_is_help=True, pretty_exceptions_enable=False, add_completion=False)
synth_app = typer.Typer(help="Synthetic data for benchmarks and scale tests (never the demo's data).",
                        no_args_is_help=True)
app.add_typer(synth_app, name="synth")
err = Console(stderr=True)

DbOption = Annotated[Path | None, typer.Option("--db", help="Warehouse file (default: CHOKEPOINTS_DB or the "
                                                             "user data directory).", envvar="CHOKEPOINTS_DB")]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]


def _fail(e: Exception) -> None:
    err.print(f"[bold red]error:[/] {e}", highlight=False, soft_wrap=True)
    raise typer.Exit(1)


def main() -> None:
    try:
        app()
    except ChokepointsError as e:  # raised outside a command body (e.g. in a callback)
        _fail(e)


@app.command()
def ingest(
    paths: Annotated[list[Path] | None, typer.Argument(help="Extra files or folders to load.")] = None,
    db: DbOption = None,
    defaults: Annotated[bool, typer.Option(help="Also load the bundled data and CHOKEPOINTS_DATA "
                                                "(default ../shared/data).")] = True,
    fmt: FormatOption = Format.table,
) -> None:
    """Load the bundled real data, CHOKEPOINTS_DATA and PATHS into the warehouse, atomically."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    import chokepoints as ck

    try:
        with ck.open(db) as wh, Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                         TimeElapsedColumn(), console=err, transient=True) as bar:
            task = bar.add_task("discovering", total=None)

            def progress(name: str, i: int, n: int) -> None:
                bar.update(task, description=f"loading {name}", completed=i, total=n)

            report = wh.ingest(paths or [], include_defaults=defaults, progress=progress)
            bar.update(task, description="done")
            path = wh.path
    except ChokepointsError as e:
        _fail(e)
    frame = report.to_frame()
    if fmt is Format.table:
        n_loaded, n_same = len(report.loaded), len(report.unchanged)
        err.print(f"warehouse {path}: {n_loaded} data set(s) loaded, {n_same} unchanged", soft_wrap=True)
        for f in report.skipped_files:
            err.print(f"  skipped (no loader for this file): {f}", soft_wrap=True)
    if len(frame):
        render(frame, fmt, title="Ingest")


@app.command()
def status(db: DbOption = None, fmt: FormatOption = Format.table) -> None:
    """List each loaded data set with its rows, years covered, source and load time."""
    import chokepoints as ck

    try:
        with ck.open(db, read_only=True) as wh:
            df = wh.status()
            path = wh.path
    except ChokepointsError as e:
        _fail(e)
    df["loaded_at"] = df["loaded_at"].astype(str).str[:19]
    if fmt is Format.table:  # a terminal-width summary; csv/json keep every column in full
        years = df["year_min"].astype("Int64").astype(str) + "-" + df["year_max"].astype("Int64").astype(str)
        df = df.assign(years=years.where(df["year_min"].notna(), ""),
                       tables=df["tables"].str.replace(",", ", "),
                       source=df["source"].str.slice(0, 60).where(df["source"].str.len() <= 60,
                                                                   df["source"].str.slice(0, 59) + "…"))
        df = df[["dataset", "tables", "rows", "years", "source", "loaded_at"]]
    render(df, fmt, title=f"Warehouse {path}", caption="source: each data set's SOURCE.md; rows as loaded")


@app.command()
def table(
    name: Annotated[str, typer.Argument(help="Table name, e.g. trade, production, governance.")],
    where: Annotated[str | None, typer.Option(help="SQL filter, e.g. \"importer = 'JPN'\".")] = None,
    limit: Annotated[int, typer.Option(help="Rows to show.")] = 20,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Show rows of a warehouse table."""
    import chokepoints as ck

    try:
        with ck.open(db, read_only=True) as wh:
            df = wh.table(name, where=where, limit=limit)
    except ChokepointsError as e:
        _fail(e)
    except Exception as e:  # a user's SQL filter that DuckDB rejects
        _fail(ChokepointsError(f"bad --where filter: {str(e).splitlines()[0]}"))
    render(df, fmt, title=name)


@app.command()
def tables(fmt: FormatOption = Format.table, name: Annotated[str | None, typer.Argument()] = None) -> None:
    """The catalogue of canonical tables: columns, types, units, checks and descriptions."""
    from chokepoints.reference import catalogue

    cat = catalogue()
    if name:
        cat = cat[cat["table"] == name]
        if cat.empty:
            _fail(ChokepointsError(f"unknown table '{name}'"))
    render(cat, fmt, title="Table catalogue", caption="reference/tables.csv")


@app.command()
def countries(fmt: FormatOption = Format.table) -> None:
    """Countries and aggregates known to chokepoints (ISO 3166 + statistical aggregates)."""
    from chokepoints.reference import countries as load

    render(load(), fmt, title="Countries", caption="source: ISO 3166 via datasets/country-codes (PDDL)")


@app.command()
def blocs(
    fmt: FormatOption = Format.table,
    blocs_file: Annotated[Path | None, typer.Option("--blocs", help="Your own blocs TOML.",
                                                    envvar="CHOKEPOINTS_BLOCS")] = None,
) -> None:
    """Blocs and alliances (built in and your own); any 'A+B' expression is a bloc too."""
    from chokepoints.reference.blocs import blocs_table

    try:
        render(blocs_table(blocs_file), fmt, title="Blocs")
    except ChokepointsError as e:
        _fail(e)


@app.command()
def chains(
    name: Annotated[str | None, typer.Argument(help="A chain, e.g. rare-earth-magnets.")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Supply chains: stages, HS codes (2017 and 2022), units and conversion factors."""
    from chokepoints.reference.chains import chains_table

    try:
        df = chains_table()
    except ChokepointsError as e:
        _fail(e)
    if name:
        df = df[df["chain"] == name]
        if df.empty:
            _fail(ChokepointsError(f"unknown chain '{name}'"))
    render(df, fmt, title="Supply chains")


@app.command()
def formats(fmt: FormatOption = Format.table) -> None:
    """The source formats `ingest` reads."""
    import pandas as pd

    from chokepoints.ingest import loaders

    rows = [{"format": m.FORMAT, "module": m.__name__.rsplit(".", 1)[1],
             "description": (m.__doc__ or "").strip().splitlines()[0]} for m in loaders()]
    render(pd.DataFrame(rows), fmt, title="Formats")


@synth_app.command("baci")
def synth_baci(
    rows: Annotated[int, typer.Option(help="Number of flows.")],
    out: Annotated[Path, typer.Option(help="CSV file to write.")],
    year: Annotated[int, typer.Option(help="Year column t.")] = 2022,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 0,
) -> None:
    """Write BACI-layout synthetic trade (gravity-shaped, real country and HS6 codes)."""
    from chokepoints.synth import write_baci

    with err.status(f"writing {rows:,} synthetic BACI rows"):
        try:
            path = write_baci(out, rows, year=year, seed=seed)
        except ValueError as e:
            _fail(ChokepointsError(str(e)))
    err.print(f"wrote {rows:,} rows to {path} (synthetic: for benchmarks and scale tests only)", soft_wrap=True)


if __name__ == "__main__":
    main()
