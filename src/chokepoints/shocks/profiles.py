"""Time profiles of a measure: the share of its peak intensity in force in each month, vectorised over runs.

A measure hits month m (0-based, month 0 = the scenario's `start`) with `intensity × profile[run, m]`. The profile
is the product of two parts:

* coverage: the share of month m inside [start, start + duration) — 1 for whole months, a fraction at a
  fractional start or end (so a drawn duration of 6.5 months covers half of the seventh month), 0 before the
  start and after the end. After the end the measure is lifted: 0, no tail (neither calibration episode was
  lifted, so the data say nothing about recovery after a lifting; see docs/methods/calibration.md).
* shape, at t = max(m − start, 0) months since the start:

  ``step``     1.
  ``linear``   min(1, (t + 1) / (ramp_months + 1)): reaches 1 after `ramp_months` months (0 = step).
  ``licence``  the calibrated licence regime (docs/methods/calibration.md): flows collapse as the licences
               start (1 from t = 0), stay there for `lag_months` (the time before licences are granted), then
               recover towards a plateau: plateau + (1 − plateau)·2^(−(t − lag_months)/half_life_months).
               The plateau is the share of the peak intensity still in force once licensing has settled.
  list         custom values, one per month from the start, the last one repeated until the end.

Defaults of `licence` come from the fit in profiles.toml (written by `python -m chokepoints.shocks.calibration`);
`params` overrides any of them, with a float or an array of one value per run.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from chokepoints.errors import InputError

PROFILES_FILE = "profiles.toml"
SHAPES = ("step", "linear", "licence")
# Names of each shape's parameters: the only keys `params` may hold for that shape.
PARAMS: dict[str, tuple[str, ...]] = {
    "step": (),
    "linear": ("ramp_months",),
    "licence": ("lag_months", "half_life_months", "plateau"),
}
# Bounds each parameter must respect (inclusive); half-lives must be > 0.
_BOUNDS: dict[str, tuple[float, float]] = {
    "ramp_months": (0.0, math.inf),
    "lag_months": (0.0, math.inf),
    "half_life_months": (0.0, math.inf),
    "plateau": (0.0, 1.0),
}


@cache
def _profiles_toml() -> dict[str, Any]:
    file = Path(__file__).with_name(PROFILES_FILE)
    try:
        raw = tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise InputError(f"cannot read the profile defaults: {e}", file=str(file),
                         hint="regenerate it with python -m chokepoints.shocks.calibration") from None
    for shape in ("linear", "licence"):
        table = raw.get(shape)
        if not isinstance(table, dict):
            raise InputError(f"missing table [{shape}]", file=str(file))
        for key in PARAMS[shape]:
            if not isinstance(table.get(key), int | float) or isinstance(table.get(key), bool):
                raise InputError(f"[{shape}] needs a number '{key}'", file=str(file), field=key)
    return raw


def profiles_metadata() -> dict[str, Any]:
    """The whole of profiles.toml: default parameters and the fit's metadata (data, months, method, error)."""
    return _profiles_toml()


def default_params(shape: str) -> dict[str, float]:
    """Default parameters of a named shape (from profiles.toml); {} for `step`."""
    if shape not in SHAPES:
        raise ValueError(f"unknown profile {shape!r}: use one of {', '.join(SHAPES)} or a list of values in [0, 1]")
    if shape == "step":
        return {}
    table = _profiles_toml()[shape]
    return {k: float(table[k]) for k in PARAMS[shape]}


def validate_shape(shape: str | Sequence[float], params: Mapping[str, Any] | None = None) -> None:
    """Raise ValueError, naming the problem, if `shape`/`params` cannot be evaluated. For a scenario loader."""
    if isinstance(shape, str):
        if shape not in SHAPES:
            raise ValueError(f"unknown profile {shape!r}: use one of {', '.join(SHAPES)} "
                             "or a list of values in [0, 1] (one per month)")
        unknown = sorted(set(params or {}) - set(PARAMS[shape]))
        if unknown:
            allowed = ", ".join(PARAMS[shape]) or "none"
            raise ValueError(f"profile {shape!r} has no parameter {', '.join(unknown)} (allowed: {allowed})")
        for key, value in (params or {}).items():
            arr = np.asarray(value, dtype=float)
            lo, hi = _BOUNDS[key]
            if not np.all(np.isfinite(arr)) or np.any(arr < lo) or np.any(arr > hi):
                raise ValueError(f"profile parameter {key} must be finite and in [{lo}, {hi}], got {value!r}")
        return
    if params:
        raise ValueError("a custom profile (list of values) takes no parameters")
    try:
        values = np.asarray(shape, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"profile must be a name or a list of numbers, got {shape!r}") from None
    if values.ndim != 1 or values.size == 0:
        raise ValueError("a custom profile must be a non-empty list of numbers, one per month")
    bad = ~np.isfinite(values) | (values < 0) | (values > 1)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ValueError(f"custom profile value [{i}] = {float(values[i])!r} is not in [0, 1]")


