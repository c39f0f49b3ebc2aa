"""Publishing the read-only snapshot BI reads: a file copy, or COPY FROM DATABASE into an older storage
version, skipped when the snapshot already reflects the warehouse."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import duckdb

from flows.warehouse import schema
from flows.warehouse.connect import Connection, quote
from flows.warehouse.errors import WarehouseError

SNAPSHOT_STORAGE_VERSION = "v1.4.0"  # DuckDB 1.4+ readers (BI drivers lag behind the engine)
# New warehouse files are created in the snapshot's storage version, so that publishing is a file copy
# (see publish). Applies only when the file is created; an existing file keeps its version.
WRITER_STORAGE_VERSION = SNAPSHOT_STORAGE_VERSION


def publish_snapshot(con: Connection, target: Path) -> Path:
    """Copy the whole database into `target` in a storage version older readers open.

    Written to a temp file and renamed into place: a reader sees the old or the new file, never
    a partial one. Readers already connected keep the old copy.
    """
    tmp = _snapshot_temp(target)
    con.execute("CHECKPOINT")
    src = con.execute("SELECT current_database()").fetchone()
    assert src is not None
    try:
        con.execute(f"ATTACH {quote(str(tmp))} AS _snapshot (STORAGE_VERSION '{SNAPSHOT_STORAGE_VERSION}')")
        con.execute(f'COPY FROM DATABASE "{src[0]}" TO _snapshot')
        # COPY FROM DATABASE does not carry comments; BI tools show them, so re-issue them.
        con.execute("USE _snapshot")
        try:
            for spec in schema.view_specs():
                schema.comment_view(con, spec)
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

    Any pid's: the caller holds the run lock, so no other publish is live, and a killed run's temp
    file carries that run's pid, not ours.
    """
    for stale in target.parent.glob(f".{target.name}.*.tmp*"):
        stale.unlink(missing_ok=True)
    return target.with_name(f".{target.name}.{os.getpid()}.tmp")


def publish(con: Connection, target: Path) -> str:
    """Write the read-only snapshot for BI; returns how: 'file-copy' or 'copy-database'.

    A warehouse created by newsdw is already in the snapshot's storage version (see
    WRITER_STORAGE_VERSION), so after a CHECKPOINT its file *is* a valid snapshot, and a file copy
    spares rewriting and recompressing every row on every run. A warehouse in a newer storage
    version is published through COPY FROM DATABASE.
    """
    if storage_version(con) == SNAPSHOT_STORAGE_VERSION:
        copy_snapshot(con, target)
        return "file-copy"
    publish_snapshot(con, target)
    return "copy-database"


def publish_fingerprint(con: Connection) -> str:
    """What a snapshot must reflect, as a hash: the latest load that wrote anything, migrations, views.

    Every write of a run goes through load_batch (which counts `batches`, in the batch's own
    transaction), mark_gone (`files_gone`) or start_load (a crashed load's status), so a load with
    none of those wrote nothing but its own ops.loads row.
    """
    last = con.execute(
        "SELECT load_id FROM ops.loads WHERE batches > 0 OR files_gone > 0 OR status NOT IN ('completed', 'running') "
        "ORDER BY started_at DESC, load_id DESC LIMIT 1").fetchone()
    migrations = con.execute("SELECT name, checksum FROM ops.schema_migrations ORDER BY name").fetchall()
    return hashlib.sha256(repr((last[0] if last else None, migrations, schema.view_specs())).encode()).hexdigest()


def publish_if_changed(con: Connection, target: Path, load_id: str) -> str:
    """publish(), unless the snapshot at `target` already reflects the warehouse: then 'unchanged'.

    The one thing an unchanged snapshot lacks is the ops.loads rows of the runs that found nothing
    new; they appear in it with the next run that changes something. Copying the whole warehouse to
    add that row would be most of the cost of a run that found nothing.
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


def storage_version(con: Connection) -> str:
    """The storage version of the connection's database file, e.g. 'v1.4.0' ('' when unknown)."""
    row = con.execute(
        "SELECT tags FROM duckdb_databases() WHERE database_name = current_database()").fetchone()
    tags = row[0] if row else {}
    return str(tags.get("storage_version", "")).rstrip("+")


def copy_snapshot(con: Connection, target: Path) -> Path:
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
