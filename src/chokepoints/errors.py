"""Exceptions a user can act on: each names where the problem is and what would fix it."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    import pydantic


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
    """An invalid scenario file: names the file, the key path (e.g. `measures[1].intensity`) and the problem.

    `ScenarioError("whole message")` or `ScenarioError(problem, file=..., key=...)`: "FILE: key 'KEY': PROBLEM".
    """

    def __init__(self, problem: str, *, file: str | Path | None = None, key: str | None = None):
        self.problem = problem
        self.file = str(file) if file is not None else None
        self.key = key
        where = (f"{self.file}: " if self.file else "") + (f"key '{key}': " if key else "")
        super().__init__(where + problem)


class InfeasibleError(ChokepointsError):
    """The optimiser's policy constraints cannot all hold: the message names the constraint(s) that bind."""


# --- one translator from TOML and pydantic failures to the errors above ------------------------------------------

E = TypeVar("E", InputError, ScenarioError)

# pydantic's labels for the branch of a union or a wrapped validator: not keys a user wrote
_BRANCH_LABELS = ("float", "int", "str", "bool", "Dist", "list[...]")
_SCALAR_BRANCHES = ("float", "int", "str", "bool")
_BRANCH_PREFIXES = ("function-", "list[", "constrained", "tagged-union[", "nullable[", "dict[")


def key_path(loc: tuple | list, *, label: Callable[[str, int], object] | None = None, prefix: str = "") -> str:
    """A pydantic error location as the key a user wrote: ('measures', 0, 'intensity') -> 'measures[0].intensity'.

    Union-branch labels are dropped. `label(parent_key, index)` names an item of a list (a stage by its id, a
    measure by its position in the file); `prefix` goes in front ('measures[3]')."""
    parts: list[str] = [prefix] if prefix else []
    loc = [p for p in loc if not (isinstance(p, str) and (p in _BRANCH_LABELS or p.startswith(_BRANCH_PREFIXES)))]
    for j, p in enumerate(loc):
        if isinstance(p, int) and parts:
            parent = loc[j - 1] if j > 0 and isinstance(loc[j - 1], str) else ""
            parts[-1] += f"[{label(parent, p) if label else p}]"
        else:
            parts.append(str(p))
    return ".".join(parts)


def from_validation(
    e: pydantic.ValidationError,
    *,
    origin: str | Path | None,
    error: type[E] = ScenarioError,
    label: Callable[[str, int], object] | None = None,
    prefix: str = "",
) -> E:
    """The first complaint of a pydantic ValidationError as ERROR naming the file and the key path.

    Where the input was a table (a distribution) or a list (a custom profile), the complaint of that branch of the
    union is reported, not that of the number or name it also could have been."""
    errs = e.errors()
    err = errs[0]
    if isinstance(err.get("input"), dict | list):  # not the complaint of the number or name it could have been
        err = next((x for x in errs if not any(p in _SCALAR_BRANCHES for p in x["loc"])), err)
    key = key_path(err["loc"], label=label, prefix=prefix) or "(top level)"
    problem = "unknown key" if err["type"] == "extra_forbidden" else err["msg"].removeprefix("Value error, ")
    if error is InputError:
        return InputError(problem, file=origin, field=key)
    return error(problem, file=origin, key=key)


def from_toml(e: tomllib.TOMLDecodeError, *, file: str | Path, error: type[E] = InputError) -> E:
    """A TOML syntax error as ERROR naming the file (the parser's message gives line and column; an InputError also
    carries the line as its row)."""
    line = re.search(r"line (\d+)", str(e))
    if error is InputError and line:
        return InputError(f"not valid TOML: {e}", file=file, row=int(line[1]))
    return error(f"not valid TOML: {e}", file=file)


def read_toml(path: str | Path, *, what: str = "file", error: type[E] = InputError) -> dict:
    """Parse a TOML file; a missing or unreadable file, a directory, bad TOML, text that is not UTF-8 or tables
    nested too deep for the parser raise ERROR (InputError, or ScenarioError for a scenario) naming the file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error(f"{what} not found", file=path) from None
    except IsADirectoryError:
        raise error(f"a directory, not a {what}", file=path) from None
    except UnicodeDecodeError as ex:
        raise error(f"not valid TOML: not UTF-8 text ({ex.reason} at byte {ex.start}); save it as UTF-8",
                    file=path) from None
    except OSError as ex:
        raise error(f"cannot read the {what}: {ex.strerror or ex}", file=path) from None
    return parse_toml(text, file=path, error=error)


def parse_toml(text: str, *, file: str | Path, error: type[E] = InputError) -> dict:
    """`tomllib.loads` with its failures as ERROR naming FILE."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as ex:
        raise from_toml(ex, file=file, error=error) from None
    except RecursionError:
        raise error("not valid TOML: tables or arrays nested too deep to read", file=file) from None
