"""Run tariff measures through the SMART model on the warehouse's trade: `run_tariffs(wh, measures)`.

The importing market's imports by source and product come from the `trade` table (the importer's declaration where
it exists, else the exporter's: a mirror flow, whose share every row reports). Rates are set per tariff line and
averaged per product (simple average over lines, as WITS-SMART's "simple duty rate"): for the US market the lines
are the HTS-8 lines of Global Trade Alert's schedule in the warehouse (`us_tariff_lines`, `us_sec301`,
`us_tariff_rates`); elsewhere, or for a product the schedule lacks, the product itself is the one line and the
baseline is the measure's `baseline_rate`, else 0.

Baseline for the US (the schedule before 2025, matching trade years up to 2024): the MFN ad-valorem rate of each
line (specific duties are left out and counted in `rate_basis`); USMCA partners (CAN, MEX) and Korea (KORUS) at the
preferential rates of GTA's rates table (0); China with the Section 301 duty of the lines on a 301 list. Other US
free-trade partners (Australia, Chile, Peru, Singapore, ...) are charged MFN: the GTA data carry no preference for
them.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from pydantic import ValidationError

from chokepoints.errors import ChokepointsError, InputError, UnknownNameError
from chokepoints.reference.blocs import bloc
from chokepoints.results import ResultMixin
from chokepoints.tariffs import elasticities as el
from chokepoints.tariffs.measure import TariffMeasure
from chokepoints.tariffs.smart import smart

GTA_LICENCE = ("US tariff schedule: Global Trade Alert, us-tariff-barrier-estimates (CC BY-NC 4.0, "
               "non-commercial use only)")
MODEL = "WITS-SMART partial equilibrium (Jammes & Olarreaga 2005)"
VALUE_COLUMNS = ["baseline_imports", "creation", "diversion", "price_effect", "new_imports", "change",
                 "revenue_change", "welfare"]
SOURCE_COLUMNS = ["product", "product_name", "source", "targeted", "measures", "baseline_rate", "new_rate",
                  *VALUE_COLUMNS, "change_pct", "price_change", "consumer_price_change", "capped", "mirror_share",
                  "lines", "covered_share", "exempt_share", "rate_basis", "import_demand", "substitution",
                  "export_supply"]


@dataclass
class TariffResult(ResultMixin):
    """What a tariff run returns: tables per product x source, per product, and a summary by group of sources.

    The result protocol (chokepoints.results): `.summary`, `.meta`, `.to_dict()`, `.to_parquet(path)`, `.plot()`.
    """

    by_source: pd.DataFrame
    by_product: pd.DataFrame
    summary: pd.DataFrame
    meta: dict = field(default_factory=dict)

    kind = "tariffs"

    def to_dict(self) -> dict:
        return {"kind": self.kind, **json.loads(self.to_json())}

    def plot(self, top: int = 15):
        return self.figure(top)

    def to_json(self, path: str | Path | None = None) -> str:
        """The three tables as JSON records plus `meta` (market, year, data sources, measures, notes)."""
        from chokepoints.report.tables import to_records

        text = json.dumps({"meta": self.meta, "summary": to_records(self.summary),
                           "by_product": to_records(self.by_product), "by_source": to_records(self.by_source)},
                          indent=2, default=str)
        if path is not None:
            Path(path).write_text(text + "\n", encoding="utf-8")
        return text

    def figure(self, top: int = 15):
        """Plotly: change of the market's imports from each source (creation, diversion, price effect), largest
        changes on top, with the data's source and year."""
        import plotly.graph_objects as go

        if self.by_source.empty:
            raise ChokepointsError("nothing to plot: the market has no imports of the products in the data")
        per = self.by_source.groupby("source")[["creation", "diversion", "price_effect", "change"]].sum()
        head = per.reindex(per["change"].abs().sort_values(ascending=False).index[:top]).iloc[::-1]
        fig = go.Figure()
        for col, name, colour in (("creation", "trade creation", "#4c78a8"), ("diversion", "trade diversion",
                                                                              "#f58518"),
                                  ("price_effect", "price effect", "#54a24b")):
            if col == "price_effect" and not head[col].any():
                continue
            fig.add_bar(x=head[col] / 1e6, y=head.index, orientation="h", name=name, marker_color=colour,
                        hovertemplate="%{y}: %{x:,.2f} M USD<extra>" + name + "</extra>")
        m = self.meta
        fig.update_layout(
            barmode="relative", template="plotly_white", height=160 + 26 * len(head),
            title=f"{m['market']} imports after {'; '.join(m['measure_labels'])}<br><sup>change by source, "
                  f"million USD, {m['year']} trade, {m['n_products']} products; {MODEL}</sup>",
            xaxis_title="change in imports (million USD)", margin={"l": 70, "r": 30, "t": 80, "b": 110},
            legend={"orientation": "h", "y": -0.12 - 1.2 / (len(head) + 4)},
        )
        fig.add_annotation(text=f"Source: {m['trade_source']}. {m['tariff_source']}.", xref="paper", yref="paper",
                           x=0, y=-0.22 - 2.0 / (len(head) + 4), showarrow=False, xanchor="left",
                           font={"size": 10, "color": "#555"})
        return fig


