"""Build a chain's network from the warehouse: per stage and country production, capacity, stocks, and the
bilateral flows, all in the stage's unit (tonnes of its traded product, or pieces) per year.

Where each number comes from (in order of preference, each labelled in `Network.provenance`):
  flows       trade quantity (t); value / the stage's unit value where the quantity is missing. Each stage rests on
              its own latest trade year and one source per HS code (chokepoints.trade); a stage seen only through a
              broader heading gets no flows unless proxies are allowed (then it is labelled PROXY)
  production  `data`: IEA production by country where the stage names an IEA mineral (magnet rare earths refined),
              else USGS production of the stage's commodity (mine production for the chain's first stage of that
              commodity, refinery/processing output for a later one), or a curated country quantity in the stage's
              unit (OICA vehicles); `shares`: the curated country shares of world
              output (`stage_shares`) times a world total (a WLD row, quantity / share of one row, or the input
              stage's world output / its factor); `trade`: max(0, exports - imports) for countries with neither.
              Only `data` and `shares` producers are sourced producers (`Network.producer`): spare capacity exists
              only there
  balance     use = production + imports - exports; where that is negative the country must have made at least
              its net exports: the missing production is the reconciliation `residual`, reported per stage
  capacity    USGS capacity where reported; else production / utilisation (a scenario's response parameter)
  stocks      the `stocks` table (members' declarations, each at one stage; a bloc's split over its countries by
              use); else the defaults of reference/stocks.csv (scenario)
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
from chokepoints.reference.countries import AGGREGATE_CODES
from chokepoints.reference.years import nearest_year
from chokepoints.trade import (
    coverage,
    flows,
    has_declarations,
    is_proxy,
    latest_year,
    product_years,
    resolution_label,
)


def build_network(wh, chain: str | Chain, *, year: int | None = None, allow_proxy: bool = False) -> Network:
    """The network of CHAIN from what the warehouse holds: each stage in its own latest trade year (or YEAR)."""
    ch = get_chain(chain) if isinstance(chain, str) else chain
    stages = sorted(ch.stages, key=lambda s: s.order)
    trade, years, status = _stage_flows(wh, ch, year, allow_proxy)
    if year is not None and trade.empty:
        raise ChokepointsError(f"no trade in {year} for chain '{ch.id}': {_trade_years(wh, ch)}")
    known = [y for y in years.values() if y is not None]
    year = year if year is not None else (max(known) if known else latest_year(wh))
    prod = _production(wh, ch, year)
    countries = sorted((set(trade["exporter"]) | set(trade["importer"]) | set(prod["country"]))
                       - AGGREGATE_CODES)
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
    producer = np.isin(P_kind, ("data", "shares")) & (np.nan_to_num(P_data) > 0)
    balance = reconcile(F, P_data)
    capacity = np.full((S, N), np.nan)
    cap = _capacity(wh, ch, year)
    for s, st in enumerate(stages):
        c = cap[(cap["stage"] == st.id) & cap["country"].isin(idx)]
        capacity[s, c["country"].map(idx).to_numpy()] = c["t"].to_numpy()
    stocks = _stocks(wh, ch.id, stages, idx, balance.use)
    prov = pd.DataFrame({
        "stage": [st.id for st in stages],
        "production_t": balance.production.sum(axis=1),
        "from_data_t": np.where(P_kind == "data", np.nan_to_num(P_data), 0).sum(axis=1),
        "from_shares_t": np.where(P_kind == "shares", np.nan_to_num(P_data), 0).sum(axis=1),
        "derived_t": np.where(P_kind == "derived", np.nan_to_num(P_data), 0).sum(axis=1),
        "trade_implied_t": balance.trade_implied.sum(axis=1),
        "residual_t": balance.residual.sum(axis=1),
        "trade_t": F.sum(axis=(1, 2)),
        "countries_with_production": (balance.production > 0).sum(axis=1),
        "capacity_from_data": (~np.isnan(capacity) & (balance.production > 0)).sum(axis=1),
        "trade_resolution": resolution,
        "trade_year": [years.get(st.id) for st in stages],
        "trade_status": [status.get(st.id, "") for st in stages],
        "production_source": [_production_source(prod, st.id) for st in stages],
        "unit": [st.unit for st in stages],
    })
    denom = prov["production_t"].where(prov["production_t"] > 0)
    prov["assumed_share"] = ((prov["trade_implied_t"] + prov["residual_t"] + prov["derived_t"]) / denom).fillna(0.0)
    prov["status"] = [_stage_status(r) for r in prov.itertuples()]
    return Network(chain=ch.id, year=year, countries=countries, stages=[st.id for st in stages],
                   inputs=[[stages.index(next(x for x in stages if x.id == i)) for i in st.inputs] for st in stages],
                   flows=F, production=balance.production, use=balance.use, capacity=capacity, stocks=stocks,
                   unit_value=unit_value, provenance=prov, producer=producer)


# Trade in a stage's codes above this multiple of the world output the sources give cannot be the material: a mixed
# HS6 code (811292 holds gallium, germanium, indium, niobium, vanadium, hafnium...) or a unit mismatch. Re-exports
# through hubs let trade exceed output somewhat (850511 magnets: 1.1x), never several times over.
TRADE_OVER_OUTPUT = 2.0


def _stage_status(r) -> str:
    """What a stage's figures are: 'data', 'partly assumed', or why it is missing (a pass-through stage)."""
    sourced = r.from_data_t + r.from_shares_t
    if sourced > 0 and r.trade_t > TRADE_OVER_OUTPUT * sourced:
        return (f"DATA FAULT: trade {r.trade_t:,.0f} t is {r.trade_t / sourced:.0f}x the world output the sources "
                f"give ({sourced:,.0f} t): the HS code holds more than the material")
    if r.production_t <= 0 and r.trade_t <= 0:
        why = r.trade_status if r.trade_status.startswith("proxy refused") else "no production or trade data"
        return f"missing ({why}): passes its input shortfall through"
    if is_proxy(r.trade_resolution):
        return "PROXY trade"
    if r.assumed_share > 0.5:
        return ("mostly assumed (production = curated shares x the input stage's world output)" if r.derived_t >
                r.trade_implied_t + r.residual_t else "mostly assumed (trade-implied production)")
    return "data"


