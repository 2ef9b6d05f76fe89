"""The dependency formulas against hand-computed values and their defining properties."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from chokepoints.metrics import formulas as f


def test_hhi_by_hand():
    shares = f.supplier_shares(pd.Series({"CHN": 80.0, "USA": 20.0}))
    assert shares.tolist() == [0.8, 0.2]
    assert f.supplier_hhi(shares) == pytest.approx(0.8**2 + 0.2**2)  # 0.68
    assert f.top_shares(shares, 1) == 0.8 and f.top_shares(shares, 3) == 1.0


def test_screen_criteria_by_hand():
    assert f.ratio_m_x(100, 50) == 2.0 and f.ratio_m_x(100, 0) == math.inf and math.isnan(f.ratio_m_x(0, 0))
    assert f.ext_share(100, 40) == pytest.approx(100 / 140)
    assert f.ec_flag(0.68, 2.0, 0.714)
    assert not f.ec_flag(0.40, 2.0, 0.9)  # strictly above 0.4 (SWD(2021) 352)
    assert not f.ec_flag(0.9, 1.0, 0.9) and not f.ec_flag(0.9, 2.0, 0.5)
    assert not f.ec_flag(float("nan"), 2.0, 0.9)


def test_reliance_by_hand():
    # P = 20, M = 100, X = 30: C = 90, reliance = 70 / 90
    assert f.apparent_consumption(20, 100, 30) == 90
    assert f.import_reliance(20, 100, 30) == pytest.approx(70 / 90)
    assert f.import_reliance(200, 10, 30) < 0  # a net exporter
    assert f.crma_single_country_share(pd.Series({"CHN": 63.0, "USA": 37.0}), 20, 100, 30) == pytest.approx(0.7)


values = st.lists(st.floats(min_value=0.01, max_value=1e9, allow_nan=False), min_size=1, max_size=30)


@given(values)
def test_hhi_between_one_over_n_and_one(vals):
    shares = f.supplier_shares(pd.Series(vals))
    assert shares.sum() == pytest.approx(1.0)
    n = len(shares)
    assert 1 / n - 1e-12 <= f.supplier_hhi(shares) <= 1 + 1e-12


@given(values)
def test_hhi_ignores_order_and_scale(vals):
    s = pd.Series(vals)
    base = f.supplier_hhi(f.supplier_shares(s))
    assert f.supplier_hhi(f.supplier_shares(s[::-1] * 7.5)) == pytest.approx(base)
