"""One protocol for every result a user holds: a shock simulation, a tariff run, an optimisation.

    r.summary            a pandas DataFrame: the headline table
    r.meta               a dict: data sets and their sha256, code version, parameters, seed, warnings
    r.to_dict()          JSON-ready: {"kind", "meta", "summary", ...}
    r.to_parquet(path)   the summary as Parquet, with `kind` and `meta` in the file's metadata
    ck.read_result(path) the same summary and meta back (a StoredResult)
    r.plot()             a Plotly figure naming its source and year

The classes that hold each kind of result (shocks.montecarlo.SimulationResult, tariffs.model.TariffResult,
optimise.results.OptimiseResult) inherit the Parquet round trip from `ResultMixin`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from chokepoints.errors import InputError

_KEY = b"chokepoints"


class ResultMixin:
    """The Parquet round trip for any result with `kind`, `summary` and `meta`."""

    kind = "result"  # a class attribute, not a dataclass field

    def to_parquet(self, path: str | Path) -> Path:
        """Write the summary table to `path` with `kind` and `meta` in the Parquet metadata (read_result reads it)."""
        path = Path(path)
        if not path.parent.is_dir():
            raise InputError("folder does not exist", file=path.parent, hint="create it or choose another --out")
        table = pa.Table.from_pandas(self.summary.reset_index(drop=True), preserve_index=False)
        doc = json.dumps({"kind": self.kind, "meta": self.meta}, default=str)
        table = table.replace_schema_metadata({**(table.schema.metadata or {}), _KEY: doc.encode()})
        tmp = path.with_name(path.name + ".partial")
        pq.write_table(table, tmp)
        tmp.replace(path)  # whole file or nothing
        return path


@dataclass
class StoredResult(ResultMixin):
    """A result read back from Parquet: its summary, meta and kind (the run's arrays are not stored)."""

    summary: pd.DataFrame
    meta: dict = field(default_factory=dict)
    kind: str = "result"

    def to_dict(self) -> dict:
        from chokepoints.report.tables import to_records

        return {"kind": self.kind, "meta": self.meta, "summary": to_records(self.summary)}


def read_result(path: str | Path) -> StoredResult:
    """A result written by `.to_parquet(path)`: `ck.read_result("runs.parquet").meta["datasets"]`."""
    path = Path(path)
    if not path.is_file():
        raise InputError("file not found", file=path)
    try:
        table = pq.read_table(path)
    except (pa.ArrowInvalid, OSError) as e:
        raise InputError(f"not a Parquet file: {e}", file=path) from None
    raw = (table.schema.metadata or {}).get(_KEY)
    if raw is None:
        raise InputError("not a chokepoints result (no 'chokepoints' metadata)", file=path,
                         hint="write results with .to_parquet(path)")
    doc = json.loads(raw)
    return StoredResult(summary=table.to_pandas(), meta=doc.get("meta", {}), kind=doc.get("kind", "result"))


__all__ = ["ResultMixin", "StoredResult", "read_result"]
