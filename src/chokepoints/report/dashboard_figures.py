"""Figures of the dashboard (chokepoints.service.dashboard), with Plotly: pure functions from the tables the Python API
returns to figures. Every figure names its source and year in a caption under the plot, and countries by name.

    dependency_heatmap(rows, bloc=...)          the alliance's dependency: chain stage x top supplier
    supplier_map(suppliers, ...)                 a world map of supplier shares for one product
    suppliers_over_years(frame, ...)             each top supplier's share, year by year
    mirror_coverage(frame, ...)                  how much of each year's imports rests on partners' declarations
    chain_sankey(provenance, inputs, ...)        a chain from ore to vehicle, cell or chip: what is data, what is
                                                 assumed, the reconciliation residual, proxy trade
    value_of_alliance(voa, ...)                  solo minus joint cost per member
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from chokepoints.errors import ChokepointsError
from chokepoints.reference.countries import country_name

FONT = "Inter, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
GREY = "#5b6472"
# what a stage's output rests on, in the order the Sankey stacks them, with its colour
PARTS = {
    "from_data_t": ("reported production", "rgba(31,119,180,0.75)"),
    "from_shares_t": ("curated country shares", "rgba(44,160,160,0.70)"),
    "derived_t": ("assumed: shares x input stage", "rgba(255,160,40,0.75)"),
    "trade_implied_t": ("assumed: trade-implied", "rgba(255,190,90,0.75)"),
    "residual_t": ("reconciliation residual", "rgba(214,39,40,0.75)"),
}
PROXY = ("proxy trade (broader heading)", "rgba(148,103,189,0.75)")
MISSING = ("no data: passes its input shortfall through", "rgba(170,170,170,0.45)")


def wrap(text: str, width: int = 150) -> str:
    """Long caption text broken into lines (Plotly's <br>) at spaces, at most WIDTH characters each."""
    import textwrap

    return "<br>".join(textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)) or text


def _layout(fig, *, title: str, height: int, source: str, bottom: int = 70, **kw):
    left = kw.pop("left", 60)
    caption = wrap(f"Source: {source}")
    lines = caption.count("<br>")
    fig.update_layout(title={"text": title, "x": 0.01, "xanchor": "left", "font": {"size": 15}},
                      template="plotly_white", height=height + 13 * lines, font={"family": FONT, "size": 12},
                      margin={"l": left, "r": kw.pop("right", 30), "t": kw.pop("top", 60), "b": bottom + 13 * lines},
                      **kw)
    fig.add_annotation(text=caption, xref="paper", yref="paper", x=0, y=0, xshift=-left + 8,
                       yshift=-(bottom + 13 * lines) + 8, showarrow=False, xanchor="left", yanchor="bottom",
                       align="left", font={"size": 10, "color": GREY})
    return fig


def wrap_sources(fig: dict, width: int = 150) -> dict:
    """A figure (as a dict) whose 'Source: ...' annotations are broken into lines, with room made for them: for the
    library's own figures (report.figures, result.plot()) shown in the dashboard's narrower cards."""
    layout = fig.setdefault("layout", {})
    extra = 0
    for a in layout.get("annotations", []) or []:
        text = str(a.get("text", ""))
        if text.startswith("Source:") and "<br>" not in text and len(text) > width:
            a["text"] = wrap(text, width)
            a["align"] = "left"
            extra = max(extra, 13 * a["text"].count("<br>"))
    if extra:
        margin = layout.setdefault("margin", {})
        margin["b"] = margin.get("b", 80) + extra
        if layout.get("height"):
            layout["height"] = layout["height"] + extra
    return fig


