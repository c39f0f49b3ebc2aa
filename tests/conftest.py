"""Shared fixtures. Prefect runs against its own temporary server in a per-session PREFECT_HOME."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RAW_SAMPLES = ROOT / "data" / "raw"
FIXTURES = ROOT / "tests" / "fixtures"

# Before anything imports prefect: a private home, quiet logs, patient start-up on a busy CI box.
_PREFECT_HOME = tempfile.mkdtemp(prefix="newsdw-prefect-")
os.environ["PREFECT_HOME"] = _PREFECT_HOME
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
os.environ.pop("PREFECT_API_URL", None)
for _key in [k for k in os.environ if k.startswith("NEWSDW_")]:
    del os.environ[_key]


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    shutil.rmtree(_PREFECT_HOME, ignore_errors=True)


@pytest.fixture
def raw_copy(tmp_path: Path) -> Path:
    """A private copy of the five sample articles, safe to modify."""
    dest = tmp_path / "raw"
    shutil.copytree(RAW_SAMPLES, dest)
    return dest


@pytest.fixture
def warehouse_path(tmp_path: Path) -> Path:
    return tmp_path / "wh" / "news.duckdb"


@pytest.fixture
def gold() -> Iterator[dict[str, object]]:
    import json

    yield json.loads((FIXTURES / "gold" / "seeds.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def loaded_samples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The five samples loaded once by the real flow (real Prefect run, real DuckDB file)."""
    from flows.ingest import ingest_news

    base = tmp_path_factory.mktemp("samples")
    raw = base / "raw"
    shutil.copytree(RAW_SAMPLES, raw)
    summary = ingest_news(raw_dir=str(raw), warehouse=str(base / "news.duckdb"))
    return {"raw": raw, "warehouse": base / "news.duckdb", "snapshot": base / "news_bi.duckdb", "summary": summary}
