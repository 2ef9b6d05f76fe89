"""The built-in export-control scenarios (src/chokepoints/scenarios/*.toml): format, chains, measures, distributions."""

from __future__ import annotations

import csv
import math
import re
import tomllib
from pathlib import Path

import pytest

from chokepoints.reference import chain
from chokepoints.shocks.profiles import validate_shape

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "src" / "chokepoints" / "scenarios"
NAMES = ["cn-2025-rare-earths", "cn-2023-gallium-germanium", "cn-2023-graphite", "cd-2025-cobalt",
         "id-2020-nickel-ore", "cn-2010-japan-rare-earths"]
REQUIRED = {"name", "title", "description", "sources", "chain", "alliance", "start", "horizon_months",
            "rationing", "measures"}
MEASURE_KEYS = {"id", "kind", "actor", "stages", "targets", "intensity", "start_month", "duration_months", "profile"}
EXPORT_KINDS = {"export_licence", "export_ban", "export_quota", "export_tax", "ore_export_ban"}
DIST_PARAMS = {"uniform": {"low", "high"}, "triangular": {"low", "mode", "high"}, "normal": {"mean", "sd"},
               "lognormal": {"mean", "sigma"}, "beta": {"a", "b"}, "choice": {"values"}}
DIST_OPTIONAL = {"normal": {"low", "high"}, "beta": {"low", "high"}, "choice": {"weights"}}


def measures_csv() -> dict[str, dict]:
    with open(ROOT / "data" / "curated" / "measures.csv", encoding="utf-8", newline="") as f:
        return {r["id"]: r for r in csv.DictReader(f)}


def load(name: str) -> dict:
    return tomllib.loads((SCENARIOS / f"{name}.toml").read_text(encoding="utf-8"))


