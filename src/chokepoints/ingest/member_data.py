"""A member's own data: member_*.csv or member_*.toml, one row per declaration (stocks now) -> `stocks`.

A member (a country, ISO3, or a bloc, e.g. EU27) states what it holds in a file named `member_<anything>.csv` or
`member_<anything>.toml`; each file is a data set of its own (named after its stem), so a member replaces its
declarations by loading a changed file of the same name. A folder of such files loads file by file.

Fields of a row (CSV columns, or keys of a `[[rows]]` table in TOML):
    member        ISO3 country code, or a bloc code (`chokepoints blocs`: EU27, JPN, EU27+JPN, a user's bloc)
    kind          `stock` (what the file declares; `offtake` and `contract` are planned and refused for now)
    chain         a built-in chain id (`chokepoints chains`), e.g. rare-earth-magnets
    stage         a stage id of that chain, e.g. oxide; the stage must be counted in tonnes
    material      a material (materials.csv id, name, symbol or synonym: dy, Dysprosium, Dy), stored as its id
                  Give `stage`, `material` or both. With only a material, the stock counts at the EARLIEST stage of
                  the chain (lowest `order`) whose `materials` list it (dy in rare-earth-magnets -> oxide, not also
                  metal, magnet and motor); where two stages share that order (graphite: natural_graphite and
                  synthetic_graphite) the row is refused and must name its `stage`. A stock held in a later form
                  (lithium carbonate) names its stage (lithium_chemicals). With both, the material must be one of
                  the stage's materials.
    quantity_t    tonnes held, in the stage's basis (the chain's `basis`, e.g. t of oxides, gross weight): a finite
                  number >= 0 (0 declares that the member holds none, which replaces the default stock)
    confidential  true or false; default true (a member's own data is confidential unless it says otherwise)
    source        free text: who states the figure, and when (required)
    split         optional, for a bloc's row only: `use` (the only rule, also the default). The row is stored at bloc
                  level (member = EU27); the network splits it over the bloc's countries in proportion to their use
                  at the stage (network/build.py `_stocks`)
    note          optional free text

Rows are unique by (member, chain, stage, material): a member may declare Dy and Tb oxide as two rows at the oxide
stage, but a stage total (no material) excludes any other row of that member at that stage (it would count twice).
Each `stocks` row gets a `note` saying how its stage was found and, for a bloc, that the network splits it.

Confidential rows are kept in the warehouse with their flag, and `chokepoints table stocks` shows them to whoever
holds the warehouse file; the network counts them like any other row. Reading them only as their own member is the
service's job (DESIGN.md: the service never lets one member read another's confidential data).

Every problem (unknown member, chain, stage or material; an ambiguous material; a bad number or flag; an unknown
kind, column or key; a repeated row) is an InputError naming the file, the row (its line; in TOML the line of its
`[[rows]]` header) and the field, raised before anything is returned.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from chokepoints.errors import InputError, UnknownNameError, parse_toml
from chokepoints.ingest.base import LoadContext, TableData, read_csv
from chokepoints.ingest.schemas import validate
from chokepoints.reference.chains import Chain, Stage, chain_names, material
from chokepoints.reference.chains import chain as get_chain

FORMAT = "member-data"
PATTERN = re.compile(r"^member_.+\.(csv|toml)$", re.IGNORECASE)
REQUIRED = ("member", "kind", "chain", "quantity_t", "source")
OPTIONAL = ("stage", "material", "confidential", "split", "note")
KINDS = {"stock": "stocks"}  # kind -> table
PLANNED = ("offtake", "contract")
SPLITS = ("use",)
_TRUE, _FALSE = {"true", "yes", "1"}, {"false", "no", "0"}


def matches(path: Path) -> bool:
    """A file named member_*.csv or member_*.toml (a folder of them is walked file by file)."""
    path = Path(path)
    return path.is_file() and bool(PATTERN.match(path.name))


def load(path: Path, ctx: LoadContext) -> list[TableData]:
    path = Path(path)
    records = _toml_records(path) if path.suffix.lower() == ".toml" else _csv_records(path)
    rows = [_row(rec, line, path) for line, rec in records]
    _check_repeats(rows, path)
    df = pd.DataFrame(rows, columns=["member", "material", "quantity_t", "confidential", "chain", "stage",
                                     "source", "note", "_row"])
    return [TableData("stocks", frame=validate(df, "stocks", file=str(path)))]


def stage_for_material(stages: Iterable[Stage], material_id: str) -> Stage:
    """The stage a stock of MATERIAL counts at when no stage is given: the earliest (lowest `order`) stage whose
    `materials` list it. LookupError when no stage lists it, or when two stages share that earliest order."""
    listing = [s for s in stages if material_id in s.materials]
    if not listing:
        raise LookupError(f"no stage lists material '{material_id}'")
    first = min(s.order for s in listing)
    tied = [s.id for s in listing if s.order == first]
    if len(tied) > 1:
        raise LookupError(f"material '{material_id}' is listed by {len(tied)} stages of the same order "
                          f"({', '.join(tied)})")
    return next(s for s in listing if s.order == first)


# ------------------------------------------------------------------ reading the two layouts

def _csv_records(path: Path) -> list[tuple[int | None, dict]]:
    df = read_csv(path, required=REQUIRED)
    _check_fields([c for c in df.columns if c != "_row"], path, row=1)
    return [(int(line), {k: v for k, v in rec.items() if k != "_row"})
            for line, rec in zip(df["_row"], df.to_dict("records"), strict=True)]


def _toml_records(path: Path) -> list[tuple[int | None, dict]]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise InputError(f"not valid utf-8 text (byte {e.start})", file=path) from None
    if not text.strip():
        raise InputError("file is empty", file=path)
    raw = parse_toml(text, file=path)
    extra = sorted(set(raw) - {"rows"})
    if extra:
        raise InputError("unknown key (a member file holds only [[rows]] tables)", file=path, field=extra[0])
    rows = raw.get("rows")
    if not isinstance(rows, list) or not rows or not all(isinstance(r, dict) for r in rows):
        raise InputError("no [[rows]] tables", file=path, field="rows",
                         hint='write one [[rows]] table per declaration: member = "JPN", kind = "stock", ...')
    # the line of each [[rows]] header, so errors name a line as they do for a CSV
    lines = [i for i, t in enumerate(text.splitlines(), start=1) if re.match(r"^\s*\[\[\s*rows\s*\]\]", t)]
    if len(lines) != len(rows):  # rows = [{...}, ...] inline: no header line per row
        lines = [None] * len(rows)
    out = []
    for line, rec in zip(lines, rows, strict=True):
        missing = [k for k in REQUIRED if k not in rec]
        if missing:
            raise InputError("key is missing", file=path, row=line, field=missing[0])
        _check_fields(list(rec), path, row=line)
        out.append((line, rec))
    return out


def _check_fields(fields: list[str], path: Path, row: int | None) -> None:
    unknown = [f for f in fields if f not in REQUIRED + OPTIONAL]
    if unknown:
        raise InputError("unknown field", file=path, row=row, field=unknown[0],
                         hint=f"known: {', '.join(REQUIRED + OPTIONAL)}")


# ------------------------------------------------------------------ one row

def _text(rec: dict, key: str, path: Path, line: int | None) -> str:
    """A text field: strings as given (stripped), missing or empty as ''; anything else is an error."""
    value = rec.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InputError(f"value {value!r} is not text", file=path, row=line, field=key)
    return value.strip()


def _row(rec: dict, line: int | None, path: Path) -> dict:
    def fail(problem: str, field: str, hint: str | None = None):
        return InputError(problem, file=path, row=line, field=field, hint=hint)

    kind = _text(rec, "kind", path, line).lower()
    if kind in PLANNED:
        raise fail(f"kind '{kind}' is not read yet", "kind", hint="only 'stock' rows can be loaded for now")
    if kind not in KINDS:
        raise fail(f"unknown kind {kind!r}", "kind", hint=f"use {', '.join(KINDS)}")

    member = _text(rec, "member", path, line).upper()
    is_country, is_bloc = _member_kind(member)
    if not (is_country or is_bloc):
        raise fail(f"unknown member {member!r}", "member",
                   hint="an ISO3 country code or a bloc code (`chokepoints blocs`)")

    chain_id = _text(rec, "chain", path, line)
    try:
        ch = get_chain(chain_id)
    except UnknownNameError:
        raise fail(f"unknown chain {chain_id!r}", "chain", hint=f"known: {', '.join(chain_names())}") from None

    stage_id = _text(rec, "stage", path, line).lower()
    name = _text(rec, "material", path, line)
    if not stage_id and not name:
        raise fail("give a stage or a material", "stage", hint=f"stages of {ch.id}: {', '.join(ch.stage_ids)}")
    material_id = None
    if name:
        try:
            material_id = str(material(name)["material"])
        except UnknownNameError:
            raise fail(f"unknown material {name!r}", "material", hint="see materials.csv (`chokepoints materials`)"
                       ) from None
    stage, note = _stage(ch, stage_id, material_id, fail)

    quantity = _quantity(rec.get("quantity_t"), fail)
    confidential = _flag(rec.get("confidential"), fail)
    source = _text(rec, "source", path, line)
    if not source:
        raise fail("value is missing", "source", hint="say who states the figure, and when")
    split = _text(rec, "split", path, line).lower()
    if split and not is_bloc:
        raise fail(f"split {split!r} on a country's row", "split", hint="split is for a bloc's row (EU27): leave it "
                   "empty")
    if split and split not in SPLITS:
        raise fail(f"unknown split {split!r}", "split", hint=f"use {', '.join(SPLITS)} (the only rule) or leave "
                   "it empty")
    if is_bloc:
        note.append(f"bloc {member}: the network splits it over the bloc's countries in proportion to their use at "
                    f"stage {stage.id}")
    own = _text(rec, "note", path, line)
    return {"member": member, "material": material_id, "quantity_t": quantity, "confidential": confidential,
            "chain": ch.id, "stage": stage.id, "source": source, "note": "; ".join([own, *note] if own else note),
            "_row": line}


def _member_kind(code: str) -> tuple[bool, bool]:
    """(is a country, is a bloc) for a member code; a bloc of itself alone (JPN) counts as the country."""
    from chokepoints.reference.blocs import bloc_names
    from chokepoints.reference.countries import countries

    c = countries()
    is_country = code in set(c.loc[c["kind"] != "aggregate", "iso3"])
    return is_country, (not is_country) and code in bloc_names()


def _stage(ch: Chain, stage_id: str, material_id: str | None, fail) -> tuple[Stage, list[str]]:
    note: list[str] = []
    if stage_id:
        if stage_id not in ch.stage_ids:
            raise fail(f"unknown stage {stage_id!r} of chain '{ch.id}'", "stage",
                       hint=f"stages: {', '.join(ch.stage_ids)}")
        stage = ch.stage(stage_id)
        if material_id and material_id not in stage.materials:
            raise fail(f"material '{material_id}' is not one of stage '{stage.id}''s materials", "material",
                       hint=f"{stage.id}: {', '.join(stage.materials) or 'none'}; or leave the stage empty")
    else:
        try:
            stage = stage_for_material(ch.stages, material_id)
        except LookupError as e:
            listed = any(material_id in s.materials for s in ch.stages)
            raise fail(f"{e} in chain '{ch.id}'", "stage" if listed else "material",
                       hint="name the stage the stock is held at" if listed else
                       f"materials of {ch.id}: {', '.join(sorted({m for s in ch.stages for m in s.materials}))}"
                       ) from None
        note.append(f"stage {stage.id}: the earliest stage of {ch.id} listing {material_id}")
    if stage.unit != "t":
        raise fail(f"stage '{stage.id}' is counted in {stage.unit}s, not tonnes", "stage",
                   hint="a stock in quantity_t belongs at a stage counted in tonnes")
    return stage, note


def _quantity(value, fail) -> float:
    if isinstance(value, bool):
        raise fail(f"value {value!r} is not a number", "quantity_t")
    if isinstance(value, int | float):
        q = float(value)
    else:
        text = value.strip() if isinstance(value, str) else ""
        if not text:
            raise fail("value is missing", "quantity_t")
        try:
            q = float(text)
        except ValueError:
            raise fail(f"value {value!r} is not a number", "quantity_t") from None
    if not math.isfinite(q):
        raise fail(f"value {value!r} is not a finite number", "quantity_t")
    if q < 0:
        raise fail(f"value {value!r} is negative", "quantity_t")
    return q


def _flag(value, fail) -> bool:
    if value is None or (isinstance(value, str) and not value.strip()):
        return True
    if isinstance(value, bool):
        return value
    text = value.strip().lower() if isinstance(value, str) else None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise fail(f"value {value!r} is not true or false", "confidential", hint="leave it empty for true")


def _check_repeats(rows: list[dict], path: Path) -> None:
    """Unique (member, chain, stage, material); a stage total (no material) stands alone at its stage."""
    for i, r in enumerate(rows):
        for prior in rows[:i]:
            if (prior["member"], prior["chain"], prior["stage"]) != (r["member"], r["chain"], r["stage"]):
                continue
            if prior["material"] == r["material"]:
                problem = f"repeats row {prior['_row']} (same member, chain, stage and material)"
            elif prior["material"] is None or r["material"] is None:
                problem = (f"overlaps row {prior['_row']}: a stage total (no material) and a material's stock of "
                           f"{r['member']} at stage {r['stage']} would count twice")
            else:
                continue
            raise InputError(problem, file=path, row=r["_row"], field="material" if r["material"] else "stage",
                             hint="one row per member, chain, stage and material")
