"""The reparse flow: re-derive stored articles from raw.files with the current parser and rules, then run
the corpus stages over what changed, and views, checks and publish as `newsdw run` does.

This is how a rule improvement reaches a warehouse of a million articles without the raw folder. What is
left to do sits in ops.reparse_queue, emptied batch by batch in each batch's transaction: a reparse
killed with -9 resumes where it stopped.
"""

from __future__ import annotations

import concurrent.futures as cf
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from functools import partial
from typing import Any

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.states import Failed

from flows import corpus, executor
from flows import warehouse as wh
from flows.ingest import parse_batch
from flows.lifecycle import Connection, run_load
from flows.recorder import RunRecorder
from flows.runlock import RunLocked
from flows.settings import Settings
from flows.steps.load import BatchFrames
from flows.steps.parse import PARSER_VERSION
from flows.steps.reparse import reparse_chunk
from flows.steps.ruleset import rules_checksum
from flows.summary import RunSummary


@task(name="replace-articles", cache_policy=NO_CACHE)
def replace_task(con: Connection, frames: BatchFrames, queued: Sequence[str], load_id: str) -> None:
    wh.fit_writer_memory(con)
    wh.replace_articles(con, frames, queued, load_id, PARSER_VERSION, rules_checksum())


@flow(name="reparse_news", log_prints=False, validate_parameters=False)
def reparse_news(warehouse: str | None = None, everything: bool = False, since: str | None = None,
                 batch_size: int | None = None, workers: int | None = None, lock_wait_s: float | None = None,
                 stages: str | None = None) -> dict[str, Any]:
    """Re-derive articles whose parser version or rules checksum differ from this code's (all with
    everything; those first loaded since load `since`); returns the run's summary."""
    settings = Settings.from_env(warehouse=warehouse, batch_size=batch_size, workers=workers,
                                 lock_wait_s=lock_wait_s, stages=stages)
    try:
        return run_load(settings, "reparse", partial(_reparse, everything=everything, since=since)).as_dict()
    except (RunLocked, wh.WarehouseLocked) as exc:
        return Failed(message=str(exc), data=exc)  # type: ignore[return-value]


def _reparse(con: Connection, settings: Settings, summary: RunSummary, rec: RunRecorder, *, everything: bool,
             since: str | None) -> corpus.StageContext:
    load_id = summary.load_id
    left = wh.reparse_queue_size(con)
    if left:
        rec.event("resuming", f"resuming an unfinished reparse: {left} article versions left", left=left)
    wh.queue_reparse(con, load_id, PARSER_VERSION, rules_checksum(), everything=everything, since=since)
    queued = wh.reparse_queue(con)
    batches = [queued[i : i + settings.batch_size] for i in range(0, len(queued), settings.batch_size)]
    work = partial(reparse_chunk, default_zone=settings.default_zone)
    changed: list[str] = []
    kept: Counter[str] = Counter()
    rec.progress(0, len(queued))
    with rec.phase("parse_and_load"), executor.workers(settings, len(queued)) as pool:

        def dispatch(ids: Sequence[str]) -> list[cf.Future[Any]]:
            texts = wh.stored_texts(con, ids)
            return pool.map_chunks(work, texts, load_id, datetime.now(UTC).replace(tzinfo=None))

        for ids, futures in zip(batches, executor.pipelined(batches, dispatch), strict=True):
            with rec.phase("parse_wait"):
                frames, result = parse_batch(futures)
            with rec.phase("load"):
                replace_task(con, frames, ids, load_id)
            versions = frames.articles["file_version_id"].to_list()
            rec.event("batch", articles=versions, kept=result.rejected)
            changed.extend(versions)
            kept.update(result.reasons)
            summary.reparsed += result.loaded
            summary.reparse_kept += result.rejected
            rec.progress(summary.reparsed + summary.reparse_kept, len(queued))
    if kept:
        rec.event("kept", f"kept as they were (the current parser rejects them): {dict(kept.most_common())}",
                  reasons=dict(kept))
    return corpus.StageContext(load_id, changed=tuple(changed), full=everything)
