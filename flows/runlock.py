"""One writer at a time: an advisory lock on a file beside the warehouse.

DuckDB itself refuses a second writer with an IO error; taking our own lock first lets a second
run wait politely and then say who holds the warehouse, instead of failing with a traceback.

The lock is re-entrant within a process: `newsdw run` takes it before Prefect starts (so a run that
cannot get it fails in a second, with no flow run and no traceback), and the flow takes it again
inside, which only records the flow run's id for the next one who has to wait. A scheduled
deployment, with no CLI around it, takes it in the flow alone. The kernel drops an flock when its
process dies, so a run killed with -9 never leaves the warehouse locked.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


class RunLocked(Exception):
    """Another run holds the warehouse for longer than we were willing to wait."""


# Locks this process holds: resolved lock path -> (open handle, what the lock file says).
_held: dict[str, tuple[IO[str], dict[str, Any]]] = {}


def read_holder(path: Path) -> dict[str, Any]:
    """What the lock file says about its holder ({} when free or unreadable). Advisory: for messages."""
    try:
        info = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return {}
    return info if isinstance(info, dict) else {}


def describe_holder(info: dict[str, Any]) -> str:
    parts = []
    if "pid" in info:
        parts.append(f"pid {info['pid']}" + (f" on {info['host']}" if info.get("host") else ""))
    if info.get("flow_run_id"):
        parts.append(f"flow run {info['flow_run_id']}")
    if isinstance(info.get("since"), int | float):
        parts.append(f"running for {max(0, time.time() - info['since']):.0f} s")
    return f"another run ({', '.join(parts)})" if parts else "another run"


def _write(handle: IO[str], info: dict[str, Any]) -> None:
    handle.seek(0)
    handle.truncate()
    handle.write(json.dumps(info))
    handle.flush()


@contextmanager
def run_lock(
    path: Path,
    wait_s: float,
    *,
    flow_run_id: str | None = None,
    on_wait: Callable[[str], None] | None = None,
) -> Iterator[None]:
    """Hold an exclusive lock on `path` for the duration; wait up to wait_s seconds for it.

    Raises RunLocked naming the holder (pid, flow run) when the wait runs out. `on_wait` is called
    once, with the holder's description, if the lock is not free at once.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    key = str(path.resolve())
    if key in _held:  # this process already holds it (the CLI around the flow): just say who we are
        held, about = _held[key]
        if flow_run_id:
            about["flow_run_id"] = flow_run_id
            _write(held, about)
        yield
        return
    with open(path, "a+", encoding="utf-8") as handle:
        deadline = time.monotonic() + wait_s
        delay = 0.05
        told = False
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = describe_holder(read_holder(path))
                if time.monotonic() >= deadline:
                    raise RunLocked(
                        f"the warehouse is being written by {holder}; waited {wait_s:.0f} s "
                        f"for lock {path} (use --wait to wait longer)"
                    ) from None
                if on_wait is not None and not told:
                    on_wait(f"the warehouse is being written by {holder}; waiting up to {wait_s:.0f} s")
                    told = True
                time.sleep(min(delay, max(0.0, deadline - time.monotonic())))
                delay = min(delay * 2, 1.0)
        info: dict[str, Any] = {"pid": os.getpid(), "host": socket.gethostname(), "flow_run_id": flow_run_id,
                                "since": time.time()}
        _write(handle, info)
        _held[key] = (handle, info)
        try:
            yield
        finally:
            del _held[key]
            handle.seek(0)
            handle.truncate()
            handle.flush()
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
