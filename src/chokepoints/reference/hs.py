"""HS codes of all revisions 1992-2022 (hs_codes.csv, built by scripts/build_hs_codes.py from the bundled
HS 2022 nomenclature, BACI's HS 2017 product list and UN Comtrade's HS92-HS17 correlation table)."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

import pandas as pd


@cache
def hs_codes() -> pd.DataFrame:
    """code (2, 4 or 6 digits) and the semicolon list of HS revisions it exists in."""
    with files(__package__).joinpath("hs_codes.csv").open(encoding="utf-8") as f:
        return pd.read_csv(f, dtype=str, keep_default_na=False)


@cache
def known_hs_codes() -> frozenset[str]:
    return frozenset(hs_codes()["code"])
