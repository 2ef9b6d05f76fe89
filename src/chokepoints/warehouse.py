"""The warehouse: embedded DuckDB with Parquet for large tables, and a provenance record of every load.

Layout (next to the DuckDB file `warehouse.duckdb`):
    warehouse.duckdb          native tables `_<table>`, views `<table>`, `_provenance`, `_parts`
    warehouse.parts/*.parquet large tables written by streaming loaders (BACI); listed in `_parts`

Atomicity: every ingest is one DuckDB transaction. Loaders parse and validate everything first; Parquet files are
written to a scratch folder and renamed into `parts/` before the transaction, and only become part of a table when
the transaction that lists them in `_parts` commits. A failure or a killed process therefore leaves the previous
state: DuckDB rolls back the uncommitted transaction on the next open, and unlisted Parquet files are deleted then.
Idempotency: a data set whose files have the same sha256 as the loaded ones is skipped.
"""

from __future__ import annotations

import builtins
import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

from chokepoints.analyses import Analyses
from chokepoints.errors import ChokepointsError, InputError, WarehouseError
from chokepoints.ingest import Found, LoadContext, TableData, discover, load_found, sha256
from chokepoints.reference import catalogue

_SQL_TYPES = {"str": "VARCHAR", "int": "BIGINT", "float": "DOUBLE", "bool": "BOOLEAN"}


def default_path() -> Path:
    """CHOKEPOINTS_DB, else warehouse.duckdb in the user's data directory."""
    if env := os.environ.get("CHOKEPOINTS_DB"):
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("chokepoints")) / "warehouse.duckdb"


