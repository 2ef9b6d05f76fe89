"""Calibration of the licence profile (shocks/calibration/): synthetic recovery, then the real series."""

from __future__ import annotations

import tomllib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from chokepoints.shocks import calibration as cal
from chokepoints.shocks.profiles import licence_shape

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "data" / "raw" / "china_comtrade_cm"
TRUE = {"lag_months": 2.0, "half_life_months": 1.5, "plateau": 0.25}


def synthetic(depth, n=15, noise=0.0, seed=0, **shape):
    shape = {**TRUE, **shape}
    t = np.arange(n, dtype=float)
    y = 1 - depth * licence_shape(t, shape["lag_months"], shape["half_life_months"], shape["plateau"])
    return y + np.random.default_rng(seed).normal(0, noise, n)


def test_recovers_known_parameters_without_noise():
    fit = cal.fit_licence_profile({"a": synthetic(0.8), "b": synthetic(0.5)}, n_boot=0)
    assert fit.shape == pytest.approx(TRUE, abs=1e-3)
    assert fit.depth == pytest.approx({"a": 0.8, "b": 0.5}, abs=1e-3)
    assert fit.rmse["joint"] < 1e-4 and fit.mae["a"] < 1e-4
    assert fit.per_episode["a"].plateau == pytest.approx(0.25, abs=1e-3)
    np.testing.assert_allclose(fit.predict("a", 15), synthetic(0.8), atol=1e-4)


def test_recovers_known_parameters_with_noise_and_the_bootstrap_covers_them():
    observed = {"a": synthetic(0.8, n=24, noise=0.03, seed=1), "b": synthetic(0.6, n=24, noise=0.03, seed=2)}
    fit = cal.fit_licence_profile(observed, n_boot=60, seed=3)
    assert fit.depth["a"] == pytest.approx(0.8, abs=0.06)
    assert fit.plateau == pytest.approx(0.25, abs=0.08)
    assert fit.lag_months == pytest.approx(2.0, abs=0.6)
    for name, true in [("plateau", 0.25), ("depth.a", 0.8), ("depth.b", 0.6)]:
        lo, mid, hi = fit.bootstrap[name]
        assert lo <= mid <= hi
        assert lo - 0.05 <= true <= hi + 0.05, name
    assert 0.01 < fit.rmse["joint"] < 0.06  # about the noise


def test_missing_months_are_skipped():
    y = synthetic(0.8)
    y[[3, 7]] = np.nan
    fit = cal.fit_licence_profile({"a": y}, n_boot=0)
    assert fit.n["a"] == 13
    assert fit.depth["a"] == pytest.approx(0.8, abs=1e-3)


def test_an_episode_without_a_collapse_does_not_identify_the_shape():
    flat = 1 + np.random.default_rng(0).normal(0, 0.05, 15)
    fit = cal.fit_licence_profile({"a": synthetic(0.8), "flat": flat}, n_boot=30)
    assert fit.identified == ["a"]
    assert fit.depth["flat"] < 0.1
    assert fit.spread("plateau") == (fit.per_episode["a"].plateau, fit.per_episode["a"].plateau)


def test_noise_weights_favour_the_quiet_series():
    # two episodes disagree on the plateau; the one declared quieter wins
    a, b = synthetic(0.8, plateau=0.1), synthetic(0.8, plateau=0.6)
    favour_a = cal.fit_licence_profile({"a": a, "b": b}, noise={"a": 0.05, "b": 1.0}, n_boot=0)
    favour_b = cal.fit_licence_profile({"a": a, "b": b}, noise={"a": 1.0, "b": 0.05}, n_boot=0)
    assert favour_a.plateau < 0.2 < 0.5 < favour_b.plateau


@pytest.mark.parametrize("observed, kwargs, match", [
    ({}, {}, "no episodes"),
    ({"a": [0.5, 0.6, np.nan]}, {}, "at least 4 months"),
    ({"a": np.ones((3, 5))}, {}, "1-d"),
    ({"a": np.ones(8)}, {"noise": {"b": 1.0}}, "unknown episodes b"),
    ({"a": np.ones(8)}, {"noise": {"a": 0.0}}, "positive"),
])
def test_bad_input(observed, kwargs, match):
    with pytest.raises(ValueError, match=match):
        cal.fit_licence_profile(observed, n_boot=0, **kwargs)


# --- the real series --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    import chokepoints as ck

    path = tmp_path_factory.mktemp("calibration") / "w.duckdb"
    with ck.open(path) as wh:
        wh.ingest([RAW], include_defaults=False)
    return path


@pytest.fixture(scope="module")
def monthly(warehouse):
    import chokepoints as ck

    with ck.open(warehouse, read_only=True) as wh:
        return cal.read_monthly(wh)


def test_monthly_exports_from_the_warehouse_match_the_file(monthly):
    raw = pd.read_csv(RAW / "deep_dive_hs6_monthly.csv", dtype={"hs6": str})
    kg = raw.groupby(["period_dt", "hs6"])["qty"].sum()
    assert len(monthly) == len(kg)
    row = monthly[(monthly["month"] == "2023-12") & (monthly["hs6"] == "250410")].iloc[0]
    assert row["quantity_t"] == pytest.approx(kg["2023-12-01", "250410"] / 1000)


