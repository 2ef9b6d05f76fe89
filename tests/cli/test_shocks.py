"""Scenario commands (simulate) on the bundled data: reading suffices, and the headline zeros are shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from _cli import runner

import chokepoints as ck
from chokepoints.cli import app


def test_simulate_reads_a_read_only_warehouse(bundled_db):
    bundled_db.chmod(0o444)
    try:
        r = runner.invoke(app, ["simulate", "cn-2025-rare-earths", "--runs", "5", "--db", str(bundled_db)])
        assert r.exit_code == 0, r.output
    finally:
        bundled_db.chmod(0o644)


def test_a_time_to_survive_of_zero_is_shown(bundled_db):
    """Short from the first month is the headline, not a row to hide (issue 13, readable output)."""
    r = runner.invoke(app, ["simulate", "cn-2023-graphite", "--runs", "20", "--seed", "1", "--db", str(bundled_db),
                            "--format", "csv"])
    assert r.exit_code == 0, r.output
    rows = [line for line in r.output.splitlines() if "natural_graphite" in line and "time_to_survive" in line]
    assert rows and all(",0," in line or line.endswith(",0") or ",0.0" in line for line in rows), rows


BUILTIN = Path(ck.__file__).parent / "scenarios" / "cn-2025-rare-earths.toml"


@pytest.mark.parametrize("edit, message", [
    (("intensity = { dist", "intensity = nan #"), "finite number"),
    (('start = "2025-04"', 'start = "1800-01"'), "outside 1900-2100"),
    (('start = "2025-04"', 'start = "2025-13"'), "not a month"),
    (('profile = "licence"', 'profile = "zigzag"'), "unknown profile 'zigzag'"),
    (('profile = "licence"', 'profile = ["a"]'), "profile[0]"),
    (("start_month = 0 ", "start_month = 400 "), "horizon"),
])
def test_a_bad_scenario_file_is_one_line(bundled_db, tmp_path, edit, message):
    text = BUILTIN.read_text(encoding="utf-8")
    assert edit[0] in text
    path = tmp_path / "bad.toml"
    path.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    r = runner.invoke(app, ["simulate", str(path), "--runs", "5", "--db", str(bundled_db)])
    assert r.exit_code == 1 and "Traceback" not in r.output, r.output
    assert message in r.output and "bad.toml" in r.output and r.output.strip().count("\n") <= 2


def test_a_scenario_nested_500_deep_is_one_line(bundled_db, tmp_path):
    path = tmp_path / "deep.toml"
    path.write_text("a = " + "{b = " * 500 + "1" + "}" * 500 + "\n", encoding="utf-8")
    r = runner.invoke(app, ["simulate", str(path), "--runs", "5", "--db", str(bundled_db)])
    assert r.exit_code == 1 and "nested too deep" in r.output and "Traceback" not in r.output
