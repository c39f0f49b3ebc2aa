"""The ingest flow: data/raw -> DuckDB warehouse -> corpus stages -> views -> checks -> published snapshot.

Prefect lives here (and in flows/reparse.py, flows/serve.py) only. Tasks work on batches, never a task
per file: a task run costs ~10 ms of Prefect bookkeeping. Where parsing runs is flows/executor.py; what a
run reports is flows/summary.py and flows/recorder.py.
"""

from __future__ import annotations

import concurrent.futures as cf
import os
import time
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from functools import partial
from typing import Any

from prefect import Flow, flow, task
from prefect.cache_policies import NO_CACHE
from prefect.states import Failed
from prefect.utilities.annotations import quote

from flows import artifacts, corpus, executor
from flows import warehouse as wh
from flows.export import MANIFEST, export_marts
from flows.recorder import RunRecorder
from flows.runlock import RunLocked, run_lock
from flows.settings import Settings
from flows.steps.batch import ChunkResult, WorkItem, combine, parse_chunk, plan_batches
from flows.steps.discover import Discovery, discover
from flows.steps.load import BatchFrames, to_frames
from flows.steps.parse import PARSER_VERSION, file_version_id
from flows.steps.rows import BatchRows
from flows.summary import RunSummary

Connection = wh.Connection


@task(name="discover", cache_policy=NO_CACHE)
def discover_task(settings: Settings, known_stat: dict[str, tuple[int, int]]) -> Discovery:
    return discover(settings.raw_dir, known_stat, follow_symlinks=settings.follow_symlinks)


@task(name="parse-batch", cache_policy=NO_CACHE)
def parse_batch(chunks: Sequence[cf.Future[ChunkResult]]) -> tuple[BatchFrames, ChunkResult]:
    """Wait for one batch's chunks (dispatched ahead of time) and frame their rows; the row lists are
    dropped here, so a batch is held once, as frames, while it loads."""
    result = combine([f.result() for f in chunks])
    return to_frames(result.rows), replace(result, rows=BatchRows.empty())


@task(name="load-batch", cache_policy=NO_CACHE)
def load_batch_task(con: Connection, frames: BatchFrames, load_id: str) -> None:
    wh.fit_writer_memory(con)
    wh.load_batch(con, frames, load_id)


@task(name="corpus-stages", cache_policy=NO_CACHE)
def corpus_task(con: Connection, ctx: corpus.StageContext, settings: Settings,
                recorder: RunRecorder) -> list[corpus.StageResult]:
    def done(r: corpus.StageResult) -> None:
        recorder.event("stage", f"stage {r.stage} {r.status}: {r.rows_in} in, {r.rows_out} out, {r.seconds} s",
                       stage=r.stage, **r.as_dict())

    return corpus.run_stages(con, ctx, corpus.select(settings.stages), on_done=done)


@task(name="apply-views-and-checks", cache_policy=NO_CACHE)
def views_and_checks(con: Connection) -> list[wh.CheckResult]:
    wh.apply_views(con)
    return wh.run_checks(con)


@task(name="publish", cache_policy=NO_CACHE)
def publish_task(con: Connection, settings: Settings, load_id: str) -> str:
    return wh.publish_if_changed(con, settings.snapshot, load_id)


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


def run_load(settings: Settings, kind: str, body: Any) -> RunSummary:
    """One load: lock, open, record it in ops.loads, run `body` (the batches), then the corpus stages,
    views, checks and publish. Shared by ingest and reparse; body(con, settings, summary, recorder)
    returns the StageContext of what it changed."""
    started = time.perf_counter()
    if not settings.raw_dir.is_dir() and kind == "ingest":
        raise FileNotFoundError(f"raw folder {settings.raw_dir} does not exist")
    load_id = f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
    flow_run_id = _flow_run_id()
    summary = RunSummary(load_id, flow_run_id, str(settings.warehouse), str(settings.snapshot), kind=kind)
    recorder = RunRecorder(load_id, settings.progress_file)
    with run_lock(settings.lock_file, settings.lock_wait_s, flow_run_id=flow_run_id):
        con = wh.open_writer(settings.warehouse, settings.lock_wait_s)
        try:
            wh.migrate(con)
            summary.crashed_loads_found = wh.start_load(con, load_id, flow_run_id, str(settings.raw_dir),
                                                        PARSER_VERSION, kind=kind)
            recorder.event("started", flow_run_id=flow_run_id, kind=kind)
            try:
                ctx: corpus.StageContext = body(con, settings, summary, recorder)
                with recorder.phase("corpus_stages"):
                    results = corpus_task(con, ctx, settings, recorder)
                summary.stages = {r.stage: r.as_dict() for r in results}
            except BaseException as exc:
                wh.finish_load(con, load_id, "failed", summary.counts(), error=f"{type(exc).__name__}: {exc}",
                               reparsed=summary.reparsed)
                raise
            wh.finish_load(con, load_id, "completed", summary.counts(), reparsed=summary.reparsed)
            recorder.event("loaded", None, **summary.counts())
            with recorder.phase("views_and_checks"):
                checks = views_and_checks(con)
            summary.failed_checks = {c.name: c.failing_rows for c in checks if c.failing_rows}
            for name, rows in summary.failed_checks.items():
                recorder.event("check_failed", f"data check {name} failed: {rows} bad rows", check=name, rows=rows)
            summary.languages = wh.current_languages(con)
            recorder.event("publishing")
            with recorder.phase("publish"):
                summary.published = publish_task(con, settings, load_id)
            recorder.event("published")
            # NEWSDW_EXPORT_DIR: refresh the Parquet files from a new snapshot (or a first time).
            if settings.export_dir is not None and (
                    summary.published != "unchanged" or not (settings.export_dir / MANIFEST).is_file()):
                task(name="export", cache_policy=NO_CACHE)(export_marts)(settings.snapshot, settings.export_dir)
            details = artifacts.gather(con, load_id)
        finally:
            con.close()
    summary.timings = recorder.timings
    summary.seconds = round(time.perf_counter() - started, 3)
    recorder.event("finished", f"{kind}: seen {summary.seen}, loaded {summary.loaded}, unchanged {summary.unchanged},"
                   f" rejected {summary.rejected}, gone {summary.gone}, reparsed {summary.reparsed}"
                   f" in {summary.seconds:.1f} s", seconds=summary.seconds)
    artifacts.publish(summary, details)
    return summary


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
    work = partial(parse_chunk, max_bytes=settings.max_file_bytes, default_zone=settings.default_zone)
    rec.progress(0, len(found.candidates))
    done = 0
    with rec.phase("parse_and_load"), executor.workers(settings, len(found.candidates)) as pool:

        def dispatch(refs: Sequence[Any]) -> list[cf.Future[Any]]:
            items: list[WorkItem] = [(r, known.sha.get(r.path)) for r in refs]
            return pool.map_chunks(work, items, load_id, datetime.now(UTC).replace(tzinfo=None))

        for futures in executor.pipelined(batches, dispatch):
            with rec.phase("parse_wait"):
                frames, result = parse_batch(futures)
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


def _flow_run_id() -> str | None:
    from prefect.runtime import flow_run

    run_id = flow_run.get_id()
    return str(run_id) if run_id else None
