"""EU critical raw materials assessments (European Commission, CRM studies 2011-2023) -> crm_* tables.

Source: data/raw/eu_crm/SOURCE.md. Tables extracted from the EC reports by `erikemilsson/EU-Critical-Raw-Materials-
CRM-Reports-Datasets` and, for the 2023 results table, by `meyerdata/CritMAT` (eureport_results.csv), a third-party
transcription of "Study on the critical raw materials for the EU 2023 - Final Report" (doi 10.2873/725585) with
known transcription faults that `_repair_results` handles one by one. Critical: SR >= 1 and EI >= 2.8 (DESIGN.md).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd

from chokepoints.errors import InputError
from chokepoints.ingest.base import LoadContext, TableData, read_csv, reject_first, to_number
from chokepoints.ingest.schemas import validate
from chokepoints.reference import iso3_from_names

FORMAT = "eu-crm"
MAIN = "eureport_results_2023.csv"
_GLOBAL = ("fact_GlobalSupplyShares.csv", "fact_GlobalSupplyShares&t.csv")  # renamed on copy (SOURCE.md)
_EU = ("fact_EUSupplyShares.csv", "fact_EUSupplyShares&t.csv")
_FILES = ("dimension_CRMsOverTime.csv", "fact_MaterialUseShares.csv", MAIN, "dimension_ScreenedMatGroupings.csv",
          *_GLOBAL, *_EU)
_STAGES = {"E": "extraction", "P": "processing"}
# Misspellings in the EC supply-share tables; they name real countries but are not names anyone else uses, so they
# are fixed here rather than in the shared reference overrides.
_SPELLINGS = {"Brasilia": "Brazil", "Turkyie": "Türkiye"}


def matches(path: Path) -> bool:
    """A folder holding the EC results or global supply-share table, or any one of the known files."""
    path = Path(path)
    if path.is_dir():
        return any((path / name).is_file() for name in (MAIN, *_GLOBAL))
    return path.name in _FILES


def _fold(s: pd.Series) -> pd.Series:
    """Collapse runs of whitespace, e.g. the line break inside "Natural Teak\\nwood" (SOURCE.md)."""
    return s.str.replace(r"\s+", " ", regex=True).str.strip()


def _percent(df: pd.DataFrame, col: str, *, file: Path) -> pd.Series:
    """A published percentage as a fraction: '68.3%' -> 0.683.

    Conventions: '<x%' -> x/200, the midpoint of [0, x%) (so '<0.1%' -> 0.0005: the sizes such shares add to an HHI
    are below 1e-6 whichever point is taken, while null would drop the supplier); '>0%' -> null (no upper bound
    published); a bare number is read as a percentage, as every other value in the column is one (the EU share
    of silicon metal from Germany, "6", brings that stage's total to 96 % like its neighbours; 6 as a fraction is
    impossible). The published text is kept beside the fraction.
    """
    text = df[col].str.strip()
    m = text.str.extract(r"^([<>]?)\s*(\d+(?:\.\d+)?)\s*(%?)$")
    bad = m[1].isna() & (text != "")
    reject_first(df, bad, "value {value!r} is not a percentage", file=file, field=col)
    value = m[1].astype(float) / 100
    value = value.where(m[0] != "<", value / 2)
    return value.where(m[0] != ">")


def _iso3(df: pd.DataFrame, col: str, *, file: Path) -> pd.Series:
    """Country names -> ISO3 via the shared reference; an unknown name raises naming its line."""
    names = df[col].str.strip().replace(_SPELLINGS).reset_index(drop=True)
    try:
        out = iso3_from_names(names, file=str(file), field=col, row_offset=0)
    except InputError as e:
        raise InputError(e.problem, file=file, row=int(df["_row"].iloc[e.row]), field=col, hint=e.hint) from None
    return pd.Series(out.to_numpy(), index=df.index)


def _keep_line_breaks(df: pd.DataFrame, file: Path, column: str, encoding: str = "utf-8") -> pd.DataFrame:
    """Re-read one column keeping line breaks inside quotes. base.read_csv splits the text into lines first, which
    glues "Natural Teak" + "wood" into "Teakwood" and "motor" + "vehicles"; the breaks are really spaces."""
    text = file.read_bytes().decode(encoding).lstrip("\ufeff")
    records = [r for r in csv.reader(io.StringIO(text, newline="")) if any(x.strip() for x in r)]
    i = [h.strip() for h in records[0]].index(column)
    if len(records) - 1 != len(df):  # cannot happen for a file read_csv accepted; guard the alignment anyway
        raise InputError(f"{len(records) - 1} records re-read, {len(df)} expected", file=file, field=column)
    return df.assign(**{column: [r[i] for r in records[1:]]})


def assessments(file: Path) -> pd.DataFrame:
    """crm_assessments from dimension_CRMsOverTime.csv: SR and EI per material and assessment year; '-' = null."""
    df = _keep_line_breaks(read_csv(file, required=["Material", "Year", "SR", "EI"]), file, "Material")
    df["material"] = _fold(df["Material"])
    df["year"] = to_number(df, "Year", file=file, allow_empty=False)
    for col in ("SR", "EI"):
        df[col.lower()] = to_number(df.assign(**{col: df[col].str.strip().replace("-", "")}), col, file=file)
    return df[["material", "year", "sr", "ei", "_row"]]


def supply_shares(file: Path, scope: str) -> pd.DataFrame:
    """crm_supply_shares from fact_GlobalSupplyShares.csv / fact_EUSupplyShares.csv (Windows-1252: 'Türkiye')."""
    df = read_csv(file, required=["Material", "Stage", "Country", "Share", "t"], encoding="cp1252")
    df["material"] = _fold(df["Material"])
    df["stage"] = df["Stage"].str.strip().map(_STAGES)
    reject_first(df, df["stage"].isna(), "stage {value!r} is not E or P", file=file, field="Stage")
    df["scope"] = scope
    df["country"] = _iso3(df, "Country", file=file)
    df["share"] = _percent(df, "Share", file=file)
    df["share_text"] = df["Share"].str.strip()
    df["t"] = to_number(df, "t", file=file, allow_empty=False)
    return df[["material", "stage", "scope", "country", "share", "share_text", "t", "_row"]]


def use_shares(file: Path) -> pd.DataFrame:
    """crm_use_shares from fact_MaterialUseShares.csv (Windows-1252: the header 'VA in million €')."""
    df = read_csv(file, required=["Material", "Application", "Share", "NACE sector"], encoding="cp1252")
    df = _keep_line_breaks(df, file, "NACE sector", "cp1252")
    va = next((c for c in df.columns if c.startswith("VA in million")), None)
    if va is None:
        raise InputError("missing column 'VA in million €'", file=file, row=1, field="VA in million €")
    # The Magnesium/Construction row is published twice, identically: one fact, kept once. Differing
    # duplicates still fail key validation.
    df = df[~df.drop(columns="_row").duplicated()].copy()
    df["material"] = _fold(df["Material"])
    df["application"] = _fold(df["Application"])
    nace = _fold(df["NACE sector"]).str.extract(r"^([A-U]\d{2})\s*-\s*(.+)$")
    bad = nace[0].isna() & (df["NACE sector"].str.strip() != "")
    reject_first(df, bad, "NACE sector {value!r} is not 'C23 - name'", file=file, field="NACE sector")
    df["nace"], df["nace_name"] = nace[0], nace[1]
    df["share"] = _percent(df, "Share", file=file)
    df["share_text"] = df["Share"].str.strip()
    df["va_meur"] = to_number(df, va, file=file)
    return df[["material", "application", "nace", "nace_name", "share", "share_text", "va_meur", "_row"]]


def groupings(file: Path) -> pd.DataFrame:
    """crm_groupings from dimension_ScreenedMatGroupings.csv, one row per material x grouping scheme."""
    schemes = ["perm_noXREE_noPGM", "perm_noXREE_PGM", "perm_XREE_noPGM", "perm_XREE_PGM"]
    df = read_csv(file, required=["screened_material", *schemes])
    long = df.melt(id_vars=["screened_material", "_row"], value_vars=schemes, var_name="scheme", value_name="g")
    long["scheme"] = long["scheme"].str.removeprefix("perm_")
    long["material"] = _fold(long["screened_material"])
    long["grouping"] = _fold(long["g"]).replace("", None)
    return long.sort_values(["_row", "scheme"])[["material", "scheme", "grouping", "_row"]]


_RESULTS = {
    "material_name": "material", "supply_risk": "sr", "economic_importance": "ei", "eu_used_stage": "used_stage",
    "eu_stages": "stages", "eu_used_supply_primary": "supply_primary", "supply_risk_primary": "sr_primary",
    "eu_used_supply_refined": "supply_refined", "supply_risk_refined": "sr_refined", "si_ei": "si_ei",
    "si_sr": "si_sr", "import_reliance_primary": "ir_primary", "import_reliance_refined": "ir_refined",
    "end_of_life": "eol_rir",
}
_NUMBER = r"^-?\d+(\.\d+)?$"


def _dedupe(df: pd.DataFrame, file: Path) -> pd.DataFrame:
    """Drop a material's repeated row if it is identical (Tungsten is listed twice); otherwise raise."""
    dup = df["material_name"].duplicated()
    for i in dup.to_numpy().nonzero()[0]:
        first = df[df["material_name"] == df["material_name"].iloc[i]].iloc[0]
        if not first.drop(["_row", "fault"]).equals(df.iloc[i].drop(["_row", "fault"])):
            raise InputError(f"material {df['material_name'].iloc[i]!r} appears twice with different values",
                             file=file, row=int(df["_row"].iloc[i]), field="material_name")
        first["fault"].append(f"identical duplicate row at line {df['_row'].iloc[i]} removed")  # same list object
    return df[~dup]


