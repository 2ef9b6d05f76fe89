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
from chokepoints.events.cli import app as events_app  # noqa: E402  (a sub-app: `chokepoints events extract|watch`)

app.add_typer(events_app, name="events")
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
def dependency(
    bloc: Annotated[list[str], typer.Option("--bloc", help="Bloc, country or alliance (EU27, JPN, EU27+JPN, ...); "
                                                           "repeat for several.")] = ["EU27"],  # noqa: B006
    year: Annotated[int | None, typer.Option(help="Year (default: the latest in the warehouse).")] = None,
    products: Annotated[list[str] | None, typer.Option("--products", help="HS codes (2, 4 or 6 digits); repeat "
                                                                          "or separate with commas.")] = None,
    chain: Annotated[list[str] | None, typer.Option(help="A chain: one row per stage (e.g. rare-earth-magnets); "
                                                        "repeat for several.")] = None,
    basis: Annotated[str, typer.Option(help="value (USD) or quantity (tonnes).")] = "value",
    allow_proxy: Annotated[bool, typer.Option("--allow-proxy", help="Also compute products the data show only "
                                                                    "through a broader HS heading (each such row "
                                                                    "says PROXY).")] = False,
    members: Annotated[bool, typer.Option("--members", help="For an alliance: each member's outside suppliers and "
                                                            "the other members' complementarity.")] = False,
    plot: Annotated[Path | None, typer.Option(help="Write the suppliers of the first bloc's largest import among "
                                                   "the products (.html, or .png/.svg with kaleido).")] = None,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Dependency and concentration of a bloc per product: extra-bloc imports and exports, supplier HHI, top
    suppliers, the European Commission's strategic-dependency screen, and where the figures come from."""
    import pandas as pd

    import chokepoints as ck
    from chokepoints.metrics import alliance as alliance_metrics
    from chokepoints.metrics import dependency as dep
    from chokepoints.reference.chains import chain as load_chain

    try:
        codes = [c.strip() for p in products or [] for c in p.split(",") if c.strip()]
        if codes and chain:
            raise ChokepointsError("give --products or --chain, not both")
        bad = [c for c in codes if not (c.isdigit() and len(c) in (2, 4, 6))]
        if bad:
            raise ChokepointsError(f"--products {bad[0]!r} is not an HS code of 2, 4 or 6 digits")
        chains = [load_chain(c) for c in chain or []]
        wanted = ({k: v for c in chains for k, v in dep.chain_products(c).items()} if chains
                  else ({c: [c] for c in codes} if codes else None))
        with ck.open(db, read_only=True) as wh:
            blocs = [ck.bloc(b) for b in bloc]
            frames = []
            for b in blocs:
                if members:
                    frames.append(alliance_metrics.member_dependency(wh, b, year=year, basis=basis,
                                                                     products=wanted))
                    continue
                t = dep.dependency(wh, b, year=year, basis=basis, products=wanted, allow_proxy=allow_proxy)
                for c in chains:
                    t = dep.mark_mixed(t, c, allow_proxy=allow_proxy)
                    t = dep.with_reliance(t, wh, b, c)
                frames.append(t)
            df = pd.concat(frames, ignore_index=True)
            used = sorted({d for ds in df.get("sources", pd.Series(dtype=str)).fillna("") for d in ds.split(";")
                           if d})
            sources = _trade_sources(wh, used or None)
            if plot is not None and len(df):
                from chokepoints.report.figures import save, supplier_bars

                # the product the bloc imports most from outside (rows without data have nothing to show)
                first = df.loc[df[df["bloc"] == blocs[0].code]["m_ext"].astype(float).idxmax()]
                first_codes = (wanted or {first["product"]: [first["product"]]})[first["product"]]
                sup = dep.suppliers(wh, blocs[0], first_codes, year=int(first["year"]), basis=basis,
                                    label=str(first["product"]), allow_proxy=allow_proxy)
                path = save(supplier_bars(sup, source=sources), plot)
                err.print(f"wrote {path}", soft_wrap=True)
    except ChokepointsError as e:
        _fail(e)
    caption = f"Source: {sources}. m_ext/x_ext/m_int in {'USD' if basis == 'value' else 't'}."
    title = "Dependency" if not members else "Alliance members' outside suppliers"
    if len(df):
        years = sorted({int(y) for y in df["year"].dropna()})
        title += f", {', '.join(map(str, years))}" + (f", chains {', '.join(chain)}" if chain else "")
    if fmt is Format.table and not members:
        df = _dependency_view(df)
        caption += (" m_rep/x_rep = how many declarants the figure rests on; mirror = share known only from the "
                    "partner's declaration; resolution 'PROXY' = seen only through a broader HS heading "
                    "(--allow-proxy); each row rests on its product's latest year and one source per HS code "
                    "(docs/methods/dependency.md).")
    render(df, fmt, title=title, caption=caption)


def _dependency_view(df):
    """The terminal view: the issue's columns plus coverage, numbers made short (full precision in csv/json)."""
    view = df.copy()
    view["m_rep"] = view["m_ext_reporters"].map(lambda s: len(s.split(";")) if s else 0)
    view["x_rep"] = view["x_ext_reporters"].map(lambda s: len(s.split(";")) if s else 0)
    view["year"] = view["year"].map(lambda y: "" if y != y or y is None else str(int(y)))
    cols = ["bloc", "product", "year", "m_ext", "x_ext", "m_int", "hhi", "top1", "top1_share", "top3_share",
            "ratio_m_x", "ext_share", "ec_flag", "m_rep", "m_ext_mirror_share", "x_rep", "x_ext_mirror_share"]
    if "import_reliance" in view and view["import_reliance"].notna().any():
        cols += ["import_reliance", "crma_top_share", "crma_flag"]
    if "data_fault" in view and view["data_fault"].fillna("").astype(bool).any():
        cols += ["data_fault"]
    view["source"] = view["sources"].fillna("").map(_short_sources)
    cols += ["resolution", "source"]
    view = view[cols].rename(columns={"m_ext_mirror_share": "m_mirror", "x_ext_mirror_share": "x_mirror",
                                      "top1_share": "top1_sh", "top3_share": "top3_sh", "ratio_m_x": "m/x",
                                      "ext_share": "ext_sh", "import_reliance": "reliance",
                                      "crma_top_share": "crma_top", "crma_flag": "crma65"})
    for c in ("m_ext", "x_ext", "m_int"):
        view[c] = view[c].map(_short)
    for c in ("top1_sh", "top3_sh", "ext_sh", "m_mirror", "x_mirror", "reliance", "crma_top"):
        if c in view:
            view[c] = view[c].map(lambda v: "" if v != v else f"{v:.0%}")
    for c in ("hhi", "m/x"):
        view[c] = view[c].map(lambda v: "" if v != v else ("inf" if v == float("inf") else f"{v:.2f}"))
    # "rare-earth-magnets/oxide" -> "rare-earth-magnets oxide" reads better in a column
    view["product"] = view["product"].str.replace("/", " ", regex=False)
    return view


def _short_sources(datasets: str) -> str:
    """Data set names as a reader knows them: baci_hs17_critical -> BACI, comtrade_* -> Comtrade."""
    names = []
    for d in filter(None, datasets.split(";")):
        name = "BACI" if d.startswith("baci") else "Comtrade" if d.startswith("comtrade") else d
        if name not in names:
            names.append(name)
    return "+".join(names)


def _short(v) -> str:
    if v != v:
        return ""
    for div, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(v) >= div:
            return f"{v / div:.1f}{suffix}"
    return f"{v:.0f}"


def _simulation_view(s, result):
    """Summary rows with the stage's unit, censored times as '> horizon' and unvalued output as 'not valued'."""
    units = {r["stage"]: ("vehicles" if r["unit"] == "piece" else r["unit"]) for r in result.meta.get("stages", [])}
    horizon = f"> {result.plan.scenario.horizon_months}"
    missing = {r["stage"] for r in result.meta.get("stages", []) if r["status"].startswith("missing")}
    full = result.summary
    touched = full[(full["metric"] == "exposed_t") & (full["mean"] > 0)].set_index(["member", "stage"]).index
    # stages the shock never reached add only "> horizon" rows: leave them out (the caption lists missing stages)
    keep = ~s["stage"].isin(missing) & s.set_index(["member", "stage"]).index.isin(touched)
    view = s[keep].reset_index(drop=True).copy()
    view.insert(2, "unit", [("USD" if m.endswith("_usd") else "months" if m.endswith("_months")
                             else units.get(st, "t")) for st, m in zip(view["stage"], view["metric"], strict=True)])
    view["metric"] = view["metric"].str.replace("_t$", "", regex=True).str.replace("_usd$", "", regex=True)\
        .str.replace("_months$", "", regex=True)
    for c in ("p5", "p50", "p95", "mean"):
        view[c] = [horizon if v == float("inf") else ("not valued" if v != v else f"{v:,.3g}" if abs(v) < 1000
                                                        else f"{v:,.0f}") for v in view[c]]
    return view


def _simulation_caption(result) -> str:
    """The data a run rests on and every stage that is missing, proxied or mostly assumed."""
    flagged = [f"{r['stage']}: {r['status']}" for r in result.meta.get("stages", []) if r["status"] != "data"]
    text = f"Losses summed over the horizon. Data: {result.data_note}."
    if flagged:
        text += " Stages not resting on data: " + "; ".join(flagged) + "."
    return text


def _trade_sources(wh, datasets: list[str] | None = None) -> str:
    """The data sets the trade table holds (or the given ones), with their years, for figure and table captions."""
    rows = wh.sql("SELECT dataset, min(year) AS y0, max(year) AS y1 FROM trade GROUP BY 1 ORDER BY 1")
    if datasets is not None:
        rows = rows[rows["dataset"].isin(datasets)]
    status = wh.status().set_index("dataset")["source"]
    parts = []
    for r in rows.itertuples():
        name = status.get(r.dataset, r.dataset)
        years = str(r.y0) if r.y0 == r.y1 else f"{r.y0}-{r.y1}"
        parts.append(f"{name} ({years})")
    return "; ".join(parts) or "no trade loaded"


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


@app.command()
def criticality(
    db: DbOption = None,
    fmt: FormatOption = Format.table,
    material: Annotated[list[str] | None, typer.Option("--material", help="Only this material (repeatable).")] = None,
    set_t: Annotated[list[str] | None, typer.Option("--set-t", help="Trade factor t of a country: ISO3=VALUE.")] = None,
    set_wgi: Annotated[list[str] | None, typer.Option("--set-wgi", help="WGI (0-10, 10 worst): ISO3=VALUE.")] = None,
    set_ir: Annotated[list[str] | None, typer.Option("--set-ir", help="Import reliance: MATERIAL=FRACTION.")] = None,
    set_eol: Annotated[list[str] | None, typer.Option("--set-eol", help="EoL-RIR: MATERIAL=FRACTION.")] = None,
    set_share: Annotated[list[str] | None, typer.Option(
        "--set-share", help="Global supply share: MATERIAL:STAGE:ISO3=FRACTION.")] = None,
    critical_only: Annotated[bool, typer.Option("--critical-only", help="Only critical materials.")] = False,
    crm_list: Annotated[bool, typer.Option("--crm-list", help="The 34 critical raw materials of Regulation (EU) "
                                                              "2024/1252 Annex II, each with its reason.")] = False,
) -> None:
    """EU criticality (2017 methodology, 2023 list): SR and EI per material next to the published values."""
    import chokepoints as ck
    from chokepoints.metrics.criticality import COLUMNS, SOURCE, Overrides, critical_raw_materials
    from chokepoints.metrics.criticality import criticality as assess

    if crm_list:
        try:
            with ck.open(db, read_only=True) as wh:
                crms = critical_raw_materials(wh)
        except ChokepointsError as e:
            _fail(e)
        render(crms[["name", "material", "by_thresholds", "reason", "sr_published", "ei_published", "sr", "ei"]],
               fmt, title=f"Critical raw materials, Regulation (EU) 2024/1252 Annex II ({len(crms)})",
               caption=f"source: {SOURCE}; Regulation (EU) 2024/1252 Annexes I and II")
        return

    try:
        sets = {"set_t": set_t, "set_wgi": set_wgi, "set_ir": set_ir, "set_eol": set_eol, "set_share": set_share}
        ov = Overrides.from_cli(**{k: v or [] for k, v in sets.items()}) if any(sets.values()) else None
        with ck.open(db, read_only=True) as wh:
            df = assess(wh, overrides=ov, materials=material)
    except ChokepointsError as e:
        _fail(e)
    if critical_only:
        df = df[df["critical"]]
    cols = COLUMNS + [c for c in ("sr_baseline", "ei_baseline", "critical_baseline") if c in df.columns]
    render(df[cols], fmt, title="EU criticality (SR >= 1 and EI >= 2.8)", caption=f"source: {SOURCE}")


if __name__ == "__main__":
    main()


@app.command()
def scenarios(fmt: FormatOption = Format.table) -> None:
    """List the built-in scenarios (run one with `chokepoints simulate NAME`)."""
    import pandas as pd

    from chokepoints.scenarios import builtin_names
    from chokepoints.shocks import load_scenario

    try:
        rows = []
        for name in builtin_names():
            sc = load_scenario(name)
            kind = "tariff" if sc.tariffs and not sc.measures else "export control"
            rows.append({"name": name, "kind": kind, "chain": sc.chain or "", "alliance": sc.alliance,
                         "start": sc.start or "", "months": sc.horizon_months, "title": sc.title})
        render(pd.DataFrame(rows), fmt, title="Built-in scenarios", caption="src/chokepoints/scenarios/*.toml")
    except ChokepointsError as e:
        _fail(e)


@app.command()
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
    from chokepoints.network import build_network

    try:
        with ck.open(db) as wh:
            net = build_network(wh, chain_id, year=year, allow_proxy=allow_proxy)
        df = net.balance_table() if balances else net.provenance
        if fmt is Format.table and not balances:  # the terminal view: what each stage rests on
            df = df[["stage", "unit", "trade_year", "trade_t", "production_t", "assumed_share", "status",
                     "production_source", "trade_status"]].copy()
            df["trade_year"] = df["trade_year"].map(lambda y: "" if y is None or y != y else str(int(y)))
            df["assumed_share"] = df["assumed_share"].map(lambda v: f"{v:.0%}")
        render(df, fmt, title=f"Network of {chain_id}: {len(net.countries)} countries, each stage in its latest "
                              "trade year",
               caption="t/yr (vehicles for piece stages). production: IEA / USGS MCS / curated data and shares; "
                       "assumed = trade-implied (max(0, X - M)), derived from the input stage, or the residual "
                       "added so that no country exports more than it makes and buys (docs/methods/shocks.md)")
    except ChokepointsError as e:
        _fail(e)


@app.command()
def simulate(
    scenario: Annotated[str, typer.Argument(help="A scenario TOML file or a built-in name (`chokepoints scenarios`).")],
    runs: Annotated[int, typer.Option("--runs", min=1, max=1_000_000, help="Monte Carlo runs.")] = 1000,
    seed: Annotated[int, typer.Option("--seed", min=0, help="Random seed: same seed, same output.")] = 0,
    executor_name: Annotated[str, typer.Option("--executor", help="serial | process")] = "serial",
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

    import chokepoints as ck
    from chokepoints.shocks import load_scenario

    try:
        sc = load_scenario(scenario)
        if out is not None and out.suffix.lower() != ".parquet":
            raise ChokepointsError(f"--out must be a .parquet file, not {out.name!r}")
        with ck.open(db) as wh:
            if sc.tariffs:
                _simulate_tariffs(wh, sc, fmt, plot)
            if sc.measures or sc.outages:
                result = _simulate_shocks(wh, sc, runs, seed, executor_name, out, allow_proxy)
            elif not sc.tariffs:
                raise ChokepointsError(f"{sc.origin}: the scenario has no measures or outages")
            else:
                return
        if fmt is Format.json:
            json.dump(result.to_dict(), sys.stdout, indent=2)
            sys.stdout.write("\n")
        else:
            s = result.summary
            keep = metric or ["output_lost_t", "output_lost_usd", "time_to_survive_months", "exposed_t"]
            lost = s[(s["metric"] == "output_lost_t") & (s["mean"] > 0)].set_index(["member", "stage"]).index
            unvalued = (s["metric"].eq("output_lost_usd") & s["mean"].isna()
                        & s.set_index(["member", "stage"]).index.isin(lost))  # shown as "not valued", not hidden
            s = s[s["metric"].isin(keep) & ((s[["p5", "p50", "p95", "mean"]].abs().sum(axis=1) > 0) | unvalued)]
            render(_simulation_view(s, result), fmt,
                   title=f"{sc.name}: {sc.title} - {runs:,} runs, seed {seed}, {sc.horizon_months} months",
                   caption=_simulation_caption(result))
        for note in result.plan.notes:
            err.print(f"[yellow]note:[/] {note}")
        if plot is not None:
            from chokepoints.report.figures import loss_fan, save

            lost = result.fan.max() > 0  # else show the exposure that stocks and spare capacity absorbed
            what = "output lost by" if lost else "supply cut to (before stocks and spare capacity; none lost)"
            units = {r["stage"]: ("vehicles" if r["unit"] == "piece" else r["unit"])
                     for r in result.meta.get("stages", [])}
            fig = loss_fan(result.fan if lost else result.exposed, result.plan.stages, start=sc.start,
                           source=result.data_note, unit=[units.get(st, "t") for st in result.plan.stages],
                           title=f"{sc.name}: {what} the alliance {sc.alliance} per month ({runs:,} runs)")
            err.print(f"wrote {save(fig, plot)}")
    except ChokepointsError as e:
        _fail(e)


def _simulate_shocks(wh, sc, runs, seed, executor_name, out, allow_proxy=False):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from chokepoints.shocks import run
    from chokepoints.shocks.executors import executor

    ex = executor(executor_name)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=True) as bar:
        task = bar.add_task(f"simulating {sc.name}", total=runs)
        return run(wh, sc, runs=runs, seed=seed, executor=ex, out=out, allow_proxy=allow_proxy,
                   progress=lambda done, total: bar.update(task, completed=done))


def _simulate_tariffs(wh, sc, fmt, plot):
    """Tariff measures through the WITS-SMART partial-equilibrium model (docs/methods/tariffs.md)."""
    import sys

    from chokepoints.tariffs.model import run_tariffs

    res = run_tariffs(wh, sc.tariffs, year=sc.year)
    only = not (sc.measures or sc.outages)
    if fmt is Format.json and only:
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
    if plot is not None and only:
        from chokepoints.report.figures import save

        err.print(f"wrote {save(res.figure(), plot)}")


from chokepoints.optimise.cli import optimise as _optimise  # noqa: E402  (imports linopy only when run)

app.command("optimise")(_optimise)
