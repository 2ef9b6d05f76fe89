"""Render a DataFrame as a rich table, CSV or JSON: the one output path of every listing command."""

from __future__ import annotations

import json
import math
import sys
from enum import StrEnum

import pandas as pd


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def _jsonable(v):
    if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, pd.Timestamp):
        return v.isoformat()
    if hasattr(v, "item"):
        return v.item()
    return v


def to_records(df: pd.DataFrame) -> list[dict]:
    return [{k: _jsonable(v) for k, v in row.items()} for row in df.to_dict(orient="records")]


def render(df: pd.DataFrame, fmt: Format | str = Format.table, *, title: str | None = None,
           caption: str | None = None, stream=None) -> None:
    """Write `df` to stdout as a rich table (with title and source caption), CSV, or JSON records."""
    fmt = Format(fmt)
    stream = stream or sys.stdout
    if fmt is Format.csv:
        df.to_csv(stream, index=False)
    elif fmt is Format.json:
        json.dump(to_records(df), stream, indent=2, default=str)
        stream.write("\n")
    else:
        from rich.console import Console
        from rich.markup import escape
        from rich.table import Table

        df = without_noise(df)
        console = Console(file=stream)
        width = console.width if console.is_terminal else 220  # a pipe or file gets room for the whole table
        shown = _fitting(df, width)
        if len(shown) < len(df.columns):
            hidden = [str(c) for c in df.columns if c not in shown]
            caption = ((caption + " ") if caption else "") + (
                f"Not shown at this width ({width} columns): {', '.join(hidden)}; see them with --format csv or "
                "json, or a wider terminal.")
            df = df[shown]
        table = Table(title=title, caption=caption, show_lines=False, header_style="bold")
        for col in df.columns:
            numeric = pd.api.types.is_numeric_dtype(df[col]) and not pd.api.types.is_bool_dtype(df[col])
            table.add_column(escape(str(col)), justify="right" if numeric else "left", overflow="fold")
        for row in df.itertuples(index=False):
            # (a cell is text, never markup: "project [sentence classifier]" read as a style tag lost its label)
            table.add_row(*(escape(_cell(v)) for v in row))
        Console(file=stream, width=width).print(table)


def _fitting(df: pd.DataFrame, width: int, cell_cap: int = 24) -> list:
    """The leading columns whose natural widths (header or longest cell, long text counted as it will wrap) fit in
    `width`: the views put what matters first, so the last columns give way (at least three stay)."""
    cols, used = [], 4
    for col in df.columns:
        cells = df[col].map(_cell) if len(df) else pd.Series([], dtype=str)
        natural = max([len(str(col))] + [min(len(c), cell_cap) for c in cells])
        if cols and len(cols) >= 3 and used + natural + 3 > width:
            break
        cols.append(col)
        used += natural + 3
    return cols


def without_noise(df: pd.DataFrame, rel: float = 1e-9) -> pd.DataFrame:
    """Floating-point round-off shown as what it is: 0 (-1.5e-08 of a column in the millions is 0)."""
    out = df.copy()
    for col in out.columns:
        s = out[col]
        if pd.api.types.is_float_dtype(s):
            scale = float(s.abs().max()) if s.notna().any() else 0.0
            out[col] = s.where(~(s.abs() <= max(rel * scale, 1e-12)), 0.0)
    return out


def _cell(v) -> str:
    v = _jsonable(v)
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:,.0f}" if abs(v) >= 1000 else f"{v:,.4g}"
    if isinstance(v, int) and not isinstance(v, bool):
        return f"{v:,}" if abs(v) >= 1000 and not 1800 <= v <= 2200 else str(v)
    return str(v)