def test_a_warehouse_without_monthly_trade_says_what_to_load(tmp_path):
    import chokepoints as ck
    from chokepoints.errors import WarehouseError

    with ck.open(tmp_path / "empty.duckdb") as wh, pytest.raises(WarehouseError, match="china_comtrade_cm"):
        cal.read_monthly(wh)


def test_graphite_episode_by_hand(monthly):
    raw = pd.read_csv(RAW / "deep_dive_hs6_monthly.csv", dtype={"hs6": str})
    kg = raw[raw["hs6"] == "250410"].groupby("period_dt")["qty"].sum()
    base = kg.loc["2022-10-01":"2023-09-01"]
    assert len(base) == 12
    ep = cal.episode_data(monthly, cal.EPISODES[1])
    assert ep.episode.hs6 == "250410"
    assert ep.baseline_t == pytest.approx(base.mean() / 1000)
    assert ep.baseline_months == ("2022-10", "2023-09")
    assert list(ep.frontload) == ["2023-10", "2023-11"]
    assert ep.frontload["2023-11"] == pytest.approx(kg["2023-11-01"] / base.mean())
    assert ep.months[0] == "2023-12" and len(ep.months) == 13
    assert ep.relative[0] == pytest.approx(kg["2023-12-01"] / base.mean())
    assert ep.relative[0] < 0.3  # the collapse is in the data
    assert ep.frontload["2023-11"] > 2.5  # and so is the front-loading spike


def test_gallium_episode_window(monthly):
    ep = cal.episode_data(monthly, cal.EPISODES[0])
    assert ep.baseline_months == ("2022-07", "2023-06")
    assert list(ep.frontload) == ["2023-07"]
    assert ep.months[0] == "2023-08"


def test_missing_baseline_is_an_input_error(monthly):
    from chokepoints.errors import InputError

    early = cal.Episode("early", "too early", "X", "250410", "2017-03-01", "2017-04-01")
    with pytest.raises(InputError, match="baseline months 2016-03"):
        cal.episode_data(monthly, early)


def test_profiles_toml_is_the_current_fit():
    """profiles.toml must be regenerated when the data or the method change."""
    fit, eps = cal.calibrate_folder(RAW, n_boot=0)
    written = tomllib.loads((ROOT / "src/chokepoints/shocks/profiles.toml").read_text())
    for k in cal.SHAPE_PARAMS:
        assert written["licence"][k] == pytest.approx(getattr(fit, k), abs=2e-3), k
    for ep in eps:
        name = ep.episode.name
        assert written["licence"]["fit"]["episodes"][name]["depth"] == pytest.approx(fit.depth[name], abs=2e-3)
        assert written["licence"]["fit"]["episodes"][name]["rmse"] == pytest.approx(fit.rmse[name], abs=2e-3)
    assert written["licence"]["fit"]["rmse"] == pytest.approx(fit.rmse["joint"], abs=2e-3)
    # the natural-graphite collapse identifies the shape; it is a real collapse, not noise
    assert "graphite_natural" in fit.identified
    assert 0.5 < fit.depth["graphite_natural"] < 0.95


def test_entry_point_writes_toml_and_figure(tmp_path, capsys):
    toml, html = tmp_path / "profiles.toml", tmp_path / "fit.html"
    assert cal.main(["--data", str(RAW), "--toml", str(toml), "--figure", str(html), "--boot", "5"]) == 0
    out = capsys.readouterr().out
    assert "graphite_natural" in out and "RMSE" in out
    written = tomllib.loads(toml.read_text())
    assert set(written["licence"]["fit"]["episodes"]) == {e.name for e in cal.EPISODES}
    assert written["licence"]["fit"]["n_boot"] == 5
    text = html.read_text()
    assert "UN Comtrade" in text and "2022-2024" in text  # source and years on the figure
    assert '<script src="http' not in text  # plotly.js is inlined: works offline


def test_entry_point_bad_data_folder(tmp_path, capsys):
    assert cal.main(["--data", str(tmp_path), "--toml", str(tmp_path / "p.toml"), "--boot", "0"]) == 1
    assert "deep_dive_hs6_monthly.csv not found" in capsys.readouterr().err


def test_entry_point_reads_a_warehouse_and_writes_no_toml_unless_asked(warehouse, tmp_path, capsys):
    before = (ROOT / "src/chokepoints/shocks/profiles.toml").read_bytes()
    assert cal.main(["--db", str(warehouse), "--boot", "0"]) == 0
    out = capsys.readouterr().out
    assert "graphite_natural" in out and "wrote" not in out
    assert (ROOT / "src/chokepoints/shocks/profiles.toml").read_bytes() == before


def test_the_checkout_script_defaults_to_the_checkout(tmp_path, capsys):
    import runpy

    script = runpy.run_path(str(ROOT / "scripts" / "calibrate_licence.py"))
    assert script["PROFILES"] == ROOT / "src/chokepoints/shocks/profiles.toml"
    assert script["DATA"] == RAW
    toml = tmp_path / "profiles.toml"
    assert script["main"](["--toml", str(toml), "--boot", "0"]) == 0
    assert "python scripts/calibrate_licence.py" in toml.read_text()
