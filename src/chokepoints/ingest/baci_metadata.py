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
    if path.is_dir():  # a folder that also holds BACI year files is a BACI release (baci.py loads it whole)
        from chokepoints.ingest.baci import year_files

        return bool(metadata_files(path)) and not year_files(path)
    return _kind(path) is not None


def metadata_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if _kind(p))


def _newest_countries(files: list[Path]) -> Path:
    # one release's table per data set: trade_codes is keyed by code
    return max((p for p in files if _kind(p) == "countries"), key=lambda p: COUNTRIES.fullmatch(p.name)[1])


def _kind(path: Path) -> str | None:
    if PRODUCTS.fullmatch(path.name):
        return "products"
    if COUNTRIES.fullmatch(path.name):
        return "countries"
    return None


def load(path: Path, ctx: LoadContext) -> list[TableData]:
    files = metadata_files(path) if path.is_dir() else [path]
    if path.is_dir() and any(_kind(p) == "countries" for p in files):
        files = [p for p in files if _kind(p) != "countries"] + [_newest_countries(files)]
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


# BACI changed its country table's layout in V202601: comma-separated `country_code,country_name,country_iso2,
# country_iso3`; releases up to V202501 used `;` and `country_code;country_name_abbreviation;country_name_full;
# iso_2digit_alpha;iso_3digit_alpha`. The header tells which, so either release loads.
LAYOUTS = {
    "V202601": (",", ["country_code", "country_name", "country_iso3"], "country_name"),
    "V202301": (";", ["country_code", "country_name_abbreviation", "iso_3digit_alpha"], "country_name_abbreviation"),
}


def _country_layout(file: Path) -> tuple[str, list[str], str]:
    try:
        with open(file, encoding="utf-8-sig", errors="replace") as f:
            head = f.readline(65536)
    except OSError:
        head = ""
    return LAYOUTS["V202601"] if "country_iso3" in head else LAYOUTS["V202301"]


def parse_countries(file: Path) -> pd.DataFrame:
    """BACI's country list as `trade_codes`: numeric code -> ISO3 (from the shipped reference)."""
    version = COUNTRIES.fullmatch(file.name)[1].upper()
    sep, required, name_col = _country_layout(file)
    df = read_csv(file, sep=sep, required=required)
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
        "name": df[name_col].str.strip().to_numpy(),
        "source": f"CEPII BACI {version}",
        "_row": df["_row"].to_numpy(),
    })
    return validate(out, "trade_codes", file=str(file))
