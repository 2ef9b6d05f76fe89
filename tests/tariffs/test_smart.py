"""The SMART formulas against hand-computed cases (Jammes & Olarreaga 2005), then properties."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chokepoints.tariffs.smart import smart, trade_diversion

INF = float("inf")


def test_two_sources_tariff_on_one():
    # A: 100, B: 300, both duty-free; A gets 20 %. eps_m = -1, sigma = 1.5, given world prices.
    # creation A = 100 * -1 * 0.2 = -20; relative price d = 1/1.2 - 1 = -1/6;
    # J&O diversion A = 100*300*1.5*(-1/6) / (300 + 100 + 100*1.5*(-1/6)) = -7500 / 375 = -20, B gets +20.
    fx = smart([100, 300], [0, 0], [0.2, 0], [0, 0], eps_m=-1.0, sigma=1.5)
    np.testing.assert_allclose(fx.creation, [-20, 0])
    np.testing.assert_allclose(fx.diversion, [-20, 20])
    np.testing.assert_allclose(fx.new_imports, [60, 320])
    np.testing.assert_allclose(fx.price_effect, [0, 0])
    np.testing.assert_allclose(fx.revenue_change, [0.2 * 60, 0])          # t1 * M1 - t0 * M0
    np.testing.assert_allclose(fx.welfare, [0.5 * 0.2 * -40, 0])          # (t0 + t1)/2 * dM
    np.testing.assert_allclose(fx.consumer_price_change, [0.2, 0])


def test_jammes_olarreaga_diversion_formula_with_several_others():
    # One source cut from 10 % to 0, three untouched others: the cut source's diversion is J&O's two-group TD, the
    # others lose it pro rata to their imports.
    m, mo = 50.0, np.array([100.0, 200.0, 50.0])
    d = 1.1 / 1.0 - 1  # an untouched variety's price relative to the cut one rose by 10 %
    td = m * mo.sum() * 2.0 * d / (mo.sum() + m + m * 2.0 * d)
    out = trade_diversion(np.r_[m, mo], np.r_[d, 0, 0, 0], np.full(4, 2.0), np.zeros(4, int))
    np.testing.assert_allclose(out[0], td)
    np.testing.assert_allclose(out[1:], -td * mo / mo.sum())


def test_finite_export_supply():
    # One source, t 10 % -> 21 % (that = 0.11/1.1 = 0.1); eps_m = -2, eps_x = 2:
    # world price -2*0.1/(2+2) = -5 %; creation 100*-2*0.1/(1+1) = -10; volume 90, value 90*0.95 = 85.5.
    fx = smart([100], [0.1], [0.21], [0], eps_m=-2.0, sigma=1.5, eps_x=2.0)
    np.testing.assert_allclose(fx.price_change, [-0.05])
    np.testing.assert_allclose(fx.creation, [-10])
    np.testing.assert_allclose(fx.diversion, [0], atol=1e-12)
    np.testing.assert_allclose(fx.price_effect, [-4.5])
    np.testing.assert_allclose(fx.new_imports, [85.5])
    np.testing.assert_allclose(fx.revenue_change, [0.21 * 85.5 - 0.1 * 100])
    np.testing.assert_allclose(fx.welfare, [0.5 * 0.31 * -10 + 0.05 * 90])  # efficiency loss + terms of trade
    np.testing.assert_allclose(fx.consumer_price_change, [0.1 - 0.05])  # that + p*


def test_liberalisation_to_zero_is_half_dt_dm():
    # 10 % -> 0 on 110: creation 110 * -1.5 * (-0.1/1.1) = 15; welfare = 0.5 * dt * dM = 0.75 (J&O).
    fx = smart([110], [0.1], [0.0], [0], eps_m=-1.5, sigma=1.5)
    np.testing.assert_allclose(fx.creation, [15])
    np.testing.assert_allclose(fx.welfare, [0.75])
    np.testing.assert_allclose(fx.revenue_change, [-11])


def test_imports_never_negative():
    fx = smart([100], [0.0], [0.5], [0], eps_m=-5.0, sigma=1.5)  # creation would be -250
    assert fx.capped.tolist() == [True]
    np.testing.assert_allclose(fx.creation, [-100])
    np.testing.assert_allclose(fx.new_imports, [0])


def test_products_are_independent():
    one = smart([100, 300], [0, 0], [0.2, 0], [0, 0], eps_m=-1.0, sigma=1.5)
    both = smart([100, 300, 7, 9], [0, 0, 0.05, 0], [0.2, 0, 0.3, 0], [0, 0, 1, 1], eps_m=-1.0, sigma=1.5)
    np.testing.assert_allclose(both.new_imports[:2], one.new_imports)


# ------------------------------------------------------------------------------------------------ properties
rates = st.floats(0, 1.5, allow_nan=False)
values = st.floats(1, 1e9, allow_nan=False)


@st.composite
def markets(draw):
    n = draw(st.integers(1, 6))
    m0 = np.array(draw(st.lists(values, min_size=n, max_size=n)))
    t0 = np.array(draw(st.lists(rates, min_size=n, max_size=n)))
    t1 = np.array(draw(st.lists(rates, min_size=n, max_size=n)))
    group = np.array(draw(st.lists(st.integers(0, 2), min_size=n, max_size=n)))
    group = np.unique(group, return_inverse=True)[1]
    eps_m = draw(st.floats(-5, 0))
    sigma = draw(st.floats(0, 8))
    eps_x = draw(st.one_of(st.just(INF), st.floats(0.1, 50)))
    return m0, t0, t1, group, eps_m, sigma, eps_x


@settings(max_examples=200, deadline=None)
@given(markets())
def test_no_tariff_change_no_effect(mk):
    m0, t0, _, group, eps_m, sigma, eps_x = mk
    fx = smart(m0, t0, t0, group, eps_m=eps_m, sigma=sigma, eps_x=eps_x)
    for name in ("creation", "diversion", "price_effect", "revenue_change", "welfare", "price_change"):
        np.testing.assert_allclose(getattr(fx, name), 0, atol=1e-6 * m0.max(), err_msg=name)
    np.testing.assert_allclose(fx.new_imports, m0, rtol=1e-9)


@settings(max_examples=200, deadline=None)
@given(markets(), st.integers(0, 5), st.floats(0.001, 1.0))
def test_higher_tariff_never_raises_imports_from_that_source(mk, which, more):
    m0, t0, t1, group, eps_m, sigma, eps_x = mk
    i = which % len(m0)
    higher = t1.copy()
    higher[i] += more
    a = smart(m0, t0, t1, group, eps_m=eps_m, sigma=sigma, eps_x=eps_x)
    b = smart(m0, t0, higher, group, eps_m=eps_m, sigma=sigma, eps_x=eps_x)
    assert b.new_imports[i] <= a.new_imports[i] * (1 + 1e-9) + 1e-9
    # and the others' imports of the same product never fall because a rival got dearer
    rivals = (group == group[i]) & (np.arange(len(m0)) != i)
    assert np.all(b.new_imports[rivals] >= a.new_imports[rivals] * (1 - 1e-9) - 1e-9)


@settings(max_examples=200, deadline=None)
@given(markets())
def test_diversion_moves_imports_without_changing_their_total(mk):
    m0, t0, t1, group, eps_m, sigma, eps_x = mk
    fx = smart(m0, t0, t1, group, eps_m=eps_m, sigma=sigma, eps_x=eps_x)
    scale = m0.sum()
    np.testing.assert_allclose(np.bincount(group, fx.diversion), 0, atol=1e-9 * scale)
    volume = fx.new_imports - fx.price_effect
    np.testing.assert_allclose(np.bincount(group, volume - m0), np.bincount(group, fx.creation), atol=1e-9 * scale)
    assert np.all(volume >= 0)


@settings(max_examples=100, deadline=None)
@given(markets(), st.floats(0, 1.0))
def test_same_change_for_every_source_diverts_nothing(mk, rate):
    m0, _, _, group, eps_m, sigma, eps_x = mk
    zero = np.zeros_like(m0)
    fx = smart(m0, zero, zero + rate, group, eps_m=eps_m, sigma=sigma, eps_x=eps_x)
    np.testing.assert_allclose(fx.diversion, 0, atol=1e-9 * m0.sum())


def test_broadcasts_scalars():
    fx = smart(np.array([1.0, 2.0]), 0.0, 0.1, np.array([0, 0]), eps_m=-1.0, sigma=1.5)
    assert fx.creation.shape == (2,)


@pytest.mark.parametrize("eps_x", [INF, 1.0])
def test_a_cut_creates_trade(eps_x):
    fx = smart([100, 100], [0.2, 0.2], [0.0, 0.2], [0, 0], eps_m=-1.0, sigma=1.5, eps_x=eps_x)
    assert fx.creation[0] > 0 and fx.diversion[0] > 0 > fx.diversion[1]
