"""CEPII BACI yearly files: `t,i,j,k,v,q` (v thousand USD, q tonnes; numeric country codes; HS6 k).

A full BACI year is ~10M rows, so this loader never holds it in pandas. DuckDB parses the CSV and hands it over in
Arrow batches of a million rows; NumPy maps the numeric country codes (BACI's own table) and HS codes to indices into
small dictionaries, so ISO3 and HS6 text is never built row by row, and each batch is written to Parquet as
dictionary-encoded columns. The catalogue's rules for `trade` (known codes, plausible years, non-negative values,
unique keys) are checked on the same arrays, so the first offending row is named by its line without a second pass.
Source: Gaulier & Zignago (2010), "BACI: International Trade Database at the Product-Level", CEPII WP 2010-23.
"""

from __future__ import annotations

import gzip
import re
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from chokepoints.errors import InputError
from chokepoints.ingest.base import LoadContext, TableData
from chokepoints.reference.countries import _trade_codes
from chokepoints.reference.hs import known_hs_codes

FORMAT = "baci"
COLUMNS = ["t", "i", "j", "k", "v", "q"]
# q stays text: BACI writes unknown quantities as "NA" padded with spaces, which no null string matches.
_TYPES = "{'t': 'INTEGER', 'i': 'INTEGER', 'j': 'INTEGER', 'k': 'BIGINT', 'v': 'DOUBLE', 'q': 'VARCHAR'}"
_QTY = "CASE WHEN trim(q) IN ('NA', '') THEN NULL ELSE TRY_CAST(trim(q) AS DOUBLE) END"


def _header(path: Path) -> list[str] | None:
    try:
        # CEPII ships BACI zipped; users often keep years as .csv.gz, which DuckDB reads directly
        opener = gzip.open if path.suffix.lower() == ".gz" else open
        with opener(path, "rb") as f:
            first = f.readline(4096).decode("utf-8", errors="replace").lstrip("\ufeff").strip()
    except OSError:
        return None
    return [c.strip().strip('"') for c in first.split(",")]


def _near_header(path: Path) -> bool:
    """A damaged BACI header (a column missing, or ';'/tab-separated) is still BACI's: load then names the fault."""
    first = ",".join(_header(path) or [])  # _header split on ','; other delimiters survive in one field
    for sep in (",", ";", "\t", "|"):
        cols = [c.strip().strip('"') for c in first.split(sep)]
        if len(cols) >= 4 and cols[:3] == ["t", "i", "j"] and set(cols) <= set(COLUMNS):
            return True
    return False


# A BACI release keeps its years as BACI_HS17_Y2024_V202601.csv beside its country and product tables.
YEAR_FILE = re.compile(r"BACI_HS\d\d_Y\d{4}_V\d{6}[a-z]?\.csv(\.gz)?", re.IGNORECASE)


def year_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and YEAR_FILE.fullmatch(p.name))


def matches(path: Path) -> bool:
    if path.is_dir():
        return bool(year_files(path))
    return path.is_file() and path.suffix.lower() in {".csv", ".gz"} and _near_header(path)


def _csv(path: Path) -> str:
    return (f"read_csv('{_q(path)}', header=true, delim=',', quote='\"', columns={_TYPES}, "
            "auto_detect=false, strict_mode=true, null_padding=false)")


BATCH = 1_000_000
# No bilateral flow of one product in one year comes near USD 1 trillion or 10 billion tonnes: above is a fault.
MAX_KUSD = 1e9
MAX_T = 1e10
COMPRESSION = "zstd"
_SCHEMA = pa.schema([
    ("year", pa.int32()),
    ("exporter", pa.dictionary(pa.int16(), pa.string())),
    ("importer", pa.dictionary(pa.int16(), pa.string())),
    ("hs6", pa.dictionary(pa.int16(), pa.string())),
    ("value_usd", pa.float64()),
    ("quantity_t", pa.float64()),
    ("reporter", pa.string()),
])


@cache
def _country_index() -> tuple[np.ndarray, pa.Array]:
    """code -> index into the ISO3 dictionary (-1 where BACI has no such code), and the dictionary."""
    codes = _trade_codes()
    iso = sorted(set(codes.values()))
    lookup = np.full(max(codes) + 1, -1, dtype=np.int16)
    for code, iso3 in codes.items():
        lookup[code] = iso.index(iso3)
    return lookup, pa.array(iso, pa.string())


@cache
def _hs_index() -> tuple[np.ndarray, pa.Array]:
    """Sorted HS6 codes as integers, and the same codes as 6-digit text (the dictionary)."""
    six = sorted(c for c in known_hs_codes() if len(c) == 6)
    return np.array([int(c) for c in six], dtype=np.int64), pa.array(six, pa.string())


