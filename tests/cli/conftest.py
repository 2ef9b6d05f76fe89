"""Shared helpers of the command-line tests: a runner that fails on tracebacks, and a warehouse made from the real
Comtrade 2023 extract."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from _cli import DATA, _words, run


@pytest.fixture(scope="module")
def comtrade(tmp_path_factory) -> Path:
    dst = tmp_path_factory.mktemp("src") / "comtrade_crm_2023"
    shutil.copytree(DATA / "raw" / "comtrade_crm_2023", dst)
    return dst


@pytest.fixture(scope="module")
def db(tmp_path_factory, comtrade) -> Path:
    path = tmp_path_factory.mktemp("cli") / "wh.duckdb"
    result = run("ingest", "--no-defaults", "--db", path, comtrade)
    assert result.exit_code == 0, result.stderr
    assert "1 data set(s) loaded, 0 unchanged" in _words(result.stderr)
    return path


