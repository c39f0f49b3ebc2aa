"""Installing the real BI-side clients the tests drive: side virtualenvs, npm packages, Debian packages.

Each is installed once into ROOT/.cache (git-ignored) and reused while its requirement list is the
same; a clean clone (CI) installs them on first use. Nothing here is skipped when it can be
installed: a test skips only when the installer itself (npm, apt-get as root) is absent.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import venv
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache"
# Debian's browser and its matching driver; Lohit for the Devanagari in the report's tables.
BROWSER_PACKAGES = ("chromium", "chromium-driver", "fonts-lohit-deva")


@contextmanager
def _locked(name: str) -> Iterator[None]:
    """One installer at a time per cache entry (two test sessions may share the checkout)."""
    CACHE.mkdir(exist_ok=True)
    with (CACHE / f".{name}.lock").open("w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        yield


def side_venv(name: str, requirements: Sequence[str]) -> Path:
    """A virtualenv under .cache/venvs/<name> with exactly these requirements; returns its python."""
    home = CACHE / "venvs" / name
    python = home / "bin" / "python"
    stamp = home / ".requirements"
    wanted = "\n".join(requirements) + "\n"
    with _locked(f"venv-{name}"):
        if stamp.exists() and stamp.read_text() == wanted and python.exists():
            return python
        shutil.rmtree(home, ignore_errors=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(home)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", *requirements],
                       check=True, timeout=900)
        stamp.write_text(wanted)
    return python


def run_script(python: Path, script: str, *args: str, timeout: float = 300) -> Any:
    """Run a script in another interpreter; it prints one JSON document on its last stdout line."""
    proc = subprocess.run([str(python), "-c", script, *args], capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
        raise AssertionError(f"{python} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def npm_package(spec: str) -> Path:
    """`npm install` one package into .cache/npm/<hash>; returns that folder (node_modules inside)."""
    home = CACHE / "npm" / hashlib.sha256(spec.encode()).hexdigest()[:12]
    stamp = home / ".installed"
    with _locked("npm-" + home.name):
        if not stamp.exists():
            home.mkdir(parents=True, exist_ok=True)
            (home / "package.json").write_text(json.dumps({"name": "newsdw-bi-probe", "private": True}))
            subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--loglevel=error", spec],
                           cwd=home, check=True, timeout=900)
            stamp.write_text(spec)
    return home


def missing_apt(packages: Sequence[str]) -> list[str]:
    out = subprocess.run(["dpkg-query", "-W", "-f=${Package} ${Status}\n", *packages], capture_output=True,
                         text=True)
    installed = {line.split()[0] for line in out.stdout.splitlines() if line.endswith("install ok installed")}
    return [p for p in packages if p not in installed]


def ensure_apt(packages: Sequence[str]) -> str | None:
    """Install missing Debian packages; return why not when that cannot be done here (else None)."""
    if shutil.which("dpkg-query") is None or shutil.which("apt-get") is None:
        return "not a Debian system: no dpkg-query/apt-get to install " + ", ".join(packages)
    missing = missing_apt(packages)
    if not missing:
        return None
    if os.geteuid() != 0:
        return f"needs Debian packages {', '.join(missing)} and is not root to apt-get install them"
    with _locked("apt"):
        missing = missing_apt(packages)
        if missing:
            env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
            subprocess.run(["apt-get", "update", "-qq"], check=True, timeout=600, env=env)
            subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], check=True,
                           timeout=1200, env=env, stdout=subprocess.DEVNULL)
    return None
