"""Elasticities of the tariff model per product: shipped defaults (elasticities.csv) and a user's overrides.

A CSV of the same layout: `hs` (an HS code of 2, 4 or 6 digits, or `*` for every product), `import_demand`
(<= 0, the own-price elasticity of total import demand, Kee, Nicita & Olarreaga's sign), `substitution` (>= 0,
Armington elasticity between sources), `export_supply` (> 0, `inf` for given world prices; empty = the run's value),
`source`. A product takes, column by column, the value of the most specific row whose code starts it; a user's file
comes before the shipped defaults. Empty cells fall through to the next row.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from importlib.resources import files
from pathlib import Path

import numpy as np
import pandas as pd

from chokepoints.errors import InputError
from chokepoints.ingest.base import read_csv, reject_first, to_number

COLUMNS = ["import_demand", "substitution", "export_supply"]
SHIPPED = "elasticities.csv"


def shipped_path() -> Path:
    return Path(str(files(__package__).joinpath(SHIPPED)))


def read(path: str | Path) -> pd.DataFrame:
    """One elasticity file, checked: bad codes or values raise InputError naming the file, line and column."""
    path = Path(path)
    df = read_csv(path, required=["hs"])
    for c in COLUMNS + ["source"]:
        if c not in df:
            df[c] = ""
    hs = df["hs"].str.strip().str.replace(".", "", regex=False)
    bad = ~(hs.eq("*") | (hs.str.fullmatch(r"\d+") & hs.str.len().isin([2, 4, 6])))
    reject_first(df, bad, "{value!r} is not an HS code of 2, 4 or 6 digits nor '*'", file=path, field="hs")
    out = pd.DataFrame({"hs": hs, "source": df["source"].fillna("").str.strip(), "_row": df["_row"]})
    for c in COLUMNS:
        out[c] = to_number(df, c, file=path)
    reject_first(df, out["import_demand"] > 0, "import-demand elasticity {value!r} is positive", file=path,
                 field="import_demand", hint="give it with its sign, e.g. -1.2 (imports fall when prices rise)")
    reject_first(df, ~np.isfinite(out["import_demand"].fillna(0)), "import-demand elasticity {value!r} is not finite",
                 file=path, field="import_demand")
    reject_first(df, (out["substitution"] < 0) | np.isinf(out["substitution"]),
                 "substitution elasticity {value!r} must be finite and >= 0", file=path, field="substitution")
    reject_first(df, out["export_supply"] <= 0, "export-supply elasticity {value!r} must be > 0 (or inf)",
                 file=path, field="export_supply")
    dup = out["hs"].duplicated()
    reject_first(df, dup, "HS code {value!r} appears twice", file=path, field="hs", values=out["hs"])
    out["file"] = str(path)
    return out


def table(user: str | Path | None = None) -> pd.DataFrame:
    """The user's rows (if any) before the shipped defaults, with `priority` 0 (user) or 1 (shipped)."""
    parts = []
    if user is not None:
        parts.append(read(user).assign(priority=0))
    parts.append(read(shipped_path()).assign(priority=1))
    return pd.concat(parts, ignore_index=True)


def for_products(products: Sequence[str], elasticities: pd.DataFrame | None = None, *,
                 supply_elasticity: float = math.inf) -> pd.DataFrame:
    """One row per product: import_demand, substitution, export_supply and where each came from.

    Vectorised: each product is matched against its 6-, 4- and 2-digit prefixes and '*' in one merge.
    """
    if not (supply_elasticity > 0):
        raise InputError(f"export-supply elasticity {supply_elasticity!r} must be > 0 (or inf)",
                         field="supply_elasticity")
    tab = elasticities if elasticities is not None else table()
    products = pd.Index(pd.unique(pd.Series(list(products), dtype=str)), name="product")
    keys = [pd.DataFrame({"product": products, "hs": "*", "specificity": 0})]
    for n in (2, 4, 6):
        p = products[products.str.len() >= n]
        keys.append(pd.DataFrame({"product": p, "hs": p.str[:n], "specificity": n}))
    cand = pd.concat(keys, ignore_index=True).merge(tab, on="hs")
    cand = cand.sort_values(["product", "priority", "specificity"], ascending=[True, True, False])
    out = pd.DataFrame(index=products)
    for c in COLUMNS:
        have = cand[cand[c].notna()].drop_duplicates("product")
        out[c] = have.set_index("product")[c].reindex(products)
        out[f"{c}_from"] = (have["file"].map(lambda f: Path(f).name) + ":" + have["hs"]).set_axis(
            have["product"]).reindex(products)
    out["export_supply"] = out["export_supply"].fillna(supply_elasticity)
    out["export_supply_from"] = out["export_supply_from"].fillna("run parameter")
    missing = out["import_demand"].isna() | out["substitution"].isna()
    if missing.any():
        raise InputError(f"no elasticity for product {products[missing.to_numpy()][0]!r}", field="hs",
                         hint="add a '*' row to the elasticities file")
    return out.reset_index()