def _production_source(prod: pd.DataFrame, stage: str) -> str:
    p = prod[prod["stage"] == stage]
    return ";".join(sorted(set(p["source"].dropna()))) if "source" in p else ""


def _unit_value(t: pd.DataFrame) -> float:
    both = t[t["q"].notna() & (t["q"] > 0)]
    return float(both["v"].sum() / both["q"].sum()) if len(both) else np.nan


def _stage_flows(wh, ch: Chain, year: int | None, allow_proxy: bool) -> tuple[pd.DataFrame, dict, dict]:
    """exporter, importer, stage, t (tonnes; value / unit value where the quantity is missing), v, q, resolution;
    and per stage the trade year and the status of its trade (resolution or why there is none)."""
    products = chain_products(ch)
    avail = product_years(wh, products, allow_proxy=allow_proxy).set_index("product")
    if year is not None:
        avail.loc[avail["year"].notna(), "year"] = year
    years = {k.split("/")[1]: (None if pd.isna(y) else int(y)) for k, y in avail["year"].items()}
    status = {}
    for k, r in avail.iterrows():
        sid = k.split("/")[1]
        status[sid] = r["resolution"] if pd.notna(r["year"]) else (
            f"proxy refused: {r['proxy'].removeprefix('PROXY: ')} ({int(r['proxy_year'])})" if r["proxy"]
            else r["resolution"])
    frames = []
    for y, group in avail[avail["year"].notna()].groupby("year"):
        want = {p: products[p] for p in group.index if products[p]}
        if not want:
            continue
        f = flows(wh.ibis_table("trade"), year=int(y), basis="value", products=want, carry=("quantity_t",),
                  allow_proxy=allow_proxy, declarations=has_declarations(wh, int(y)))
        frames.append(f.to_pandas())
    cols = ["exporter", "importer", "stage", "t", "v", "q", "resolution"]
    if not frames:
        return pd.DataFrame(columns=cols), years, status
    df = pd.concat(frames, ignore_index=True).rename(columns={"quantity_t": "q"})
    df["stage"] = df["product"].str.split("/").str[1]
    for st in ch.stages:  # a code that holds other goods too: scaled to the material, or a proxy
        if not st.hs_mixed:
            continue
        rows = df["stage"] == st.id
        if st.hs_material_share is not None:
            share = st.hs_material_share.value
            df.loc[rows, ["v", "q"]] = df.loc[rows, ["v", "q"]] * share
            status[st.id] = f"{status.get(st.id, '')}; scaled to the material: x{share:g} ({st.hs_material_share.kind})"
        elif allow_proxy:
            df.loc[rows, "resolution"] = f"PROXY: mixed code {'+'.join(st.hs2017)}"
            status[st.id] = f"PROXY: {'+'.join(st.hs2017)} holds other goods too"
        else:
            df = df[~rows]
            status[st.id] = f"proxy refused: {'+'.join(st.hs2017)} holds other goods too (see the chain's hs_note)"
            years[st.id] = None
    if df.empty:  # the year holds none of the chain's codes
        return pd.DataFrame(columns=cols), years, status
    uv = df[df["q"] > 0].groupby("stage").apply(lambda g: g["v"].sum() / g["q"].sum(), include_groups=False)
    fallback = df["v"] / df["stage"].map(uv)
    df["t"] = df["q"].where(df["q"].notna() & (df["q"] > 0), fallback).fillna(0.0)
    return df[cols], years, status


