"""Tariff rates per tariff line and per (product, source): the schedules, which lines a measure covers, and the
averages the SMART model runs on.

Rates are set per tariff line and averaged per product (simple average over lines, as WITS-SMART's "simple duty
rate"): for the US market the lines are the HTS-8 lines of Global Trade Alert's schedule in the warehouse
(`us_tariff_lines`, `us_sec301`, `us_tariff_rates`); elsewhere, or for a product the schedule lacks, the product
itself is the one line and the baseline is the measure's `baseline_rate`, else 0.

Baseline for the US (the schedule before 2025, matching trade years up to 2024): the MFN ad-valorem rate of each
line (specific duties are left out and counted in `rate_basis`); USMCA partners (CAN, MEX) and Korea (KORUS) at the
preferential rates of GTA's rates table (0); China with the Section 301 duty of the lines on a 301 list. Other US
free-trade partners (Australia, Chile, Peru, Singapore, ...) are charged MFN: the GTA data carry no preference for
them.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from chokepoints.errors import InputError
from chokepoints.tariffs.measure import TariffMeasure

GTA_LICENCE = ("US tariff schedule: Global Trade Alert, us-tariff-barrier-estimates (CC BY-NC 4.0, "
               "non-commercial use only)")


def _us_schedule(wh) -> tuple[pd.DataFrame, dict[str, float]]:
    """HTS-8 lines with MFN ad-valorem rate, Section 301 duty (fraction), Annex II flag; preferential rates."""
    lines = wh.sql("""SELECT l.hts8, l.mfn_ad_val_rate AS mfn, coalesce(l.mfn_specific_rate, 0) > 0 AS specific,
                             l.apr2_exempt AS exempt, coalesce(s.rate, 0) / 100.0 AS s301
                      FROM us_tariff_lines l LEFT JOIN (SELECT hts8, max(rate) AS rate FROM us_sec301 GROUP BY 1) s
                      USING (hts8)
                      WHERE l.hs6 IS NOT NULL AND l.mfn_ad_val_rate IS NOT NULL""")
    rates = wh.sql("""SELECT rate_type, rate / 100.0 AS rate FROM us_tariff_rates
                      WHERE scenario = 'baseline' AND rate_type IN ('usmca_rate', 'korus_rate')
                      QUALIFY row_number() OVER (PARTITION BY rate_type ORDER BY effective_date) = 1""")
    pref = dict(zip(rates["rate_type"], rates["rate"], strict=True))
    return lines, pref


def _us_class(sources: pd.Series, wh) -> pd.Series:
    groups = wh.sql("SELECT iso3 FROM us_tariff_country_groups WHERE \"group\" = 'usmca'")["iso3"]
    usmca = set(groups) or {"CAN", "MEX"}
    return pd.Series(np.select([sources.isin(usmca), sources.eq("KOR"), sources.eq("CHN")],
                               ["usmca", "korus", "chn"], "mfn"), index=sources.index)


def _product_lines(products: pd.Series, lines: pd.DataFrame | None) -> pd.DataFrame:
    """(product, line) pairs: the schedule's lines under each product code; a product without any is its own
    line (flag `own`), with no schedule rate."""
    prods = pd.DataFrame({"product": pd.unique(products)})
    found = pd.DataFrame(columns=["product", "hts8", "mfn", "specific", "exempt", "s301"])
    if lines is not None and len(lines):
        parts = []
        for n in sorted(prods["product"].str.len().unique()):
            key = lines.assign(product=lines["hts8"].str[:n])
            parts.append(prods[prods["product"].str.len() == n].merge(key, on="product"))
        found = pd.concat(parts, ignore_index=True)
    own = prods[~prods["product"].isin(found["product"])].assign(
        hts8=lambda d: d["product"], mfn=np.nan, specific=False, exempt=False, s301=0.0)
    parts = [p for p in (found.assign(own=False), own.assign(own=True)) if len(p)]
    out = pd.concat(parts, ignore_index=True)
    out["specific"] = out["specific"].astype(bool)
    out["exempt"] = out["exempt"].fillna(False).astype(bool)
    return out


def _covers(codes: pd.Series, own: pd.Series, m: TariffMeasure) -> tuple[np.ndarray, np.ndarray]:
    """Which lines a measure's HS list covers, and which of those only as a broader heading (a product that is its
    own line, coarser than the measure's code)."""
    if m.all_products:
        return np.ones(len(codes), bool), np.zeros(len(codes), bool)
    hs = tuple(m.hs)
    finer = codes.str.startswith(hs).to_numpy()
    coarser = own.to_numpy() & heading_of(codes, hs)
    return finer | coarser, coarser & ~finer


def heading_of(codes: pd.Series, hs: Sequence[str]) -> np.ndarray:
    """Whether each code is a broader heading of one of `hs` (e.g. '2846' of '284690')."""
    out = np.zeros(len(codes), bool)
    for h in hs:  # a measure's few codes, not the products
        for n in range(2, len(h), 2):
            out |= (codes == h[:n]).to_numpy()
    return out