def dependency_heatmap(rows: pd.DataFrame, *, bloc: str, top: int = 10):
    """Heat map of a bloc's dependency: one row per chain stage with trade data, one column per supplier among the
    largest, each cell the supplier's share of the bloc's extra-bloc imports of that stage's product.

    `rows`: chain, stage, label (row label), supplier (ISO3), share (0-1), year, source."""
    import plotly.graph_objects as go

    if rows.empty:
        raise ChokepointsError("nothing to plot: no chain stage has trade data in the warehouse")
    order = rows.groupby("supplier")["share"].max().sort_values(ascending=False).index[:top].tolist()
    keys = list(dict.fromkeys(rows["label"]))
    z = np.full((len(keys), len(order) + 1), np.nan)
    for i, k in enumerate(keys):
        r = rows[rows["label"] == k].set_index("supplier")["share"]
        for j, s in enumerate(order):
            if s in r.index:
                z[i, j] = r[s]
        z[i, -1] = max(0.0, 1.0 - r.reindex(order).fillna(0).sum())
    meta = rows.drop_duplicates("label").set_index("label")
    years = [int(meta.loc[k, "year"]) for k in keys]
    sources = [str(meta.loc[k, "source"]) for k in keys]
    cols = [country_name(s) for s in order] + ["all others"]
    text = [[("" if np.isnan(v) or v < 0.005 else f"{v:.0%}") for v in row] for row in z]
    custom = [[[years[i], sources[i]] for _ in cols] for i in range(len(keys))]
    fig = go.Figure(go.Heatmap(
        z=z * 100, x=cols, y=keys, text=text, texttemplate="%{text}", customdata=custom, zmin=0, zmax=100,
        colorscale=[[0, "#fff7ec"], [0.15, "#fee8c8"], [0.3, "#fdd49e"], [0.45, "#fdbb84"], [0.6, "#fc8d59"],
                    [0.75, "#e34a33"], [1, "#7f0000"]],
        colorbar={"title": {"text": "share of<br>imports (%)"}, "thickness": 12}, xgap=2, ygap=2,
        hovertemplate="%{y}<br>%{x}: %{z:.1f} % of extra-bloc imports<br>%{customdata[0]}, "
                      "%{customdata[1]}<extra></extra>"))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(side="top", tickangle=-30)
    span = ", ".join(f"{s} {y}" for s, y in sorted(set(zip(sources, years, strict=True))))
    return _layout(fig, title=f"Where {bloc} depends on one supplier: share of each chain stage's imports from "
                              "outside the bloc", height=170 + 38 * len(keys), source=f"{span} (value, USD); "
                   "each row names its year", top=120, left=250, bottom=60)


def supplier_map(suppliers: pd.DataFrame, *, product: str, bloc: str, source: str):
    """World map: each outside supplier's share of the bloc's imports of one product (ISO-3 choropleth; the map
    geometry is the Natural Earth file the dashboard bundles)."""
    import plotly.graph_objects as go

    if suppliers.empty:
        raise ChokepointsError(f"nothing to plot: {bloc} has no imports of {product} in the data")
    first = suppliers.iloc[0]
    names = [country_name(s) for s in suppliers["supplier"]]
    fig = go.Figure(go.Choropleth(
        locations=suppliers["supplier"], z=suppliers["share"] * 100, text=names, locationmode="ISO-3",
        colorscale="Oranges", zmin=0, marker={"line": {"color": "#ffffff", "width": 0.4}},
        colorbar={"title": {"text": "share (%)"}, "thickness": 12},
        hovertemplate="%{text}: %{z:.1f} % of extra-bloc imports<extra></extra>"))
    fig.update_geos(projection_type="natural earth", showframe=False, showcoastlines=False, showcountries=True,
                    countrycolor="#d0d4da", showland=True, landcolor="#f2f3f5", lataxis_range=[-58, 85])
    return _layout(fig, title=f"Suppliers of {product} to {bloc}, {int(first['year'])} (share of extra-bloc "
                              f"imports, {first['basis']})", height=460, source=source, top=50, left=10, right=10)


