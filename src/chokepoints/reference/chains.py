"""Supply chains (chains/*.toml) and the materials they speak of (materials.csv), kept as data.

A chain is a list of stages (ore -> refined -> ... -> product). Each stage names the stages it consumes
(`inputs`) and, per input, a `Factor`: tonnes (or kg, or pieces) of the input per unit of the stage, with a range
and its source. `inputs_mode = "all"` means every input is needed (cathode and anode for a cell);
`"alternatives"` means the inputs substitute for each other and each factor carries the `share` of the stage's
output made through it. `contents` give the content of a material (materials.csv id) per unit of the stage.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Sequence
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from chokepoints.errors import InputError, UnknownNameError, from_validation, read_toml

_HS6 = re.compile(r"^\d{6}$")
_UNIT = re.compile(r"^(t|kg|piece)\b[^/]*/(t|piece)$")


class Factor(BaseModel):
    """Input (or content) per unit of the stage: central value, range, unit, source and how it was obtained."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    value: float = Field(ge=0)
    low: float | None = Field(default=None, ge=0)
    high: float | None = Field(default=None, ge=0)
    unit: str
    kind: Literal["cited", "derived", "computed", "assumption"]
    source: str = Field(min_length=1)
    note: str = ""
    share: float | None = Field(default=None, gt=0, le=1)

    @field_validator("unit")
    @classmethod
    def _unit(cls, v: str) -> str:
        if not _UNIT.match(v):
            raise ValueError("unit must read '<t|kg|piece>[ what]/<t|piece>', e.g. 't/t', 't Li/t', 'kg/piece'")
        return v

    @model_validator(mode="after")
    def _checks(self) -> Factor:
        if not self.source.strip():
            raise ValueError("a factor needs a source")
        if self.kind != "assumption" and "http" not in self.source:
            raise ValueError(f"a '{self.kind}' factor needs a source with its address (http...)")
        low, high = self.low, self.high
        if (low is not None and low > self.value) or (high is not None and high < self.value):
            raise ValueError("need low <= value <= high")
        return self

    @property
    def per_unit(self) -> float:
        """The value in the input's base unit (t or piece) per unit of the stage: kg are turned into t."""
        return self.value / 1000 if self.unit.startswith("kg") else self.value


