"""Fixtures for the reliability tests that run the real `newsdw` in subprocesses.

Each flow run in a fresh process with no PREFECT_API_URL starts its own temporary Prefect server
(11-15 s, more on a busy box). These tests start many such processes (the kill test alone ~25), so
they share one `prefect server` for the session, in its own PREFECT_HOME (the in-process tests'
temporary server keeps the session's home to itself: two servers on one SQLite file fight).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator

import pytest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=2) as resp:
            return bool(resp.status == 200)
    except OSError:
        return False


@pytest.fixture(scope="session")
def flow_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Environment for `newsdw run` subprocesses: quiet, offline, pointed at one shared Prefect server."""
    home = tmp_path_factory.mktemp("prefect-server-home")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSDW_", "PREFECT_API_"))}
    env.update({
        "PREFECT_HOME": str(home),
        "PREFECT_LOGGING_LEVEL": "WARNING",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
        "PREFECT_RESULTS_PERSIST_BY_DEFAULT": "false",
        "PYTHONUNBUFFERED": "1",
    })
    port = _free_port()
    url = f"http://127.0.0.1:{port}/api"
    log = open(home / "server.log", "w", encoding="utf-8")  # noqa: SIM115 - closed at teardown
    server = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env={**env, "PREFECT_SERVER_API_PORT": str(port), "PREFECT_UI_ENABLED": "false"},
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and server.poll() is None and not _healthy(url):
        time.sleep(0.5)
    if server.poll() is None and _healthy(url):
        env["PREFECT_API_URL"] = url
    else:  # still correct, only slower: each run starts its own temporary server in this home
        server.kill()
    try:
        yield env
    finally:
        if server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
        log.close()

