"""`newsdw reparse` killed with -9 mid-way resumes where it stopped: the real CLI, a real DuckDB file."""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import pytest

from flows.steps.ruleset import rules_checksum
from tests.reliability.corpus import write_articles
from tests.reliability.helpers import cli, popen_cli, query

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def _batches(progress: Path) -> int:
    if not progress.exists():
        return 0
    lines = progress.read_text(encoding="utf-8").splitlines()
    return sum(1 for line in lines if line.endswith("}") and json.loads(line)["event"] == "batch")


def test_a_reparse_killed_mid_way_resumes_and_ends_as_an_uninterrupted_one(
        tmp_path: Path, flow_env: dict[str, str]) -> None:
    raw, db = tmp_path / "raw", tmp_path / "wh" / "news.duckdb"
    write_articles(raw, 120)
    assert cli("run", "--raw", str(raw), "--warehouse", str(db), env=flow_env).returncode == 0
    bodies = query(db, "SELECT file_version_id, body, words, language FROM core.articles ORDER BY 1")

    progress = tmp_path / "reparse.jsonl"
    env = {**flow_env, "NEWSDW_PROGRESS_FILE": str(progress)}
    proc = popen_cli("reparse", "--all", "--batch-size", "10", "--workers", "1", "--warehouse", str(db),
                     env=env, new_session=True, capture=False)
    deadline = time.monotonic() + 300
    while _batches(progress) < 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "the reparse ended before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    left = query(db, "SELECT count(*) FROM ops.reparse_queue")[0][0]
    assert 0 < left < 120  # some batches committed, the rest still queued
    assert query(db, "SELECT count(*) FROM core.articles")[0][0] == 120  # nothing lost

    done = cli("reparse", "--warehouse", str(db), env=flow_env)
    assert done.returncode == 0, done.stderr
    assert f"articles re-derived {left}" in done.stdout
    assert query(db, "SELECT count(*) FROM ops.reparse_queue") == [(0,)]
    assert query(db, "SELECT count(*) FROM core.articles WHERE rules_checksum = ?", [rules_checksum()]) == [(120,)]
    assert query(db, "SELECT file_version_id, body, words, language FROM core.articles ORDER BY 1") == bodies
    assert query(db, "SELECT kind, status FROM ops.loads ORDER BY started_at") == \
        [("ingest", "completed"), ("reparse", "crashed"), ("reparse", "completed")]
