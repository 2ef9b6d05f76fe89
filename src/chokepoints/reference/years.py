"""Years and calendar months: which year of a yearly table stands for a given year (the one rule every part of the
package applies), and which dates a scenario may name."""

from __future__ import annotations

import datetime
import re

import pandas as pd


def nearest_year(df: pd.DataFrame, year: int, column: str = "year") -> pd.DataFrame:
    """The rows of the latest year at or before YEAR, else (nothing that early) those of the earliest year after it.

    Production, capacity and curated shares are published later than trade, and some only for one year: a 2023
    network takes 2023 figures where they exist, the 2022 ones where not, and 2024 ones only if nothing earlier is
    known. An empty frame gives itself back."""
    if df.empty:
        return df
    years = df[column].dropna().unique()
    if not len(years):
        return df.iloc[0:0]
    before = years[years <= year]
    return df[df[column] == (before.max() if len(before) else years.min())]


FIRST_YEAR, LAST_YEAR = 1900, 2100  # calendar dates a scenario or measure may name


def check_month(text: str) -> str:
    """TEXT if it is a calendar month 'YYYY-MM' or a date 'YYYY-MM-DD' in FIRST_YEAR..LAST_YEAR; else ValueError
    saying what is wrong ('2025-13': month 13 is not a month)."""
    m = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", text)
    if not m:
        raise ValueError(f"{text!r} is not a month YYYY-MM or a date YYYY-MM-DD")
    year, month = int(m[1]), int(m[2])
    if not 1 <= month <= 12:
        raise ValueError(f"{text!r}: month {month} is not a month (01-12)")
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"{text!r}: year {year} is outside {FIRST_YEAR}-{LAST_YEAR}")
    if m[3]:
        try:
            datetime.date(year, month, int(m[3]))
        except ValueError:
            raise ValueError(f"{text!r}: day {int(m[3])} is not a day of {year}-{month:02d}") from None
    return text
