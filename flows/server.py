"""`newsdw server start|stop|status`: one long-running Prefect server that `newsdw run` and `serve` use.

Without a server every `newsdw run` starts Prefect's temporary server (~10 s of a no-op run on
these machines, ~20 s on a fresh database); with one running a run starts in ~3 s. The server
runs detached (its own session, output to a log file) with its own PREFECT_HOME, and a small JSON
state file in that home records its pid, port and URL so later commands find it.

Where that home is: NEWSDW_SERVER_HOME, else `<PREFECT_HOME>/server`, PREFECT_HOME being the one
newsdw's runs use (default PROJECT_ROOT/.prefect). Tying it to PREFECT_HOME means a run and the
server it finds always agree, and a test with a private PREFECT_HOME never picks up a developer's
server.

No Prefect import here: the server is a subprocess, and `use_if_running()` must run before
Prefect is imported (Prefect reads PREFECT_API_URL when it starts).
"""

from __future__ import annotations

import contextlib
import fcntl
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

from flows.settings import PROJECT_ROOT

HOST = "127.0.0.1"
DEFAULT_PORT = 4200
START_TIMEOUT_S = 120.0  # ~20 s on a fresh database here, ~45 s when the box is busy
STOP_GRACE_S = 20.0
STATE_FILE = "newsdw-server.json"
LOG_FILE = "server.log"


class ServerError(Exception):
    """The server could not be started or stopped; the message says why and what to do."""


class PortBusy(ServerError):
    """Something else listens on (or holds) the port asked for."""


@dataclass(frozen=True)
class State:
    """What the state file records about a running server."""

    pid: int
    port: int
    url: str  # the UI; the API is url + "/api"
    started_at: float  # time.time()
    home: str
    log: str

    @property
    def api_url(self) -> str:
        return f"{self.url}/api"

    def uptime_s(self) -> float:
        return max(0.0, time.time() - self.started_at)


def home() -> Path:
    """The managed server's PREFECT_HOME (see the module docstring)."""
    if given := os.environ.get("NEWSDW_SERVER_HOME"):
        return Path(given).expanduser().resolve()
    client_home = os.environ.get("PREFECT_HOME") or str(PROJECT_ROOT / ".prefect")
    return Path(client_home).expanduser().resolve() / "server"


def default_port() -> int:
    raw = os.environ.get("NEWSDW_SERVER_PORT", "").strip()
    if not raw:
        return DEFAULT_PORT
    try:
        return int(raw)
    except ValueError as exc:
        raise ValueError(f"NEWSDW_SERVER_PORT must be a port number, got {raw!r}") from exc


# ---------------------------------------------------------------- processes


def _proc_stat(pid: int) -> tuple[str, int] | None:
    """(state letter, process group) from /proc, or None if there is no such process."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    fields = raw.rsplit(")", 1)[1].split()  # after "(comm)", which may itself hold spaces
    return fields[0], int(fields[2])


def alive(pid: int) -> bool:
    """A live process (a zombie is dead: nobody may reap the detached server's children here)."""
    if Path("/proc").is_dir():
        stat = _proc_stat(pid)
        return stat is not None and stat[0] not in ("Z", "X")
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def server_alive(pid: int) -> bool:
    """`pid` is still the server we started: alive, its own group leader, running prefect (not a reused pid)."""
    if not alive(pid):
        return False
    stat = _proc_stat(pid)
    if stat is None:  # no /proc: trust the pid
        return True
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    return stat[1] == pid and b"prefect" in cmdline


def group_members(pgid: int) -> list[int]:
    """Live processes in the process group `pgid` (the server and whatever it spawned)."""
    if not Path("/proc").is_dir():
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return []
        return [pgid]
    members = []
    for entry in Path("/proc").iterdir():
        stat = _proc_stat(int(entry.name)) if entry.name.isdigit() else None
        if stat is not None and stat[1] == pgid and stat[0] not in ("Z", "X"):
            members.append(int(entry.name))
    return members


def _reap(pid: int) -> None:
    """If the server is our own child (a test calling start() in-process), collect its exit status."""
    with contextlib.suppress(ChildProcessError, OSError):
        os.waitpid(pid, os.WNOHANG)


def _signal_group(pgid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, sig)


def _wait_group_gone(pgid: int, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while True:
        _reap(pgid)
        if not group_members(pgid):
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)


def kill_group(pgid: int, grace_s: float = STOP_GRACE_S) -> None:
    """SIGTERM the whole group (the server spawns children), SIGKILL what is left after grace_s."""
    _signal_group(pgid, signal.SIGTERM)
    if _wait_group_gone(pgid, grace_s):
        return
    _signal_group(pgid, signal.SIGKILL)
    if not _wait_group_gone(pgid, 10):
        raise ServerError(f"processes {group_members(pgid)} of the server's group {pgid} survived SIGKILL")


# ---------------------------------------------------------------- state file


def _state_path(where: Path) -> Path:
    return where / STATE_FILE


def read_state(where: Path | None = None) -> State | None:
    """The recorded server if its process is alive; a stale record (dead pid, junk) is removed."""
    path = _state_path(where or home())
    try:
        state = State(**json.loads(path.read_text(encoding="utf-8")))
        if not isinstance(state.pid, int) or state.pid <= 1:  # killpg(0) would signal our own group
            raise ValueError(f"bad pid {state.pid!r}")
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError):
        path.unlink(missing_ok=True)  # unreadable: nothing can be done with it
        return None
    if not server_alive(state.pid):
        # The server died (a reboot, kill -9) and left its record behind. Its children may outlive
        # it in the same group: they hold the port, so stop them too. (While they live the group's id
        # cannot be handed out again; but a live pid that is not our server is someone else's: hands off.)
        if not alive(state.pid) and group_members(state.pid):
            kill_group(state.pid, grace_s=5)
        path.unlink(missing_ok=True)
        return None
    return state


