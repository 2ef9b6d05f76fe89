"""UN Comtrade's correlation table HS92..HS17 <-> BEC4 <-> SITC1-4 (one xlsx sheet) -> `hs_concordance`.

One row per correspondence combination (many-to-many), so the table has no key; rows that repeat exactly add
nothing and are dropped (the real file has none). Codes stay text: '010111', SITC '0015'.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd

from chokepoints.errors import InputError
from chokepoints.ingest.base import LoadContext, TableData, claims, reject_first
from chokepoints.ingest.schemas import validate

FORMAT = "comtrade-hs-correlations"
MAIN = "official-correlations-between-comtrade-codes.xlsx"
COLUMNS = ["HS92", "HS96", "HS02", "HS07", "HS12", "HS17", "BEC4", "SITC1", "SITC2", "SITC3", "SITC4"]
# What a code of each family looks like; anything else is a damaged cell, not a code.
PATTERNS = {**{c: r"\d{6}" for c in COLUMNS[:6]}, "BEC4": r"\d{1,3}",
            **{c: r"\d{4,5}" for c in COLUMNS[7:]}}
MISSING = {"NULL", ""}  # UNSD exports SQL NULL as the text 'NULL' where a code has no counterpart

log = logging.getLogger(__name__)


def matches(path: Path) -> bool:
    return claims(path, MAIN)


def load(path: Path, ctx: LoadContext) -> list[TableData]:
    file = path / MAIN if path.is_dir() else path
    return [TableData("hs_concordance", frame=parse(file))]


def parse(file: Path) -> pd.DataFrame:
    df = _read_sheet(file)
    for col in COLUMNS:
        df[col] = _codes(df, col, file)
    before = len(df)
    df = df.drop_duplicates(subset=COLUMNS, keep="first")
    if len(df) < before:
        log.info("%s: dropped %d rows that repeat an earlier row exactly", file.name, before - len(df))
    df = df.rename(columns={c: c.lower() for c in COLUMNS})
    return validate(df, "hs_concordance", file=str(file))


def _read_sheet(file: Path) -> pd.DataFrame:
    """The first sheet (its name is ' HSBECSITC ', spaces included) as text, with `_row` = the Excel row."""
    import openpyxl  # only this loader needs it

    if not file.exists():
        raise InputError("file not found", file=file)
    # We own the file handle: a read-only workbook whose row iterator is abandoned early would leave it open.
    with open(file, "rb") as handle:
        return _parse_workbook(openpyxl, handle, file)


def _parse_workbook(openpyxl, handle, file: Path) -> pd.DataFrame:
    try:
        wb = openpyxl.load_workbook(handle, read_only=True, data_only=True)
    except Exception as e:  # zipfile/openpyxl raise several types for a damaged or non-xlsx file
        raise InputError(f"not a readable xlsx workbook ({type(e).__name__})", file=file) from None
    try:
        rows = wb.worksheets[0].iter_rows(values_only=True)
        header = [str(h).strip() if h is not None else "" for h in next(rows, ())]
        missing = [c for c in COLUMNS if c not in header]
        if missing:
            raise InputError(f"missing column(s) {', '.join(missing)}", file=file, row=1, field=missing[0],
                             hint=f"found: {', '.join(h for h in header if h)}")
        at = [header.index(c) for c in COLUMNS]
        # The sheet carries a few unnamed, empty trailing columns: only the named ones are read.
        records, lines = [], []
        for line, values in enumerate(rows, start=2):
            if values is None or all(v is None for v in values):
                continue
            values = tuple(values) + (None,) * (len(header) - len(values))
            records.append([_text(values[i]) for i in at])
            lines.append(line)
    finally:
        wb.close()
    if not records:
        raise InputError("sheet has a header but no data rows", file=file, row=2)
    df = pd.DataFrame(records, columns=COLUMNS, dtype=object)
    df["_row"] = lines
    return df


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _codes(df: pd.DataFrame, col: str, file: Path) -> pd.Series:
    """A code column as text; 'NULL' becomes missing; a value that is not a code raises with its row."""
    s = df[col]
    missing = s.isin(MISSING)
    bad = ~missing & ~s.str.fullmatch(PATTERNS[col]).fillna(False).astype(bool)
    reject_first(df, bad, f"value {{value!r}} is not a {col} code", file=file, field=col, values=s,
                 hint="HS codes are 6 digits; keep them as text so leading zeros survive")
    return s.where(~missing, None)
