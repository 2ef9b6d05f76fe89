"""Costs, prices, downstream values and policy switches of the optimiser: costs.toml, overridable by a user's TOML.

Every number carries its source, year and kind (cited / derived / assumption); the report lists the ones a result
used. A user's file has the same layout and holds only the keys it changes (merged key by key).
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from chokepoints.errors import InputError, from_validation, read_toml

DEFAULTS = "optimise/costs.toml"
CONSTRAINTS = ("crma", "days_of_cover", "budget", "risk")


class Sourced(BaseModel):
    """A number with where it comes from."""

    model_config = ConfigDict(extra="forbid")
    value: float
    kind: Literal["cited", "derived", "assumption"] = "assumption"
    year: int | None = None
    source: str = "user file"
    note: str = ""

    def cite(self) -> str:
        return f"{self.source} ({self.kind}{', ' + str(self.year) if self.year else ''})"


class Finance(BaseModel):
    model_config = ConfigDict(extra="forbid")
    discount_rate: Sourced
    asset_life_years: Sourced
    holding_cost_rate: Sourced
    contract_premium: Sourced
    contract_max_share: Sourced
    max_offtake_share: Sourced
    feasibility_delay_years: Sourced
    transfer_cost_share: Sourced | None = None  # per tonne moved between members (joint mode), share of the price

    def capital_recovery_factor(self) -> float:
        """Annuity per unit of capex: r / (1 - (1 + r)^-n) (standard capital recovery factor)."""
        return crf(self.discount_rate.value, self.asset_life_years.value)


def crf(rate: float, years: float) -> float:
    """Capital recovery factor r / (1 - (1+r)^-n): the yearly payment that repays 1 over n years at rate r."""
    if rate == 0:
        return 1.0 / years
    return rate / (1.0 - (1.0 + rate) ** (-years))


class ProjectRules(BaseModel):
    model_config = ConfigDict(extra="forbid")
    stage_map: dict[str, str] = Field(default_factory=dict)
    materials: list[str] = Field(default_factory=list)
    overrides: dict[str, dict[str, Any]] = Field(default_factory=dict)


class Crma(BaseModel):
    model_config = ConfigDict(extra="forbid")
    enabled: bool = False
    cap: float = Field(0.65, ge=0, le=1)
    source: str = ""


class DaysOfCover(BaseModel):
    model_config = ConfigDict(extra="forbid")
    enabled: bool = True
    days: float = Field(60, ge=0)
    high_risk_days: float = Field(180, ge=0)
    high_risk_top_share: float = Field(0.65, ge=0, le=1)
    high_risk_stages: list[str] = Field(default_factory=list)
    source: str = ""
    note: str = ""


class Budget(BaseModel):
    model_config = ConfigDict(extra="forbid")
    enabled: bool = False
    usd: dict[str, float] = Field(default_factory=dict)
    note: str = ""


class Risk(BaseModel):
    model_config = ConfigDict(extra="forbid")
    enabled: bool = False
    measure: Literal["expected", "cvar"] = "cvar"
    alpha: float = Field(0.95, ge=0, lt=1)
    max_share: float = Field(0.05, ge=0)
    note: str = ""


class Objective(BaseModel):
    model_config = ConfigDict(extra="forbid")
    risk_weight: float = Field(0.0, ge=0)
    alpha: float = Field(0.95, ge=0, lt=1)
    sharing: Literal["pro_rata", "pool"] = "pro_rata"
    note: str = ""


class Policy(BaseModel):
    """The switchable policy constraints and the objective's risk settings."""

    model_config = ConfigDict(extra="forbid")
    crma: Crma = Field(default_factory=Crma)
    days_of_cover: DaysOfCover = Field(default_factory=DaysOfCover)
    budget: Budget = Field(default_factory=Budget)
    risk: Risk = Field(default_factory=Risk)
    objective: Objective = Field(default_factory=Objective)

    def switched(self, name: str, on: bool) -> Policy:
        """A copy with constraint `name` (crma, days_of_cover, budget, risk) switched on or off."""
        if name not in CONSTRAINTS:
            raise InputError(f"unknown constraint '{name}'", hint=f"one of {', '.join(CONSTRAINTS)}")
        return self.model_copy(update={name: getattr(self, name).model_copy(update={"enabled": on})})

    def enabled(self) -> list[str]:
        return [c for c in CONSTRAINTS if getattr(self, c).enabled]


class Costs(BaseModel):
    """Everything costs.toml holds (see its comments); `policy` is the default policy."""

    model_config = ConfigDict(extra="forbid")
    finance: Finance
    prices: dict[str, dict[str, Sourced]]
    capex: dict[str, dict[str, Sourced]]
    shortfall_value: dict[str, dict[str, Sourced]]
    projects: dict[str, ProjectRules] = Field(default_factory=dict)
    policy: Policy = Field(default_factory=Policy)
    origin: str = DEFAULTS

    @model_validator(mode="after")
    def _finite(self) -> Costs:
        for table in ("prices", "capex", "shortfall_value"):
            for chain, stages in getattr(self, table).items():
                for stage, s in stages.items():
                    if not math.isfinite(s.value) or s.value < 0:
                        raise ValueError(f"{table}.{chain}.{stage}: must be a finite number >= 0")
        return self


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for k, v in over.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def load_costs(path: str | Path | None = None) -> Costs:
    """The bundled costs.toml, with a user's TOML file merged over it key by key."""
    from chokepoints.reference.prices import price_table

    # the one price table, shared with the shock engine; costs.toml or a user's file may override a price
    raw = _merge(price_table(), tomllib.loads(files("chokepoints").joinpath(DEFAULTS).read_text(encoding="utf-8")))
    origin = DEFAULTS
    if path is not None:
        p = Path(path)
        user = read_toml(p, what="costs file")
        raw = _merge(raw, user)
        origin = f"{DEFAULTS} + {p}"
    try:
        return Costs(**raw, origin=origin)
    except ValidationError as e:
        raise from_validation(e, origin=origin, error=InputError) from None


@dataclass
class StageCosts:
    """Per-stage numbers of one chain, resolved from Costs (USD per t, or per piece)."""

    price: dict[str, Sourced] = field(default_factory=dict)
    capex: dict[str, Sourced] = field(default_factory=dict)
    shortfall_value: dict[str, Sourced] = field(default_factory=dict)


def stage_costs(costs: Costs, chain: str, stages: list[str]) -> StageCosts:
    """Price and downstream value of every stage in `stages` (an error names the missing key); capex where known."""
    out = StageCosts()
    for table in ("prices", "shortfall_value"):
        have = getattr(costs, table).get(chain, {})
        for s in stages:
            if s not in have:
                raise InputError(f"no {table} for stage '{s}' of chain '{chain}'", file=costs.origin,
                                 field=f"{table}.{chain}.{s}", hint="add it to your --costs TOML")
            getattr(out, "price" if table == "prices" else table)[s] = have[s]
    out.capex = dict(costs.capex.get(chain, {}))
    return out
