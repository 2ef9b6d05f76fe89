"""The network container: arrays indexed [stage, country] and [stage, exporter, importer], annual tonnes."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Network:
    """A chain's network in one year. Stages are in chain order; `inputs[s]` lists the stages stage s consumes.

    flows[s, i, j]  tonnes of stage s's product shipped from country i to country j per year
    production[s, i], use[s, i]  tonnes per year after reconciliation (use = production + imports - exports)
    capacity[s, i], stocks[s, i]  tonnes (per year, held); NaN where the data have none (scenario defaults apply)
    unit_value[s]  USD per tonne of stage s's product (from the trade data; NaN without trade)
    producer[s, i]  True where a source (IEA, USGS, curated data or shares) says country i produces at stage s:
                    only there can spare capacity exist (trade-implied producers are not assumed to have any)
    """

    chain: str
    year: int
    countries: list[str]
    stages: list[str]
    inputs: list[list[int]]
    flows: np.ndarray
    production: np.ndarray
    use: np.ndarray
    capacity: np.ndarray
    stocks: np.ndarray
    unit_value: np.ndarray
    provenance: pd.DataFrame = field(default_factory=pd.DataFrame)
    producer: np.ndarray | None = None

    @property
    def exports(self) -> np.ndarray:
        return self.flows.sum(axis=2)

    @property
    def imports(self) -> np.ndarray:
        return self.flows.sum(axis=1)

    def index(self, countries) -> np.ndarray:
        """Positions of the given ISO3 codes that are in the network (unknown ones are skipped)."""
        pos = {c: i for i, c in enumerate(self.countries)}
        return np.array([pos[c] for c in countries if c in pos], dtype=int)

    def stage_index(self, stage: str) -> int:
        from chokepoints.errors import UnknownNameError

        if stage not in self.stages:
            raise UnknownNameError(f"unknown stage '{stage}' in chain '{self.chain}'; known: {self.stages}")
        return self.stages.index(stage)

    def balance_table(self) -> pd.DataFrame:
        """Long table: stage, country, production, imports, exports, use (t/yr), for countries with any of them."""
        S, N = self.production.shape
        df = pd.DataFrame({
            "stage": np.repeat(self.stages, N), "country": np.tile(self.countries, S),
            "production_t": self.production.ravel(), "imports_t": self.imports.ravel(),
            "exports_t": self.exports.ravel(), "use_t": self.use.ravel(),
        })
        keep = df[["production_t", "imports_t", "exports_t"]].abs().sum(axis=1) > 0
        return df[keep].reset_index(drop=True)
