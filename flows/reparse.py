"""The reparse flow: re-derive stored articles from raw.files with the current parser and rules, then run
the corpus stages over what changed, and views, checks and publish as `newsdw run` does.

This is how a rule improvement reaches a warehouse of a million articles without the raw folder. What is
left to do sits in ops.reparse_queue, emptied batch by batch in each batch's transaction: a reparse
killed with -9 resumes where it stopped.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from prefect import flow
from prefect.states import Failed

from flows import corpus
from flows import warehouse as wh
from flows.lifecycle import Connection, drain, run_load
from flows.recorder import RunRecorder
from flows.runlock import RunLocked
from flows.settings import Settings
from flows.steps.parse import PARSER_VERSION
from flows.steps.ruleset import rules_checksum
from flows.summary import RunSummary


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
    changed = drain(con, settings, summary, rec)
    return corpus.StageContext(load_id, changed=tuple(changed), full=everything)
