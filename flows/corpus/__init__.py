"""Corpus stages: work across articles, after each load, kept in the warehouse.

Each stage is a module here with NAME and `run(con, ctx) -> StageStats`. STAGES lists them in the order
they run; that list is the one place a stage is switched on. A stage:
- is incremental: it works on ctx's added, changed and gone article versions plus whatever they
  touch, or on everything when ctx.full (its first run on a warehouse, or `newsdw reparse --all`);
- is idempotent: run twice on the same ctx, it leaves the same rows;
- runs in one transaction (run_stages opens it), recorded in ops.stage_runs;
- receives the connection and runs SQL through it; it never opens DuckDB itself.
A stage that fails rolls back its own work and fails the run with its name and reason; the batches
already committed stay.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from types import ModuleType
from typing import Any

from flows.corpus import dedup, furniture, search, sources

# The stages, in the order they run: furniture first, since what it re-derives changes counts.
STAGES: tuple[ModuleType, ...] = (furniture, sources, dedup, search)
# What runs when no stage is named (--stages / NEWSDW_STAGES): `furniture`, because the furniture a site
# prints under many of its pages otherwise stays in their bodies (its first run over 100,000 generated
# pages costs 1.07-1.09x that load's work, measured side by side with the stage off: docs/performance.md,
# "Learned furniture on by default"); `sources`; and `search`, because analysts' first question is which
# articles mention X (its first run ~13% of that load, later loads ~1 s per 1,000 articles). `dedup` is
# named to run (NEWSDW_STAGES=all, or a list): its first run over a warehouse costs ~1.25x that load's
# work (docs/performance.md); it then works incrementally. Until `dedup` has run, marts.articles'
# dup_group_id/story_id are NULL. A stage left out catches up in full the next time it runs.
DEFAULT_STAGES: tuple[str, ...] = ("furniture", "sources", "search")

# The current version of each path the raw folder holds (as staging.articles, which does not exist yet
# when stages run on a new warehouse): the articles a stage counts.
CURRENT_ARTICLES = """
    SELECT a.* FROM core.articles AS a
    JOIN ops.file_state AS f
      ON f.path = a.path AND f.sha256 = a.sha256 AND f.outcome = 'loaded' AND f.gone_load_id IS NULL
"""


@dataclass(frozen=True)
class StageContext:
    """What a load changed, by article version (core.articles.file_version_id)."""

    load_id: str
    added: tuple[str, ...] = ()  # versions this load inserted
    changed: tuple[str, ...] = ()  # versions re-derived in place (newsdw reparse)
    gone: tuple[str, ...] = ()  # versions no longer current: their file was deleted or replaced
    full: bool = False  # recompute from every current article, not only what changed

    @property
    def touched(self) -> tuple[str, ...]:
        return self.added + self.changed + self.gone


@dataclass(frozen=True)
class StageStats:
    rows_in: int  # article versions the stage looked at
    rows_out: int  # rows it wrote


@dataclass(frozen=True)
class StageResult:
    stage: str
    mode: str  # incremental | full
    status: str  # completed | failed
    rows_in: int = 0
    rows_out: int = 0
    seconds: float = 0.0
    error: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"mode": self.mode, "status": self.status, "rows_in": self.rows_in, "rows_out": self.rows_out,
                "seconds": self.seconds, **({"error": self.error} if self.error else {})}


class StageFailed(RuntimeError):
    """A corpus stage failed; its own work was rolled back."""

    def __init__(self, stage: str, reason: str) -> None:
        super().__init__(f"corpus stage {stage!r} failed: {reason}")
        self.stage = stage
        self.reason = reason


def stage_names() -> list[str]:
    return [s.NAME for s in STAGES]


def select(names: Sequence[str]) -> tuple[ModuleType, ...]:
    """The stages named (DEFAULT_STAGES when none are; none for `none`; every stage for `all`), in STAGES
    order; an unknown name is a ValueError. `none` is for debugging and for measuring the stages' cost."""
    if not names:
        names = DEFAULT_STAGES
    if list(names) == ["all"]:
        return STAGES
    if list(names) == ["none"]:
        return ()
    unknown = sorted(set(names) - set(stage_names()))
    if unknown:
        raise ValueError(f"unknown corpus stage {', '.join(unknown)} (stages: {', '.join(stage_names())})")
    return tuple(s for s in STAGES if s.NAME in names)


