"""Where the parse work runs: a process pool, a Dask cluster, or (small runs) the flow's own process.

The flows hand work over as plain functions over chunks of items (flows/steps/batch.py), never as
Prefect tasks: a worker running a Prefect task with no PREFECT_API_URL starts its own temporary server.
`pipelined` keeps the workers parsing batch i+1 while the flow's process writes batch i to DuckDB.
"""

from __future__ import annotations

import concurrent.futures as cf
import gc
import math
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from flows.settings import Settings

# Below this many files a process pool costs more to start than it saves.
POOL_MIN_FILES = 64
# Batches dispatched beyond the one being loaded: one keeps the workers busy; more only holds more
# parsed batches in memory.
LOOKAHEAD_BATCHES = 1
# Files per unit of work sent to a worker: big enough that pickling and scheduling are noise, small
# enough that the workers finish a batch together.
MAX_CHUNK_FILES = 250
# A parse worker's cyclic garbage collector runs after this many new container objects (Python's default
# is 700): parsing allocates many short-lived ones and makes next to no cycles; collecting every 700 cost
# ~0.5% of a run's work at 100k (docs/performance.md, "Workers").
WORKER_GC_THRESHOLD = (50_000, 20, 10)

Submit = Callable[..., "cf.Future[Any]"]
Batch = TypeVar("Batch")


@dataclass(frozen=True)
class Workers:
    submit: Submit
    count: int

    def map_chunks(self, fn: Callable[..., Any], items: Sequence[Any], *args: Any) -> list[cf.Future[Any]]:
        """fn(chunk, *args) for consecutive chunks of items: two chunks per worker, so they finish together."""
        chunk = max(1, min(MAX_CHUNK_FILES, math.ceil(len(items) / (2 * self.count))))
        return [self.submit(fn, list(items[i : i + chunk]), *args) for i in range(0, len(items), chunk)]


@contextmanager
def workers(settings: Settings, files: int) -> Iterator[Workers]:
    """Dask (task_runner dask), a process pool (enough files and cores), else this process."""
    if settings.task_runner == "dask":
        with _dask_client(settings) as client:
            from distributed.cfexecutor import ClientExecutor

            count = max(1, len(client.scheduler_info().get("workers", {})))
            # pure=False: the same chunk sent twice (a rerun) must run again, not hit Dask's cache.
            executor = ClientExecutor(client, pure=False)  # type: ignore[no-untyped-call]
            try:
                yield Workers(executor.submit, count)
            finally:
                executor.shutdown(wait=False)  # type: ignore[no-untyped-call]
    elif files >= POOL_MIN_FILES and settings.effective_workers > 1:
        pool = _pool(settings)
        try:
            yield Workers(pool.submit, settings.effective_workers)
        finally:
            pool.shutdown(cancel_futures=True)
    else:
        yield Workers(_run_here, 1)


def pipelined(batches: Sequence[Batch], dispatch: Callable[[Batch], list[cf.Future[Any]]]
              ) -> Iterator[list[cf.Future[Any]]]:
    """Yield each batch's futures in order, having dispatched the next LOOKAHEAD_BATCHES already.

    Whatever is still in flight when the caller stops (an error, a kill) is cancelled."""
    inflight: deque[list[cf.Future[Any]]] = deque()
    try:
        for i in range(len(batches)):
            upto = min(len(batches), i + 1 + LOOKAHEAD_BATCHES)
            while len(inflight) + i < upto:
                inflight.append(dispatch(batches[len(inflight) + i]))
            yield inflight.popleft()
    finally:
        for pending in inflight:
            for future in pending:
                future.cancel()


def _run_here(fn: Callable[..., Any], *args: Any) -> cf.Future[Any]:
    future: cf.Future[Any] = cf.Future()
    try:
        future.set_result(fn(*args))
    except BaseException as exc:
        future.set_exception(exc)
    return future


@contextmanager
def _dask_client(settings: Settings) -> Iterator[Any]:
    """The flow's Dask cluster through prefect-dask's DaskTaskRunner, or a client of NEWSDW_DASK_ADDRESS.

    Workers read the files themselves, so the raw folder must be visible to them at the same path.
    """
    from prefect.context import FlowRunContext
    from prefect_dask.task_runners import DaskTaskRunner

    ctx = FlowRunContext.get()
    if ctx is not None and isinstance(ctx.task_runner, DaskTaskRunner):
        # The runner connects on first use (or starts a temporary local cluster without an address)
        # and closes with the flow run.
        yield ctx.task_runner.client
        return
    if not settings.dask_address:
        raise ValueError("the dask task runner needs a scheduler address: set NEWSDW_DASK_ADDRESS=tcp://host:port")
    from distributed import Client

    with Client(settings.dask_address) as client:  # type: ignore[no-untyped-call]
        yield client


def _pool(settings: Settings) -> cf.ProcessPoolExecutor:
    # forkserver: forking a process that runs Prefect's threads and event loop can deadlock.
    ctx = multiprocessing.get_context("forkserver")
    # Workers fork from a server that has the parser imported: no second ~1 s of imports per worker,
    # and the module pages are shared between them.
    ctx.set_forkserver_preload(["flows.steps.batch"])
    return cf.ProcessPoolExecutor(max_workers=settings.effective_workers, mp_context=ctx, initializer=_worker_init)


def _worker_init() -> None:
    gc.set_threshold(*WORKER_GC_THRESHOLD)
