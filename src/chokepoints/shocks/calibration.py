"""Calibration of the `licence` time profile on China's exports after the 2023 gallium/germanium and graphite controls.

For each control episode, China's monthly export quantity of the controlled HS6 code (UN Comtrade, reporter China,
summed over the partners in data/raw/china_comtrade_cm) is divided by its mean over the 12 months before the
announcement. The months from the announcement to the effective date (front-loading) are left out of the fit. From
the effective month on, the relative volume is modelled as

    y_e(t) = 1 − depth_e · licence_shape(t; lag_months, half_life_months, plateau),   t = 0, 1, ...

(`licence_shape` in chokepoints.shocks.profiles: 1 from the effective month until `lag_months`, then recovery
towards the plateau). The shape is shared by the episodes (it is the licence regime's dynamics); the depth is per
episode (how much of the HS code the licence covers: it becomes a scenario's `intensity`). Fitted by bounded,
weighted least squares (scipy.optimize.least_squares, multi-start; each episode's residuals divided by the standard
deviation of its baseline months, so a noisy series counts less), jointly and per episode; uncertainty by a residual
bootstrap of the joint fit. Method, numbers and limits: docs/methods/calibration.md.

    python -m chokepoints.shocks.calibration --figure calibration.html     # prints the table, writes profiles.toml
"""

from __future__ import annotations

import argparse
import itertools
import math
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.optimize import least_squares

from chokepoints.errors import ChokepointsError, InputError
from chokepoints.shocks.profiles import PROFILES_FILE, licence_shape

SHAPE_PARAMS = ("lag_months", "half_life_months", "plateau")
# Bounds of the fit: licences granted within 12 months of the effective date; half-lives from 0.1 to 36 months.
BOUNDS = {"lag_months": (0.0, 12.0), "half_life_months": (0.1, 36.0), "plateau": (0.0, 1.0),
          "depth": (0.0, 1.0)}
DATA_SOURCE = ("UN Comtrade, China (reporter 156) monthly exports by HS6, as derived by qennis/"
               "ChinaCriticalMineralComtrade (commit 44040f4, 2025-12-22), bundled in data/raw/china_comtrade_cm")
DEEP_DIVE = "deep_dive_hs6_monthly.csv"
DEFAULT_DATA = Path(__file__).resolve().parents[3] / "data" / "raw" / "china_comtrade_cm"


@dataclass(frozen=True)
class Episode:
    """One export control whose effect the fit reads: the HS6 code that carries the controlled goods."""

    name: str
    title: str
    measure: str  # id in data/curated/measures.csv
    hs6: str
    announced: str  # YYYY-MM-DD
    effective: str  # YYYY-MM-DD (the first of a month for both 2023 controls)
    note: str = ""


EPISODES: tuple[Episode, ...] = (
    Episode("gallium_germanium", "Ga/Ge, MOFCOM No. 23 of 2023 (HS 811292)", "CHN-GAGE-23-2023", "811292",
            "2023-07-03", "2023-08-01",
            note="811292 also holds indium, niobium and vanadium; gallium and germanium are a small part of its "
                 "weight, so the control is barely visible in it"),
    Episode("graphite_natural", "Natural graphite, MOFCOM No. 39 of 2023 (HS 250410)", "CHN-GRAPHITE-39-2023",
            "250410", "2023-10-20", "2023-12-01",
            note="250410 (natural graphite in powder or flakes, incl. spherical) is covered by the licence"),
    Episode("graphite_artificial", "Artificial graphite, MOFCOM No. 39 of 2023 (HS 380110)", "CHN-GRAPHITE-39-2023",
            "380110", "2023-10-20", "2023-12-01",
            note="only high-purity, high-strength, high-density grades of 380110 are licensed"),
)


@dataclass(frozen=True)
class EpisodeData:
    """An episode's export volume relative to its pre-announcement baseline."""

    episode: Episode
    baseline_t: float  # mean monthly quantity over the baseline months, tonnes
    baseline_months: tuple[str, str]  # first and last month (YYYY-MM)
    months: tuple[str, ...]  # calendar months of `relative`, from the effective month on
    relative: np.ndarray  # quantity / baseline, from the effective month (t = 0) on; NaN = no data
    baseline_sd: float  # standard deviation of quantity / baseline over the baseline months (noise of the series)
    frontload: dict[str, float]  # month -> relative volume, announcement month to the month before the effective
    series: pd.Series  # the whole monthly quantity (tonnes) by month, for figures
    missing_weight: int  # flows in the used months with a value but no weight (left out of the sums)

    @property
    def frontload_excess(self) -> float:
        """Sum of (relative − 1) over the front-loading months: baseline-months shipped ahead of the control."""
        return float(sum(v - 1.0 for v in self.frontload.values()))

    @property
    def deficit(self) -> float:
        """Sum of (1 − relative) over the fitted months: baseline-months not shipped after the control."""
        return float(np.nansum(1.0 - self.relative))


