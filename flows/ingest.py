"""The ingest flow: data/raw -> DuckDB warehouse -> views -> checks -> published snapshot.

Prefect lives here only. Tasks work on batches (never a task per file): a task run costs ~10 ms
of Prefect bookkeeping, which a per-file design would pay 100k times.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import time
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.states import Failed

from flows import artifacts, progress, runlog
from flows import warehouse as wh
from flows.export import export_marts
from flows.runlock import RunLocked, run_lock
from flows.settings import Settings
from flows.steps.discover import Discovery, FileRef, discover
from flows.steps.load import to_frames
from flows.steps.parse import (
    PARSER_VERSION,
    Article,
    Outcome,
    Rejected,
    Unchanged,
    file_version_id,
    process_file,
)

# Below this many files a process pool costs more to start than it saves.
POOL_MIN_FILES = 64


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
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@task(name="discover", cache_policy=NO_CACHE)
def discover_task(raw_dir: Path, known_stat: dict[str, tuple[int, int]], follow_symlinks: bool) -> Discovery:
    return discover(raw_dir, known_stat, follow_symlinks=follow_symlinks)


@task(name="parse-batch", cache_policy=NO_CACHE)
def parse_batch(
    refs: Sequence[FileRef], known_sha: dict[str, str], settings: Settings, pool: cf.Executor | None
) -> list[Outcome]:
    work = partial(_parse_one, max_bytes=settings.max_file_bytes, default_zone=settings.default_zone)
    items = [(ref, known_sha.get(ref.path)) for ref in refs]
    if pool is None:
        return [work(item) for item in items]
    return list(pool.map(work, items, chunksize=max(1, len(items) // (4 * settings.effective_workers))))


def _parse_one(item: tuple[FileRef, str | None], *, max_bytes: int, default_zone: str) -> Outcome:
    ref, sha = item
    try:
        return process_file(ref, sha, max_bytes=max_bytes, default_zone=default_zone)
    except Exception as exc:  # a parser bug must not stop the run: the file is rejected, with the reason
        return Rejected(ref.path, "parser_error", f"{type(exc).__name__}: {exc}", ref.size, ref.mtime_ns, retry=True)


@task(name="load-batch", cache_policy=NO_CACHE)
def load_batch_task(con: Any, outcomes: list[Outcome], load_id: str) -> None:
    wh.load_batch(con, to_frames(outcomes, load_id, _utcnow()), load_id)


@task(name="apply-views-and-checks", cache_policy=NO_CACHE)
def views_and_checks(con: Any) -> list[wh.CheckResult]:
    wh.apply_views(con)
    return wh.run_checks(con)


@task(name="publish", cache_policy=NO_CACHE)
def publish_task(con: Any, target: Path) -> Path:
    return wh.publish_snapshot(con, target)


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
) -> dict[str, Any]:
    """Ingest new and changed files from raw_dir into the warehouse; returns the run's summary."""
    settings = Settings.from_env(raw_dir=raw_dir, warehouse=warehouse, batch_size=batch_size,
                                 workers=workers, lock_wait_s=lock_wait_s)
    try:
        return run_ingest(settings, _flow_run_id()).as_dict()
    except (RunLocked, wh.WarehouseLocked) as exc:
        # Expected and transient (someone else holds the warehouse): the run fails with that sentence,
        # not with a traceback in the logs. Prefect raises `exc` itself to whoever called the flow.
        return Failed(message=str(exc), data=exc)  # type: ignore[return-value]


def run_ingest(settings: Settings, flow_run_id: str | None) -> RunSummary:
    logger = get_run_logger()
    started = time.perf_counter()
    if not settings.raw_dir.is_dir():
        raise FileNotFoundError(f"raw folder {settings.raw_dir} does not exist")
    load_id = f"{_utcnow():%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
    summary = RunSummary(load_id, flow_run_id, str(settings.warehouse), str(settings.snapshot))
    with run_lock(settings.lock_file, settings.lock_wait_s, flow_run_id=flow_run_id):
        con = wh.connect(settings.warehouse, wait_s=settings.lock_wait_s)
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
            checks = views_and_checks(con)
            summary.failed_checks = {c.name: c.failing_rows for c in checks if c.failing_rows}
            for name, rows in summary.failed_checks.items():
                logger.warning("data check %s failed: %d bad rows", name, rows)
            summary.languages = dict(con.execute(
                "SELECT language, count(*) FROM staging.articles GROUP BY 1 ORDER BY 2 DESC, 1").fetchall())
            runlog.append(settings.progress_file, "publishing", load_id=load_id)
            publish_task(con, settings.snapshot)
            runlog.append(settings.progress_file, "published", load_id=load_id)
            if settings.export_dir is not None:  # NEWSDW_EXPORT_DIR: refresh the Parquet files from the new snapshot
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
    known = wh.known_files(con)
    found = discover_task(settings.raw_dir, known.stat, settings.follow_symlinks)
    summary.seen = len(found.candidates) + len(found.unchanged)
    summary.unchanged = len(found.unchanged)
    reasons: Counter[str] = Counter()
    pool = _pool(settings) if len(found.candidates) >= POOL_MIN_FILES and settings.effective_workers > 1 else None
    progress.report(0, len(found.candidates))
    try:
        for start in range(0, len(found.candidates), settings.batch_size):
            refs = found.candidates[start : start + settings.batch_size]
            outcomes = parse_batch(refs, {r.path: known.sha[r.path] for r in refs if r.path in known.sha},
                                   settings, pool)
            load_batch_task(con, outcomes, load_id)
            runlog.append(settings.progress_file, "batch", load_id=load_id, files=len(outcomes),
                          articles=[file_version_id(o.path, o.sha256) for o in outcomes if isinstance(o, Article)])
            progress.report(start + len(refs), len(found.candidates))
            for out in outcomes:
                if isinstance(out, Article):
                    summary.loaded += 1
                elif isinstance(out, Unchanged):
                    summary.unchanged += 1
                else:
                    summary.rejected += 1
                    reasons[out.reason] += 1
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    summary.gone = wh.mark_gone(con, found.gone, load_id)
    summary.rejections = dict(reasons.most_common())


def _pool(settings: Settings) -> cf.ProcessPoolExecutor:
    # forkserver: forking a process that runs Prefect's threads and event loop can deadlock.
    ctx = multiprocessing.get_context("forkserver")
    return cf.ProcessPoolExecutor(max_workers=settings.effective_workers, mp_context=ctx)