# ---------------------------------------------------------------------------------------------------- inputs
def _measures(measures: Sequence) -> list[TariffMeasure]:
    if not measures:
        raise InputError("no tariff measure to run", field="measures")
    out = []
    for i, m in enumerate(measures):
        if isinstance(m, TariffMeasure):
            out.append(m)
            continue
        try:
            out.append(TariffMeasure.model_validate(m))
        except ValidationError as e:
            first = e.errors()[0]
            key = ".".join(str(p) for p in first["loc"])
            raise InputError(first["msg"], field=f"measures[{i}].{key}" if key else f"measures[{i}]") from None
    return out


def _members(code: str, field_name: str) -> frozenset[str]:
    try:
        return bloc(code).members
    except UnknownNameError as e:
        raise InputError(str(e), field=field_name) from None


def _market(measures: list[TariffMeasure]) -> tuple[str, frozenset[str]]:
    actor = measures[0].actor
    for i, m in enumerate(measures[1:], 1):
        if m.actor != actor:
            raise InputError(f"actor {m.actor!r} differs from measures[0]'s {actor!r}: the model covers one "
                             "importing market per run", field=f"measures[{i}].actor")
    return actor, _members(actor, "measures[0].actor")


def _targets(measures: list[TariffMeasure], market: frozenset[str]) -> list[frozenset[str] | None]:
    """Each measure's sources (None = ALL), without the market's own members."""
    out = []
    for i, m in enumerate(measures):
        if any(t.upper() == "ALL" for t in m.targets):
            out.append(None)
            continue
        members = frozenset().union(*(_members(t, f"measures[{i}].targets") for t in m.targets))
        out.append(members - market)
    return out


def _year(wh, members: list[str], year: int | None, actor: str) -> int:
    years = wh.sql("SELECT DISTINCT year FROM trade WHERE importer IN (SELECT unnest(?)) ORDER BY year",
                   [members])["year"].tolist()
    if not years:
        raise InputError(f"the warehouse's trade table holds no imports of {actor}", field="measures[0].actor",
                         hint="run `chokepoints ingest` (and load BACI for full coverage)")
    if year is None:
        return int(years[-1])
    if year not in years:
        raise InputError(f"no imports of {actor} in {year}; years with data: {', '.join(map(str, years))}",
                         field="year")
    return int(year)


def imports_by_source(wh, members: list[str], year: int) -> pd.DataFrame:
    """The market's imports per product and source: value, and the part known only from the exporter (mirror)."""
    from chokepoints.trade import flows, has_declarations

    f = flows(wh.ibis().table("trade"), year=year, declarations=has_declarations(wh, year))
    f = f.filter(f.importer.isin(members) & ~f.exporter.isin(members))
    g = f.group_by(["product", "exporter"]).aggregate(m0=f.v.sum(), mirror=f.v.sum(where=f.priority >= 2))
    df = g.execute().rename(columns={"exporter": "source"})
    df["mirror"] = pd.to_numeric(df["mirror"]).fillna(0.0)
    return df.sort_values(["product", "source"]).reset_index(drop=True)


# ---------------------------------------------------------------------------------------------------- rates
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
    coarser = own.to_numpy() & _heading_of(codes, hs)
    return finer | coarser, coarser & ~finer


def _heading_of(codes: pd.Series, hs: Sequence[str]) -> np.ndarray:
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


