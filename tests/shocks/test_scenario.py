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


@pytest.mark.parametrize("change, new, key, problem", [
    ('intensity = { dist = "triangular", low = 0.5, mode = 0.75, high = 0.95 }', "intensity = nan",
     "measures[0].intensity", "finite number"),
    ('leakage = { dist = "uniform", low = 0.0, high = 0.2 }', 'leakage = { dist = "uniform", low = 0.0, high = inf }',
     "response.leakage.high", "finite number"),
    ('chain = "rare-earth-magnets"', 'chain = "rare-earth-magnets"\nstart = "1800-01"', "start",
     "year 1800 is outside 1900-2100"),
    ('chain = "rare-earth-magnets"', 'chain = "rare-earth-magnets"\nstart = "2025-13"', "start",
     "month 13 is not a month"),
    ('chain = "rare-earth-magnets"', 'chain = "rare-earth-magnets"\nstart = "April 2025"', "start",
     "is not a month YYYY-MM"),
    ("duration_months = 6", "duration_months = 6\nstart_month = 30", "measures[0].start_month",
     "30 is beyond the horizon: months run from 0 to 23"),
    ("duration_months = 6", 'duration_months = 6\nstart_month = { dist = "uniform", low = 24, high = 30 }',
     "measures[0].start_month", "every value of the distribution (from 24) is beyond the horizon"),
    ("duration_months = 6", 'duration_months = 6\nprofile = "zigzag"', "measures[0].profile",
     "unknown profile 'zigzag': use one of step, linear, licence"),
    ("duration_months = 6", "duration_months = 6\nprofile = [0.5, 1.5]", "measures[0].profile[1]",
     "less than or equal to 1"),
    ("duration_months = 6", "duration_months = 6\nprofile = [0.5, -0.1]", "measures[0].profile[1]",
     "greater than or equal to 0"),
    ("duration_months = 6", "duration_months = 6\nprofile = []", "measures[0].profile", "non-empty list"),
])
def test_bad_values_name_the_file_and_key(tmp_path, change, new, key, problem):
    assert change in GOOD
    with pytest.raises(ScenarioError) as e:
        load(tmp_path, GOOD.replace(change, new))
    assert str(e.value).startswith(f"{tmp_path / 's.toml'}: key '{key}': ") and problem in str(e.value)
    assert (e.value.file, e.value.key) == (str(tmp_path / "s.toml"), key)


def test_a_measure_later_in_the_file_is_named_by_its_place_in_the_file(tmp_path):
    tariff = '[[measures]]\nkind = "import_tariff"\nactor = "USA"\ntargets = ["CHN"]\nrate = 0.1\n'
    text = GOOD.replace("[[measures]]", tariff + "[[measures]]", 1).replace("duration_months = 6", "start_month = 99")
    with pytest.raises(ScenarioError, match=r"key 'measures\[1\].start_month'"):
        load(tmp_path, text)


def test_valid_dates_and_profiles_load(tmp_path):
    text = GOOD.replace('chain = "rare-earth-magnets"', 'chain = "rare-earth-magnets"\nstart = "2025-02-28"')
    sc = load(tmp_path, text.replace("duration_months = 6", "duration_months = 6\nprofile = [0.2, 1.0]\n"
                                     "start_month = 23"))
    assert sc.start == "2025-02-28" and sc.measures[0].profile == [0.2, 1.0]
    with pytest.raises(ScenarioError, match="day 29 is not a day of 2025-02"):
        load(tmp_path, text.replace("2025-02-28", "2025-02-29"))


def test_a_tariff_rate_given_as_a_percentage_is_refused(tmp_path):
    text = 'name = "t"\n[[measures]]\nkind = "import_tariff"\nactor = "USA"\ntargets = ["CHN"]\nrate = 30\n'
    with pytest.raises(ScenarioError) as e:
        load(tmp_path, text)
    assert "s.toml: key 'measures[0].rate': 30 means 3000%; rates are fractions: give 0.30 for 30 %" in str(e.value)
    assert load(tmp_path, text.replace("rate = 30", "rate = 1.45")).tariffs[0].rate == 1.45  # legal, noted at run


def test_nesting_too_deep_for_the_parser_names_the_file(tmp_path):
    deep = "x = " + "{ a = " * 500 + "1" + " }" * 500 + "\n"
    with pytest.raises(ScenarioError) as e:
        load(tmp_path, deep)
    assert str(e.value).startswith(str(tmp_path / "s.toml")) and "nested too deep" in str(e.value)


def test_not_utf8_and_a_directory(tmp_path):
    p = tmp_path / "s.toml"
    p.write_bytes('name = "x"\n'.encode("utf-16"))
    with pytest.raises(ScenarioError, match="not UTF-8"):
        Scenario.from_toml(p)
    with pytest.raises(ScenarioError, match="a directory, not a scenario file"):
        Scenario.from_toml(tmp_path)
