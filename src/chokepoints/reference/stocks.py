"""Default stocks by chain, stage and member (stocks.csv): months of a basis, each row with its source and kind.

basis: `use` (months of the country's use of the stage's product), `imports` (months of its imports) or
`exposed_imports` (months of its imports from the actors of the scenario's measures at that stage: the buyers who
are exposed hold the stock). release: the share of the opening stock that can be drawn per month (empty: the
scenario's stock_release). The most specific row wins: chain+stage+member, then member '*', then stage '*'.
Declared stocks (the warehouse `stocks` table) take precedence over these defaults.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

import pandas as pd


@cache
def stock_defaults() -> pd.DataFrame:
    with files(__package__).joinpath("stocks.csv").open(encoding="utf-8") as f:
        df = pd.read_csv(f, dtype={"chain": str, "stage": str, "member": str, "basis": str})
    return df


def stock_rule(chain: str, stage: str, member: str) -> pd.Series:
    """The row that applies to one chain, stage and member (members are bloc codes, e.g. JPN or EU27)."""
    df = stock_defaults()
    for c, s, m in ((chain, stage, member), (chain, stage, "*"), (chain, "*", member), (chain, "*", "*"),
                    ("*", "*", "*")):
        hit = df[(df["chain"] == c) & (df["stage"] == s) & (df["member"] == m)]
        if len(hit):
            return hit.iloc[0]
    raise LookupError("stocks.csv has no '*,*,*' row")
