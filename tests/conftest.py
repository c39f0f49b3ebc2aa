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


ENGLISH_ARTICLE = """\
Monsoon rains flood low-lying districts as rivers cross danger mark

Update: 2024-12-03 09:15 GMT
Guwahati: Heavy rain over the past three days has pushed the Brahmaputra and its tributaries above the danger
mark in several districts, officials said on Tuesday, forcing thousands of families to move to relief camps.

The state disaster management authority said more than 1,200 villages were under water and that rescue teams
had been deployed with boats to reach people stranded on rooftops. Schools in the worst-hit districts will stay
closed until the end of the week.

Weather officials expect the rain to ease by Thursday but warned that water levels in the rivers would remain
high for several days because of heavy rainfall upstream in the hills.

Also read: How the state prepares for floods every year
"""


@pytest.fixture(scope="session")
def bi_warehouse(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """A warehouse with two loads, two languages and rejections: what the BI tests and the report read.

    Load 1: the five samples, an English article, an empty file and a PNG saved as .txt.
    Load 2: one sample edited, the empty file deleted, a whitespace-only file added; it runs with
    NEWSDW_EXPORT_DIR set, so the flow also exports the marts after publishing.
    """
    from flows.ingest import ingest_news

    base = tmp_path_factory.mktemp("bi")
    raw = base / "raw"
    shutil.copytree(RAW_SAMPLES, raw)
    (raw / "wire").mkdir()
    (raw / "wire" / "en_floods.txt").write_text(ENGLISH_ARTICLE, encoding="utf-8")
    (raw / "bad").mkdir()
    (raw / "bad" / "empty.txt").write_bytes(b"")
    (raw / "bad" / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    warehouse = base / "news.duckdb"
    first = ingest_news(raw_dir=str(raw), warehouse=str(warehouse))

    edited = sorted(raw.glob("00*.txt"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nयह लेख अपडेट किया गया है।\n", encoding="utf-8")
    (raw / "bad" / "empty.txt").unlink()
    (raw / "bad" / "blank.txt").write_text("   \n\n  \n", encoding="utf-8")
    export_dir = base / "auto_export"
    os.environ["NEWSDW_EXPORT_DIR"] = str(export_dir)
    try:
        second = ingest_news(raw_dir=str(raw), warehouse=str(warehouse))
    finally:
        del os.environ["NEWSDW_EXPORT_DIR"]
    return {"raw": raw, "warehouse": warehouse, "snapshot": base / "news_bi.duckdb", "first": first,
            "second": second, "auto_export": export_dir}
