"""Validation of canonical tables, built from the catalogue (reference/tables.csv).

Frame-sized tables go through a pandera schema; streamed tables (BACI, ~10M rows a year) get the same checks as one
SQL pass in DuckDB (`sql_violations`). Either way the first violation becomes an InputError naming the file, the
line in that file and the field.
"""

from __future__ import annotations

import re
from functools import cache

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from chokepoints.errors import InputError
from chokepoints.reference import catalogue, known_iso3
from chokepoints.reference.countries import place_codes
from chokepoints.reference.hs import known_hs_codes

ROW = "_row"  # optional column a loader sets: the 1-based line in the source file each row came from

_DTYPES = {"str": "string", "int": "Int64", "float": "float64", "bool": "boolean"}
_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


def _check(spec: str) -> tuple[pa.Check, str] | None:
    """A pandera check and the plain-words problem for one catalogue `check` entry."""
    if not spec:
        return None
    if spec == "iso3":
        codes = known_iso3()
        return pa.Check.isin(codes), "is not a known ISO3 country code"
    if spec == "iso3_or_bloc":
        codes = place_codes() | {"ALL"}
        return pa.Check.isin(codes), "is not a known ISO3 country or bloc code"
    if spec == "hs":
        codes = known_hs_codes()
        return pa.Check.isin(codes), "is not a known HS code (HS 1992-2022)"
    if spec == "year":
        return pa.Check.in_range(1900, 2100), "is not a plausible year"
    if spec == "date":
        return pa.Check.str_matches(_DATE), "is not a date YYYY[-MM[-DD]]"
    if spec == "month":
        return pa.Check.str_matches(r"^\d{4}-\d{2}$"), "is not a month YYYY-MM"
    if spec == ">=0":
        return pa.Check.ge(0), "is negative"
    if m := re.fullmatch(r"(-?[\d.]+)\.\.(-?[\d.]+)", spec):
        lo, hi = float(m[1]), float(m[2])
        return pa.Check.in_range(lo, hi), f"is outside {m[1]}..{m[2]}"
    if spec.startswith("in:"):
        allowed = spec[3:].split("|")
        # the same list serves text and integer columns (e.g. hs_codes.level in:2|4|6)
        values = allowed + [int(a) for a in allowed if a.isdigit()]
        return pa.Check.isin(values), f"is not one of {', '.join(allowed)}"
    raise ValueError(f"unknown check {spec!r} in tables.csv")


@cache
def schema(table: str) -> pa.DataFrameSchema:
    """The pandera schema of a canonical table, from the catalogue."""
    cat = catalogue()
    rows = cat[cat["table"] == table]
    if rows.empty:
        raise KeyError(f"unknown table '{table}'")
    columns = {}
    for r in rows.itertuples():
        check = _check(r.check)
        checks = [check[0]] if check else []
        columns[r.column] = pa.Column(_DTYPES[r.dtype], checks=checks, nullable=r.nullable, coerce=True)
    keys = rows.loc[rows["key"], "column"].tolist()
    return pa.DataFrameSchema(columns, unique=keys or None, strict=True, ordered=False, name=table)


def validate(df: pd.DataFrame, table: str, *, file: str) -> pd.DataFrame:
    """Coerce and check a frame against the table's schema; return it in catalogue column order.

    Raises InputError for the first failing row (by position in the file).
    """
    lines = df[ROW].to_numpy() if ROW in df.columns else (df.reset_index(drop=True).index.to_numpy() + 2)
    body = df.drop(columns=[ROW], errors="ignore").reset_index(drop=True)
    expected = list(schema(table).columns)
    missing = [c for c in expected if c not in body.columns]
    if missing:
        raise InputError(f"missing column(s) {', '.join(missing)} for table '{table}'", file=file, field=missing[0])
    body = body[expected]
    try:
        out = schema(table).validate(body, lazy=True)
    except SchemaErrors as err:
        raise _first_failure(err, table, file, lines, body) from None
    return out


def _first_failure(err: SchemaErrors, table: str, file: str, lines, body: pd.DataFrame) -> InputError:
    cases = err.failure_cases.copy()
    cases["pos"] = pd.to_numeric(cases["index"], errors="coerce")
    cases = cases.sort_values("pos", na_position="last")
    first = cases.iloc[0]
    column = first["column"] if isinstance(first["column"], str) else None
    check = str(first["check"])
    value = first["failure_case"]
    row = int(lines[int(first["pos"])]) if pd.notna(first["pos"]) else None
    if "coerce_dtype" in check or "dtype" in check:
        problem = f"value {value!r} is not of type {_dtype_of(table, column)}"
    elif check == "not_nullable":
        problem = "value is missing"
    elif "unique" in check or check == "multiple_fields_uniqueness":
        keys = catalogue().query("table == @table and key")["column"].tolist()
        repeat = body.duplicated(keys, keep="first").to_numpy().nonzero()[0]
        if len(repeat):  # name the repeated row, not the first one it repeats
            first_pos = int(body.loc[:repeat[0]].duplicated(keys, keep="last").to_numpy().nonzero()[0][0])
            row = int(lines[int(repeat[0])])
            return InputError(f"duplicate key ({', '.join(keys)}): same as row {int(lines[first_pos])}",
                              file=file, row=row, field=keys[-1])
        problem = f"duplicate key ({', '.join(keys)})"
    else:
        problem = f"value {value!r} {_problem_for(table, column)}"
    return InputError(problem, file=file, row=row, field=column)


def _dtype_of(table: str, column: str | None) -> str:
    cat = catalogue()
    hit = cat[(cat["table"] == table) & (cat["column"] == column)]
    return {"str": "text", "int": "integer", "float": "number", "bool": "true/false"}.get(
        hit["dtype"].iloc[0] if len(hit) else "", "the expected type"
    )


def _problem_for(table: str, column: str | None) -> str:
    cat = catalogue()
    hit = cat[(cat["table"] == table) & (cat["column"] == column)]
    if hit.empty:
        return "fails a check"
    check = _check(hit["check"].iloc[0])
    return check[1] if check else "fails a check"
