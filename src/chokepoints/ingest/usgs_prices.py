"""USGS Mineral Commodity Summaries 2026, rare earths: prices -> `prices`, US statistics -> `salient_stats`.

Source: data/raw/usgs_mcs2026_ree_prices/SOURCE.md. `ree_prices_usgs_mcs2026.csv` is wide (`product,unit,2021,...,
2025e`): annual average FOB prices of rare-earth oxides and mischmetal in USD/kg, as Argus Media reports them
(USGS's footnote). `us_ree_salient_mcs2026.csv` (`item,section,unit,2021,...,2025e`) holds US production, trade,
apparent consumption and net import reliance, with USGS's raw strings (">95") kept beside the number.
A year column "2025e" is USGS's estimate for that year.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from chokepoints.errors import InputError
from chokepoints.ingest.base import LoadContext, TableData, claims, read_csv, reject_first
from chokepoints.ingest.schemas import validate

FORMAT = "usgs-mcs-prices"
PRICES = "ree_prices_usgs_mcs2026.csv"
SALIENT = "us_ree_salient_mcs2026.csv"
SOURCE = "USGS Mineral Commodity Summaries 2026, Rare Earths (prices: Argus Media group, Argus Non-Ferrous Markets)"
YEAR = re.compile(r"(?P<year>(19|20)\d\d)(?P<e>e?)")
# Price units: USD per mass unit, converted to USD per metric tonne.
_PER_T = {"kg": 1000.0, "t": 1.0, "metric ton": 1.0, "mt": 1.0, "lb": 2204.62262, "g": 1e6}
_UNIT = re.compile(r"^\s*(?:USD|US\$|\$)\s*(?:/|per)\s*(?P<mass>kg|t|metric ton|mt|lb|g)\b", re.IGNORECASE)
# Rare-earth elements (and yttrium, scandium) by name, for the short material key.
_SYMBOLS = {
    "lanthanum": "la", "cerium": "ce", "praseodymium": "pr", "neodymium": "nd", "promethium": "pm",
    "samarium": "sm", "europium": "eu", "gadolinium": "gd", "terbium": "tb", "dysprosium": "dy", "holmium": "ho",
    "erbium": "er", "thulium": "tm", "ytterbium": "yb", "lutetium": "lu", "yttrium": "y", "scandium": "sc",
}
_FORMS = ("oxide", "metal", "carbonate", "chloride", "fluoride", "alloy")
# Salient-statistics strings that carry no number (withheld, not available, not applicable, net exporter);
# an empty cell gives no row.
_NO_NUMBER = {"W", "NA", "XX", "E"}


def matches(path: Path) -> bool:
    """The MCS rare-earth price folder (holding the price table), or either of its two files."""
    return claims(Path(path), PRICES, SALIENT)


def material_key(product: str) -> str:
    """Short key of a product name: 'Neodymium-praseodymium (NdPr) oxide, 99% minimum' -> 'ndpr_oxide',
    'Dysprosium oxide' -> 'dy_oxide', 'Mischmetal, 65% cerium, 35% lanthanum' -> 'mischmetal'."""
    head = product.split(",")[0].strip()
    name = head.lower()
    form = next((f for f in _FORMS if re.search(rf"\b{f}\b", name)), None)
    given = re.search(r"\(((?:[A-Z][a-z]?)+)\)", head)  # symbols the source gives itself: "(NdPr)"
    symbols = re.findall(r"[A-Z][a-z]?", given[1]) if given else []
    if symbols and all(s.lower() in _SYMBOLS.values() for s in symbols):
        elements = "".join(s.lower() for s in symbols)
    else:
        elements = "".join(_SYMBOLS[w] for w in re.findall(r"[a-z]+", name) if w in _SYMBOLS)
    if elements and form:
        return f"{elements}_{form}"
    return re.sub(r"[^a-z0-9]+", "_", name).strip("_")


def _per_tonne(unit: str) -> float | None:
    m = _UNIT.match(unit)
    return _PER_T[m["mass"].lower()] if m else None


def _year_columns(df: pd.DataFrame, file: Path, first: list[str]) -> list[str]:
    years = [c for c in df.columns if YEAR.fullmatch(c)]
    other = [c for c in df.columns if c not in years and c not in first and c != "_row"]
    if other:
        raise InputError(f"column {other[0]!r} is not a year (YYYY or YYYYe)", file=file, row=1, field=other[0])
    if not years:
        raise InputError("no year columns (YYYY or YYYYe)", file=file, row=1, hint=f"expected {', '.join(first)}, "
                         "then one column per year such as 2024, 2025e")
    return years


def _long(df: pd.DataFrame, keep: list[str], years: list[str]) -> pd.DataFrame:
    """One row per (line, year column) with the cell text in `raw`; empty cells give no row."""
    long = df.melt(id_vars=[*keep, "_row"], value_vars=years, var_name="column", value_name="raw")
    long["raw"] = long["raw"].str.strip()
    long = long[long["raw"] != ""].copy()
    parts = long["column"].str.extract(YEAR)
    long["year"] = parts["year"].astype("int64")
    long["estimated"] = parts["e"] == "e"
    return long.sort_values(["_row", "year"], kind="stable").reset_index(drop=True)


def _reject(long: pd.DataFrame, bad: pd.Series, problem: str, file: Path) -> None:
    """Raise for the first cell where `bad` holds, naming its line and its year column; {value!r} is its text."""
    if bad.any():
        i = int(bad.to_numpy().nonzero()[0][0])
        raise InputError(problem.format(value=long["raw"].iloc[i]), file=file, row=int(long["_row"].iloc[i]),
                         field=long["column"].iloc[i])


def _notes(long: pd.DataFrame) -> list[str | None]:
    return [f"USGS estimate (column '{c}')" if e else None
            for c, e in zip(long["column"], long["estimated"], strict=True)]


def parse_prices(file: Path) -> pd.DataFrame:
    df = read_csv(file, required=["product", "unit"])
    years = _year_columns(df, file, ["product", "unit"])
    for col in ("product", "unit"):
        reject_first(df, df[col].str.strip() == "", "value is missing", file=file, field=col)
    long = _long(df, ["product", "unit"], years)
    long = long[long["raw"] != "NA"].reset_index(drop=True)  # not available: no price
    price = pd.to_numeric(long["raw"].where(long["raw"].str.fullmatch(r"-?\d+(\.\d+)?")), errors="coerce")
    _reject(long, price.isna(), "value {value!r} is not a number", file)
    _reject(long, price < 0, "value {value!r} is negative", file)
    unit = long["unit"].str.strip()
    out = pd.DataFrame({
        "year": long["year"],
        "product": long["product"].str.strip(),
        "material": long["product"].map(material_key),
        "price": price,
        "unit": unit,
        "price_usd_per_t": price * unit.map(_per_tonne).astype("float64"),
        "estimated": long["estimated"],
        "source": SOURCE,
        "note": _notes(long),
        "_row": long["_row"],
    })
    return validate(out, "prices", file=str(file))


def parse_salient(file: Path) -> pd.DataFrame:
    first = ["item", "section", "unit"]
    df = read_csv(file, required=first)
    years = _year_columns(df, file, first)
    for col in first:
        reject_first(df, df[col].str.strip() == "", "value is missing", file=file, field=col)
    long = _long(df, first, years)
    # "45,500" and bounds ">95" / "<1" carry a number (the bound); "—" is zero; W, NA, E, XX carry none.
    plain = long["raw"].str.replace(",", "", regex=False).str.lstrip("><").str.strip().replace("\u2014", "0")
    known = long["raw"].isin(_NO_NUMBER)
    value = pd.to_numeric(plain.where(plain.str.fullmatch(r"-?\d+(\.\d+)?") & ~known), errors="coerce")
    _reject(long, value.isna() & ~known, "value {value!r} is not a number, a bound (>x, <x) or W, NA, E, XX", file)
    out = pd.DataFrame({
        "item": long["item"].str.strip(),
        "section": long["section"].str.strip(),
        "unit": long["unit"].str.strip(),
        "year": long["year"],
        "value": value,
        "raw": long["raw"],
        "estimated": long["estimated"],
        "_row": long["_row"],
    })
    return validate(out, "salient_stats", file=str(file))


def load(path: Path, ctx: LoadContext) -> list[TableData]:
    """Parse and validate the price table (and the salient statistics beside it); writes nothing."""
    path = Path(path)
    files = [f for f in (path / PRICES, path / SALIENT) if f.is_file()] if path.is_dir() else [path]
    return [TableData("prices", frame=parse_prices(f)) if f.name == PRICES
            else TableData("salient_stats", frame=parse_salient(f)) for f in files]