def bounds(value, key: str) -> tuple[float, float]:
    """Smallest and largest value a number or distribution can take; fails on a malformed distribution."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        assert math.isfinite(value), key
        return float(value), float(value)
    assert isinstance(value, dict), f"{key}: a number or a distribution table, got {value!r}"
    d = value.get("dist")
    assert d in DIST_PARAMS, f"{key}: unknown dist {d!r}"
    extra = set(value) - {"dist"} - DIST_PARAMS[d] - DIST_OPTIONAL.get(d, set())
    assert not extra, f"{key}: {d} takes no {sorted(extra)}"
    missing = DIST_PARAMS[d] - set(value)
    assert not missing, f"{key}: {d} needs {sorted(missing)}"
    if d == "uniform":
        assert value["low"] < value["high"], key
        return value["low"], value["high"]
    if d == "triangular":
        assert value["low"] <= value["mode"] <= value["high"] and value["low"] < value["high"], key
        return value["low"], value["high"]
    if d == "beta":
        assert value["a"] > 0 and value["b"] > 0, key
        return value.get("low", 0.0), value.get("high", 1.0)
    if d == "normal":
        assert value["sd"] > 0, key
        return value.get("low", -math.inf), value.get("high", math.inf)
    if d == "lognormal":
        assert value["sigma"] > 0, key
        return 0.0, math.inf
    assert value["values"], key
    if "weights" in value:
        assert len(value["weights"]) == len(value["values"]) and min(value["weights"]) >= 0, key
        assert sum(value["weights"]) > 0, key
    return min(value["values"]), max(value["values"])


def test_the_six_are_there():
    present = {p.stem for p in SCENARIOS.glob("*.toml")}
    assert set(NAMES) <= present


@pytest.mark.parametrize("name", NAMES)
def test_keys_and_sources(name):
    sc = load(name)
    assert REQUIRED <= set(sc), sorted(REQUIRED - set(sc))
    assert sc["name"] == name
    assert sc["alliance"] == "EU27+JPN"
    assert sc["horizon_months"] == 24
    assert re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", sc["start"])
    assert sc["rationing"] in {"pro_rata", "market_share", "alliance_first"}
    # no fixed year: each stage rests on its own latest trade year (chokepoints.trade, rule 1)
    assert "year" not in sc or isinstance(sc["year"], int)
    assert sc["title"] and len(sc["description"]) > 100
    assert sc["sources"] and all(re.search(r"https?://\S+", s) for s in sc["sources"])


@pytest.mark.parametrize("name", NAMES)
def test_measures_exist_and_are_cited(name):
    sc, known = load(name), measures_csv()
    sources = " ".join(sc["sources"])
    assert sc["measures"]
    for i, m in enumerate(sc["measures"]):
        assert MEASURE_KEYS <= set(m), f"measures[{i}] lacks {sorted(MEASURE_KEYS - set(m))}"
        row = known.get(m["id"])
        assert row is not None, f"measures[{i}].id {m['id']!r} is not in data/curated/measures.csv"
        assert m["kind"] == row["kind"] and m["kind"] in EXPORT_KINDS, f"measures[{i}].kind"
        assert m["actor"] == row["actor"], f"measures[{i}].actor"
        # every address of the measure's row is cited by the scenario
        for address in re.findall(r"https?://\S+", row["source"]):
            assert address in sources, f"{name}: {m['id']} source {address} not cited"
        if row["targets"] != "ALL":
            assert set(m["targets"]) <= set(row["targets"].split(";")), f"measures[{i}].targets"


@pytest.mark.parametrize("name", NAMES)
def test_stages_exist_in_the_chain(name):
    sc = load(name)
    ids = set(chain(sc["chain"]).stage_ids)
    for i, m in enumerate(sc["measures"]):
        assert m["stages"], f"measures[{i}].stages is empty"
        unknown = set(m["stages"]) - ids
        assert not unknown, f"measures[{i}].stages {sorted(unknown)} not in chain {sc['chain']}"


@pytest.mark.parametrize("name", NAMES)
def test_numbers_and_distributions_are_well_formed(name):
    sc = load(name)
    horizon = sc["horizon_months"]
    for i, m in enumerate(sc["measures"]):
        lo, hi = bounds(m["intensity"], f"measures[{i}].intensity")
        assert 0 <= lo <= hi <= 1, f"measures[{i}].intensity"
        s_lo, s_hi = bounds(m["start_month"], f"measures[{i}].start_month")
        d_lo, d_hi = bounds(m["duration_months"], f"measures[{i}].duration_months")
        assert 0 <= s_lo and s_hi < horizon, f"measures[{i}].start_month"
        assert 0 < d_lo, f"measures[{i}].duration_months"
        assert s_hi + d_hi <= horizon + 1e-9, f"measures[{i}] runs past the horizon"
        validate_shape(m["profile"])
    for key, value in sc.get("response", {}).items():
        lo, hi = bounds(value, f"response.{key}")
        if key not in ("stock_months", "stock_scale"):
            assert 0 <= lo <= hi <= 1, f"response.{key}"
    assert "leakage" in sc.get("response", {}), "every built-in states its leakage"


@pytest.mark.parametrize("name", NAMES)
def test_every_number_says_where_it_comes_from(name):
    """Each measure's intensity and duration lines carry a provenance label, or the measure's note does."""
    text = (SCENARIOS / f"{name}.toml").read_text(encoding="utf-8")
    blocks = text.split("[[measures]]")[1:]
    for i, block in enumerate(blocks):
        for key in ("intensity", "duration_months"):
            line = re.search(rf"^{key} = .*$", block, re.M).group(0)
            before = block[:block.index(line)].splitlines()[-3:]
            context = line + "\n".join(before)
            assert re.search(r"\((source|calibrated|derived|assumption)", context), f"measures[{i}].{key}"


def test_calibrated_intensities_match_the_fit():
    """Scenarios citing the calibration use the fitted depth and its bootstrap band from profiles.toml."""
    fit = tomllib.loads((ROOT / "src/chokepoints/shocks/profiles.toml").read_text())["licence"]["fit"]
    lo, _, hi = fit["bootstrap"]["depth.graphite_natural"]
    mode = fit["episodes"]["graphite_natural"]["depth"]
    natural = load("cn-2023-graphite")["measures"][0]["intensity"]
    assert (natural["low"], natural["mode"], natural["high"]) == pytest.approx((lo, mode, hi), abs=0.01)
    synthetic = load("cn-2023-graphite")["measures"][1]["intensity"]
    lo_s, _, hi_s = fit["bootstrap"]["depth.graphite_artificial"]
    assert (synthetic["mode"], synthetic["high"]) == pytest.approx(
        (fit["episodes"]["graphite_artificial"]["depth"], hi_s), abs=0.01)
    assert synthetic["low"] == pytest.approx(lo_s, abs=0.01)
    gage = load("cn-2023-gallium-germanium")["measures"][0]["intensity"]
    assert (gage["low"], gage["mode"], gage["high"]) == pytest.approx((lo, mode, hi), abs=0.01)


@pytest.mark.parametrize("name", NAMES)
def test_the_scenario_loader_accepts_it(name):
    from chokepoints.shocks.scenario import Scenario

    sc = Scenario.from_toml(SCENARIOS / f"{name}.toml")
    assert sc.name == name and sc.measures
