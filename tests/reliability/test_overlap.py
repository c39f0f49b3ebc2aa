"""Overlapping runs, a DuckDB lock held by someone else, and BI readers on the snapshot during a run."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from flows import warehouse as wh
from flows.runlock import RunLocked, read_holder, run_lock
from tests.reliability.corpus import write_articles
from tests.reliability.helpers import ROOT, cli, popen_cli, query

LOCK_TRACEBACKS = ("Traceback", "Could not set lock", "IOException", "IO Error")


def _hold_run_lock(lock: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys
            from pathlib import Path
            from flows.runlock import run_lock
            with run_lock(Path({str(lock)!r}), 0, flow_run_id="fr-1234"):
                print("held", flush=True)
                sys.stdin.readline()
        """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def test_second_locker_waits_then_names_the_holder(tmp_path: Path) -> None:
    lock = tmp_path / "w.duckdb.lock"
    holder = _hold_run_lock(lock)
    try:
        waited: list[str] = []
        started = time.monotonic()
        with pytest.raises(RunLocked) as info, run_lock(lock, 1.0, on_wait=waited.append):
            pass
        assert 1.0 <= time.monotonic() - started < 5
        assert f"pid {holder.pid}" in str(info.value) and "flow run fr-1234" in str(info.value)
        assert len(waited) == 1 and f"pid {holder.pid}" in waited[0]
    finally:
        holder.communicate("\n", timeout=30)
    with run_lock(lock, 0):  # free again once the holder is gone
        assert read_holder(lock)["pid"] != holder.pid


def test_a_killed_holder_leaves_no_lock_behind(tmp_path: Path) -> None:
    lock = tmp_path / "w.duckdb.lock"
    holder = _hold_run_lock(lock)
    holder.kill()
    holder.wait(timeout=30)
    assert read_holder(lock).get("pid") == holder.pid  # the stale note is still there...
    with run_lock(lock, 0):  # ...but the kernel released the lock with the process
        pass


def test_the_lock_is_reentrant_in_one_process_and_records_the_flow_run(tmp_path: Path) -> None:
    lock = tmp_path / "w.duckdb.lock"
    with run_lock(lock, 0):
        with run_lock(lock, 0, flow_run_id="inner-run"):
            assert read_holder(lock)["flow_run_id"] == "inner-run"
        assert read_holder(lock)["flow_run_id"] == "inner-run"  # the outer one still holds it
    assert read_holder(lock) == {}


@pytest.mark.e2e
@pytest.mark.slow
def test_two_runs_started_together(tmp_path: Path, flow_env: dict[str, str]) -> None:
    raw, whf = tmp_path / "raw", tmp_path / "wh" / "news.duckdb"
    write_articles(raw, 120)
    con = wh.connect(whf)
    wh.migrate(con)
    con.close()
    args = ("run", "--raw", str(raw), "--warehouse", str(whf))
    # The first run must surely still be running while the others start: 120 articles load in well
    # under the second's 2 s wait on a fast machine. So a notebook holds the DuckDB file open, and the
    # first run, holding the run lock, retries its connection until the test lets go.
    notebook = _hold_duckdb(whf, None)
    first = popen_cli(*args, "--wait", "600", env=flow_env)
    third: subprocess.Popen[str] | None = None
    try:
        lock = whf.with_name("news.duckdb.lock")
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and not read_holder(lock).get("flow_run_id") and first.poll() is None:
            time.sleep(0.2)
        holder = read_holder(lock)
        assert holder.get("pid") == first.pid, "the first run never took the lock"
        # A patient one waits for the first and then runs (finding nothing new).
        third = popen_cli(*args, "--wait", "600", env=flow_env)
        # The second gives up after --wait seconds, naming the first run; it never starts a flow run.
        started = time.monotonic()
        second = cli(*args, "--wait", "2", env=flow_env)
        assert second.returncode == 3
        assert f"pid {first.pid}" in second.stderr and f"flow run {holder['flow_run_id']}" in second.stderr
        assert "waited 2 s" in second.stderr and "--wait" in second.stderr
        assert not any(t in second.stderr for t in LOCK_TRACEBACKS), second.stderr
        assert time.monotonic() - started < 60  # no Prefect start-up was paid to be told "busy"
        assert first.poll() is None, "the first run ended before the others started: the test proved nothing"
        notebook.communicate("\n", timeout=30)
        out1, err1 = first.communicate(timeout=600)
        out3, err3 = third.communicate(timeout=600)
    finally:
        for p in (notebook, first, third):
            if p is not None and p.poll() is None:
                p.kill()
    assert first.returncode == 0, err1
    assert "loaded 120, unchanged 0" in out1
    assert third.returncode == 0, err3
    assert "waiting up to 600 s" in err3 and "loaded 0, unchanged 120" in out3
    # Both runs are in the warehouse; the patient one found nothing new, so it kept the snapshot.
    assert "kept as it was" in out3
    loads = query(whf, "SELECT status FROM ops.loads ORDER BY started_at")
    assert loads == [("completed",), ("completed",)]