def _production(wh, ch: Chain, year: int) -> pd.DataFrame:
    """stage, country, t, kind ('data' from IEA, USGS or a curated quantity in the stage's unit; 'shares' from
    stage_shares with a world total), share, source."""
    p = wh.ibis_table("production")
    prod_table = p.filter(p.quantity_t.notnull()).select("year", "country", "commodity", "quantity_t",
                                                         src_stage=p.stage).execute()
    rows = []
    first = {}
    for st in sorted(ch.stages, key=lambda s: s.order):
        if st.usgs_commodity:
            first.setdefault(st.usgs_commodity, st.id)
    for st in ch.stages:
        if st.iea_mineral:
            p = prod_table[(prod_table["commodity"] == f"IEA {st.iea_mineral}")
                           & (prod_table["src_stage"] == st.iea_stage)]
            p = nearest_year(p[~p["country"].isin(AGGREGATE_CODES)], year)
            if len(p):
                rows.append(pd.DataFrame({"stage": st.id, "country": p["country"], "t": p["quantity_t"],
                                          "kind": "data", "source": f"IEA {st.iea_mineral} {st.iea_stage} "
                                          f"{int(p['year'].iloc[0])}"}))
                continue
        if not st.usgs_commodity:
            continue
        p = prod_table[prod_table["commodity"] == st.usgs_commodity]  # IEA rows are named "IEA ...": never equal
        mine = p["src_stage"] == "extraction"
        if first[st.usgs_commodity] == st.id:
            p = p[mine] if mine.any() else p
        else:
            p = p[~mine] if mine.any() else p.iloc[0:0]
        p = nearest_year(p, year)
        if len(p):
            rows.append(pd.DataFrame({"stage": st.id, "country": p["country"], "t": p["quantity_t"], "kind": "data",
                                      "source": f"USGS {st.usgs_commodity} {int(p['year'].iloc[0])}"}))
    shares = wh.ibis_table("stage_shares").select("stage", "year", "country", "share", "quantity", "unit").execute()
    for st in ch.stages:
        if not st.output_shares:
            continue
        s = shares[(shares["stage"] == st.output_shares)]
        # quantities a curated source states in the stage's own unit (OICA vehicles per country) are data
        own = nearest_year(s[s["quantity"].notna() & ~s["country"].isin(AGGREGATE_CODES)
                              & s["unit"].fillna("").map(lambda u, st=st: _same_unit(u, st.unit))], year)
        if len(own):
            rows.append(pd.DataFrame({"stage": st.id, "country": own["country"], "t": own["quantity"],
                                      "kind": "data", "source": f"curated {st.output_shares} "
                                      f"{int(own['year'].iloc[0])}"}))
        total = _world_total(s, st.unit)
        s = nearest_year(s[s["share"].notna() & ~s["country"].isin(AGGREGATE_CODES)], year)
        s = s[~s["country"].isin(set(own["country"]))]
        if total is not None and len(s):
            rows.append(pd.DataFrame({"stage": st.id, "country": s["country"], "t": s["share"] * total,
                                      "kind": "shares", "source": f"curated {st.output_shares} shares "
                                      f"{int(s['year'].iloc[0])}"}))
        elif len(s):
            rows.append(pd.DataFrame({"stage": st.id, "country": s["country"], "t": np.nan, "share": s["share"],
                                      "kind": "shares", "source": f"curated {st.output_shares} shares "
                                      f"{int(s['year'].iloc[0])} x input stage"}))
    if not rows:
        return pd.DataFrame(columns=["stage", "country", "t", "kind", "share", "source"])
    out = pd.concat(rows, ignore_index=True)
    if "share" not in out:
        out["share"] = np.nan
    return out


def _same_unit(unit: str, stage_unit: str) -> bool:
    """A curated unit in the stage's unit: tonnes for a 't' stage, pieces (vehicles, motors) for a 'piece' stage."""
    u = unit.strip().lower()
    return u.startswith(("vehicles", "pieces", "units")) if stage_unit == "piece" else bool(u) and u.split()[0] == "t"


