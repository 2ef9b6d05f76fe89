"""CEPII BACI yearly files: `t,i,j,k,v,q` (v thousand USD, q tonnes; numeric country codes; HS6 k).

A full BACI year is ~10M rows, so this loader never holds it in pandas: DuckDB streams the CSV into a Parquet file
(country codes mapped with BACI's own table, v in USD), then one SQL pass checks the rules the catalogue gives for
`trade` (known codes, non-negative values, unique keys). Only when a check fails is the file read again to find the
line of the first offending row.
Source: Gaulier & Zignago (2010), "BACI: International Trade Database at the Product-Level", CEPII WP 2010-23.
"""

from __future__ import annotations

import re
from pathlib import Path

from chokepoints.errors import InputError
from chokepoints.ingest.base import LoadContext, TableData
from chokepoints.reference.countries import _trade_codes
from chokepoints.reference.hs import known_hs_codes

FORMAT = "baci"
COLUMNS = ["t", "i", "j", "k", "v", "q"]
_TYPES = "{'t': 'VARCHAR', 'i': 'VARCHAR', 'j': 'VARCHAR', 'k': 'VARCHAR', 'v': 'VARCHAR', 'q': 'VARCHAR'}"


def _header(path: Path) -> list[str] | None:
    try:
        with open(path, "rb") as f:
            first = f.readline(4096).decode("utf-8", errors="replace").lstrip("\ufeff").strip()
    except OSError:
        return None
    return [c.strip().strip('"') for c in first.split(",")]


