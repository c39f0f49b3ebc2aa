"""flows/executor.py: batches dispatched ahead of the one being loaded, leftovers cancelled."""

from __future__ import annotations

import concurrent.futures as cf
from typing import Any

import pytest

from flows import executor
from flows.executor import Workers


def _done(value: Any) -> cf.Future[Any]:
    f: cf.Future[Any] = cf.Future()
    f.set_result(value)
    return f


def test_pipelined_dispatches_one_batch_ahead_and_keeps_order() -> None:
    log: list[str] = []

    def dispatch(batch: str) -> list[cf.Future[Any]]:
        log.append(f"dispatch {batch}")
        return [_done(batch)]

    for futures in executor.pipelined(["a", "b", "c"], dispatch):
        log.append(f"load {futures[0].result()}")
    assert log == ["dispatch a", "dispatch b", "load a", "dispatch c", "load b", "load c"]


def test_pipelined_cancels_what_is_in_flight_when_the_caller_stops() -> None:
    pending: list[cf.Future[Any]] = []

    def dispatch(batch: str) -> list[cf.Future[Any]]:
        f: cf.Future[Any] = cf.Future()  # never run: stays pending
        pending.append(f)
        return [f]

    with pytest.raises(RuntimeError):
        for _ in executor.pipelined(["a", "b", "c"], dispatch):
            raise RuntimeError("load failed")
    assert [f.cancelled() for f in pending] == [False, True]  # a was handed over; b was still in flight


def test_map_chunks_gives_two_chunks_per_worker_and_loses_no_item() -> None:
    calls: list[list[int]] = []

    def submit(fn: Any, chunk: list[int], *args: Any) -> cf.Future[Any]:
        calls.append(chunk)
        return _done(fn(chunk, *args))

    futures = Workers(submit, 2).map_chunks(lambda chunk, k: [x * k for x in chunk], list(range(10)), 3)
    assert len(calls) == 4
    assert [x for f in futures for x in f.result()] == [x * 3 for x in range(10)]


def test_pool_workers_collect_garbage_less_often_than_the_flows_process() -> None:
    import gc

    from flows.settings import Settings

    settings = Settings(workers=2)
    with executor.workers(settings, executor.POOL_MIN_FILES) as pool:
        assert pool.count == 2
        thresholds = {pool.submit(gc.get_threshold).result(timeout=60) for _ in range(4)}
    assert thresholds == {executor.WORKER_GC_THRESHOLD}
    assert gc.get_threshold() != executor.WORKER_GC_THRESHOLD  # the flow's own process keeps Python's
