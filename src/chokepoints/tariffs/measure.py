"""A tariff measure of a scenario file (`[[measures]]` with `kind = "import_tariff"`, docs/scenarios.md)."""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from chokepoints.reference.years import check_month

STACKING = ("replace", "add", "floor")
# A rate is a fraction. Above 1 (100 %) it is legal but unusual (the US charged 1.45 on China in April 2025): the
# result's notes say what it means. Above MAX_RATE (1000 %) it is a percentage given by mistake: refused.
MAX_RATE = 10.0


class TariffMeasure(BaseModel):
    """An ad-valorem import tariff that `actor` (the importing market) sets on goods from `targets`.

    `rate` is a fraction (0.30 = 30 %; above MAX_RATE, 10 = 1000 %, it is refused as a percentage given by
    mistake). How it combines with the rate already applied (`baseline_rate`, else the warehouse's schedule for the
    US, else 0), line by line:
      replace  the new rate is `rate` (default);
      add      `rate` is charged on top of the baseline (the April 2025 'reciprocal' tariffs stack on MFN);
      floor    the new rate is max(baseline, `rate`) (the 2025 EU and Japan deals: 15 % all-inclusive, MFN if higher).
    `exempt_annex2` (US only): HTS-8 lines that Annex II of Executive Order 14257 exempts from the reciprocal
    tariffs keep their baseline rate (flags from Global Trade Alert's us_hts-8_digit_sectioned.csv).
    """

    model_config = ConfigDict(extra="forbid")

    kind: Literal["import_tariff"] = "import_tariff"
    id: str | None = None
    actor: str = Field(description="importing market: ISO3 code or bloc")
    targets: list[str] = Field(min_length=1, description="sources the rate applies to: ALL, ISO3 codes or blocs")
    hs: list[str] = Field(default=["all"], min_length=1, description='HS codes (2-6 digits) or ["all"]')
    rate: float = Field(ge=0, description="new ad-valorem rate as a fraction")
    baseline_rate: float | None = Field(default=None, ge=0, description="rate applied before, as a fraction")
    stacking: Literal["replace", "add", "floor"] = "replace"
    exempt_annex2: bool = False
    start: Annotated[str, AfterValidator(check_month)] | None = None

    @field_validator("rate", "baseline_rate")
    @classmethod
    def _finite(cls, v: float | None) -> float | None:
        if v is not None and not math.isfinite(v):
            raise ValueError("must be a finite number (a fraction: 0.30 for 30 %)")
        if v is not None and v > MAX_RATE:
            raise ValueError(f"{v:g} means {v:.0%}; rates are fractions: give {v / 100:.2f} for {v:g} % "
                             f"(above {MAX_RATE:g}, i.e. {MAX_RATE:.0%}, a rate is refused)")
        return v

    @field_validator("actor")
    @classmethod
    def _actor(cls, v: str) -> str:
        v = v.strip()
        if not v:
            raise ValueError("must name the importing market (an ISO3 code or a bloc)")
        return v

    @field_validator("targets")
    @classmethod
    def _targets(cls, v: list[str]) -> list[str]:
        out = [t.strip() for t in v]
        if any(not t for t in out):
            raise ValueError("an empty target; use ALL, ISO3 codes or bloc names")
        return out

    @field_validator("hs")
    @classmethod
    def _hs(cls, v: list[str]) -> list[str]:
        out = [str(c).strip().replace(".", "") for c in v]
        if [c.lower() for c in out] == ["all"]:
            return ["all"]
        for c in out:
            if c.lower() == "all":
                raise ValueError('"all" cannot be combined with HS codes')
            if not (c.isdigit() and 2 <= len(c) <= 6 and len(c) % 2 == 0):
                raise ValueError(f"{c!r} is not an HS code of 2, 4 or 6 digits")
        return out

    @property
    def all_products(self) -> bool:
        return self.hs == ["all"]

    def label(self) -> str:
        return self.id or f"{self.actor} {self.rate:.0%} on {'+'.join(self.targets)}"