def suppliers_over_years(frame: pd.DataFrame, *, product: str, bloc: str, source: str, top: int = 6):
    """Each of the largest suppliers' share of the bloc's extra-bloc imports, year by year (grouped bars).
    `frame`: year, supplier, share."""
    import plotly.graph_objects as go

    if frame.empty:
        raise ChokepointsError(f"nothing to plot: no year of the data holds imports of {product} by {bloc}")
    leaders = frame.groupby("supplier")["share"].max().sort_values(ascending=False).index[:top].tolist()
    years = sorted(frame["year"].unique())
    fig = go.Figure()
    palette = ["#1f4e79", "#e6550d", "#2ca02c", "#9467bd", "#8c564b", "#17becf", "#bcbd22"]
    for i, s in enumerate(leaders):
        sub = frame[frame["supplier"] == s].set_index("year")["share"].reindex(years)
        fig.add_trace(go.Bar(x=[str(y) for y in years], y=sub * 100, name=country_name(s),
                             marker_color=palette[i % len(palette)],
                             hovertemplate=f"{country_name(s)} %{{x}}: %{{y:.1f}} %<extra></extra>"))
    fig.update_layout(barmode="group", yaxis_title="share of extra-bloc imports (%)", xaxis_title=None,
                      legend={"orientation": "h", "y": -0.12})
    return _layout(fig, title=f"Suppliers of {product} to {bloc} over the years", height=420, source=source,
                   bottom=110)


def mirror_coverage(frame: pd.DataFrame, *, product: str, bloc: str, source: str):
    """Per year, the share of the bloc's extra-bloc imports that rests on the partners' (mirror) declarations rather
    than the members' own. `frame`: year, mirror_share (0-1), source."""
    import plotly.graph_objects as go

    if frame.empty:
        raise ChokepointsError(f"nothing to plot: no year of the data holds imports of {product} by {bloc}")
    f = frame.sort_values("year")
    fig = go.Figure()
    fig.add_trace(go.Bar(x=f["year"].astype(str), y=(1 - f["mirror_share"].fillna(0)) * 100,
                         name="members' own declarations", marker_color="#1f77b4",
                         customdata=f["source"], hovertemplate="%{x}: %{y:.1f} % (%{customdata})<extra></extra>"))
    fig.add_trace(go.Bar(x=f["year"].astype(str), y=f["mirror_share"].fillna(0) * 100,
                         name="partners' (mirror) declarations", marker_color="#ff7f0e",
                         customdata=f["source"], hovertemplate="%{x}: %{y:.1f} % (%{customdata})<extra></extra>"))
    fig.update_layout(barmode="stack", yaxis_title="share of extra-bloc imports (%)", yaxis_range=[0, 100],
                      legend={"orientation": "h", "y": -0.15})
    return _layout(fig, title=f"Mirror coverage of {product} imports to {bloc}", height=380, source=source,
                   bottom=110)


