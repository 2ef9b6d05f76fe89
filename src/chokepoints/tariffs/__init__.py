"""Tariff scenarios: the WITS-SMART single-market partial-equilibrium model (DESIGN.md, "Methods: Tariffs").

    smart.py         the formulas (pure NumPy, vectorised over products and sources)
    elasticities.py  documented defaults (elasticities.csv) and a user's per-product overrides
    measure.py       TariffMeasure: a `kind = "import_tariff"` measure of a scenario file
    rates.py         schedules (US HTS-8 lines, MFN, Section 301, preferences), which lines a measure covers, and
                     the baseline and new rate per (product, source)
    model.py         run_tariffs(wh, measures) -> TariffResult (tables, JSON, Plotly figure)
"""

from __future__ import annotations

from chokepoints.tariffs.measure import TariffMeasure
from chokepoints.tariffs.model import TariffResult, run_tariffs

__all__ = ["TariffMeasure", "TariffResult", "run_tariffs"]
