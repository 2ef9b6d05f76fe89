"""Build a chain's network from the warehouse: per stage and country production, capacity, stocks, and the
bilateral flows, all in tonnes of the stage's traded product per year.

Where each number comes from (in order of preference, each labelled in `Network.provenance`):
  flows       trade quantity (t); value / the stage's unit value where the quantity is missing
  production  `data`: USGS production of the stage's commodity (mine production for the chain's first stage of that
              commodity, refinery/processing output for a later one); `shares`: the curated country shares of world
              output (`stage_shares`) times a world total (a WLD row, quantity / share of one row, or the input
              stage's world output / its factor); `trade`: max(0, exports - imports) for countries with neither
  balance     use = production + imports - exports; where that is negative the country must have made at least
              its net exports: the missing production is the reconciliation `residual`, reported per stage
  capacity    USGS capacity where reported; else production / utilisation (a scenario's response parameter)
  stocks      the `stocks` table (members' declared stocks of the stage's materials); else months of use (scenario)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from chokepoints.errors import ChokepointsError
from chokepoints.metrics.dependency import chain_products
from chokepoints.network.reconcile import reconcile
from chokepoints.network.types import Network
from chokepoints.reference.chains import Chain
from chokepoints.reference.chains import chain as get_chain
from chokepoints.trade import flows, latest_year

AGGREGATES = ("WLD", "ROW", "EUROPE", "EU", "EU27", "")


def build_network(wh, chain: str | Chain, *, year: int | None = None) -> Network:
    """The network of CHAIN in YEAR (default: the latest trade year) from what the warehouse holds."""
    ch = get_chain(chain) if isinstance(chain, str) else chain
    year = year if year is not None else latest_year(wh)
    stages = sorted(ch.stages, key=lambda s: s.order)
    trade = _stage_flows(wh, ch, year)
    prod = _production(wh, ch, year)
    countries = sorted((set(trade["exporter"]) | set(trade["importer"]) | set(prod["country"]))
                       - set(AGGREGATES))
    if not countries:
        raise ChokepointsError(f"no trade or production for chain '{ch.id}' in {year}: run `chokepoints ingest` "
                               "or load BACI for the chain's HS codes")
    idx = {c: i for i, c in enumerate(countries)}
    S, N = len(stages), len(countries)
    F = np.zeros((S, N, N))
    unit_value = np.full(S, np.nan)
    resolution = [""] * S
    for s, st in enumerate(stages):
        t = trade[trade["stage"] == st.id]
        t = t[t["exporter"].isin(idx) & t["importer"].isin(idx)]
        if t.empty:
            continue
        np.add.at(F[s], (t["exporter"].map(idx).to_numpy(), t["importer"].map(idx).to_numpy()), t["t"].to_numpy())
        unit_value[s] = _unit_value(t)
        resolution[s] = ";".join(sorted(set(t["resolution"].dropna())))
    P_data = np.full((S, N), np.nan)
    P_kind = np.full((S, N), "", dtype=object)
    for s, st in enumerate(stages):
        p = prod[prod["stage"] == st.id]
        for kind in ("data", "shares"):
            q = p[(p["kind"] == kind) & p["country"].isin(idx) & p["t"].notna()]
            sel = q["country"].map(idx).to_numpy()
            empty = np.isnan(P_data[s, sel])
            P_data[s, sel[empty]] = q["t"].to_numpy()[empty]
            P_kind[s, sel[empty]] = kind
    P_data = _shares_from_inputs(prod, stages, P_data, P_kind, idx)
    balance = reconcile(F, P_data)
    capacity = np.full((S, N), np.nan)
    cap = _capacity(wh, ch, year)
    for s, st in enumerate(stages):
        c = cap[(cap["stage"] == st.id) & cap["country"].isin(idx)]
        capacity[s, c["country"].map(idx).to_numpy()] = c["t"].to_numpy()
    stocks = _stocks(wh, stages, idx)
    prov = pd.DataFrame({
        "stage": [st.id for st in stages],
        "production_t": balance.production.sum(axis=1),
        "from_data_t": np.where(P_kind == "data", balance.production, 0).sum(axis=1),
        "from_shares_t": np.where(P_kind == "shares", balance.production, 0).sum(axis=1),
        "trade_implied_t": balance.trade_implied.sum(axis=1),
        "residual_t": balance.residual.sum(axis=1),
        "trade_t": F.sum(axis=(1, 2)),
        "countries_with_production": (balance.production > 0).sum(axis=1),
        "capacity_from_data": (~np.isnan(capacity) & (balance.production > 0)).sum(axis=1),
        "trade_resolution": resolution,
    })
    denom = prov["production_t"].where(prov["production_t"] > 0)
    prov["assumed_share"] = ((prov["trade_implied_t"] + prov["residual_t"]) / denom).fillna(0.0)
    return Network(chain=ch.id, year=year, countries=countries, stages=[st.id for st in stages],
                   inputs=[[stages.index(next(x for x in stages if x.id == i)) for i in st.inputs] for st in stages],
                   flows=F, production=balance.production, use=balance.use, capacity=capacity, stocks=stocks,
                   unit_value=unit_value, provenance=prov)


def _unit_value(t: pd.DataFrame) -> float:
    both = t[t["q"].notna() & (t["q"] > 0)]
    return float(both["v"].sum() / both["q"].sum()) if len(both) else np.nan


def _stage_flows(wh, ch: Chain, year: int) -> pd.DataFrame:
    """exporter, importer, stage, t (tonnes; value / unit value where the quantity is missing), v, q, resolution."""
    products = {k: v for k, v in chain_products(ch).items() if v}
    if not products:
        return pd.DataFrame(columns=["exporter", "importer", "stage", "t", "v", "q", "resolution"])
    f = flows(wh.ibis().table("trade"), year=year, basis="value", products=products, carry=("quantity_t",))
    df = f.to_pandas().rename(columns={"quantity_t": "q"})
    df["stage"] = df["product"].str.split("/").str[1]
    uv = df[df["q"] > 0].groupby("stage").apply(lambda g: g["v"].sum() / g["q"].sum(), include_groups=False)
    fallback = df["v"] / df["stage"].map(uv)
    df["t"] = df["q"].where(df["q"].notna() & (df["q"] > 0), fallback).fillna(0.0)
    return df[["exporter", "importer", "stage", "t", "v", "q", "resolution"]]


def _production(wh, ch: Chain, year: int) -> pd.DataFrame:
    """stage, country, t, kind ('data' from USGS, 'shares' from stage_shares with a world total)."""
    usgs = wh.sql("SELECT year, country, commodity, stage AS usgs_stage, quantity_t FROM production "
                  "WHERE quantity_t IS NOT NULL")
    rows = []
    first = {}
    for st in sorted(ch.stages, key=lambda s: s.order):
        if st.usgs_commodity:
            first.setdefault(st.usgs_commodity, st.id)
    for st in ch.stages:
        if not st.usgs_commodity:
            continue
        p = usgs[usgs["commodity"] == st.usgs_commodity]
        mine = p["usgs_stage"] == "extraction"
        if first[st.usgs_commodity] == st.id:
            p = p[mine] if mine.any() else p
        else:
            p = p[~mine] if mine.any() else p.iloc[0:0]
        p = _nearest_year(p, year)
        rows.append(pd.DataFrame({"stage": st.id, "country": p["country"], "t": p["quantity_t"], "kind": "data"}))
    shares = wh.sql("SELECT stage, year, country, share, quantity, unit FROM stage_shares")
    for st in ch.stages:
        if not st.output_shares:
            continue
        s = shares[(shares["stage"] == st.output_shares)]
        total = _world_total(s)
        s = _nearest_year(s[s["share"].notna() & ~s["country"].isin(AGGREGATES)], year)
        if total is not None and len(s):
            rows.append(pd.DataFrame({"stage": st.id, "country": s["country"], "t": s["share"] * total,
                                      "kind": "shares"}))
        elif len(s):
            rows.append(pd.DataFrame({"stage": st.id, "country": s["country"], "t": np.nan, "share": s["share"],
                                      "kind": "shares"}))
    if not rows:
        return pd.DataFrame(columns=["stage", "country", "t", "kind", "share"])
    out = pd.concat(rows, ignore_index=True)
    if "share" not in out:
        out["share"] = np.nan
    return out


def _world_total(s: pd.DataFrame) -> float | None:
    """A world total in tonnes: a WLD row's quantity, else quantity / share of one row (units in tonnes only)."""
    t = s[s["quantity"].notna() & s["unit"].fillna("").str.match(r"^t\b")]
    wld = t[t["country"] == "WLD"]
    if len(wld):
        return float(wld.sort_values("year")["quantity"].iloc[-1])
    both = t[t["share"].notna() & (t["share"] > 0)]
    if len(both):
        r = both.sort_values("year").iloc[-1]
        return float(r["quantity"] / r["share"])
    return None


