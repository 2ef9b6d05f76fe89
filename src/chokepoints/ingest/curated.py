"""The curated reference tables (data/curated, see its README.md): trade measures, supply projects, chain-stage
shares, material intensities and demand, one CSV each, curated by hand with a source on every row.

A folder of these files is one data set; a single file with the same header (a user's own `projects.csv`) loads
just its table. Files are recognised by their header, not their name.
"""

from __future__ import annotations

import csv
import logging
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from chokepoints.errors import InputError
from chokepoints.ingest.base import LoadContext, TableData, read_csv, reject_first, to_number
from chokepoints.ingest.schemas import validate
from chokepoints.reference import catalogue
from chokepoints.reference.countries import place_codes

FORMAT = "curated"
log = logging.getLogger(__name__)

# Region codes the curated README allows besides ISO3 (EU as actor/target, Europe as a source reports it, ...).
NEAR = 0.5  # share of a curated header a file must have to be read (and told what is missing) as that table
START_NOTE = " [start is the announcement date: no effective date in the sources read]"


@dataclass(frozen=True)
class Spec:
    """One curated file: the canonical table it feeds, its header, and the renames to the table's columns."""

    table: str
    header: tuple[str, ...]
    rename: dict[str, str] = field(default_factory=dict)


_COMMON = ("source", "source_date", "confidence")
SPECS = (
    Spec("measures",
         ("id", "actor", "kind", "materials", "hs_codes", "targets", "announced", "effective", "ended",
          "suspended_until", "description", *_COMMON),
         {"materials": "material", "hs_codes": "hs6", "ended": "end"}),
    Spec("projects",
         ("id", "name", "operator", "country", "material", "stage", "capacity_t_per_year", "capacity_basis",
          "status", "start_year", "partners", "capex_musd", *_COMMON, "notes"),
         {"capacity_t_per_year": "capacity_t"}),
    Spec("stage_shares",
         ("stage", "material", "year", "country", "share", "quantity", "unit", *_COMMON, "notes")),
    Spec("intensities", ("quantity", "value", "unit", "low", "high", *_COMMON, "notes")),
    Spec("demand", ("region", "material", "year", "quantity", "unit", "basis", *_COMMON, "notes")),
)


def _header(path: Path) -> list[str]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            return [h.strip() for h in next(csv.reader(f), [])]
    except (OSError, UnicodeDecodeError, csv.Error):
        return []


def spec_of(path: Path) -> Spec | None:
    """The curated table a CSV file holds, judged by its header (None if it is not a curated file)."""
    spec, overlap = closest_spec(path)
    return spec if overlap == 1 else None


def closest_spec(path: Path) -> tuple[Spec | None, float]:
    """The curated table whose header a CSV file shares most, and the share of that header it has."""
    if path.suffix.lower() != ".csv":
        return None, 0.0
    header = set(_header(path))
    scored = [(len(header & set(s.header)) / len(s.header), s) for s in SPECS]
    overlap, spec = max(scored, key=lambda x: x[0])
    return spec, overlap


def _csvs(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.csv") if not p.name.startswith("."))


def matches(path: Path) -> bool:
    path = Path(path)
    if path.is_file():
        return spec_of(path) is not None
    # A folder with curated files whose other CSVs look curated too (a damaged header must fail in load, not be
    # skipped while the rest loads); a folder with unrelated CSVs is not claimed.
    files = _csvs(path) if path.is_dir() else []
    return any(spec_of(p) for p in files) and all(closest_spec(p)[1] >= NEAR for p in files)


def load(path: Path, ctx: LoadContext) -> list[TableData]:
    path = Path(path)
    files = [path] if path.is_file() else _csvs(path)
    out: dict[str, TableData] = {}
    for file in files:
        spec, overlap = closest_spec(file)
        if spec is None or overlap < NEAR:
            raise InputError("not a curated table (header matches none of measures, projects, chain_stages, "
                             "intensities, demand)", file=file, row=1)
        if spec.table in out:
            raise InputError(f"a second file for table '{spec.table}' in the same folder", file=file,
                             hint="keep one file per table")
        out[spec.table] = TableData(spec.table, frame=read_table(file, spec))
    if not out:
        raise InputError("no curated CSV files found", file=path)
    return list(out.values())


def read_table(file: Path, spec: Spec) -> pd.DataFrame:
    """Parse and validate one curated file into its canonical table."""
    df = read_csv(file, required=spec.header).rename(columns=spec.rename)
    try:
        if spec.table == "measures":
            df = _measures(df, file)
        if spec.table == "demand":
            df = _drop_unquantified(df, file)
        return validate(_typed(df, spec.table, file), spec.table, file=str(file))
    except InputError as e:
        # Name the column as the file has it (capacity_t_per_year), not as the table does (capacity_t).
        source = {v: k for k, v in spec.rename.items()}.get(e.field, e.field)
        raise InputError(e.problem, file=e.file, row=e.row, field=source, hint=e.hint) from None


def _typed(df: pd.DataFrame, table: str, file: Path) -> pd.DataFrame:
    """Numbers through to_number (errors name the line); blank text becomes missing, not ''."""
    cat = catalogue()
    for col in cat.loc[cat["table"] == table].itertuples():
        if col.column not in df.columns:
            continue
        if col.dtype in ("float", "int"):
            df[col.column] = to_number(df, col.column, file=file)
        elif col.dtype == "str":
            text = df[col.column].str.strip()
            df[col.column] = text.where(text != "", None)
    return df


def _measures(df: pd.DataFrame, file: Path) -> pd.DataFrame:
    _check_targets(df, file)
    _check_codes(df, file)
    effective, announced = df["effective"].str.strip(), df["announced"].str.strip()
    # README: start is the effective date; where the sources state none, the announcement date stands in.
    fallback = (effective == "") & (announced != "")
    df["start"] = effective.where(~fallback, announced)
    df.loc[fallback, "description"] = df.loc[fallback, "description"] + START_NOTE
    df["intensity"] = None  # not in the curated file: scenarios set it
    return df.drop(columns=["effective"])


def _check_targets(df: pd.DataFrame, file: Path) -> None:
    """`targets` is ALL or a semicolon list of ISO3, bloc or README region codes."""
    known = place_codes()
    for value, line in zip(df["targets"], df["_row"], strict=True):
        if value.strip() == "ALL":
            continue
        bad = [c for c in (t.strip() for t in value.split(";")) if c not in known]
        if bad:
            raise InputError(f"unknown country or region code {bad[0]!r} in targets {value!r}", file=file,
                             row=int(line), field="targets",
                             hint="use ALL or ISO3 codes / EU, EU27, EUROPE, WLD, ROW / a bloc, separated by ';'")


def _check_codes(df: pd.DataFrame, file: Path) -> None:
    """hs_codes are customs codes as printed: digits only, separated by ';'."""
    for value, line in zip(df["hs6"], df["_row"], strict=True):
        bad = [c for c in value.split(";") if value.strip() and not c.strip().isdigit()]
        if bad:
            raise InputError(f"customs code {bad[0]!r} is not all digits", file=file, row=int(line),
                             field="hs_codes", hint="list codes separated by ';'")


def _drop_unquantified(df: pd.DataFrame, file: Path) -> pd.DataFrame:
    """A demand row with neither quantity nor unit records a ratio or context, not a figure (README: 'Quantity
    left blank'), and loads with both empty; a row with a unit but no quantity is an error (a lost number)."""
    lost = (df["quantity"].str.strip() == "") & (df["unit"].str.strip() != "")
    reject_first(df, lost, "value is missing (the row has a unit but no quantity)", file=file, field="quantity")
    return df
