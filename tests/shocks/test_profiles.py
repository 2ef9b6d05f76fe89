"""Time profiles (shocks/profiles.py): hand-computed cases, then hypothesis properties."""

from __future__ import annotations

import tomllib
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from chokepoints.shocks import profiles
from chokepoints.shocks.profiles import evaluate

TOML = Path(profiles.__file__).with_name("profiles.toml")


def one(shape, n, start, duration, params=None):
    return evaluate(shape, n, np.array([start], float), np.array([duration], float), params)[0]


def test_step_whole_months():
    np.testing.assert_array_equal(one("step", 8, 2, 3), [0, 0, 1, 1, 1, 0, 0, 0])


def test_step_fractional_start_and_end_cover_part_of_a_month():
    # [1.5, 3.5): half of month 1, all of month 2, half of month 3
    np.testing.assert_allclose(one("step", 5, 1.5, 2.0), [0, 0.5, 1, 0.5, 0])


def test_step_runs_past_the_horizon():
    np.testing.assert_array_equal(one("step", 4, 1, 100), [0, 1, 1, 1])


def test_linear_ramp():
    np.testing.assert_allclose(one("linear", 6, 0, 10, {"ramp_months": 3}), [0.25, 0.5, 0.75, 1, 1, 1])
    np.testing.assert_allclose(one("linear", 3, 0, 10, {"ramp_months": 0}), [1, 1, 1])


def test_linear_default_comes_from_the_toml():
    ramp = tomllib.loads(TOML.read_text())["linear"]["ramp_months"]
    np.testing.assert_allclose(one("linear", 2, 0, 5), [1 / (ramp + 1), 2 / (ramp + 1)])


def test_licence_by_hand():
    # lag 2, half-life 1, plateau 0.2: 1, 1, 1 (t = lag), 0.2 + 0.8/2, 0.2 + 0.8/4; lifted after 5 months
    got = one("licence", 7, 1, 5, {"lag_months": 2, "half_life_months": 1, "plateau": 0.2})
    np.testing.assert_allclose(got, [0, 1, 1, 1, 0.6, 0.4, 0])


def test_licence_zero_half_life_drops_to_plateau_after_the_lag():
    got = one("licence", 4, 0, 4, {"lag_months": 1, "half_life_months": 0, "plateau": 0.3})
    np.testing.assert_allclose(got, [1, 1, 0.3, 0.3])


def test_licence_defaults_are_the_fitted_ones():
    fit = tomllib.loads(TOML.read_text())["licence"]
    assert profiles.default_params("licence") == pytest.approx(
        {k: fit[k] for k in ("lag_months", "half_life_months", "plateau")})
    got = one("licence", 24, 0, 24)
    assert got[0] == 1.0  # the collapse comes as the licences start
    assert got[-1] == pytest.approx(fit["plateau"], abs=1e-6)  # and settles at the plateau
    assert np.all(np.diff(got) <= 1e-12)


def test_custom_list_padded_with_its_last_value():
    np.testing.assert_allclose(one([0.2, 0.8], 7, 1, 4), [0, 0.2, 0.8, 0.8, 0.8, 0, 0])


def test_params_per_run():
    got = evaluate("licence", 3, np.zeros(2), np.full(2, 3.0),
                   {"lag_months": np.array([0.0, 5.0]), "half_life_months": 1.0, "plateau": 0.0})
    np.testing.assert_allclose(got, [[1, 0.5, 0.25], [1, 1, 1]])


def test_scalars_are_one_run():
    assert evaluate("step", 3, 0.0, 2.0).shape == (1, 3)


@pytest.mark.parametrize("shape, params, match", [
    ("bogus", None, "unknown profile"),
    ("linear", {"plateau": 0.5}, "no parameter plateau"),
    ("licence", {"plateau": 1.5}, "plateau must be"),
    ("step", {"ramp_months": 1}, "no parameter ramp_months"),
    ([0.5, 1.2], None, r"value \[1\] = 1.2"),
    ([], None, "non-empty"),
    ([0.5], {"plateau": 0.1}, "takes no parameters"),
])
def test_bad_shapes(shape, params, match):
    with pytest.raises(ValueError, match=match):
        evaluate(shape, 3, np.zeros(1), np.ones(1), params)


def test_bad_arrays():
    with pytest.raises(ValueError, match="same length"):
        evaluate("step", 3, np.zeros(2), np.ones(3))
    with pytest.raises(ValueError, match=">= 0"):
        evaluate("step", 3, np.zeros(1), -np.ones(1))
    with pytest.raises(ValueError, match="finite"):
        evaluate("step", 3, np.array([np.nan]), np.ones(1))
    with pytest.raises(ValueError, match="shape \\(2,\\)"):
        evaluate("linear", 3, np.zeros(2), np.ones(2), {"ramp_months": np.ones(3)})


# --- properties ------------------------------------------------------------------------------------------------

runs = st.integers(1, 6)
times = st.floats(0, 30, allow_nan=False)
shapes = st.one_of(
    st.just("step"), st.just("linear"), st.just("licence"),
    st.lists(st.floats(0, 1, allow_nan=False), min_size=1, max_size=8),
)
licence_params = st.fixed_dictionaries({
    "lag_months": st.floats(0, 12), "half_life_months": st.floats(0, 24), "plateau": st.floats(0, 1)})


def params_for(shape, lp):
    if shape == "licence":
        return lp
    if shape == "linear":
        return {"ramp_months": lp["lag_months"]}
    return None


@st.composite
def cases(draw):
    r = draw(runs)
    start = draw(arrays(float, r, elements=times))
    duration = draw(arrays(float, r, elements=times))
    shape = draw(shapes)
    return shape, draw(st.integers(0, 36)), start, duration, params_for(shape, draw(licence_params))


@settings(max_examples=200, deadline=None)
@given(cases())
def test_values_in_unit_interval_and_zero_before_start(case):
    shape, n, start, duration, params = case
    k = evaluate(shape, n, start, duration, params)
    assert k.shape == (start.size, n)
    assert np.all((k >= 0) & (k <= 1))
    month = np.arange(n)[None, :]
    assert np.all(k[month + 1 <= start[:, None]] == 0)  # months wholly before the start
    assert np.all(k[month >= (start + duration)[:, None]] == 0)  # months wholly after the end: lifted


@settings(max_examples=200, deadline=None)
@given(cases())
def test_zero_duration_is_no_measure(case):
    shape, n, start, duration, params = case
    assert not evaluate(shape, n, start, np.zeros_like(duration), params).any()


@settings(max_examples=200, deadline=None)
@given(cases(), st.floats(0, 24, allow_nan=False))
def test_longer_duration_never_smaller(case, extra):
    shape, n, start, duration, params = case
    short = evaluate(shape, n, start, duration, params)
    long = evaluate(shape, n, start, duration + extra, params)
    assert np.all(long >= short)


@settings(max_examples=100, deadline=None)
@given(cases())
def test_runs_are_independent(case):
    """The batch equals run-by-run evaluation: the run axis is a true array axis."""
    shape, n, start, duration, params = case
    batch = evaluate(shape, n, start, duration, params)
    for r in range(start.size):
        np.testing.assert_array_equal(batch[r], evaluate(shape, n, start[r:r + 1], duration[r:r + 1], params)[0])


def test_many_runs_in_one_call():
    rng = np.random.default_rng(1)
    k = evaluate("licence", 24, rng.uniform(0, 6, 100_000), rng.uniform(0, 18, 100_000))
    assert k.shape == (100_000, 24) and 0 <= k.min() and k.max() <= 1