def chain_sankey(provenance: pd.DataFrame, inputs: list[list[int]], *, chain: str, year: int, source: str):
    """A chain from its first stage to its final product as a Sankey diagram. Each stage's band is its output
    (normalised to 100, since stages count tonnes or pieces), split into what it rests on: reported production,
    curated country shares, assumed production (shares x the input stage, or trade-implied), the reconciliation
    residual (production added where reported output fell short of net exports), and proxy trade; a stage with no
    data is grey and passes its input shortfall through. Hover gives the real quantities.

    `provenance`: chokepoints.network Network.provenance (one row per stage, chain order); `inputs`: each stage's
    input stages (Network.inputs)."""
    import plotly.graph_objects as go

    prov = provenance.reset_index(drop=True)
    S = len(prov)
    consumers = [[c for c in range(S) if s in inputs[c]] for s in range(S)]
    def short(v: float, unit: str) -> str:
        unit = "vehicles" if unit == "piece" else unit
        if v <= 0:
            return "no data"
        for d, suffix in ((1e6, "M"), (1e3, "k")):
            if v >= d:
                return f"{v / d:,.1f} {suffix}{unit if unit == 't' else ' ' + unit}"
        return f"{v:,.0f} {unit}"

    labels = [f"{r.stage.replace('_', ' ')} · {short(float(r.production_t), r.unit)}" for r in prov.itertuples()]
    labels.append("end use")
    end = S
    src, tgt, val, col, lab, hover = [], [], [], [], [], []

    def parts(r) -> list[tuple[str, str, float]]:
        total = float(r.production_t)
        unit = "vehicles" if r.unit == "piece" else r.unit
        if total <= 0 and float(r.trade_t) <= 0:
            return [(MISSING[0], MISSING[1], 1.0, "no production or trade data")]
        if str(r.status).startswith("PROXY"):
            return [(PROXY[0], PROXY[1], 1.0, f"{total:,.0f} {unit}/yr, trade through a broader heading")]
        out = []
        for key, (name, colour) in PARTS.items():
            v = float(getattr(r, key))
            if v > 0 and total > 0:
                out.append((name, colour, v / total, f"{v:,.0f} {unit}/yr ({v / total:.0%} of output)"))
        return out or [(MISSING[0], MISSING[1], 1.0, "no production data")]

    for s, r in enumerate(prov.itertuples()):
        targets = consumers[s] or [end]
        for c in targets:
            weight = 100.0 / (len(inputs[c]) if c != end else 1)
            for name, colour, share, text in parts(r):
                src.append(s)
                tgt.append(c)
                val.append(weight * share)
                col.append(colour)
                lab.append(name)
                hover.append(f"{r.stage} → {labels[c].split(' · ')[0]}<br>{name}: {text}")
    node_hover = []
    for r in prov.itertuples():
        unit = "vehicles" if r.unit == "piece" else r.unit
        year_txt = f"trade {int(r.trade_year)}" if pd.notna(r.trade_year) else "no trade year"
        node_hover.append(f"<b>{r.stage}</b><br>output {float(r.production_t):,.0f} {unit}/yr<br>{year_txt}<br>"
                          f"{r.status}<br>production: {r.production_source or 'none'}")
    node_hover.append("the chain's final product")
    node_colour = ["#34495e" if float(r.production_t) > 0 else "#a0a7b1" for r in prov.itertuples()] + ["#34495e"]
    fig = go.Figure(go.Sankey(
        arrangement="snap",
        node={"label": labels, "pad": 18, "thickness": 16, "color": node_colour, "customdata": node_hover,
              "hovertemplate": "%{customdata}<extra></extra>", "line": {"width": 0}},
        link={"source": src, "target": tgt, "value": val, "color": col, "label": lab, "customdata": hover,
              "hovertemplate": "%{customdata}<extra></extra>"}))
    # a legend of the colours (Sankey traces have none)
    used = dict.fromkeys(lab)
    legend = "  ".join(f"<span style='color:{c}'>■</span> {n}" for n, c in
                       [*PARTS.values(), PROXY, MISSING] if n in used)
    fig.add_annotation(text=legend, xref="paper", yref="paper", x=0, y=1.0, yshift=18, showarrow=False,
                       xanchor="left", yanchor="bottom", font={"size": 11})
    return _layout(fig, title=f"{chain}, {year}: what each stage's output rests on (band width: share of the "
                              "stage's output)", height=520, source=source, top=90, left=20, right=20, bottom=60)


def value_of_alliance(voa: pd.DataFrame, *, title: str, source: str):
    """Bars per member and in total: solo cost minus joint cost (positive: acting together is cheaper).
    `voa`: member, cost (USD)."""
    import plotly.graph_objects as go

    if voa.empty:
        raise ChokepointsError("nothing to plot: the value of the alliance needs both the joint and the solo mode")
    f = voa.copy()
    f["label"] = [("alliance total" if m == "total" else country_name(m)) for m in f["member"]]
    colours = ["#2ca02c" if v >= 0 else "#d62728" for v in f["cost"]]
    fig = go.Figure(go.Bar(x=f["label"], y=f["cost"] / 1e6, marker_color=colours,
                           text=[f"{v / 1e6:+,.1f} M" for v in f["cost"]], textposition="outside",
                           hovertemplate="%{x}: %{y:,.2f} million USD<extra></extra>"))
    fig.update_layout(yaxis_title="solo cost − joint cost (million USD)", xaxis_title=None)
    return _layout(fig, title=title, height=360, source=source, bottom=80)


__all__ = ["chain_sankey", "country_name", "dependency_heatmap", "mirror_coverage", "supplier_map",
           "suppliers_over_years", "value_of_alliance"]
