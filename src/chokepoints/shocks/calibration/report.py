"""The fit as text: the table the calibration prints and the profiles.toml it writes."""

from __future__ import annotations

import math
from collections.abc import Sequence

from chokepoints.shocks.calibration.data import DATA_SOURCE, EpisodeData, months_span
from chokepoints.shocks.calibration.fit import SHAPE_PARAMS, Fit


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
        lines.append(f"  {name:<20} {months_span(ep):<17} {fit.n[name]:>3} {fit.depth[name]:6.2f} {band:>11} "
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
        "# [licence] and [licence.fit*] are written by `python scripts/calibrate_licence.py`: do not edit them",
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
            f"months = {_toml_value(months_span(ep))}",
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
