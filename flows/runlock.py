"""One writer at a time: an advisory lock on a file beside the warehouse.

DuckDB itself refuses a second writer with an IO error; taking our own lock first lets a second
run wait politely and then say who holds the warehouse, instead of failing with a traceback.
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO


class RunLocked(Exception):
    """Another run holds the warehouse for longer than we were willing to wait."""


def _holder(handle: IO[str]) -> str:
    try:
        handle.seek(0)
        info = json.loads(handle.read() or "{}")
    except (OSError, ValueError):
        return "another run"
    parts = []
    if "pid" in info:
        parts.append(f"pid {info['pid']}")
    if info.get("flow_run_id"):
        parts.append(f"flow run {info['flow_run_id']}")
    return f"another run ({', '.join(parts)})" if parts else "another run"


@contextmanager
def run_lock(path: Path, wait_s: float, *, flow_run_id: str | None = None) -> Iterator[None]:
    """Hold an exclusive lock on `path` for the duration; wait up to wait_s seconds for it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+", encoding="utf-8") as handle:
        deadline = time.monotonic() + wait_s
        delay = 0.05
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise RunLocked(
                        f"the warehouse is being written by {_holder(handle)}; waited {wait_s:.0f} s "
                        f"for lock {path} (use --wait to wait longer)"
                    ) from None
                time.sleep(delay)
                delay = min(delay * 2, 1.0)
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps({"pid": os.getpid(), "flow_run_id": flow_run_id, "since": time.time()}))
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            handle.flush()
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
