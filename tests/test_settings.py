"""flows/settings.py: defaults written once, every NEWSDW_* variable listed, env and overrides."""

from __future__ import annotations

import inspect
from dataclasses import fields
from pathlib import Path

import pytest

from flows.settings import PROJECT_ROOT, Settings
from flows.steps.parse import process_file


def test_every_field_but_extra_has_one_variable_and_every_variable_a_field() -> None:
    by_field = [var.field for var in Settings.ENV_VARS]
    assert sorted(by_field) == sorted(f.name for f in fields(Settings) if f.name != "extra")
    assert all(var.name.startswith("NEWSDW_") and var.description for var in Settings.ENV_VARS)
    assert list(Settings.env_vars()) == [var.name for var in Settings.ENV_VARS]


def test_no_environment_gives_the_field_defaults() -> None:
    assert Settings.from_env() == Settings()
    assert Settings().raw_dir == PROJECT_ROOT / "data" / "raw"
    assert Settings.defaults()["batch_size"] == 2000 and Settings.defaults()["stages"] == ()


def test_the_environment_sets_each_field(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    env = {
        "NEWSDW_RAW_DIR": str(tmp_path / "raw"), "NEWSDW_WAREHOUSE": str(tmp_path / "w.duckdb"),
        "NEWSDW_BATCH_SIZE": "10", "NEWSDW_BATCH_BYTES": "1000", "NEWSDW_WORKERS": "3",
        "NEWSDW_MAX_FILE_BYTES": "99", "NEWSDW_FOLLOW_SYMLINKS": "yes", "NEWSDW_DEFAULT_ZONE": "UTC",
        "NEWSDW_LOCK_WAIT_S": "2.5", "NEWSDW_EXPORT_DIR": str(tmp_path / "x"), "NEWSDW_TASK_RUNNER": "dask",
        "NEWSDW_DASK_ADDRESS": "tcp://h:8786", "NEWSDW_PROGRESS_FILE": str(tmp_path / "p.jsonl"),
        "NEWSDW_STAGES": " sources, ,stories ",
    }
    assert set(env) == set(Settings.env_vars())
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    s = Settings.from_env()
    assert (s.raw_dir, s.warehouse, s.snapshot) == (tmp_path / "raw", tmp_path / "w.duckdb", tmp_path / "w_bi.duckdb")
    assert (s.batch_size, s.batch_bytes, s.workers, s.max_file_bytes) == (10, 1000, 3, 99)
    assert (s.follow_symlinks, s.default_zone, s.lock_wait_s) == (True, "UTC", 2.5)
    assert (s.export_dir, s.progress_file) == (tmp_path / "x", tmp_path / "p.jsonl")
    assert (s.task_runner, s.dask_address, s.stages) == ("dask", "tcp://h:8786", ("sources", "stories"))


def test_blank_variables_are_unset_and_arguments_win(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NEWSDW_BATCH_SIZE", "NEWSDW_EXPORT_DIR", "NEWSDW_DASK_ADDRESS", "NEWSDW_STAGES"):
        monkeypatch.setenv(name, " ")
    assert Settings.from_env() == Settings()
    monkeypatch.setenv("NEWSDW_BATCH_SIZE", "10")
    monkeypatch.setenv("NEWSDW_STAGES", "sources")
    s = Settings.from_env(batch_size=7, workers=None, stages="a,b")
    assert (s.batch_size, s.workers, s.stages) == (7, 0, ("a", "b"))
    assert Settings.from_env(stages=["c"]).stages == ("c",)


def test_bad_values_say_which_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSDW_BATCH_SIZE", "lots")
    with pytest.raises(ValueError, match="NEWSDW_BATCH_SIZE must be a whole number, got 'lots'"):
        Settings.from_env()
    monkeypatch.delenv("NEWSDW_BATCH_SIZE")
    monkeypatch.setenv("NEWSDW_LOCK_WAIT_S", "soon")
    with pytest.raises(ValueError, match="NEWSDW_LOCK_WAIT_S must be a number of seconds"):
        Settings.from_env()
    monkeypatch.delenv("NEWSDW_LOCK_WAIT_S")
    with pytest.raises(ValueError, match="batch_size must be at least 1"):
        Settings.from_env(batch_size=0)
    with pytest.raises(ValueError, match="task runner must be one of default, dask, got 'ray'"):
        Settings.from_env(task_runner="ray")


def test_the_parse_steps_fallbacks_are_the_settings_defaults() -> None:
    """process_file keeps its own defaults (steps import nothing of ours): they must not drift."""
    params = inspect.signature(process_file).parameters
    defaults = Settings.defaults()
    assert params["max_bytes"].default == defaults["max_file_bytes"]
    assert params["default_zone"].default == defaults["default_zone"]
