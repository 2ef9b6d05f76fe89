"""Run tariff measures through the SMART model on the warehouse's trade: `run_tariffs(wh, measures)`.

The importing market's imports by source and product come from the `trade` table (the importer's declaration where
it exists, else the exporter's: a mirror flow, whose share every row reports). The rates per (product, source), from
the US schedule or the measures' own baselines, come from `chokepoints.tariffs.rates`; the formulas from
`chokepoints.tariffs.smart`. The result, `TariffResult`, holds the tables per source, per product and by group of
sources, with the figure.
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

from chokepoints.errors import ChokepointsError, InputError, UnknownNameError, from_validation
from chokepoints.reference.blocs import bloc
from chokepoints.results import ResultMixin
from chokepoints.tariffs import elasticities as el
from chokepoints.tariffs.measure import TariffMeasure
from chokepoints.tariffs.rates import GTA_LICENCE, heading_of, rates
from chokepoints.tariffs.smart import smart

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
            raise from_validation(e, origin=None, error=InputError, prefix=f"measures[{i}]") from None
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
        keep = flows["product"].str.startswith(codes).to_numpy() | heading_of(flows["product"], codes)
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
    names = wh.product_names(r["product"])
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
    for m in ms:
        for key in ("rate", "baseline_rate"):
            v = getattr(m, key)
            if v is not None and v > 1:
                notes.append(f"WARNING {m.label()}: {key} {v:g} means {v:.0%}; if {v:g} % was meant, give {v / 100:g}")
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
