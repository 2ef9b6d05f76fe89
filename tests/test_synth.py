"""Synthetic BACI: realistic shape (unique keys, real codes, heavy tail) and reproducible."""

from __future__ import annotations

import numpy as np
import pytest

from chokepoints.reference.countries import _trade_codes
from chokepoints.reference.hs import known_hs_codes
from chokepoints.synth import synth_baci


@pytest.fixture(scope="module")
def table():
    return synth_baci(50_000, seed=7).to_pandas()


def test_unique_keys_and_real_codes(table):
    assert not table.duplicated(["t", "i", "j", "k"]).any()
    assert (table["i"] != table["j"]).all()
    assert set(table["i"]) <= set(_trade_codes())
    assert set(table["k"]) <= known_hs_codes()


def test_heavy_tailed_values(table):
    v = np.sort(table["v"].to_numpy())[::-1]
    assert v[: len(v) // 100].sum() / v.sum() > 0.3  # the top 1% of flows carry a large share, as in BACI


def test_same_seed_same_data():
    a, b = synth_baci(2000, seed=1), synth_baci(2000, seed=1)
    assert a.equals(b)
    assert not a.equals(synth_baci(2000, seed=2))
