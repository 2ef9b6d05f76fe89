"""World Bank Worldwide Governance Indicators, bulk CSV (wide layout) -> canonical `governance`.

Source: Kaufmann & Kraay, Worldwide Governance Indicators, 2023 update (www.govindicators.org), World Bank bulk
file `WGIData.csv`: `Country Name, Country Code, Indicator Name, Indicator Code, 1996, 1998, 2000, 2002..2022`, a
UTF-8 byte-order mark and a trailing empty column (data/raw/wgi/SOURCE.md). Only the six estimates `*.EST` are kept:
the EU criticality method rescales these (DESIGN.md, Methods, EU criticality).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from chokepoints.errors import InputError
from chokepoints.ingest.base import LoadContext, TableData, claims, read_csv
from chokepoints.ingest.schemas import validate
from chokepoints.reference import known_iso3

FORMAT = "wgi"
FILE = "WGIData.csv"
_ID = ["Country Name", "Country Code", "Indicator Name", "Indicator Code"]
_ESTIMATES = {f"{d}.EST": d for d in ("VA", "PV", "GE", "RQ", "RL", "CC")}

# World Bank codes that are not ISO 3166 alpha-3 (older WB files use them). None = known, deliberately not loaded.
_WB_CODES: dict[str, str | None] = {
    "ROM": "ROU",  # Romania, WB code before 2002
    "ZAR": "COD",  # Congo, Dem. Rep. (Zaire)
    "TMP": "TLS",  # Timor-Leste (East Timor)
    "ADO": "AND",  # Andorra
    "WBG": "PSE",  # West Bank and Gaza
    "KSV": "XKX",  # Kosovo, older WB code; the reference uses XKX
    # Netherlands Antilles: dissolved 2010, ISO code withdrawn and absent from reference/countries.csv; its
    # successors (CUW, SXM, BES) cannot be told apart in its estimates, so its rows are skipped by name, not guessed.
    "ANT": None,
}


def matches(path: Path) -> bool:
    """The WGI folder (holding WGIData.csv) or the file itself; WDI bulk files share the layout, so by name only."""
    return claims(Path(path), FILE)


def _country_codes(codes: pd.Series, rows: pd.Series, *, file: Path) -> pd.Series:
    """World Bank country codes -> ISO3 (None for the explicitly skipped codes); unknown codes raise InputError."""
    known = known_iso3()
    out = codes.map(lambda c: _WB_CODES.get(c, c if c in known else ""))
    bad = out.eq("")
    if bad.any():
        i = int(bad.to_numpy().nonzero()[0][0])
        raise InputError(f"unknown country code {codes.iloc[i]!r}", file=file, row=int(rows.iloc[i]),
                         field="Country Code", hint="add World Bank-specific codes to wgi._WB_CODES")
    return out


def parse(path: Path) -> pd.DataFrame:
    """Long frame (year, country, indicator, wgi, _row) of the six estimates; empty cells (no estimate) dropped."""
    file = Path(path)
    raw = read_csv(file, required=_ID, encoding="utf-8")  # read_csv strips the BOM and the unnamed last column
    years = [c for c in raw.columns if re.fullmatch(r"\d{4}", c)]
    if not years:
        raise InputError("no year columns (e.g. '2022') in the header", file=file, row=1, field="Indicator Code")
    est = raw[raw["Indicator Code"].str.strip().isin(_ESTIMATES)].copy()
    if est.empty:
        raise InputError("no *.EST series (VA.EST, PV.EST, ...) in the file", file=file, field="Indicator Code")
    est["country"] = _country_codes(est["Country Code"].str.strip(), est["_row"], file=file)
    est = est[est["country"].notna()]
    long = est.melt(id_vars=["country", "Indicator Code", "_row"], value_vars=years, var_name="year",
                    value_name="text")
    long = long[long["text"].str.strip() != ""]  # no estimate for that economy and year: not an error
    long["wgi"] = pd.to_numeric(long["text"].str.strip(), errors="coerce")
    if long["wgi"].isna().any():  # name the year column the bad cell sits in, not the melted one
        bad = long[long["wgi"].isna()].sort_values("_row").iloc[0]
        raise InputError(f"value {bad['text']!r} is not a number", file=file, row=int(bad["_row"]), field=bad["year"])
    long["indicator"] = long["Indicator Code"].str.strip().map(_ESTIMATES)
    long["year"] = long["year"].astype(int)
    return long.sort_values(["_row", "year"])[["year", "country", "indicator", "wgi", "_row"]]


def load(path: Path, ctx: LoadContext) -> list[TableData]:
    """Parse and validate the WGI estimates; writes nothing."""
    file = Path(path) / FILE if Path(path).is_dir() else Path(path)
    return [TableData("governance", frame=validate(parse(file), "governance", file=str(file)))]
