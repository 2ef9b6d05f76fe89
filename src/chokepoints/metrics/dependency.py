"""Dependency and concentration of a bloc on its suppliers, per product: Ibis expressions over the warehouse.

For bloc B, product k, year t (DESIGN.md, "Methods: Dependency"):
    M_ext = sum v_ijk over i not in B, j in B;  X_ext = sum over i in B, j not in B;  M_int = sum over i != j both in B
    s_i = v_{i->B} / M_ext;  HHI = sum s_i^2;  top-1 / top-3 shares;  EC screen (formulas.ec_flag).
The same expressions run on DuckDB (default) or Spark through Ibis; formulas.py holds the scalar definitions the
tests check them against.

Which source, year and HS resolution a flow rests on is decided once, in chokepoints.trade (BACI's reconciled flows
where BACI holds the code, else the importer's declaration, else the exporter's; each product's latest year; broader
headings only as labelled proxies). Seen from a bloc, a flow its own member did not declare is a mirror
flow: EU exports known only from the partners' import declarations, or EU imports known only from the exporters'.
Every result names the reporters its M_ext and X_ext rest on and the share of each that is mirrored.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import ibis
import pandas as pd

from chokepoints.metrics.formulas import EC_EXT_SHARE, EC_HHI, EC_RATIO_M_X
from chokepoints.reference.blocs import Bloc
from chokepoints.trade import BASES, flows, has_declarations, is_proxy, latest_year, product_years, year_datasets

__all__ = ["BASES", "COLUMNS", "dependency", "flows", "has_declarations", "latest_year", "screen", "suppliers"]

COLUMNS = ["bloc", "product", "year", "basis", "m_ext", "x_ext", "m_int", "hhi", "top1", "top1_share", "top3",
           "top3_share", "ratio_m_x", "ext_share", "ec_flag", "n_suppliers", "m_ext_reporters", "m_ext_mirror_share",
           "x_ext_reporters", "x_ext_mirror_share", "resolution", "proxy", "sources"]


def screen(f: ibis.Table, bloc: Bloc, *, coverage: bool = True) -> ibis.Table:
    """Per product: M_ext, X_ext, M_int, supplier HHI, top-1/top-3 suppliers and shares, EC criteria, coverage."""
    members = sorted(bloc.members)
    # Membership is computed once per row as columns: DuckDB evaluates an IN list inside each aggregate's FILTER
    # separately, which made the screen four times slower.
    f = f.mutate(ei=f.exporter.isin(members), ii=f.importer.isin(members))
    exp_in, imp_in = f.ei, f.ii
    # The heavy part touches only product, exporter, importer and v: the same work a hand-written query does.
    ext_in = f.filter(~exp_in & imp_in)
    by_supplier = ext_in.group_by(["product", "exporter"]).aggregate(v=ext_in.v.sum())
    ranked = by_supplier.mutate(
        m=by_supplier.v.sum().over(ibis.window(group_by="product")),
        rank=ibis.row_number().over(ibis.window(group_by="product", order_by=[by_supplier.v.desc(),
                                                                              by_supplier.exporter])),
    )
    conc = ranked.group_by("product").aggregate(
        m_ext=ranked.v.sum(),
        hhi=((ranked.v / ranked.m) ** 2).sum(),
        top1=ranked.exporter.min(where=ranked.rank == 0),
        # the 2nd and 3rd suppliers by rank, joined with the 1st below: Spark has no ordered string aggregate
        top2=ranked.exporter.min(where=ranked.rank == 1),
        top3=ranked.exporter.min(where=ranked.rank == 2),
        top1_share=(ranked.v / ranked.m).sum(where=ranked.rank == 0),
        top3_share=(ranked.v / ranked.m).sum(where=ranked.rank < 3),
        n_suppliers=ranked.exporter.count(),
    )
    conc = conc.mutate(top3=ibis.literal(";").join([conc.top1, conc.top2, conc.top3])).drop("top2")
    totals = f.group_by("product").aggregate(
        x_ext=f.v.sum(where=exp_in & ~imp_in),
        m_int=f.v.sum(where=exp_in & imp_in),
    )
    out = totals.left_join(conc, "product").select(totals, *[conc[c] for c in conc.columns if c != "product"])
    if coverage:
        out = _with_coverage(out, f, members)
    else:
        out = out.mutate(m_mirror=ibis.null("float64"), x_mirror=ibis.null("float64"),
                         m_ext_reporters=ibis.null("string"), x_ext_reporters=ibis.null("string"),
                         resolution=ibis.null("string"))
    m_ext, x_ext, m_int = out.m_ext.fill_null(0), out.x_ext.fill_null(0), out.m_int.fill_null(0)
    return out.mutate(
        m_ext=m_ext, x_ext=x_ext, m_int=m_int,
        ratio_m_x=ibis.ifelse(x_ext > 0, m_ext / x_ext, ibis.ifelse(m_ext > 0, ibis.literal(float("inf")),
                                                                        ibis.null("float64"))),
        ext_share=ibis.ifelse(m_ext + m_int > 0, m_ext / (m_ext + m_int), ibis.null("float64")),
        m_ext_mirror_share=ibis.ifelse(m_ext > 0, out.m_mirror.fill_null(0) / m_ext, ibis.null("float64")),
        x_ext_mirror_share=ibis.ifelse(x_ext > 0, out.x_mirror.fill_null(0) / x_ext, ibis.null("float64")),
    ).mutate(ec_flag=(ibis._.hhi > EC_HHI) & (ibis._.ratio_m_x > EC_RATIO_M_X) & (ibis._.ext_share > EC_EXT_SHARE))


def _with_coverage(out: ibis.Table, f: ibis.Table, members: list[str]) -> ibis.Table:
    """Which declarations the figures rest on; only declared rows take part."""
    d = f.filter(f.reporter.notnull() | f.resolution.notnull())
    d_exp, d_imp = d.ei, d.ii
    coverage = d.group_by("product").aggregate(
        m_mirror=d.v.sum(where=~d_exp & d_imp & (d.priority == 2)),  # its imports declared only by the exporter
        x_mirror=d.v.sum(where=d_exp & ~d_imp & (d.priority == 1)),  # its exports declared only by the importer
        m_ext_reporters=d.reporter.group_concat(";", where=~d_exp & d_imp & d.reporter.notnull()),
        x_ext_reporters=d.reporter.group_concat(";", where=d_exp & ~d_imp & d.reporter.notnull()),
        resolution=d.resolution.max(),
    )
    return out.left_join(coverage, "product").select(out, *[coverage[c] for c in coverage.columns
                                                             if c != "product"])


def dependency(wh, bloc: Bloc, *, year: int | None = None, basis: str = "value",
               products: Mapping[str, Sequence[str]] | None = None, allow_proxy: bool = False) -> pd.DataFrame:
    """The dependency table of one bloc (columns COLUMNS), one row per product, largest M_ext first.

    Without `year`, each product rests on its own latest year (chokepoints.trade, rule 1). A product seen only
    through a broader heading is computed only with `allow_proxy`, and then `proxy` is True on its row."""
    if products is None:
        return _screen_year(wh, bloc, year if year is not None else latest_year(wh), basis, None, allow_proxy)\
            .sort_values(["m_ext", "product"], ascending=[False, True]).reset_index(drop=True)
    avail = product_years(wh, products, allow_proxy=allow_proxy).set_index("product")
    if year is not None:
        avail["year"] = year
    frames = []
    for y, group in avail[avail["year"].notna()].groupby("year"):
        frames.append(_screen_year(wh, bloc, int(y), basis, {p: products[p] for p in group.index}, allow_proxy))
    result = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=COLUMNS)
    missing = [p for p in products if p not in set(result["product"])]
    if missing:
        empty = pd.DataFrame({"product": missing, "bloc": bloc.code, "basis": basis,
                              "year": [avail.loc[p, "year"] for p in missing],
                              "m_ext": 0.0, "x_ext": 0.0, "m_int": 0.0, "ec_flag": False, "n_suppliers": 0,
                              "m_ext_reporters": "", "x_ext_reporters": "", "proxy": False, "sources": "",
                              "resolution": [_why_missing(p, products, avail) for p in missing]})
        result = pd.concat([result, empty], ignore_index=True) if len(result) else empty.reindex(columns=COLUMNS)
    order = {p: i for i, p in enumerate(products)}
    return result[COLUMNS].sort_values("product", key=lambda s: s.map(order)).reset_index(drop=True)


def _why_missing(product: str, products, avail: pd.DataFrame) -> str:
    if not products[product]:
        return "no HS code of its own"
    row = avail.loc[product]
    if row["proxy"]:
        return (f"proxy refused: the data hold {row['proxy'].removeprefix('PROXY: ')} "
                f"({int(row['proxy_year'])}); allow proxies to see it, labelled")
    return "no data"


def _screen_year(wh, bloc: Bloc, year: int, basis: str, products, allow_proxy: bool) -> pd.DataFrame:
    trade = wh.ibis_table("trade")
    held = year_datasets(wh, year)  # (which data sets, and whether any declares: one scan, not two)
    declared = any(held.values())
    f = flows(trade, year=year, basis=basis, products=products, declarations=declared, allow_proxy=allow_proxy)
    with wh.engine.reused(f, selective=products is not None) as flows_once:
        result = screen(flows_once, bloc, coverage=declared or products is not None).execute()
        used = flows_once.select("product", "dataset").distinct().execute() if products is not None else None
    result = result.assign(bloc=bloc.code, year=year, basis=basis)
    result["resolution"] = result["resolution"].fillna("as reported")
    result["proxy"] = result["resolution"].map(is_proxy)
    result["ec_flag"] = result["ec_flag"].astype("boolean").fillna(False).astype(bool)
    for col in ("m_ext_reporters", "x_ext_reporters"):
        result[col] = result[col].map(_distinct)
    result["n_suppliers"] = pd.to_numeric(result["n_suppliers"]).fillna(0).astype(int)
    if used is not None:
        result["sources"] = result["product"].map(used.groupby("product")["dataset"].agg(
            lambda d: ";".join(sorted(set(d))))).fillna("")
    else:
        result["sources"] = ";".join(sorted(held))
    return result.reindex(columns=COLUMNS)


def suppliers(wh, bloc: Bloc, product: Sequence[str], *, year: int | None = None, basis: str = "value",
              label: str | None = None, allow_proxy: bool = False) -> pd.DataFrame:
    """Suppliers outside the bloc of one product (a list of HS codes): value and share, largest first; the year
    is the product's own latest (chokepoints.trade) unless given."""
    label = label or "+".join(product)
    if year is None:
        found = product_years(wh, {label: list(product)}, allow_proxy=allow_proxy)["year"].iloc[0]
        year = int(found) if pd.notna(found) else latest_year(wh)
    f = flows(wh.ibis_table("trade"), year=year, basis=basis, products={label: list(product)},
              allow_proxy=allow_proxy)
    members = sorted(bloc.members)
    ext = f.filter(~f.exporter.isin(members) & f.importer.isin(members))
    df = ext.group_by("exporter").aggregate(v=ext.v.sum(), mirror_v=ext.v.sum(where=ext.priority == 2),
                                            resolution=ext.resolution.max()).execute()
    df = df.rename(columns={"exporter": "supplier"}).sort_values("v", ascending=False).reset_index(drop=True)
    df["share"] = df["v"] / df["v"].sum() if len(df) else []
    return df.assign(bloc=bloc.code, product=label, year=year, basis=basis)


