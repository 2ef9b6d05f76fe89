"""Helpers of the command-line tests: a runner that fails on tracebacks, and text compared without wrapping."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from chokepoints.cli import app

DATA = Path(__file__).resolve().parents[2] / "data"
runner = CliRunner()


def run(*args: str):
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def _words(text: str) -> str:
    """Rich wraps the ingest summary at the console width: compare text with whitespace collapsed."""
    return " ".join(text.split())


def _ok(*args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    return result.stdout
