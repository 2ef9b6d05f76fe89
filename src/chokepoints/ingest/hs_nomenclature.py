"""HS 2022 nomenclature (datasets/harmonized-system: harmonized-system.csv + sections.csv) -> `hs_codes`.

Rows carry revision 'HS22'; BACI's HS 2017 product list (baci_metadata.py) writes revision 'HS17' to the same
table, so (revision, code) stays unique across datasets.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from chokepoints.ingest.base import LoadContext, TableData, claims, read_csv, reject_first, to_number
from chokepoints.ingest.schemas import validate

FORMAT = "hs-nomenclature"
MAIN = "harmonized-system.csv"
SECTIONS = "sections.csv"
REVISION = "HS22"
# The file ends with one pseudo-code 'TOTAL' (level 5, "Total of all HS2022 commodities"): a reporting total,
# not a classification entry, so it is left out on purpose.
TOTAL = "TOTAL"


def matches(path: Path) -> bool:
    return claims(path, MAIN)


def load(path: Path, ctx: LoadContext) -> list[TableData]:
    main = path / MAIN if path.is_dir() else path
    sections = main.parent / SECTIONS
    known_sections = _sections(sections) if sections.is_file() else None
    return [TableData("hs_codes", frame=parse(main, known_sections))]


def _sections(file: Path) -> set[str]:
    df = read_csv(file, required=["section", "name"])
    return set(df["section"].str.strip())


def parse(file: Path, known_sections: set[str] | None = None) -> pd.DataFrame:
    """The nomenclature as `hs_codes` rows; codes stay text so chapter '01' keeps its leading zero."""
    df = read_csv(file, required=["section", "hscode", "description", "parent", "level"])
    df = df[df["hscode"].str.strip() != TOTAL].copy()
    code = df["hscode"].str.strip()
    level = to_number(df, "level", file=file, allow_empty=False)
    parent = df["parent"].str.strip()
    _check_codes(df, code, level, parent, file)
    # Comtrade's chapter 99 ("commodities not specified according to kind") sits in no HS section: the file
    # files it under 'TOTAL'; in the table it has no section.
    section = df["section"].str.strip().replace(TOTAL, None)
    if known_sections is not None:
        reject_first(df, ~(section.isin(known_sections) | section.isna()),
                     f"value {{value!r}} is not a section listed in {SECTIONS}", file=file, field="section")
    out = pd.DataFrame({
        "revision": REVISION,
        "code": code,
        "description": df["description"].str.strip(),
        # Chapters hang from the file's 'TOTAL' root; in the table a chapter simply has no parent.
        "parent": parent.where(parent != TOTAL),
        "level": level.astype("Int64"),
        "section": section,
        "_row": df["_row"],
    })
    return validate(out, "hs_codes", file=str(file))


def _check_codes(df: pd.DataFrame, code: pd.Series, level: pd.Series, parent: pd.Series, file: Path) -> None:
    """Digits only, as many as the level says, and nested in the parent one level up."""
    reject_first(df, ~code.str.fullmatch(r"\d+").fillna(False) | (code.str.len() != level),
                 "value {value!r} is not a code of as many digits as its level", file=file, field="hscode")
    chapter = level == 2
    nested = pd.Series([c.startswith(p) for c, p in zip(code, parent, strict=True)], index=df.index)
    ok = (chapter & (parent == TOTAL)) | (~chapter & nested & (parent.str.len() == level - 2))
    reject_first(df, ~ok, "value {value!r} is not the code one level up", file=file, field="parent")

