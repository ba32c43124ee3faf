"""Where per-report work runs: in this process, on all cores of this machine, or on Dask.

Why an engine at all: the per-report stages (read → ingest → figures → indicators → checks)
are independent, so a province's year (≈ 1,000 reports) should use every core, and the
country over several years more than one machine. The stage functions do not change; only the
`map` that calls them does. Dask (`dask.distributed`) is the distributed engine: a maintained
scheduler with a local cluster for one machine and the same client API for a real cluster
(see DESIGN.md); we write no scheduler or queue of our own.

Results come back in the order of the inputs, whatever order the workers finish in, so every
engine gives byte-identical outputs.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Protocol


class Engine(Protocol):
    name: str

    def map(self, fn: Callable[..., Any], items: Sequence[Any], **kwargs: Any) -> list[Any]:
        """`[fn(item, **kwargs) for item in items]`, in input order."""
        ...

    def start(
        self, fn: Callable[..., Any], items: Sequence[Any], **kwargs: Any
    ) -> Callable[[], list[Any]]:
        """`map` begun: the work runs elsewhere while the caller goes on; calling the result
        waits for it and returns what `map` would."""
        ...


def cores() -> int:
    """The cores this process may use (cgroup/affinity aware where the OS tells)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class SerialEngine:
    """In this process: for one report, tests, and debugging with a plain traceback."""

    name = "serial"

    def map(self, fn: Callable[..., Any], items: Sequence[Any], **kwargs: Any) -> list[Any]:
        return [fn(item, **kwargs) for item in items]

    def start(
        self, fn: Callable[..., Any], items: Sequence[Any], **kwargs: Any
    ) -> Callable[[], list[Any]]:
        results = self.map(fn, items, **kwargs)  # nothing runs beside this process
        return lambda: results


class PoolEngine:
    """All cores of this machine (a process pool; the default)."""

    name = "local"

    def __init__(self, workers: int | None = None):
        self.workers = workers or cores()

    def map(self, fn: Callable[..., Any], items: Sequence[Any], **kwargs: Any) -> list[Any]:
        if self.workers < 2 or len(items) < 2:
            return SerialEngine().map(fn, items, **kwargs)
        return self.start(fn, items, **kwargs)()

    def start(
        self, fn: Callable[..., Any], items: Sequence[Any], **kwargs: Any
    ) -> Callable[[], list[Any]]:
        if self.workers < 2 or not items:
            return SerialEngine().start(fn, items, **kwargs)
        import functools

        call = functools.partial(fn, **kwargs)
        # Small chunks keep both cores busy to the end (reports differ tenfold in size).
        chunk = max(1, len(items) // (self.workers * 8))
        pool = ProcessPoolExecutor(max_workers=min(self.workers, len(items)))
        try:
            results = pool.map(call, items, chunksize=chunk)
        except BaseException:
            pool.shutdown(cancel_futures=True)
            raise

        def collect() -> list[Any]:
            try:
                return list(results)
            finally:
                pool.shutdown()

        return collect


class DaskEngine:
    """A Dask cluster: `address` of a running scheduler, or a local cluster of processes.

    Workers must see the project folder at the same path (a shared file system), because the
    stage functions read `sources/` and write `build/` artifacts there, as they do locally.
    """

    name = "dask"

    def __init__(self, address: str | None = None, workers: int | None = None):
        self.address = address
        self.workers = workers or cores()

    def map(self, fn: Callable[..., Any], items: Sequence[Any], **kwargs: Any) -> list[Any]:
        from distributed import Client, LocalCluster

        if self.address:
            with Client(self.address) as client:
                return self._run(client, fn, items, kwargs)
        with (
            LocalCluster(
                n_workers=self.workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",  # any free port (none fixed: CI may run two)
                silence_logs=40,
            ) as cluster,
            Client(cluster) as client,
        ):
            return self._run(client, fn, items, kwargs)

    def start(
        self, fn: Callable[..., Any], items: Sequence[Any], **kwargs: Any
    ) -> Callable[[], list[Any]]:
        results = self.map(fn, items, **kwargs)  # a cluster's start-up is the cost here
        return lambda: results

    @staticmethod
    def _run(client: Any, fn: Callable[..., Any], items: Sequence[Any], kwargs: dict) -> list:
        futures = client.map(fn, list(items), pure=False, **kwargs)
        return client.gather(futures)


def make_engine(name: str = "local", address: str | None = None, workers: int | None = None):
    """The engine a command line or a test asks for by name."""
    if name == "serial":
        return SerialEngine()
    if name == "local":
        return PoolEngine(workers)
    if name == "dask":
        return DaskEngine(address, workers)
    raise ValueError(f"unknown engine {name!r}: serial, local or dask")
