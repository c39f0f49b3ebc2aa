"""The ingest flow: data/raw -> DuckDB warehouse -> views -> checks -> published snapshot.

Prefect lives here only. Tasks work on batches (never a task per file): a task run costs ~10 ms
of Prefect bookkeeping, which a per-file design would pay 100k times.
"""

from __future__ import annotations

import concurrent.futures as cf
import math
import multiprocessing
import os
import time
import uuid
from collections import Counter, deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from prefect import Flow, flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.states import Failed
from prefect.utilities.annotations import quote

from flows import artifacts, progress, runlog
from flows import warehouse as wh
from flows.export import MANIFEST, export_marts
from flows.runlock import RunLocked, run_lock
from flows.settings import Settings
from flows.steps.batch import ChunkResult, WorkItem, combine, parse_chunk, plan_batches
from flows.steps.discover import Discovery, discover
from flows.steps.load import BatchFrames, to_frames
from flows.steps.parse import PARSER_VERSION
from flows.steps.rows import BatchRows

# Below this many files a process pool costs more to start than it saves.
POOL_MIN_FILES = 64
# Batches dispatched to the workers beyond the one being loaded: the workers parse batch i+1 while
# the flow's process writes batch i to DuckDB. One is enough to keep them busy; more only holds
# more frames in memory.
LOOKAHEAD_BATCHES = 1
# Files per unit of work sent to a worker: big enough that pickling and scheduling are noise (a few
# ms per chunk), small enough that the workers finish a batch together.
MAX_CHUNK_FILES = 250
# The writer's DuckDB memory: WRITER_MEMORY_BASE_MB for cached table data and the batch being written
# (the buffer pool would otherwise grow with the warehouse, default 80% of RAM; queries that need more
# spill to disk; at 192 MB the flow's process peaked ~100 MB higher on 100k files and loaded no
# faster), plus WRITER_BYTES_PER_KEY per primary-key entry, which DuckDB must hold in memory
# (warehouse.fit_memory_limit, before every batch). Measured on warehouses of 0.5M, 1M and 2M
# synthetic files with a real batch of 2,000: 96, 128 and 256 MB loaded; 64, 64 and 192 MB failed;
# these constants give 136, 208 and 352 MB (78 MB at 100k files).
WRITER_MEMORY_BASE_MB = 64
WRITER_BYTES_PER_KEY = 48
# checkpoint_threshold: at the default 16 MB a 100k-file load checkpoints (and recompresses) every
# couple of batches; measured on 2,000-file batches, 128 MB halves the loader's CPU per article and
# gives a smaller file. The run ends with a CHECKPOINT either way (finish_load).
# storage_compatibility_version: see warehouse.publish (the snapshot becomes a file copy).
# threads: 1. The parser workers are the bottleneck on 2 cores; a second DuckDB thread compressing
# at checkpoints takes CPU from them (100k files: 154 s in the flow with 1 thread, 170-177 s with 2).
WRITER_CONFIG = {"memory_limit": f"{WRITER_MEMORY_BASE_MB}MiB", "checkpoint_threshold": "128MB", "threads": 1,
                 "storage_compatibility_version": wh.WRITER_STORAGE_VERSION}
# Rows per row group of what the flow appends (DuckDB's default: 122,880). A checkpoint rewrites the
# row group that appends left partly full; at the default size that is the whole of raw.files and
# core.articles up to ~120k files, so every checkpoint cost more than the last and loading grew
# quadratically (100k files: 82 s loading, the per-batch time x6 from first to last batch). At 8,192
# the per-batch time stays flat (50 batches of 2,000 parsed files: 19 s instead of 53 s, and a 480 MB
# file instead of 665 MB; benchmarks/bench_ingest.py shows it end to end). 4,096 rewrites less again:
# the same 100k files loaded with 13% less CPU (18.4 s against 21.2 s, two runs each, alternated;
# 2,048: 19.0 s), into a file of the same size.
WRITER_ROW_GROUP_SIZE = 4096