# ---------------------------------------------------------------------------------------------------- the run
def run_tariffs(wh, measures: Sequence[TariffMeasure | dict], *, year: int | None = None,
                elasticities: Path | str | None = None, supply_elasticity: float = math.inf) -> TariffResult:
    """Run tariff measures (one importing market) through the SMART model on the warehouse's trade of `year`
    (default: the latest year with imports of the market); `elasticities` a CSV overriding the defaults per
    product (docs/methods/tariffs.md), `supply_elasticity` the export-supply elasticity where it sets none."""
    ms = _measures(measures)
    actor, market = _market(ms)
    targets = _targets(ms, market)
    members = sorted(market)
    year = _year(wh, members, year, actor)
    us = market == {"USA"}
    flows = imports_by_source(wh, members, year)
    if not any(m.all_products for m in ms):
        codes = tuple(h for m in ms for h in m.hs)
        keep = flows["product"].str.startswith(codes).to_numpy() | _heading_of(flows["product"], codes)
        flows = flows[keep].reset_index(drop=True)
        if flows.empty:
            raise InputError(f"{actor} imported none of {', '.join(codes)} in {year}", field="measures.hs",
                             hint="`chokepoints table trade` shows the products loaded")
    r = rates(wh, flows, ms, targets, us=us)
    e = el.for_products(r["product"], el.table(elasticities), supply_elasticity=supply_elasticity)
    r = r.merge(e[["product", *el.COLUMNS]], on="product", how="left")
    r = r.sort_values(["product", "source"]).reset_index(drop=True)
    group = pd.factorize(r["product"])[0]
    fx = smart(r["m0"].to_numpy(float), r["baseline_rate"].to_numpy(float), r["new_rate"].to_numpy(float), group,
               eps_m=r["import_demand"].to_numpy(float), sigma=r["substitution"].to_numpy(float),
               eps_x=r["export_supply"].to_numpy(float))
    names = _product_names(wh, r["product"])
    tgt_any = np.zeros(len(r), bool)
    labels = [[] for _ in range(len(r))]
    for m, t in zip(ms, targets, strict=True):
        inside = np.ones(len(r), bool) if t is None else r["source"].isin(t).to_numpy()
        tgt_any |= inside
        for i in np.flatnonzero(inside):
            labels[i].append(m.label())
    by_source = pd.DataFrame({
        "product": r["product"], "product_name": r["product"].map(names), "source": r["source"],
        "targeted": tgt_any & (r["covered_share"].to_numpy() > 0), "measures": [";".join(x) for x in labels],
        "baseline_rate": r["baseline_rate"], "new_rate": r["new_rate"], "baseline_imports": r["m0"],
        "creation": fx.creation, "diversion": fx.diversion, "price_effect": fx.price_effect,
        "new_imports": fx.new_imports, "change": fx.new_imports - r["m0"].to_numpy(),
        "revenue_change": fx.revenue_change, "welfare": fx.welfare,
        "price_change": fx.price_change, "consumer_price_change": fx.consumer_price_change, "capped": fx.capped,
        "mirror_share": r["mirror"] / r["m0"], "lines": r["lines"], "covered_share": r["covered_share"],
        "exempt_share": r["exempt_share"], "rate_basis": r["rate_basis"], "import_demand": r["import_demand"],
        "substitution": r["substitution"], "export_supply": r["export_supply"],
    })
    by_source["change_pct"] = by_source["change"] / by_source["baseline_imports"]
    by_source = by_source[SOURCE_COLUMNS]
    by_product = _by_product(by_source)
    summary = _summary(by_source, ms, targets)
    meta = _meta(wh, ms, actor, members, year, us, by_source, elasticities, supply_elasticity)
    return TariffResult(by_source, by_product, summary, meta)


def _product_names(wh, products: pd.Series) -> dict[str, str]:
    codes = list(pd.unique(products))
    df = wh.sql("SELECT code, description, revision FROM hs_codes WHERE code IN (SELECT unnest(?)) "
                "ORDER BY revision DESC", [codes])
    return dict(df.drop_duplicates("code")[["code", "description"]].itertuples(index=False))


def _weighted(df: pd.DataFrame, col: str, by: str | None = None) -> pd.Series | float:
    w = df["baseline_imports"]
    if by is None:
        return float((df[col] * w).sum() / w.sum()) if w.sum() > 0 else float("nan")
    num = (df[col] * w).groupby(df[by], sort=False).sum()
    return num / w.groupby(df[by], sort=False).sum()