def _hold_duckdb(path: Path, seconds: float | None) -> subprocess.Popen[str]:
    """Another process (a BI tool pointed at the wrong file, a notebook) holding the warehouse itself."""
    release = "sys.stdin.readline()" if seconds is None else f"time.sleep({seconds})"
    proc = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, time, duckdb
        con = duckdb.connect({str(path)!r}, read_only=True)
        print("holding", flush=True)
        {release}
        con.close()
    """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "holding"
    return proc


@pytest.mark.e2e
@pytest.mark.slow
def test_duckdb_lock_from_another_process_is_retried_then_reported(tmp_path: Path, flow_env: dict[str, str]) -> None:
    raw, whf = tmp_path / "raw", tmp_path / "wh" / "news.duckdb"
    write_articles(raw, 5)
    con = wh.connect(whf)
    wh.migrate(con)
    con.close()
    args = ("run", "--raw", str(raw), "--warehouse", str(whf))
    holder = _hold_duckdb(whf, None)
    try:
        gave_up = cli(*args, "--wait", "3", env=flow_env)
    finally:
        holder.communicate("\n", timeout=30)
    assert gave_up.returncode == 3
    assert re.search(rf"in use by another process \(held by process {holder.pid}\).*gave up after 3 s",
                     gave_up.stderr), gave_up.stderr
    assert "Traceback" not in gave_up.stderr
    # Released while the run is retrying: the run goes on and completes.
    holder = _hold_duckdb(whf, 8)
    done = cli(*args, "--wait", "120", env=flow_env)
    holder.wait(timeout=60)
    assert done.returncode == 0, done.stderr
    assert "loaded 5, unchanged 0" in done.stdout
    assert "Traceback" not in done.stderr


BI_READER = textwrap.dedent("""
    import sys, time, duckdb
    snap = sys.argv[1]
    cons = [duckdb.connect(snap, read_only=True) for _ in range(3)]
    print("open", cons[0].execute("SELECT count(*) FROM marts.articles").fetchone()[0], flush=True)
    counts = set()
    while not sys.stdin.closed:
        line = sys.stdin.readline()
        if not line or line.strip() == "stop":
            break
        counts.update(c.execute("SELECT count(*) FROM marts.articles").fetchone()[0] for c in cons)
        print("seen", sorted(counts), flush=True)
""")


@pytest.mark.e2e
@pytest.mark.slow
def test_bi_readers_hold_the_snapshot_through_a_run(tmp_path: Path, flow_env: dict[str, str]) -> None:
    raw, whf = tmp_path / "raw", tmp_path / "wh" / "news.duckdb"
    snap = whf.with_name("news_bi.duckdb")
    write_articles(raw, 6, seed=1)
    args = ("run", "--raw", str(raw), "--warehouse", str(whf))
    assert cli(*args, env=flow_env).returncode == 0
    reader = subprocess.Popen([sys.executable, "-c", BI_READER, str(snap)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert reader.stdin is not None and reader.stdout is not None
        assert reader.stdout.readline().strip() == "open 6"
        write_articles(raw / "more", 4, seed=2)
        run = popen_cli(*args, env=flow_env)
        while run.poll() is None:  # the readers keep querying while the run loads and republishes
            reader.stdin.write("q\n")
            reader.stdin.flush()
            assert reader.stdout.readline().startswith("seen [6]")
            time.sleep(0.5)
        out, err = run.communicate()
        assert run.returncode == 0, err
        assert "loaded 4, unchanged 6" in out
        # Connections opened before the run still see the old snapshot, whole...
        reader.stdin.write("q\n")
        reader.stdin.flush()
        assert reader.stdout.readline().strip() == "seen [6]"
        # ...while a new reader sees the new one.
        assert query(snap, "SELECT count(*) FROM marts.articles") == [(10,)]
    finally:
        if reader.poll() is None:
            reader.communicate("stop\n", timeout=30)


def test_run_paths_are_checked_before_any_flow_starts(tmp_path: Path) -> None:
    started = time.monotonic()
    missing = cli("run", "--raw", str(tmp_path / "nope"), "--warehouse", str(tmp_path / "w.duckdb"))
    assert missing.returncode == 2
    assert f"raw folder {tmp_path / 'nope'} does not exist" in missing.stderr
    (tmp_path / "raw").mkdir()
    folder = cli("run", "--raw", str(tmp_path / "raw"), "--warehouse", str(tmp_path))
    assert folder.returncode == 2 and "is a folder" in folder.stderr
    assert "Traceback" not in missing.stderr + folder.stderr
    assert time.monotonic() - started < 60  # refused before Prefect started
    assert not (tmp_path / "w.duckdb").exists()
