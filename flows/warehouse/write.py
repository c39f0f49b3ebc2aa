"""What the ingest flow writes: loads in ops.loads, batches of frames (append, MERGE, DELETE + INSERT),
files gone from the folder, and the writer's memory limit."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from flows.steps.templates import LINK_BASES, Learned
from flows.warehouse.connect import Connection, connect, registered, transaction
from flows.warehouse.publish import WRITER_STORAGE_VERSION
from flows.warehouse.read import query_frame

if TYPE_CHECKING:
    from flows.steps.load import BatchFrames


# The writer's DuckDB memory: WRITER_MEMORY_BASE_MB for cached table data and the batch being written
# (else the buffer pool grows to 80% of RAM; what needs more spills to disk), plus WRITER_BYTES_PER_KEY
# per primary-key entry, which DuckDB must hold in memory (fit_writer_memory, before every batch).
WRITER_MEMORY_BASE_MB = 64
WRITER_BYTES_PER_KEY = 48
# checkpoint_threshold 128MB: at the default 16 MB a big load checkpoints (and recompresses) every couple
# of batches. threads 1: on 2 cores the parser workers are the bottleneck; a second DuckDB thread
# compressing at checkpoints takes CPU from them. See docs/performance.md for the measurements.
WRITER_CONFIG = {"memory_limit": f"{WRITER_MEMORY_BASE_MB}MiB", "checkpoint_threshold": "128MB", "threads": 1,
                 "storage_compatibility_version": WRITER_STORAGE_VERSION}
# Rows per row group of what the writer appends: a checkpoint rewrites the row group that appends left
# partly full, so at DuckDB's default (122,880) each checkpoint cost more than the last.
WRITER_ROW_GROUP_SIZE = 4096


def open_writer(path: Path, wait_s: float | None) -> Connection:
    """The flows' connection: the only writer (the run lock keeps it so), with the settings above."""
    # Spill beside the warehouse: an in-memory instance (the ATTACH in connect) has no folder of its own.
    spill = str(path.with_name(path.name + ".spill"))
    con = connect(path, wait_s=wait_s, config={**WRITER_CONFIG, "temp_directory": spill},
                  row_group_size=WRITER_ROW_GROUP_SIZE)
    con.execute("SET enable_progress_bar = false")  # a bar on the CLI's stdout for statements > 2 s
    return con


def fit_writer_memory(con: Connection) -> int:
    """fit_memory_limit with the writer's constants; call before each batch."""
    return fit_memory_limit(con, WRITER_MEMORY_BASE_MB, WRITER_BYTES_PER_KEY)


# Corpus stages aggregate across the whole warehouse (the furniture stage groups every page's keys):
# at the batch writer's limit (~80 MB at 100k files) that failed with "failed to pin block". They get
# this much more, and a folder beside the warehouse to spill to (an in-memory instance has none).
STAGE_MEMORY_EXTRA_MB = 512


# The writer runs on one DuckDB thread so that the parser workers have the other cores (WRITER_CONFIG);
# the corpus stages run after parsing, when they are idle, so the stages get a thread per core.
STAGE_THREADS = os.cpu_count() or 1


@contextmanager
def stage_threads(con: Connection) -> Iterator[None]:
    """Run the block (the corpus stages) on STAGE_THREADS DuckDB threads, then back to the writer's."""
    con.execute(f"SET threads = {STAGE_THREADS}")
    try:
        yield
    finally:
        con.execute(f"SET threads = {WRITER_CONFIG['threads']}")


def fit_stage_memory(con: Connection) -> int:
    """The memory limit for corpus stages (they spill to the writer's temp_directory); returns the MiB set."""
    return fit_memory_limit(con, WRITER_MEMORY_BASE_MB + STAGE_MEMORY_EXTRA_MB, WRITER_BYTES_PER_KEY)


@dataclass(frozen=True)
class KnownFiles:
    """What the warehouse remembers of the raw folder, for discovery."""

    stat: dict[str, tuple[int, int]]  # path -> (size, mtime_ns): unchanged if equal (not retried ones)
    sha: dict[str, str]  # path -> sha256 of the current version


