"""Corpus stages inside the real ingest flow (real Prefect run, real DuckDB file): a failing stage fails
the run with its name while the loaded batches stay; --stages picks a subset; the summary shows them."""

from __future__ import annotations

import types
from pathlib import Path

import duckdb
import pytest

from flows import corpus
from flows.corpus import StageContext, StageStats
from flows.ingest import ingest_news

pytestmark = pytest.mark.e2e


def _q(path: Path, sql: str) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _broken() -> types.ModuleType:
    module = types.ModuleType("boom")
    module.NAME = "boom"  # type: ignore[attr-defined]

    def run(con: object, ctx: StageContext) -> StageStats:
        raise RuntimeError("the stage met bad data")

    module.run = run  # type: ignore[attr-defined]
    return module


def test_a_failing_stage_fails_the_run_and_the_next_run_catches_up(
        raw_copy: Path, warehouse_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(corpus, "STAGES", (*corpus.STAGES, _broken()))
    with pytest.raises(corpus.StageFailed, match="corpus stage 'boom' failed: RuntimeError: the stage met bad data"):
        ingest_news(raw_dir=str(raw_copy), warehouse=str(warehouse_path), stages="all")
    status, error = _q(warehouse_path, "SELECT status, error FROM ops.loads")[0]
    assert status == "failed" and "corpus stage 'boom' failed" in str(error)
    assert _q(warehouse_path, "SELECT count(*) FROM core.articles") == [(5,)]  # committed batches stay
    assert _q(warehouse_path, "SELECT stage, status FROM ops.stage_runs ORDER BY ordinal") == \
        [*((s.NAME, "completed") for s in corpus.STAGES if s.NAME != "boom"), ("boom", "failed")]

    monkeypatch.undo()
    again = ingest_news(raw_dir=str(raw_copy), warehouse=str(warehouse_path), stages="all")
    assert (again["loaded"], again["unchanged"]) == (0, 5)
    assert again["stages"]["sources"]["status"] == "completed"
    assert again["failed_checks"] == {}


def test_by_default_the_default_stages_run(raw_copy: Path, warehouse_path: Path) -> None:
    summary = ingest_news(raw_dir=str(raw_copy), warehouse=str(warehouse_path))
    assert tuple(summary["stages"]) == corpus.DEFAULT_STAGES


def test_stages_selects_a_subset_and_an_unknown_name_writes_nothing(raw_copy: Path, warehouse_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown corpus stage nope"):
        ingest_news(raw_dir=str(raw_copy), warehouse=str(warehouse_path), stages="nope")
    assert not warehouse_path.exists()
    summary = ingest_news(raw_dir=str(raw_copy), warehouse=str(warehouse_path), stages="sources")
    assert list(summary["stages"]) == ["sources"]
    assert summary["stages"]["sources"]["mode"] == "full"
    assert _q(warehouse_path.with_name("news_bi.duckdb"),
              "SELECT source, language, articles FROM marts.sources") == [("(root)", "hi", 5)]