def _param(params: Mapping[str, Any], key: str, runs: int) -> np.ndarray:
    """A parameter as a (runs, 1) column, from a float or one value per run."""
    value = np.asarray(params[key], dtype=float)
    if value.ndim == 0:
        return np.full((runs, 1), float(value))
    if value.shape != (runs,):
        raise ValueError(f"profile parameter {key} must be a number or an array of shape ({runs},), "
                         f"got shape {value.shape}")
    return value[:, None]


def licence_shape(t: np.ndarray, lag_months: np.ndarray | float, half_life_months: np.ndarray | float,
                  plateau: np.ndarray | float) -> np.ndarray:
    """The licence regime's shape at t >= 0 months since the start (broadcasting): 1 until `lag_months`, then
    exponential recovery towards `plateau` with the given half-life (0 = at the plateau at once).

    Used by `evaluate` and by the calibration (chokepoints.shocks.calibration), so the two cannot drift apart.
    """
    t = np.asarray(t, dtype=float)
    lag = np.asarray(lag_months, dtype=float)
    half = np.asarray(half_life_months, dtype=float)
    plateau = np.asarray(plateau, dtype=float)
    since = np.maximum(t - lag, 0.0)
    safe = np.where(half > 0, half, 1.0)
    with np.errstate(over="ignore"):  # a tiny half-life: since/half overflows to inf, 2^-inf = 0, as it should
        decay = np.where(half > 0, np.exp2(-since / safe), (since == 0).astype(float))
    return np.clip(plateau + (1.0 - plateau) * decay, 0.0, 1.0)


def evaluate(shape: str | Sequence[float], n_months: int, start: np.ndarray, duration: np.ndarray,
             params: Mapping[str, float] | None = None) -> np.ndarray:
    """Share of the measure's peak intensity in force in each month, array (runs, n_months) in [0, 1].

    shape: "step", "linear", "licence" or a list of values in [0, 1] (one per month from the start; the last is
    repeated until the end of the duration). start, duration: float arrays (runs,) in months (scalars are taken
    as one run); start may be after month 0 and duration may be 0 (all zeros). params: overrides of the shape's
    defaults (profiles.toml for licence; see PARAMS), each a float or an array (runs,). Raises ValueError on an
    unknown shape or parameter, a value out of range, or arrays of different lengths.
    """
    if isinstance(n_months, bool) or not isinstance(n_months, int | np.integer) or n_months < 0:
        raise ValueError(f"n_months must be a non-negative integer, got {n_months!r}")
    start = np.atleast_1d(np.asarray(start, dtype=float))
    duration = np.atleast_1d(np.asarray(duration, dtype=float))
    if start.ndim != 1 or duration.ndim != 1 or start.shape != duration.shape:
        raise ValueError(f"start and duration must be 1-d arrays of the same length (one per run), "
                         f"got shapes {start.shape} and {duration.shape}")
    if not (np.all(np.isfinite(start)) and np.all(np.isfinite(duration))):
        raise ValueError("start and duration must be finite")
    if np.any(start < 0) or np.any(duration < 0):
        raise ValueError("start and duration must be >= 0 months")
    validate_shape(shape, params)
    runs = start.size

    month = np.arange(n_months, dtype=float)[None, :]
    s, d = start[:, None], duration[:, None]
    coverage = np.clip(np.minimum(month + 1.0, s + d) - np.maximum(month, s), 0.0, 1.0)
    t = np.maximum(month - s, 0.0)

    if isinstance(shape, str):
        p = {**default_params(shape), **(params or {})}
        if shape == "step":
            value = np.ones((runs, n_months))
        elif shape == "linear":
            value = np.minimum((t + 1.0) / (_param(p, "ramp_months", runs) + 1.0), 1.0)
        else:
            value = licence_shape(t, _param(p, "lag_months", runs), _param(p, "half_life_months", runs),
                                  _param(p, "plateau", runs))
    else:
        values = np.asarray(shape, dtype=float)
        value = values[np.minimum(np.floor(t).astype(np.int64), values.size - 1)]
    return np.clip(coverage * value, 0.0, 1.0)