def known_files(con: Connection) -> KnownFiles:
    # Column lists zipped into dicts: no Python loop over a fetched tuple per file.
    state = query_frame(
        con, "SELECT path, size_bytes, mtime_ns, sha256, retry FROM ops.file_state WHERE gone_load_id IS NULL")
    settled = state.filter(~pl.col("retry"))
    hashed = state.filter(pl.col("sha256").is_not_null())
    stat = dict(zip(settled["path"].to_list(),
                    zip(settled["size_bytes"].to_list(), settled["mtime_ns"].to_list(), strict=True), strict=True))
    sha = dict(zip(hashed["path"].to_list(), hashed["sha256"].to_list(), strict=True))
    return KnownFiles(stat, sha)


def start_load(con: Connection, load_id: str, flow_run_id: str | None, raw_dir: str,
               parser_version: str, *, kind: str = "ingest") -> int:
    """Record a new load; loads left 'running' by a killed process are marked 'crashed'. Returns how many."""
    crashed = con.execute(
        "UPDATE ops.loads SET status = 'crashed', error = 'the process stopped before the load finished' "
        "WHERE status = 'running' RETURNING load_id"
    ).fetchall()
    con.execute(
        "INSERT INTO ops.loads (load_id, flow_run_id, started_at, status, raw_dir, parser_version, kind) "
        "VALUES (?, ?, now()::TIMESTAMP, 'running', ?, ?, ?)",
        [load_id, flow_run_id, raw_dir, parser_version, kind],
    )
    return len(crashed)


# Tables with a primary key: DuckDB holds their indexes (ART) in memory while a transaction writes.
_INDEXED_TABLES = ("ops.file_state", "raw.files", "core.articles", "raw.rejections")


