"""One recorder per run: an event becomes a log line, a JSON run-log line and a progress update, and
`with recorder.phase("publish"):` records how long a phase took. Passed down once, instead of a logger,
the run log, the progress bar and timers threaded through every function by hand. No Prefect here:
loggers are under `newsdw.*`, which the CLI hands to Prefect (PREFECT_LOGGING_EXTRA_LOGGERS)."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from flows import progress, runlog


class RunRecorder:
    """Records one load's events and phase timings: wall seconds, and the CPU seconds of this process (the
    flow's: its DuckDB threads included, the parser workers not), rounded to ms."""

    def __init__(self, load_id: str, progress_file: Path | None = None, logger: str = "newsdw.run") -> None:
        self.load_id = load_id
        self.progress_file = progress_file
        self.log = logging.getLogger(logger)
        self.timings: dict[str, float] = {}
        self.cpu_timings: dict[str, float] = {}
        self.worker_cpu: dict[str, float] = {}  # CPU seconds the parser workers spent, by phase
        base = logging.getLogger("newsdw")
        if base.level == logging.NOTSET:
            # Prefect hands its handlers to extra loggers (PREFECT_LOGGING_EXTRA_LOGGERS) but not its level:
            # without one, INFO lines would stop at the root logger's WARNING and never reach the run's logs.
            base.setLevel(os.environ.get("PREFECT_LOGGING_LEVEL", "INFO").upper())

    def event(self, name: str, message: str | None = None, *, level: int = logging.INFO, **data: Any) -> None:
        """Append `name` and `data` to the run log (NEWSDW_PROGRESS_FILE); log `message` if given.

        Callers record an event only once what it reports is durable (see flows/runlog.py)."""
        if message is not None:
            self.log.log(level, "load %s: %s", self.load_id, message)
        runlog.append(self.progress_file, name, load_id=self.load_id, **data)

    def progress(self, done: int, total: int) -> None:
        """Where the run is, for a progress bar (flows/progress.py)."""
        progress.report(done, total)

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        """Time the block into timings[name] and cpu_timings[name] (added to what earlier blocks of that
        name took)."""
        started, cpu = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            self.add_time(name, time.perf_counter() - started, time.process_time() - cpu)

    def add_time(self, name: str, seconds: float, cpu_seconds: float = 0.0) -> None:
        self.timings[name] = round(self.timings.get(name, 0.0) + seconds, 3)
        self.cpu_timings[name] = round(self.cpu_timings.get(name, 0.0) + cpu_seconds, 3)

    def add_worker_cpu(self, name: str, cpu_seconds: float) -> None:
        """Add CPU seconds the parser workers spent on this phase's work (they report their own)."""
        self.worker_cpu[name] = round(self.worker_cpu.get(name, 0.0) + cpu_seconds, 3)