def repo_root() -> Path | None:
    """The checkout this package runs from (it holds the bundled data), if any."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "data" / "raw").is_dir() and (parent / "pyproject.toml").exists():
            return parent
    return None


def bundled_data() -> Path | None:
    """The real data shipped with the project (data/ in the repository), or CHOKEPOINTS_BUNDLED."""
    if env := os.environ.get("CHOKEPOINTS_BUNDLED"):
        return Path(env)
    root = repo_root()
    return root / "data" if root else None


def extra_data() -> Path | None:
    """CHOKEPOINTS_DATA, else ../shared/data beside the project when present."""
    if env := os.environ.get("CHOKEPOINTS_DATA"):
        if not Path(env).expanduser().is_dir():
            raise InputError("CHOKEPOINTS_DATA names no folder", file=env,
                             hint="point it at a data folder such as ../shared/data, or unset it")
        return Path(env).expanduser()
    root = repo_root()
    for candidate in ([root.parent / "shared" / "data"] if root else []) + [Path.cwd().parent / "shared" / "data"]:
        if candidate.is_dir():
            return candidate
    return None


@dataclass
class IngestReport:
    loaded: list[dict] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped_files: list[Path] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (data set skipped, the one it duplicates)

    def to_frame(self) -> pd.DataFrame:
        rows = [dict(r, status="loaded") for r in self.loaded]
        rows += [{"dataset": d, "status": "unchanged"} for d in self.unchanged]
        rows += [{"dataset": d, "status": f"skipped: same files as {twin}"} for d, twin in self.duplicates]
        return pd.DataFrame(rows)


class Warehouse(Analyses):
    """The state a user works with: `ck.open()` returns one; `.table(name)` gives a pandas DataFrame, and the
    analyses are its methods (`.dependency`, `.criticality`, `.network`, `.simulate`, `.optimise`: analyses.py)."""

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False, engine: str | None = None,
                 **spark_options):
        from chokepoints.engines import engine_name

        engine = engine_name(engine)  # an unknown engine is refused before anything is opened
        if path is not None and not isinstance(path, str | Path):
            raise TypeError(f"path must be a file path (str or Path), not {type(path).__name__} {path!r}")
        self.path = Path(path).expanduser() if path else default_path()
        self.parts_dir = self.path.with_suffix(".parts")
        if read_only and not self.path.exists():
            raise WarehouseError(f"no warehouse at {self.path}; run `chokepoints ingest` first")
        if self.path.is_dir():
            raise WarehouseError(f"{self.path} is a folder: give the warehouse file, e.g. {self.path / 'wh.duckdb'}")
        if self.path.is_file() and self.path.stat().st_size > 0:
            with builtins.open(self.path, "rb") as f:
                magic = f.read(16)
            if magic[8:12] != b"DUCK":  # DuckDB's file header: a CSV or anything else is not a warehouse
                raise WarehouseError(f"{self.path} is not a chokepoints warehouse (not a DuckDB file)")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise WarehouseError(f"cannot create the warehouse folder {self.path.parent}: {e.strerror}") from None
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except (duckdb.Error, OSError) as e:
            raise WarehouseError(f"cannot open warehouse {self.path}: {str(e).splitlines()[0]}") from None
        self.read_only = read_only
        if not read_only:
            self._create()
            self._collect_garbage()
        self._make_views()
        from chokepoints.engines import make_engine

        try:
            self.engine = make_engine(self, engine, **spark_options)
        except BaseException:
            self.con.close()
            raise

    # ------------------------------------------------------------------ schema
    def _create(self) -> None:
        cat = catalogue()
        con = self.con
        con.execute(
            """CREATE TABLE IF NOT EXISTS _provenance (
                dataset VARCHAR, format VARCHAR, file VARCHAR, sha256 VARCHAR, bytes BIGINT, tables VARCHAR,
                rows BIGINT, year_min INTEGER, year_max INTEGER, source VARCHAR, loaded_at TIMESTAMP,
                code_version VARCHAR)"""
        )
        con.execute("CREATE TABLE IF NOT EXISTS _parts (dataset VARCHAR, tbl VARCHAR, path VARCHAR, rows BIGINT)")
        for table, cols in cat.groupby("table", sort=False):
            spec = ", ".join(f'"{c.column}" {_SQL_TYPES[c.dtype]}' for c in cols.itertuples())
            con.execute(f'CREATE TABLE IF NOT EXISTS "_{table}" ({spec}, dataset VARCHAR)')
            existing = {r[0] for r in con.execute(f"DESCRIBE \"_{table}\"").fetchall()}
            for c in cols.itertuples():  # the catalogue grew since this warehouse was made
                if c.column not in existing:
                    con.execute(f'ALTER TABLE "_{table}" ADD COLUMN "{c.column}" {_SQL_TYPES[c.dtype]}')

    def _make_views(self) -> None:
        """Each table is a TEMP view over its native table and its Parquet parts, made at every open from the
        parts folder beside the file, so a warehouse that was moved or copied (with its .parts folder) still works;
        temp views also work on a read-only connection."""
        for table in self.tables():
            self._make_view(table)

    def _make_view(self, table: str) -> None:
        parts = self.con.execute("SELECT dataset, path FROM _parts WHERE tbl = ? ORDER BY path", [table]).fetchall()
        sql = f'SELECT * FROM "_{table}"'
        for dataset, part in parts:  # Parquet parts carry no dataset column: the view adds it
            if not (self.parts_dir / part).is_file():  # a warehouse copied without its .parts folder
                self.con.close()
                raise WarehouseError(f"{self.path}: the {table!r} table's part {self.parts_dir / part} is missing; "
                                     f"copy or move the warehouse together with its folder {self.parts_dir.name}")
            file = str(self.parts_dir / part).replace("'", "''")
            name = dataset.replace("'", "''")
            sql += f" UNION ALL BY NAME SELECT *, '{name}' AS dataset FROM read_parquet('{file}')"
        self.con.execute(f'CREATE OR REPLACE TEMP VIEW "{table}" AS {sql}')

    def _collect_garbage(self) -> None:
        """Delete Parquet files no committed load lists and scratch folders (left by a failed or killed ingest).

        Only a writer calls this, and DuckDB lets one process at a time open the file for writing, so no other
        ingest can be using them."""
        for scratch in self.path.parent.glob(".ingest-*"):
            shutil.rmtree(scratch, ignore_errors=True)
        if not self.parts_dir.is_dir():
            return
        listed = {r[0] for r in self.con.execute("SELECT path FROM _parts").fetchall()}
        for f in self.parts_dir.iterdir():
            if f.name not in listed:
                f.unlink(missing_ok=True)

    # ------------------------------------------------------------------ reading
    def tables(self) -> list[str]:
        return list(dict.fromkeys(catalogue()["table"]))

    def table(self, name: str, *, where: str | None = None, limit: int | None = None) -> pd.DataFrame:
        """A canonical table as a pandas DataFrame (with its `dataset` column)."""
        if name not in self.tables():
            raise InputError(f"unknown table '{name}'; tables: {', '.join(self.tables())}")
        if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool) or limit < 0):
            raise InputError(f"limit must be a whole number >= 0, not {limit!r}", field="limit")
        if where is not None and (not isinstance(where, str) or ";" in where):
            # one condition, never a second statement
            raise InputError(f"where must be one SQL condition (no ';'), not {where!r}", field="where")
        sql = f'SELECT * FROM "{name}"' + (f" WHERE {where}" if where else "")
        if limit is not None:
            sql += f" LIMIT {limit}"
        try:
            return self.con.execute(sql).df()
        except duckdb.Error as e:
            raise InputError(f"where {where!r}: {str(e).splitlines()[0]}", field="where") from None

    def sql(self, query: str, params: Sequence | None = None) -> pd.DataFrame:
        return self.con.execute(query, params or []).df()

    def ibis(self):
        """The Ibis backend of the warehouse's engine (DuckDB, or Spark: chokepoints.engines)."""
        return self.engine.backend()

    def ibis_table(self, name: str):
        """A canonical table as an Ibis expression on the warehouse's engine: what the analytics read."""
        if name not in self.tables():
            raise InputError(f"unknown table '{name}'; tables: {', '.join(self.tables())}")
        return self.engine.table(name)

    def provenance(self) -> pd.DataFrame:
        return self.con.execute("SELECT * FROM _provenance ORDER BY dataset, file").df()

    def status(self) -> pd.DataFrame:
        """One row per loaded data set: tables, rows, years covered, source, load time, files' sha256."""
        return self.con.execute(
            """SELECT dataset, any_value(format) AS format, string_agg(DISTINCT tables, ',') AS tables,
                      sum(rows)::BIGINT AS rows, min(year_min) AS year_min, max(year_max) AS year_max,
                      count(*) AS files, any_value(source) AS source, max(loaded_at) AS loaded_at
               FROM _provenance GROUP BY dataset ORDER BY dataset"""
        ).df()

    def table_counts(self) -> pd.DataFrame:
        rows = [(t, self.con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]) for t in self.tables()]
        return pd.DataFrame(rows, columns=["table", "rows"])

    def checksum(self) -> dict[str, str]:
        """An order-independent digest of every table's contents and of the provenance (for tests and audits)."""
        out = {}
        for t in [*self.tables(), "_provenance", "_parts"]:
            n, h = self.con.execute(f'SELECT count(*), coalesce(sum(hash(x)), 0)::VARCHAR FROM "{t}" AS x')\
                .fetchone()
            out[t] = hashlib.sha256(f"{n}:{h}".encode()).hexdigest()[:16]
        return out

    # ------------------------------------------------------------------ writing
    def ingest(
        self,
        paths: Iterable[str | Path] | None = None,
        *,
        include_defaults: bool = True,
        progress: Callable[[str, int, int], None] | None = None,
    ) -> IngestReport:
        """Load the bundled data, CHOKEPOINTS_DATA (or ../shared/data) and `paths`, all in one transaction.

        Data sets are identified by name (folder name, or file stem); a later root overrides an earlier one.
        """
        if self.read_only:
            raise WarehouseError("warehouse opened read-only")
        report = IngestReport()
        roots: list[tuple[Path, bool]] = []
        if include_defaults:
            roots += [(p, False) for p in (bundled_data(), extra_data()) if p is not None]
        if isinstance(paths, str | Path):  # one path, not the characters of one
            paths = [paths]
        roots += [(Path(p), True) for p in paths or []]
        found: dict[str, Found] = {}
        for root, explicit in roots:
            for f in discover(root, explicit=explicit, skipped=report.skipped_files):
                found[f.name] = f
        self.load(list(found.values()), report=report, progress=progress)
        return report

    def load(self, found: list[Found], *, report: IngestReport | None = None,
             progress: Callable[[str, int, int], None] | None = None) -> IngestReport:
        """Parse, validate and store data sets atomically; unchanged ones (same sha256) are skipped."""
        report = report or IngestReport()
        with ThreadPoolExecutor(1) as hasher:
            todo = self._changed(found, report, hasher)
            if todo:
                self._load(todo, report, progress)
        return report

    def _changed(self, found: list[Found], report: IngestReport, hasher: ThreadPoolExecutor) -> list:
        """The data sets to load, each with its files' sha256 (or a future of it).

        A data set loaded before must be hashed now to know whether it changed; a new one is hashed in a second
        thread while it is parsed (a 300 MB BACI year takes 0.2 s to hash), since its hash is needed only at commit.
        """
        loaded = self._loaded_hashes()
        todo = []
        for f in found:
            if f.name not in loaded:
                todo.append((f, {str(p): hasher.submit(sha256, p) for p in f.files}))
                continue
            hashes = {str(p): sha256(p) for p in f.files}
            if loaded[f.name] == set(hashes.values()):
                report.unchanged.append(f.name)
            else:
                todo.append((f, hashes))
        return todo

    def _load(self, todo: list, report: IngestReport, progress) -> None:
        self.parts_dir.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=".ingest-", dir=self.parts_dir.parent))
        moved: list[Path] = []
        try:
            ctx = LoadContext(scratch=scratch)
            parsed = []
            for i, (f, hashes) in enumerate(todo):
                if progress:
                    progress(f.name, i, len(todo))
                parsed.append((f, hashes, load_found(f, ctx)))
            if progress:
                progress("writing", len(todo), len(todo))
            parsed = [(f, {k: (h.result() if isinstance(h, Future) else h) for k, h in hashes.items()}, datas)
                      for f, hashes, datas in parsed]
            parsed = self._without_twins(parsed, report)
            # Parquet parts get content-addressed final names; renaming is atomic on one file system.
            for _f, _h, datas in parsed:
                for td in datas:
                    if td.parquet is not None:
                        final = self.parts_dir / f"{td.table}-{_file_digest(td.parquet)}.parquet"
                        os.replace(td.parquet, final)
                        td.parquet = final
                        moved.append(final)
            self._commit(parsed, report)
        except BaseException:
            listed = {r[0] for r in self.con.execute("SELECT path FROM _parts").fetchall()}
            for p in moved:
                if p.name not in listed:
                    p.unlink(missing_ok=True)
            raise
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        self._collect_garbage()

    def _without_twins(self, parsed: list, report: IngestReport) -> list:
        """Data sets whose files are byte for byte those of another (the same BACI year under another name, a copied
        curated folder) are skipped, not loaded twice: trade would be doubled. Deduplicated by content, not name."""
        owner = {h: name for name, hs in self._loaded_hashes().items() for h in hs}
        keep = []
        for f, hashes, datas in parsed:
            elsewhere = {file: owner[h] for file, h in hashes.items() if owner.get(h, f.name) != f.name}
            if elsewhere and len(elsewhere) == len(hashes):
                report.duplicates.append((f.name, ", ".join(sorted(set(elsewhere.values())))))
                for td in datas:
                    if td.parquet is not None:
                        td.parquet.unlink(missing_ok=True)
                continue
            if elsewhere:  # some files repeat another data set's: loading them would count them twice
                file, twin = next(iter(elsewhere.items()))
                raise InputError(f"the same file is already loaded in data set '{twin}': its rows would count "
                                 "twice", file=file, hint="remove the copy")
            owner.update({h: f.name for h in hashes.values()})
            keep.append((f, hashes, datas))
        return keep

    def _loaded_hashes(self) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for ds, h in self.con.execute("SELECT dataset, sha256 FROM _provenance").fetchall():
            out.setdefault(ds, set()).add(h)
        return out

    def _commit(self, parsed, report: IngestReport) -> None:
        from chokepoints import __version__

        con = self.con
        now = datetime.now(UTC).replace(tzinfo=None)
        touched: set[str] = set()
        con.execute("BEGIN TRANSACTION")
        try:
            for f, hashes, datas in parsed:
                for (tbl,) in con.execute("SELECT DISTINCT tbl FROM _parts WHERE dataset = ?", [f.name]).fetchall():
                    touched.add(tbl)
                con.execute("DELETE FROM _parts WHERE dataset = ?", [f.name])
                con.execute("DELETE FROM _provenance WHERE dataset = ?", [f.name])
                for t in self.tables():
                    con.execute(f'DELETE FROM "_{t}" WHERE dataset = ?', [f.name])
                rows, years, tables = 0, [], []
                for td in datas:
                    self._insert(f.name, td)
                    touched.add(td.table)
                    rows += td.rows
                    years += [y for y in td.years if y is not None]
                    tables.append(td.table)
                table_list = ",".join(dict.fromkeys(tables))
                for file, digest in hashes.items():
                    con.execute(
                        "INSERT INTO _provenance VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                        [f.name, f.loader.FORMAT, file, digest, Path(file).stat().st_size, table_list,
                         rows if len(hashes) == 1 else None, min(years) if years else None,
                         max(years) if years else None, f.source, now, __version__],
                    )
                if len(hashes) > 1:  # one row count per data set: put it on its first file's row
                    first = sorted(hashes)[0]
                    con.execute("UPDATE _provenance SET rows = (CASE WHEN file = ? THEN ? ELSE 0 END) "
                                "WHERE dataset = ?", [first, rows, f.name])
                report.loaded.append({"dataset": f.name, "format": f.loader.FORMAT, "tables": table_list,
                                      "rows": rows, "files": len(hashes)})
            for t in touched:
                self._make_view(t)
            con.execute("COMMIT")
        except BaseException as e:
            con.execute("ROLLBACK")
            for t in touched:  # temp views are rebuilt from the (unchanged) parts list
                self._make_view(t)
            if isinstance(e, duckdb.Error):
                raise WarehouseError(f"writing to the warehouse failed, nothing was changed: {e}") from None
            raise

    def _insert(self, dataset: str, td: TableData) -> None:
        if td.table not in self.tables():
            raise ChokepointsError(f"loader produced unknown table '{td.table}'")
        if td.parquet is not None:
            self.con.execute("INSERT INTO _parts VALUES (?, ?, ?, ?)", [dataset, td.table, td.parquet.name, td.rows])
            return
        frame = td.frame.drop(columns=["_row"], errors="ignore")
        self.con.register("_incoming", frame)
        try:
            cols = ", ".join(f'"{c}"' for c in frame.columns)
            self.con.execute(
                f'INSERT INTO "_{td.table}" ({cols}, dataset) SELECT {cols}, ? FROM _incoming', [dataset]
            )
        finally:
            self.con.unregister("_incoming")

    def close(self) -> None:
        if getattr(self, "engine", None) is not None:
            self.engine.close()
        self.con.close()

    def __enter__(self) -> Warehouse:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _file_digest(path: Path) -> str:
    return sha256(path)[:16]


def open(path: str | Path | None = None, *, read_only: bool = False, engine: str | None = None,  # noqa: A001
         **spark_options) -> Warehouse:
    """Open (or create) the warehouse: `ck.open()`.

    `engine` runs the analytics on DuckDB (default, or CHOKEPOINTS_ENGINE) or "spark" (Ibis' PySpark backend on the
    same Parquet; `master=`, `conf=`, `session=`, `parts=` as chokepoints.engines.SparkEngine takes them)."""
    return Warehouse(path, read_only=read_only, engine=engine, **spark_options)
