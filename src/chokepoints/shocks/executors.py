"""Executors: how batches of Monte Carlo runs are computed. The model never knows which one runs it.

A batch is (plan, batch index, seed sequence, number of runs); its result depends on nothing else, so serial, a
local process pool and Spark give identical output for the same seed. What all batches share (the plan: the chain's
arrays and the scenario) goes through `map_shared`, which Spark sends once per executor as a broadcast variable
instead of once per batch.
"""

from __future__ import annotations

import functools
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from chokepoints.engines import usable_cores
from chokepoints.errors import ChokepointsError


class Executor(ABC):
    """Maps a picklable function over tasks, yielding results in task order."""

    name: str

    @abstractmethod
    def map(self, fn: Callable[[Any], Any], tasks: Iterable[Any]) -> Iterator[Any]: ...

    def map_shared(self, fn: Callable[[Any, Any], Any], shared: Any, tasks: Iterable[Any]) -> Iterator[Any]:
        """`fn(shared, task)` for each task, in task order; `shared` is what every task reads (sent once where the
        executor can)."""
        return self.map(functools.partial(fn, shared), tasks)


class SerialExecutor(Executor):
    name = "serial"

    def map(self, fn, tasks):
        for t in tasks:
            yield fn(t)


class ProcessExecutor(Executor):
    """A local process pool; workers default to the usable cores (2 on the reference machine)."""

    name = "process"

    def __init__(self, workers: int | None = None):
        self.workers = workers or usable_cores()

    def map(self, fn, tasks):
        with ProcessPoolExecutor(self.workers) as pool:
            yield from pool.map(fn, tasks)


class SparkExecutor(Executor):
    """Batches as Spark tasks: `sparkContext.parallelize(tasks, one slice per task)`, results streamed back in task
    order. The session is the active one (spark-submit, a notebook, a Spark warehouse's), else a new one on
    CHOKEPOINTS_SPARK_MASTER or local[*] (chokepoints.engines.spark_session). Every worker needs chokepoints
    installed (docs/scale.md)."""

    name = "spark"

    def __init__(self, session=None, *, master: str | None = None):
        from chokepoints.engines import spark_session

        self.session = session if session is not None else spark_session(master)

    def map(self, fn, tasks):
        return self._run(fn, list(tasks))

    def map_shared(self, fn, shared, tasks):
        sc = self.session.sparkContext
        shared_bc = sc.broadcast(shared)
        try:
            yield from self._run(functools.partial(_with_broadcast, fn, shared_bc), list(tasks))
        finally:
            shared_bc.unpersist()

    def _run(self, fn, tasks: list):
        if not tasks:
            return
        sc = self.session.sparkContext
        rdd = sc.parallelize(list(enumerate(tasks)), numSlices=len(tasks)).map(functools.partial(_indexed, fn))
        # toLocalIterator fetches partition by partition in order: results arrive as batches finish (progress bars)
        # without holding them all twice; the index checks that the order is the tasks' own
        for i, (index, result) in enumerate(rdd.toLocalIterator(prefetchPartitions=True)):
            if index != i:
                raise ChokepointsError(f"Spark returned batch {index} where {i} was due")
            yield result


def _indexed(fn, item):
    index, task = item
    return index, fn(task)


def _with_broadcast(fn, shared_bc, task):
    return fn(shared_bc.value, task)


EXECUTORS: dict[str, type[Executor]] = {"serial": SerialExecutor, "process": ProcessExecutor, "spark": SparkExecutor}


def executor(name: str) -> Executor:
    try:
        return EXECUTORS[name]()
    except KeyError:
        raise ChokepointsError(f"unknown executor '{name}'; known: {', '.join(EXECUTORS)}") from None