def rates(wh, flows: pd.DataFrame, measures: list[TariffMeasure], targets: list, *, us: bool) -> pd.DataFrame:
    """Baseline and new rate per (product, source), averaged over the product's tariff lines, with how they were
    set. Vectorised: sources fall into a few classes (baseline regime x which measures target them)."""
    sources = pd.Series(pd.unique(flows["source"]), name="source")
    base_class = _us_class(sources, wh) if us else pd.Series("none", index=sources.index)
    member = np.column_stack([np.ones(len(sources), bool) if t is None else sources.isin(t).to_numpy()
                              for t in targets])
    cls = pd.DataFrame(member, columns=[f"in{k}" for k in range(len(measures))]).assign(base=base_class.to_numpy())
    keys = list(cls.columns)
    classes = cls.drop_duplicates().reset_index(drop=True).reset_index(names="cls")
    src_cls = sources.to_frame().join(cls).merge(classes, on=keys)[["source", "cls"]]

    schedule, pref = _us_schedule(wh) if us else (None, {})
    if us and (schedule is None or schedule.empty):
        schedule = None
    for k, m in enumerate(measures):
        if m.exempt_annex2 and schedule is None:
            raise InputError("exempt_annex2 needs the US tariff schedule (Global Trade Alert) in the warehouse and "
                             "a US market", field=f"measures[{k}].exempt_annex2",
                             hint="load ../shared/data/raw/us_tariffs_gta with `chokepoints ingest`, or drop it")
    pl = _product_lines(flows["product"], schedule)
    x = pl.merge(classes, how="cross")
    base_name = x["base"].to_numpy()
    mfn = x["mfn"].to_numpy(float)
    base = np.where(np.isnan(mfn), 0.0, mfn)
    base = np.where(base_name == "usmca", pref.get("usmca_rate", 0.0), base)
    base = np.where(base_name == "korus", pref.get("korus_rate", 0.0), base)
    base = np.where(base_name == "chn", base + x["s301"].to_numpy(float), base)
    from_schedule = ~x["own"].to_numpy()
    broader = np.zeros(len(x), bool)
    covered = np.zeros(len(x), bool)
    exempted = np.zeros(len(x), bool)
    hts = x["hts8"].astype(str)
    own = x["own"]
    for k, m in enumerate(measures):  # a few measures: the loop is over measures, not products
        hit, coarse = _covers(hts, own, m)
        hit &= x[f"in{k}"].to_numpy()
        if m.baseline_rate is not None:
            base = np.where(hit, m.baseline_rate, base)
            from_schedule &= ~hit
        broader |= hit & coarse
    new = base.copy()
    for k, m in enumerate(measures):
        hit, _ = _covers(hts, own, m)
        hit &= x[f"in{k}"].to_numpy()
        if m.exempt_annex2:
            exempted |= hit & x["exempt"].to_numpy()
            hit &= ~x["exempt"].to_numpy()
        covered |= hit
        updated = {"replace": np.full(len(x), m.rate), "add": new + m.rate, "floor": np.maximum(new, m.rate)}
        new = np.where(hit, updated[m.stacking], new)
    x = x.assign(t0=base, t1=new, covered=covered, exempted=exempted, broader=broader, sched=from_schedule)
    g = x.groupby(["product", "cls"], sort=False).agg(
        baseline_rate=("t0", "mean"), new_rate=("t1", "mean"), lines=("own", lambda s: int((~s).sum())),
        covered_share=("covered", "mean"), exempt_share=("exempted", "mean"), specific=("specific", "sum"),
        broader=("broader", "any"), sched=("sched", "all"), base=("base", "first")).reset_index()
    g["rate_basis"] = _basis(g, us=us)
    return flows.merge(src_cls, on="source").merge(g, on=["product", "cls"], how="left").drop(columns="cls")


def _basis(g: pd.DataFrame, *, us: bool) -> pd.Series:
    """How a (product, source class) got its rates, in words."""
    regime = g["base"].map({"mfn": "MFN", "usmca": "USMCA", "korus": "KORUS", "chn": "MFN+301", "none": ""})
    lines = g["lines"].astype(str) + " HTS-8 lines"
    text = pd.Series(np.where(g["sched"], "US " + regime + ", " + lines, "measure's baseline_rate, " + lines),
                     index=g.index)
    no_line = "no US tariff line: baseline " if us else "baseline "
    text = text.where(g["lines"] > 0, np.where(g["sched"], no_line + "0", no_line + "from the measure"))
    text = text.where(g["specific"].eq(0), text + ", " + g["specific"].astype(str) + " with a specific duty left out")
    return text.where(~g["broader"], text + ", measure code finer than the data: whole heading taxed")