def _shares_from_inputs(prod, stages, P, kind, idx) -> np.ndarray:
    """Shares without a world total: take it from the input stage's world output divided by the stage's factor."""
    pending = prod[(prod["kind"] == "shares") & prod["t"].isna() & prod["country"].isin(idx)]
    for sid, g in pending.groupby("stage"):
        s = [x.id for x in stages].index(sid)
        st = stages[s]
        if len(st.inputs) != 1 or st.unit != "t":
            continue
        i = [x.id for x in stages].index(st.inputs[0])
        world_in = np.nansum(P[i])
        factor = st.factors[st.inputs[0]].per_unit
        if world_in <= 0 or factor <= 0:
            continue
        sel = g["country"].map(idx).to_numpy()
        P[s, sel] = g["share"].to_numpy() * world_in / factor
        kind[s, sel] = "shares"
    return P


def _nearest_year(df: pd.DataFrame, year: int) -> pd.DataFrame:
    """The rows of the latest year at or before YEAR, else of the earliest year after it."""
    if df.empty:
        return df
    years = sorted(df["year"].unique())
    before = [y for y in years if y <= year]
    return df[df["year"] == (before[-1] if before else years[0])]


def _capacity(wh, ch: Chain, year: int) -> pd.DataFrame:
    cap = wh.sql("SELECT year, country, commodity, capacity_t FROM capacity WHERE capacity_t IS NOT NULL")
    rows = []
    seen = set()
    for st in sorted(ch.stages, key=lambda s: s.order):
        if st.usgs_commodity and st.usgs_commodity not in seen:
            seen.add(st.usgs_commodity)
            c = _nearest_year(cap[cap["commodity"] == st.usgs_commodity], year)
            rows.append(pd.DataFrame({"stage": st.id, "country": c["country"], "t": c["capacity_t"]}))
    return pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=["stage", "country", "t"])


def _stocks(wh, stages, idx) -> np.ndarray:
    """Declared stocks (t) per stage and member; NaN where none is declared (the scenario's stock_months apply)."""
    out = np.full((len(stages), len(idx)), np.nan)
    st = wh.sql("SELECT member, material, quantity_t FROM stocks")
    for s, stage in enumerate(stages):
        q = st[st["material"].isin(stage.materials) & st["member"].isin(idx)]
        if len(q):
            q = q.groupby("member")["quantity_t"].sum()
            out[s, q.index.map(idx).to_numpy()] = q.to_numpy()
    return out