def _world_total(s: pd.DataFrame, unit: str = "t") -> float | None:
    """A world total in the stage's unit: a WLD row's quantity, else quantity / share of one row."""
    t = s[s["quantity"].notna() & s["unit"].fillna("").map(lambda u: _same_unit(u, unit))]
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
        keep = np.isnan(P[s, sel])  # data (IEA, USGS) for a country wins over a share of a derived total
        sel, share = sel[keep], g["share"].to_numpy()[keep]
        P[s, sel] = share * world_in / factor
        kind[s, sel] = "derived"  # a share of a total that assumes all of the input stage flows into this one
    return P


def _trade_years(wh, ch: Chain) -> str:
    """'years with data: 2017-2019, 2023' for the chain's HS codes (what a fixed year could be instead)."""
    codes = sorted({c for cs in chain_products(ch).values() for c in cs})
    cov = coverage(wh)
    held = sorted({int(y) for y, hs in zip(cov["year"], cov["hs6"], strict=True) if resolution_label(hs, codes)})
    if not held:
        return "no trade in the chain's HS codes is loaded: run `chokepoints ingest`"
    spans: list[list[int]] = []
    for y in held:
        if spans and y == spans[-1][1] + 1:
            spans[-1][1] = y
        else:
            spans.append([y, y])
    text = ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in spans)
    return f"years with data: {text} (give one of them, or no year for each stage's latest)"


def _capacity(wh, ch: Chain, year: int) -> pd.DataFrame:
    c = wh.ibis_table("capacity")
    cap = c.filter(c.capacity_t.notnull()).select("year", "country", "commodity", "capacity_t").execute()
    rows = []
    seen = set()
    for st in sorted(ch.stages, key=lambda s: s.order):
        if st.usgs_commodity and st.usgs_commodity not in seen:
            seen.add(st.usgs_commodity)
            c = nearest_year(cap[cap["commodity"] == st.usgs_commodity], year)
            rows.append(pd.DataFrame({"stage": st.id, "country": c["country"], "t": c["capacity_t"]}))
    return pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=["stage", "country", "t"])


def _stocks(wh, chain_id: str, stages, idx, use: np.ndarray) -> np.ndarray:
    """Declared stocks (t) per stage and country; NaN where none is declared (the defaults of reference/stocks.csv
    apply there).

    Each row of the `stocks` table counts at exactly one stage of its chain: its `stage` (a row without one, from a
    warehouse made before the column existed, at the stage its material maps to: the earliest stage listing it,
    ingest/member_data.py). A country's row counts for that country. A bloc's row (EU27) is split over the bloc's
    countries in the network in proportion to their use at that stage (production + imports - exports), so a country
    without use gets no share (and keeps NaN); where none of them uses any, evenly over them. A member with no
    country in the network is left out: nothing it holds can be short there. Rows for the same country and stage add
    up (a country's own stock and its share of its bloc's, or declarations from two data sets). Confidential rows
    count like the others: the network is not filtered by viewer (the service is).
    """
    from chokepoints.ingest.member_data import stage_for_material
    from chokepoints.reference.blocs import bloc

    out = np.full((len(stages), len(idx)), np.nan)
    table = wh.ibis_table("stocks")
    rows = table.filter(table.quantity_t.notnull()).execute()
    for col in ("chain", "stage", "material"):  # a warehouse made before these columns existed, opened read-only
        if col not in rows:
            rows[col] = None
    pos = {st.id: s for s, st in enumerate(stages)}
    for r in rows.itertuples(index=False):
        if pd.notna(r.chain) and r.chain != chain_id:
            continue
        stage = r.stage if pd.notna(r.stage) else None
        if stage is None and pd.notna(r.material):
            try:
                stage = stage_for_material(stages, r.material).id
            except LookupError:
                continue
        s = pos.get(stage)
        if s is None:
            continue
        if r.member in idx:
            holders, weights = np.array([idx[r.member]]), np.ones(1)
        else:
            holders = np.array(sorted(idx[c] for c in bloc(r.member).members if c in idx), dtype=int)
            if not len(holders):
                continue
            u = np.nan_to_num(use[s, holders]).clip(min=0)
            if u.sum() > 0:  # a country without use gets no share (it keeps NaN: the defaults apply to it)
                holders, weights = holders[u > 0], u[u > 0] / u.sum()
            else:
                weights = np.full(len(holders), 1 / len(holders))
        out[s, holders] = np.nan_to_num(out[s, holders]) + float(r.quantity_t) * weights
    return out
