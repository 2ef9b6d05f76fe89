"""China's monthly exports of gallium/germanium, graphite, rare earths and polysilicon, 2017-2024: tables a
third party derived from UN Comtrade (data/raw/china_comtrade_cm, see its SOURCE.md).

    deep_dive_hs6_monthly.csv  -> trade_monthly (CHN -> partner, HS6 code)
    country_monthly_stats.csv  -> trade_monthly (CHN -> partner, product group) and china_group_hhi
    overview_monthly.csv       -> trade_monthly (CHN -> WLD, product group)
    hs_map.csv                 -> china_hs_map

Group rows carry the group name in `hs6` ('Graphite', ...), so they never collide with code rows, but a sum over
`hs6` must pick one level. Quantities are kg in the source and tonnes here. A zero quantity beside a positive value
(the source's `uv` is then `inf`) means the weight was not reported: it becomes missing, not 0 t. `uv` itself is
val/qty and is not loaded.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from chokepoints.errors import InputError
from chokepoints.ingest.base import LoadContext, TableData, read_csv, reject_first, to_number
from chokepoints.ingest.schemas import validate
from chokepoints.reference import iso3_from_names

FORMAT = "china-comtrade-cm"
FOLDER = "china_comtrade_cm"
DEEP_DIVE = "deep_dive_hs6_monthly.csv"
COUNTRY = "country_monthly_stats.csv"
OVERVIEW = "overview_monthly.csv"
HS_MAP = "hs_map.csv"
_HEADERS = {
    DEEP_DIVE: ["period_dt", "partner_name", "hs6", "val", "qty"],
    COUNTRY: ["period_dt", "val", "qty", "hhi", "broad_group", "partner_name"],
    OVERVIEW: ["period_dt", "broad_group", "total_value", "total_qty"],
    HS_MAP: ["hs6", "material", "group", "notes"],
}
_TRADE = ["month", "exporter", "importer", "hs6", "value_usd", "quantity_t", "_row"]


def _has_header(path: Path) -> bool:
    try:
        with open(path, encoding="utf-8-sig") as f:
            first = f.readline(65536)
    except (OSError, UnicodeDecodeError):
        return False
    header = {h.strip().strip('"') for h in first.strip().split(",")}
    return set(_HEADERS[path.name]) <= header


def matches(path: Path) -> bool:
    path = Path(path)
    if path.is_dir():
        return path.name == FOLDER or (path / DEEP_DIVE).is_file() or (path / OVERVIEW).is_file()
    # hs_map.csv is a common name: single files are claimed only with the source's own header.
    return path.is_file() and path.name in _HEADERS and _has_header(path)


def load(path: Path, ctx: LoadContext) -> list[TableData]:
    path = Path(path)
    files = [path] if path.is_file() else [path / n for n in _HEADERS if (path / n).is_file()]
    if not files:
        raise InputError(f"none of {', '.join(_HEADERS)} found", file=path)
    trade, out = [], []
    for file in files:
        if file.name == DEEP_DIVE:
            trade.append((file, deep_dive(file)))
        elif file.name == OVERVIEW:
            trade.append((file, overview(file)))
        elif file.name == COUNTRY:
            flows, hhi = country_stats(file)
            trade.append((file, flows))
            out.append(TableData("china_group_hhi", frame=hhi))
        else:
            out.append(TableData("china_hs_map", frame=hs_map(file)))
    if trade:
        frames = [validate(frame, "trade_monthly", file=str(file)) for file, frame in trade]
        _check_disjoint(trade)
        out.insert(0, TableData("trade_monthly", frame=pd.concat(frames, ignore_index=True)))
    return out


def _month(df: pd.DataFrame, file: Path) -> pd.Series:
    """period_dt is the first day of the month (YYYY-MM-01); anything else is refused rather than truncated."""
    ok = df["period_dt"].str.fullmatch(r"\d{4}-(0[1-9]|1[0-2])-01")
    reject_first(df, ~ok, "value {value!r} is not a month start YYYY-MM-01", file=file, field="period_dt")
    return df["period_dt"].str[:7]


def _flows(df: pd.DataFrame, file: Path, value: str, qty: str) -> tuple[pd.Series, pd.Series]:
    """Value in USD and quantity in tonnes (kg / 1000); unreported weight (0 kg, positive value) is missing."""
    usd = to_number(df, value, file=file, allow_empty=False)
    kg = to_number(df, qty, file=file)
    kg = kg.where(~((kg == 0) & (usd > 0)))
    return usd, kg / 1000


def _iso3(df: pd.DataFrame, file: Path) -> pd.Series:
    # iso3_from_names names a position (row_offset=0); read_csv's `_row` turns it into the line in the file,
    # which differs once blank lines were skipped.
    try:
        return iso3_from_names(df["partner_name"].str.strip(), file=str(file), field="partner_name", row_offset=0)
    except InputError as e:
        raise InputError(e.problem, file=file, row=int(df["_row"].iloc[e.row]), field=e.field,
                         hint=e.hint) from None


def deep_dive(file: Path) -> pd.DataFrame:
    df = read_csv(file, required=_HEADERS[DEEP_DIVE])
    reject_first(df, ~df["hs6"].str.fullmatch(r"\d{6}"), "value {value!r} is not a 6-digit HS code", file=file,
                 field="hs6")
    usd, tonnes = _flows(df, file, "val", "qty")
    return df.assign(month=_month(df, file), exporter="CHN", importer=_iso3(df, file), value_usd=usd,
                     quantity_t=tonnes)[_TRADE]


def overview(file: Path) -> pd.DataFrame:
    df = read_csv(file, required=_HEADERS[OVERVIEW])
    usd, tonnes = _flows(df, file, "total_value", "total_qty")
    return df.assign(month=_month(df, file), exporter="CHN", importer="WLD", hs6=_group(df, file),
                     value_usd=usd, quantity_t=tonnes)[_TRADE]


def country_stats(file: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Flows per partner and product group (-> trade_monthly) and the source's within-group product HHI."""
    df = read_csv(file, required=_HEADERS[COUNTRY])
    usd, tonnes = _flows(df, file, "val", "qty")
    df = df.assign(month=_month(df, file), exporter="CHN", importer=_iso3(df, file), hs6=_group(df, file),
                   value_usd=usd, quantity_t=tonnes, hhi=to_number(df, "hhi", file=file))
    hhi = validate(df.rename(columns={"hs6": "group"})[["month", "importer", "group", "hhi", "_row"]],
                   "china_group_hhi", file=str(file))
    return df[_TRADE], hhi


