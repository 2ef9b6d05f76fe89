"""Metric commands: dependency, criticality."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from chokepoints.cli.app import app
from chokepoints.cli.common import DbOption, FormatOption, err, handles_errors
from chokepoints.report import views
from chokepoints.report.tables import Format, render


@app.command()
@handles_errors
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
    wide: Annotated[bool, typer.Option("--wide", help="Every column in the terminal table.")] = False,
    members: Annotated[bool, typer.Option("--members", help="For an alliance: each member's outside suppliers and "
                                                            "the other members' complementarity.")] = False,
    plot: Annotated[Path | None, typer.Option(help="Write the suppliers of the first bloc's largest import among "
                                                   "the products (.html, or .png/.svg with kaleido).")] = None,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Dependency and concentration of a bloc per product: extra-bloc imports and exports, supplier HHI, top
    suppliers, the European Commission's strategic-dependency screen, and where the figures come from."""
    import chokepoints as ck

    codes = [c.strip() for p in products or [] for c in p.split(",") if c.strip()]
    with ck.open(db, read_only=True) as wh:
        df = wh.dependency(bloc=list(bloc), chain=list(chain or []) or None, products=codes or None,
                           members=members, basis=basis, year=year, allow_proxy=allow_proxy)
        sources = wh.dependency_sources(df)
        names = wh.product_names(df["product"], width=32) if "product" in df else {}
        figure = wh.dependency_figure(df, basis=basis, allow_proxy=allow_proxy) if plot is not None else None
    unit = "USD" if basis == "value" else "t"
    caption = f"Source: {sources}."
    title = "Dependency" if not members else "Alliance members' outside suppliers"
    if len(df) and "year" in df:
        years = sorted({int(y) for y in df["year"].dropna()})
        title += f", {', '.join(map(str, years))}" + (f", chains {', '.join(chain)}" if chain else "")
    if fmt is Format.table and not members:
        df, notes = views.dependency_view(df, names, wide=wide)
        title += f" (flows in {unit})"
        caption += (" m_rep = how many declarants the imports rest on; mirror = share known only from the partner's "
                    "declaration; each row rests on its product's latest year and one source per HS code "
                    "(docs/methods/dependency.md)." + ("" if wide else " More columns: --wide, or --format csv|json.")
                    + "".join(f"\n[{i}] {text}" for i, text in enumerate(notes, 1)))
    else:
        caption += f" m_ext/x_ext/m_int in {unit}."
    render(df, fmt, title=title, caption=caption)
    if figure is not None:  # after the table: a figure that cannot be written never costs the computed table
        from chokepoints.report.figures import save

        err.print(f"wrote {save(figure, plot)}", soft_wrap=True)
    elif plot is not None:
        err.print("no figure: no row of the table has trade to show", soft_wrap=True)


@app.command()
@handles_errors
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
    from chokepoints.metrics.criticality import COLUMNS, SOURCE, Overrides

    if crm_list:
        with ck.open(db, read_only=True) as wh:
            crms = wh.critical_raw_materials()
        render(crms[["name", "material", "by_thresholds", "reason", "sr_published", "ei_published", "sr", "ei"]],
               fmt, title=f"Critical raw materials, Regulation (EU) 2024/1252 Annex II ({len(crms)})",
               caption=f"source: {SOURCE}; Regulation (EU) 2024/1252 Annexes I and II")
        return

    sets = {"set_t": set_t, "set_wgi": set_wgi, "set_ir": set_ir, "set_eol": set_eol, "set_share": set_share}
    ov = Overrides.from_cli(**{k: v or [] for k, v in sets.items()}) if any(sets.values()) else None
    with ck.open(db, read_only=True) as wh:
        df = wh.criticality(overrides=ov, materials=material, critical_only=critical_only)
    cols = COLUMNS + [c for c in ("sr_baseline", "ei_baseline", "critical_baseline") if c in df.columns]
    render(df[cols], fmt, title="EU criticality (SR >= 1 and EI >= 2.8)", caption=f"source: {SOURCE}")