@dataclass(frozen=True)
class EpisodeFit:
    """All four parameters fitted to one episode alone."""

    depth: float
    lag_months: float
    half_life_months: float
    plateau: float
    rmse: float
    mae: float
    n: int


@dataclass(frozen=True)
class Fit:
    """The licence profile fitted to the episodes: shared shape, a depth per episode, errors and uncertainty."""

    lag_months: float
    half_life_months: float
    plateau: float
    depth: dict[str, float]
    rmse: dict[str, float]  # joint fit, per episode and "joint" (all points)
    mae: dict[str, float]
    n: dict[str, int]
    per_episode: dict[str, EpisodeFit]
    bootstrap: dict[str, tuple[float, float, float]] = field(default_factory=dict)  # name -> (p05, p50, p95)
    n_boot: int = 0

    @property
    def shape(self) -> dict[str, float]:
        return {"lag_months": self.lag_months, "half_life_months": self.half_life_months,
                "plateau": self.plateau}

    def predict(self, episode: str, n_months: int) -> np.ndarray:
        """Fitted relative volume of an episode (joint fit) for t = 0 .. n_months-1."""
        return _model(np.arange(n_months, dtype=float), self.depth[episode], **self.shape)

    @property
    def identified(self) -> list[str]:
        """Episodes whose depth is clearly above 0 (bootstrap 5 % quantile > 0.1, or the point estimate without a
        bootstrap): only these say anything about the shape."""
        out = []
        for name, depth in self.depth.items():
            b = self.bootstrap.get(f"depth.{name}")
            if (b[0] if b else depth) > 0.1:
                out.append(name)
        return out

    def spread(self, name: str) -> tuple[float, float] | None:
        """Smallest and largest per-episode estimate of a parameter over the identified episodes (None if none)."""
        values = [getattr(self.per_episode[k], name) for k in self.identified]
        return (min(values), max(values)) if values else None


def _model(t: np.ndarray, depth: float, lag_months: float, half_life_months: float,
           plateau: float) -> np.ndarray:
    return 1.0 - depth * licence_shape(t, lag_months, half_life_months, plateau)


def _errors(residuals: np.ndarray) -> tuple[float, float]:
    return float(np.sqrt(np.mean(residuals**2))), float(np.mean(np.abs(residuals)))


