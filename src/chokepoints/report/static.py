"""PNG, SVG and PDF of the project's Plotly figures without a browser (kaleido needs a Chromium; matplotlib does not).

Draws the trace kinds chokepoints' figures use: horizontal and vertical bars (supplier shares, tariff effects) and
scatter lines and filled bands (fan charts, exceedance curves), one panel per Plotly y-axis, with the figure's title
and its source annotation, so a static figure still names its source and year.
"""

from __future__ import annotations

import re
from pathlib import Path


def _plain(text) -> str:
    """Plotly's HTML-ish title text as plain text."""
    return re.sub(r"<[^>]+>", "", str(text or "").replace("<br>", "\n"))


def write_static(fig, path: Path) -> Path:
    """Render `fig` (a plotly Figure) to `path` (.png, .svg or .pdf) with matplotlib."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    axes_names = sorted({getattr(t, "yaxis", None) or "y" for t in fig.data}, key=lambda n: int(n[1:] or 1))
    n = max(len(axes_names), 1)
    width = (fig.layout.width or 900) / 100
    height = max((fig.layout.height or 500) / 100, 2.5 * n)
    figure, axes = plt.subplots(n, 1, figsize=(width, height), squeeze=False, sharex=n > 1)
    panel = {name: axes[i][0] for i, name in enumerate(axes_names)}
    titles = [a.text for a in (fig.layout.annotations or []) if a.xref != "paper" or a.yref != "paper"]
    for trace in fig.data:
        ax = panel[getattr(trace, "yaxis", None) or "y"]
        if trace.type == "bar":
            x, y = ([] if trace.x is None else list(trace.x)), ([] if trace.y is None else list(trace.y))
            if trace.orientation == "h":
                ax.barh([str(v) for v in y], x, label=trace.name)
            else:
                ax.bar([str(v) for v in x], y, label=trace.name)
        elif trace.type == "scatter":
            x, y = ([] if trace.x is None else list(trace.x)), ([] if trace.y is None else list(trace.y))
            labels = list(dict.fromkeys(x)) if x and isinstance(x[0], str) else None
            pos = [labels.index(v) for v in x] if labels else x  # month labels at their positions (bands go back)
            if trace.fill == "toself":
                ax.fill(pos, y, alpha=0.25, label=trace.name, linewidth=0)
            else:
                ax.plot(pos, y, label=trace.name)
            if labels:  # a tick every few months
                step = max(len(labels) // 8, 1)
                ax.set_xticks(range(0, len(labels), step), labels[::step], rotation=30, ha="right")
    for i, name in enumerate(axes_names):
        ax = panel[name]
        layout_axis = fig.layout[f"yaxis{name[1:]}"] if name != "y" else fig.layout.yaxis
        if layout_axis is not None and layout_axis.title is not None and layout_axis.title.text:
            ax.set_ylabel(_plain(layout_axis.title.text))
        if i < len(titles):
            ax.set_title(_plain(titles[i]), fontsize=9)
    handles = [h for ax in panel.values() for h in ax.get_legend_handles_labels()[0]]
    if len(handles) > 1:
        axes[0][0].legend(fontsize=8)
    figure.suptitle(_plain(fig.layout.title.text if fig.layout.title else ""), fontsize=10)
    sources = [_plain(a.text) for a in (fig.layout.annotations or []) if str(a.text).startswith("Source")]
    if sources:
        figure.text(0.01, 0.005, sources[0][:300], fontsize=7, color="#555", wrap=True)
    figure.tight_layout(rect=(0, 0.04, 1, 0.95))
    figure.savefig(path)
    plt.close(figure)
    return path