def _repair_results(df: pd.DataFrame, file: Path) -> pd.DataFrame:
    """Detect and handle, by pattern, the transcription faults SOURCE.md lists; record each in `fault`."""
    df = df.copy()
    df["fault"] = [[] for _ in range(len(df))]
    df = _dedupe(df, file)
    for idx, r in df.iterrows():
        notes = r["fault"]
        # Coking coal, Diatomite, Magnesite, Natural cork, Strontium: the extraction SR sits one column right, in
        # eu_used_supply_refined (a label column). Certain to move back when it equals the reported SR of the
        # stage used (Extraction); the label it overwrote is lost.
        if r["supply_risk_primary"] == "" and re.match(_NUMBER, r["eu_used_supply_refined"]):
            moved = r["eu_used_supply_refined"]
            certain = r["eu_used_stage"] == "Extraction" and float(moved) == float(r["supply_risk"])
            df.at[idx, "supply_risk_primary"] = moved if certain else ""
            df.at[idx, "eu_used_supply_refined"] = ""
            notes.append(f"supply_risk_primary {moved} found in eu_used_supply_refined (shifted right): "
                         + ("moved back" if certain else "nulled, not equal to the reported SR")
                         + ("; eu_used_supply_refined label overwritten in source, null" if "P" in r["eu_stages"]
                            else ""))
        # Praseodymium: a stage assessed with a sourcing label but no SR value.
        for stage, label, col in (("E", "eu_used_supply_primary", "supply_risk_primary"),
                                  ("P", "eu_used_supply_refined", "supply_risk_refined")):
            if stage in r["eu_stages"] and df.at[idx, label] != "" and df.at[idx, col] == "":
                notes.append(f"{col} empty though stage {stage} was assessed: left null")
        # LREE: "281%" in an SR column; SR is an index, not a percentage, and no certain repair exists.
        for col in ("supply_risk_primary", "supply_risk_refined"):
            if df.at[idx, col].endswith("%"):
                notes.append(f"{col} {df.at[idx, col]!r} is a percentage, not a supply risk: nulled")
                df.at[idx, col] = ""
    df["fault"] = df["fault"].map(lambda f: "; ".join(f) if f else None)
    return df


