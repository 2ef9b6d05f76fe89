"""Built-in scenario files (`<name>.toml`), each citing its sources; see docs/scenarios.md for the format."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def builtin_names() -> list[str]:
    """Names of the built-in scenarios, sorted."""
    return sorted(p.name.removesuffix(".toml") for p in resources.files(__name__).iterdir()
                  if p.name.endswith(".toml"))


def builtin_path(name: str) -> Path | None:
    """Path of the built-in scenario NAME, or None."""
    p = resources.files(__name__) / f"{name}.toml"
    return Path(str(p)) if p.is_file() else None