class Stage(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str
    order: int = Field(ge=1)
    inputs: list[str] = []
    inputs_mode: Literal["all", "alternatives"] = "all"
    unit: Literal["t", "piece"]
    basis: str = ""
    hs2017: list[str]
    hs2022: list[str]
    hs_note: str = ""
    usgs_commodity: str | None = None
    # IEA Critical Minerals Data Explorer production by country (`production` rows 'IEA <mineral>'), preferred to
    # USGS where given: e.g. magnet rare earths refined, battery-grade graphite
    # The stage's HS6 code holds other goods too (811292: gallium, germanium, indium, niobium, vanadium, hafnium...;
    # 850511: rare-earth and other metal magnets). With a sourced `hs_material_share` its flows are scaled to the
    # material and labelled; without one they are a proxy, refused unless proxies are allowed.
    hs_mixed: bool = False
    hs_material_share: Factor | None = None
    iea_mineral: str | None = None
    iea_stage: Literal["extraction", "refining"] | None = None
    eu_crm_name: str | None = None
    output_shares: str | None = None  # the `stage_shares` table's name for this stage (country shares of output)
    materials: list[str] = []
    factors: dict[str, Factor] = {}
    contents: dict[str, Factor] = {}
    note: str = ""

    @field_validator("hs2017", "hs2022")
    @classmethod
    def _hs6(cls, codes: list[str]) -> list[str]:
        bad = [c for c in codes if not _HS6.match(c)]
        if bad:
            raise ValueError(f"HS codes must be 6-digit strings, got {bad}")
        return codes

    @model_validator(mode="after")
    def _checks(self) -> Stage:
        if not (self.hs2017 and self.hs2022) and not self.hs_note:
            raise ValueError("a stage without HS codes needs an 'hs_note' saying why")
        if self.hs_material_share is not None and not self.hs_mixed:
            raise ValueError("'hs_material_share' is for a stage with hs_mixed = true")
        for fid, f in self.factors.items():
            if not f.unit.endswith("/" + self.unit):
                raise ValueError(f"factor '{fid}' unit '{f.unit}' must be per '{self.unit}' (the stage unit)")
        shares = [f.share for f in self.factors.values()]
        if self.inputs_mode == "alternatives":
            if None in shares or abs(sum(shares) - 1) > 0.01:
                raise ValueError("'alternatives' inputs need a 'share' on every factor, summing to 1")
        elif any(s is not None for s in shares):
            raise ValueError("'share' is only for inputs_mode = 'alternatives'")
        return self


class Chain(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    name: str
    description: str
    sources: list[str] = Field(min_length=1)
    stages: list[Stage] = Field(min_length=1)

    def stage(self, stage_id: str) -> Stage:
        for s in self.stages:
            if s.id == stage_id:
                return s
        raise UnknownNameError(f"unknown stage '{stage_id}' in chain '{self.id}'; known: {self.stage_ids}")

    @property
    def stage_ids(self) -> list[str]:
        return [s.id for s in self.stages]

    def stages_holding(self, hs: Sequence[str]) -> list[str]:
        """Ids of the stages whose HS 2017/2022 codes share a prefix with one of `hs` (a heading holds its
        subheadings, and a subheading belongs to its heading)."""
        return [s.id for s in self.stages
                if any(c.startswith(h) or h.startswith(c) for h in hs for c in s.hs2017 + s.hs2022)]


def _stage_label(raw: dict) -> Callable[[str, int], object]:
    """Name a stage in a key path by its id where the file gives one: 'stages[oxide].factors.ore.source'."""

    def label(parent: str, i: int) -> object:
        stages = raw.get("stages")
        if parent == "stages" and isinstance(stages, list) and i < len(stages) and isinstance(stages[i], dict):
            return stages[i].get("id", i)
        return i

    return label


def _check_graph(chain: Chain, origin: str) -> None:
    ids = chain.stage_ids
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise InputError(f"duplicate stage id(s) {dupes}", file=origin, field="stages")
    for s in chain.stages:
        at = f"stages[{s.id}]"
        for j in s.inputs:
            if j not in ids:
                raise InputError(f"input '{j}' names no stage; stages: {ids}", file=origin, field=f"{at}.inputs")
            if j not in s.factors:
                raise InputError(f"input '{j}' needs a factor", file=origin, field=f"{at}.factors.{j}")
        for k in set(s.factors) - set(s.inputs):
            raise InputError(f"factor for '{k}', not an input", file=origin, field=f"{at}.factors.{k}")
    # Kahn's algorithm: whatever cannot be ordered lies on a cycle.
    pending = {s.id: set(s.inputs) for s in chain.stages}
    while ready := [k for k, v in pending.items() if not v]:
        for k in ready:
            del pending[k]
        for v in pending.values():
            v.difference_update(ready)
    if pending:
        raise InputError(f"the inputs form a cycle through {sorted(pending)}", file=origin, field="stages")
    by_id = {s.id: s for s in chain.stages}
    for s in chain.stages:
        for j in s.inputs:
            if by_id[j].order >= s.order:
                raise InputError(
                    f"order {s.order} is not after its input '{j}' (order {by_id[j].order})",
                    file=origin, field=f"stages[{s.id}].order",
                )
    known = set(materials()["material"])
    for s in chain.stages:
        for key in ("materials", "contents"):
            unknown = sorted(set(getattr(s, key)) - known)
            if unknown:
                raise InputError(f"unknown material(s) {unknown} (not in materials.csv)", file=origin,
                                 field=f"stages[{s.id}].{key}")


def load_chain(path: str | Path) -> Chain:
    """Read and validate one chain file (also a user's own); the chain's id is the file stem."""
    path = Path(path)
    raw = read_toml(path, what="chain file")
    return _validate(raw, path.stem, str(path))


def _validate(raw: dict, chain_id: str, origin: str) -> Chain:
    if "id" in raw:
        raise InputError("unknown key (the chain id is the file name)", file=origin, field="id")
    try:
        chain = Chain.model_validate({**raw, "id": chain_id})
    except ValidationError as e:
        raise from_validation(e, origin=origin, error=InputError, label=_stage_label(raw)) from None
    _check_graph(chain, origin)
    return chain


@cache
def _builtin() -> dict[str, Chain]:
    out = {}
    for entry in sorted(files(__package__).joinpath("chains").iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".toml"):
            stem = entry.name.removesuffix(".toml")
            with entry.open("rb") as f:
                out[stem] = _validate(tomllib.load(f), stem, f"reference/chains/{entry.name}")
    return out


def chain_names() -> list[str]:
    """Ids (file stems) of the built-in chains."""
    return list(_builtin())


def chain(name: str) -> Chain:
    """A built-in chain by its id, e.g. "rare-earth-magnets"."""
    try:
        return _builtin()[name]
    except KeyError:
        raise UnknownNameError(f"unknown chain '{name}'; known: {', '.join(chain_names())}") from None


def chains_table() -> pd.DataFrame:
    """One row per stage of every built-in chain; list columns are semicolon-joined."""
    rows = [
        {"chain": c.id, "order": s.order, "stage": s.id, "name": s.name, "unit": s.unit,
         "hs2017": ";".join(s.hs2017), "hs2022": ";".join(s.hs2022), "inputs": ";".join(s.inputs)}
        for c in _builtin().values() for s in c.stages
    ]
    return pd.DataFrame(rows).sort_values(["chain", "order", "stage"], ignore_index=True)


@cache
def materials() -> pd.DataFrame:
    """One row per material (materials.csv); `cn_control_2025` as bool, list columns semicolon-joined strings."""
    with files(__package__).joinpath("materials.csv").open(encoding="utf-8") as f:
        df = pd.read_csv(f, dtype=str, keep_default_na=False)
    df["cn_control_2025"] = df["cn_control_2025"] == "true"
    return df


def material(name: str) -> pd.Series:
    """A material's row by id, name, symbol, EU CRM name or synonym (case-insensitive)."""
    key = name.strip().casefold()
    df = materials()
    for col in ("material", "name", "symbol", "eu_crm_name", "synonyms"):
        values = df[col].str.casefold()
        hit = values.str.split(";").apply(lambda xs, k=key: k in xs) if col == "synonyms" else values == key
        if hit.any():
            return df[hit].iloc[0]
    raise UnknownNameError(f"unknown material '{name}'; known: {', '.join(df['material'])}")
