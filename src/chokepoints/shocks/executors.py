"""Executors: how batches of Monte Carlo runs are computed. The model never knows which one runs it.

A batch is (plan, batch index, seed sequence, number of runs); its result depends on nothing else, so serial, a
local process pool and (later) Spark give identical output for the same seed. A Spark executor would implement
`map` with `sparkContext.parallelize(tasks).map(fn).collect()`; nothing else changes.
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from chokepoints.errors import ChokepointsError


class Executor(ABC):
    """Maps a picklable function over tasks, yielding results in task order."""

    name: str

    @abstractmethod
    def map(self, fn: Callable[[Any], Any], tasks: Iterable[Any]) -> Iterator[Any]: ...


class SerialExecutor(Executor):
    name = "serial"

    def map(self, fn, tasks):
        for t in tasks:
            yield fn(t)


class ProcessExecutor(Executor):
    """A local process pool; workers default to the CPU count (2 on the reference machine)."""

    name = "process"

    def __init__(self, workers: int | None = None):
        self.workers = workers or os.cpu_count() or 1

    def map(self, fn, tasks):
        with ProcessPoolExecutor(self.workers) as pool:
            yield from pool.map(fn, tasks)


EXECUTORS: dict[str, type[Executor]] = {"serial": SerialExecutor, "process": ProcessExecutor}


def executor(name: str) -> Executor:
    try:
        return EXECUTORS[name]()
    except KeyError:
        raise ChokepointsError(f"unknown executor '{name}'; known: {', '.join(EXECUTORS)}") from None