def matches(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in {".csv", ".gz"} and _header(path) == COLUMNS


def _source_sql(path: Path) -> str:
    p = str(path).replace("'", "''")
    # Everything as text first: BACI pads numbers with spaces and writes "NA" for unknown quantities, and reading
    # as text lets the checks below name the offending value instead of DuckDB's generic cast error.
    return (f"read_csv('{p}', header=true, delim=',', quote='\"', columns={_TYPES}, "
            f"strict_mode=true, null_padding=false, auto_detect=false)")


def _clean_sql(path: Path) -> str:
    return f"""
        SELECT TRY_CAST(trim(t) AS INTEGER) AS year,
               trim(t) AS t_raw, trim(i) AS i, trim(j) AS j, trim(k) AS k, trim(v) AS v_raw, trim(q) AS q_raw,
               TRY_CAST(trim(v) AS DOUBLE) * 1000 AS value_usd,
               CASE WHEN trim(q) IN ('NA', '') THEN NULL ELSE TRY_CAST(trim(q) AS DOUBLE) END AS quantity_t
        FROM {_source_sql(path)}"""


# (field, SQL condition that marks a bad row, problem). Mirrors the catalogue checks of `trade`.
_RULES = [
    ("t", "year IS NULL", "is not an integer year"),
    ("t", "year NOT BETWEEN 1900 AND 2100", "is not a plausible year"),
    ("i", "exporter IS NULL", "is not a known BACI country code"),
    ("j", "importer IS NULL", "is not a known BACI country code"),
    ("v", "value_usd IS NULL", "is not a number"),
    ("v", "value_usd < 0", "is negative"),
    ("q", "quantity_t IS NULL AND q_raw NOT IN ('NA', '')", "is not a number"),
    ("q", "quantity_t < 0", "is negative"),
]


def load(path: Path, ctx: LoadContext) -> list[TableData]:
    path = Path(path)
    _check_file(path)
    con = ctx.con
    out = ctx.scratch / f"baci-{path.stem}.parquet"
    staged = ctx.scratch / f"baci-{path.stem}.staged.parquet"
    try:
        # Pass 1: stream the CSV into a staged Parquet file with everything the checks need. Only scans and
        # projections (no joins), so the Parquet keeps the file's row order and row_number() gives the line.
        con.execute(f"""
            COPY (
              SELECT c.year, {_lookup("c.i")} AS exporter, {_lookup("c.j")} AS importer, lpad(c.k, 6, '0') AS hs6,
                     c.value_usd, c.quantity_t, c.t_raw, c.i AS i_raw, c.j AS j_raw, c.k AS k_raw, c.v_raw, c.q_raw
              FROM ({_clean_sql(path)}) c
            ) TO '{_q(staged)}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 1000000)""")
    except Exception as e:  # duckdb raises its own error classes; turn them into a located InputError
        raise _from_duckdb(e, path) from None
    _check_rules(con, staged, path)
    con.execute(f"""
        COPY (SELECT year, exporter, importer, hs6, value_usd, quantity_t, NULL::VARCHAR AS reporter
              FROM read_parquet('{_q(staged)}'))
        TO '{_q(out)}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 1000000)""")
    rows, y0, y1 = con.execute(f"SELECT count(*), min(year), max(year) FROM read_parquet('{_q(out)}')").fetchone()
    staged.unlink(missing_ok=True)
    if rows == 0:
        raise InputError("file has a header but no data rows", file=path, row=2)
    return [TableData("trade", parquet=out, rows=int(rows), years=(y0, y1))]


def _lookup(column: str) -> str:
    """SQL mapping a numeric BACI code to ISO3 through a constant list indexed by code (NULL when unknown)."""
    codes = _trade_codes()
    table = [codes.get(i) for i in range(max(codes) + 1)]
    items = ", ".join("NULL" if v is None else f"'{v}'" for v in table)
    return f"([{items}])[TRY_CAST({column} AS INTEGER) + 1]"


def _q(p: Path) -> str:
    return str(p).replace("'", "''")


def _check_file(path: Path) -> None:
    if not path.exists():
        raise InputError("file not found", file=path)
    if path.stat().st_size == 0:
        raise InputError("file is empty", file=path)
    header = _header(path)
    if header != COLUMNS:
        seen = ",".join(header or [])
        hint = "the file looks ';'-separated" if header and ";" in header[0] else f"found '{seen[:80]}'"
        missing = [c for c in COLUMNS if c not in (header or [])]
        raise InputError(f"expected BACI header {','.join(COLUMNS)}", file=path, row=1,
                         field=missing[0] if missing else None, hint=hint)


def _check_rules(con, staged: Path, path: Path) -> None:
    src = f"read_parquet('{_q(staged)}')"
    counts = ", ".join(f"count(*) FILTER (WHERE {cond})" for _, cond, _ in _RULES)
    bad = con.execute(f"SELECT {counts} FROM {src}").fetchone()
    for (fieldname, cond, problem), n in zip(_RULES, bad, strict=True):
        if n:
            line, value = _first_line(con, staged, cond, fieldname)
            raise InputError(f"value {value!r} {problem} ({n} rows)", file=path, row=line, field=fieldname)
    known = known_hs_codes()
    bad_hs = [c for (c,) in con.execute(f"SELECT DISTINCT hs6 FROM {src}").fetchall() if c not in known]
    if bad_hs:
        cond = "hs6 IN (" + ", ".join(f"'{c}'" for c in bad_hs) + ")"
        line, value = _first_line(con, staged, cond, "k")
        raise InputError(f"value {value!r} is not a known HS6 code ({len(bad_hs)} unknown codes)", file=path,
                         row=line, field="k")
    dup = con.execute(f"""
        SELECT count(*) FROM (SELECT 1 FROM {src} GROUP BY year, exporter, importer, hs6 HAVING count(*) > 1)
    """).fetchone()[0]
    if dup:
        line = con.execute(f"""
            SELECT min(rn) + 1 FROM (
                SELECT rn, row_number() OVER (PARTITION BY year, exporter, importer, hs6 ORDER BY rn) AS nth
                FROM (SELECT row_number() OVER () AS rn, * FROM {src})) WHERE nth = 2""").fetchone()[0]
        raise InputError(f"duplicate key (t, i, j, k) ({dup} keys repeated)", file=path, row=int(line),
                         field="k")


def _first_line(con, staged: Path, cond: str, fieldname: str) -> tuple[int, str]:
    raw = {"t": "t_raw", "i": "i_raw", "j": "j_raw", "k": "k_raw", "v": "v_raw", "q": "q_raw"}[fieldname]
    # Parquet preserves the CSV's row order, so the row number + 1 (header) is the line in the file.
    rn, value = con.execute(f"""
        SELECT rn, val FROM (SELECT row_number() OVER () AS rn, {raw}::VARCHAR AS val, *
                             FROM read_parquet('{_q(staged)}')) WHERE {cond} ORDER BY rn LIMIT 1""").fetchone()
    return int(rn) + 1, value


def _from_duckdb(e: Exception, path: Path) -> InputError:
    text = str(e)
    line = re.search(r"Line: (\d+)", text)
    row = int(line.group(1)) if line else None
    if m := re.search(r"Expected Number of Columns: (\d+) Found: (\d+)", text):
        found = int(m.group(2))
        return InputError(f"row has {found} fields, expected 6 (truncated or ragged row)", file=path, row=row,
                          field=COLUMNS[found] if found < 6 else None)
    if "unicode" in text.lower() or "utf-8" in text.lower():
        return InputError("not valid UTF-8 text", file=path, row=row, hint="BACI files are plain ASCII")
    if "quote" in text.lower():
        return InputError("unterminated quote", file=path, row=row)
    first = text.splitlines()[0] if text else type(e).__name__
    return InputError(f"cannot read as BACI CSV: {first}", file=path, row=row)
