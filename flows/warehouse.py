"""The one module that opens DuckDB: migrations, views, checks, loading frames, publishing.

DuckDB errors are mapped to the project's own: WarehouseLocked (transient: another process holds
the file) and WarehouseError (terminal: bad SQL, a changed migration, a failed check).
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import polars as pl

if TYPE_CHECKING:
    from flows.steps.load import BatchFrames

_log = logging.getLogger("newsdw.warehouse")

SNAPSHOT_STORAGE_VERSION = "v1.4.0"  # DuckDB 1.4+ readers (BI drivers lag behind the engine)
# New warehouse files are created in the snapshot's storage version, so that publishing is a file copy
# (see publish). Applies only when the file is created; an existing file keeps its version.
WRITER_STORAGE_VERSION = SNAPSHOT_STORAGE_VERSION


class WarehouseError(Exception):
    """A terminal warehouse problem: retrying will not help."""


class WarehouseLocked(WarehouseError):
    """Another process holds the DuckDB file. Transient: retry with backoff."""


def sql_dir() -> Path:
    """sql/ beside the package in a checkout, or the copy packed into the wheel."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "sql", here / "_sql"):
        if candidate.is_dir():
            return candidate
    raise WarehouseError(f"cannot find the sql/ folder next to {here}")


def _map_error(exc: duckdb.Error, path: Path) -> WarehouseError:
    msg = str(exc)
    if "Could not set lock" in msg or "Conflicting lock" in msg:
        holder = re.search(r"PID (\d+)", msg)
        who = f" (held by process {holder.group(1)})" if holder else ""
        return WarehouseLocked(f"{path} is in use by another process{who}")
    return WarehouseError(msg)


def connect(
    path: Path,
    *,
    read_only: bool = False,
    retries: int = 0,
    backoff_s: float = 0.5,
    wait_s: float | None = None,
    config: dict[str, Any] | None = None,
    row_group_size: int | None = None,
) -> duckdb.DuckDBPyConnection:
    """Open the file. A lock held by another process is transient: retried with exponential backoff
    (from backoff_s, at most 5 s apart) `retries` times or, with wait_s, for up to wait_s seconds;
    then WarehouseLocked names the holding process.

    row_group_size (writers): rows per row group of what this connection appends; see WRITER_ROW_GROUP_SIZE.
    """
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    deadline = None if wait_s is None else time.monotonic() + wait_s
    attempt = 0
    while True:
        try:
            if row_group_size is None or read_only:  # a reader appends nothing
                return duckdb.connect(str(path), read_only=read_only, config=config or {})
            return _attach(path, config or {}, row_group_size)
        except duckdb.Error as exc:
            err = _map_error(exc, path)
            if not isinstance(err, WarehouseLocked):
                raise err from exc
            delay = min(backoff_s * (2**attempt), 5.0)
            if deadline is not None:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise WarehouseLocked(f"{err}; gave up after {wait_s:.0f} s of retries") from exc
                delay = min(delay, left)
            elif attempt >= retries:
                raise WarehouseLocked(f"{err}; gave up after {attempt} retries" if attempt else str(err)) from exc
            _log.warning("%s; retrying in %.1f s", err, delay)
            time.sleep(delay)
            attempt += 1


def _attach(path: Path, config: dict[str, Any], row_group_size: int) -> duckdb.DuckDBPyConnection:
    """The file ATTACHed to a fresh in-memory instance (ROW_GROUP_SIZE is an ATTACH option, not a setting)."""
    # The alias is the name a plain connect() would give the database, unless DuckDB reserves it.
    alias = _quote_ident(path.stem if path.stem not in ("memory", "system", "temp", "main") else "warehouse")
    con = duckdb.connect(":memory:", config=config)
    try:
        con.execute(f"ATTACH {_quote(str(path))} AS {alias} (ROW_GROUP_SIZE {int(row_group_size)})")
        con.execute(f"USE {alias}")
    except BaseException:
        con.close()
        raise
    return con


def _quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