def load(path: Path, ctx: LoadContext) -> list[TableData]:
    """One BACI year file, or a release folder: every year file in it and its country/product tables."""
    path = Path(path)
    if path.is_dir():
        from chokepoints.ingest import baci_metadata

        out = [td for f in year_files(path) for td in load_year(f, ctx)]
        if baci_metadata.metadata_files(path):
            out += baci_metadata.load(path, ctx)
        return out
    return load_year(path, ctx)


def load_year(path: Path, ctx: LoadContext) -> list[TableData]:
    _check_file(path)
    out = ctx.scratch / f"baci-{path.stem}.parquet"
    # A strict CAST of q: a non-numeric quantity aborts the read, and _locate names its line.
    query = (f"SELECT t, i, j, k, v, CASE WHEN trim(q) IN ('NA', '') THEN NULL ELSE CAST(trim(q) AS DOUBLE) END "
             f"AS q FROM {_csv(path)}")
    keys, rows, years, ordered, last = [], 0, (None, None), True, -1
    try:
        with pq.ParquetWriter(out, _SCHEMA, compression=COMPRESSION) as writer, ThreadPoolExecutor(1) as pool:
            relation = ctx.con.sql(query)
            # DuckDB >= 1.4 calls it to_arrow_reader; older releases fetch_arrow_reader
            reader = getattr(relation, "to_arrow_reader", None) or relation.fetch_arrow_reader
            pending = None
            for batch in reader(BATCH):
                table, key = _convert(batch, offset=rows, path=path)
                # Writing (compression) runs in a second thread while DuckDB parses the next batch: two cores.
                if pending is not None:
                    pending.result()
                pending = pool.submit(writer.write_table, table, row_group_size=BATCH)
                # BACI files are sorted by (t, i, j, k): strictly increasing keys prove uniqueness without a sort.
                ordered = ordered and bool(key[0] > last) and bool((key[1:] > key[:-1]).all())
                last = int(key[-1])
                keys.append(key)
                year = table["year"].to_numpy()
                lo, hi = int(year.min()), int(year.max())
                years = (lo if years[0] is None else min(years[0], lo), hi if years[1] is None else max(years[1], hi))
                rows += batch.num_rows
            if pending is not None:
                pending.result()
    except InputError:
        out.unlink(missing_ok=True)
        raise
    except duckdb.Error as e:  # parse and cast errors: turn them into a located InputError
        out.unlink(missing_ok=True)
        raise _locate(ctx.con, path, e) from None
    if rows == 0:
        out.unlink(missing_ok=True)
        raise InputError("file has a header but no data rows", file=path, row=2)
    if not ordered:
        _check_unique(np.concatenate(keys), path, out)
    return [TableData("trade", parquet=out, rows=rows, years=years)]


def _convert(batch: pa.RecordBatch, *, offset: int, path: Path) -> tuple[pa.Table, np.ndarray]:
    """One Arrow batch of raw BACI columns -> the canonical `trade` columns, checked; and its int64 keys."""
    t, i, j, k, v, q = (batch.column(c).to_numpy(zero_copy_only=False) for c in range(6))
    lookup, iso = _country_index()
    hs_int, hs_text = _hs_index()

    def first(mask: np.ndarray, field: str, values: np.ndarray, problem: str) -> None:
        if mask.any():
            pos = int(mask.nonzero()[0][0])
            what = "value" if problem == "is missing" else f"value {_show(values[pos])}"
            raise InputError(f"{what} {problem} ({int(mask.sum())} rows in this batch)",
                             file=path, row=offset + pos + 2, field=field)

    for name, col in (("t", t), ("i", i), ("j", j), ("k", k), ("v", v)):
        first(np.isnan(col) if col.dtype.kind == "f" else np.zeros(len(col), bool), name, col, "is missing")
    first((t < 1900) | (t > 2100), "t", t, "is not a plausible year")
    exp = np.where((i >= 0) & (i < len(lookup)), lookup[np.clip(i, 0, len(lookup) - 1)], -1)
    first(exp < 0, "i", i, "is not a known BACI country code")
    imp = np.where((j >= 0) & (j < len(lookup)), lookup[np.clip(j, 0, len(lookup) - 1)], -1)
    first(imp < 0, "j", j, "is not a known BACI country code")
    pos = np.searchsorted(hs_int, k).clip(0, len(hs_int) - 1)
    first(hs_int[pos] != k, "k", k, "is not a known HS6 code")
    first(v < 0, "v", v, "is negative")
    first(~np.isfinite(v) | (v > MAX_KUSD), "v", v, f"is not a plausible trade value (thousand USD; above "
          f"{MAX_KUSD:.0e} or not finite)")
    first(q < 0, "q", q, "is negative")
    first(np.isinf(q) | (q > MAX_T), "q", q, f"is not a plausible quantity (t; above {MAX_T:.0e} or not finite)")
    first(i == j, "j", j, "is the exporter itself (self-trade: BACI has none)")
    table = pa.table({
        "year": pa.array(t.astype(np.int32)),
        "exporter": pa.DictionaryArray.from_arrays(pa.array(exp.astype(np.int16)), iso),
        "importer": pa.DictionaryArray.from_arrays(pa.array(imp.astype(np.int16)), iso),
        "hs6": pa.DictionaryArray.from_arrays(pa.array(pos.astype(np.int16)), hs_text),
        "value_usd": pa.array(v * 1000.0),
        "quantity_t": batch.column(5),
        "reporter": pa.nulls(len(t), pa.string()),
    }, schema=_SCHEMA)
    # One int64 per flow, in the file's own sort order: t (< 2^12), i and j (< 2^10 each), k (< 2^20).
    key = (((t.astype(np.int64) << 10) | i.astype(np.int64)) << 10 | j.astype(np.int64)) << 20 | k.astype(np.int64)
    return table, key


