"""Engines: where the warehouse's Ibis expressions run. The analytics never know which one runs them.

    wh = ck.open()                                   # DuckDB, embedded (the default)
    wh = ck.open(engine="spark")                     # Spark: CHOKEPOINTS_SPARK_MASTER, else local[*]
    wh.ibis_table("trade")                           # an Ibis table on the warehouse's engine

Both engines read the same warehouse: the DuckDB file holds the list of Parquet parts (`_parts`) and the small
native tables; the large tables (BACI years) are the Parquet parts themselves. DuckDB reads them through its views;
Spark reads the Parquet parts directly (`spark.read.parquet`, so on a cluster the executors read them, from the
same folder or from CHOKEPOINTS_SPARK_PARTS, a copy of it on shared storage such as s3://... or dbfs:/...) and gets
the native rows (curated tables, Comtrade extracts: thousands of rows, not millions) from the driver. docs/scale.md
says how to run on a cluster.

Configuration (environment, or the arguments of `ck.open`):
    CHOKEPOINTS_ENGINE        duckdb | spark (default duckdb); the CLI's `--engine`
    CHOKEPOINTS_SPARK_MASTER  the Spark master (default local[*]; ignored inside spark-submit or a notebook that
                              already has a Spark session, which is used as it is)
    CHOKEPOINTS_SPARK_CONF    extra Spark settings, "key=value;key=value"
    CHOKEPOINTS_SPARK_PARTS   where the Spark executors find the warehouse's Parquet parts (default: the local
                              `<warehouse>.parts` folder)
"""

from __future__ import annotations

import os
import sys
import uuid
from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from chokepoints.errors import ChokepointsError, InputError

if TYPE_CHECKING:
    import ibis

ENGINES = ("duckdb", "spark")
DEFAULT_MASTER = "local[*]"


def engine_name(name: str | None = None) -> str:
    """The engine asked for, else CHOKEPOINTS_ENGINE, else duckdb; an unknown name is refused."""
    name = (name or os.environ.get("CHOKEPOINTS_ENGINE") or "duckdb").strip().lower()
    if name not in ENGINES:
        raise InputError(f"unknown engine '{name}'; engines: {', '.join(ENGINES)}", field="engine")
    return name


def usable_cores() -> int:
    """The cores this process may run on: its CPU affinity where the platform tells it (a container or `taskset`
    often allows fewer than the machine has), else the machine's count. Process pools size themselves by it."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # (not on every platform)
        return max(1, os.cpu_count() or 1)


class Engine(ABC):
    """Runs the warehouse's Ibis expressions: one class per engine (STYLE.md, "one solver interface")."""

    name: str

    @abstractmethod
    def backend(self) -> Any:
        """The Ibis backend."""

    @abstractmethod
    def table(self, name: str) -> ibis.Table:
        """A canonical table (with its `dataset` column) as an Ibis table on this engine."""

    @contextmanager
    def reused(self, expr: ibis.Table, *, selective: bool = True) -> Iterator[ibis.Table]:
        """EXPR for queries that read it several times; `selective` when it picks a small part of a table (named
        products) through a complex plan, as opposed to a whole year. DuckDB plans the shared part once by itself
        and streams it (materialising a 10 M-row year would cost more than it saves): EXPR is used as it is."""
        yield expr

    def close(self) -> None:  # noqa: B027 (most engines hold nothing of their own)
        """Release what the engine holds (not a shared Spark session: others may use it)."""


class DuckDBEngine(Engine):
    """The warehouse's own DuckDB connection: the views over native tables and Parquet parts."""

    name = "duckdb"

    def __init__(self, wh):
        self.wh = wh
        self._backend = None

    def backend(self):
        if self._backend is None:
            import ibis

            self._backend = ibis.duckdb.from_connection(self.wh.con)
        return self._backend

    def table(self, name: str) -> ibis.Table:
        return self.backend().table(name)