def _distinct(text) -> str:
    if not isinstance(text, str) or not text:
        return ""
    return ";".join(sorted(set(text.split(";"))))


def mark_mixed(table: pd.DataFrame, chain, *, allow_proxy: bool = False) -> pd.DataFrame:
    """Chain stages whose HS6 code holds other goods too (`hs_mixed`): with a sourced share of the material the row
    says so; without one the code is a proxy for the stage, refused unless `allow_proxy` (then labelled)."""
    out = table.copy()
    numbers = ["m_ext", "x_ext", "m_int", "hhi", "top1", "top1_share", "top3", "top3_share", "ratio_m_x",
               "ext_share", "n_suppliers", "m_ext_mirror_share", "x_ext_mirror_share"]
    for st in chain.stages:
        if not st.hs_mixed:
            continue
        rows = out["product"] == f"{chain.id}/{st.id}"
        code = "+".join(st.hs2017)
        if st.hs_material_share is not None:
            out.loc[rows, "resolution"] = out.loc[rows, "resolution"] + (
                f"; {code} also holds other goods (the material is about {st.hs_material_share.value:.0%} of its "
                f"tonnage, {st.hs_material_share.kind})")
        elif allow_proxy:
            out.loc[rows, "resolution"] = f"PROXY: {code} holds other goods too"
            out.loc[rows, "proxy"] = True
        else:
            out.loc[rows, "resolution"] = f"proxy refused: {code} holds other goods too (see the chain's hs_note)"
            for col in numbers:
                if col in out:
                    out.loc[rows, col] = 0 if col in ("m_ext", "x_ext", "m_int", "n_suppliers") else None
            out.loc[rows, "ec_flag"] = False
    return out


