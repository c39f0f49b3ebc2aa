"""Reading: the published snapshot opened read-only, queries as rows, dicts or polars frames, and
COPY of a query's rows to Parquet or CSV."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from flows.warehouse.connect import Connection, connect, quote
from flows.warehouse.errors import WarehouseError


@contextmanager
def read_snapshot(path: Path, *, external_access: bool = False) -> Iterator[Connection]:
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


def query_frame(con: Connection, sql: str) -> pl.DataFrame:
    """A query's result as a polars frame, through Arrow (no Python objects per row)."""
    table = con.sql(sql).to_arrow_table()
    frame = pl.from_arrow(table) if table is not None else pl.DataFrame()
    assert isinstance(frame, pl.DataFrame)
    return frame


def fetch(con: Connection, sql: str, params: Sequence[Any] | None = None
          ) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run one query; return its column names and rows."""
    try:
        cur = con.execute(sql, list(params) if params is not None else None)
        cols = [d[0] for d in cur.description or []]
        return cols, cur.fetchall()
    except duckdb.Error as exc:
        raise WarehouseError(f"query failed: {exc}") from exc


def fetch_dicts(con: Connection, sql: str, params: Sequence[Any] | None = None) -> list[dict[str, Any]]:
    """Run one query; return its rows as dicts keyed by column name."""
    cols, rows = fetch(con, sql, params)
    return [dict(zip(cols, row, strict=True)) for row in rows]


def view_names(con: Connection, schema: str) -> list[str]:
    """The views of one schema, `schema.view`, in name order."""
    rows = con.execute(
        "SELECT schema_name || '.' || view_name FROM duckdb_views() "
        "WHERE NOT internal AND schema_name = ? ORDER BY view_name", [schema]
    ).fetchall()
    return [r[0] for r in rows]


def copy_query(con: Connection, query: str, dest: Path, fmt: str, partition_by: Sequence[str] = ()) -> None:
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
        con.execute(f"COPY ({query}) TO {quote(str(dest))} ({', '.join(options)})")
    except duckdb.Error as exc:
        raise WarehouseError(f"export to {dest} failed: {exc}") from exc
