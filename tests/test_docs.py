"""The table reference in docs/ is generated from the catalogue: it must not drift from tables.csv."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_tables_doc_matches_catalogue():
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_table_docs.py"), "--check"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr + "\nrun: python scripts/build_table_docs.py"
