"""Build src/chokepoints/reference/hs_codes.csv: every HS code (2/4/6 digits) of HS 1992-2022, with revisions.

Sources (bundled under data/raw): HS 2022 nomenclature (datasets/harmonized-system, PDDL), BACI HS 2017 product
codes (CEPII), and the UN Comtrade HS92-HS17 correlation table. Used to reject unknown HS codes at load time.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
OUT = ROOT / "src" / "chokepoints" / "reference" / "hs_codes.csv"


def main() -> int:
    revs: dict[str, set[str]] = defaultdict(set)
    hs22 = pd.read_csv(RAW / "hs_nomenclature" / "harmonized-system.csv", dtype=str)
    for code in hs22["hscode"]:
        revs[code].add("HS22")
    baci = pd.read_csv(RAW / "baci_metadata" / "product_codes_HS17_V202301.csv", dtype=str)
    for code in baci["code"].str.zfill(6):
        revs[code].add("HS17")
    corr = pd.read_excel(RAW / "comtrade_hs_correlations" / "official-correlations-between-comtrade-codes.xlsx",
                         sheet_name=0, dtype=str)
    for rev in ["HS92", "HS96", "HS02", "HS07", "HS12", "HS17"]:
        for code in corr[rev].dropna().str.strip():
            if code.isdigit():
                revs[code.zfill(6)].add(rev)
    # headings and chapters of every 6-digit code exist in every revision that has the code
    for code, rs in list(revs.items()):
        if len(code) == 6:
            revs[code[:4]] |= rs
            revs[code[:2]] |= rs
    order = ["HS92", "HS96", "HS02", "HS07", "HS12", "HS17", "HS22"]
    rows = [(c, ";".join(r for r in order if r in rs)) for c, rs in sorted(revs.items())]
    pd.DataFrame(rows, columns=["code", "revisions"]).to_csv(OUT, index=False)
    print(f"{len(rows)} codes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
