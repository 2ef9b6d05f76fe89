"""CEPII GeoDist (dist_cepii.csv, geo_cepii.csv) -> `distances` and `geography`.

GeoDist (2004 release) still uses withdrawn codes; each is mapped here explicitly, and any other code that the
reference does not know raises InputError (no silent guessing):
- ROM->ROU, ZAR->COD, TMP->TLS, PAL->PSE: renamed codes of the same country.
- YUG (CEPII's "Serbia and Montenegro") -> XSS, the reference's aggregate for that former state (BACI code 891
  maps to it too). It has no single successor: mapping it to SRB would give Serbia a coast and Montenegro's
  area. SRB and MNE therefore have no rows; a user who wants Belgrade's distances can select XSS explicitly.
- ANT (Netherlands Antilles, dissolved 2010) -> CUW: the reference has no code for the former entity, and the
  capital and main city from which CEPII measures (Willemstad) is in Curacao, so dist/distcap are Curacao's
  exactly; area (960 km2) is still the whole former Antilles.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from chokepoints.errors import InputError
from chokepoints.ingest.base import LoadContext, TableData, read_csv, reject_first, to_number
from chokepoints.ingest.schemas import validate
from chokepoints.reference import known_iso3

FORMAT = "cepii-geodist"
DIST, GEO = "dist_cepii.csv", "geo_cepii.csv"
OLD_CODES = {"ROM": "ROU", "ZAR": "COD", "TMP": "TLS", "PAL": "PSE", "YUG": "XSS", "ANT": "CUW"}
# CEPII gives the French Southern Territories the continent "No"; ISO/GeoNames (country-codes.csv, Continent AN)
# put them in Antarctica. Only this row is mapped; "No" anywhere else fails the catalogue check.
NO_CONTINENT = {"ATF": "Antarctica"}
MISSING = "."  # CEPII's (Stata's) missing value


def matches(path: Path) -> bool:
    if path.is_dir():
        return (path / DIST).is_file() or (path / GEO).is_file()
    return path.name in (DIST, GEO)


def load(path: Path, ctx: LoadContext) -> list[TableData]:
    files = [f for f in (path / DIST, path / GEO) if f.is_file()] if path.is_dir() else [path]
    return [TableData("distances", frame=parse_dist(f)) if f.name == DIST
            else TableData("geography", frame=parse_geo(f)) for f in files]


def parse_dist(file: Path) -> pd.DataFrame:
    df = _blank_missing(read_csv(file, required=["iso_o", "iso_d", "contig", "comlang_off", "colony", "dist",
                                                 "distcap", "distw"]))
    out = pd.DataFrame({
        "origin": iso3(df, "iso_o", file),
        "destination": iso3(df, "iso_d", file),
        "dist_km": to_number(df, "dist", file=file),
        "distcap_km": to_number(df, "distcap", file=file),
        "distw_km": to_number(df, "distw", file=file),
        **{c: flag(df, c, file) for c in ("contig", "comlang_off", "colony")},
        "_row": df["_row"],
    })
    return validate(out, "distances", file=str(file))


def parse_geo(file: Path) -> pd.DataFrame:
    """One row per country: the row of its main city (CEPII repeats 13 countries, once per capital/main city)."""
    df = _blank_missing(read_csv(file, required=["iso3", "country", "continent", "lat", "lon", "city_en",
                                                 "area", "landlocked", "maincity"]))
    main = flag(df, "maincity", file)
    counts = df.loc[main, "iso3"].value_counts()
    _main_city_once(df, counts, file)
    df = df[main.to_numpy()]
    code = iso3(df, "iso3", file)
    continent = df["continent"].str.strip()
    continent = continent.mask((continent == "No") & code.isin(NO_CONTINENT), code.map(NO_CONTINENT))
    out = pd.DataFrame({
        "iso3": code,
        "country": df["country"].str.strip(),
        "continent": continent,
        "lat": to_number(df, "lat", file=file),
        "lon": to_number(df, "lon", file=file),
        "city": df["city_en"].str.strip(),
        "area_km2": to_number(df, "area", file=file),
        "landlocked": flag(df, "landlocked", file),
        "_row": df["_row"],
    })
    return validate(out, "geography", file=str(file))


def iso3(df: pd.DataFrame, field: str, file: Path) -> pd.Series:
    """CEPII codes -> ISO3 via OLD_CODES; a code neither mapped nor known raises with its row."""
    code = df[field].str.strip().replace(OLD_CODES)
    reject_first(df, ~code.isin(known_iso3()), "unknown country code {value!r}", file=file, field=field,
                 hint="map it in geodist.OLD_CODES if it is a withdrawn code")
    return code


def flag(df: pd.DataFrame, field: str, file: Path) -> pd.Series:
    """A 0/1 dummy as bool; anything else raises (CEPII's maincity also uses 0/1 only)."""
    s = df[field].str.strip()
    reject_first(df, ~s.isin(["0", "1"]), "value {value!r} is not 0 or 1", file=file, field=field, values=s)
    return s == "1"


def _main_city_once(df: pd.DataFrame, counts: pd.Series, file: Path) -> None:
    codes = df["iso3"].str.strip()
    bad = codes.map(counts).fillna(0) != 1
    if bad.any():
        i = int(bad.to_numpy().nonzero()[0][0])
        n = int(counts.get(codes.iloc[i], 0))
        raise InputError(f"country {codes.iloc[i]!r} has {n} rows marked maincity=1; expected exactly one",
                         file=file, row=int(df["_row"].iloc[i]), field="maincity")


def _blank_missing(df: pd.DataFrame) -> pd.DataFrame:
    cols = [c for c in df.columns if c != "_row"]
    df[cols] = df[cols].replace(MISSING, "")
    return df
