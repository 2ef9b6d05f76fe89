"""What every loader returns, and the small helpers loaders share.

A loader module (one per source format) exposes:
    FORMAT: str                      short format name, shown in `chokepoints status`
    matches(path) -> bool            whether a file or folder is in this format
    load(path, ctx) -> list[TableData]   parse and validate; never writes to the warehouse
The warehouse writes all TableData of one ingest in a single transaction.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from chokepoints.errors import InputError


@dataclass
class TableData:
    """Rows for one canonical table: a validated frame, or a Parquet file a streaming loader wrote."""

    table: str
    frame: pd.DataFrame | None = None
    parquet: Path | None = None
    rows: int = 0
    years: tuple[int | None, int | None] = (None, None)

    def __post_init__(self):
        if self.frame is not None:
            self.rows = len(self.frame)
            if self.years == (None, None):
                self.years = years_of(self.frame)


@dataclass
class LoadContext:
    """What a loader may use: a scratch folder for Parquet output and a DuckDB connection for streaming."""

    scratch: Path
    threads: int | None = None
    _con: object = field(default=None, repr=False)

    @property
    def con(self):
        if self._con is None:
            import duckdb

            self._con = duckdb.connect()
            if self.threads:
                self._con.execute(f"SET threads = {int(self.threads)}")
        return self._con


def claims(path: Path, *names: str) -> bool:
    """For a data set kept in named files: a folder holding the first name, or a file with one of the names."""
    return (path / names[0]).is_file() if path.is_dir() else path.name in names


def years_of(df: pd.DataFrame) -> tuple[int | None, int | None]:
    for col in ("year", "start_year"):
        if col in df.columns and df[col].notna().any():
            y = pd.to_numeric(df[col], errors="coerce")
            return int(y.min()), int(y.max())
    if "month" in df.columns and len(df):
        m = df["month"].astype(str).str[:4].astype(int)
        return int(m.min()), int(m.max())
    return (None, None)


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def source_line(path: Path) -> str:
    """The first heading of the SOURCE.md beside a data set (its origin in one line), or the file name."""
    folder = path if path.is_dir() else path.parent
    for candidate in (folder / "SOURCE.md", folder / "README.md"):
        if candidate.exists():
            for line in candidate.read_text(encoding="utf-8", errors="replace").splitlines():
                if line.startswith("#"):
                    return line.lstrip("# ").strip()
    return path.name


def read_csv(
    path: Path,
    *,
    required: Iterable[str],
    sep: str = ",",
    encoding: str = "utf-8",
    dtype=str,
    **kw,
) -> pd.DataFrame:
    """Read a small CSV as text with clear errors: missing file, empty file, wrong delimiter or encoding,
    ragged or truncated rows, missing columns. Adds `_row` (the 1-based line of each record)."""
    if not path.exists():
        raise InputError("file not found", file=path)
    if path.stat().st_size == 0:
        raise InputError("file is empty", file=path)
    raw = path.read_bytes()
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise InputError(f"not valid {encoding} text (byte {e.start})", file=path, row=line,
                         hint=f"save the file as {encoding}") from None
    text = text.lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError("file is empty", file=path) from None
    header = [h.strip() for h in header]
    required = list(required)
    missing = [c for c in required if c not in header]
    if missing:
        guess = next((d for d in (";", "\t", ",", "|") if d != sep and d in (header[0] if header else "")), None)
        hint = f"the file looks '{guess}'-separated; expected '{sep}'" if guess else f"found: {', '.join(header)}"
        raise InputError(f"missing column(s) {', '.join(missing)}", file=path, row=1, field=missing[0], hint=hint)
    records, lines = [], []
    line = 1
    start = reader.line_num + 1
    for rec in reader:
        line, start = start, reader.line_num + 1  # a quoted field may span lines: report where the record starts
        if not rec or all(not x.strip() for x in rec):
            continue
        if len(rec) < len(header) and not (len(rec) == len(header) - 1 and header[-1] == ""):
            raise InputError(f"row has {len(rec)} fields, header has {len(header)} (truncated or ragged row)",
                             file=path, row=line, field=header[len(rec)] if len(rec) < len(header) else None)
        if len(rec) > len(header):
            raise InputError(f"row has {len(rec)} fields, header has {len(header)}", file=path, row=line)
        records.append(rec[: len(header)] + [""] * (len(header) - len(rec)))
        lines.append(line)
    if not records:
        raise InputError("file has a header but no data rows", file=path, row=2)
    df = pd.DataFrame(records, columns=header, dtype=str)
    df = df.loc[:, [c for c in df.columns if c]]
    df["_row"] = lines
    if dtype is not str:
        df = df.astype(dtype)
    return df


def reject_first(df: pd.DataFrame, bad, problem: str, *, file, field: str, hint: str | None = None,
                 values: pd.Series | None = None) -> None:
    """Raise an InputError for the first row where `bad` holds (nothing when none does), naming its line in the
    file (the `_row` column) and `field`. `problem` may show the offending value as {value!r}; the value is read from
    `values` when given, else from df[field]."""
    bad = pd.Series(bad).fillna(False).astype(bool).to_numpy()
    if not bad.any():
        return
    i = int(bad.nonzero()[0][0])
    value = (values if values is not None else df[field]).iloc[i]
    raise InputError(problem.format(value=value), file=file, row=int(df["_row"].iloc[i]), field=field, hint=hint)


def to_number(df: pd.DataFrame, column: str, *, file: Path, out: str | None = None, allow_empty=True,
              thousands: bool = False) -> pd.Series:
    """Parse a text column as float; a non-numeric value raises InputError naming its line."""
    s = df[column].astype(str).str.strip()
    if thousands:
        s = s.str.replace(",", "", regex=False)
    empty = s.isin(["", "nan", "NaN", "None"])
    num = pd.to_numeric(s.where(~empty), errors="coerce")
    bad = num.isna() & ~empty
    if bad.any() or (not allow_empty and empty.any()):
        mask = bad | (empty & (not allow_empty))
        i = int(mask.to_numpy().nonzero()[0][0])
        value = df[column].iloc[i]
        problem = "value is missing" if empty.iloc[i] else f"value {value!r} is not a number"
        raise InputError(problem, file=file, row=int(df["_row"].iloc[i]) if "_row" in df else i + 2,
                         field=column)
    return num