# ---------------------------------------------------------------- migrations


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply sql/migrations/NNN_*.sql not applied yet, each in its own transaction. Returns names applied.

    An applied migration whose file changed is an error: history is never silently rewritten.
    """
    con.execute("CREATE SCHEMA IF NOT EXISTS ops")
    con.execute(
        "CREATE TABLE IF NOT EXISTS ops.schema_migrations ("
        " name VARCHAR PRIMARY KEY, checksum VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
    )
    applied = dict(con.execute("SELECT name, checksum FROM ops.schema_migrations").fetchall())
    done: list[str] = []
    for path in sorted((sql_dir() / "migrations").glob("[0-9][0-9][0-9]_*.sql")):
        body = path.read_text(encoding="utf-8")
        checksum = hashlib.sha256(body.encode()).hexdigest()
        if path.name in applied:
            if applied[path.name] != checksum:
                raise WarehouseError(
                    f"migration {path.name} was changed after it was applied "
                    f"(checksum {applied[path.name][:12]} in the warehouse, {checksum[:12]} on disk); "
                    "add a new migration instead of editing an applied one"
                )
            continue
        try:
            con.execute("BEGIN TRANSACTION")
            con.execute(body)
            con.execute(
                "INSERT INTO ops.schema_migrations VALUES (?, ?, now()::TIMESTAMP)", [path.name, checksum]
            )
            con.execute("COMMIT")
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            raise WarehouseError(f"migration {path.name} failed: {exc}") from exc
        done.append(path.name)
    return done


# ---------------------------------------------------------------- views


@dataclass(frozen=True)
class ViewSpec:
    name: str  # schema.view
    select: str
    description: str
    grain: str
    columns: dict[str, str]  # column -> comment

    @property
    def comment(self) -> str:
        return f"{self.description} Grain: {self.grain}"


_HEADER = re.compile(r"^--\s?(.*)$")


def parse_view(path: Path, root: Path) -> ViewSpec:
    """Read sql/views/<layer>/<name>.sql: a header of `--` lines, then one SELECT.

    Header lines: free text (the description), `grain: ...`, and `@column name: comment`.
    """
    rel = path.relative_to(root).with_suffix("")
    if len(rel.parts) != 2:
        raise WarehouseError(f"{path}: views live at sql/views/<layer>/<name>.sql")
    name = ".".join(rel.parts)
    description: list[str] = []
    grain = ""
    columns: dict[str, str] = {}
    body: list[str] = []
    in_header = True
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _HEADER.match(line) if in_header else None
        if m:
            text = m.group(1).strip()
            if text.startswith("@column "):
                col, _, comment = text[len("@column ") :].partition(":")
                columns[col.strip()] = comment.strip()
            elif text.lower().startswith("grain:"):
                grain = text.split(":", 1)[1].strip()
            elif text:
                description.append(text)
            continue
        in_header = False
        body.append(line)
    select = "\n".join(body).strip().rstrip(";")
    if not grain:
        raise WarehouseError(f"{path}: the header must state the grain (`-- grain: one row per ...`)")
    return ViewSpec(name, select, " ".join(description), grain, columns)


def view_specs() -> list[ViewSpec]:
    """All views, staging before marts (marts read staging), each layer in name order."""
    root = sql_dir() / "views"
    order = {"staging": 0, "marts": 1}
    paths = sorted(root.glob("*/*.sql"), key=lambda p: (order.get(p.parent.name, 9), p.name))
    return [parse_view(p, root) for p in paths]


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def apply_views(con: duckdb.DuckDBPyConnection, specs: Sequence[ViewSpec] | None = None) -> list[str]:
    """CREATE OR REPLACE every view, re-issue its COMMENTs, and probe it with LIMIT 0.

    Views that read other views of the same layer are retried after the others: DuckDB does not
    track view dependencies, so order is ours to get right.
    """
    pending = list(specs if specs is not None else view_specs())
    created: list[str] = []
    for _round in range(len(pending) + 1):
        failed: list[tuple[ViewSpec, duckdb.Error]] = []
        for spec in pending:
            schema = spec.name.split(".")[0]
            try:
                con.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
                con.execute(f"CREATE OR REPLACE VIEW {spec.name} AS\n{spec.select}")
            except duckdb.CatalogException as exc:
                failed.append((spec, exc))
                continue
            except duckdb.Error as exc:
                raise WarehouseError(f"view {spec.name}: {exc}") from exc
            _comment_view(con, spec)
            created.append(spec.name)
        if not failed:
            break
        if len(failed) == len(pending):
            first, error = failed[0]
            raise WarehouseError(f"view {first.name}: {error}") from error
        pending = [spec for spec, _ in failed]
    for name in created:
        con.execute(f"SELECT * FROM {name} LIMIT 0")
    return created


def _comment_view(con: duckdb.DuckDBPyConnection, spec: ViewSpec) -> None:
    cols = [r[0] for r in con.execute(f"SELECT * FROM {spec.name} LIMIT 0").description]
    missing = [c for c in cols if c not in spec.columns]
    extra = [c for c in spec.columns if c not in cols]
    if missing or extra:
        raise WarehouseError(
            f"view {spec.name}: every column needs an `@column` comment and every comment a column "
            f"(missing: {missing}, unknown: {extra})"
        )
    con.execute(f"COMMENT ON VIEW {spec.name} IS {_quote(spec.comment)}")
    for col, text in spec.columns.items():
        con.execute(f'COMMENT ON COLUMN {spec.name}."{col}" IS {_quote(text)}')


# ---------------------------------------------------------------- checks


@dataclass(frozen=True)
class CheckResult:
    name: str
    failing_rows: int
    sample: list[tuple[Any, ...]]


def run_checks(con: duckdb.DuckDBPyConnection) -> list[CheckResult]:
    """Each sql/checks/*.sql returns bad rows: zero rows is a pass."""
    results = []
    for path in sorted((sql_dir() / "checks").glob("*.sql")):
        query = path.read_text(encoding="utf-8").strip().rstrip(";")
        try:
            rows = con.execute(query).fetchall()
        except duckdb.Error as exc:
            raise WarehouseError(f"check {path.stem}: {exc}") from exc
        results.append(CheckResult(path.stem, len(rows), rows[:5]))
    return results


# ---------------------------------------------------------------- loading


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def query_frame(con: duckdb.DuckDBPyConnection, sql: str) -> pl.DataFrame:
    """A query's result as a polars frame, through Arrow (no Python objects per row)."""
    table = con.sql(sql).to_arrow_table()
    frame = pl.from_arrow(table) if table is not None else pl.DataFrame()
    assert isinstance(frame, pl.DataFrame)
    return frame


def insert_frame(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> int:
    """Append a polars frame through Arrow, matching columns by name."""
    if frame.height == 0:
        return 0
    con.register("_frame", frame)
    try:
        cols = ", ".join(f'"{c}"' for c in frame.columns)
        con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _frame")
    finally:
        con.unregister("_frame")
    return frame.height


def replace_by_key(
    con: duckdb.DuckDBPyConnection, table: str, key: str, frame: pl.DataFrame
) -> int:
    """DELETE the rows whose key is in the frame, then INSERT the frame: an upsert for whole versions."""
    if frame.height == 0:
        return 0
    keys = frame.select(pl.col(key).unique())
    con.register("_keys", keys)
    try:
        con.execute(f'DELETE FROM {table} WHERE "{key}" IN (SELECT "{key}" FROM _keys)')
    finally:
        con.unregister("_keys")
    return insert_frame(con, table, frame)


def delete_keys(con: duckdb.DuckDBPyConnection, table: str, key: str, keys: pl.DataFrame) -> None:
    """DELETE the rows of `table` whose `key` is in the one-column frame `keys`."""
    con.register("_keys", keys)
    try:
        con.execute(f'DELETE FROM {table} WHERE "{key}" IN (SELECT "{key}" FROM _keys)')
    finally:
        con.unregister("_keys")


def merge_frame(
    con: duckdb.DuckDBPyConnection,
    table: str,
    keys: Sequence[str],
    frame: pl.DataFrame,
    update: Sequence[str],
) -> int:
    """MERGE INTO table on keys: update the listed columns when matched, insert when not."""
    if frame.height == 0:
        return 0
    frame = frame.unique(subset=list(keys), keep="last", maintain_order=True)
    on = " AND ".join(f't."{k}" = s."{k}"' for k in keys)
    sets = ", ".join(f'"{c}" = s."{c}"' for c in update)
    cols = ", ".join(f'"{c}"' for c in frame.columns)
    vals = ", ".join(f's."{c}"' for c in frame.columns)
    con.register("_src", frame)
    try:
        con.execute(
            f"MERGE INTO {table} AS t USING _src AS s ON {on} "
            f"WHEN MATCHED THEN UPDATE SET {sets} "
            f"WHEN NOT MATCHED THEN INSERT ({cols}) VALUES ({vals})"
        )
    finally:
        con.unregister("_src")
    return frame.height


# ---------------------------------------------------------------- publishing


def publish_snapshot(con: duckdb.DuckDBPyConnection, target: Path) -> Path:
    """Copy the whole database into `target` in a storage version older readers open.

    Written to a temp file and renamed into place: a reader sees the old or the new file, never
    a partial one. Readers already connected keep the old copy.
    """
    tmp = _snapshot_temp(target)
    con.execute("CHECKPOINT")
    src = con.execute("SELECT current_database()").fetchone()
    assert src is not None
    try:
        con.execute(f"ATTACH {_quote(str(tmp))} AS _snapshot (STORAGE_VERSION '{SNAPSHOT_STORAGE_VERSION}')")
        con.execute(f'COPY FROM DATABASE "{src[0]}" TO _snapshot')
        # COPY FROM DATABASE does not carry comments; BI tools show them, so re-issue them.
        con.execute("USE _snapshot")
        try:
            for spec in view_specs():
                _comment_view(con, spec)
        finally:
            con.execute(f'USE "{src[0]}"')
        con.execute("DETACH _snapshot")
    except duckdb.Error as exc:
        tmp.unlink(missing_ok=True)
        raise WarehouseError(f"publishing {target} failed: {exc}") from exc
    os.replace(tmp, target)
    return target


def _snapshot_temp(target: Path) -> Path:
    """This publish's temp file beside `target`, after removing those of publishes killed half-way.

    Any pid's: the caller holds the run lock, so no other publish is live. (A killed run's temp file
    carries its pid, never this one's: cleaning only our own name left them behind for ever.)
    """
    for stale in target.parent.glob(f".{target.name}.*.tmp*"):
        stale.unlink(missing_ok=True)
    return target.with_name(f".{target.name}.{os.getpid()}.tmp")


def publish(con: duckdb.DuckDBPyConnection, target: Path) -> str:
    """Write the read-only snapshot for BI; returns how: 'file-copy' or 'copy-database'.

    A warehouse created by newsdw is already in the snapshot's storage version (see
    WRITER_STORAGE_VERSION), so after a CHECKPOINT its file *is* a valid snapshot: a file copy
    (~1 s per GB) replaces COPY FROM DATABASE, which rewrote and recompressed every row (~30 s for
    100k articles) on every run, a no-op run included. Warehouses created in a newer storage version
    (before this) are still published through COPY FROM DATABASE.
    """
    if storage_version(con) == SNAPSHOT_STORAGE_VERSION:
        copy_snapshot(con, target)
        return "file-copy"
    publish_snapshot(con, target)
    return "copy-database"


def publish_fingerprint(con: duckdb.DuckDBPyConnection) -> str:
    """What a snapshot must reflect, as a hash: the latest load that wrote anything, migrations, views.

    Every write of a run goes through load_batch (which counts `batches`, in the batch's own
    transaction), mark_gone (`files_gone`) or start_load (a crashed load's status), so a load with
    none of those wrote nothing but its own ops.loads row.
    """
    last = con.execute(
        "SELECT load_id FROM ops.loads WHERE batches > 0 OR files_gone > 0 OR status NOT IN ('completed', 'running') "
        "ORDER BY started_at DESC, load_id DESC LIMIT 1").fetchone()
    migrations = con.execute("SELECT name, checksum FROM ops.schema_migrations ORDER BY name").fetchall()
    return hashlib.sha256(repr((last[0] if last else None, migrations, view_specs())).encode()).hexdigest()


def publish_if_changed(con: duckdb.DuckDBPyConnection, target: Path, load_id: str) -> str:
    """publish(), unless the snapshot at `target` already reflects the warehouse: then 'unchanged'.

    The one thing an unchanged snapshot lacks is the ops.loads rows of the runs that found nothing
    new; they appear in it with the next run that changes something. Copying a 500 MB warehouse to
    add that row was most of a no-op run (100k files: ~2 s of ~4 s).
    """
    fingerprint = publish_fingerprint(con)
    last = con.execute("SELECT fingerprint FROM ops.publishes WHERE target = ? ORDER BY published_at DESC LIMIT 1",
                       [str(target)]).fetchone()
    if last is not None and last[0] == fingerprint and target.is_file():
        return "unchanged"
    how = publish(con, target)
    # Recorded after the rename: a run killed in between republishes next time (the safe way round).
    con.execute("INSERT INTO ops.publishes VALUES (?, ?, ?, ?, now()::TIMESTAMP)",
                [load_id, str(target), fingerprint, how])
    return how


def storage_version(con: duckdb.DuckDBPyConnection) -> str:
    """The storage version of the connection's database file, e.g. 'v1.4.0' ('' when unknown)."""
    row = con.execute(
        "SELECT tags FROM duckdb_databases() WHERE database_name = current_database()").fetchone()
    tags = row[0] if row else {}
    return str(tags.get("storage_version", "")).rstrip("+")


def copy_snapshot(con: duckdb.DuckDBPyConnection, target: Path) -> Path:
    """CHECKPOINT, then copy the database file beside `target` and rename it into place.

    After the CHECKPOINT the write-ahead log is empty and no other process writes the file (the run
    lock), so its bytes are the whole, consistent database. fsync before the rename: a crash never
    leaves a half-written snapshot under the published name.
    """
    tmp = _snapshot_temp(target)
    row = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()
    if row is None or not row[0]:
        raise WarehouseError("copy_snapshot needs a database file, not an in-memory database")
    con.execute("CHECKPOINT")
    try:
        shutil.copyfile(str(row[0]), tmp)
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
        dir_fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise WarehouseError(f"publishing {target} failed: {exc}") from exc
    return target


def _current_database(con: duckdb.DuckDBPyConnection) -> str:
    row = con.execute("SELECT current_database()").fetchone()
    assert row is not None
    return str(row[0])


# ---------------------------------------------------------------- the ingest flow's writes


@dataclass(frozen=True)
class KnownFiles:
    """What the warehouse remembers of the raw folder, for discovery."""

    stat: dict[str, tuple[int, int]]  # path -> (size, mtime_ns): unchanged if equal (not retried ones)
    sha: dict[str, str]  # path -> sha256 of the current version


def known_files(con: duckdb.DuckDBPyConnection) -> KnownFiles:
    # Column lists zipped into dicts: ~4x faster than a Python loop over 100k fetched tuples.
    state = query_frame(
        con, "SELECT path, size_bytes, mtime_ns, sha256, retry FROM ops.file_state WHERE gone_load_id IS NULL")
    settled = state.filter(~pl.col("retry"))
    hashed = state.filter(pl.col("sha256").is_not_null())
    stat = dict(zip(settled["path"].to_list(),
                    zip(settled["size_bytes"].to_list(), settled["mtime_ns"].to_list(), strict=True), strict=True))
    sha = dict(zip(hashed["path"].to_list(), hashed["sha256"].to_list(), strict=True))
    return KnownFiles(stat, sha)


def start_load(con: duckdb.DuckDBPyConnection, load_id: str, flow_run_id: str | None, raw_dir: str,
               parser_version: str) -> int:
    """Record a new load; loads left 'running' by a killed process are marked 'crashed'. Returns how many."""
    crashed = con.execute(
        "UPDATE ops.loads SET status = 'crashed', error = 'the process stopped before the load finished' "
        "WHERE status = 'running' RETURNING load_id"
    ).fetchall()
    con.execute(
        "INSERT INTO ops.loads (load_id, flow_run_id, started_at, status, raw_dir, parser_version) "
        "VALUES (?, ?, now()::TIMESTAMP, 'running', ?, ?)",
        [load_id, flow_run_id, raw_dir, parser_version],
    )
    return len(crashed)


# Tables with a primary key: DuckDB holds their indexes (ART) in memory while a transaction writes.
_INDEXED_TABLES = ("ops.file_state", "raw.files", "core.articles", "raw.rejections")


def fit_memory_limit(con: duckdb.DuckDBPyConnection, base_mb: int, bytes_per_key: int) -> int:
    """Set memory_limit to base_mb plus bytes_per_key for every primary-key entry; returns the MiB set.

    The indexes grow with the warehouse and cannot be evicted, so a fixed limit that suits 100k files
    fails a load at some larger size ("failed to pin block"): measured with the flow's writer
    settings, 64 MB fails at 500k files and 192 MB at 2M. The rest of the limit (cached table data)
    stays at base_mb.
    """
    counts = " + ".join(f"(SELECT count(*) FROM {t})" for t in _INDEXED_TABLES)
    row = con.execute(f"SELECT {counts}").fetchone()
    keys = int(row[0]) if row else 0
    mb = base_mb + -(-keys * bytes_per_key // 2**20)  # rounded up
    con.execute(f"SET memory_limit = '{mb}MiB'")
    return mb


def present_keys(con: duckdb.DuckDBPyConnection, table: str, key: str, frame: pl.DataFrame) -> pl.DataFrame:
    """The frame's distinct `key` values that `table` already holds (one column, named key)."""
    keys = frame.select(pl.col(key).unique())
    if keys.height == 0:
        return keys
    con.register("_probe", keys)
    try:
        return query_frame(con, f'SELECT "{key}" FROM {table} WHERE "{key}" IN (SELECT "{key}" FROM _probe)')
    finally:
        con.unregister("_probe")


def load_batch(con: duckdb.DuckDBPyConnection, frames: BatchFrames, load_id: str) -> None:
    """Write one batch in one transaction: all of it or none of it.

    Almost every batch holds only new file versions and new paths: those are appended. Upserts
    (MERGE, DELETE + INSERT) run only for the keys the warehouse already has: a DELETE on
    core.blocks scans the whole table (it has no index), which per batch made loading quadratic.
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
        insert_frame(con, "core.articles", frames.articles)
        insert_frame(con, "core.blocks", frames.blocks)
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


def mark_gone(con: duckdb.DuckDBPyConnection, paths: Sequence[str], load_id: str) -> int:
    """Files no longer in the folder: marked, never erased (their versions stay queryable)."""
    if not paths:
        return 0
    frame = pl.DataFrame({"path": list(paths)})
    con.register("_gone", frame)
    try:
        with transaction(con):
            con.execute(
                "UPDATE ops.file_state SET gone_load_id = ? WHERE path IN (SELECT path FROM _gone)", [load_id]
            )
    finally:
        con.unregister("_gone")
    return len(paths)


def finish_load(con: duckdb.DuckDBPyConnection, load_id: str, status: str, counts: dict[str, int],
                error: str | None = None) -> None:
    con.execute(
        "UPDATE ops.loads SET finished_at = now()::TIMESTAMP, status = ?, error = ?, files_seen = ?, "
        "files_loaded = ?, files_unchanged = ?, files_rejected = ?, files_gone = ? WHERE load_id = ?",
        [status, error, counts.get("seen", 0), counts.get("loaded", 0), counts.get("unchanged", 0),
         counts.get("rejected", 0), counts.get("gone", 0), load_id],
    )
    con.execute("CHECKPOINT")  # keep the WAL empty at rest: a fast reopen after the run


# ---------------------------------------------------------------- reading the published snapshot (BI side)

Connection = duckdb.DuckDBPyConnection


@contextmanager
def read_snapshot(path: Path, *, external_access: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to a published snapshot, closed on exit.

    Readers never open the live warehouse: the flow holds it while it runs. File access stays off
    unless the caller writes files itself (exports), so a report or docs run cannot read or write
    anything but the snapshot.
    """
    if not path.exists():
        raise WarehouseError(f"no snapshot at {path}: run `newsdw run` first")
    con = connect(path, read_only=True, config={"enable_external_access": external_access})
    try:
        yield con
    finally:
        con.close()


def fetch(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] | None = None
          ) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run one query; return its column names and rows."""
    try:
        cur = con.execute(sql, list(params) if params is not None else None)
        cols = [d[0] for d in cur.description or []]
        return cols, cur.fetchall()
    except duckdb.Error as exc:
        raise WarehouseError(f"query failed: {exc}") from exc


def fetch_dicts(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] | None = None
                ) -> list[dict[str, Any]]:
    cols, rows = fetch(con, sql, params)
    return [dict(zip(cols, row, strict=True)) for row in rows]


def view_names(con: duckdb.DuckDBPyConnection, schema: str) -> list[str]:
    """The views of one schema, `schema.view`, in name order."""
    rows = con.execute(
        "SELECT schema_name || '.' || view_name FROM duckdb_views() "
        "WHERE NOT internal AND schema_name = ? ORDER BY view_name", [schema]
    ).fetchall()
    return [r[0] for r in rows]


def copy_query(con: duckdb.DuckDBPyConnection, query: str, dest: Path, fmt: str,
               partition_by: Sequence[str] = ()) -> None:
    """COPY a query's rows to a file (or, partitioned, to a Hive-style folder tree).

    Parquet is zstd-compressed; CSV has a header. `dest` must not exist yet: the caller writes into
    a fresh folder and swaps it in, so stale partitions never linger.
    """
    if fmt == "parquet":
        options = ["FORMAT parquet", "COMPRESSION zstd"]
    elif fmt == "csv":
        options = ["FORMAT csv", "HEADER true"]
    else:
        raise WarehouseError(f"unknown export format {fmt!r} (parquet or csv)")
    if partition_by:
        options.append("PARTITION_BY (" + ", ".join(f'"{c}"' for c in partition_by) + ")")
    try:
        con.execute(f"COPY ({query}) TO {_quote(str(dest))} ({', '.join(options)})")
    except duckdb.Error as exc:
        raise WarehouseError(f"export to {dest} failed: {exc}") from exc


# ---------------------------------------------------------------- describing the views (docs)


@dataclass(frozen=True)
class ColumnDoc:
    name: str
    type: str
    comment: str


@dataclass(frozen=True)
class ViewDoc:
    name: str  # schema.view
    description: str
    grain: str
    columns: list[ColumnDoc]


def describe_views(con: duckdb.DuckDBPyConnection, schemas: Sequence[str] = ("staging", "marts")) -> list[ViewDoc]:
    """Every view of the schemas with its COMMENT (split into description and grain) and columns."""
    docs: list[ViewDoc] = []
    for schema in schemas:
        views = con.execute(
            "SELECT view_name, coalesce(comment, '') FROM duckdb_views() "
            "WHERE NOT internal AND schema_name = ? ORDER BY view_name", [schema]
        ).fetchall()
        for view, comment in views:
            description, _, grain = comment.partition(" Grain: ")
            cols = con.execute(
                "SELECT column_name, data_type, coalesce(comment, '') FROM duckdb_columns() "
                "WHERE schema_name = ? AND table_name = ? ORDER BY column_index", [schema, view]
            ).fetchall()
            docs.append(ViewDoc(f"{schema}.{view}", description.strip(), grain.strip(),
                                [ColumnDoc(n, t, c) for n, t, c in cols]))
    return docs


@contextmanager
def catalog() -> Iterator[duckdb.DuckDBPyConnection]:
    """An empty in-memory warehouse with every migration and view applied: the schema as the code
    defines it, no data needed (what `newsdw docs` documents)."""
    con = duckdb.connect(":memory:")
    try:
        migrate(con)
        apply_views(con)
        yield con
    finally:
        con.close()
