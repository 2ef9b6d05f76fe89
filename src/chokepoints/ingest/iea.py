"""IEA Critical Minerals Data Explorer, mining and refining supply by country -> `production`, `production_outlook`.

Source: data/raw/iea_critical_minerals/SOURCE.md, `supply_by_country.csv` (`mineral,stage,country,year,kt`), the
"Total supply for key minerals" sheet flattened: the top 4-6 countries, "Rest of world" and the world total per
mineral and stage, in thousand tonnes of contained mineral. The earliest year in the file is IEA's base year (2024,
actual figures) and goes to `production`; the later years (2030, 2035, 2040) are IEA's base-case projections and
go to `production_outlook` only, so that no projection is ever read as an observed figure.
Country rows need not add up to the total (up to 3 % apart for nickel refining 2024): both are kept as published.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from chokepoints.errors import InputError
from chokepoints.ingest.base import LoadContext, TableData, claims, read_csv, reject_first, to_number
from chokepoints.ingest.schemas import validate
from chokepoints.reference import iso3_from_names

FORMAT = "iea-critical-minerals"
FILE = "supply_by_country.csv"
COLUMNS = ["mineral", "stage", "country", "year", "kt"]
PREFIX = "IEA "  # commodity = "IEA <mineral>": never the same name as a USGS commodity in `production`
CASE = "base"  # the supply sheet has IEA's base case only
STAGES = {"mining": "extraction", "refining": "refining"}
# Aggregate rows, by the names the file uses; all other names go through the shared name reference.
AGGREGATES = {"rest of world": "ROW", "world total": "WLD", "total": "WLD"}
# The edition is not stated in the file: base year 2024 points to the 2025 Outlook (SOURCE.md says to check it).
BASIS = "IEA Critical Minerals Data Explorer (CC BY 4.0), base year {base_year}; kt of contained mineral"
# What the quantity counts where IEA's basis is narrower than "contained mineral" (SOURCE.md).
DETAIL = {
    ("Rare Earth Elements", None): "magnet rare earths Nd, Pr, Dy, Tb, oxide basis",
    ("Lithium", None): "lithium content",
    ("Graphite", "refining"): "battery-grade graphite",
}
WHO = {"ROW": "countries outside IEA's list (Rest of world)", "WLD": "IEA world total"}


def matches(path: Path) -> bool:
    """A folder holding supply_by_country.csv, or that file itself (the JSON beside it is not read)."""
    return claims(Path(path), FILE)


def _countries(df: pd.DataFrame, file: Path) -> pd.Series:
    names = df["country"].str.strip()
    aggregate = names.str.lower().map(AGGREGATES)
    others = names[aggregate.isna()].reset_index(drop=True)
    out = aggregate.copy()
    if len(others):
        try:
            iso3 = iso3_from_names(others, file=str(file), field="country", row_offset=0)
        except InputError as e:
            rows = df.loc[aggregate.isna(), "_row"]
            raise InputError(e.problem, file=file, row=int(rows.iloc[e.row]), field="country", hint=e.hint) from None
        out[aggregate.isna()] = iso3.to_numpy()
    return out


def _note(mineral: str, stage: str, country: str, base_year: int) -> str:
    detail = DETAIL.get((mineral, stage)) or DETAIL.get((mineral, None))
    parts = [BASIS.format(base_year=base_year), detail or "", WHO.get(country, "")]
    return "; ".join(p for p in parts if p)


def parse(file: Path) -> dict[str, pd.DataFrame]:
    """`production` (base year) and `production_outlook` (later years) frames, with `_row`, before validation."""
    df = read_csv(file, required=COLUMNS)
    for col in ("mineral", "country"):
        reject_first(df, df[col].str.strip() == "", "value is missing", file=file, field=col)
    stage = df["stage"].str.strip().str.lower().map(STAGES)
    reject_first(df, stage.isna(), "stage {value!r} is not mining or refining", file=file, field="stage")
    year = to_number(df, "year", file=file, allow_empty=False)
    reject_first(df, year != year.round(), "year {value!r} is not a whole year", file=file, field="year")
    kt = to_number(df, "kt", file=file, allow_empty=False)
    reject_first(df, kt < 0, "value {value!r} is negative", file=file, field="kt")
    mineral = df["mineral"].str.strip()
    country = _countries(df, file)
    base_year = int(year.min())
    out = pd.DataFrame({
        "year": year.astype("int64"),
        "country": country,
        "commodity": PREFIX + mineral,
        "stage": stage,
        "quantity_t": kt * 1000,
        "quantity": kt,
        "unit": "kt",
        "estimated": False,
        "note": [_note(m, s, c, base_year) for m, s, c in zip(mineral, df["stage"].str.strip().str.lower(), country,
                                                               strict=True)],
        "_row": df["_row"],
    })
    outlook = out[out["year"] > base_year].assign(case=CASE)
    outlook["note"] = outlook["note"] + f"; IEA {CASE}-case projection from base year {base_year}"
    return {"production": out[out["year"] == base_year], "production_outlook": outlook}


def load(path: Path, ctx: LoadContext) -> list[TableData]:
    """Parse and validate the supply table; writes nothing."""
    file = Path(path) / FILE if Path(path).is_dir() else Path(path)
    frames = parse(file)
    return [TableData(t, frame=validate(frames[t], t, file=str(file))) for t in ("production", "production_outlook")
            if len(frames[t])]
