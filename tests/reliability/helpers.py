"""Shared helpers for the reliability tests: subprocess runs of the real CLI, privilege dropping."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[2]

# Root reads a chmod-000 file anyway (CAP_DAC_OVERRIDE / CAP_DAC_READ_SEARCH). Dropping those two
# capabilities from the bounding set keeps uid 0 (so the test's own root-owned temp folders stay
# writable) while the kernel answers EACCES for the unreadable file: the real error, at the real
# boundary, not a mock.
_DROP = "-dac_override,-dac_read_search"


def unprivileged_prefix() -> list[str] | None:
    """argv prefix that runs a command without the power to read a chmod-000 file; None if impossible."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    probe = subprocess.run([setpriv, f"--bounding-set={_DROP}", f"--inh-caps={_DROP}", "true"],
                           capture_output=True, check=False)
    return [setpriv, f"--bounding-set={_DROP}", f"--inh-caps={_DROP}"] if probe.returncode == 0 else None


def cli(*args: str, env: dict[str, str] | None = None, prefix: list[str] | None = None,
        timeout: float = 600, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run `newsdw ARGS` in a fresh Python process, as an operator would."""
    return subprocess.run([*(prefix or []), sys.executable, "-m", "flows.cli", *args], capture_output=True,
                          text=True, timeout=timeout, env=env if env is not None else dict(os.environ), cwd=cwd,
                          check=False)


def popen_cli(*args: str, env: dict[str, str] | None = None, new_session: bool = False,
              capture: bool = True) -> subprocess.Popen[str]:
    out = subprocess.PIPE if capture else subprocess.DEVNULL
    return subprocess.Popen([sys.executable, "-m", "flows.cli", *args], stdout=out, stderr=out, text=True,
                            env=env if env is not None else dict(os.environ), cwd=ROOT,
                            start_new_session=new_session)


def query(db: Path, sql: str, params: list[object] | None = None) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def execute(db: Path, sql: str) -> list[tuple[object, ...]]:
    """One statement on a warehouse opened for writing (a test setting up a state), its rows."""
    con = duckdb.connect(str(db))
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()