def _by_product(s: pd.DataFrame) -> pd.DataFrame:
    g = s.groupby("product", sort=False)
    out = g[VALUE_COLUMNS].sum()
    out.insert(0, "product_name", g["product_name"].first())
    out["change_pct"] = out["change"] / out["baseline_imports"]
    out["targeted_imports"] = s["baseline_imports"].where(s["targeted"], 0).groupby(s["product"], sort=False).sum()
    out["diverted_to_others"] = s["diversion"].where(~s["targeted"], 0).groupby(s["product"], sort=False).sum()
    out["baseline_rate"] = _weighted(s, "baseline_rate", "product")
    out["new_rate"] = _weighted(s, "new_rate", "product")
    out["consumer_price_change"] = _weighted(s, "consumer_price_change", "product")
    out["n_sources"] = g["source"].count()
    gainers = s[~s["targeted"] & (s["change"] > 1e-6 * s["baseline_imports"].clip(lower=1.0))]
    out["top_gainer"] = gainers.sort_values("change", ascending=False).drop_duplicates("product")\
        .set_index("product")["source"]
    out["mirror_share"] = _weighted(s, "mirror_share", "product")
    for c in ("import_demand", "substitution", "export_supply"):
        out[c] = g[c].first()
    return out.reset_index().sort_values("baseline_imports", ascending=False).reset_index(drop=True)


def _summary(s: pd.DataFrame, ms: list[TariffMeasure], targets: list) -> pd.DataFrame:
    rows = []

    def row(group: str, mask) -> dict:
        part = s[mask]
        d = {"group": group, **{c: float(part[c].sum()) for c in VALUE_COLUMNS}}
        d["change_pct"] = d["change"] / d["baseline_imports"] if d["baseline_imports"] else float("nan")
        d["baseline_rate"] = _weighted(part, "baseline_rate") if len(part) else float("nan")
        d["new_rate"] = _weighted(part, "new_rate") if len(part) else float("nan")
        d["n_sources"] = int(part["source"].nunique())
        return d

    anyone = np.zeros(len(s), bool)
    for m, t in zip(ms, targets, strict=True):
        inside = np.ones(len(s), bool) if t is None else s["source"].isin(t).to_numpy()
        anyone |= inside
        rows.append(row(f"{'+'.join(m.targets)} ({m.label()})", inside))
    if not anyone.all():
        rows.append(row("other sources", ~anyone))
    rows.append(row("all sources", np.ones(len(s), bool)))
    return pd.DataFrame(rows)


def _meta(wh, ms, actor, members, year, us, s, elasticities, supply_elasticity) -> dict:
    ds = wh.sql("SELECT dataset, count(*) AS n FROM trade WHERE year = ? AND importer IN (SELECT unnest(?)) "
                "GROUP BY 1 ORDER BY 1", [year, members])
    status = wh.status().set_index("dataset")["source"]
    trade_source = "; ".join(f"{status.get(d, d)} ({year})" for d in ds["dataset"])
    mirror = float(_weighted(s, "mirror_share")) if len(s) else float("nan")
    tariff_source = GTA_LICENCE if us and s["lines"].gt(0).any() else "baseline rates: 0 or the measures' own"
    notes = [
        "values in USD; new_imports at new world prices; change = creation + diversion + price_effect",
        "rates are simple averages over a product's tariff lines (trade by line is not in the data)",
    ]
    if mirror > 0:
        notes.append(f"{mirror:.0%} of the baseline imports are mirror flows (declared only by the exporter)")
    if us:
        notes.append("US baseline: pre-2025 MFN (+ Section 301 for China, 0 for USMCA and KORUS); other US free-"
                     "trade partners charged MFN; 2025 measures not in this scenario are not modelled")
    if s["capped"].any():
        notes.append(f"{int(s['capped'].sum())} product-source rows fall to zero imports (creation capped)")
    return {
        "market": actor, "market_members": members, "year": year, "model": MODEL,
        "measures": [m.model_dump() for m in ms], "measure_labels": [m.label() for m in ms],
        "n_products": int(s["product"].nunique()), "n_sources": int(s["source"].nunique()),
        "trade_source": trade_source or "trade table", "tariff_source": tariff_source, "mirror_share": mirror,
        "elasticities": str(elasticities) if elasticities else f"defaults ({el.SHIPPED})",
        "supply_elasticity": supply_elasticity, "notes": notes,
    }
