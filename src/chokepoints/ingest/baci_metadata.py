"""CEPII BACI metadata: product_codes_HSxx_Vyyyymm.csv -> `hs_codes`; country_codes_Vyyyymm.csv -> `trade_codes`.

BACI numbers countries with UN Comtrade codes, not ISO numeric (251 France, 842 USA, 490 "Other Asia, nes" =
Taiwan; DESIGN.md, known pitfalls). The ISO3 of each code comes from the shipped reference
(`iso3_from_trade_codes`, reference/trade_codes.csv, built from this very file) so the warehouse table and the
mapping every other loader uses cannot disagree.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from chokepoints.errors import InputError
from chokepoints.ingest.base import LoadContext, TableData, read_csv, reject_first
from chokepoints.ingest.schemas import validate
from chokepoints.reference import iso3_from_trade_codes

FORMAT = "baci-metadata"
PRODUCTS = re.compile(r"product_codes_(HS\d\d)_(V\d{6}[a-z]?)\.csv", re.IGNORECASE)
COUNTRIES = re.compile(r"country_codes_(V\d{6}[a-z]?)\.csv", re.IGNORECASE)


def matches(path: Path) -> bool:
    if path.is_dir():
        return any(_kind(p) for p in path.iterdir())
    return _kind(path) is not None


def _kind(path: Path) -> str | None:
    if PRODUCTS.fullmatch(path.name):
        return "products"
    if COUNTRIES.fullmatch(path.name):
        return "countries"
    return None


def load(path: Path, ctx: LoadContext) -> list[TableData]:
    files = sorted(p for p in path.iterdir() if _kind(p)) if path.is_dir() else [path]
    if not files:
        raise InputError("no BACI product_codes_*/country_codes_* file found", file=path)
    out = []
    for file in files:
        if _kind(file) == "products":
            out.append(TableData("hs_codes", frame=parse_products(file)))
        else:
            out.append(TableData("trade_codes", frame=parse_countries(file)))
    return out


def parse_products(file: Path) -> pd.DataFrame:
    """BACI's product list as `hs_codes` rows of the revision its file name states (HS17 for ..._HS17_...)."""
    revision = PRODUCTS.fullmatch(file.name)[1].upper()
    df = read_csv(file, required=["code", "description"])
    raw = df["code"].str.strip()
    # BACI writes codes as numbers, so chapters 01-09 lost their leading zero ("10121" is 010121).
    reject_first(df, ~raw.str.fullmatch(r"\d{5,6}"), "value {value!r} is not a 6-digit HS code (5 digits if the "
                 "leading 0 is lost)", file=file, field="code", values=raw)
    code = raw.str.zfill(6)
    out = pd.DataFrame({
        "revision": revision,
        "code": code,
        "description": df["description"].str.strip(),
        "parent": code.str[:4],
        "level": 6,
        "section": None,  # BACI does not say; the HS 2022 nomenclature (hs_nomenclature.py) does
        "_row": df["_row"],
    })
    return validate(out, "hs_codes", file=str(file))


def parse_countries(file: Path) -> pd.DataFrame:
    """BACI's country list as `trade_codes`: numeric code -> ISO3 (from the shipped reference)."""
    version = COUNTRIES.fullmatch(file.name)[1].upper()
    df = read_csv(file, sep=";", required=["country_code", "country_name_abbreviation", "iso_3digit_alpha"])
    code = df["country_code"].str.strip()
    reject_first(df, ~code.str.fullmatch(r"\d{1,3}"), "value {value!r} is not a numeric country code", file=file,
                 field="country_code", values=code)
    code = code.astype(int)
    try:
        iso3 = iso3_from_trade_codes(code.reset_index(drop=True), file=str(file), field="country_code")
    except InputError as e:  # it counts positions from the header; point at the real line instead
        line = int(df["_row"].iloc[e.row - 2])
        raise InputError(e.problem, file=file, row=line, field=e.field, hint=e.hint) from None
    out = pd.DataFrame({
        "code": code.to_numpy(),
        "iso3": iso3.to_numpy(),
        "name": df["country_name_abbreviation"].str.strip().to_numpy(),
        "source": f"CEPII BACI {version}",
        "_row": df["_row"].to_numpy(),
    })
    return validate(out, "trade_codes", file=str(file))
