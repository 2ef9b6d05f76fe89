"""Scenario files (TOML) <-> pydantic models; the format is documented in docs/scenarios.md.

Any numeric parameter may be a number or a distribution (`{ dist = "triangular", low, mode, high }`); Monte Carlo
draws each once per run (`draw_parameters`). Export controls and outages run through the shock engine, tariffs
(`kind = "import_tariff"`) through the partial-equilibrium model in `chokepoints.tariffs`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

import numpy as np
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from chokepoints.errors import ScenarioError, from_validation, read_toml
from chokepoints.reference.years import check_month
from chokepoints.shocks.profiles import validate_shape

EXPORT_KINDS = ("export_licence", "export_ban", "export_quota", "export_tax", "ore_export_ban")


class Dist(BaseModel):
    """A distribution of one numeric parameter; see docs/scenarios.md, "Uncertainty"."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    dist: Literal["uniform", "triangular", "normal", "lognormal", "beta", "choice"]
    low: float | None = None
    high: float | None = None
    mode: float | None = None
    mean: float | None = None
    sd: float | None = Field(default=None, ge=0)
    sigma: float | None = Field(default=None, ge=0)
    a: float | None = Field(default=None, gt=0)
    b: float | None = Field(default=None, gt=0)
    values: list[float] | None = None
    weights: list[float] | None = None

    @model_validator(mode="after")
    def _params(self) -> Dist:
        need = {"uniform": ("low", "high"), "triangular": ("low", "mode", "high"), "normal": ("mean", "sd"),
                "lognormal": ("mean", "sigma"), "beta": ("a", "b"), "choice": ("values",)}[self.dist]
        missing = [k for k in need if getattr(self, k) is None]
        if missing:
            raise ValueError(f"'{self.dist}' needs {', '.join(missing)}")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError("need low <= high")
        if self.dist == "triangular" and not (self.low <= self.mode <= self.high):
            raise ValueError("need low <= mode <= high")
        if self.dist == "choice":
            if not self.values:
                raise ValueError("'choice' needs at least one value")
            if self.weights is not None and (len(self.weights) != len(self.values) or min(self.weights) < 0
                                             or sum(self.weights) <= 0):
                raise ValueError("'weights' must be as many as 'values', non-negative, not all zero")
        return self

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        d = self.dist
        if d == "uniform":
            x = rng.uniform(self.low, self.high, n)
        elif d == "triangular":
            x = rng.triangular(self.low, self.mode, self.high, n) if self.high > self.low else np.full(n, self.low)
        elif d == "normal":
            x = rng.normal(self.mean, self.sd, n)
        elif d == "lognormal":
            x = rng.lognormal(self.mean, self.sigma, n)
        elif d == "beta":
            x = rng.beta(self.a, self.b, n)
            lo, hi = (self.low or 0.0), (self.high if self.high is not None else 1.0)
            return lo + (hi - lo) * x
        else:
            p = None if self.weights is None else np.asarray(self.weights) / sum(self.weights)
            x = rng.choice(np.asarray(self.values, dtype=float), size=n, p=p)
        if self.low is not None or self.high is not None:  # truncation by clipping (normal, lognormal)
            lo = self.low if self.low is not None else -np.inf
            x = np.clip(x, lo, self.high if self.high is not None else np.inf)
        return x

    def ppf(self, u: np.ndarray) -> np.ndarray:
        """The quantile function at u in (0, 1): the value with P(X <= value) = u (for correlated draws)."""
        from scipy import stats

        u = np.clip(np.asarray(u, dtype=float), 1e-12, 1 - 1e-12)
        d = self.dist
        if d == "uniform":
            x = self.low + u * (self.high - self.low)
        elif d == "triangular":
            width = self.high - self.low
            x = (stats.triang((self.mode - self.low) / width, loc=self.low, scale=width).ppf(u) if width > 0
                 else np.full_like(u, self.low))
        elif d == "normal":
            x = stats.norm(self.mean, self.sd).ppf(u) if self.sd > 0 else np.full_like(u, self.mean)
        elif d == "lognormal":
            x = stats.lognorm(self.sigma, scale=np.exp(self.mean)).ppf(u) if self.sigma > 0 else \
                np.full_like(u, np.exp(self.mean))
        elif d == "beta":
            lo, hi = (self.low or 0.0), (self.high if self.high is not None else 1.0)
            return lo + (hi - lo) * stats.beta(self.a, self.b).ppf(u)
        else:
            w = np.ones(len(self.values)) if self.weights is None else np.asarray(self.weights, dtype=float)
            cum = np.cumsum(w) / w.sum()
            return np.asarray(self.values, dtype=float)[np.minimum(np.searchsorted(cum, u), len(cum) - 1)]
        if self.low is not None or self.high is not None:
            x = np.clip(x, self.low if self.low is not None else -np.inf,
                        self.high if self.high is not None else np.inf)
        return x

    def bounds(self) -> tuple[float, float]:
        """Smallest and largest value the distribution can produce (inf where unbounded)."""
        if self.dist == "choice":
            return min(self.values), max(self.values)
        if self.dist == "beta":
            return (self.low or 0.0), (self.high if self.high is not None else 1.0)
        lo = self.low if self.low is not None else (0.0 if self.dist == "lognormal" else -np.inf)
        return lo, (self.high if self.high is not None else np.inf)