@dataclass
class RunSummary:
    load_id: str
    flow_run_id: str | None
    warehouse: str
    snapshot: str
    seen: int = 0
    loaded: int = 0
    unchanged: int = 0
    rejected: int = 0
    gone: int = 0
    crashed_loads_found: int = 0
    languages: dict[str, int] = field(default_factory=dict)
    rejections: dict[str, int] = field(default_factory=dict)
    failed_checks: dict[str, int] = field(default_factory=dict)
    published: str = ""  # file-copy | copy-database | unchanged (see warehouse.publish_if_changed)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per phase
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@task(name="discover", cache_policy=NO_CACHE)
def discover_task(raw_dir: Path, known_stat: dict[str, tuple[int, int]], follow_symlinks: bool) -> Discovery:
    return discover(raw_dir, known_stat, follow_symlinks=follow_symlinks)


@task(name="parse-batch", cache_policy=NO_CACHE)
def parse_batch(chunks: Sequence[cf.Future[ChunkResult]]) -> tuple[BatchFrames, ChunkResult]:
    """Wait for one batch's chunks (dispatched to the workers ahead of time) and frame their rows.

    Returns the frames and the counts; the row lists are dropped here, so a batch is held once while
    it loads, as frames.
    """
    result = combine([f.result() for f in chunks])
    return to_frames(result.rows), replace(result, rows=BatchRows.empty())


@task(name="load-batch", cache_policy=NO_CACHE)
def load_batch_task(con: Any, frames: BatchFrames, load_id: str) -> None:
    wh.fit_memory_limit(con, WRITER_MEMORY_BASE_MB, WRITER_BYTES_PER_KEY)
    wh.load_batch(con, frames, load_id)


@task(name="apply-views-and-checks", cache_policy=NO_CACHE)
def views_and_checks(con: Any) -> list[wh.CheckResult]:
    wh.apply_views(con)
    return wh.run_checks(con)


@task(name="publish", cache_policy=NO_CACHE)
def publish_task(con: Any, target: Path, load_id: str) -> str:
    return wh.publish_if_changed(con, target, load_id)


def _utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _flow_run_id() -> str | None:
    from prefect.runtime import flow_run

    run_id = flow_run.get_id()
    return str(run_id) if run_id else None


@flow(name="ingest_news", log_prints=False, validate_parameters=False)
def ingest_news(
    raw_dir: str | None = None,
    warehouse: str | None = None,
    batch_size: int | None = None,
    workers: int | None = None,
    lock_wait_s: float | None = None,
    task_runner: str | None = None,
) -> dict[str, Any]:
    """Ingest new and changed files from raw_dir into the warehouse; returns the run's summary."""
    settings = Settings.from_env(raw_dir=raw_dir, warehouse=warehouse, batch_size=batch_size,
                                 workers=workers, lock_wait_s=lock_wait_s, task_runner=task_runner)
    try:
        return run_ingest(settings, _flow_run_id()).as_dict()
    except (RunLocked, wh.WarehouseLocked) as exc:
        # Expected and transient (someone else holds the warehouse): the run fails with that sentence,
        # not with a traceback in the logs. Prefect raises `exc` itself to whoever called the flow.
        return Failed(message=str(exc), data=exc)  # type: ignore[return-value]


def ingest_flow(task_runner: str | None = None) -> Flow[..., dict[str, Any]]:
    """ingest_news with the task runner asked for (argument, else NEWSDW_TASK_RUNNER, else default).

    dask: prefect-dask's DaskTaskRunner connects to the cluster at NEWSDW_DASK_ADDRESS (or starts a
    temporary local one without it) for the run; the parse work goes to its workers as plain
    functions (see _executor). The runner must be chosen before the flow starts, hence a factory.
    """
    runner = task_runner or os.environ.get("NEWSDW_TASK_RUNNER") or "default"
    if runner == "dask":
        from prefect_dask.task_runners import DaskTaskRunner

        address = os.environ.get("NEWSDW_DASK_ADDRESS") or None
        runner_obj: Any = DaskTaskRunner(address=address)
        return ingest_news.with_options(task_runner=runner_obj)
    if runner != "default":
        raise ValueError(f"task runner must be default or dask, got {runner!r}")
    return ingest_news