def chain_products(chain) -> dict[str, list[str]]:
    """Each stage of a chain as a product: its HS 2017 and HS 2022 codes together (data may use either)."""
    return {f"{chain.id}/{s.id}": sorted(set(s.hs2017) | set(s.hs2022)) for s in chain.stages}


def with_reliance(table: pd.DataFrame, wh, bloc: Bloc, chain) -> pd.DataFrame:
    """Add apparent consumption, net import reliance and the CRMA 65 % test for chain stages USGS reports.

    Only on a quantity basis, and only where the stage names a USGS commodity: production P_B is the bloc members'
    USGS production (nearest year at or before the trade year, else the earliest after). Trade is in gross tonnes of
    the traded goods, USGS in contained material: `production_basis` says so, so a reader can judge the mix.

    Figures that cannot be the material are data faults, not results: a negative apparent consumption, a single
    supplier above 100 % of consumption, or a proxy heading. Their reliance and CRMA share are left empty and
    `data_fault` says why.
    """
    from chokepoints.metrics.formulas import CRMA_SINGLE_COUNTRY, apparent_consumption, import_reliance

    out = table.copy()
    if "production_basis" not in out:  # a second chain adds to the first one's columns
        for col in ("production_t", "production_year", "consumption_t", "import_reliance", "crma_top_share"):
            out[col] = float("nan")
        out["crma_flag"] = pd.NA
        out["production_basis"] = ""
        out["data_fault"] = ""
    if out.empty or (out["basis"] != "quantity").all():
        return out
    from chokepoints.reference.countries import AGGREGATE_CODES
    from chokepoints.reference.years import nearest_year

    p = wh.ibis_table("production")
    prod = p.filter(p.quantity_t.notnull()).select("year", "country", "commodity", "stage", "quantity_t").execute()
    prod = prod[~prod["country"].isin(AGGREGATE_CODES)]
    stages = {f"{chain.id}/{s.id}": s for s in chain.stages}
    for i, row in out.iterrows():
        stage = stages.get(row["product"])
        if stage is None or not stage.usgs_commodity or pd.isna(row["year"]):
            continue
        p = nearest_year(prod[prod["commodity"] == stage.usgs_commodity], row["year"])
        if p.empty:
            continue
        year = p["year"].iloc[0]
        p = p[p["country"].isin(bloc.members)]
        production = float(p["quantity_t"].sum())
        top = suppliers(wh, bloc, stage.hs2017 + stage.hs2022, year=int(row["year"]), basis="quantity",
                        allow_proxy=bool(row.get("proxy", False)))
        c = apparent_consumption(production, row["m_ext"], row["x_ext"])
        share = float(top["v"].max() / c) if c > 0 and len(top) else float("nan")
        fault = data_fault(production, row["m_ext"], row["x_ext"], share, bool(row.get("proxy", False)))
        out.loc[i, ["production_t", "production_year", "consumption_t"]] = [production, year, c]
        out.loc[i, "production_basis"] = f"USGS {stage.usgs_commodity} {year}: {stage.basis}"
        out.loc[i, "data_fault"] = fault
        if fault:
            continue
        out.loc[i, ["import_reliance", "crma_top_share"]] = [import_reliance(production, row["m_ext"], row["x_ext"]),
                                                            share]
        out.loc[i, "crma_flag"] = bool(share > CRMA_SINGLE_COUNTRY) if share == share else pd.NA
    return out


def data_fault(production: float, m_ext: float, x_ext: float, top_share: float, proxy: bool) -> str:
    """Why figures cannot describe the material (empty when they can): the checks of issue 'HS6 first'."""
    faults = []
    c = production + m_ext - x_ext
    if c <= 0:
        faults.append(f"apparent consumption {c:,.0f} t <= 0 (P {production:,.0f} + M {m_ext:,.0f} - X {x_ext:,.0f}): "
                      "trade and production are not on the same basis")
    if top_share == top_share and top_share > 1.0:
        faults.append(f"largest supplier {top_share:.0%} of consumption (> 100 %)")
    if proxy:
        faults.append("trade seen only through a broader heading (proxy)")
    return "; ".join(faults)
