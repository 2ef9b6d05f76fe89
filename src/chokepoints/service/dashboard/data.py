"""What the dashboard's pages show, from the Python API only (`wh.dependency`, `wh.suppliers`, `wh.network`,
`wh.status`, `wh.table`): each function takes a Warehouse and returns plain tables, so the service can cache them
per warehouse view (a member's copy or the shared snapshot) like the REST routes do."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from chokepoints.report.dashboard_figures import country_name

SHORT = {"rare-earth-magnets": "Rare-earth magnets", "li-ion-batteries": "Li-ion batteries",
         "semiconductor-materials": "Semiconductors"}


def source_names(wh) -> dict[str, str]:
    """data set -> its source, short (the SOURCE.md heading up to its first colon)."""
    st = wh.status()
    return {r.dataset: (str(r.source).split(":")[0].strip() or r.dataset)[:90] for r in st.itertuples()}


def cite(datasets: str | None, names: dict[str, str]) -> str:
    """'CEPII BACI (HS 2017, release V202601)' for 'baci_hs17_critical' (several: joined with '; ')."""
    parts = [d for d in str(datasets or "").split(";") if d and d != "nan"]
    return "; ".join(dict.fromkeys(names.get(d, d) for d in parts)) or "no data"


def chain_titles() -> dict[str, str]:
    from chokepoints.reference.chains import chain, chain_names

    return {c: chain(c).name for c in chain_names()}


def stage_products() -> dict[str, list[str]]:
    """'chain/stage' -> HS codes, every chain."""
    from chokepoints.metrics.dependency import chain_products
    from chokepoints.reference.chains import chain, chain_names

    out: dict[str, list[str]] = {}
    for c in chain_names():
        out.update(chain_products(chain(c)))
    return out


def overview(wh, bloc: str) -> dict:
    """The overview's tables: `heat` (chain, stage, label, supplier, share, year, source) for every chain stage with
    trade data; `screen` (the dependency table, one row per stage); `missing` (stages without trade data)."""
    from chokepoints.reference.chains import chain_names

    names = source_names(wh)
    titles = chain_titles()
    products = stage_products()
    dep = wh.dependency(bloc, chain=chain_names())
    heat, missing = [], []
    for r in dep.itertuples():
        chain_id, stage = r.product.split("/", 1)
        if not (pd.notna(r.m_ext) and r.m_ext > 0 and pd.notna(r.year)):
            missing.append({"chain": chain_id, "stage": stage, "why": str(r.resolution)})
            continue
        s = wh.suppliers(bloc, products[r.product], year=int(r.year), label=r.product)
        label = f"{SHORT.get(chain_id, titles[chain_id])} · {stage.replace('_', ' ')} ({int(r.year)})"
        for x in s.itertuples():
            heat.append({"chain": chain_id, "stage": stage, "label": label, "supplier": x.supplier,
                         "share": float(x.share), "year": int(r.year), "source": cite(r.sources, names)})
    screen = dep.assign(chain=dep["product"].str.split("/").str[0], stage=dep["product"].str.split("/").str[1])
    screen["top1_name"] = [country_name(c) if isinstance(c, str) else "" for c in screen["top1"]]
    screen["source"] = [cite(s, names) if isinstance(s, str) else "" for s in screen["sources"]]
    return {"heat": pd.DataFrame(heat), "screen": screen, "missing": pd.DataFrame(missing)}


@dataclass
class Drill:
    """A product's drill-down: suppliers per year, mirror coverage per year, the dependency rows."""

    product: str
    codes: list[str]
    years: pd.DataFrame      # year, supplier, share, v
    coverage: pd.DataFrame   # year, mirror_share, reporters, source
    screen: pd.DataFrame     # the dependency row of each year with data
    latest: pd.DataFrame     # suppliers in the latest year (wh.suppliers)
    source: str


def drill(wh, bloc: str, product: str) -> Drill:
    """Suppliers of one chain stage's product (e.g. 'rare-earth-magnets/magnet') to BLOC in every year the
    warehouse holds trade for, and how much of each year rests on mirror declarations."""
    from chokepoints.errors import ChokepointsError, UnknownNameError

    products = stage_products()
    if product not in products:
        raise UnknownNameError(f"unknown product '{product}'; known: {', '.join(products)}")
    codes = products[product]
    names = source_names(wh)
    years = wh.trade_years()
    rows, cov, screens, latest = [], [], [], pd.DataFrame()
    for y in years:
        if not codes:
            break
        try:
            d = wh.dependency(bloc, products={product: codes}, year=y)
        except ChokepointsError:  # no trade of these codes that year
            continue
        if d.empty or not (d["m_ext"].fillna(0) > 0).any():
            continue
        r = d.iloc[0]
        screens.append(d)
        cov.append({"year": y, "mirror_share": r["m_ext_mirror_share"], "reporters": r["m_ext_reporters"],
                    "source": cite(r["sources"], names)})
        s = wh.suppliers(bloc, codes, year=y, label=product)
        latest = s
        rows += [{"year": y, "supplier": x.supplier, "share": float(x.share), "v": float(x.v)} for x in s.itertuples()]
    screen = pd.concat(screens, ignore_index=True) if screens else pd.DataFrame()
    coverage = pd.DataFrame(cov, columns=["year", "mirror_share", "reporters", "source"])
    by_source: dict[str, list[str]] = {}
    for c in cov:
        by_source.setdefault(c["source"], []).append(str(c["year"]))
    source = "; ".join(f"{k} {', '.join(v)}" for k, v in by_source.items()) or "no data"
    return Drill(product, codes, pd.DataFrame(rows, columns=["year", "supplier", "share", "v"]), coverage, screen,
                 latest, source)


def network(wh, chain: str, *, allow_proxy: bool = False) -> dict:
    """A chain's network summary for the Sankey page: provenance (one row per stage), inputs, year, the source."""
    net = wh.network(chain, allow_proxy=allow_proxy)
    names = source_names(wh)
    trade = sorted({int(y) for y in net.provenance["trade_year"].dropna()})
    used = wh.sql("SELECT DISTINCT dataset FROM trade WHERE year IN (SELECT unnest(?))", [trade or [0]])
    prod = sorted({p for s in net.provenance["production_source"] for p in str(s).split(";") if p})
    prov = net.provenance.copy()
    prov["production_source"] = prov["production_source"].str.replace(";", "; ")
    source = (f"trade: {cite(';'.join(used['dataset']), names)} ({', '.join(map(str, trade)) or 'none'}); "
              f"production: {'; '.join(prod) or 'none'}")
    return {"provenance": prov, "inputs": net.inputs, "year": net.year, "source": source,
            "countries": len(net.countries)}
