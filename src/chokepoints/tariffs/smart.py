"""The single-market partial-equilibrium model of WITS-SMART: pure NumPy, vectorised over products and sources.

Jammes, O. and Olarreaga, M. (2005), "Explaining SMART and GSIM", World Bank (April 2005); WITS online help,
"SMART Theoretical Framework". One importing market; for each product g, imports from each source i are an
Armington variety. Per row (product g, source i), with M the baseline import value (world price normalised to 1,
so value = quantity), t0 and t1 the baseline and new ad-valorem rates, eps_m <= 0 the import-demand elasticity,
sigma >= 0 the substitution elasticity between sources, eps_x > 0 the export-supply elasticity (inf = given world
prices, SMART's default "99"):

    tariff shock      that = (t1 - t0) / (1 + t0)
    world price       p*   = eps_m * that / (eps_x - eps_m)                 (0 when eps_x = inf)
    trade creation    TC_i = M_i * eps_m * that / (1 - eps_m / eps_x)
    consumer price    q_i  = that + p*_i = that * eps_x / (eps_x - eps_m)   (the variety's price, tariff included)
    relative price    d_i  = 1 / (1 + q_i) - 1                             (an untouched variety's price over i's)
    trade diversion   TD_i = S_g * M_i a_i / sum_j M_j a_j - M_i,  a_i = max(0, 1 + sigma d_i),  S_g = sum_j M_j

With one group of sources whose price changes by d and the rest untouched, TD is Jammes & Olarreaga's
    TD_i = M_i M_o sigma d / (M_o + M_i + M_i sigma d),
and the rest lose -TD pro rata to their imports. Diversion sums to zero over the sources of a product: it moves
imports between sources; only creation changes their total. A source's imports cannot fall below zero: where
creation would push them there, creation is cut to what is left (the row is flagged `capped`); so is a world price
that the linear formula would take below zero (shocks beyond that = (eps_x - eps_m) / -eps_m), held at -100 %.
With given world prices, q = that and d = (1 + t0)/(1 + t1) - 1, SMART's relative price of the simplest version.

    new imports (value at new world prices)  M1_i = (M_i + TC_i + TD_i) (1 + p*_i)
    price effect (value)                     PE_i = (M_i + TC_i + TD_i) p*_i
    tariff revenue change                    dR_i = t1 M1_i - t0 M_i
    welfare change                           dW_i = (t0 + t1)/2 * (M_i + TC_i + TD_i - M_i) - p*_i (M_i + TC_i + TD_i)

The welfare change is the importing market's: the Harberger trapezoid of each variety (exact for linear demand,
and Jammes & Olarreaga's 0.5 * dt * dM when the tariff goes to or from zero) plus the terms-of-trade gain when
exporters' prices fall (zero with infinitely elastic export supply).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

FIELDS = ("creation", "diversion", "price_effect", "new_imports", "price_change", "consumer_price_change",
          "revenue_change", "welfare", "capped")


@dataclass(frozen=True)
class Effects:
    """Per-row results of `smart`; arrays of the rows' length, USD where a value."""

    creation: np.ndarray
    diversion: np.ndarray
    price_effect: np.ndarray
    new_imports: np.ndarray
    price_change: np.ndarray          # exporters' (world) price, fraction
    consumer_price_change: np.ndarray  # importers' price of the variety, tariff included, fraction
    revenue_change: np.ndarray
    welfare: np.ndarray
    capped: np.ndarray                # creation cut so that imports stay >= 0


def tariff_shock(t0: np.ndarray, t1: np.ndarray) -> np.ndarray:
    """Proportional change of the tariff factor (1 + t): (t1 - t0) / (1 + t0)."""
    return (np.asarray(t1, float) - np.asarray(t0, float)) / (1.0 + np.asarray(t0, float))


def world_price_change(that: np.ndarray, eps_m: np.ndarray, eps_x: np.ndarray) -> np.ndarray:
    """Change of the exporters' price: eps_m * that / (eps_x - eps_m); zero with infinitely elastic supply.

    Jammes & Olarreaga (2005), section 2: import demand M = m(p*(1 + t)), export supply X = x(p*), M = X.
    """
    that, eps_m, eps_x = np.broadcast_arrays(*(np.asarray(a, float) for a in (that, eps_m, eps_x)))
    out = np.zeros_like(that)
    finite = np.isfinite(eps_x)
    out[finite] = eps_m[finite] * that[finite] / (eps_x[finite] - eps_m[finite])
    return out


def trade_creation(m0: np.ndarray, that: np.ndarray, eps_m: np.ndarray, eps_x: np.ndarray) -> np.ndarray:
    """TC = M * eps_m * that / (1 - eps_m / eps_x) (Jammes & Olarreaga 2005, eq. for finite export supply)."""
    m0, that, eps_m, eps_x = (np.asarray(a, float) for a in (m0, that, eps_m, eps_x))
    return m0 * eps_m * that / (1.0 - eps_m / eps_x)


def trade_diversion(m0: np.ndarray, rel_price: np.ndarray, sigma: np.ndarray, group: np.ndarray) -> np.ndarray:
    """TD_i = S_g M_i a_i / sum_{j in g} M_j a_j - M_i with a_i = max(0, 1 + sigma d_i); sums to 0 per group.

    `group` holds integer product codes 0..G-1; `rel_price` is d_i, the change of an untouched variety's price
    relative to variety i's (positive when i got cheaper).
    """
    m0, rel_price, sigma = (np.asarray(a, float) for a in (m0, rel_price, sigma))
    group = np.asarray(group, dtype=np.int64)
    a = np.maximum(0.0, 1.0 + sigma * rel_price)
    n = int(group.max()) + 1 if group.size else 0
    total = np.bincount(group, weights=m0, minlength=n)
    weighted = np.bincount(group, weights=m0 * a, minlength=n)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(weighted[group] > 0, m0 * a / weighted[group], m0 / np.where(total[group] > 0,
                                                                                      total[group], 1.0))
    return total[group] * share - m0


def smart(m0, t0, t1, group, *, eps_m, sigma, eps_x=np.inf) -> Effects:
    """All SMART effects for rows (product `group`, source); see the module docstring for the formulas."""
    m0 = np.asarray(m0, float)
    t0, t1, eps_m, sigma, eps_x = np.broadcast_arrays(*(np.asarray(a, float) for a in (t0, t1, eps_m, sigma, eps_x)))
    if m0.shape != t0.shape:
        t0, t1, eps_m, sigma, eps_x = (np.broadcast_to(a, m0.shape) for a in (t0, t1, eps_m, sigma, eps_x))
    that = tariff_shock(t0, t1)
    pstar = world_price_change(that, eps_m, eps_x)
    tc = trade_creation(m0, that, eps_m, eps_x)
    consumer = that + pstar  # = that * eps_x / (eps_x - eps_m): never below 0 when the tariff rises
    rel = 1.0 / (1.0 + consumer) - 1.0
    td = trade_diversion(m0, rel, sigma, group)
    volume = m0 + tc + td
    capped = (volume < 0) | (pstar < -1.0)
    tc = np.where(volume < 0, -(m0 + td), tc)
    volume = np.maximum(volume, 0.0)
    pstar = np.maximum(pstar, -1.0)
    price_effect = volume * pstar
    new = volume + price_effect
    revenue = t1 * new - t0 * m0
    welfare = 0.5 * (t0 + t1) * (volume - m0) - pstar * volume
    return Effects(tc, td, price_effect, new, pstar, consumer, revenue, welfare, capped)
