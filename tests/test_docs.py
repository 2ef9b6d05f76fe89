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


def test_the_notebook_in_api_md_runs_as_written(tmp_path, monkeypatch, bundled_db):
    """docs/api.md, "A notebook in ten lines": run on a warehouse of the bundled data; the commented outputs hold."""
    import re


    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- notebook -->\n```python\n(.*?)```", text, re.S).group(1)
    monkeypatch.setenv("CHOKEPOINTS_DB", str(bundled_db))
    namespace: dict = {}
    lines = block.replace("/tmp/cn25.parquet", str(tmp_path / "cn25.parquet")).splitlines()
    for line in lines:  # every line runs; a line with an expected output is checked against it
        code, _, comment = line.partition("  # ")
        expected = comment.split(" ")[0] if comment and comment[0] in "'0123456789" else None
        if expected is None or "=" in code.split("(")[0]:
            exec(code, namespace)
            continue
        value = eval(code, namespace)
        if expected.startswith("'"):
            assert str(value).startswith(expected.strip("'").rstrip(".")), (code, value)
        else:
            assert float(value) == float(expected), (code, value)
    # the notebook leaves its warehouse open (as a notebook does): close it, so that a later test opening the same
    # session warehouse with another configuration (read-write) is not refused by DuckDB
    namespace["wh"].close()
