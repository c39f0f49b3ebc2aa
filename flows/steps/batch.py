"""A chunk of files -> warehouse rows: the unit of work a worker process or a Dask worker runs.

Plain functions over plain, picklable records (no Prefect, no DuckDB, no polars), so any executor can
run them: the flow's process pool, a Dask cluster, or the flow's own process for small runs. Workers
return column lists (flows/steps/rows.py), not parsed records: a list of strings pickles at memory
speed, where records would pickle field by field, and the flow builds one frame per table from the
lists of a whole batch (flows/steps/load.py).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from flows.steps.discover import FileRef
from flows.steps.parse import PARSER_VERSION, Article, Outcome, Rejected, Unchanged, process_file
from flows.steps.reasons import Reason
from flows.steps.rows import BatchRows, to_rows
from flows.steps.templates import Learned

# (file, sha256 of its current version in the warehouse or None)
WorkItem = tuple[FileRef, str | None]


@dataclass(frozen=True)
class ChunkResult:
    """Rows for one chunk (or a whole batch, once combined) and its counts by outcome."""

    rows: BatchRows
    loaded: int = 0
    unchanged: int = 0
    rejected: int = 0
    reasons: dict[str, int] = field(default_factory=dict)
    parser_version: str = PARSER_VERSION
    cpu_s: float = 0.0  # CPU seconds the worker spent on it (reading, parsing, rows; not pickling them)

    @property
    def files(self) -> int:
        return self.loaded + self.unchanged + self.rejected


def plan_batches(refs: Sequence[FileRef], max_files: int, max_bytes: int) -> list[list[FileRef]]:
    """Consecutive runs of `refs`, each at most max_files files and max_bytes bytes (by their size).

    A batch is one transaction and is held in memory twice over (parsed rows, then frames), so its
    bytes are bounded as well as its files: 2,000 long-form pages of 100 KB would otherwise be a
    batch of ~600 MB of frames. A file larger than max_bytes is a batch of its own.
    """
    batches: list[list[FileRef]] = []
    current: list[FileRef] = []
    size = 0
    for ref in refs:
        if current and (len(current) >= max_files or size + ref.size > max_bytes):
            batches.append(current)
            current, size = [], 0
        current.append(ref)
        size += ref.size
    if current:
        batches.append(current)
    return batches


def parse_one(item: WorkItem, *, max_bytes: int, default_zone: str,
              templates: Mapping[str, Learned] | None = None) -> Outcome:
    """process_file that never raises: a parser bug rejects the file (retried next run), not the run."""
    ref, sha = item
    try:
        return process_file(ref, sha, max_bytes=max_bytes, default_zone=default_zone, templates=templates)
    except Exception as exc:
        return Rejected(ref.path, Reason.PARSER_ERROR, f"{type(exc).__name__}: {exc}", ref.size, ref.mtime_ns)


def parse_chunk(
    items: Sequence[WorkItem], load_id: str, now: datetime, *, max_bytes: int, default_zone: str,
    templates: Mapping[str, Learned] | None = None,
) -> ChunkResult:
    """Read, hash, parse a chunk of files and shape them as warehouse rows. Never raises for bad data.

    templates: the furniture learned so far, by source (flows/steps/templates.py)."""
    cpu = time.process_time()
    outcomes = [parse_one(item, max_bytes=max_bytes, default_zone=default_zone, templates=templates)
                for item in items]
    reasons: Counter[str] = Counter()
    loaded = unchanged = rejected = 0
    for out in outcomes:
        if isinstance(out, Article):
            loaded += 1
        elif isinstance(out, Unchanged):
            unchanged += 1
        else:
            rejected += 1
            reasons[out.reason.value] += 1
    rows = to_rows(outcomes, load_id, now)
    return ChunkResult(rows, loaded, unchanged, rejected, dict(reasons), cpu_s=time.process_time() - cpu)


def combine(results: Sequence[ChunkResult]) -> ChunkResult:
    """One result for a batch from its chunks' results, in chunk order.

    Raises RuntimeError when a chunk was built by another parser version than this process's: a Dask
    worker running another release of newsdw would load rows this release did not write.
    """
    foreign = sorted({r.parser_version for r in results} - {PARSER_VERSION})
    if foreign:
        raise RuntimeError(f"workers run parser version {', '.join(foreign)}, this flow {PARSER_VERSION}: "
                           "install the same newsdw release on every worker")
    if len(results) == 1:
        return results[0]
    rows = BatchRows.empty()
    reasons: Counter[str] = Counter()
    for r in results:
        rows.extend(r.rows)
        reasons.update(r.reasons)
    return ChunkResult(rows, sum(r.loaded for r in results), sum(r.unchanged for r in results),
                       sum(r.rejected for r in results), dict(reasons), cpu_s=sum(r.cpu_s for r in results))
