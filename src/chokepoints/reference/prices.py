"""The one price table (prices.toml): USD per unit of each chain stage's product, each with its source and kind.

The shock engine values output lost with it and the optimiser's costs merge it, so the same tonne never carries two
prices. A stage without a price is 'not valued' (NaN), never USD 0.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib.resources import files

import numpy as np
import pandas as pd


@cache
def price_table() -> dict:
    """{"prices": {chain: {stage: {value, kind, year, source, note}}}} as written in prices.toml."""
    return tomllib.loads(files(__package__).joinpath("prices.toml").read_text(encoding="utf-8"))


def stage_prices(chain: str, stages: list[str]) -> np.ndarray:
    """USD per unit (t, or piece) of each stage, NaN where the table has none."""
    have = price_table()["prices"].get(chain, {})
    return np.array([float(have[s]["value"]) if s in have else np.nan for s in stages])


def prices_frame(chain: str | None = None) -> pd.DataFrame:
    """chain, stage, usd_per_unit, kind, year, source: the table as rows (for docs, CLI and result metadata)."""
    rows = [{"chain": c, "stage": s, "usd_per_unit": float(v["value"]), "kind": v["kind"], "year": v["year"],
             "source": v["source"]}
            for c, stages in price_table()["prices"].items() for s, v in stages.items()]
    df = pd.DataFrame(rows)
    return df[df["chain"] == chain].reset_index(drop=True) if chain else df