def _write_state(state: State) -> None:
    path = _state_path(Path(state.home))
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(state), indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, path)  # never a half-written file for a concurrent `status`


@contextlib.contextmanager
def _locked(where: Path) -> Iterator[None]:
    """One start/stop at a time per home (two `start`s at once would launch two servers)."""
    where.mkdir(parents=True, exist_ok=True)
    with open(where / "newsdw-server.lock", "a", encoding="utf-8") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        yield


# ---------------------------------------------------------------- health


def healthy(api_url: str, timeout_s: float = 2.0) -> bool:
    """GET <api>/health answers `true` (Prefect's own readiness check)."""
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=timeout_s) as resp:
            return bool(resp.status == 200 and resp.read().strip() == b"true")
    except (OSError, ValueError):
        return False


def port_free(port: int) -> bool:
    """Nothing else holds HOST:port. SO_REUSEADDR as Prefect's own check, so TIME_WAIT is not 'busy'."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((HOST, port))
        except OSError:
            return False
    return True


# ---------------------------------------------------------------- commands


@dataclass(frozen=True)
class Started:
    state: State
    already_running: bool
    seconds: float  # to healthy (0 when it already ran)


def _server_env(where: Path, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PREFECT_API_URL", "PREFECT_PROFILE")}
    env.update({
        "PREFECT_HOME": str(where),
        "PREFECT_SERVER_API_HOST": HOST,
        "PREFECT_SERVER_API_PORT": str(port),  # --port alone leaves the UI calling port 4200
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_LOGGING_LEVEL": env.get("PREFECT_LOGGING_LEVEL", "WARNING"),
        "PYTHONUNBUFFERED": "1",
    })
    return env


def start(port: int | None = None, where: Path | None = None, timeout_s: float = START_TIMEOUT_S) -> Started:
    """Start the server detached and wait until it is healthy; if it already runs, say so."""
    where = where or home()
    port = default_port() if port is None else port
    if not 0 < port < 65536:
        raise ValueError(f"--port must be between 1 and 65535, got {port}")
    with _locked(where):
        if (state := read_state(where)) is not None:
            return Started(state, True, 0.0)
        if not port_free(port):
            raise PortBusy(f"port {port} on {HOST} is already in use by another program; nothing was started "
                           f"(choose another: `newsdw server start --port N` or NEWSDW_SERVER_PORT)")
        log = where / LOG_FILE
        begun = time.monotonic()
        with open(log, "ab") as out:
            out.write(f"\n--- newsdw server start, port {port}, {time.strftime('%Y-%m-%d %H:%M:%S')}\n".encode())
            out.flush()
            proc = subprocess.Popen(
                [sys.executable, "-m", "prefect", "server", "start", "--host", HOST, "--port", str(port)],
                env=_server_env(where, port), cwd=where, stdin=subprocess.DEVNULL, stdout=out,
                stderr=subprocess.STDOUT, start_new_session=True)  # own session: outlives this command
        state = State(pid=proc.pid, port=port, url=f"http://{HOST}:{port}", started_at=time.time(),
                      home=str(where), log=str(log))
        _write_state(state)  # at once, so `status`/`stop` see a server that is still booting
        try:
            _wait_healthy(proc, state, begun + timeout_s)
        except BaseException:  # not healthy in time, died, or Ctrl-C: leave nothing behind
            kill_group(proc.pid, grace_s=5)
            _reap(proc.pid)
            _state_path(where).unlink(missing_ok=True)
            raise
        return Started(state, False, time.monotonic() - begun)


def _wait_healthy(proc: subprocess.Popen[bytes], state: State, deadline: float) -> None:
    while not healthy(state.api_url, timeout_s=2):
        if proc.poll() is not None:
            raise ServerError(f"the Prefect server exited with status {proc.returncode} while starting; "
                              f"its log {state.log} ends:\n{_tail(Path(state.log))}")
        if time.monotonic() > deadline:
            raise ServerError(f"the Prefect server was not healthy at {state.api_url}/health in time; stopped it. "
                              f"Its log {state.log} ends:\n{_tail(Path(state.log))}")
        time.sleep(0.3)


def _tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def stop(where: Path | None = None, grace_s: float = STOP_GRACE_S) -> State | None:
    """Stop the recorded server and everything in its process group; None if none was running."""
    where = where or home()
    with _locked(where):
        state = read_state(where)
        if state is None:
            return None
        kill_group(state.pid, grace_s)  # the group id is the pid: it was started in its own session
        _state_path(where).unlink(missing_ok=True)
        return state


def status(where: Path | None = None) -> tuple[State | None, bool]:
    """(the recorded server or None, whether it answers its health check)."""
    state = read_state(where)
    return state, state is not None and healthy(state.api_url)


def use_if_running(where: Path | None = None) -> str | None:
    """Point this process's Prefect at the managed server when it runs and is healthy; return its API URL.

    Call before Prefect is imported. A PREFECT_API_URL the user set wins (None is returned): it is
    their server. None also when no healthy server runs: Prefect then starts its temporary one.
    """
    if os.environ.get("PREFECT_API_URL"):
        return None
    state, ok = status(where)
    if state is None or not ok:
        return None
    os.environ["PREFECT_API_URL"] = state.api_url
    return state.api_url


def describe_uptime(seconds: float) -> str:
    s = int(seconds)
    if s < 60:
        return f"{s} s"
    if s < 3600:
        return f"{s // 60} min {s % 60} s"
    return f"{s // 3600} h {s % 3600 // 60} min"
