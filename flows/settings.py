"""One frozen settings object, built when a flow or command starts (never at import)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TASK_RUNNERS = ("default", "dask")


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ValueError(f"{name} must be a whole number, got {raw!r}") from exc


@dataclass(frozen=True)
class Settings:
    """Everything a run needs to know. Env vars (NEWSDW_*) override defaults; arguments override env."""

    raw_dir: Path
    warehouse: Path
    batch_size: int = 2000  # files per batch: one transaction, two Prefect task runs (~10 ms each)
    batch_bytes: int = 8 * 1024 * 1024  # and at most this many bytes of files per batch (its memory)
    workers: int = 0  # 0 = one per core (os.cpu_count())
    max_file_bytes: int = 20 * 1024 * 1024
    follow_symlinks: bool = False
    default_zone: str = "Asia/Kolkata"
    lock_wait_s: float = 180.0
    export_dir: Path | None = None
    task_runner: str = "default"  # default (a process pool in the flow's machine) | dask
    dask_address: str | None = None  # tcp://host:port of a Dask scheduler (task_runner dask)
    progress_file: Path | None = None  # JSON lines of run progress (flows/progress.py)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def snapshot(self) -> Path:
        """The read-only copy BI tools and `newsdw query` read."""
        return self.warehouse.with_name(self.warehouse.stem + "_bi" + self.warehouse.suffix)

    @property
    def lock_file(self) -> Path:
        return self.warehouse.with_name(self.warehouse.name + ".lock")

    @property
    def effective_workers(self) -> int:
        return self.workers if self.workers > 0 else (os.cpu_count() or 1)

    @classmethod
    def from_env(cls, **overrides: Any) -> Settings:
        """Defaults <- NEWSDW_* environment <- explicit overrides (None means 'not given')."""
        base = cls(
            raw_dir=Path(os.environ.get("NEWSDW_RAW_DIR", PROJECT_ROOT / "data" / "raw")),
            warehouse=Path(
                os.environ.get("NEWSDW_WAREHOUSE", PROJECT_ROOT / "data" / "warehouse" / "news.duckdb")
            ),
            batch_size=_env_int("NEWSDW_BATCH_SIZE", 2000),
            batch_bytes=_env_int("NEWSDW_BATCH_BYTES", 8 * 1024 * 1024),
            workers=_env_int("NEWSDW_WORKERS", 0),
            max_file_bytes=_env_int("NEWSDW_MAX_FILE_BYTES", 20 * 1024 * 1024),
            follow_symlinks=os.environ.get("NEWSDW_FOLLOW_SYMLINKS", "") in {"1", "true", "yes"},
            default_zone=os.environ.get("NEWSDW_DEFAULT_ZONE", "Asia/Kolkata"),
            lock_wait_s=float(os.environ.get("NEWSDW_LOCK_WAIT_S", "180")),
            export_dir=Path(p) if (p := os.environ.get("NEWSDW_EXPORT_DIR")) else None,
            task_runner=os.environ.get("NEWSDW_TASK_RUNNER") or "default",
            dask_address=os.environ.get("NEWSDW_DASK_ADDRESS") or None,
            progress_file=Path(p) if (p := os.environ.get("NEWSDW_PROGRESS_FILE")) else None,
        )
        given = {k: v for k, v in overrides.items() if v is not None}
        for key in ("raw_dir", "warehouse", "export_dir", "progress_file"):
            if key in given:
                given[key] = Path(given[key])
        settings = replace(base, **given)
        if settings.batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        if settings.batch_bytes < 1:
            raise ValueError("batch_bytes must be at least 1")
        if settings.task_runner not in TASK_RUNNERS:
            raise ValueError(f"task runner must be one of {', '.join(TASK_RUNNERS)}, got {settings.task_runner!r}")
        return replace(
            settings,
            raw_dir=settings.raw_dir.expanduser().resolve(),
            warehouse=settings.warehouse.expanduser().resolve(),
        )