def _check_unique(keys: np.ndarray, path: Path, out: Path) -> None:
    ordered = np.sort(keys)
    if not (ordered[1:] == ordered[:-1]).any():
        return
    out.unlink(missing_ok=True)
    order = np.argsort(keys, kind="stable")  # only on failure: find the row that repeats an earlier one
    dup = (keys[order][1:] == keys[order][:-1]).nonzero()[0]
    line = int(order[dup + 1].min()) + 2
    raise InputError("duplicate key (t, i, j, k): the row repeats an earlier one", file=path, row=line, field="k")


def _show(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return repr(_short(str(value)))


def _short(text: str, n: int = 40) -> str:
    """A value as an error message shows it: NUL bytes named, long values cut."""
    if "\x00" in text or "\\0" in text:
        return "NUL bytes (a padded or binary file)"
    return text if len(text) <= n else text[: n - 1] + "…"


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


def _bad_byte_field(path: Path, row: int | None) -> str | None:
    """The column holding the first byte that is not UTF-8 on line `row` (read again only on this error path)."""
    if row is None:
        return None
    import gzip

    with (gzip.open if path.suffix.lower() == ".gz" else open)(path, "rb") as f:
        for n, line in enumerate(f, 1):
            if n == row:
                try:
                    line.decode("utf-8")
                except UnicodeDecodeError as e:
                    return COLUMNS[min(line[: e.start].count(b","), len(COLUMNS) - 1)]
                return None
    return None


def _locate(con, path: Path, e: Exception) -> InputError:
    """Turn DuckDB's error into an InputError with the line: CSV errors carry it, a failed cast of q does not."""
    text = str(e)
    if "CSV Error" not in text and '"q"' not in text and "DOUBLE" in text:
        found = con.execute(f"""
            SELECT rn, q FROM (SELECT row_number() OVER () + 1 AS rn, q FROM {_csv(path)})
            WHERE trim(q) NOT IN ('NA', '') AND TRY_CAST(trim(q) AS DOUBLE) IS NULL ORDER BY rn LIMIT 1""").fetchone()
        if found:
            return InputError(f"value {_short(found[1].strip())!r} is not a number", file=path, row=int(found[0]),
                              field="q")
    return _from_duckdb(e, path)


def _from_duckdb(e: Exception, path: Path) -> InputError:
    text = str(e)
    line = re.search(r"Line: (\d+)", text)
    row = int(line.group(1)) if line else None
    if m := re.search(r'Error when converting column "(\w+)"\. Could not convert string "([^"]*)"', text):
        return InputError(f"value {_short(m.group(2).strip())!r} is not a number", file=path, row=row,
                          field=m.group(1))
    if m := re.search(r"Expected Number of Columns: (\d+) Found: (\d+)", text):
        found = int(m.group(2))
        return InputError(f"row has {found} fields, expected 6 (truncated or ragged row)", file=path, row=row,
                          field=COLUMNS[found] if found < 6 else None)
    if "unicode" in text.lower() or "utf-8" in text.lower():
        return InputError("not valid UTF-8 text", file=path, row=row, field=_bad_byte_field(path, row),
                          hint="BACI files are plain ASCII")
    if "quote" in text.lower():
        return InputError("unterminated quote", file=path, row=row)
    first = text.splitlines()[0] if text else type(e).__name__
    return InputError(f"cannot read as BACI CSV: {first}", file=path, row=row)
