"""The project's warehouse errors, and the mapping of DuckDB's errors onto them.

WarehouseLocked is transient (another process holds the file); every other WarehouseError is terminal.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb


class WarehouseError(Exception):
    """A terminal warehouse problem: retrying will not help."""


class WarehouseLocked(WarehouseError):
    """Another process holds the DuckDB file. Transient: retry with backoff."""


def map_error(exc: duckdb.Error, path: Path) -> WarehouseError:
    """A lock held by another process becomes WarehouseLocked (naming the holder); anything else WarehouseError."""
    msg = str(exc)
    if "Could not set lock" in msg or "Conflicting lock" in msg:
        holder = re.search(r"PID (\d+)", msg)
        who = f" (held by process {holder.group(1)})" if holder else ""
        return WarehouseLocked(f"{path} is in use by another process{who}")
    return WarehouseError(msg)
