"""Figures carry their source and year, and say when the data are broader than the product."""

from __future__ import annotations

import pandas as pd
import pytest

from chokepoints.errors import ChokepointsError
from chokepoints.report.figures import save, supplier_bars


def _suppliers(resolution="as requested"):
    return pd.DataFrame({"supplier": ["CHN", "USA"], "v": [80.0, 20.0], "share": [0.8, 0.2], "bloc": "EU27",
                         "product": "2846", "year": 2023, "basis": "value", "resolution": resolution})


def test_bars_name_source_and_year(tmp_path):
    fig = supplier_bars(_suppliers(), source="UN Comtrade 2023")
    assert "2023" in fig.layout.title.text and "EU27" in fig.layout.title.text
    assert any("Source: UN Comtrade 2023" in a.text for a in fig.layout.annotations)
    assert list(fig.data[0].y) == ["US (USA)", "China (CHN)"]  # largest on top, names beside codes
    path = save(fig, tmp_path / "f.html")
    # works offline and stays small: plotly.js written once beside the page, never fetched from a CDN
    assert 1000 < path.stat().st_size < 1_000_000 and "cdn.plot.ly" not in path.read_text()
    assert (tmp_path / "plotly.min.js").stat().st_size > 1_000_000


def test_proxies_are_said(tmp_path):
    fig = supplier_bars(_suppliers("PROXY: heading 2805 only, broader than 280530"), source="x")
    assert "PROXY: heading 2805" in fig.layout.title.text


def test_errors():
    with pytest.raises(ChokepointsError, match="nothing to plot"):
        supplier_bars(_suppliers().iloc[0:0], source="x")
    with pytest.raises(ChokepointsError, match="unknown figure format"):
        save(supplier_bars(_suppliers(), source="x"), "f.doc")


def test_static_figures_without_a_browser(tmp_path):
    """PNG, SVG and PDF through matplotlib (no kaleido, no Chromium), still with the source line."""
    import numpy as np

    from chokepoints.report.figures import loss_fan

    bars = save(supplier_bars(_suppliers(), source="UN Comtrade 2023"), tmp_path / "s.svg")
    assert bars.stat().st_size > 1000 and "UN Comtrade 2023" in bars.read_text()
    fan = np.zeros((20, 2, 6))
    fan[:, 1, 1:4] = np.random.default_rng(0).uniform(1, 5, (20, 3))
    fig = loss_fan(fan, ["magnet", "vehicle"], title="t", source="BACI 2024", start="2025-04", unit=["t", "vehicles"])
    png = save(fig, tmp_path / "f.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert save(fig, tmp_path / "f.pdf").read_bytes()[:4] == b"%PDF"
