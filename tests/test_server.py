"""`newsdw server start|stop|status`: a real `prefect server start`, found by `newsdw run`; the state file.

The slow tests share one server, started once for the module by `newsdw server start` in a private
PREFECT_HOME on a free port; they run in file order (start ... stop). Every subprocess gets an
explicit environment: tests/conftest.py pops PREFECT_API_URL and points PREFECT_HOME at a temp dir.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb
import pytest

from flows import server

ROOT = Path(__file__).resolve().parent.parent
BOOT_TIMEOUT_S = 180  # ~20 s on an idle 2-core box for a fresh database, more when it is busy


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(prefect_home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "NEWSDW_"))}
    env.update(PREFECT_HOME=str(prefect_home), PREFECT_LOGGING_LEVEL="WARNING",
               PREFECT_SERVER_ANALYTICS_ENABLED="false", PYTHONUNBUFFERED="1", **extra)
    return env


def newsdw(env: dict[str, str], *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "flows.cli", *args], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout, stdin=subprocess.DEVNULL)


# ---------------------------------------------------------------- fast: state file, home, ports


def _record(where: Path, pid: int, port: int = 4999) -> Path:
    state = server.State(pid=pid, port=port, url=f"http://127.0.0.1:{port}", started_at=time.time(),
                         home=str(where), log=str(where / "server.log"))
    path = where / server.STATE_FILE
    path.write_text(json.dumps(asdict(state)), encoding="utf-8")
    return path


def test_a_stale_state_file_is_removed(tmp_path: Path) -> None:
    dead = subprocess.Popen(["true"])
    dead.wait()
    path = _record(tmp_path, dead.pid)
    assert server.read_state(tmp_path) is None
    assert not path.exists()
    assert server.status(tmp_path) == (None, False)


def test_a_reused_pid_is_not_taken_for_the_server_nor_killed(tmp_path: Path) -> None:
    """The recorded pid now belongs to another program (its own group leader, not prefect): leave it be."""
    other = subprocess.Popen(["sleep", "30"], start_new_session=True)
    try:
        path = _record(tmp_path, other.pid)
        assert server.read_state(tmp_path) is None
        assert not path.exists()
        assert server.stop(tmp_path) is None
        assert other.poll() is None  # still running
    finally:
        other.kill()
        other.wait()


@pytest.mark.parametrize("text", ["{not json", '{"pid": 12}', json.dumps({
    "pid": 0, "port": 1, "url": "u", "started_at": 0.0, "home": "h", "log": "l"})])  # 0: killpg(0) is our own group
def test_an_unusable_state_file_is_removed(tmp_path: Path, text: str) -> None:
    (tmp_path / server.STATE_FILE).write_text(text, encoding="utf-8")
    assert server.read_state(tmp_path) is None
    assert not (tmp_path / server.STATE_FILE).exists()


def test_home_follows_prefect_home_unless_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "ph"))
    monkeypatch.delenv("NEWSDW_SERVER_HOME", raising=False)
    assert server.home() == (tmp_path / "ph" / "server").resolve()
    monkeypatch.setenv("NEWSDW_SERVER_HOME", str(tmp_path / "elsewhere"))
    assert server.home() == (tmp_path / "elsewhere").resolve()


def test_use_if_running_leaves_prefect_alone_without_a_server(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    assert server.use_if_running(tmp_path) is None
    assert "PREFECT_API_URL" not in os.environ
    monkeypatch.setenv("PREFECT_API_URL", "http://example.invalid/api")  # the user's own: it wins
    assert server.use_if_running(tmp_path) is None
    assert os.environ["PREFECT_API_URL"] == "http://example.invalid/api"


def test_a_busy_port_is_one_clear_line_and_exit_2(tmp_path: Path) -> None:
    env = _env(tmp_path / "home")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        port = taken.getsockname()[1]
        done = newsdw(env, "server", "start", "--port", str(port), timeout=60)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [done.stderr.strip()]
    assert f"port {port} on 127.0.0.1 is already in use by another program; nothing was started" in done.stderr
    assert not (tmp_path / "home" / "server" / server.STATE_FILE).exists()


def test_status_and_stop_without_a_server(tmp_path: Path) -> None:
    env = _env(tmp_path / "home")
    status = newsdw(env, "server", "status", timeout=60)
    assert status.returncode == 1 and "not running" in status.stdout and "newsdw server start" in status.stdout
    stop = newsdw(env, "server", "stop", timeout=60)
    assert stop.returncode == 0 and "not running, nothing to stop" in stop.stdout


# ---------------------------------------------------------------- slow: a real server


@dataclass
class Managed:
    env: dict[str, str]  # for newsdw commands: PREFECT_HOME set, no PREFECT_API_URL
    home: Path  # the server's home (<PREFECT_HOME>/server)
    port: int
    started: subprocess.CompletedProcess[str]

    def state(self) -> dict[str, object]:
        return dict(json.loads((self.home / server.STATE_FILE).read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def managed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Managed]:
    prefect_home = tmp_path_factory.mktemp("managed") / "prefect-home"
    env = _env(prefect_home)
    port = _free_port()
    home = prefect_home / "server"
    started = newsdw(env, "server", "start", "--port", str(port), "--timeout", str(BOOT_TIMEOUT_S),
                     timeout=BOOT_TIMEOUT_S + 60)
    pid = None
    with contextlib.suppress(OSError, ValueError):
        pid = int(json.loads((home / server.STATE_FILE).read_text(encoding="utf-8"))["pid"])
    try:
        yield Managed(env, home, port, started)
    finally:  # whatever the tests did: nothing of this server may outlive the module
        if pid is not None and server.group_members(pid):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
            time.sleep(1)
            pytest.fail(f"the server's process group {pid} was still running at teardown")


@pytest.mark.slow
def test_start_then_status_then_start_again(managed: Managed) -> None:
    assert managed.started.returncode == 0, managed.started.stdout + managed.started.stderr
    url = f"http://127.0.0.1:{managed.port}"
    assert f"Prefect server ready at {url} after " in managed.started.stdout
    state = managed.state()
    assert (state["port"], state["url"]) == (managed.port, url)
    with urllib.request.urlopen(f"{url}/api/health", timeout=5) as resp:
        assert resp.read().strip() == b"true"

    status = newsdw(managed.env, "server", "status", timeout=60)
    assert status.returncode == 0
    assert f"healthy at {url}" in status.stdout and f"pid {state['pid']}" in status.stdout and "up " in status.stdout

    again = newsdw(managed.env, "server", "start", "--port", str(managed.port), timeout=60)
    assert again.returncode == 0
    assert f"already running at {url} (pid {state['pid']}" in again.stdout
    assert managed.state() == state  # the same server, not a second one


@pytest.mark.slow
def test_newsdw_run_uses_the_running_server(managed: Managed, raw_copy: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "wh" / "news.duckdb"
    done = newsdw(managed.env, "run", "--raw", str(raw_copy), "--warehouse", str(warehouse))
    assert done.returncode == 0, done.stderr[-3000:]
    assert "loaded 5" in done.stdout
    assert "temporary server" not in done.stderr  # it used ours: no start-up note

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        [(flow_run_id,)] = con.execute("SELECT flow_run_id FROM ops.loads").fetchall()
    finally:
        con.close()
    request = urllib.request.Request(
        f"http://127.0.0.1:{managed.port}/api/flow_runs/filter", method="POST",
        data=json.dumps({"flow_runs": {"id": {"any_": [str(flow_run_id)]}}}).encode(),
        headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as resp:
        runs = json.loads(resp.read())
    assert [(r["id"], r["state"]["type"]) for r in runs] == [(str(flow_run_id), "COMPLETED")]


@pytest.mark.slow
def test_stop_leaves_no_process_behind(managed: Managed) -> None:
    pid = int(str(managed.state()["pid"]))
    assert server.group_members(pid)
    stop = newsdw(managed.env, "server", "stop", timeout=120)
    assert stop.returncode == 0 and f"stopped (pid {pid}" in stop.stdout
    assert not (managed.home / server.STATE_FILE).exists()
    assert not server.alive(pid)
    assert server.group_members(pid) == []  # the server and everything it spawned
    status = newsdw(managed.env, "server", "status", timeout=60)
    assert status.returncode == 1 and "not running" in status.stdout


@pytest.mark.slow
def test_without_a_server_run_says_what_starting_prefect_cost(managed: Managed, raw_copy: Path,
                                                              tmp_path: Path) -> None:
    """After the stop: Prefect's temporary server again, and one line on stderr saying what that cost."""
    done = newsdw(managed.env, "run", "--raw", str(raw_copy), "--warehouse", str(tmp_path / "w" / "news.duckdb"))
    assert done.returncode == 0, done.stderr[-3000:]
    [note] = [line for line in done.stderr.splitlines() if "temporary server" in line]
    assert note.startswith("newsdw: the flow began ") and "`newsdw server start`" in note
