"""Build src/chokepoints/reference/{countries,trade_codes}.csv from the real code lists in ../shared/data.

Run once when the code lists change; the outputs are committed so the package needs no network and no shared/.
Sources: datasets/country-codes (ISO 3166, UN M49; PDDL) and CEPII BACI V202301 country codes.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "raw"
OUT = ROOT / "src" / "chokepoints" / "reference"

# Statistical aggregates used by trade and production sources, with codes in ISO's user-assigned X-range
# (WLD as the World Bank uses it). None of these is a country; metrics may drop or keep them explicitly.
AGGREGATES = [
    ("WLD", "World", None),
    ("ROW", "Rest of world / other countries", None),
    ("XNS", "Areas, not elsewhere specified", 899),
    ("XSC", "Special categories", 839),
    ("XOE", "Other Europe, not elsewhere specified", 568),
    ("XOF", "Other Africa, not elsewhere specified", 577),
    ("XBK", "Bunkers", 837),
    ("XFZ", "Free zones", 838),
    ("XSS", "Serbia and Montenegro (former)", 891),
    ("XEF", "Europe EFTA, not elsewhere specified", 697),
    ("XUP", "US Miscellaneous Pacific Islands", 849),
    ("XKX", "Kosovo", None),
    # Comtrade partner areas seen in the 2022/2024 annual declarations (comtrade_hs6_2022_2024)
    ("XOO", "Oceania, not elsewhere specified", 527),
    ("XOA", "Rest of America, not elsewhere specified", 636),
    ("XLA", "LAIA, not elsewhere specified", 473),
    ("XNC", "North and Central America, not elsewhere specified", 637),
    ("XWA", "Western Asia, not elsewhere specified", 879),
    # former states that BACI's code table still names (trade before their dissolution)
    ("CSK", "Czechoslovakia (former)", None),
    ("DDR", "German Democratic Republic (former)", None),
    ("ANT", "Netherlands Antilles (former)", None),
    ("SUN", "USSR (former)", None),
]
# BACI/Comtrade numeric codes that are not ISO numeric, or that ISO lacks (DESIGN.md, known pitfalls).
TRADE_CODE_OVERRIDES = {490: "TWN", 58: "BEL", 711: "ZAF", 736: "SDN", 891: "XSS", 0: "WLD"}


def main() -> int:
    iso_rows = list(csv.DictReader(open(DATA / "country_codes" / "country-codes.csv", encoding="utf-8")))
    countries = []
    for r in iso_rows:
        iso3 = r["ISO3166-1-Alpha-3"].strip()
        if not iso3:
            continue
        name = r["CLDR display name"] or r["UNTERM English Short"] or r["official_name_en"]
        countries.append(
            {
                "iso3": iso3,
                "iso2": r["ISO3166-1-Alpha-2"],
                "iso_numeric": int(r["ISO3166-1-numeric"]),
                "name": name,
                "region": r["Region Name"],
                "sub_region": r["Sub-region Name"],
                "kind": "country" if r["is_independent"] == "Yes" else "territory",
            }
        )
    known = {c["iso3"] for c in countries}
    if "TWN" not in known:
        countries.append(dict(iso3="TWN", iso2="TW", iso_numeric=158, name="Taiwan", region="Asia",
                              sub_region="Eastern Asia", kind="territory"))
    for code, name, _ in AGGREGATES:
        kind = "country" if code == "XKX" else "aggregate"
        region = "Europe" if code == "XKX" else ""
        countries.append(dict(iso3=code, iso2="", iso_numeric="", name=name, region=region, sub_region="",
                              kind=kind))
    countries.sort(key=lambda c: c["iso3"])
    with open(OUT / "countries.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(countries[0]))
        w.writeheader()
        w.writerows(countries)

    by_numeric = {c["iso_numeric"]: c["iso3"] for c in countries if c["iso_numeric"] != ""}
    codes = {}
    for r in csv.DictReader(open(DATA / "baci_metadata" / "country_codes_V202301.csv", encoding="utf-8"),
                            delimiter=";"):
        num = int(r["country_code"])
        iso3 = TRADE_CODE_OVERRIDES.get(num) or (r["iso_3digit_alpha"] if r["iso_3digit_alpha"] != "N/A" else None)
        iso3 = iso3 or by_numeric.get(num) or {n: c for c, _, n in AGGREGATES if n is not None}.get(num)
        if iso3 is None:
            print(f"BACI code {num} {r['country_name_full']} has no ISO3", file=sys.stderr)
            continue
        codes[num] = (iso3, r["country_name_abbreviation"], "CEPII BACI V202301")
    for code, name, num in AGGREGATES:
        if num is not None and num not in codes:
            codes[num] = (code, name, "UN Comtrade partner areas")
    codes.setdefault(0, ("WLD", "World", "UN Comtrade"))
    # Comtrade also reports a few ISO numeric codes that BACI folds into others.
    for num, iso3 in by_numeric.items():
        codes.setdefault(num, (iso3, next(c["name"] for c in countries if c["iso3"] == iso3), "ISO 3166 numeric"))
    with open(OUT / "trade_codes.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["code", "iso3", "name", "source"])
        for num in sorted(codes):
            w.writerow([num, *codes[num]])
    print(f"{len(countries)} countries, {len(codes)} trade codes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
