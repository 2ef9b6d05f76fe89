"""Countries and the numeric codes trade statistics use for them.

countries.csv: ISO 3166 (datasets/country-codes, PDDL) plus Taiwan and statistical aggregates (WLD, ROW, ...).
trade_codes.csv: BACI/Comtrade numeric codes -> ISO3, built from BACI's own country table, because those codes are
not ISO numeric (251 France, 842 USA, 490 "Other Asia, nes" = Taiwan; DESIGN.md, known pitfalls).
Both are made by scripts/build_countries.py.
"""

from __future__ import annotations

import csv
import logging
from functools import cache
from importlib.resources import files

import pandas as pd

from chokepoints.errors import InputError


def _read(name: str, **kw) -> pd.DataFrame:
    with files(__package__).joinpath(name).open(encoding="utf-8") as f:
        return pd.read_csv(f, keep_default_na=False, **kw)


@cache
def countries() -> pd.DataFrame:
    """ISO3, ISO2, ISO numeric, name, UN region, sub-region and kind (country | territory | aggregate)."""
    df = _read("countries.csv", dtype=str)
    df["iso_numeric"] = pd.to_numeric(df["iso_numeric"], errors="coerce").astype("Int64")
    return df


def _aggregate_codes() -> frozenset[str]:
    with files(__package__).joinpath("countries.csv").open(encoding="utf-8", newline="") as f:
        listed = {r["iso3"] for r in csv.DictReader(f) if r["kind"] == "aggregate"}
    return frozenset(listed | REGION_CODES)


# Region codes the curated tables use for more than one country, and the empty code of an unattributed row
REGION_CODES = frozenset({"", "EU", "EU27", "EUROPE"})
# Codes that are no single country: countries.csv's aggregates (WLD, ROW, "Areas, nes", former states) and the
# regions above. A network, a production share or a supplier ranking leaves them out.
AGGREGATE_CODES: frozenset[str] = _aggregate_codes()


@cache
def place_codes() -> frozenset[str]:
    """Every code a table may name a place by: ISO3 codes (aggregates such as WLD and ROW among them), the regions
    above and the bloc names of blocs.toml ("ALL", every country, is a table's own convention, not a place)."""
    from chokepoints.reference.blocs import bloc_names

    return known_iso3() | (REGION_CODES - {""}) | frozenset(bloc_names())


@cache
def known_iso3() -> frozenset[str]:
    return frozenset(countries()["iso3"])


@cache
def _trade_codes() -> dict[int, str]:
    df = _read("trade_codes.csv", dtype={"code": int, "iso3": str})
    return dict(zip(df["code"], df["iso3"], strict=True))


def iso3_from_trade_codes(
    codes: pd.Series, *, file: str, field: str, row_offset: int = 2, rows: pd.Series | None = None
) -> pd.Series:
    """Map BACI/Comtrade numeric country codes to ISO3; an unknown code raises InputError naming its row.

    `rows` gives each value's line in the file; without it, `row_offset` turns the 0-based position into the line
    (header on line 1).
    """
    mapping = _trade_codes()
    out = codes.map(mapping)
    bad = out.isna()
    if bad.any():
        pos = int(bad.to_numpy().nonzero()[0][0])
        raise InputError(
            f"unknown country code {codes.iloc[pos]!r}",
            file=file,
            row=int(rows.iloc[pos]) if rows is not None else pos + row_offset,
            field=field,
            hint="BACI/Comtrade numeric codes are listed in reference/trade_codes.csv",
        )
    return out


# Names that sources use and country_converter does not resolve (or resolves to something else).
_NAME_OVERRIDES = {
    "world": "WLD",
    "world total": "WLD",
    "world total (rounded)": "WLD",
    "world total (may be rounded)": "WLD",
    "other countries": "ROW",
    "others": "ROW",
    "other": "ROW",
    "rest of world": "ROW",
    "other asia, nes": "TWN",
    "areas, nes": "XNS",
    "kosovo": "XKX",
    "congo (kinshasa)": "COD",
    "congo (brazzaville)": "COG",
    "burma": "MMR",
    "korea, republic of": "KOR",
    "korea, north": "PRK",
    "european union": "EU27",
    "congo, d.r.": "COD",  # EC CRM 2023 supply-share tables
    "brasil": "BRA",  # EC CRM 2023 EU sourcing shares
    "libanon": "LBN",  # EC CRM 2023 EU sourcing shares
    "uae": "ARE",  # China customs/Comtrade-derived tables (china_comtrade_cm)
}


@cache
def _converter():
    import country_converter as coco  # slow import and set-up (regex tables): once, and only when needed

    logging.getLogger("country_converter").setLevel(logging.ERROR)
    return coco.CountryConverter()


@cache
def _iso3_names() -> dict[str, str]:
    return dict(zip(countries()["iso3"], countries()["name"], strict=True))


def country_name(code: str) -> str:
    """'China' for 'CHN'; a bloc or an unknown code as it is ('EU27')."""
    return _iso3_names().get(str(code), str(code))


@cache
def _names() -> dict[str, str]:
    """Exact names (lower-case) from countries.csv -> ISO3, tried before country_converter's patterns."""
    return {n.lower(): c for n, c in zip(countries()["name"], countries()["iso3"], strict=True)}


def _convert(names: list[str]) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    rest = []
    for name in names:
        key = name.strip().lower()
        hit = _NAME_OVERRIDES.get(key) or (key.upper() if key.upper() in known_iso3() else None) or _names().get(key)
        if hit:
            out[name] = hit
        else:
            rest.append(name)
    if rest:
        found = _converter().convert(rest, to="ISO3", not_found=None)
        found = found if isinstance(found, list) else [found]
        for name, iso3 in zip(rest, found, strict=True):
            out[name] = iso3 if isinstance(iso3, str) and iso3 in known_iso3() else None
    return out


def iso3_from_names(
    names: pd.Series, *, file: str, field: str, row_offset: int = 2, allow_blocs: bool = False
) -> pd.Series:
    """Map country names as sources print them ("Korea, Republic of", "Türkiye") to ISO3.

    Uses country_converter's regular expressions plus the overrides above; an unknown name raises InputError
    naming its row. With allow_blocs, bloc names (EU27) pass as themselves.
    """
    uniques = _convert(list(pd.unique(names.astype(str))))
    out = names.astype(str).map(uniques)
    bad = out.isna() | (~allow_blocs & out.isin(["EU27"]))
    if bad.any():
        pos = int(bad.to_numpy().nonzero()[0][0])
        raise InputError(
            f"unknown country name {names.iloc[pos]!r}",
            file=file,
            row=pos + row_offset,
            field=field,
            hint="add it to reference/countries.py _NAME_OVERRIDES if it is a real country",
        )
    return out
