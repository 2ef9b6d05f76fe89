"""The licence profile's fit, pure maths: relative export volumes in, a shared shape and per-episode depths out.

From the effective month of each control episode e, the relative volume is modelled as

    y_e(t) = 1 − depth_e · licence_shape(t; lag_months, half_life_months, plateau),   t = 0, 1, ...

(`licence_shape` in chokepoints.shocks.profiles: 1 from the effective month until `lag_months`, then recovery
towards the plateau). The shape is shared by the episodes (it is the licence regime's dynamics); the depth is per
episode (how much of the HS code the licence covers: it becomes a scenario's `intensity`). Fitted by bounded,
weighted least squares (scipy.optimize.least_squares, multi-start; each episode's residuals divided by the standard
deviation of its baseline months, so a noisy series counts less), jointly and per episode; uncertainty by a residual
bootstrap of the joint fit. Method, numbers and limits: docs/methods/calibration.md.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import least_squares

from chokepoints.shocks.profiles import licence_shape

SHAPE_PARAMS = ("lag_months", "half_life_months", "plateau")
# Bounds of the fit: licences granted within 12 months of the effective date; half-lives from 0.1 to 36 months.
BOUNDS = {"lag_months": (0.0, 12.0), "half_life_months": (0.1, 36.0), "plateau": (0.0, 1.0),
          "depth": (0.0, 1.0)}


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
        return relative_volume(np.arange(n_months, dtype=float), self.depth[episode], **self.shape)

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


def relative_volume(t: np.ndarray, depth: float, lag_months: float, half_life_months: float,
                    plateau: float) -> np.ndarray:
    """1 − depth · licence_shape(t): the modelled export volume relative to the baseline, t months from the start."""
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
        return relative_volume(t, x[0], x[1], x[2], x[3]) - y

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
        return np.concatenate([(relative_volume(t, x[3 + i], x[0], x[1], x[2]) - y) * weights[name]
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
        fitted[name] = relative_volume(t, x[3 + i], x[0], x[1], x[2])
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
