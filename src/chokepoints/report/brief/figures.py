"""The brief's static figures, drawn with matplotlib as SVG (no browser)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from chokepoints.report.brief.content import Brief

INK, ACCENT, MID, LIGHT, GREY = "#1f2a44", "#b03a2e", "#e39b8f", "#d9dde3", "#5b6270"


def draw_figures(brief: Brief, folder: Path) -> dict[str, Path]:
    """Draw each figure of `brief` as an SVG in `folder`: {name: path}. The renderers print each figure's source
    under it, as text a reader can copy."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    folder = Path(folder)
    out = {}
    style = {"font.family": "DejaVu Sans", "font.size": 7.5, "axes.spines.top": False, "axes.spines.right": False,
             "axes.edgecolor": GREY, "axes.labelcolor": INK, "xtick.color": GREY, "ytick.color": GREY,
             "svg.fonttype": "path", "svg.hashsalt": "chokepoints-brief"}
    with plt.rc_context(style):
        for name, f in brief.figures.items():
            fig = _FIGURES[name](plt, f.data)
            path = folder / f"{name}.svg"
            fig.savefig(path, format="svg", metadata={"Date": None}, bbox_inches="tight", pad_inches=0.03)
            plt.close(fig)
            out[name] = path
    return out


def _dependency_figure(plt, d: dict):
    n = len(d["stages"])
    fig, ax = plt.subplots(figsize=(2.9, 0.42 * n + 0.7))
    y = np.arange(n)[::-1]
    top1 = np.array(d["top1"]) * 100
    top3 = np.array(d["top3"]) * 100
    ax.barh(y, top1, color=ACCENT, height=0.6, label="largest supplier")
    ax.barh(y, top3 - top1, left=top1, color=MID, height=0.6, label="next two")
    ax.barh(y, 100 - top3, left=top3, color=LIGHT, height=0.6, label="all others")
    for yi, t1, nm in zip(y, top1, d["top1_name"], strict=True):
        ax.text(t1 / 2, yi, f"{nm} {t1:.0f}%", ha="center", va="center", color="white", fontsize=7, weight="bold")
    for yi, t1, t3, names in zip(y, top1, top3, d["top3_names"], strict=True):
        if t3 - t1 > 14:
            ax.text((t1 + t3) / 2, yi, "+".join(names.split(";")[1:3]), ha="center", va="center", fontsize=5.5,
                    color=INK)
    ax.set_yticks(y, d["stages"])
    ax.set_xlim(0, 100)
    ax.set_xlabel("% of imports from outside the alliance (value)")
    ax.legend(ncol=3, fontsize=6, frameon=False, loc="lower left", bbox_to_anchor=(-0.02, 1.0), handlelength=1,
              columnspacing=1)
    return fig


def _losses_figure(plt, d: dict):
    fig, ax = plt.subplots(figsize=(3.3, 1.9))
    q = np.array(d["q"])
    x = np.arange(q.shape[1])
    scale, unit = (1e3, f"thousand {d['unit']}") if q.max() >= 1e4 else (1.0, d["unit"])
    ax.fill_between(x, q[0] / scale, q[4] / scale, color=ACCENT, alpha=0.15, linewidth=0, label="5-95%")
    ax.fill_between(x, q[1] / scale, q[3] / scale, color=ACCENT, alpha=0.3, linewidth=0, label="25-75%")
    ax.plot(x, q[2] / scale, color=ACCENT, linewidth=1.4, label="median")
    step = 6 if len(x) > 12 else 3 if len(x) > 6 else 1
    ax.set_xticks(x[::step], [m for m in d["months"]][::step])
    ax.set_ylabel(f"{unit} per month")
    ax.set_ylim(bottom=0)
    ax.legend(fontsize=6, frameon=False, ncol=3, loc="lower left", bbox_to_anchor=(0, 1.0))
    return fig


def _value_figure(plt, d: dict):
    fig, ax = plt.subplots(figsize=(3.1, 1.8))
    x = np.arange(len(d["members"]))
    solo, joint = np.array(d["solo"]) / 1e6, np.array(d["joint"]) / 1e6
    ax.bar(x - 0.19, solo, width=0.36, color=LIGHT, edgecolor=GREY, linewidth=0.5, label="alone")
    ax.bar(x + 0.19, joint, width=0.36, color=INK, label="together")
    for xi, s_, j in zip(x, solo, joint, strict=True):
        ax.text(xi - 0.19, s_, f"{s_:.1f}", ha="center", va="bottom", fontsize=6, color=INK)
        ax.text(xi + 0.19, j, f"{j:.1f}", ha="center", va="bottom", fontsize=6, color=INK)
    ax.set_xticks(x, d["members"])
    ax.set_ylim(0, max(solo.max(), joint.max(), 0.1) * 1.15)  # all zero: nothing to secure
    ax.set_ylabel("USD M over the horizon")
    ax.legend(fontsize=6, frameon=False, ncol=2, loc="lower left", bbox_to_anchor=(0, 1.0))
    return fig


_FIGURES = {"dependency": _dependency_figure, "losses": _losses_figure, "value": _value_figure}
