"""Dependency and concentration of a bloc on its suppliers, per product: Ibis expressions over the warehouse.

For bloc B, product k, year t (DESIGN.md, "Methods: Dependency"):
    M_ext = sum v_ijk over i not in B, j in B;  X_ext = sum over i in B, j not in B;  M_int = sum over i != j both in B
    s_i = v_{i->B} / M_ext;  HHI = sum s_i^2;  top-1 / top-3 shares;  EC screen (formulas.ec_flag).
The same expressions run on DuckDB (default) or Spark through Ibis; formulas.py holds the scalar definitions the
tests check them against.

Which declaration a flow rests on: BACI flows are reconciled (reporter empty). Comtrade rows are declarations; for
each (year, exporter, importer, product) the importer's declaration is used where it exists (CIF imports are the
better-kept statistic), else the exporter's. Seen from a bloc, a flow its own member did not declare is a mirror
flow: EU exports known only from the partners' import declarations, or EU imports known only from the exporters'.
Every result names the reporters its M_ext and X_ext rest on and the share of each that is mirrored.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import ibis
import pandas as pd

from chokepoints.errors import ChokepointsError
from chokepoints.metrics.formulas import EC_EXT_SHARE, EC_HHI, EC_RATIO_M_X
from chokepoints.reference.blocs import Bloc

BASES = ("value", "quantity")
COLUMNS = ["bloc", "product", "year", "basis", "m_ext", "x_ext", "m_int", "hhi", "top1", "top1_share", "top3",
           "top3_share", "ratio_m_x", "ext_share", "ec_flag", "n_suppliers", "m_ext_reporters", "m_ext_mirror_share",
           "x_ext_reporters", "x_ext_mirror_share", "resolution"]


def flows(trade: ibis.Table, *, year: int, basis: str = "value",
          products: Mapping[str, Sequence[str]] | None = None) -> ibis.Table:
    """One row per (product, exporter, importer): the value (or tonnes) a bloc screen uses, and its provenance.

    `products` maps a product label to HS codes; a trade row belongs to a product when its code starts with one of
    the codes (finer data aggregate up) or is the heading of one (coarser data, flagged in `resolution`). Without
    `products` every code in the data is its own product.
    """
    if basis not in BASES:
        raise ChokepointsError(f"basis must be one of {', '.join(BASES)}, not {basis!r}")
    t = trade.filter(trade.year == year)
    v = t.value_usd if basis == "value" else t.quantity_t
    t = t.mutate(v=v).filter(ibis._.v.notnull() & (ibis._.v > 0) & (t.exporter != t.importer))
    if products is None:
        t = t.mutate(product=t.hs6, resolution=ibis.literal("as reported"))
    else:
        t = _match_products(t, products)
    # 0 reconciled (BACI), 1 the importer's declaration, 2 the exporter's declaration (mirror), 3 a third party's
    priority = ibis.cases((t.reporter.isnull(), 0), (t.reporter == t.importer, 1),
                          (t.reporter == t.exporter, 2), else_=3)
    t = t.mutate(priority=priority)
    w = ibis.window(group_by=[t.product, t.exporter, t.importer, t.hs6], order_by=[t.priority])
    t = t.mutate(rank=ibis.row_number().over(w)).filter(ibis._.rank == 0)
    # A product may gather several codes: sum them per pair, keeping the provenance.
    return t.group_by(["product", "exporter", "importer"]).aggregate(
        v=t.v.sum(),
        by_importer=t.v.sum(where=t.priority == 1),
        by_exporter=t.v.sum(where=t.priority == 2),
        reporter=t.reporter.min(),
        resolution=t.resolution.max(),
    )


def _match_products(t: ibis.Table, products: Mapping[str, Sequence[str]]) -> ibis.Table:
    pieces = []
    for label, codes in products.items():
        if not codes:
            raise ChokepointsError(f"product {label!r} has no HS codes")
        finer = ibis.or_(*[t.hs6.startswith(c) for c in codes])
        # Coarser data (e.g. the bundled Comtrade extract is HS4): the heading of a requested HS6 code.
        coarser = ibis.or_(*[t.hs6 == c[: len(c) - k] for c in codes for k in (2, 4) if len(c) - k >= 2])
        pieces.append(t.filter(finer | coarser).mutate(
            product=ibis.literal(label),
            resolution=ibis.ifelse(finer, ibis.literal("as requested"), ibis.literal("coarser: ") + t.hs6)))
    return ibis.union(*pieces) if len(pieces) > 1 else pieces[0]


def screen(f: ibis.Table, bloc: Bloc) -> ibis.Table:
    """Per product: M_ext, X_ext, M_int, supplier HHI, top-1/top-3 suppliers and shares, EC criteria."""
    members = sorted(bloc.members)
    exp_in, imp_in = f.exporter.isin(members), f.importer.isin(members)
    ext_in = f.filter(~exp_in & imp_in)
    # mirrored from the bloc's side: its imports declared only by the (outside) exporter
    by_supplier = ext_in.group_by(["product", "exporter"]).aggregate(v=ext_in.v.sum(), mirror=ext_in.by_exporter.sum())
    ranked = by_supplier.mutate(
        m=by_supplier.v.sum().over(ibis.window(group_by="product")),
        rank=ibis.row_number().over(ibis.window(group_by="product", order_by=[by_supplier.v.desc(),
                                                                              by_supplier.exporter])),
    )
    conc = ranked.group_by("product").aggregate(
        m_ext=ranked.v.sum(),
        hhi=((ranked.v / ranked.m) ** 2).sum(),
        top1=ranked.exporter.min(where=ranked.rank == 0),
        top1_share=(ranked.v / ranked.m).sum(where=ranked.rank == 0),
        top3=ranked.exporter.group_concat(";", where=ranked.rank < 3, order_by=ranked.rank),
        top3_share=(ranked.v / ranked.m).sum(where=ranked.rank < 3),
        n_suppliers=ranked.exporter.nunique(),
        m_mirror=ranked.mirror.sum(),
    )
    totals = f.group_by("product").aggregate(
        x_ext=f.v.sum(where=exp_in & ~imp_in),
        m_int=f.v.sum(where=exp_in & imp_in),
        x_mirror=f.by_importer.sum(where=exp_in & ~imp_in),  # its exports declared only by the (outside) importer
        m_ext_reporters=f.reporter.group_concat(";", where=~exp_in & imp_in & f.reporter.notnull()),
        x_ext_reporters=f.reporter.group_concat(";", where=exp_in & ~imp_in & f.reporter.notnull()),
        resolution=f.resolution.max(),
    )
    out = totals.left_join(conc, "product").select(totals, *[conc[c] for c in conc.columns if c != "product"])
    m_ext, x_ext, m_int = out.m_ext.fill_null(0), out.x_ext.fill_null(0), out.m_int.fill_null(0)
    return out.mutate(
        m_ext=m_ext, x_ext=x_ext, m_int=m_int,
        ratio_m_x=ibis.ifelse(x_ext > 0, m_ext / x_ext, ibis.ifelse(m_ext > 0, ibis.literal(float("inf")),
                                                                        ibis.null("float64"))),
        ext_share=ibis.ifelse(m_ext + m_int > 0, m_ext / (m_ext + m_int), ibis.null("float64")),
        m_ext_mirror_share=ibis.ifelse(m_ext > 0, out.m_mirror.fill_null(0) / m_ext, ibis.null("float64")),
        x_ext_mirror_share=ibis.ifelse(x_ext > 0, out.x_mirror.fill_null(0) / x_ext, ibis.null("float64")),
    ).mutate(ec_flag=(ibis._.hhi > EC_HHI) & (ibis._.ratio_m_x > EC_RATIO_M_X) & (ibis._.ext_share > EC_EXT_SHARE))


def dependency(wh, bloc: Bloc, *, year: int | None = None, basis: str = "value",
               products: Mapping[str, Sequence[str]] | None = None) -> pd.DataFrame:
    """The dependency table of one bloc (columns COLUMNS), one row per product, largest M_ext first."""
    con = wh.ibis()
    trade = con.table("trade")
    year = year if year is not None else latest_year(wh)
    result = screen(flows(trade, year=year, basis=basis, products=products), bloc).execute()
    result = result.assign(bloc=bloc.code, year=year, basis=basis)
    result["ec_flag"] = result["ec_flag"].astype("boolean").fillna(False).astype(bool)
    for col in ("m_ext_reporters", "x_ext_reporters"):
        result[col] = result[col].map(_distinct)
    result["n_suppliers"] = pd.to_numeric(result["n_suppliers"]).fillna(0).astype(int)
    if products is not None:  # every product asked for gets a row, also where the data hold none of it
        missing = [p for p in products if p not in set(result["product"])]
        if missing:
            empty = pd.DataFrame({"product": missing, "bloc": bloc.code, "year": year, "basis": basis,
                                  "m_ext": 0.0, "x_ext": 0.0, "m_int": 0.0, "ec_flag": False, "n_suppliers": 0,
                                  "m_ext_reporters": "", "x_ext_reporters": "", "resolution": "no data"})
            result = pd.concat([result, empty], ignore_index=True) if len(result) else empty.reindex(columns=COLUMNS)
        order = {p: i for i, p in enumerate(products)}
        return result[COLUMNS].sort_values("product", key=lambda s: s.map(order)).reset_index(drop=True)
    return result[COLUMNS].sort_values(["m_ext", "product"], ascending=[False, True]).reset_index(drop=True)


def suppliers(wh, bloc: Bloc, product: Sequence[str], *, year: int | None = None, basis: str = "value",
              label: str | None = None) -> pd.DataFrame:
    """Suppliers outside the bloc of one product (a list of HS codes): value and share, largest first."""
    year = year if year is not None else latest_year(wh)
    label = label or "+".join(product)
    f = flows(wh.ibis().table("trade"), year=year, basis=basis, products={label: list(product)})
    members = sorted(bloc.members)
    ext = f.filter(~f.exporter.isin(members) & f.importer.isin(members))
    df = ext.group_by("exporter").aggregate(v=ext.v.sum(), mirror_v=ext.by_exporter.sum()).execute()
    df = df.rename(columns={"exporter": "supplier"}).sort_values("v", ascending=False).reset_index(drop=True)
    df["share"] = df["v"] / df["v"].sum() if len(df) else []
    return df.assign(bloc=bloc.code, product=label, year=year, basis=basis)


def latest_year(wh) -> int:
    year = wh.sql("SELECT max(year) AS y FROM trade")["y"].iloc[0]
    if pd.isna(year):
        raise ChokepointsError("the warehouse holds no trade: run `chokepoints ingest` first")
    return int(year)


def _distinct(text) -> str:
    if not isinstance(text, str) or not text:
        return ""
    return ";".join(sorted(set(text.split(";"))))


def chain_products(chain) -> dict[str, list[str]]:
    """Each stage of a chain as a product: its HS 2017 and HS 2022 codes together (data may use either)."""
    return {f"{chain.id}/{s.id}": sorted(set(s.hs2017) | set(s.hs2022)) for s in chain.stages}


def with_reliance(table: pd.DataFrame, wh, bloc: Bloc, chain) -> pd.DataFrame:
    """Add apparent consumption, net import reliance and the CRMA 65 % test for chain stages USGS reports.

    Only on a quantity basis, and only where the stage names a USGS commodity: production P_B is the bloc members'
    USGS production (nearest year at or before the trade year, else the earliest after). Trade is in gross tonnes of
    the traded goods, USGS in contained material: `production_basis` says so, so a reader can judge the mix.
    """
    from chokepoints.metrics.formulas import CRMA_SINGLE_COUNTRY, apparent_consumption, import_reliance

    out = table.copy()
    for col in ("production_t", "production_year", "consumption_t", "import_reliance", "crma_top_share"):
        out[col] = float("nan")
    out["crma_flag"] = pd.NA
    out["production_basis"] = ""
    if out.empty or (out["basis"] != "quantity").all():
        return out
    prod = wh.sql("SELECT year, country, commodity, stage, quantity_t FROM production WHERE quantity_t IS NOT NULL "
                  "AND country NOT IN ('WLD', 'ROW')")
    stages = {f"{chain.id}/{s.id}": s for s in chain.stages}
    for i, row in out.iterrows():
        stage = stages.get(row["product"])
        if stage is None or not stage.usgs_commodity:
            continue
        p = prod[prod["commodity"] == stage.usgs_commodity]
        if p.empty:
            continue
        years = sorted(p["year"].unique())
        before = [y for y in years if y <= row["year"]]
        year = before[-1] if before else years[0]
        p = p[(p["year"] == year) & p["country"].isin(bloc.members)]
        production = float(p["quantity_t"].sum())
        top = suppliers(wh, bloc, stage.hs2017 + stage.hs2022, year=int(row["year"]), basis="quantity")
        c = apparent_consumption(production, row["m_ext"], row["x_ext"])
        share = float(top["v"].max() / c) if c > 0 and len(top) else float("nan")
        out.loc[i, ["production_t", "production_year", "consumption_t", "import_reliance", "crma_top_share"]] = [
            production, year, c, import_reliance(production, row["m_ext"], row["x_ext"]), share]
        out.loc[i, "crma_flag"] = bool(share > CRMA_SINGLE_COUNTRY) if share == share else pd.NA
        out.loc[i, "production_basis"] = f"USGS {stage.usgs_commodity} {year}: {stage.basis}"
    return out