def _group(df: pd.DataFrame, file: Path) -> pd.Series:
    group = df["broad_group"].str.strip()
    reject_first(df, group == "", "value is missing", file=file, field="broad_group")
    return group


def hs_map(file: Path) -> pd.DataFrame:
    df = read_csv(file, required=_HEADERS[HS_MAP])
    code = df["hs6"].str.strip()
    reject_first(df, ~code.str.fullmatch(r"\d{8}"), "value {value!r} is not an 8-digit Chinese tariff code",
                 file=file, field="hs6", values=code)
    notes = df["notes"].str.strip()
    frame = df.assign(code=code, notes=notes.where(notes != "", None))
    return validate(frame[["code", "material", "group", "notes", "_row"]], "china_hs_map", file=str(file))


def _check_disjoint(parts: list[tuple[Path, pd.DataFrame]]) -> None:
    """Each file is unique on its own (validate); together they must not give the same key twice either."""
    key = ["month", "exporter", "importer", "hs6"]
    both = pd.concat([f.assign(_file=file) for file, f in parts], ignore_index=True)
    dup = both.duplicated(key)
    if dup.any():
        i = int(dup.to_numpy().nonzero()[0][0])
        first = both.loc[both[key].eq(both.loc[i, key]).all(axis=1), "_file"].iloc[0]
        raise InputError(f"duplicate key ({', '.join(key)}): the same flow is in {Path(first).name}",
                         file=both.loc[i, "_file"], row=int(both.loc[i, "_row"]), field="hs6")
