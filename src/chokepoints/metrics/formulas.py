"""Dependency and concentration formulas as small pure functions (DESIGN.md, "Methods: Dependency").

Each takes and returns plain numbers or pandas objects, does no I/O, and cites its source. The warehouse queries in
dependency.py compute the same quantities for many products at once; tests hold both to these definitions.
"""

from __future__ import annotations

import pandas as pd

# European Commission, SWD(2021) 352 "Strategic dependencies and capacities", Annex 1: the three screening criteria.
EC_HHI = 0.4
EC_RATIO_M_X = 1.0
EC_EXT_SHARE = 0.5
# Regulation (EU) 2024/1213 (Critical Raw Materials Act), Art. 5(1)(d): no third country above 65 % of consumption.
CRMA_SINGLE_COUNTRY = 0.65


def supplier_shares(values: pd.Series) -> pd.Series:
    """Each supplier's share of the total (fractions summing to 1); empty or all-zero input gives an empty Series."""
    values = values[values > 0]
    total = values.sum()
    return values / total if total > 0 else values.iloc[0:0].astype(float)


def supplier_hhi(shares: pd.Series) -> float:
    """Herfindahl–Hirschman index of supplier shares (fractions summing to 1): sum of squared shares, in [1/n, 1].

    European Commission, SWD(2021) 352, strategic-dependency screen: flag above 0.4.
    """
    return float((shares.astype(float) ** 2).sum()) if len(shares) else float("nan")


def top_shares(shares: pd.Series, n: int) -> float:
    """Combined share of the n largest suppliers (top-1, top-3 concentration ratios)."""
    return float(shares.nlargest(n).sum()) if len(shares) else float("nan")


def ratio_m_x(m_ext: float, x_ext: float) -> float:
    """Extra-bloc imports over extra-bloc exports; infinite where the bloc exports nothing (a pure importer)."""
    if x_ext > 0:
        return m_ext / x_ext
    return float("inf") if m_ext > 0 else float("nan")


def ext_share(m_ext: float, m_int: float) -> float:
    """Share of extra-bloc imports in all imports of bloc members, M_ext / (M_ext + M_int)."""
    total = m_ext + m_int
    return m_ext / total if total > 0 else float("nan")


def ec_flag(hhi: float, ratio: float, share: float) -> bool:
    """The Commission's strategic-dependency screen: HHI > 0.4 and M_ext/X_ext > 1 and M_ext/(M_ext+M_int) > 0.5.

    European Commission, SWD(2021) 352, Annex 1. A NaN criterion (no trade) does not flag.
    """
    return bool(hhi > EC_HHI and ratio > EC_RATIO_M_X and share > EC_EXT_SHARE)


def apparent_consumption(production: float, m_ext: float, x_ext: float) -> float:
    """C = P + M_ext − X_ext (DESIGN.md; USGS and EC use the same definition of apparent consumption)."""
    return production + m_ext - x_ext


def import_reliance(production: float, m_ext: float, x_ext: float) -> float:
    """Net import reliance (M_ext − X_ext) / C, with C the apparent consumption.

    USGS Mineral Commodity Summaries ("net import reliance as a percentage of apparent consumption"); the EC
    criticality methodology (2017) uses the same ratio. Negative for a net exporter; NaN where C <= 0.
    """
    c = apparent_consumption(production, m_ext, x_ext)
    return (m_ext - x_ext) / c if c > 0 else float("nan")


def crma_single_country_share(imports_by_supplier: pd.Series, production: float, m_ext: float, x_ext: float) -> float:
    """Largest single third country's imports as a share of the bloc's apparent consumption.

    Regulation (EU) 2024/1213, Art. 5(1)(d): at any stage no third country above 65 % of the Union's consumption.
    """
    c = apparent_consumption(production, m_ext, x_ext)
    if c <= 0 or imports_by_supplier.empty:
        return float("nan")
    return float(imports_by_supplier.max() / c)