def run_ingest(settings: Settings, flow_run_id: str | None) -> RunSummary:
    logger = get_run_logger()
    started = time.perf_counter()
    if not settings.raw_dir.is_dir():
        raise FileNotFoundError(f"raw folder {settings.raw_dir} does not exist")
    load_id = f"{_utcnow():%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
    summary = RunSummary(load_id, flow_run_id, str(settings.warehouse), str(settings.snapshot))
    with run_lock(settings.lock_file, settings.lock_wait_s, flow_run_id=flow_run_id):
        con = wh.connect(settings.warehouse, wait_s=settings.lock_wait_s, config=dict(WRITER_CONFIG),
                         row_group_size=WRITER_ROW_GROUP_SIZE)
        con.execute("SET enable_progress_bar = false")  # a bar on the CLI's stdout for queries > 2 s
        try:
            wh.migrate(con)
            summary.crashed_loads_found = wh.start_load(con, load_id, flow_run_id, str(settings.raw_dir),
                                                        PARSER_VERSION)
            runlog.append(settings.progress_file, "started", load_id=load_id, flow_run_id=flow_run_id)
            try:
                _ingest(con, settings, load_id, summary)
            except BaseException as exc:
                wh.finish_load(con, load_id, "failed", _counts(summary), error=f"{type(exc).__name__}: {exc}")
                raise
            wh.finish_load(con, load_id, "completed", _counts(summary))
            runlog.append(settings.progress_file, "loaded", load_id=load_id, **_counts(summary))
            mark = time.perf_counter()
            checks = views_and_checks(con)
            summary.timings["views_and_checks"] = round(time.perf_counter() - mark, 3)
            summary.failed_checks = {c.name: c.failing_rows for c in checks if c.failing_rows}
            for name, rows in summary.failed_checks.items():
                logger.warning("data check %s failed: %d bad rows", name, rows)
            summary.languages = dict(con.execute(
                "SELECT language, count(*) FROM staging.articles GROUP BY 1 ORDER BY 2 DESC, 1").fetchall())
            runlog.append(settings.progress_file, "publishing", load_id=load_id)
            mark = time.perf_counter()
            summary.published = publish_task(con, settings.snapshot, load_id)
            summary.timings["publish"] = round(time.perf_counter() - mark, 3)
            runlog.append(settings.progress_file, "published", load_id=load_id)
            # NEWSDW_EXPORT_DIR: refresh the Parquet files from the new snapshot (or a first time).
            if settings.export_dir is not None and (
                    summary.published != "unchanged" or not (settings.export_dir / MANIFEST).is_file()):
                task(name="export", cache_policy=NO_CACHE)(export_marts)(settings.snapshot, settings.export_dir)
            details = artifacts.gather(con, load_id)
        finally:
            con.close()
    summary.seconds = round(time.perf_counter() - started, 3)
    logger.info("load %s: seen %d, loaded %d, unchanged %d, rejected %d, gone %d in %.1f s", load_id, summary.seen,
                summary.loaded, summary.unchanged, summary.rejected, summary.gone, summary.seconds)
    artifacts.publish(summary, details)
    return summary


def _counts(s: RunSummary) -> dict[str, int]:
    return {"seen": s.seen, "loaded": s.loaded, "unchanged": s.unchanged, "rejected": s.rejected, "gone": s.gone}


