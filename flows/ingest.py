"""The ingest flow: data/raw -> DuckDB warehouse -> corpus stages -> views -> checks -> published snapshot.

Prefect lives here (and in flows/reparse.py, flows/serve.py) only. Tasks work on batches, never a task
per file: a task run costs ~10 ms of Prefect bookkeeping. The load around the batches (lock, stages, views,
checks, publish) is flows/lifecycle.py; where parsing runs is flows/executor.py; what a
run reports is flows/summary.py and flows/recorder.py.
"""

from __future__ import annotations

import concurrent.futures as cf
import os
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from functools import partial
from typing import Any

from prefect import Flow, flow, task
from prefect.cache_policies import NO_CACHE
from prefect.states import Failed
from prefect.utilities.annotations import quote

from flows import corpus, executor
from flows import warehouse as wh
from flows.lifecycle import Connection, learned_furniture, parse_batch, run_load
from flows.recorder import RunRecorder
from flows.runlock import RunLocked
from flows.settings import Settings
from flows.steps.batch import WorkItem, parse_chunk, plan_batches
from flows.steps.discover import Discovery, discover
from flows.steps.load import BatchFrames
from flows.steps.parse import file_version_id
from flows.summary import RunSummary


@task(name="discover", cache_policy=NO_CACHE)
def discover_task(settings: Settings, known_stat: dict[str, tuple[int, int]]) -> Discovery:
    return discover(settings.raw_dir, known_stat, follow_symlinks=settings.follow_symlinks)


@task(name="load-batch", cache_policy=NO_CACHE)
def load_batch_task(con: Connection, frames: BatchFrames, load_id: str) -> None:
    wh.fit_writer_memory(con)
    wh.load_batch(con, frames, load_id)


@flow(name="ingest_news", log_prints=False, validate_parameters=False)
def ingest_news(raw_dir: str | None = None, warehouse: str | None = None, batch_size: int | None = None,
                workers: int | None = None, lock_wait_s: float | None = None, task_runner: str | None = None,
                stages: str | None = None) -> dict[str, Any]:
    """Ingest new and changed files from raw_dir into the warehouse; returns the run's summary."""
    settings = Settings.from_env(raw_dir=raw_dir, warehouse=warehouse, batch_size=batch_size, workers=workers,
                                 lock_wait_s=lock_wait_s, task_runner=task_runner, stages=stages)
    try:
        return run_load(settings, "ingest", _ingest).as_dict()
    except (RunLocked, wh.WarehouseLocked) as exc:
        # Expected and transient: the run fails with that sentence, not a traceback in the logs.
        return Failed(message=str(exc), data=exc)  # type: ignore[return-value]


def ingest_flow(task_runner: str | None = None) -> Flow[..., dict[str, Any]]:
    """ingest_news with the task runner asked for (argument, else NEWSDW_TASK_RUNNER, else default);
    the runner must be chosen before the flow starts, hence a factory."""
    runner = task_runner or os.environ.get("NEWSDW_TASK_RUNNER") or "default"
    if runner == "dask":
        from prefect_dask.task_runners import DaskTaskRunner

        runner_obj: Any = DaskTaskRunner(address=os.environ.get("NEWSDW_DASK_ADDRESS") or None)
        return ingest_news.with_options(task_runner=runner_obj)
    if runner != "default":
        raise ValueError(f"task runner must be default or dask, got {runner!r}")
    return ingest_news


def _ingest(con: Connection, settings: Settings, summary: RunSummary, rec: RunRecorder) -> corpus.StageContext:
    """Discover, then parse and load the new and changed files batch by batch; mark the gone ones."""
    load_id = summary.load_id
    with rec.phase("discover"):
        known = wh.known_files(con)
        # quote(): Prefect walks task inputs looking for futures: ~4 s for 100k known files.
        known_stat: Any = quote(known.stat)
        found = discover_task(settings, known_stat)
    summary.seen = len(found.candidates) + len(found.unchanged)
    summary.unchanged = len(found.unchanged)
    reasons: Counter[str] = Counter()
    added: list[str] = []
    replaced: list[str] = []  # earlier versions of the paths this load gave a new version
    batches = plan_batches(found.candidates, settings.batch_size, settings.batch_bytes)
    work = partial(parse_chunk, max_bytes=settings.max_file_bytes, default_zone=settings.default_zone,
                   templates=learned_furniture(con, settings))
    rec.progress(0, len(found.candidates))
    done = 0
    with rec.phase("parse_and_load"), executor.workers(settings, len(found.candidates)) as pool:

        def dispatch(refs: Sequence[Any]) -> list[cf.Future[Any]]:
            items: list[WorkItem] = [(r, known.sha.get(r.path)) for r in refs]
            return pool.map_chunks(work, items, load_id, datetime.now(UTC).replace(tzinfo=None))

        for futures in executor.pipelined(batches, dispatch):
            with rec.phase("parse_wait"):
                frames, result = parse_batch(futures)
            rec.add_worker_cpu("parse_and_load", result.cpu_s)
            with rec.phase("load"):
                load_batch_task(con, frames, load_id)
            versions = frames.articles["file_version_id"].to_list()
            rec.event("batch", files=result.files, articles=versions)
            added.extend(versions)
            replaced.extend(file_version_id(p, known.sha[p]) for p in frames.articles["path"].to_list()
                            if p in known.sha)
            del frames  # two batches' frames are never held at once
            done += result.files
            rec.progress(done, len(found.candidates))
            summary.loaded += result.loaded
            summary.unchanged += result.unchanged
            summary.rejected += result.rejected
            reasons.update(result.reasons)
    summary.gone = wh.mark_gone(con, found.gone, load_id)
    summary.rejections = dict(reasons.most_common())
    gone = [file_version_id(p, known.sha[p]) for p in found.gone if p in known.sha]
    return corpus.StageContext(load_id, added=tuple(added), gone=tuple(replaced + gone))