def fit_memory_limit(con: Connection, base_mb: int, bytes_per_key: int) -> int:
    """Set memory_limit to base_mb plus bytes_per_key for every primary-key entry; returns the MiB set.

    The indexes grow with the warehouse and cannot be evicted, so a fixed limit that suits a small
    warehouse fails a load at some larger size ("failed to pin block"). The rest of the limit
    (cached table data) stays at base_mb.
    """
    counts = " + ".join(f"(SELECT count(*) FROM {t})" for t in _INDEXED_TABLES)
    row = con.execute(f"SELECT {counts}").fetchone()
    keys = int(row[0]) if row else 0
    mb = base_mb + -(-keys * bytes_per_key // 2**20)  # rounded up
    con.execute(f"SET memory_limit = '{mb}MiB'")
    return mb


def insert_frame(con: Connection, table: str, frame: pl.DataFrame) -> int:
    """Append a polars frame through Arrow, matching columns by name."""
    if frame.height == 0:
        return 0
    with registered(con, frame) as src:
        cols = ", ".join(f'"{c}"' for c in frame.columns)
        con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {src}")
    return frame.height


def delete_keys(con: Connection, table: str, key: str, keys: pl.DataFrame) -> None:
    """DELETE the rows of `table` whose `key` is in the one-column frame `keys`."""
    with registered(con, keys, "_keys") as src:
        con.execute(f'DELETE FROM {table} WHERE "{key}" IN (SELECT "{key}" FROM {src})')


def merge_frame(con: Connection, table: str, keys: Sequence[str], frame: pl.DataFrame,
                update: Sequence[str]) -> int:
    """MERGE INTO table on keys: update the listed columns when matched, insert when not."""
    if frame.height == 0:
        return 0
    frame = frame.unique(subset=list(keys), keep="last", maintain_order=True)
    on = " AND ".join(f't."{k}" = s."{k}"' for k in keys)
    sets = ", ".join(f'"{c}" = s."{c}"' for c in update)
    cols = ", ".join(f'"{c}"' for c in frame.columns)
    vals = ", ".join(f's."{c}"' for c in frame.columns)
    with registered(con, frame, "_src") as src:
        con.execute(
            f"MERGE INTO {table} AS t USING {src} AS s ON {on} "
            f"WHEN MATCHED THEN UPDATE SET {sets} "
            f"WHEN NOT MATCHED THEN INSERT ({cols}) VALUES ({vals})"
        )
    return frame.height


def present_keys(con: Connection, table: str, key: str, frame: pl.DataFrame) -> pl.DataFrame:
    """The frame's distinct `key` values that `table` already holds (one column, named key)."""
    keys = frame.select(pl.col(key).unique())
    if keys.height == 0:
        return keys
    with registered(con, keys, "_probe") as src:
        return query_frame(con, f'SELECT "{key}" FROM {table} WHERE "{key}" IN (SELECT "{key}" FROM {src})')


def load_batch(con: Connection, frames: BatchFrames, load_id: str) -> None:
    """Write one batch in one transaction: all of it or none of it.

    Almost every batch holds only new file versions and new paths: those are appended. Upserts
    (MERGE, DELETE + INSERT) run only for the keys the warehouse already has: a DELETE on
    core.blocks scans the whole table (it has no index), so one per batch would make loading quadratic.
    """
    with transaction(con):
        if present_keys(con, "raw.files", "file_version_id", frames.files).height:
            merge_frame(con, "raw.files", ["file_version_id"], frames.files,
                        update=["mtime_ns", "last_load_id", "last_seen_at"])
        else:
            insert_frame(con, "raw.files", frames.files)
        again = present_keys(con, "core.articles", "file_version_id", frames.articles)
        if again.height:  # a version seen before (a file reverted to older content, a parser retry)
            delete_keys(con, "core.articles", "file_version_id", again)
            delete_keys(con, "core.blocks", "file_version_id", again)
            delete_keys(con, "core.template_keys", "file_version_id", again)
        insert_frame(con, "core.articles", frames.articles)
        insert_frame(con, "core.blocks", frames.blocks)
        insert_frame(con, "core.template_keys", frames.template_keys)
        insert_frame(con, "raw.rejections", frames.rejections)
        if present_keys(con, "ops.file_state", "path", frames.file_state).height:
            merge_frame(con, "ops.file_state", ["path"], frames.file_state,
                        update=["size_bytes", "mtime_ns", "sha256", "outcome", "reason", "retry", "load_id",
                                "gone_load_id"])
        else:
            insert_frame(con, "ops.file_state", frames.file_state)
        con.execute(
            "UPDATE ops.loads SET batches = batches + 1, articles_loaded = articles_loaded + ?, "
            "blocks_loaded = blocks_loaded + ? WHERE load_id = ?",
            [frames.articles.height, frames.blocks.height, load_id],
        )


def mark_gone(con: Connection, paths: Sequence[str], load_id: str) -> int:
    """Files no longer in the folder: marked, never erased (their versions stay queryable)."""
    if not paths:
        return 0
    with registered(con, pl.DataFrame({"path": list(paths)}), "_gone") as src, transaction(con):
        con.execute(f"UPDATE ops.file_state SET gone_load_id = ? WHERE path IN (SELECT path FROM {src})", [load_id])
    return len(paths)


def finish_load(con: Connection, load_id: str, status: str, counts: dict[str, int],
                error: str | None = None, reparsed: int = 0) -> None:
    """Record the load's outcome and counts, then CHECKPOINT."""
    con.execute(
        "UPDATE ops.loads SET finished_at = now()::TIMESTAMP, status = ?, error = ?, files_seen = ?, "
        "files_loaded = ?, files_unchanged = ?, files_rejected = ?, files_gone = ?, articles_reparsed = ? "
        "WHERE load_id = ?",
        [status, error, counts.get("seen", 0), counts.get("loaded", 0), counts.get("unchanged", 0),
         counts.get("rejected", 0), counts.get("gone", 0), reparsed, load_id],
    )
    con.execute("CHECKPOINT")  # keep the WAL empty at rest: a fast reopen after the run


def current_languages(con: Connection) -> dict[str, int]:
    """Current articles per language, most first (for the run summary)."""
    rows = con.execute("SELECT language, count(*) FROM staging.articles GROUP BY 1 ORDER BY 2 DESC, 1").fetchall()
    return {str(k): int(v) for k, v in rows}


def learned_templates(con: Connection) -> dict[str, Learned]:
    """The furniture learned so far, by source, as the parser workers take it."""
    rows = con.execute("SELECT source, part, key, articles, text, basis FROM core.source_templates").fetchall()
    lines: dict[str, dict[int, int]] = {}
    links: dict[str, dict[int, int]] = {}
    tails: dict[str, dict[int, int]] = {}
    texts: dict[str, dict[str, int]] = {}
    credits: dict[str, set[str]] = {}
    for source, part, key, articles, text, basis in rows:
        if part == "credit":
            if text:
                credits.setdefault(source, set()).add(text)
            continue
        kept = tails if part == "tail" else links if basis in LINK_BASES else lines
        kept.setdefault(source, {})[int(key)] = int(articles)
        if part == "tail" and text:
            texts.setdefault(source, {})[text] = int(articles)
    return {s: Learned(lines.get(s, {}), tails.get(s, {}), texts.get(s, {}),
                       tuple(sorted(credits.get(s, ()), key=lambda c: (-len(c), c))), links.get(s, {}))
            for s in set(lines) | set(tails) | set(credits) | set(links)}