def _ingest(con: Any, settings: Settings, load_id: str, summary: RunSummary) -> None:
    mark = time.perf_counter()
    known = wh.known_files(con)
    # quote(): Prefect walks task inputs looking for futures, twice per call: ~4 s for 100k known files.
    known_stat: Any = quote(known.stat)  # the task receives the dict itself
    found = discover_task(settings.raw_dir, known_stat, settings.follow_symlinks)
    summary.timings["discover"] = round(time.perf_counter() - mark, 3)
    summary.seen = len(found.candidates) + len(found.unchanged)
    summary.unchanged = len(found.unchanged)
    reasons: Counter[str] = Counter()
    mark = time.perf_counter()
    candidates = found.candidates
    progress.report(0, len(candidates))
    done = 0
    batches = plan_batches(candidates, settings.batch_size, settings.batch_bytes)
    with _executor(settings, len(candidates)) as (submit, workers):
        work = partial(parse_chunk, max_bytes=settings.max_file_bytes, default_zone=settings.default_zone)
        inflight: deque[list[cf.Future[ChunkResult]]] = deque()
        waited = writing = 0.0  # the flow waiting for parsed batches / writing them to DuckDB

        def dispatch(refs: Sequence[Any]) -> list[cf.Future[ChunkResult]]:
            items: list[WorkItem] = [(r, known.sha.get(r.path)) for r in refs]
            now = _utcnow()
            # Two chunks per worker and batch, so the workers finish a batch together.
            chunk = max(1, min(MAX_CHUNK_FILES, math.ceil(len(items) / (2 * workers))))
            return [submit(work, items[i : i + chunk], load_id, now) for i in range(0, len(items), chunk)]

        try:
            for i in range(len(batches)):
                if i == 0:
                    inflight.extend(dispatch(b) for b in batches[: 1 + LOOKAHEAD_BATCHES])
                elif i + LOOKAHEAD_BATCHES < len(batches):
                    inflight.append(dispatch(batches[i + LOOKAHEAD_BATCHES]))
                tick = time.perf_counter()
                frames, result = parse_batch(inflight.popleft())
                tock = time.perf_counter()
                load_batch_task(con, frames, load_id)
                waited += tock - tick
                writing += time.perf_counter() - tock
                runlog.append(settings.progress_file, "batch", load_id=load_id, files=result.files,
                              articles=frames.articles["file_version_id"].to_list())
                del frames  # before the next batch is framed: two batches' frames are never held at once
                done += result.files
                progress.report(done, len(candidates))
                summary.loaded += result.loaded
                summary.unchanged += result.unchanged
                summary.rejected += result.rejected
                reasons.update(result.reasons)
        finally:
            for pending in inflight:
                for future in pending:
                    future.cancel()
        summary.timings["parse_wait"] = round(waited, 3)
        summary.timings["load"] = round(writing, 3)
    summary.timings["parse_and_load"] = round(time.perf_counter() - mark, 3)
    summary.gone = wh.mark_gone(con, found.gone, load_id)
    summary.rejections = dict(reasons.most_common())


Submit = Callable[..., "cf.Future[ChunkResult]"]


@contextmanager
def _executor(settings: Settings, files: int) -> Iterator[tuple[Submit, int]]:
    """Where chunks run, and how many workers: Dask, a process pool, or (small runs) this process."""
    if settings.task_runner == "dask":
        with _dask_client(settings) as client:
            from distributed.cfexecutor import ClientExecutor

            workers = max(1, len(client.scheduler_info().get("workers", {})))
            # pure=False: the same chunk sent twice (a rerun) must run again, not hit Dask's cache.
            executor = ClientExecutor(client, pure=False)  # type: ignore[no-untyped-call]
            try:
                yield executor.submit, workers
            finally:
                executor.shutdown(wait=False)  # type: ignore[no-untyped-call]
    elif files >= POOL_MIN_FILES and settings.effective_workers > 1:
        pool = _pool(settings)
        try:
            yield pool.submit, settings.effective_workers
        finally:
            pool.shutdown(cancel_futures=True)
    else:
        yield _run_here, 1


def _run_here(fn: Callable[..., ChunkResult], *args: Any) -> cf.Future[ChunkResult]:
    future: cf.Future[ChunkResult] = cf.Future()
    try:
        future.set_result(fn(*args))
    except BaseException as exc:
        future.set_exception(exc)
    return future


@contextmanager
def _dask_client(settings: Settings) -> Iterator[Any]:
    """The flow's Dask cluster through prefect-dask's DaskTaskRunner, or a client of NEWSDW_DASK_ADDRESS.

    Workers run plain functions (flows.steps.batch.parse_chunk), never Prefect tasks: a Dask worker
    running a Prefect task with no PREFECT_API_URL would start its own temporary Prefect server.
    They read the files themselves, so the raw folder must be visible to them at the same path.
    """
    from prefect.context import FlowRunContext
    from prefect_dask.task_runners import DaskTaskRunner

    ctx = FlowRunContext.get()
    if ctx is not None and isinstance(ctx.task_runner, DaskTaskRunner):
        # The runner connects on first use (or starts a temporary local cluster without an address)
        # and closes with the flow run; plain functions pass through its client untouched.
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
    return cf.ProcessPoolExecutor(max_workers=settings.effective_workers, mp_context=ctx)
