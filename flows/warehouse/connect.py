"""Opening the warehouse file (lock retries, the writer's ROW_GROUP_SIZE), transactions, and SQL helpers
shared by the other warehouse modules."""

from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from flows.warehouse.errors import WarehouseLocked, map_error

Connection = duckdb.DuckDBPyConnection

_log = logging.getLogger("newsdw.warehouse")


def connect(
    path: Path,
    *,
    read_only: bool = False,
    retries: int = 0,
    backoff_s: float = 0.5,
    wait_s: float | None = None,
    config: dict[str, Any] | None = None,
    row_group_size: int | None = None,
) -> Connection:
    """Open the file. A lock held by another process is transient: retried with exponential backoff
    (from backoff_s, at most 5 s apart) `retries` times or, with wait_s, for up to wait_s seconds;
    then WarehouseLocked names the holding process.

    row_group_size (writers): rows per row group of what this connection appends; see
    flows.warehouse.write.WRITER_ROW_GROUP_SIZE.
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
            err = map_error(exc, path)
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


def _attach(path: Path, config: dict[str, Any], row_group_size: int) -> Connection:
    """The file ATTACHed to a fresh in-memory instance (ROW_GROUP_SIZE is an ATTACH option, not a setting)."""
    # The alias is the name a plain connect() would give the database, unless DuckDB reserves it.
    alias = quote_ident(path.stem if path.stem not in ("memory", "system", "temp", "main") else "warehouse")
    con = duckdb.connect(":memory:", config=config)
    try:
        con.execute(f"ATTACH {quote(str(path))} AS {alias} (ROW_GROUP_SIZE {int(row_group_size)})")
        con.execute(f"USE {alias}")
    except BaseException:
        con.close()
        raise
    return con


@contextmanager
def transaction(con: Connection) -> Iterator[Connection]:
    """BEGIN ... COMMIT, or ROLLBACK if the block raises."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


_frame_ids = itertools.count()


@contextmanager
def registered(con: Connection, frame: pl.DataFrame, name: str | None = None) -> Iterator[str]:
    """The frame registered with DuckDB for the length of the block; yields the name to query it by.

    The name is unique (`name` is only its prefix), so nested or concurrent registrations never clash.
    """
    view = f"{name or '_frame'}_{next(_frame_ids)}"
    con.register(view, frame)
    try:
        yield view
    finally:
        con.unregister(view)


def quote(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def quote_ident(name: str) -> str:
    """A SQL identifier, double-quoted."""
    return '"' + name.replace('"', '""') + '"'
