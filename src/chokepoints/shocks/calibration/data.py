"""The episodes the licence profile is fitted to, read from the warehouse.

For each control episode, China's monthly export quantity of the controlled HS6 code (UN Comtrade, reporter China,
summed over the partners; table `trade_monthly`, loaded by `chokepoints ingest` from data/raw/china_comtrade_cm) is
divided by its mean over the 12 months before the announcement. The months from the announcement to the effective
date (front-loading) are kept apart: the fit leaves them out.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from chokepoints.errors import InputError, WarehouseError

DATA_SOURCE = ("UN Comtrade, China (reporter 156) monthly exports by HS6, as derived by qennis/"
               "ChinaCriticalMineralComtrade (commit 44040f4, 2025-12-22), bundled in data/raw/china_comtrade_cm")
FORMAT = "china-comtrade-cm"  # the ingest format whose trade_monthly rows the episodes read (ingest/china_cm.py)


@dataclass(frozen=True)
class Episode:
    """One export control whose effect the fit reads: the HS6 code that carries the controlled goods."""

    name: str
    title: str
    measure: str  # id in data/curated/measures.csv
    hs6: str
    announced: str  # YYYY-MM-DD
    effective: str  # YYYY-MM-DD (the first of a month for both 2023 controls)
    note: str = ""


EPISODES: tuple[Episode, ...] = (
    Episode("gallium_germanium", "Ga/Ge, MOFCOM No. 23 of 2023 (HS 811292)", "CHN-GAGE-23-2023", "811292",
            "2023-07-03", "2023-08-01",
            note="811292 also holds indium, niobium and vanadium; gallium and germanium are a small part of its "
                 "weight, so the control is barely visible in it"),
    Episode("graphite_natural", "Natural graphite, MOFCOM No. 39 of 2023 (HS 250410)", "CHN-GRAPHITE-39-2023",
            "250410", "2023-10-20", "2023-12-01",
            note="250410 (natural graphite in powder or flakes, incl. spherical) is covered by the licence"),
    Episode("graphite_artificial", "Artificial graphite, MOFCOM No. 39 of 2023 (HS 380110)", "CHN-GRAPHITE-39-2023",
            "380110", "2023-10-20", "2023-12-01",
            note="only high-purity, high-strength, high-density grades of 380110 are licensed"),
)


@dataclass(frozen=True)
class EpisodeData:
    """An episode's export volume relative to its pre-announcement baseline."""

    episode: Episode
    baseline_t: float  # mean monthly quantity over the baseline months, tonnes
    baseline_months: tuple[str, str]  # first and last month (YYYY-MM)
    months: tuple[str, ...]  # calendar months of `relative`, from the effective month on
    relative: np.ndarray  # quantity / baseline, from the effective month (t = 0) on; NaN = no data
    baseline_sd: float  # standard deviation of quantity / baseline over the baseline months (noise of the series)
    frontload: dict[str, float]  # month -> relative volume, announcement month to the month before the effective
    series: pd.Series  # the whole monthly quantity (tonnes) by month, for figures
    missing_weight: int  # flows in the used months with a value but no weight (left out of the sums)

    @property
    def frontload_excess(self) -> float:
        """Sum of (relative − 1) over the front-loading months: baseline-months shipped ahead of the control."""
        return float(sum(v - 1.0 for v in self.frontload.values()))

    @property
    def deficit(self) -> float:
        """Sum of (1 − relative) over the fitted months: baseline-months not shipped after the control."""
        return float(np.nansum(1.0 - self.relative))


def read_monthly(wh) -> pd.DataFrame:
    """China's monthly exports by HS6 summed over partners: columns month (YYYY-MM), hs6, quantity_t, missing_weight
    (flows with a value but no weight, left out of the sum).

    From the warehouse's `trade_monthly` rows of the china-comtrade-cm data set (its per-code file, not the product
    groups), as `chokepoints ingest` loaded and validated them.
    """
    missing = WarehouseError("the warehouse holds no China monthly exports by HS6 (table trade_monthly): run "
                             "`chokepoints ingest` with data/raw/china_comtrade_cm")
    if "trade_monthly" not in wh.tables():
        raise missing
    monthly = wh.sql(
        """SELECT month, hs6, coalesce(sum(quantity_t), 0) AS quantity_t,
                  count(*) FILTER (WHERE quantity_t IS NULL AND value_usd > 0) AS missing_weight
           FROM trade_monthly
           WHERE exporter = 'CHN' AND regexp_full_match(hs6, '[0-9]{6}')
             AND dataset IN (SELECT dataset FROM _provenance WHERE format = ?)
           GROUP BY month, hs6 ORDER BY month, hs6""",
        [FORMAT],
    )
    if monthly.empty:
        raise missing
    return monthly


def month_offset(month: str, k: int) -> str:
    """The month K months after MONTH (YYYY-MM)."""
    return str(pd.Period(month, freq="M") + k)


def episode_data(monthly: pd.DataFrame, episode: Episode, *, baseline_months: int = 12,
                 window: int = 13) -> EpisodeData:
    """Relative volume of one episode: quantity / mean of the `baseline_months` months before the announcement,
    for `window` months from the effective month; the months in between are the front-loading months."""
    rows = monthly[monthly["hs6"] == episode.hs6]
    if rows.empty:
        raise InputError(f"no exports of HS {episode.hs6} in the data", field="hs6",
                         hint=f"episode {episode.name} needs China's monthly exports of that code")
    series = rows.set_index("month")["quantity_t"].sort_index()
    missing = rows.set_index("month")["missing_weight"]
    announced, effective = episode.announced[:7], episode.effective[:7]
    base = [month_offset(announced, -k) for k in range(baseline_months, 0, -1)]
    front = [month_offset(announced, k) for k in range(0, 60) if month_offset(announced, k) < effective]
    used = [month_offset(effective, k) for k in range(window)]
    absent = [m for m in base if m not in series.index]
    if absent:
        raise InputError(f"baseline months {', '.join(absent)} of HS {episode.hs6} are missing", field="month",
                         hint=f"episode {episode.name} needs {base[0]}..{base[-1]}")
    baseline = float(series.loc[base].mean())
    if not baseline > 0:
        raise InputError(f"baseline of HS {episode.hs6} is {baseline}: cannot scale", field="quantity_t")
    baseline_sd = float(series.loc[base].std(ddof=1) / baseline)
    relative = np.array([series.get(m, np.nan) / baseline for m in used], dtype=float)
    return EpisodeData(episode=episode, baseline_t=baseline, baseline_months=(base[0], base[-1]), months=tuple(used),
                       relative=relative, baseline_sd=baseline_sd,
                       frontload={m: float(series.get(m, np.nan) / baseline) for m in front},
                       series=series / 1.0,
                       missing_weight=int(missing.reindex(base + front + used).fillna(0).sum()))




def months_span(ep: EpisodeData) -> str:
    """'2023-12..2024-12': the first and last fitted month with data."""
    t = np.flatnonzero(np.isfinite(ep.relative))
    return f"{ep.months[t[0]]}..{ep.months[t[-1]]}"
