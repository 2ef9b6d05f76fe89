"""Loaders, one module per source format, each producing canonical tables (see base.py for the protocol)."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from chokepoints.errors import InputError
from chokepoints.ingest.base import LoadContext, TableData, sha256, source_line

# Order matters only for formats that could both claim a path: specific folders first, sniffed files last.
LOADER_MODULES = [
    "curated",
    "usgs",
    "wgi",
    "eu_crm",
    "china_cm",
    "hs_nomenclature",
    "baci_metadata",
    "hs_correlations",
    "country_codes",
    "geodist",
    "lithium_deposits",
    "us_tariffs",
    "iea",
    "usgs_prices",
    "member_data",
    "comtrade",
    "baci",
]

# Files that sit beside data and are never data themselves.
IGNORED_SUFFIXES = {".md", ".txt", ".json", ".toml", ".yml", ".yaml", ".pdf", ".py"}


def loaders() -> list[ModuleType]:
    return [importlib.import_module(f"chokepoints.ingest.{name}") for name in LOADER_MODULES]


@dataclass
class Found:
    """A data set found under a path: which loader reads it and under what dataset name."""

    loader: ModuleType
    path: Path
    name: str
    files: list[Path] = field(default_factory=list)

    @property
    def source(self) -> str:
        return source_line(self.path)


def _files_of(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() not in IGNORED_SUFFIXES
                  and not p.name.startswith("."))


def discover(path: Path, *, explicit: bool = True, skipped: list[Path] | None = None) -> list[Found]:
    """Data sets under `path`: a folder a loader claims is one data set; otherwise its children are searched.

    A file given explicitly that no loader reads is an error; one found while walking a folder is skipped
    (and reported in `skipped`).
    """
    path = Path(path)
    if not path.exists():
        raise InputError("path not found", file=path)
    for mod in loaders():
        if mod.matches(path):
            name = path.name if path.is_dir() else path.stem
            return [Found(mod, path, name, _files_of(path))]
    if path.is_file():
        if explicit:
            if path.stat().st_size == 0:  # no header to recognise it by: say so rather than "no loader"
                raise InputError("file is empty", file=path)
            with open(path, "rb") as f:
                head = f.read(4096)
            if head[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in head:
                raise InputError("the file is not UTF-8 text (UTF-16 or binary): wrong encoding", file=path, row=1,
                                 hint="save it as UTF-8 CSV")
            raise InputError("no loader recognises this file", file=path,
                             hint="see `chokepoints formats` for the formats chokepoints reads")
        if skipped is not None and path.suffix.lower() not in IGNORED_SUFFIXES:
            skipped.append(path)
        return []
    found: list[Found] = []
    for child in sorted(path.iterdir()):
        if child.name.startswith("."):
            continue
        found += discover(child, explicit=False, skipped=skipped)
    return found


def load_found(found: Found, ctx: LoadContext) -> list[TableData]:
    """Run the loader of one data set; InputErrors propagate with file, row and field."""
    return found.loader.load(found.path, ctx)


__all__ = ["Found", "LoadContext", "TableData", "discover", "load_found", "loaders", "sha256"]
