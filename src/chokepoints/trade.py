"""Which trade a figure rests on: one rule to pick the source, the year and the HS resolution of every flow.

The warehouse holds the same flow several times over: BACI's reconciled flows (reporter empty), UN Comtrade's
declarations by the importer and by the exporter (2022, 2024, HS6), and the 2023 Comtrade extract (HS4 headings).
The rule, applied per product (a label with its HS codes) so that nothing is counted twice:

1. **Year**: the latest year in which any loaded source holds the product at an acceptable resolution (rule 3),
   unless the caller fixes the year. Different products may therefore rest on different years; every row says which.
2. **Source within a year**, per HS code: BACI's reconciled flows where BACI holds that code in that year (mirror
   discrepancies already resolved, CIF/FOB harmonised); else the declarations, the importer's first (CIF imports are
   the better-kept statistic), else the exporter's (a mirror flow, counted as such).
3. **Resolution**: a code at or below the product's own HS6 codes is the product. A broader heading counts as the
   product only when the product's codes are all of that heading (2846 = 284610 + 284690, rare-earth compounds).
   Any other broader heading (2805 holds sodium and calcium as well as rare-earth metals; 2825 holds every metal
   oxide, not only germanium's) is a *proxy*: refused unless the caller allows proxies, and then labelled on every
   row ("PROXY: ...").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache

import ibis
import pandas as pd

from chokepoints.errors import ChokepointsError

BASES = ("value", "quantity")
AS_REQUESTED = "as requested"
PROXY = "PROXY"


@cache
def _subheadings(heading: str) -> frozenset[str]:
    """The six-digit codes under a 4-digit heading in HS 2017 or HS 2022 (the revisions the data use)."""
    from chokepoints.reference.hs import hs_codes

    codes = hs_codes()
    six = codes[(codes["code"].str.len() == 6) & codes["code"].str.startswith(heading)
                & codes["revisions"].str.contains("HS17|HS22")]
    return frozenset(six["code"])


def heading_kind(heading: str, codes: Sequence[str]) -> str:
    """'covered' when the product's codes are the whole heading, else 'proxy'."""
    subs = _subheadings(heading)
    return "covered" if subs and subs <= {c for c in codes if len(c) == 6} else "proxy"


def resolution_label(hs: str, codes: Sequence[str]) -> str:
    """How a data code relates to a product's codes (see the module's rule 3)."""
    if any(hs.startswith(c) for c in codes):
        return AS_REQUESTED
    broader = [c for c in codes if c.startswith(hs)]
    if not broader:
        return ""
    if heading_kind(hs, codes) == "covered":
        return f"heading {hs} = {'+'.join(sorted(c for c in codes if c.startswith(hs)))}"
    return f"{PROXY}: heading {hs} only, broader than {'+'.join(sorted(broader))}"


def is_proxy(resolution) -> bool:
    return isinstance(resolution, str) and resolution.startswith(PROXY)


def _match_products(t: ibis.Table, products: Mapping[str, Sequence[str]], allow_proxy: bool) -> ibis.Table:
    pieces = []
    for label, codes in products.items():
        if not codes:  # e.g. anode material: no HS6 of its own; dependency() reports it as such
            continue
        finer = ibis.or_(*[t.hs6.startswith(c) for c in codes])
        cond, res = finer, ibis.literal(AS_REQUESTED)
        for hs in sorted({c[:n] for c in codes for n in (4, 2) if len(c) > n}):
            label_hs = resolution_label(hs, codes)
            if is_proxy(label_hs) and not allow_proxy:
                continue
            cond = cond | (t.hs6 == hs)
            res = ibis.ifelse(t.hs6 == hs, ibis.literal(label_hs), res)
        pieces.append(t.filter(cond).mutate(product=ibis.literal(label), resolution=res))
    if not pieces:
        raise ChokepointsError("none of the products has an HS code")
    return ibis.union(*pieces) if len(pieces) > 1 else pieces[0]


