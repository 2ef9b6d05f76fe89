"""The calibration's figure: observed relative export volumes against the joint and per-episode fits."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from chokepoints.shocks.calibration.data import DATA_SOURCE, EpisodeData, month_offset
from chokepoints.shocks.calibration.fit import Fit, relative_volume


def fit_figure(fit: Fit, episodes: Sequence[EpisodeData]):
    """Plotly figure: observed relative volume vs the joint and the per-episode fits, one panel per episode."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    fig = make_subplots(rows=len(episodes), cols=1, shared_xaxes=False, vertical_spacing=0.09,
                        subplot_titles=[ep.episode.title for ep in episodes])
    for row, ep in enumerate(episodes, start=1):
        name = ep.episode.name
        first = month_offset(ep.baseline_months[0], 0)
        months = [m for m in ep.series.index if first <= m <= ep.months[-1]]
        rel = ep.series.loc[months] / ep.baseline_t
        x = [f"{m}-01" for m in months]
        fx = [f"{m}-01" for m in ep.months]
        t = np.arange(len(ep.months), dtype=float)
        one = fit.per_episode[name]
        show = row == 1
        fig.add_trace(go.Scatter(x=x, y=rel, mode="lines+markers", name="observed / baseline", legendgroup="o",
                                 showlegend=show, line={"color": "#333"}), row=row, col=1)
        fig.add_trace(go.Scatter(x=fx, y=fit.predict(name, t.size), mode="lines", name="joint fit",
                                 legendgroup="j", showlegend=show, line={"color": "#c0392b", "width": 3}),
                      row=row, col=1)
        fig.add_trace(go.Scatter(x=fx, y=relative_volume(t, one.depth, one.lag_months, one.half_life_months,
                                                one.plateau), mode="lines", name="episode alone", legendgroup="e",
                                 showlegend=show, line={"color": "#2874a6", "dash": "dash"}), row=row, col=1)
        fig.add_vrect(x0=f"{ep.episode.announced[:7]}-01", x1=f"{ep.episode.effective[:7]}-01",
                      fillcolor="#f5b041", opacity=0.25, line_width=0, row=row, col=1)
        fig.add_hline(y=1.0, line={"color": "#999", "dash": "dot"}, row=row, col=1)
        fig.update_yaxes(title_text="relative volume", row=row, col=1)
    fig.update_layout(
        title="China's exports after the 2023 licence controls: observed vs fitted licence profile<br>"
              "<sup>quantity relative to the 12 months before announcement; shaded: announcement to effective "
              "month (front-loading, not fitted)</sup>",
        height=330 * len(episodes) + 160, template="plotly_white", margin={"b": 110})
    years = sorted({m[:4] for ep in episodes for m in ep.series.index
                    if month_offset(ep.baseline_months[0], 0) <= m <= ep.months[-1]})
    fig.add_annotation(text=f"Source: {DATA_SOURCE}; months {years[0]}-{years[-1]}.", xref="paper", yref="paper",
                       x=0, y=-0.08, showarrow=False, xanchor="left", font={"size": 10, "color": "#555"})
    return fig
