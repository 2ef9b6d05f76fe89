"""Busch et al. (2024) lithium replication data: Deposit.csv -> `deposits`; USGS_Production_lithium.csv ->
`production`.

Units follow the paper (SOURCE.md says to verify them): tonnages in thousand tonnes of lithium content, grades
in % Li, costs in USD per tonne Li. One check holds: the deposits' 2022 production rates sum to 146.45, exactly
the 2022 rows of USGS_Production_lithium.csv (146,450 t Li), so rates are kt Li per year.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from chokepoints.errors import InputError
from chokepoints.ingest.base import LoadContext, TableData, claims, read_csv, reject_first, to_number
from chokepoints.ingest.schemas import validate
from chokepoints.reference import iso3_from_names

FORMAT = "lithium-deposits-busch"
DEPOSITS, PRODUCTION = "Deposit.csv", "USGS_Production_lithium.csv"
# The USGS MCS 2026 loader writes commodity 'Lithium' to `production`; these MCS 2024 figures (as copied by the
# paper) get their own commodity name so the key (year, country, commodity, stage) cannot collide.
COMMODITY = "Lithium (MCS 2024)"
NOTE = ("USGS Mineral Commodity Summaries 2024 as copied by Busch et al. (2024); t Li content. The file carries "
        "no estimate flags (MCS marks its latest year as estimated).")
# Deposit.csv column -> deposits column, for the numbers kept as they are.
NUMBERS = {
    "Latitude": "latitude", "Longitude": "longitude",
    "Grade_percLi_Reserve": "grade_pct_li", "grade_resource": "grade_resource_pct_li",
    "grade_resource_inferred": "grade_inferred_pct_li",
    "reserve": "reserve_kt", "resource_demostrated": "resource_demonstrated_kt",
    "resource_inferred": "resource_inferred_kt", "all_resource": "resource_kt",
    "prod_rate2022": "production_2022_kt", "prod_rate2023": "production_2023_kt",
    "max_prod_rate": "max_production_kt",
    "cost1": "cost1_usd_t", "cost2": "cost2_usd_t", "cost3": "cost3_usd_t",
}
TEXT = ["d", "Country", "Deposit_Name", "Resource_Type", "Resource_Type_orig", "Status", "open_mine",
        "cost_source"]


def matches(path: Path) -> bool:
    return claims(path, DEPOSITS, PRODUCTION)


def load(path: Path, ctx: LoadContext) -> list[TableData]:
    files = [f for f in (path / DEPOSITS, path / PRODUCTION) if f.is_file()] if path.is_dir() else [path]
    return [TableData("deposits", frame=parse_deposits(f)) if f.name == DEPOSITS
            else TableData("production", frame=parse_production(f)) for f in files]


def parse_deposits(file: Path) -> pd.DataFrame:
    df = read_csv(file, required=[*TEXT, *NUMBERS])
    ident = df["d"].str.strip()
    reject_first(df, ~ident.str.fullmatch(r"\d+").fillna(False), "value {value!r} is not a deposit number", file=file,
                 field="d")
    # R writes missing values as NA; only the numeric columns may hold it.
    numbers = {new: to_number(df.assign(**{old: df[old].replace("NA", "")}), old, file=file)
               for old, new in NUMBERS.items()}
    out = pd.DataFrame({
        "id": "BUSCH-" + ident,
        "name": df["Deposit_Name"].str.strip(),
        "country": _countries(df, "Country", file),
        "material": "lithium",
        "resource_type": df["Resource_Type"].str.strip(),
        "resource_type_detail": df["Resource_Type_orig"].str.strip(),
        "status": df["Status"].str.strip().str.lower(),
        "open_mine": _bool(df, "open_mine", file),
        **numbers,
        "cost_source": df["cost_source"].str.strip(),
        "_row": df["_row"],
    })
    return validate(out, "deposits", file=str(file))


def parse_production(file: Path) -> pd.DataFrame:
    df = read_csv(file, required=["Country", "Year", "USGS_production"])
    tonnes = to_number(df, "USGS_production", file=file, allow_empty=False)
    out = pd.DataFrame({
        "year": to_number(df, "Year", file=file, allow_empty=False),
        "country": _countries(df, "Country", file),
        "commodity": COMMODITY,
        "stage": "extraction",
        "quantity_t": tonnes,
        "quantity": tonnes,
        "unit": "metric tons",
        "estimated": False,
        "note": NOTE,
        "_row": df["_row"],
    })
    return validate(out, "production", file=str(file))


def _countries(df: pd.DataFrame, field: str, file: Path) -> pd.Series:
    names = df[field].str.strip().reset_index(drop=True)
    try:
        iso3 = iso3_from_names(names, file=str(file), field=field)
    except InputError as e:  # it counts positions from the header; point at the real line instead
        raise InputError(e.problem, file=file, row=int(df["_row"].iloc[e.row - 2]), field=field,
                         hint=e.hint) from None
    return pd.Series(iso3.to_numpy(), index=df.index)


def _bool(df: pd.DataFrame, field: str, file: Path) -> pd.Series:
    s = df[field].str.strip().str.upper()
    reject_first(df, ~s.isin(["TRUE", "FALSE"]), "value {value!r} is not TRUE or FALSE", file=file, field=field)
    return s == "TRUE"