def flows(trade: ibis.Table, *, year: int, basis: str = "value",
          products: Mapping[str, Sequence[str]] | None = None, declarations: bool = True,
          carry: Sequence[str] = (), allow_proxy: bool = False) -> ibis.Table:
    """The flows of one year after the source rule: product, exporter, importer, v, reporter, resolution, priority,
    dataset (and the `carry` columns).

    `products` maps a product label to HS codes (module rule 3); without it every code in the data is its own
    product. priority: 0 reconciled (BACI), 1 the importer's declaration, 2 the exporter's (a mirror flow), 3 a
    third party's.
    """
    if basis not in BASES:
        raise ChokepointsError(f"basis must be one of {', '.join(BASES)}, not {basis!r}")
    t = trade.filter(trade.year == year)
    v = t.value_usd if basis == "value" else t.quantity_t
    t = t.mutate(v=v).filter(ibis._.v.notnull() & (ibis._.v > 0) & (t.exporter != t.importer))
    if products is None:
        t = t.mutate(product=t.hs6, resolution=ibis.null("string"))  # filled in as "as reported" afterwards
    else:
        t = _match_products(t, products, allow_proxy)
    cols = ["product", "exporter", "importer", "v", "reporter", "resolution", "dataset", *carry]
    reconciled = t.filter(t.reporter.isnull())
    out = reconciled.select(*cols, priority=ibis.literal(0))
    if not declarations:
        return out
    # Rule 2: declarations only for codes the reconciled data lack this year; only declared rows go through the
    # window, so a BACI-sized table pays nothing for it.
    declared = t.filter(t.reporter.notnull())
    declared = declared.anti_join(reconciled.select("hs6").distinct(), "hs6")
    declared = declared.mutate(priority=ibis.cases((declared.reporter == declared.importer, 1),
                                                   (declared.reporter == declared.exporter, 2), else_=3))
    w = ibis.window(group_by=[declared.product, declared.exporter, declared.importer, declared.hs6],
                    order_by=[declared.priority])
    declared = declared.mutate(rank=ibis.row_number().over(w)).filter(ibis._.rank == 0).select(*cols, "priority")
    return out.union(declared)


def year_datasets(wh, year: int) -> dict[str, bool]:
    """The data sets that hold trade of `year`, each with whether it holds declarations (Comtrade: a reporter on
    each row) rather than reconciled flows (BACI): one scan of the year answers both questions."""
    t = wh.ibis_table("trade")
    f = t.filter(t.year == year)
    df = f.group_by("dataset").aggregate(declared=f.reporter.notnull().any()).execute()
    return {str(d): bool(v) for d, v in zip(df["dataset"], df["declared"], strict=True)}


def has_declarations(wh, year: int) -> bool:
    """Whether the year's trade holds declarations (Comtrade) rather than only reconciled flows (BACI)."""
    return any(year_datasets(wh, year).values())


NO_TRADE = "the warehouse holds no trade: run `chokepoints ingest` first"


def latest_year(wh) -> int:
    year = wh.ibis_table("trade").year.max().execute()
    if pd.isna(year):
        raise ChokepointsError(NO_TRADE)
    return int(year)


def coverage(wh) -> pd.DataFrame:
    """year, hs6, dataset, reconciled: which source holds which code in which year (small: distinct triples)."""
    t = wh.ibis_table("trade")
    return t.select("year", "hs6", "dataset", reconciled=t.reporter.isnull()).distinct().execute()


def product_years(wh, products: Mapping[str, Sequence[str]], *, allow_proxy: bool = False) -> pd.DataFrame:
    """Per product: the year its figures rest on (rule 1), the resolution there, the data sets, and the latest
    year a proxy heading alone would give (so a refusal can say what was refused)."""
    cov = coverage(wh)
    rows = []
    for label, codes in products.items():
        if not codes:
            rows.append({"product": label, "year": None, "resolution": "no HS code of its own", "datasets": "",
                         "proxy_year": None, "proxy": ""})
            continue
        res = cov["hs6"].map(lambda hs, codes=codes: resolution_label(hs, codes)).astype(str)
        matched = (res != "").to_numpy(bool)
        proxy = res.map(is_proxy).to_numpy(bool)
        ok, px = cov.loc[matched & ~proxy], cov.loc[proxy]
        year = int(ok["year"].max()) if len(ok) else None
        proxy_year = int(px["year"].max()) if len(px) else None
        if allow_proxy and proxy_year is not None and (year is None or proxy_year > year):
            year = proxy_year
        keep = matched & (cov["year"] == year).to_numpy(bool) & (allow_proxy | ~proxy)
        at = cov.loc[keep]
        labels = sorted(set(res[keep]))
        rows.append({"product": label, "year": year, "resolution": "; ".join(labels) if labels else "no data",
                     "datasets": ";".join(sorted(set(at["dataset"]))), "proxy_year": proxy_year,
                     "proxy": "; ".join(sorted(set(res[proxy]))) if len(px) else ""})
    return pd.DataFrame(rows)


def trade_sources(wh, datasets: list[str] | None = None) -> str:
    """The data sets the trade table holds (or the given ones), each with its source line and years, for figure
    and table captions."""
    t = wh.ibis_table("trade")
    rows = t.group_by("dataset").aggregate(y0=t.year.min(), y1=t.year.max()).order_by("dataset").execute()
    if datasets is not None:
        rows = rows[rows["dataset"].isin(datasets)]
    status = wh.status().set_index("dataset")["source"]
    parts = []
    for r in rows.itertuples():
        name = status.get(r.dataset, r.dataset)
        years = str(r.y0) if r.y0 == r.y1 else f"{r.y0}-{r.y1}"
        parts.append(f"{name} ({years})")
    return "; ".join(parts) or "no trade loaded"
