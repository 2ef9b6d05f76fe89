"""USGS Mineral Commodity Summaries 2026, world production tables -> `production`, `capacity`, `reserves`.

Source: data/raw/usgs_mcs2026_world/SOURCE.md, a transcription of the parsed MCS 2026 chapter tables
(`pranava0x0/usgs-mineral-commodity-summaries`). Units differ per commodity and are given by the units note of each
chapter; "W" (withheld), "NA", "XX", "Small", "Large" carry no number; ">x" world totals are lower bounds;
"(2025e only)" rows hold a sub-metal of the chapter for the latest year only.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from chokepoints.errors import InputError
from chokepoints.ingest.base import LoadContext, TableData, claims, read_csv, reject_first, to_number
from chokepoints.ingest.schemas import validate
from chokepoints.reference import iso3_from_names

FORMAT = "usgs-mcs"
FILE = "world_production_reserves_mcs2026.csv"
_COLUMNS = ["commodity", "table", "country", "production_2024", "production_2025e", "capacity_2025", "reserves",
            "production_2024_raw", "production_2025_raw", "reserves_raw", "note", "units"]

# Stage from the table title, first match wins. Copper's "Mine and Refinery" table holds refinery output as
# parsed (SOURCE.md, Caveats), so Refinery is tried before Mine. Gallium "low-purity" and magnesium "primary"
# production make metal from an intermediate (processing, as the EU CRM assessment stages them); titanium sponge too.
# Abrasives' "World Production Capacity" table holds capacity in its production columns (SOURCE.md): stage capacity.
_STAGES = [
    (r"\bSponge\b", "processing"),
    (r"\bRefinery\b", "refining"),
    (r"\bSmelter\b", "smelting"),
    (r"\bLow-Purity\b", "processing"),
    (r"\bPrimary Production\b", "processing"),
    (r"\bMine\b", "extraction"),
    (r"^World Production Capacity\b", "capacity"),
    (r"^World Production\b", "production"),
]
# Mass units of the MCS units notes, in tonnes. Anything else (million carats, no unit stated) is not converted.
_TONNES = {"million metric tons": 1e6, "thousand metric tons": 1e3, "metric tons": 1.0, "kilograms": 1e-3}
_UNIT_RE = re.compile(r"\b(million carats|" + "|".join(_TONNES) + r")\b")
# Qualifiers USGS appends to a country name to say what the number counts (boron product forms, tellurium forms).
_QUALIFIED = re.compile(r"^(?P<name>.+?)(?:, | \()(?P<what>crude ore|ulexite|boric oxide equivalent|compounds|"
                        r"crude borates|datolite ore|refined borates|concentrate|copper telluride)\)?$")
_NO_NUMBER = {"W": "withheld", "NA": "not available", "XX": "not applicable", "Small": "small", "Large": "large",
              "( )": "blank in source"}


def matches(path: Path) -> bool:
    """The MCS folder (holding the world table) or the file itself."""
    return claims(Path(path), FILE)


def _stage(title: str) -> str | None:
    for pattern, stage in _STAGES:
        if re.search(pattern, title):
            return stage
    return None


def _unit(units_note: str) -> tuple[str, float | None]:
    """The unit as published (the units note without "(Data in", "unless otherwise specified)") and tonnes per unit.

    Abrasives and PGM notes name no unit and tin's is empty (SOURCE.md): their tonnes stay empty rather than assume
    the usual MCS unit.
    """
    text = re.sub(r"^[(\[]\s*Data in\s+|,?\s*unless otherwise specified\s*[)\]]$", "", units_note.strip())
    m = _UNIT_RE.search(text)
    return (text or "not stated in source"), (_TONNES.get(m[1]) if m else None)


def _commodity(df: pd.DataFrame) -> pd.Series:
    """Commodity name; sub-metal rows ("<title> — Platinum (2025e only)") become "<commodity> — Platinum"."""
    sub = df["table"].str.extract(r"\s+—\s+(.+?)\s+\(2025e only\)$")[0]
    return df["commodity"].where(sub.isna(), df["commodity"] + " — " + sub)


def _countries(df: pd.DataFrame, file: Path) -> tuple[pd.Series, pd.Series]:
    """ISO3 of each row and the qualifier stripped off the name ("Argentina, crude ore" -> ARG, "crude ore")."""
    parts = df["country"].str.strip().str.extract(_QUALIFIED)
    names = parts["name"].fillna(df["country"].str.strip()).reset_index(drop=True)
    try:
        iso3 = iso3_from_names(names, file=str(file), field="country", row_offset=0)
    except InputError as e:
        raise InputError(e.problem, file=file, row=int(df["_row"].iloc[e.row]), field="country", hint=e.hint) from None
    return pd.Series(iso3.to_numpy(), index=df.index), parts["what"]


def _check_raw(df: pd.DataFrame, value: str, raw: str, file: Path) -> None:
    """The numeric column must equal its raw string ("1,900,000", ">85,000,000", "—" = 0); raise where not."""
    text = df[raw].str.strip()
    plain = text.str.replace(",", "", regex=False).str.lstrip(">").replace("—", "0")
    num = pd.to_numeric(plain.where(plain.str.fullmatch(r"\d+(\.\d+)?")), errors="coerce")
    known = text.isin([*_NO_NUMBER, ""])
    bad = (num.isna() & ~known) | (num.notna() & (num != df[value])) | (known & (text != "") & df[value].notna())
    if bad.any():
        i = int(bad.to_numpy().nonzero()[0][0])
        raise InputError(f"value {df[value].iloc[i]} does not match its published text {df[raw].iloc[i]!r}",
                         file=file, row=int(df["_row"].iloc[i]), field=raw)


def _notes(df: pd.DataFrame, raw: str | None, what: pd.Series) -> pd.Series:
    """Source note, plus what a missing or bounded value means and what a qualified country row counts."""
    parts = [df["note"].str.strip()]
    if raw is not None:
        text = df[raw].str.strip()
        parts.append(text.map(lambda t: f"{t}: {_NO_NUMBER[t]}" if t in _NO_NUMBER else ""))
        parts.append(text.map(lambda t: f"lower bound ({t})" if t.startswith(">") else ""))
    parts.append(what.fillna("").map(lambda w: f"country row counts {w}" if w else ""))
    joined = pd.concat(parts, axis=1).apply(lambda r: "; ".join(x for x in r if x), axis=1)
    return joined.replace("", None)


def parse(file: Path) -> dict[str, pd.DataFrame]:
    """The three frames (with `_row`), before validation."""
    df = read_csv(file, required=_COLUMNS)
    stage = df["table"].map(_stage)
    reject_first(df, stage.isna(), "no stage known for table title {value!r}", file=file, field="table",
                 hint="extend usgs._STAGES")
    units = df["units"].map(_unit)
    base = pd.DataFrame({"commodity": _commodity(df), "stage": stage, "unit": units.str[0],
                         "factor": units.str[1].astype(float), "_row": df["_row"]})
    base["country"], what = _countries(df, file)
    for col in ("production_2024", "production_2025e", "capacity_2025", "reserves"):
        df[col] = to_number(df, col, file=file)
    for value, raw in (("production_2024", "production_2024_raw"), ("production_2025e", "production_2025_raw"),
                       ("reserves", "reserves_raw")):
        _check_raw(df, value, raw, file)

    production = []
    for year, value, raw in ((2024, "production_2024", "production_2024_raw"),
                             (2025, "production_2025e", "production_2025_raw")):
        # A row exists where the table has the column: a number, or a published W/NA (raw kept); both empty means
        # the table has no such column (sub-metal rows have no 2024).
        keep = df[value].notna() | (df[raw].str.strip() != "")
        p = base[keep].assign(year=year, quantity=df.loc[keep, value], estimated=year == 2025,
                              note=_notes(df[keep], raw, what[keep]))
        production.append(p.assign(quantity_t=p["quantity"] * p["factor"]))
    production = pd.concat(production).sort_values(["_row", "year"])

    keep = df["capacity_2025"].notna()
    capacity = base[keep].assign(year=2025, capacity=df.loc[keep, "capacity_2025"])
    capacity["capacity_t"] = capacity["capacity"] * capacity["factor"]

    # Molybdenum's reserves column is in thousand metric tons while its production is in metric tons; the
    # transcriber says so in the note (SOURCE.md, Caveats), which is what this keys on.
    # As for production: a W/NA reserve is kept with empty tonnes; an empty raw string means no figure at all.
    keep = df["reserves"].notna() | (df["reserves_raw"].str.strip() != "")
    reserves = base[keep].assign(reserves=df.loc[keep, "reserves"], note=_notes(df[keep], "reserves_raw", what[keep]))
    kt = df.loc[keep, "note"].str.contains("reserves in thousand metric tons", regex=False)
    reserves.loc[kt, "unit"] = "thousand metric tons (reserves; production in metric tons)"
    reserves.loc[kt, "factor"] = 1e3
    reserves["reserves_t"] = reserves["reserves"] * reserves["factor"]
    return {"production": production, "capacity": capacity, "reserves": reserves}


def load(path: Path, ctx: LoadContext) -> list[TableData]:
    """Parse and validate the world production, capacity and reserves tables; writes nothing."""
    file = Path(path) / FILE if Path(path).is_dir() else Path(path)
    frames = parse(file)
    return [TableData(t, frame=validate(frames[t], t, file=str(file))) for t in ("production", "capacity", "reserves")]