Connection = Any  # duckdb.DuckDBPyConnection; typed loosely so this package imports no DuckDB


def run_stages(con: Connection, ctx: StageContext, stages: Sequence[ModuleType] = STAGES,
               on_done: Callable[[StageResult], None] | None = None,
               after: Callable[[StageResult], tuple[str, ...]] | None = None) -> list[StageResult]:
    """Run `stages` in order, each in its own transaction, recording each in ops.stage_runs.

    A stage runs in full when an earlier load changed articles it has not seen: it never ran here (a
    stage added to an existing warehouse backfills itself), or it failed, was left out with --stages,
    or the process died before it ran. Raises StageFailed after recording the failure.
    """
    results: list[StageResult] = []
    for ordinal, stage in enumerate(stages):
        full = ctx.full or _missed_loads(con, stage.NAME, ctx.load_id)
        stage_ctx = replace(ctx, full=full)
        mode = "full" if full else "incremental"
        started = time.perf_counter()
        con.execute("BEGIN TRANSACTION")
        try:
            stats: StageStats = stage.run(con, stage_ctx)
            result = StageResult(stage.NAME, mode, "completed", stats.rows_in, stats.rows_out,
                                 round(time.perf_counter() - started, 3))
            _record(con, ctx.load_id, ordinal, result)
            con.execute("COMMIT")
        except Exception as exc:
            con.execute("ROLLBACK")
            result = StageResult(stage.NAME, mode, "failed", seconds=round(time.perf_counter() - started, 3),
                                 error=f"{type(exc).__name__}: {exc}")
            _record(con, ctx.load_id, ordinal, result)
            if on_done:
                on_done(result)
            raise StageFailed(stage.NAME, result.error or "") from exc
        results.append(result)
        if on_done:
            on_done(result)
        if after is not None:  # e.g. re-derive what the stage queued; later stages see those as changed
            rederived = after(result)
            if rederived:
                ctx = replace(ctx, changed=ctx.changed + rederived)
    return results


def _missed_loads(con: Connection, stage: str, load_id: str) -> bool:
    """Did a load other than this one change articles after the stage's last completed run?"""
    row = con.execute(
        """SELECT
             NOT EXISTS (SELECT 1 FROM ops.stage_runs WHERE stage = $stage AND status = 'completed')
             OR EXISTS (
               SELECT 1 FROM ops.loads AS l
               WHERE l.load_id <> $load
                 AND (l.batches > 0 OR l.files_gone > 0 OR coalesce(l.articles_reparsed, 0) > 0)
                 AND l.started_at >= (SELECT max(d.started_at) FROM ops.stage_runs AS r
                                      JOIN ops.loads AS d ON d.load_id = r.load_id
                                      WHERE r.stage = $stage AND r.status = 'completed')
                 AND NOT EXISTS (SELECT 1 FROM ops.stage_runs AS r
                                 WHERE r.load_id = l.load_id AND r.stage = $stage AND r.status = 'completed'))""",
        {"stage": stage, "load": load_id}).fetchone()
    return bool(row and row[0])


def _record(con: Connection, load_id: str, ordinal: int, r: StageResult) -> None:
    # A rerun of the same load (reparse resuming) replaces the stage's row.
    con.execute("DELETE FROM ops.stage_runs WHERE load_id = ? AND stage = ?", [load_id, r.stage])
    con.execute(
        "INSERT INTO ops.stage_runs VALUES (?, ?, ?, ?, now()::TIMESTAMP - to_microseconds(?::BIGINT), ?, ?, ?, ?, ?)",
        [load_id, r.stage, ordinal, r.mode, int(r.seconds * 1e6), r.seconds, r.status, r.rows_in, r.rows_out,
         r.error])

