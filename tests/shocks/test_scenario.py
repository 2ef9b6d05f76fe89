"""Scenario files: valid ones load, invalid ones name the key and the problem; draws are reproducible."""

import numpy as np
import pytest

from chokepoints.errors import ScenarioError
from chokepoints.shocks.scenario import Dist, Scenario, draw_parameters

GOOD = """
name = "x"
chain = "rare-earth-magnets"
[response]
leakage = { dist = "uniform", low = 0.0, high = 0.2 }
[[measures]]
actor = "CHN"
kind = "export_licence"
stages = ["oxide"]
intensity = { dist = "triangular", low = 0.5, mode = 0.75, high = 0.95 }
duration_months = 6
"""


def load(tmp_path, text):
    p = tmp_path / "s.toml"
    p.write_text(text)
    return Scenario.from_toml(p)


def test_good_file_loads(tmp_path):
    sc = load(tmp_path, GOOD)
    assert sc.measures[0].actor == "CHN" and isinstance(sc.measures[0].intensity, Dist)
    d = draw_parameters(sc, np.random.default_rng(1), 1000)
    assert 0.5 <= d["measures[0].intensity"].min() and d["measures[0].intensity"].max() <= 0.95
    assert (d["measures[0].duration_months"] == 6).all()
    again = draw_parameters(sc, np.random.default_rng(1), 1000)
    assert all((again[k] == d[k]).all() for k in d)


@pytest.mark.parametrize("change, key, problem", [
    ('intensity = { dist = "triangular', "measures[0].intensity", "low <= mode"),
    ("duration_months = 6", "measures[0].duration_months", "valid number"),
    ('kind = "export_licence"', "measures[0].kind", "Input should be"),
    ('name = "x"', "colour", "unknown key"),
    ('leakage = {', "response.leakage", "must lie in [0, 1]"),
])
def test_bad_files_name_the_key(tmp_path, change, key, problem):
    bad = {
        "measures[0].intensity": GOOD.replace("low = 0.5, mode = 0.75", "low = 0.5, mode = 0.25"),
        "measures[0].duration_months": GOOD.replace("duration_months = 6", 'duration_months = "six"'),
        "measures[0].kind": GOOD.replace('kind = "export_licence"', 'kind = "embargo"'),
        "colour": GOOD.replace('name = "x"', 'name = "x"\ncolour = "red"'),
        "response.leakage": GOOD.replace("high = 0.2 }", "high = 1.5 }"),
    }[key]
    with pytest.raises(ScenarioError) as e:
        load(tmp_path, bad)
    assert f"key '{key}'" in str(e.value) and problem in str(e.value) and "s.toml" in str(e.value)


def test_not_toml_and_missing_file(tmp_path):
    with pytest.raises(ScenarioError, match="not valid TOML"):
        load(tmp_path, "name = ")
    with pytest.raises(ScenarioError, match="not found"):
        Scenario.from_toml(tmp_path / "nope.toml")


def test_export_controls_need_a_chain(tmp_path):
    with pytest.raises(ScenarioError, match="need 'chain'"):
        load(tmp_path, GOOD.replace('chain = "rare-earth-magnets"', ""))
