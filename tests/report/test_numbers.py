"""How numbers are written for a reader (report/numbers.py), by hand-worked cases."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from chokepoints.report import numbers as N


def test_number_formats_by_hand():
    assert N.fmt_sig(1084953.2) == "1,080,000"
    assert N.fmt_sig(32.548) == "32.5"
    assert N.fmt_sig(0.004391) == "0.00439"
    assert N.fmt_count(1_084_953) == "1.08 M"
    assert N.fmt_count(314_488) == "314 k"
    assert N.fmt_count(999_600) == "1.00 M"
    assert N.fmt_count(950) == "950"
    assert N.fmt_usd(3.2548e10) == "USD 32.5 bn"
    assert N.fmt_usd(4_393_118) == "USD 4.39 M"
    assert N.fmt_usd(-1.28e7) == "USD -12.8 M"
    assert N.fmt_usd(float("nan")) == "not valued"
    assert N.fmt_share(0.6965) == "70%"
    assert N.fmt_tonnes(5432.4) == "5,430 t"
    assert N.fmt_tonnes(1e-9) == "0 t"
    assert N.fmt_months(1.0, 24) == "1"
    assert N.fmt_months(1.5, 24) == "1.5"
    assert N.fmt_months(float("inf"), 24) == "> 24"
    assert N.fmt_range(1.0, 1.0, 2.0, lambda v: N.fmt_months(v, 24)) == "1 (1 to 2)"
    assert N.fmt_range(1.0, 1.0, 1.0, lambda v: N.fmt_months(v, 24)) == "1"


def test_compact_numbers_by_hand():
    assert N.fmt_compact(32_295_064_063) == "32.3 bn"
    assert N.fmt_compact(1_076_502) == "1.08 M"
    assert N.fmt_compact(3378.2) == "3,380"
    assert N.fmt_compact(1.0) == "1" and N.fmt_compact(1.36) == "1.36" and N.fmt_compact(0.42) == "0.42"
    assert N.fmt_compact(-1.5e-12) == "0" and N.fmt_compact(float("nan")) == "n/a"


@given(st.floats(min_value=1e-6, max_value=1e14, allow_nan=False))
def test_sig_keeps_three_significant_figures(v):
    shown = float(N.fmt_sig(v).replace(",", ""))
    assert abs(shown - v) <= 0.005 * v + 1e-12  # within half a unit of the third figure
