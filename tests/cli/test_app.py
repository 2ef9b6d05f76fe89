"""The entry points: `python -m chokepoints.cli` and its one-line errors."""

from __future__ import annotations

import subprocess
import sys


def test_python_dash_m_prints_one_line_without_traceback(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "chokepoints.cli", "status", "--db", str(tmp_path / "x.duckdb")],
                          capture_output=True, text=True)
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.strip().count("\n") == 0 and "Traceback" not in proc.stderr
    assert "chokepoints ingest" in proc.stderr
