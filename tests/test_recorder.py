"""flows/recorder.py: one event -> a log line, a run-log line and (for progress) a listener call."""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

import pytest

from flows import progress
from flows.recorder import RunRecorder


def test_an_event_is_logged_and_appended_to_the_run_log(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    log_file = tmp_path / "run.jsonl"
    rec = RunRecorder("L1", log_file)
    with caplog.at_level(logging.INFO, logger="newsdw"):
        rec.event("batch", "batch of 3 loaded", files=3)
        rec.event("published")
    lines = [json.loads(line) for line in log_file.read_text(encoding="utf-8").splitlines()]
    assert [(x["event"], x["load_id"]) for x in lines] == [("batch", "L1"), ("published", "L1")]
    assert lines[0]["files"] == 3
    assert [r.name for r in caplog.records] == ["newsdw.run"]
    assert "L1" in caplog.records[0].getMessage() and "batch of 3 loaded" in caplog.records[0].getMessage()


def test_phases_add_up_and_survive_an_exception() -> None:
    rec = RunRecorder("L2")
    rec.add_time("load", 0.25)
    with rec.phase("load"):
        pass
    with pytest.raises(ValueError), rec.phase("publish"):
        raise ValueError("boom")
    assert rec.timings["load"] >= 0.25
    assert "publish" in rec.timings


def test_a_phase_records_this_process_cpu_apart_from_its_wall_time() -> None:
    rec = RunRecorder("L4")
    with rec.phase("sleep"):
        time.sleep(0.3)  # waiting: wall time, next to no CPU
    with rec.phase("work"):
        deadline = time.process_time() + 0.3
        while time.process_time() < deadline:
            pass
    assert rec.timings["sleep"] >= 0.3 and rec.cpu_timings["sleep"] < 0.1
    assert rec.cpu_timings["work"] >= 0.3


def test_progress_reaches_listeners() -> None:
    seen: list[tuple[int, int]] = []
    with progress.listening(lambda e: seen.append((e.done, e.total))):
        RunRecorder("L3").progress(2, 5)
    assert seen == [(2, 5)]
