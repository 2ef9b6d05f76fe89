"""Blocs and alliances (blocs.toml, plus a user's own TOML file) and the "A+B" bloc expressions."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

from chokepoints.errors import InputError, UnknownNameError, read_toml
from chokepoints.reference.countries import known_iso3


@dataclass(frozen=True)
class Bloc:
    code: str
    name: str
    members: frozenset[str]
    source: str

    def __contains__(self, iso3: str) -> bool:
        return iso3 in self.members


def _parse(raw: dict, origin: str) -> dict[str, dict]:
    out = {}
    for code, spec in raw.items():
        if not isinstance(spec, dict) or "members" not in spec:
            raise InputError("a bloc needs a 'members' list", file=origin, field=code)
        out[spec.get("alias", code)] = {**spec, "code": spec.get("alias", code)}
    return out


@cache
def _definitions(user_file: str | None) -> dict[str, dict]:
    with files(__package__).joinpath("blocs.toml").open("rb") as f:
        defs = _parse(tomllib.load(f), "reference/blocs.toml")
    if user_file:
        path = Path(user_file)
        defs |= _parse(read_toml(path, what="bloc file"), str(path))
    return defs


def _user_file(blocs_file: str | Path | None) -> str | None:
    return str(blocs_file) if blocs_file else os.environ.get("CHOKEPOINTS_BLOCS") or None


def bloc_names(blocs_file: str | Path | None = None) -> list[str]:
    """Codes of all defined blocs (built-in and the user's)."""
    return sorted(_definitions(_user_file(blocs_file)))


def bloc(expr: str, blocs_file: str | Path | None = None) -> Bloc:
    """Resolve a bloc code, an ISO3 code, or an "A+B+..." union of them into its members."""
    if not isinstance(expr, str):
        raise TypeError(f"bloc must be a bloc code such as 'EU27+JPN', not {type(expr).__name__} {expr!r}")
    defs = _definitions(_user_file(blocs_file))
    expr = expr.strip()
    if expr in defs:
        spec = defs[expr]
        members = frozenset().union(*(_members(m, defs, expr) for m in spec["members"]))
        return Bloc(expr, spec.get("name", expr), members, spec.get("source", ""))
    parts = [p.strip() for p in expr.split("+") if p.strip()]
    if len(parts) > 1:
        subs = [bloc(p, blocs_file) for p in parts]
        return Bloc(expr, " + ".join(s.name for s in subs), frozenset().union(*(s.members for s in subs)),
                    "; ".join(sorted({s.source for s in subs if s.source})))
    return Bloc(expr, expr, _members(expr, defs, expr), "ISO 3166")


def _members(token: str, defs: dict, context: str) -> frozenset[str]:
    name = token.lstrip("@")
    if name in defs and (token.startswith("@") or name not in known_iso3()):
        return bloc(name).members if name in defs else frozenset()
    if name in known_iso3():
        return frozenset({name})
    raise UnknownNameError(
        f"unknown bloc or country '{name}' in '{context}'; blocs: {', '.join(sorted(defs))} or any ISO3 code"
    )


def blocs_table(blocs_file: str | Path | None = None):
    """All defined blocs as a DataFrame: code, name, n_members, members, source."""
    import pandas as pd

    rows = []
    for code in bloc_names(blocs_file):
        b = bloc(code, blocs_file)
        rows.append({"code": code, "name": b.name, "n_members": len(b.members),
                     "members": " ".join(sorted(b.members)), "source": b.source})
    return pd.DataFrame(rows)
