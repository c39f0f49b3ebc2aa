"""A run's progress as JSON lines appended to a file (NEWSDW_PROGRESS_FILE): for monitoring and tests.

(flows/progress.py draws the progress bar for a person at a terminal; this is the machine-readable log.)

Each line is written *after* what it reports is durable: a `batch` line only once that batch's
transaction has committed, so every file_version_id a `batch` line names must be in the warehouse,
whatever happens to the process afterwards. Plain appends of one short line: a reader (a tail -f,
a dashboard, the kill test) never needs the warehouse file, which the run holds exclusively.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any


def append(path: Path | None, event: str, **data: Any) -> None:
    """Append {t, pid, event, **data} to `path`; does nothing when no progress file is configured."""
    if path is None:
        return
    line = json.dumps({"t": time.time(), "pid": os.getpid(), "event": event, **data}, ensure_ascii=False)
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(line + "\n")
