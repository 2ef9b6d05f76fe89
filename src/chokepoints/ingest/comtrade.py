"""UN Comtrade extracts: the processed bilateral layout of the bundled 2023 file, and the standard bulk CSV.

Layouts recognised by their header:
- "edges": commodity,flow,reporter,partner,...,value_usd,net_kg (ibtisamkhan96/crm-trade-network; the year is in
  the file name, e.g. bilateral_edges_2023.csv; every row is an importer's declaration, flow M).
- "annual": year,reporter,partner,cmd,flow,value_usd,net_kg (annual API pulls, both flows, partner 0 = World;
  e.g. comtrade_hs6_2024.csv).
- "bulk": Comtrade+ bulk/API CSV (refYear, reporterCode, flowCode, partnerCode, cmdCode, primaryValue, netWgt, ...)
  and the legacy bulk CSV (Year, Reporter Code, Trade Flow Code, Partner Code, Commodity Code, Trade Value (US$)...).
Each row keeps whose declaration it is in `reporter`, so analytics can tell a reported flow from a mirror flow.
Country codes are Comtrade's own numeric codes, mapped with BACI's table (DESIGN.md, known pitfalls).
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from chokepoints.errors import InputError
from chokepoints.ingest.base import LoadContext, TableData, read_csv, reject_first, to_number
from chokepoints.ingest.schemas import validate
from chokepoints.reference.countries import iso3_from_trade_codes

FORMAT = "comtrade"

EDGES = ["commodity", "flow", "reporter", "partner", "value_usd", "net_kg"]
BULK = {"year": "refYear", "reporter": "reporterCode", "flow": "flowCode", "partner": "partnerCode",
        "cmd": "cmdCode", "value": "primaryValue", "kg": "netWgt"}
ANNUAL = {"year": "year", "reporter": "reporter", "flow": "flow", "partner": "partner", "cmd": "cmd",
          "value": "value_usd", "kg": "net_kg"}
LEGACY = {"year": "Year", "reporter": "Reporter Code", "flow": "Trade Flow Code", "partner": "Partner Code",
          "cmd": "Commodity Code", "value": "Trade Value (US$)", "kg": "Netweight (kg)"}
KEY_FILE = "bilateral_edges_2023.csv"  # a folder holding it is a Comtrade data set (the bundled one)
# Totals over these dimensions are the only rows that are bilateral flows; others would double count.
_TOTAL_DIMS = {"partner2Code": "0", "customsCode": "C00", "motCode": "0"}


def _header(path: Path) -> list[str]:
    try:
        with open(path, encoding="utf-8-sig", errors="replace") as f:
            return [c.strip().strip('"') for c in f.readline(65536).split(",")]
    except OSError:
        return []


def _layout(path: Path) -> str | None:
    head = _header(path)
    if all(c in head for c in EDGES):
        return "edges"
    if all(c in head for c in BULK.values()):
        return "bulk"
    if all(c in head for c in ANNUAL.values()):
        return "annual"
    if all(c in head for c in LEGACY.values()):
        return "legacy"
    return None


def matches(path: Path) -> bool:
    if path.is_dir():
        return (path / KEY_FILE).exists() or any(_layout(p) == "annual" for p in path.glob("*.csv"))
    return path.suffix.lower() == ".csv" and _layout(path) is not None


def load(path: Path, ctx: LoadContext) -> list[TableData]:
    files = sorted(path.glob("*.csv")) if path.is_dir() else [path]
    # Other CSVs in a folder are skipped, but never the file the folder is recognised by (matches): damaged, it fails.
    frames = [_load_file(f) for f in files if _layout(f) or not path.is_dir() or f.name == KEY_FILE]
    if not frames:
        raise InputError("no Comtrade CSV in the folder", file=path)
    trade = pd.concat(frames, ignore_index=True)
    dup = trade.duplicated(["year", "exporter", "importer", "hs6", "reporter"])
    if dup.any():  # each file was checked alone, so the repeat is across two files of this folder
        first = trade[dup].iloc[0]
        raise InputError(f"flow {first['exporter']}->{first['importer']} {first['hs6']} {first['year']} declared by "
                         f"{first['reporter']} appears in two files", file=path, field="reporter")
    return [TableData("trade", frame=trade.drop(columns=["_row"]))]


def _load_file(path: Path) -> pd.DataFrame:
    layout = _layout(path)
    if layout is None:
        if path.exists() and path.stat().st_size == 0:
            raise InputError("file is empty", file=path)
        head = _header(path)
        # Most of the edges header present: name the column that is missing, not just the layout.
        missing = [c for c in EDGES if c not in head] if sum(c in head for c in EDGES) >= len(EDGES) / 2 else []
        raise InputError(f"missing column(s) {', '.join(missing)}" if missing else
                         "not a Comtrade layout: header lacks the expected columns", file=path, row=1,
                         field=missing[0] if missing else None,
                         hint=f"expected {', '.join(EDGES)} or the Comtrade bulk columns")
    if layout == "edges":
        return _edges(path)
    if layout == "annual":
        return _bulk(path, ANNUAL, totals_by_max=True)
    return _bulk(path, BULK if layout == "bulk" else LEGACY)


def _year_from_name(path: Path) -> int:
    m = re.search(r"(19|20)\d{2}", path.stem)
    if not m:
        raise InputError("no year column and no year in the file name", file=path,
                         hint="name the file like bilateral_edges_2023.csv")
    return int(m.group(0))


def _edges(path: Path) -> pd.DataFrame:
    df = read_csv(path, required=EDGES)
    fname = str(path)
    reject_first(df, ~df["flow"].isin(["M", "X"]), "flow {value!r} is not M or X", file=path, field="flow")
    if "is_world" in df:  # World rows are totals, not bilateral flows
        df = df[df["is_world"].str.lower() != "true"]
    reporter = iso3_from_trade_codes(_codes(df, "reporter", path), file=fname, field="reporter",
                                     rows=df["_row"])
    partner = iso3_from_trade_codes(_codes(df, "partner", path), file=fname, field="partner", rows=df["_row"])
    kg = to_number(df, "net_kg", file=path)
    imports = df["flow"].eq("M")
    out = pd.DataFrame({
        "year": _year_from_name(path),
        "exporter": partner.where(imports, reporter),
        "importer": reporter.where(imports, partner),
        "hs6": df["commodity"].str.strip(),
        "value_usd": to_number(df, "value_usd", file=path, allow_empty=False),
        # the source writes 0.0 where no weight was reported (SOURCE.md): that is unknown, not zero tonnes
        "quantity_t": (kg / 1000).where(kg > 0),
        "reporter": reporter,
        "_row": df["_row"],
    })
    _plausible(df, out, path, "value_usd", "net_kg")
    return validate(out, "trade", file=fname).assign(_row=out["_row"].to_numpy())


def _keep_totals(df: pd.DataFrame, cols: dict[str, str], path: Path) -> pd.DataFrame:
    """Annual API pulls without the breakdown columns repeat a flow: the total and its parts by customs procedure,
    mode of transport and second partner (e.g. 2022 Angola-Morocco 251110: 6.68 M + 0.13 M and the total 6.81 M).
    Values are non-negative, so the total is the largest row of its key: keep it, drop the parts."""
    value = to_number(df, cols["value"], file=path, allow_empty=False)
    reject_first(df, value < 0, "value {value!r} is negative", file=path, field=cols["value"])
    key = [cols[k] for k in ("year", "reporter", "partner", "cmd", "flow")]
    order = df.assign(_v=value).sort_values([*key, "_v"], ascending=[True] * len(key) + [False], kind="stable")
    return order.drop_duplicates(key).drop(columns="_v").sort_values("_row")


MAX_USD = 1e12  # no bilateral flow of one product in a year nears USD 1 trillion: above is a fault
MAX_T = 1e10


def _plausible(df: pd.DataFrame, out: pd.DataFrame, path: Path, value_col: str, kg_col: str) -> None:
    """Reject values no real flow has (inf, 1e308): the row and the column of the file."""
    value = out["value_usd"].astype(float)
    reject_first(df, ~np.isfinite(value) | (value > MAX_USD), "value {value!r} is not a plausible trade value (USD; "
                 f"above {MAX_USD:.0e} or not finite)", file=path, field=value_col)
    q = out["quantity_t"].astype(float)
    reject_first(df, np.isinf(q) | (q > MAX_T), "value {value!r} is not a plausible weight (above "
                 f"{MAX_T * 1000:.0e} kg or not finite)", file=path, field=kg_col)


def _codes(df: pd.DataFrame, column: str, path: Path) -> pd.Series:
    num = to_number(df, column, file=path, allow_empty=False)
    return num.astype("int64")


def _bulk(path: Path, cols: dict[str, str], *, totals_by_max: bool = False) -> pd.DataFrame:
    df = read_csv(path, required=list(cols.values()))
    fname = str(path)
    if totals_by_max:
        df = _keep_totals(df, cols, path)
    for col, total in _TOTAL_DIMS.items():
        if col in df:
            df = df[df[col].str.strip().isin([total, ""])]
    flow = df[cols["flow"]].str.strip().str[0].str.upper()
    df = df[flow.isin(["M", "X"]) & df[cols["flow"]].str.len().le(1)]  # drop re-exports/re-imports (RX, RM)
    df = df[df[cols["partner"]].str.strip() != "0"]  # partner World = totals
    df = df[df[cols["cmd"]].str.strip().str.fullmatch(r"\d{4}|\d{6}")]  # headings and subheadings only
    if df.empty:
        raise InputError("no bilateral M/X rows at HS4/HS6 level", file=path, row=2)
    reporter = iso3_from_trade_codes(_codes(df, cols["reporter"], path), file=fname, field=cols["reporter"],
                                     rows=df["_row"])
    partner = iso3_from_trade_codes(_codes(df, cols["partner"], path), file=fname, field=cols["partner"],
                                    rows=df["_row"])
    imports = df[cols["flow"]].str.strip().str.upper().eq("M")
    kg = to_number(df, cols["kg"], file=path)
    out = pd.DataFrame({
        "year": to_number(df, cols["year"], file=path, allow_empty=False).astype("Int64"),
        "exporter": partner.where(imports, reporter),
        "importer": reporter.where(imports, partner),
        "hs6": df[cols["cmd"]].str.strip(),
        "value_usd": to_number(df, cols["value"], file=path, allow_empty=False),
        "quantity_t": (kg / 1000).where(kg > 0),
        "reporter": reporter,
        "_row": df["_row"],
    })
    _plausible(df, out, path, cols["value"], cols["kg"])
    return validate(out, "trade", file=fname).assign(_row=out["_row"].to_numpy())