Number = float | Dist


def _bounded(lo: float, hi: float):
    """A validator: a number or every value a distribution can give must lie in [lo, hi]."""

    def check(v: Number) -> Number:
        a, b = v.bounds() if isinstance(v, Dist) else (v, v)
        if a < lo or b > hi:
            raise ValueError(f"must lie in [{lo:g}, {hi:g}]" + (" for every value the distribution can give"
                                                                  if isinstance(v, Dist) else f", got {v:g}"))
        return v

    return AfterValidator(check)


Share = Annotated[Number, _bounded(0.0, 1.0)]
Months = Annotated[Number, _bounded(0.0, 1200.0)]
Positive = Annotated[Number, _bounded(0.0, np.inf)]


class Response(BaseModel):
    """How the market responds; defaults and their reasons in docs/methods/shocks.md."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    ramp_up: Share = 0.10
    stock_release: Share = 0.25
    leakage: Share = 0.10
    substitution: Share = 0.0
    utilisation: Annotated[Number, _bounded(0.05, 1.0)] = 0.80
    # None: stocks per chain, stage and member from reference/stocks.csv (sourced or labelled assumptions), scaled
    # by stock_scale; a number: that many months of use at every stage and country (the old uniform default)
    stock_months: Positive | None = None
    stock_scale: Positive = 1.0
    pool_stocks: bool = False


class _Timed(BaseModel):
    """What every shock has: how hard, from when, for how long, with which time profile."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    intensity: Share = 1.0
    start_month: Months = 0.0
    duration_months: Months = 12.0
    profile: str | list[Annotated[float, Field(ge=0, le=1)]] = "step"
    note: str = ""

    @field_validator("profile")
    @classmethod
    def _profile(cls, v: str | list[float]) -> str | list[float]:
        validate_shape(v)  # a known name (step, linear, licence) or a non-empty list of values in [0, 1]
        return v


class ExportMeasure(_Timed):
    """An export control: cuts the actor's exports at some stages to some destinations."""

    id: str | None = None
    kind: Literal[EXPORT_KINDS] | None = None  # type: ignore[valid-type]
    actor: str | None = None
    stages: list[str] | None = None
    hs: list[str] | None = None
    targets: list[str] = ["ALL"]
    exempt: list[str] = []
    # Element-aware relief: the share of other producers' spare capacity at the measure's stages that can relieve
    # it (their own inputs of the restricted elements come from outside the actor). None: all of it.
    relief_outside_actor: float | None = Field(default=None, ge=0.0, le=1.0)
    # Risk that differs by destination: an intensity per target (a country or bloc among `targets`), drawn per run
    # with `target_correlation` between targets (Gaussian copula; 1 = the same draw for all, 0 = independent).
    # Destinations not listed keep `intensity`.
    by_target: dict[str, Share] = {}
    target_correlation: float = Field(default=1.0, ge=0.0, le=1.0)


class Outage(_Timed):
    """A capacity outage: a share of a country's output at one stage lost for a while."""

    country: str
    stage: str
    duration_months: Months = 1.0


