"""A load from lock to publish, shared by the ingest and reparse flows: take the run lock, open the
warehouse, record the load in ops.loads, run the caller's batches, then the corpus stages, views, checks,
publish and export. Prefect tasks for those steps live here.
"""

from __future__ import annotations

import concurrent.futures as cf
import time
import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from functools import partial
from types import ModuleType
from typing import Any

from prefect import task
from prefect.cache_policies import NO_CACHE

from flows import artifacts, corpus, executor
from flows import warehouse as wh
from flows.export import MANIFEST, export_marts
from flows.recorder import RunRecorder
from flows.runlock import run_lock
from flows.settings import Settings
from flows.steps.batch import ChunkResult, combine
from flows.steps.load import BatchFrames, to_frames
from flows.steps.parse import PARSER_VERSION
from flows.steps.reparse import reparse_chunk
from flows.steps.rows import BatchRows
from flows.steps.ruleset import rules_checksum
from flows.steps.templates import Learned
from flows.summary import RunSummary

Connection = wh.Connection
# body(con, settings, summary, recorder) loads the batches and says what changed.
LoadBody = Callable[[Connection, Settings, RunSummary, RunRecorder], corpus.StageContext]


@task(name="parse-batch", cache_policy=NO_CACHE)
def parse_batch(chunks: Sequence[cf.Future[ChunkResult]]) -> tuple[BatchFrames, ChunkResult]:
    """Wait for one batch's chunks (dispatched ahead of time) and frame their rows; the row lists are
    dropped here, so a batch is held once, as frames, while it loads."""
    result = combine([f.result() for f in chunks])
    return to_frames(result.rows), replace(result, rows=BatchRows.empty())


@task(name="replace-articles", cache_policy=NO_CACHE)
def replace_task(con: Connection, frames: BatchFrames, queued: Sequence[str], load_id: str) -> None:
    # Replacing rows deletes from core.blocks, which scans it: at 100k pages the batch writer's limit
    # failed ("failed to pin block"); the stages' limit spills instead.
    wh.fit_stage_memory(con)
    wh.replace_articles(con, frames, queued, load_id, PARSER_VERSION, rules_checksum())


def drain(con: Connection, settings: Settings, summary: RunSummary, rec: RunRecorder) -> list[str]:
    """Re-derive every version in ops.reparse_queue from raw.files, batch by batch (each batch leaves
    the queue in its own transaction), with the furniture learned so far; returns the versions done."""
    load_id = summary.load_id
    queued = wh.reparse_queue(con)
    if not queued:
        return []
    batches = [queued[i : i + settings.batch_size] for i in range(0, len(queued), settings.batch_size)]
    work = partial(reparse_chunk, default_zone=settings.default_zone, templates=learned_furniture(con, settings))
    changed: list[str] = []
    kept: Counter[str] = Counter()
    rec.progress(0, len(queued))
    with rec.phase("rederive"), executor.workers(settings, len(queued)) as pool:

        def dispatch(ids: Sequence[str]) -> list[cf.Future[Any]]:
            texts = wh.stored_texts(con, ids)
            return pool.map_chunks(work, texts, load_id, datetime.now(UTC).replace(tzinfo=None))

        for ids, futures in zip(batches, executor.pipelined(batches, dispatch), strict=True):
            frames, result = parse_batch(futures)
            rec.add_worker_cpu("rederive", result.cpu_s)
            replace_task(con, frames, ids, load_id)
            versions = frames.articles["file_version_id"].to_list()
            rec.event("batch", articles=versions, kept=result.rejected)
            changed.extend(versions)
            kept.update(result.reasons)
            summary.reparsed += result.loaded
            summary.reparse_kept += result.rejected
            rec.progress(len(changed) + sum(kept.values()), len(queued))
    if kept:
        rec.event("kept", f"kept as they were (the current parser rejects them): {dict(kept.most_common())}",
                  reasons=dict(kept))
    return changed


def learned_furniture(con: Connection, settings: Settings) -> dict[str, Learned] | None:
    """What the workers apply and whether they offer keys: None when the furniture stage does not run."""
    return wh.learned_templates(con) if corpus.furniture in corpus.select(settings.stages) else None


@task(name="corpus-stages", cache_policy=NO_CACHE)
def corpus_task(con: Connection, ctx: corpus.StageContext, stages: Sequence[ModuleType], settings: Settings,
                summary: RunSummary, recorder: RunRecorder) -> list[corpus.StageResult]:
    def done(r: corpus.StageResult) -> None:
        recorder.event("stage", f"stage {r.stage} {r.status}: {r.rows_in} in, {r.rows_out} out, {r.seconds} s",
                       stage=r.stage, **r.as_dict())

    def after(_: corpus.StageResult) -> tuple[str, ...]:
        # A stage that learned something queues the articles it changes; they are re-derived before the
        # next stage, which sees them as changed.
        return tuple(drain(con, settings, summary, recorder))

    wh.fit_stage_memory(con)
    with wh.stage_threads(con):
        return corpus.run_stages(con, ctx, stages, on_done=done, after=after)


@task(name="apply-views-and-checks", cache_policy=NO_CACHE)
def views_and_checks(con: Connection) -> list[wh.CheckResult]:
    wh.apply_views(con)
    return wh.run_checks(con)


@task(name="publish", cache_policy=NO_CACHE)
def publish_task(con: Connection, settings: Settings, load_id: str) -> str:
    return wh.publish_if_changed(con, settings.snapshot, load_id)


def run_load(settings: Settings, kind: str, body: LoadBody) -> RunSummary:
    """One load: lock, open, record it in ops.loads, run `body` (the batches), then the corpus stages,
    views, checks and publish. Shared by ingest and reparse; body(con, settings, summary, recorder)
    returns the StageContext of what it changed."""
    started = time.perf_counter()
    stages = corpus.select(settings.stages)  # an unknown name fails here, before anything is written
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
                    results = corpus_task(con, ctx, stages, settings, summary, recorder)
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
                   f" in {summary.seconds:.1f} s", seconds=summary.seconds, timings=recorder.timings,
                   cpu_timings=recorder.cpu_timings, worker_cpu=recorder.worker_cpu,
                   process_cpu_s=round(time.process_time(), 3))
    artifacts.publish(summary, details)
    return summary


def _flow_run_id() -> str | None:
    from prefect.runtime import flow_run

    run_id = flow_run.get_id()
    return str(run_id) if run_id else None
