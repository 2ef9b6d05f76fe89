"""Exceptions a user can act on: each names where the problem is and what would fix it."""

from __future__ import annotations

from pathlib import Path


class ChokepointsError(Exception):
    """Base class: the CLI prints these in one line and exits non-zero, without a traceback."""


class InputError(ChokepointsError):
    """A data file that cannot be loaded: names the file, the row (1-based line in the file) and the field."""

    def __init__(
        self,
        problem: str,
        *,
        file: str | Path | None = None,
        row: int | None = None,
        field: str | None = None,
        hint: str | None = None,
    ):
        self.problem = problem
        self.file = str(file) if file is not None else None
        self.row = row
        self.field = field
        self.hint = hint
        super().__init__(self.message)

    @property
    def message(self) -> str:
        where = []
        if self.file:
            where.append(self.file)
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.field:
            where.append(f"field '{self.field}'")
        text = (", ".join(where) + ": " if where else "") + self.problem
        if self.hint:
            text += f" ({self.hint})"
        return text


class UnknownNameError(ChokepointsError):
    """An unknown bloc, chain, country or material name."""


class WarehouseError(ChokepointsError):
    """The warehouse cannot be opened or is inconsistent."""


class ScenarioError(ChokepointsError):
    """An invalid scenario file: names the file, the key path (e.g. `measures[1].intensity`) and the problem."""
