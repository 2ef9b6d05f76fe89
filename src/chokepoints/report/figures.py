"""Figures for people, with Plotly (the dashboard reuses the same figures). Every figure names its source and year."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from chokepoints.errors import ChokepointsError


def country_label(iso3: str) -> str:
    """'China (CHN)': a reader sees the name, an analyst the code."""
    from chokepoints.reference.countries import country_name

    name = country_name(iso3)
    return f"{name} ({iso3})" if name != iso3 else str(iso3)


def supplier_bars(suppliers: pd.DataFrame, *, source: str, top: int = 12):
    """Horizontal bars: each outside supplier's share of a bloc's imports of one product, largest on top."""
    import plotly.graph_objects as go

    if suppliers.empty:
        raise ChokepointsError("nothing to plot: the bloc has no imports of this product in the data")
    head = suppliers.nlargest(top, "v").iloc[::-1]
    first = suppliers.iloc[0]
    unit = "USD" if first["basis"] == "value" else "t"
    fig = go.Figure(go.Bar(
        x=head["share"] * 100, y=[country_label(c) for c in head["supplier"]], orientation="h",
        text=[f"{s:.1%}" for s in head["share"]], textposition="outside",
        customdata=head["v"], hovertemplate=f"%{{y}}: %{{x:.1f}}%% (%{{customdata:,.0f}} {unit})<extra></extra>",
    ))
    proxies = sorted({r for r in suppliers.get("resolution", pd.Series(dtype=str)).dropna() if r.startswith("PROXY")})
    subtitle = (f"<br><sup>{'; '.join(proxies)}: a broader heading than the product</sup>" if proxies else "")
    fig.update_layout(
        title=f"Suppliers of {first['product']} to {first['bloc']}, {first['year']} (share of extra-bloc imports, "
              f"{first['basis']}){subtitle}",
        xaxis_title="share of extra-bloc imports (%)", yaxis_title=None, template="plotly_white",
        height=120 + 28 * len(head), margin={"l": 160, "r": 40, "t": 70, "b": 80},
    )
    fig.add_annotation(text=f"Source: {source}", xref="paper", yref="paper", x=0, y=-0.1 - 2.0 / (len(head) + 4),
                       showarrow=False, xanchor="left", font={"size": 10, "color": "#555"})
    return fig


def save(fig, path: str | Path) -> Path:
    """Write a figure: .html (works offline: plotly.min.js is written once beside it and shared by every figure of
    the folder, so each page is tens of kB, not 4.8 MB) or .png/.svg/.pdf (matplotlib, no browser needed)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() in {".html", ".htm"}:
        fig.write_html(path, include_plotlyjs="directory", full_html=True)
        return path
    if path.suffix.lower() in {".png", ".svg", ".pdf"}:
        # matplotlib draws it without a browser (kaleido would need a Chromium): report/static.py
        from chokepoints.report.static import write_static

        return write_static(fig, path)
    if path.suffix.lower() in {".jpg", ".jpeg", ".webp"}:
        raise ChokepointsError(f"unknown figure format {path.suffix!r}: use .html, .png, .svg or .pdf")
    raise ChokepointsError(f"unknown figure format {path.suffix!r}: use .html, .png, .svg or .pdf")


def loss_fan(fan, stages: list[str], *, title: str, source: str, start: str | None = None,
             unit: str | list[str] = "t"):
    """Fan chart of the alliance's monthly output lost, one panel per stage with any loss: median, 25-75 % and
    5-95 % bands over the Monte Carlo runs. `fan` is an array (runs, stages, months); `unit` one for all stages or
    one per stage (t, vehicles)."""
    import numpy as np
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    hit = [s for s in range(len(stages)) if fan[:, s, :].max() > 0]
    if not hit:
        raise ChokepointsError("nothing to plot: no run loses any output in this scenario")
    T = fan.shape[2]
    x = (list(pd.period_range(start[:7], periods=T, freq="M").astype(str)) if start else list(range(T)))
    fig = make_subplots(rows=len(hit), cols=1, shared_xaxes=True, subplot_titles=[stages[s] for s in hit],
                        vertical_spacing=0.08)
    for row, s in enumerate(hit, start=1):
        q = np.percentile(fan[:, s, :], [5, 25, 50, 75, 95], axis=0)
        for lo, hi, alpha, name in ((0, 4, 0.15, "5-95 %"), (1, 3, 0.3, "25-75 %")):
            fig.add_trace(go.Scatter(x=x + x[::-1], y=list(q[hi]) + list(q[lo][::-1]), fill="toself",
                                     fillcolor=f"rgba(200,60,40,{alpha})", line={"width": 0}, name=name,
                                     legendgroup=name, showlegend=row == 1, hoverinfo="skip"), row=row, col=1)
        fig.add_trace(go.Scatter(x=x, y=q[2], line={"color": "rgb(150,30,20)"}, name="median",
                                 legendgroup="median", showlegend=row == 1), row=row, col=1)
        fig.update_yaxes(title_text=f"{unit if isinstance(unit, str) else unit[s]}/month", row=row, col=1)
    fig.update_layout(title=title, template="plotly_white", height=220 + 230 * len(hit),
                      margin={"l": 70, "r": 30, "t": 90, "b": 90})
    fig.add_annotation(text=f"Source: {source}", xref="paper", yref="paper", x=0, y=-0.12, showarrow=False,
                       xanchor="left", font={"size": 10, "color": "#555"})
    return fig
