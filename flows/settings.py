"""One frozen settings object, built when a flow or command starts (never at import).

Each default is written once, as the dataclass field's default; ENV_VARS maps each NEWSDW_* variable
to the field it sets (docs/operations.md lists them; tests/test_docs.py keeps the two in step).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import MISSING, dataclass, field, fields, replace
from pathlib import Path
from typing import Any, ClassVar

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TASK_RUNNERS = ("default", "dask")


def _text(name: str, raw: str) -> str:
    return raw


def _path(name: str, raw: str) -> Path:
    return Path(raw)


def _int(name: str, raw: str) -> int:
    try:
        return int(raw)
    except ValueError as exc:
        raise ValueError(f"{name} must be a whole number, got {raw!r}") from exc


def _seconds(name: str, raw: str) -> float:
    try:
        return float(raw)
    except ValueError as exc:
        raise ValueError(f"{name} must be a number of seconds, got {raw!r}") from exc


def _flag(name: str, raw: str) -> bool:
    return raw.strip().lower() in {"1", "true", "yes"}


def names(raw: str) -> tuple[str, ...]:
    """'a, b,,c' -> ('a', 'b', 'c'): a comma-separated list of names, blanks dropped."""
    return tuple(part.strip() for part in raw.split(",") if part.strip())


def _names(name: str, raw: str) -> tuple[str, ...]:
    return names(raw)


@dataclass(frozen=True)
class EnvVar:
    """A NEWSDW_* environment variable: the Settings field it sets and how its text is read."""

    name: str
    field: str
    parse: Callable[[str, str], Any]
    description: str


# Unset or blank means the field's default.
ENV_VARS: tuple[EnvVar, ...] = (
    EnvVar("NEWSDW_RAW_DIR", "raw_dir", _path, "the raw folder to load (default `data/raw`)"),
    EnvVar("NEWSDW_WAREHOUSE", "warehouse", _path,
           "the DuckDB file (default `data/warehouse/news.duckdb`); the snapshot is `<name>_bi.duckdb` beside it"),
    EnvVar("NEWSDW_BATCH_SIZE", "batch_size", _int, "files per batch, one transaction each (default 2,000)"),
    EnvVar("NEWSDW_BATCH_BYTES", "batch_bytes", _int,
           "bytes of files per batch (default 8 MiB): what bounds a run's memory when pages are long"),
    EnvVar("NEWSDW_WORKERS", "workers", _int, "parser processes (default 0: one per core)"),
    EnvVar("NEWSDW_MAX_FILE_BYTES", "max_file_bytes", _int,
           "larger files are rejected `too_large` unread (default 20 MiB)"),
    EnvVar("NEWSDW_FOLLOW_SYMLINKS", "follow_symlinks", _flag,
           "`1`, `true` or `yes` follows symbolic links (default: refused, `symlink_not_followed`)"),
    EnvVar("NEWSDW_DEFAULT_ZONE", "default_zone", _text,
           "time zone assumed for timestamps that name none (default `Asia/Kolkata`)"),
    EnvVar("NEWSDW_LOCK_WAIT_S", "lock_wait_s", _seconds,
           "seconds a run waits for another run or a DuckDB lock before giving up (default 180)"),
    EnvVar("NEWSDW_EXPORT_DIR", "export_dir", _path,
           "when set, every run ends by exporting the marts there as Parquet (as `newsdw export --out DIR`)"),
    EnvVar("NEWSDW_TASK_RUNNER", "task_runner", _text, "`default` (a process pool here) or `dask`"),
    EnvVar("NEWSDW_DASK_ADDRESS", "dask_address", _text, "`tcp://host:port` of a Dask scheduler (task runner dask)"),
    EnvVar("NEWSDW_PROGRESS_FILE", "progress_file", _path, "a file the run appends JSON lines of progress to"),
    EnvVar("NEWSDW_STAGES", "stages", _names,
           "comma-separated corpus stages to run (default: `sources`; `all` for every stage, `none` for none); "
           "as `--stages`"),
)


@dataclass(frozen=True)
class Settings:
    """Everything a run needs to know. Env vars (NEWSDW_*) override defaults; arguments override env."""

    ENV_VARS: ClassVar[tuple[EnvVar, ...]] = ENV_VARS

    raw_dir: Path = PROJECT_ROOT / "data" / "raw"
    warehouse: Path = PROJECT_ROOT / "data" / "warehouse" / "news.duckdb"
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
    progress_file: Path | None = None  # JSON lines of run progress (flows/runlog.py)
    stages: tuple[str, ...] = ()  # corpus stages to run, by name; () = all (flows/corpus/)
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
    def defaults(cls) -> dict[str, Any]:
        """field -> default value, for every field with one."""
        return {f.name: f.default for f in fields(cls) if f.default is not MISSING}

    @classmethod
    def env_vars(cls) -> dict[str, str]:
        """NEWSDW_* variable -> what it sets."""
        return {var.name: var.description for var in cls.ENV_VARS}

    @classmethod
    def from_env(cls, **overrides: Any) -> Settings:
        """Defaults <- NEWSDW_* environment <- explicit overrides (None means 'not given')."""
        from_environment: dict[str, Any] = {}
        for var in cls.ENV_VARS:
            raw = os.environ.get(var.name)
            if raw is not None and raw.strip() != "":
                from_environment[var.field] = var.parse(var.name, raw)
        given = {k: v for k, v in overrides.items() if v is not None}
        for key in ("raw_dir", "warehouse", "export_dir", "progress_file"):
            if key in given:
                given[key] = Path(given[key])
        if "stages" in given:  # `--stages a,b` arrives as text
            stages = given["stages"]
            given["stages"] = names(stages) if isinstance(stages, str) else tuple(stages)
        settings = cls(**{**from_environment, **given})
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
