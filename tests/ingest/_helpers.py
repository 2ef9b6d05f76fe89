"""Small helpers the loader tests share (importable because pytest puts this folder on sys.path)."""

from __future__ import annotations

import pandas as pd


def one_row(df: pd.DataFrame, **where) -> pd.Series:
    """The single row matching column == value for each keyword; fails the test unless exactly one matches."""
    for k, v in where.items():
        df = df[df[k] == v]
    assert len(df) == 1, where
    return df.iloc[0]
