"""The catalogue of canonical tables (tables.csv): columns, types, units and checks, kept as data.

The pandera schemas (ingest/schemas.py), the docs and `chokepoints status` all read this one file.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

import pandas as pd


@cache
def catalogue() -> pd.DataFrame:
    """One row per (table, column): dtype, nullable, key, check, unit, description."""
    with files(__package__).joinpath("tables.csv").open(encoding="utf-8") as f:
        cat = pd.read_csv(f, dtype=str, keep_default_na=False)
    cat["nullable"] = cat["nullable"] == "true"
    cat["key"] = cat["key"] == "true"
    return cat


def table_columns(table: str) -> list[str]:
    """Column names of a canonical table in catalogue order."""
    cat = catalogue()
    cols = cat.loc[cat["table"] == table, "column"].tolist()
    if not cols:
        raise KeyError(f"unknown table '{table}'; known: {sorted(cat['table'].unique())}")
    return cols
