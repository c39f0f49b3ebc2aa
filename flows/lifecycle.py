"""A load from lock to publish, shared by the ingest and reparse flows: take the run lock, open the
warehouse, record the load in ops.loads, run the caller's batches, then the corpus stages, views, checks,
publish and export. Prefect tasks for those steps live here.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from types import ModuleType

from prefect import task
from prefect.cache_policies import NO_CACHE

from flows import artifacts, corpus
from flows import warehouse as wh
from flows.export import MANIFEST, export_marts
from flows.recorder import RunRecorder
from flows.runlock import run_lock
from flows.settings import Settings
from flows.steps.parse import PARSER_VERSION
from flows.summary import RunSummary

Connection = wh.Connection
# body(con, settings, summary, recorder) loads the batches and says what changed.
LoadBody = Callable[[Connection, Settings, RunSummary, RunRecorder], corpus.StageContext]


@task(name="corpus-stages", cache_policy=NO_CACHE)
def corpus_task(con: Connection, ctx: corpus.StageContext, stages: Sequence[ModuleType],
                recorder: RunRecorder) -> list[corpus.StageResult]:
    def done(r: corpus.StageResult) -> None:
        recorder.event("stage", f"stage {r.stage} {r.status}: {r.rows_in} in, {r.rows_out} out, {r.seconds} s",
                       stage=r.stage, **r.as_dict())

    return corpus.run_stages(con, ctx, stages, on_done=done)


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
                    results = corpus_task(con, ctx, stages, recorder)
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


def _flow_run_id() -> str | None:
    from prefect.runtime import flow_run

    run_id = flow_run.get_id()
    return str(run_id) if run_id else None