def spark_available() -> str | None:
    """None when Spark can run here, else why not (no pyspark, no Java): for skips and clear errors."""
    import shutil

    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed: pip install 'chokepoints[spark]'"
    if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
        return "no Java runtime (java on PATH or JAVA_HOME): Spark needs Java 17, e.g. apt-get install " \
               "openjdk-17-jre-headless"
    return None


def spark_conf(conf: dict[str, str] | None = None) -> dict[str, str]:
    """CHOKEPOINTS_SPARK_CONF ("key=value;key=value") overlaid by `conf`."""
    out = {}
    for item in (os.environ.get("CHOKEPOINTS_SPARK_CONF") or "").split(";"):
        if item.strip():
            key, sep, value = item.partition("=")
            if not sep:
                raise ChokepointsError(f"CHOKEPOINTS_SPARK_CONF: {item!r} is not key=value")
            out[key.strip()] = value.strip()
    return out | dict(conf or {})


def spark_session(master: str | None = None, conf: dict[str, str] | None = None):
    """The active Spark session (spark-submit, Databricks, a test's), else a new one on `master`,
    CHOKEPOINTS_SPARK_MASTER or local[*]."""
    why = spark_available()
    if why:
        raise ChokepointsError(f"the Spark engine cannot start: {why}")
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    builder = SparkSession.builder.appName("chokepoints")
    master = master or os.environ.get("CHOKEPOINTS_SPARK_MASTER")
    if master or "PYSPARK_GATEWAY_PORT" not in os.environ:  # spark-submit gives the master itself
        master = master or DEFAULT_MASTER
        builder = builder.master(master)
    settings = {"spark.sql.session.timeZone": "UTC", "spark.sql.execution.arrow.pyspark.enabled": "true",
                "spark.ui.showConsoleProgress": "false"}  # the CLI draws its own progress bars
    if master and master.startswith("local"):  # local workers run this interpreter (chokepoints is installed in it)
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # read by pyspark's SparkContext, not the conf
        settings["spark.pyspark.python"] = os.environ["PYSPARK_PYTHON"]
    settings |= spark_conf(conf)
    for key, value in settings.items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel(os.environ.get("CHOKEPOINTS_SPARK_LOG_LEVEL", "ERROR"))
    return session


_SPARK_TYPES = {"str": "string", "int": "bigint", "float": "double", "bool": "boolean"}


