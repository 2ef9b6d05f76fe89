"""Data commands: ingest, status, table, tables, formats, synth baci."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from chokepoints.cli.app import app, synth_app
from chokepoints.cli.common import DbOption, FormatOption, err, handles_errors
from chokepoints.errors import ChokepointsError
from chokepoints.report.tables import Format, render


@app.command()
@handles_errors
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

    with ck.open(db) as wh, Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                     TimeElapsedColumn(), console=err, transient=True) as bar:
        task = bar.add_task("discovering", total=None)

        def progress(name: str, i: int, n: int) -> None:
            bar.update(task, description=f"loading {name}", completed=i, total=n)

        report = wh.ingest(paths or [], include_defaults=defaults, progress=progress)
        bar.update(task, description="done")
        path = wh.path
    frame = report.to_frame()
    if fmt is Format.table:
        n_loaded, n_same = len(report.loaded), len(report.unchanged)
        err.print(f"warehouse {path}: {n_loaded} data set(s) loaded, {n_same} unchanged", soft_wrap=True)
        for f in report.skipped_files:
            err.print(f"  skipped (no loader for this file): {f}", soft_wrap=True)
        for name, twin in report.duplicates:
            err.print(f"  skipped {name}: byte for byte the files of {twin}, already loaded", soft_wrap=True)
    if len(frame):
        render(frame, fmt, title="Ingest")


@app.command()
@handles_errors
def status(db: DbOption = None, fmt: FormatOption = Format.table) -> None:
    """List each loaded data set with its rows, years covered, source and load time."""
    import chokepoints as ck

    with ck.open(db, read_only=True) as wh:
        df = wh.status()
        path = wh.path
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
@handles_errors
def table(
    name: Annotated[str, typer.Argument(help="Table name, e.g. trade, production, governance.")],
    where: Annotated[str | None, typer.Option(help="SQL filter, e.g. \"importer = 'JPN'\".")] = None,
    limit: Annotated[int, typer.Option(help="Rows to show.")] = 20,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Show rows of a warehouse table."""
    import chokepoints as ck

    with ck.open(db, read_only=True) as wh:
        df = wh.table(name, where=where, limit=limit)
    render(df, fmt, title=name)


@app.command()
@handles_errors
def tables(fmt: FormatOption = Format.table, name: Annotated[str | None, typer.Argument()] = None) -> None:
    """The catalogue of canonical tables: columns, types, units, checks and descriptions."""
    from chokepoints.reference import catalogue

    cat = catalogue()
    if name:
        cat = cat[cat["table"] == name]
        if cat.empty:
            raise ChokepointsError(f"unknown table '{name}'")
    render(cat, fmt, title="Table catalogue", caption="reference/tables.csv")


@app.command()
@handles_errors
def formats(fmt: FormatOption = Format.table) -> None:
    """The source formats `ingest` reads."""
    import pandas as pd

    from chokepoints.ingest import loaders

    rows = [{"format": m.FORMAT, "module": m.__name__.rsplit(".", 1)[1],
             "description": (m.__doc__ or "").strip().splitlines()[0]} for m in loaders()]
    render(pd.DataFrame(rows), fmt, title="Formats")


@synth_app.command("baci")
@handles_errors
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
            raise ChokepointsError(str(e)) from None
    err.print(f"wrote {rows:,} rows to {path} (synthetic: for benchmarks and scale tests only)", soft_wrap=True)


