"""The entry points (`python -m chokepoints`, `--version`) and a one-line error for every misuse found in the trial
(issue 13)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from _cli import runner

import chokepoints as ck
from chokepoints.cli import app


def test_python_dash_m_prints_one_line_without_traceback(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "chokepoints.cli", "status", "--db", str(tmp_path / "x.duckdb")],
                          capture_output=True, text=True)
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.strip().count("\n") == 0 and "Traceback" not in proc.stderr
    assert "chokepoints ingest" in proc.stderr


@pytest.mark.parametrize("args, message", [
    (["simulate", "/tmp"], "is a folder, not a scenario file"),
    (["simulate", "cn-2025-rare-earths", "--runs", "5", "--metric", "bogus"], "is not a metric"),
    (["simulate", "cn-2025-rare-earths", "--runs", "5", "--out", "/nonexistent/x.parquet"], "folder does not exist"),
    (["optimise", "--scenario", "cn-2025-rare-earths", "--runs", "5", "--seed", "-1"], "seed must be >= 0"),
    (["optimise", "--scenario", "us-2025-eu-30pct", "--runs", "5"], "only tariffs"),
    (["criticality", "--set-t", "XXX=1.5"], "not a known ISO3"),
    (["table", "trade", "--limit", "-5"], "limit must be a whole number >= 0"),
])
def test_cli_misuse_is_one_line(bundled_db, args, message):
    r = runner.invoke(app, [*args, "--db", str(bundled_db)])
    assert r.exit_code == 1, r.output
    assert message in r.output and "Traceback" not in r.output


def test_version_and_module_entry_point():
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "chokepoints", "--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.strip() == f"chokepoints {ck.__version__}"
    help_text = subprocess.run([sys.executable, "-m", "chokepoints", "--help"], capture_output=True, text=True).stdout
    for command in ("ingest", "dependency", "simulate", "optimise", "network", "events", "scenarios"):
        assert command in help_text