def results(file: Path) -> pd.DataFrame:
    """crm_results from eureport_results_2023.csv; percentages (IR, EoL-RIR) as fractions."""
    df = read_csv(file, required=list(_RESULTS))
    df = df[[*_RESULTS, "_row"]].apply(lambda s: s.str.strip() if s.name != "_row" else s)
    df = _repair_results(df, file)
    out = df.rename(columns=_RESULTS)
    for src, col in _RESULTS.items():
        if col in ("sr", "ei", "sr_primary", "sr_refined", "si_ei", "si_sr"):
            out[col] = to_number(df, src, file=file)
        elif col in ("ir_primary", "ir_refined", "eol_rir"):
            out[col] = to_number(df, src, file=file) / 100
    out["used_stage"] = out["used_stage"].str.lower()
    for col in ("supply_primary", "supply_refined"):
        out[col] = out[col].replace("", None)
    return out


def load(path: Path, ctx: LoadContext) -> list[TableData]:
    """Parse and validate every known EC file in the folder (or the one file given); writes nothing."""
    path = Path(path)
    files = {p.name: p for p in ([path] if path.is_file() else [path / n for n in _FILES]) if p.is_file()}
    if not files:
        raise InputError("no EU CRM table found", file=path, hint=f"expected one of {', '.join(_FILES)}")
    out: list[TableData] = []
    shares = []
    for name, f in files.items():
        if name in _GLOBAL or name in _EU:
            scope = "global" if name in _GLOBAL else "eu"
            shares.append(validate(supply_shares(f, scope), "crm_supply_shares", file=str(f)))
            continue
        table, frame = {
            "dimension_CRMsOverTime.csv": ("crm_assessments", assessments),
            "fact_MaterialUseShares.csv": ("crm_use_shares", use_shares),
            MAIN: ("crm_results", results),
            "dimension_ScreenedMatGroupings.csv": ("crm_groupings", groupings),
        }[name]
        out.append(TableData(table, frame=validate(frame(f), table, file=str(f))))
    if shares:
        out.append(TableData("crm_supply_shares", frame=pd.concat(shares, ignore_index=True)))
    return out
