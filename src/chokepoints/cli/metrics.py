"""Metric commands: dependency, criticality."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from chokepoints.cli.app import app
from chokepoints.cli.common import DbOption, FormatOption, err, handles_errors
from chokepoints.report.tables import Format, render
from chokepoints.trade import trade_sources


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
        used = sorted({d for ds in df.get("sources", []).fillna("") for d in ds.split(";") if d}) \
            if "sources" in df else []
        sources = trade_sources(wh, used or None)
        names = _product_names(wh, df["product"]) if "product" in df else {}
        figure = None
        if plot is not None and len(df):
            from chokepoints.report.figures import supplier_bars

            # the product the first bloc imports most from outside (rows without data have nothing to show)
            first = df.loc[df[df["bloc"] == ck.bloc(bloc[0]).code]["m_ext"].astype(float).idxmax()]
            stage_codes = _codes_of(first["product"], chain, codes)
            sup = wh.suppliers(bloc[0], stage_codes, year=int(first["year"]), basis=basis,
                               label=str(first["product"]), allow_proxy=allow_proxy)
            figure = supplier_bars(sup, source=sources)
    caption = f"Source: {sources}. m_ext/x_ext/m_int in {'USD' if basis == 'value' else 't'}."
    title = "Dependency" if not members else "Alliance members' outside suppliers"
    if len(df) and "year" in df:
        years = sorted({int(y) for y in df["year"].dropna()})
        title += f", {', '.join(map(str, years))}" + (f", chains {', '.join(chain)}" if chain else "")
    if fmt is Format.table and not members:
        df = _dependency_view(df, names, wide=wide)
        caption += (" m_rep/x_rep = how many declarants the figure rests on; mirror = share known only from the "
                    "partner's declaration; resolution 'PROXY' = seen only through a broader HS heading "
                    "(--allow-proxy); each row rests on its product's latest year and one source per HS code "
                    "(docs/methods/dependency.md)." + ("" if wide else " More columns: --wide, or --format csv|json."))
    render(df, fmt, title=title, caption=caption)
    if figure is not None:  # after the table: a figure that cannot be written never costs the computed table
        from chokepoints.report.figures import save

        err.print(f"wrote {save(figure, plot)}", soft_wrap=True)


def _codes_of(product: str, chains, codes) -> list[str]:
    """The HS codes behind a product label: a chain stage's codes, or the code itself."""
    if chains and "/" in product:
        from chokepoints.metrics.dependency import chain_products
        from chokepoints.reference.chains import chain as load_chain

        return chain_products(load_chain(product.split("/")[0]))[product]
    return [product]


def _product_names(wh, products) -> dict[str, str]:
    """HS6 code -> a short product name (BACI's product list in the warehouse), for codes shown alone."""
    codes = sorted({p for p in products if isinstance(p, str) and p.isdigit()})
    if not codes:
        return {}
    rows = wh.sql("SELECT code, any_value(description) AS d FROM hs_codes WHERE code IN (SELECT unnest(?)) "
                  "GROUP BY code", [codes])
    return {r.code: (r.d if len(r.d) <= 32 else r.d[:31] + "…") for r in rows.itertuples() if r.d}


def _dependency_view(df, names: dict[str, str] | None = None, *, wide: bool = False):
    """The terminal view: the most important columns first, numbers made short (everything in csv/json)."""
    view = df.copy()
    if names:
        view["product"] = view["product"].map(lambda p: f"{p} {names[p]}" if p in names else p)
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
    if not wide:  # fits 100 columns: what a reader needs first
        view = view[[c for c in ["bloc", "product", "year", "m_ext", "top1", "top1_sh", "hhi", "ec_flag",
                                 "reliance", "crma_top", "data_fault", "resolution", "source"] if c in view]]
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