class Scenario(BaseModel):
    """One scenario file. `tariffs` holds the `import_tariff` measures (validated by chokepoints.tariffs)."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    name: str
    title: str = ""
    description: str = ""
    sources: list[str] = []
    chain: str | None = None
    alliance: str = "EU27+JPN"
    start: Annotated[str, AfterValidator(check_month)] | None = None
    horizon_months: int = Field(default=24, ge=1, le=240)
    year: int | None = Field(default=None, ge=1988, le=2100)
    rationing: Literal["pro_rata", "market_share", "alliance_first"] = "pro_rata"
    response: Response = Response()
    measures: list[ExportMeasure] = []
    outages: list[Outage] = []
    tariffs: list[Any] = []
    origin: str = ""

    @model_validator(mode="after")
    def _needs_chain(self) -> Scenario:
        if (self.measures or self.outages) and not self.chain:
            raise ValueError("export controls and outages need 'chain'")
        return self

    @classmethod
    def from_toml(cls, path: str | Path) -> Scenario:
        path = Path(path)
        raw = read_toml(path, what="scenario file", error=ScenarioError)
        return cls.from_dict(raw, origin=str(path), default_name=path.stem)

    @classmethod
    def from_dict(cls, raw: dict, *, origin: str = "<scenario>", default_name: str = "scenario") -> Scenario:
        raw = dict(raw)
        raw.setdefault("name", default_name)
        if "tariffs" in raw or "origin" in raw:
            key = "tariffs" if "tariffs" in raw else "origin"
            raise ScenarioError(f"{origin}: key '{key}': unknown key")
        measures = raw.pop("measures", [])
        if not isinstance(measures, list):
            raise ScenarioError(f"{origin}: key 'measures': must be an array of tables ([[measures]])")
        export, tariff, where = [], [], {}
        for i, m in enumerate(measures):
            if isinstance(m, dict) and m.get("kind") == "import_tariff":
                tariff.append((i, m))
            else:
                where[len(export)] = i
                export.append(m)
        try:
            sc = cls.model_validate({**raw, "measures": export, "origin": origin})
        except ValidationError as e:
            raise from_validation(e, origin=origin, label=lambda parent, i: where.get(i, i) if parent == "measures"
                                  else i) from None
        _check_within_horizon(sc, origin, where)
        sc.tariffs = [_tariff(m, i, origin) for i, m in tariff]
        return sc


def _check_within_horizon(sc: Scenario, origin: str, where: dict[int, int]) -> None:
    """A shock that starts at or after the last month never happens within the run: a mistake, not a scenario."""
    for group in ("measures", "outages"):
        for i, m in enumerate(getattr(sc, group)):
            v = m.start_month
            first = v.bounds()[0] if isinstance(v, Dist) else v
            if first >= sc.horizon_months:
                n = where.get(i, i) if group == "measures" else i
                what = f"{v:g}" if not isinstance(v, Dist) else f"every value of the distribution (from {first:g})"
                raise ScenarioError(f"{what} is beyond the horizon: months run from 0 to {sc.horizon_months - 1} "
                                    f"(horizon_months = {sc.horizon_months}); start earlier or lengthen the horizon",
                                    file=origin, key=f"{group}[{n}].start_month")


def _tariff(m: dict, i: int, origin: str):
    from chokepoints.tariffs.measure import TariffMeasure

    try:
        return TariffMeasure.model_validate(m)
    except ValidationError as e:
        raise from_validation(e, origin=origin, prefix=f"measures[{i}]") from None


def numeric_parameters(sc: Scenario) -> dict[str, Number]:
    """Every numeric parameter of the engine, by key path ('measures[0].intensity', 'response.leakage', ...)."""
    out: dict[str, Number] = {}
    for k in ("ramp_up", "stock_release", "leakage", "substitution", "utilisation", "stock_months", "stock_scale"):
        if getattr(sc.response, k) is not None:
            out[f"response.{k}"] = getattr(sc.response, k)
    for group in ("measures", "outages"):
        for i, m in enumerate(getattr(sc, group)):
            for k in ("intensity", "start_month", "duration_months"):
                out[f"{group}[{i}].{k}"] = getattr(m, k)
    return out


def draw_parameters(sc: Scenario, rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    """One array of n draws per numeric parameter (a constant array where the file gives a number).

    Parameters are drawn in a fixed order (that of `numeric_parameters`), so the same seed gives the same runs.
    """
    out = {}
    for key, v in numeric_parameters(sc).items():
        out[key] = v.sample(rng, n) if isinstance(v, Dist) else np.full(n, float(v))
    return out

