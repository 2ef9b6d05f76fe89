"""Balance each country at each stage: production + imports - exports = use (+ stock change, zero in the base year).

Pure functions on arrays; the reconciliation reports what it had to assume so a user sees how much of the network is
data and how much is assumption.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np


class Balance(NamedTuple):
    production: np.ndarray     # [stage, country] t/yr after reconciliation
    use: np.ndarray            # production + imports - exports, >= 0
    trade_implied: np.ndarray  # production assumed where there were no data: max(0, exports - imports)
    residual: np.ndarray       # production added to data that fell short of net exports


def reconcile(flows: np.ndarray, production: np.ndarray) -> Balance:
    """Fill and balance production given flows[s, i, j] and production[s, i] (NaN = no data).

    A country without production data is taken to make exactly its net exports (trade-implied, zero for a net
    importer); one whose reported production is below its net exports is raised to them (the residual). Either way
    use = production + imports - exports >= 0: no country ships more than it makes and buys.
    """
    exports = flows.sum(axis=2)
    imports = flows.sum(axis=1)
    net_exports = exports - imports
    missing = np.isnan(production)
    trade_implied = np.where(missing, np.maximum(net_exports, 0.0), 0.0)
    known = np.where(missing, 0.0, production)
    residual = np.where(missing, 0.0, np.maximum(net_exports - known, 0.0))
    p = known + trade_implied + residual
    use = np.maximum(p + imports - exports, 0.0)  # exact zero where clipped: rounding only
    return Balance(p, use, trade_implied, residual)