def _clean(observed: Mapping[str, Sequence[float] | np.ndarray]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """name -> (t, y) with missing months dropped; refuses empty or non-finite series."""
    if not observed:
        raise ValueError("no episodes to fit")
    out = {}
    for name, values in observed.items():
        y = np.asarray(values, dtype=float)
        if y.ndim != 1:
            raise ValueError(f"episode {name!r}: expected a 1-d series of relative volumes, got shape {y.shape}")
        t = np.arange(y.size, dtype=float)
        ok = np.isfinite(y)
        if ok.sum() < 4:
            raise ValueError(f"episode {name!r}: at least 4 months with data are needed, got {int(ok.sum())}")
        out[name] = (t[ok], y[ok])
    return out


def _starts(depth: bool) -> list[np.ndarray]:
    """Starting points of the multi-start fit: a grid over the shape and a mid depth."""
    grid = itertools.product((0.0, 1.0, 2.5), (0.5, 2.0, 8.0), (0.1, 0.6))
    return [np.array(([0.5] if depth else []) + list(g)) for g in grid]


def _fit_one(t: np.ndarray, y: np.ndarray) -> EpisodeFit:
    lo = [BOUNDS[k][0] for k in ("depth", *SHAPE_PARAMS)]
    hi = [BOUNDS[k][1] for k in ("depth", *SHAPE_PARAMS)]

    def residuals(x):
        return _model(t, x[0], x[1], x[2], x[3]) - y

    best = min((least_squares(residuals, x0, bounds=(lo, hi)) for x0 in _starts(depth=True)), key=lambda r: r.cost)
    rmse, mae = _errors(best.fun)
    d, tr, h, p = (float(v) for v in best.x)
    return EpisodeFit(depth=d, lag_months=tr, half_life_months=h, plateau=p, rmse=rmse, mae=mae, n=t.size)


def _fit_joint(data: dict[str, tuple[np.ndarray, np.ndarray]], weights: dict[str, float],
               starts: list[np.ndarray]) -> np.ndarray:
    """x = (lag_months, half_life, plateau, depth_1, ..., depth_k), by weighted least squares over all points."""
    names = list(data)
    lo = [BOUNDS[k][0] for k in SHAPE_PARAMS] + [BOUNDS["depth"][0]] * len(names)
    hi = [BOUNDS[k][1] for k in SHAPE_PARAMS] + [BOUNDS["depth"][1]] * len(names)

    def residuals(x):
        return np.concatenate([(_model(t, x[3 + i], x[0], x[1], x[2]) - y) * weights[name]
                               for i, (name, (t, y)) in enumerate(data.items())])

    return min((least_squares(residuals, x0, bounds=(lo, hi)) for x0 in starts), key=lambda r: r.cost).x


def fit_licence_profile(observed: Mapping[str, Sequence[float] | np.ndarray], *,
                        noise: Mapping[str, float] | None = None, n_boot: int = 200, seed: int = 0) -> Fit:
    """Fit the licence profile to relative export volumes; pure (no I/O).

    observed: episode name -> relative volume (quantity / pre-control baseline) at t = 0, 1, ... months from the
    effective month; NaN marks a month without data. noise: episode name -> standard deviation of the series
    (e.g. over its baseline months); the joint fit divides each episode's residuals by it (default: 1 for all).
    Returns the joint fit (shared lag_months,
    half_life_months and plateau; one depth per episode) with RMSE/MAE per episode and over all points, a separate
    four-parameter fit per episode, and 5/50/95 % bootstrap quantiles of every joint parameter (residuals resampled
    within each episode, `n_boot` times; 0 skips the bootstrap).
    """
    data = _clean(observed)
    names = list(data)
    noise = dict(noise or {})
    unknown = sorted(set(noise) - set(names))
    if unknown:
        raise ValueError(f"noise given for unknown episodes {', '.join(unknown)}")
    bad = [k for k, v in noise.items() if not (math.isfinite(v) and v > 0)]
    if bad:
        raise ValueError(f"noise must be positive and finite; bad for {', '.join(bad)}")
    weights = {k: 1.0 / noise.get(k, 1.0) for k in names}
    per_episode = {name: _fit_one(t, y) for name, (t, y) in data.items()}
    shape_starts = [s[1:] for s in _starts(depth=True)]
    starts = [np.concatenate([s, np.full(len(names), 0.5)]) for s in shape_starts]
    x = _fit_joint(data, weights, starts)

    rmse, mae, n = {}, {}, {}
    fitted = {}
    for i, (name, (t, y)) in enumerate(data.items()):
        fitted[name] = _model(t, x[3 + i], x[0], x[1], x[2])
        rmse[name], mae[name] = _errors(fitted[name] - y)
        n[name] = int(t.size)
    rmse["joint"], mae["joint"] = _errors(np.concatenate([fitted[k] - data[k][1] for k in names]))
    n["joint"] = sum(n[k] for k in names)

    bootstrap: dict[str, tuple[float, float, float]] = {}
    if n_boot > 0:
        rng = np.random.default_rng(seed)
        draws = []
        for _ in range(n_boot):
            resampled = {}
            for name, (t, y) in data.items():
                res = y - fitted[name]
                resampled[name] = (t, fitted[name] + rng.choice(res, size=res.size, replace=True))
            draws.append(_fit_joint(resampled, weights, [x, starts[0]]))
        draws = np.array(draws)
        labels = [*SHAPE_PARAMS, *(f"depth.{k}" for k in names)]
        for j, label in enumerate(labels):
            q = np.quantile(draws[:, j], [0.05, 0.5, 0.95])
            bootstrap[label] = (float(q[0]), float(q[1]), float(q[2]))

    return Fit(lag_months=float(x[0]), half_life_months=float(x[1]), plateau=float(x[2]),
               depth={k: float(x[3 + i]) for i, k in enumerate(names)}, rmse=rmse, mae=mae, n=n,
               per_episode=per_episode, bootstrap=bootstrap, n_boot=n_boot)


# --- data -------------------------------------------------------------------------------------------------------


def read_monthly(folder: str | Path = DEFAULT_DATA) -> pd.DataFrame:
    """China's monthly exports by HS6 summed over partners: columns month (YYYY-MM), hs6, quantity_t, missing_weight.

    Read from the bundled deep_dive_hs6_monthly.csv through the same parser as the ingest
    (chokepoints.ingest.china_cm), so a bad file gets the same error naming its row and field.
    """
    from chokepoints.ingest.china_cm import deep_dive

    file = Path(folder) / DEEP_DIVE
    if not file.is_file():
        raise InputError(f"{DEEP_DIVE} not found", file=folder, hint="give the folder data/raw/china_comtrade_cm")
    flows = deep_dive(file)
    flows = flows.assign(missing_weight=flows["quantity_t"].isna() & (flows["value_usd"] > 0))
    return (flows.groupby(["month", "hs6"], as_index=False)
            .agg(quantity_t=("quantity_t", "sum"), missing_weight=("missing_weight", "sum")))


def _month_offset(month: str, k: int) -> str:
    return str(pd.Period(month, freq="M") + k)


def episode_data(monthly: pd.DataFrame, episode: Episode, *, baseline_months: int = 12,
                 window: int = 13) -> EpisodeData:
    """Relative volume of one episode: quantity / mean of the `baseline_months` months before the announcement,
    for `window` months from the effective month; the months in between are the front-loading months."""
    rows = monthly[monthly["hs6"] == episode.hs6]
    if rows.empty:
        raise InputError(f"no exports of HS {episode.hs6} in the data", field="hs6",
                         hint=f"episode {episode.name} needs China's monthly exports of that code")
    series = rows.set_index("month")["quantity_t"].sort_index()
    missing = rows.set_index("month")["missing_weight"]
    announced, effective = episode.announced[:7], episode.effective[:7]
    base = [_month_offset(announced, -k) for k in range(baseline_months, 0, -1)]
    front = [_month_offset(announced, k) for k in range(0, 60) if _month_offset(announced, k) < effective]
    used = [_month_offset(effective, k) for k in range(window)]
    absent = [m for m in base if m not in series.index]
    if absent:
        raise InputError(f"baseline months {', '.join(absent)} of HS {episode.hs6} are missing", field="month",
                         hint=f"episode {episode.name} needs {base[0]}..{base[-1]}")
    baseline = float(series.loc[base].mean())
    if not baseline > 0:
        raise InputError(f"baseline of HS {episode.hs6} is {baseline}: cannot scale", field="quantity_t")
    baseline_sd = float(series.loc[base].std(ddof=1) / baseline)
    relative = np.array([series.get(m, np.nan) / baseline for m in used], dtype=float)
    return EpisodeData(episode=episode, baseline_t=baseline, baseline_months=(base[0], base[-1]), months=tuple(used),
                       relative=relative, baseline_sd=baseline_sd,
                       frontload={m: float(series.get(m, np.nan) / baseline) for m in front},
                       series=series / 1.0,
                       missing_weight=int(missing.reindex(base + front + used).fillna(0).sum()))


# --- report -----------------------------------------------------------------------------------------------------


def _months_span(ep: EpisodeData) -> str:
    t = np.flatnonzero(np.isfinite(ep.relative))
    return f"{ep.months[t[0]]}..{ep.months[t[-1]]}"


def table(fit: Fit, episodes: Sequence[EpisodeData]) -> str:
    """The fit table as plain text (what the entry point prints and docs/methods/calibration.md shows)."""
    lines = ["Joint fit (shared shape, depth per episode)"]
    for k in SHAPE_PARAMS:
        b = fit.bootstrap.get(k)
        band = f"  bootstrap 5-95 %: {b[0]:.2f}-{b[2]:.2f}" if b else ""
        spread = fit.spread(k)
        rng = f"  per-episode range: {spread[0]:.2f}-{spread[1]:.2f}" if spread else ""
        lines.append(f"  {k:<18} {getattr(fit, k):6.2f}{band}{rng}")
    lines.append(f"  episodes that identify the shape: {', '.join(fit.identified) or 'none'}")
    lines.append("")
    head = (f"  {'episode':<20} {'months':<17} {'n':>3} {'depth':>6} {'5-95 %':>11} {'RMSE':>6} {'MAE':>6} | "
            f"{'alone: depth':>12} {'lag':>6} {'t1/2':>6} {'plat.':>6} {'RMSE':>6} | {'front':>6} {'deficit':>7}")
    lines += [head, "  " + "-" * (len(head) - 2)]
    for ep in episodes:
        name = ep.episode.name
        b = fit.bootstrap.get(f"depth.{name}")
        band = f"{b[0]:.2f}-{b[2]:.2f}" if b else "-"
        one = fit.per_episode[name]
        shape = (f"{one.lag_months:6.2f} {one.half_life_months:6.2f} {one.plateau:6.2f}"
                 if name in fit.identified else f"{'-':>6} {'-':>6} {'-':>6}")
        lines.append(f"  {name:<20} {_months_span(ep):<17} {fit.n[name]:>3} {fit.depth[name]:6.2f} {band:>11} "
                     f"{fit.rmse[name]:6.3f} {fit.mae[name]:6.3f} | {one.depth:12.2f} {shape} {one.rmse:6.3f} | "
                     f"{ep.frontload_excess:+6.2f} {ep.deficit:+7.2f}")
    lines.append(f"  {'joint':<20} {'':<17} {fit.n['joint']:>3} {'':>6} {'':>11} {fit.rmse['joint']:6.3f} "
                 f"{fit.mae['joint']:6.3f}")
    lines.append("")
    lines += ["depth: share of the baseline flow removed at the trough (-> scenario intensity). alone: the episode",
              "fitted by itself (shape shown only where the depth is identified). front: sum of (relative - 1) from",
              "the announcement to the effective month; deficit: sum of (1 - relative) over the fitted months",
              "(both in baseline-months)."]
    return "\n".join(lines)


def _toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return repr(round(v, 4)) if math.isfinite(v) else "nan"
    if isinstance(v, str):
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(v, list | tuple):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    raise TypeError(f"cannot write {type(v).__name__} to TOML")


def profiles_toml(fit: Fit, episodes: Sequence[EpisodeData], *, ramp_months: float = 3.0) -> str:
    """Text of profiles.toml: the default parameters and the fit's metadata."""
    eps = {ep.episode.name: ep for ep in episodes}
    out = [
        "# Default parameters of the time profiles in chokepoints.shocks.profiles.",
        "# [licence] and [licence.fit*] are written by `python -m chokepoints.shocks.calibration`: do not edit them",
        "# by hand; rerun it. Method and limits: docs/methods/calibration.md.",
        "",
        "[linear]",
        "# Assumption (no data): a measure phased in over 3 months reaches full intensity in the 4th.",
        f"ramp_months = {_toml_value(float(ramp_months))}",
        "",
        "[licence]",
        "# Shape fitted jointly to the episodes below: shape(t) = 1 for t < lag_months, then",
        "# plateau + (1 - plateau) * 2^(-(t - lag_months) / half_life_months); t = months since the start.",
        f"lag_months = {_toml_value(fit.lag_months)}",
        f"half_life_months = {_toml_value(fit.half_life_months)}",
        f"plateau = {_toml_value(fit.plateau)}",
        "",
        "[licence.fit]",
        f"data = {_toml_value(DATA_SOURCE)}",
        'quantity = "net weight (t), China exports summed over the partners in deep_dive_hs6_monthly.csv"',
        'baseline = "mean monthly quantity over the 12 months before the announcement month"',
        'excluded = "months from the announcement month to the month before the effective month (front-loading)"',
        ('method = "bounded least squares (scipy.optimize.least_squares, multi-start): shared lag_months, '
         'half_life_months, plateau; one depth per episode; residuals weighted by 1 / baseline_sd; '
         'residual bootstrap within episodes"'),
        'model = "relative volume = 1 - depth * shape(t), t = months since the effective month"',
        f"n_boot = {fit.n_boot}",
        f"rmse = {_toml_value(fit.rmse['joint'])}",
        f"mae = {_toml_value(fit.mae['joint'])}",
        f"n = {fit.n['joint']}",
        "",
        "[licence.fit.bootstrap]",
        "# 5 %, 50 %, 95 % quantiles of the joint parameters",
    ]
    for k, v in fit.bootstrap.items():
        out.append(f"{_toml_value(k)} = {_toml_value(list(v))}")
    for name, ep in eps.items():
        one = fit.per_episode[name]
        out += [
            "",
            f"[licence.fit.episodes.{name}]",
            f"title = {_toml_value(ep.episode.title)}",
            f"measure = {_toml_value(ep.episode.measure)}",
            f"hs6 = {_toml_value(ep.episode.hs6)}",
            f"announced = {_toml_value(ep.episode.announced)}",
            f"effective = {_toml_value(ep.episode.effective)}",
            f"baseline_months = {_toml_value(list(ep.baseline_months))}",
            f"baseline_t = {_toml_value(ep.baseline_t)}",
            f"baseline_sd = {_toml_value(ep.baseline_sd)}",
            f"months = {_toml_value(_months_span(ep))}",
            f"frontload = {_toml_value([f'{m} {v:.2f}' for m, v in ep.frontload.items()])}",
            f"frontload_excess = {_toml_value(ep.frontload_excess)}",
            f"deficit = {_toml_value(ep.deficit)}",
            f"identifies_shape = {_toml_value(name in fit.identified)}",
            f"depth = {_toml_value(fit.depth[name])}",
            f"rmse = {_toml_value(fit.rmse[name])}",
            f"mae = {_toml_value(fit.mae[name])}",
            f"n = {fit.n[name]}",
            f"alone = {{ depth = {_toml_value(one.depth)}, lag_months = {_toml_value(one.lag_months)}, "
            f"half_life_months = {_toml_value(one.half_life_months)}, plateau = {_toml_value(one.plateau)}, "
            f"rmse = {_toml_value(one.rmse)}, mae = {_toml_value(one.mae)} }}",
            f"note = {_toml_value(ep.episode.note)}",
        ]
    return "\n".join(out) + "\n"


def figure(fit: Fit, episodes: Sequence[EpisodeData]):
    """Plotly figure: observed relative volume vs the joint and the per-episode fits, one panel per episode."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    fig = make_subplots(rows=len(episodes), cols=1, shared_xaxes=False, vertical_spacing=0.09,
                        subplot_titles=[ep.episode.title for ep in episodes])
    for row, ep in enumerate(episodes, start=1):
        name = ep.episode.name
        first = _month_offset(ep.baseline_months[0], 0)
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
        fig.add_trace(go.Scatter(x=fx, y=_model(t, one.depth, one.lag_months, one.half_life_months,
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
                    if _month_offset(ep.baseline_months[0], 0) <= m <= ep.months[-1]})
    fig.add_annotation(text=f"Source: {DATA_SOURCE}; months {years[0]}-{years[-1]}.", xref="paper", yref="paper",
                       x=0, y=-0.08, showarrow=False, xanchor="left", font={"size": 10, "color": "#555"})
    return fig


def calibrate(data: str | Path = DEFAULT_DATA, *, baseline_months: int = 12, window: int = 13, n_boot: int = 200,
              seed: int = 0, episodes: Sequence[Episode] = EPISODES) -> tuple[Fit, list[EpisodeData]]:
    """Read the bundled series, build the episodes and fit them."""
    monthly = read_monthly(data)
    eps = [episode_data(monthly, e, baseline_months=baseline_months, window=window) for e in episodes]
    fit = fit_licence_profile({ep.episode.name: ep.relative for ep in eps},
                              noise={ep.episode.name: ep.baseline_sd for ep in eps}, n_boot=n_boot, seed=seed)
    return fit, eps


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m chokepoints.shocks.calibration",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help="folder of china_comtrade_cm (default: bundled)")
    parser.add_argument("--toml", type=Path, default=Path(__file__).with_name(PROFILES_FILE),
                        help="where to write profiles.toml (default: the package's own)")
    parser.add_argument("--figure", type=Path, default=None, help="write the observed-vs-fitted figure (HTML) here")
    parser.add_argument("--boot", type=int, default=200, help="bootstrap replications (default 200)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--window", type=int, default=13, help="months fitted from the effective month (default 13)")
    args = parser.parse_args(argv)
    try:
        fit, eps = calibrate(args.data, window=args.window, n_boot=args.boot, seed=args.seed)
    except ChokepointsError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    print(table(fit, eps))
    args.toml.write_text(profiles_toml(fit, eps), encoding="utf-8")
    print(f"\nwrote {args.toml}")
    if args.figure is not None:
        args.figure.parent.mkdir(parents=True, exist_ok=True)
        figure(fit, eps).write_html(args.figure, include_plotlyjs=True, full_html=True)
        print(f"wrote {args.figure}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