class SparkEngine(Engine):
    """Ibis' PySpark backend over the same warehouse: Parquet parts read by Spark, native rows from the driver.

    Each table is a Spark temporary view named for this warehouse, rebuilt when its rows change (a load, or a test
    writing the native table): the check is one DuckDB aggregate over the small native table and the parts list.
    """

    name = "spark"

    def __init__(self, wh, *, session=None, master: str | None = None, conf: dict[str, str] | None = None,
                 parts: str | None = None):
        self.wh = wh
        self.session = session if session is not None else spark_session(master, conf)
        self.parts = (parts or os.environ.get("CHOKEPOINTS_SPARK_PARTS") or str(wh.parts_dir)).rstrip("/")
        self._token = uuid.uuid4().hex[:12]
        self._views: dict[str, tuple] = {}
        self._native: dict[str, Any] = {}  # each table's native rows, persisted (small by design)
        self._backend = None

    def backend(self):
        """Ibis' PySpark backend, whose `.table(name)` gives this warehouse's canonical tables by their names."""
        if self._backend is None:
            import ibis

            self._backend = _Tables(self, ibis.pyspark.connect(self.session))
        return self._backend

    def table(self, name: str) -> ibis.Table:
        if name not in self.wh.tables():
            raise ChokepointsError(f"unknown table '{name}'")
        view = f"ck_{self._token}_{name}"
        key = self._fingerprint(name)
        if self._views.get(name) != key:
            self._frame(name, parts=key[1]).createOrReplaceTempView(view)
            self._views[name] = key
        return self.backend()._backend.table(view)

    @contextmanager
    def reused(self, expr: ibis.Table, *, selective: bool = True) -> Iterator[ibis.Table]:
        """A selective EXPR persisted (memory, spilling to disk) while queries read it: Spark would otherwise plan and
        run its union of product filters again for every branch that reads it (the screen reads the flows three
        times). A whole year is not: scanning its Parquet columns twice is faster than caching them (1 M rows:
        2.8 s against 4.3 s for a bloc's screen)."""
        if not selective:
            yield expr
            return
        cached = expr.cache()
        try:
            yield cached
        finally:
            cached.release()

    def close(self) -> None:
        for frame in self._native.values():
            frame.unpersist()
        self._native.clear()
        for name in list(self._views):
            self.session.catalog.dropTempView(f"ck_{self._token}_{name}")
        self._views.clear()

    def _fingerprint(self, name: str) -> tuple:
        con = self.wh.con
        native = con.execute(f'SELECT count(*), coalesce(sum(hash(x)), 0)::VARCHAR FROM "_{name}" AS x').fetchone()
        parts = con.execute("SELECT dataset, path FROM _parts WHERE tbl = ? ORDER BY path", [name]).fetchall()
        return native, tuple(parts), self.parts

    def _frame(self, name: str, parts: tuple):
        """The table as one Spark DataFrame: the catalogue's columns in its types, then `dataset`; PARTS its
        (dataset, path) rows of `_parts`, as the fingerprint read them."""
        from pyspark.sql import functions as F

        from chokepoints.reference import catalogue

        cat = catalogue()
        cols = [(c.column, _SPARK_TYPES[c.dtype]) for c in cat[cat["table"] == name].itertuples()]
        cols.append(("dataset", "string"))
        schema = ", ".join(f"`{c}` {t}" for c, t in cols)
        con = self.wh.con
        present = {r[0] for r in con.execute(f'DESCRIBE "_{name}"').fetchall()}
        select = ", ".join(f'"{c}"' if c in present else f"NULL AS \"{c}\"" for c, _ in cols)
        rows = con.sql(f'SELECT {select} FROM "_{name}"').to_arrow_table()
        frame = self.session.createDataFrame(rows, schema=schema) if rows.num_rows else \
            self.session.createDataFrame([], schema=schema)
        if name in self._native:
            self._native.pop(name).unpersist()
        if rows.num_rows:  # kept in Spark's memory: a local relation would be shipped again with every query
            frame = self._native[name] = frame.persist()
        by_dataset: dict[str, list[str]] = {}
        for dataset, path in parts:
            by_dataset.setdefault(dataset, []).append(f"{self.parts}/{path}")
        for dataset, files in by_dataset.items():
            part = self.session.read.parquet(*files)
            have = {c.lower() for c in part.columns}
            part = part.select(*[(F.col(f"`{c}`") if c.lower() in have else F.lit(None)).cast(t).alias(c)
                                 for c, t in cols[:-1]], F.lit(dataset).alias("dataset"))
            frame = frame.unionByName(part)
        return frame


class _Tables:
    """A Spark backend whose `table("trade")` is the warehouse's table (its view has a per-warehouse name), so code
    written as `wh.ibis().table(name)` runs unchanged on either engine; everything else is Ibis' backend."""

    def __init__(self, engine: SparkEngine, backend):
        self._engine, self._backend = engine, backend

    def table(self, name: str, *args, **kwargs):
        if name in self._engine.wh.tables():
            return self._engine.table(name)
        return self._backend.table(name, *args, **kwargs)

    def __getattr__(self, attr):
        return getattr(self._backend, attr)


def make_engine(wh, name: str | None = None, **spark_options) -> Engine:
    name = engine_name(name)
    if name == "spark":
        return SparkEngine(wh, **spark_options)
    if spark_options:
        raise ChokepointsError(f"Spark options given for the {name} engine: {', '.join(spark_options)}")
    return DuckDBEngine(wh)


__all__ = ["DEFAULT_MASTER", "ENGINES", "DuckDBEngine", "Engine", "SparkEngine", "engine_name", "make_engine",
           "spark_available", "spark_session"]
