"""ISO 3166 / UN M49 crosswalk (datasets/country-codes: country-codes.csv) -> canonical `countries`.

The same rules as scripts/build_countries.py, which made the shipped reference/countries.csv from this file:
so after an ingest the warehouse table equals the reference. Entries ISO does not list (Taiwan where missing,
Kosovo, statistical aggregates WLD/ROW/X..) are taken from the shipped reference, the only place they are defined.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from chokepoints.ingest.base import LoadContext, TableData, claims, read_csv, reject_first
from chokepoints.ingest.schemas import validate
from chokepoints.reference import countries as reference_countries

FORMAT = "country-codes"
MAIN = "country-codes.csv"
ISO3, ISO2, NUMERIC = "ISO3166-1-Alpha-3", "ISO3166-1-Alpha-2", "ISO3166-1-numeric"
# Short English name: CLDR's display name ("Bosnia", "Antigua & Barbuda"), else UN terminology, else official.
NAMES = ["CLDR display name", "UNTERM English Short", "official_name_en"]


def matches(path: Path) -> bool:
    return claims(path, MAIN)


def load(path: Path, ctx: LoadContext) -> list[TableData]:
    file = path / MAIN if path.is_dir() else path
    return [TableData("countries", frame=parse(file))]


def parse(file: Path) -> pd.DataFrame:
    df = read_csv(file, required=[ISO3, ISO2, NUMERIC, *NAMES, "Region Name", "Sub-region Name",
                                  "is_independent"])
    iso3 = df[ISO3].str.strip()
    reject_first(df, ~iso3.str.fullmatch(r"[A-Z]{3}").fillna(False), "value {value!r} is not a 3-letter ISO code",
                 file=file, field=ISO3)
    numeric = df[NUMERIC].str.strip()
    reject_first(df, ~numeric.str.fullmatch(r"\d{1,3}").fillna(False), "value {value!r} is not an ISO numeric code",
                 file=file, field=NUMERIC)
    name = _first_filled(df, NAMES)
    reject_first(df, name == "", "value {value!r} is missing (and so are the other name columns)", file=file,
                 field=NAMES[0])
    out = pd.DataFrame({
        "iso3": iso3,
        "iso2": df[ISO2].str.strip().replace("", None),
        "iso_numeric": numeric.astype(int),
        "name": name,
        "region": df["Region Name"].str.strip().replace("", None),
        "sub_region": df["Sub-region Name"].str.strip().replace("", None),
        # ISO lists dependencies too; is_independent reads "Yes" or "Part of FI", "Territory of US", ...
        "kind": df["is_independent"].str.strip().eq("Yes").map({True: "country", False: "territory"}),
        "_row": df["_row"],
    })
    iso = validate(out, "countries", file=str(file))
    # The added rows come from the shipped reference, so a failure there is the reference's, not this file's.
    extra = _not_in_iso(set(iso3))[list(iso.columns)].astype(iso.dtypes.to_dict())
    both = pd.concat([iso, extra], ignore_index=True).sort_values("iso3", ignore_index=True)
    return validate(both, "countries", file="chokepoints/reference/countries.csv")


def _not_in_iso(iso3: set[str]) -> pd.DataFrame:
    """Reference rows this file lacks (Taiwan if missing, Kosovo, aggregates), with no source line."""
    ref = reference_countries()
    extra = ref[~ref["iso3"].isin(iso3)].copy()
    for col in ("iso2", "region", "sub_region"):
        extra[col] = extra[col].replace("", None)
    return extra


def _first_filled(df: pd.DataFrame, columns: list[str]) -> pd.Series:
    out = pd.Series("", index=df.index)
    for col in reversed(columns):
        value = df[col].str.strip()
        out = value.where(value != "", out)
    return out

