"""Corpus stages over a real DuckDB file loaded with the real parser (no Prefect): how stages run,
are recorded, fail, and catch up; and the `sources` stage's counts."""

from __future__ import annotations

import shutil
import types
from pathlib import Path

import pytest

from flows import corpus
from flows import warehouse as wh
from flows.corpus import StageContext, StageStats
from tests.conftest import RAW_SAMPLES
from tests.corpus.conftest import _load


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    """The samples split over two sources (site-a: 3 files, site-b: 2) and the top of the folder (none)."""
    root = tmp_path / "raw"
    for i, f in enumerate(sorted(RAW_SAMPLES.glob("*.txt"))):
        dest = root / ("site-a" if i < 3 else "site-b") / f.name
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(f, dest)
    return root


SOURCES = [corpus.sources]  # the framework, shown with one stage


def _counts(con: wh.Connection) -> dict[str, int]:
    return dict(con.execute("SELECT source, sum(articles)::INT FROM core.source_counts GROUP BY 1").fetchall())


def _runs(con: wh.Connection) -> list[tuple[str, str, str, int, int]]:
    return con.execute("SELECT load_id, stage, mode, rows_in, rows_out FROM ops.stage_runs "
                       "WHERE status = 'completed' ORDER BY started_at, load_id").fetchall()


def test_first_run_is_full_then_incremental_touching_only_changed_sources(con: wh.Connection, raw: Path) -> None:
    results = corpus.run_stages(con, _load(con, raw, "L1"), SOURCES)
    assert [(r.stage, r.mode, r.status) for r in results] == [("sources", "full", "completed")]
    assert _counts(con) == {"site-a": 3, "site-b": 2}

    # A new page in site-b: only site-b is recomputed.
    extra = raw / "site-b" / "new.txt"
    extra.write_text((next(raw.glob("site-a/*.txt"))).read_text(encoding="utf-8") + "\nनया अनुच्छेद।\n",
                     encoding="utf-8")
    results = corpus.run_stages(con, _load(con, raw, "L2"), SOURCES)
    assert (results[0].mode, results[0].rows_in) == ("incremental", 1)
    assert _counts(con) == {"site-a": 3, "site-b": 3}
    assert con.execute("SELECT DISTINCT load_id FROM core.source_counts WHERE source = 'site-a'").fetchall() == \
        [("L1",)]

    # A deleted page and a changed page: counts follow the current articles.
    extra.unlink()
    changed = next(raw.glob("site-a/*.txt"))
    changed.write_text(changed.read_text(encoding="utf-8") + "\nएक और अनुच्छेद जोड़ा गया।\n", encoding="utf-8")
    ctx = _load(con, raw, "L3")
    assert len(ctx.gone) == 2
    corpus.run_stages(con, ctx, SOURCES)
    assert _counts(con) == {"site-a": 3, "site-b": 2}
    assert [r[:3] for r in _runs(con)] == [("L1", "sources", "full"), ("L2", "sources", "incremental"),
                                           ("L3", "sources", "incremental")]


def test_rerunning_a_stage_on_the_same_context_changes_nothing(con: wh.Connection, raw: Path) -> None:
    ctx = _load(con, raw, "L1")
    corpus.run_stages(con, ctx, SOURCES)
    before = con.execute("SELECT * FROM core.source_counts ORDER BY ALL").fetchall()
    corpus.run_stages(con, ctx, SOURCES)
    assert con.execute("SELECT * FROM core.source_counts ORDER BY ALL").fetchall() == before
    assert con.execute("SELECT count(*) FROM ops.stage_runs").fetchone() == (1,)  # one row per (load, stage)


def _broken(name: str) -> types.ModuleType:
    module = types.ModuleType(name)
    module.NAME = name  # type: ignore[attr-defined]

    def run(con: wh.Connection, ctx: StageContext) -> StageStats:
        con.execute("DELETE FROM core.source_counts")  # work that must be rolled back
        raise ZeroDivisionError("division by zero in the stage")

    module.run = run  # type: ignore[attr-defined]
    return module


def test_a_failing_stage_fails_with_its_name_rolls_back_and_is_recorded(con: wh.Connection, raw: Path) -> None:
    corpus.run_stages(con, _load(con, raw, "L1"), SOURCES)
    with pytest.raises(corpus.StageFailed, match=r"corpus stage 'boom' failed: ZeroDivisionError: division by zero"):
        corpus.run_stages(con, StageContext("L2"), [corpus.sources, _broken("boom")])
    assert _counts(con) == {"site-a": 3, "site-b": 2}  # the broken stage's DELETE was rolled back
    assert con.execute("SELECT stage, status, error FROM ops.stage_runs WHERE load_id = 'L2' ORDER BY ordinal"
                       ).fetchall() == [("sources", "completed", None),
                                        ("boom", "failed", "ZeroDivisionError: division by zero in the stage")]
    assert con.execute("SELECT count(*) FROM core.articles").fetchone() == (5,)  # loaded batches stay


def test_a_stage_that_missed_a_load_catches_up_in_full(con: wh.Connection, raw: Path) -> None:
    corpus.run_stages(con, _load(con, raw, "L1"), SOURCES)
    # L2 loads a page but its stages never run (left out with --stages, or the process died).
    (raw / "site-c").mkdir()
    shutil.copy(next(raw.glob("site-a/*.txt")), raw / "site-c" / "copy.txt")
    _load(con, raw, "L2")
    results = corpus.run_stages(con, StageContext("L3"), SOURCES)  # L3 itself changed nothing
    assert results[0].mode == "full"
    assert _counts(con) == {"site-a": 3, "site-b": 2, "site-c": 1}


def test_select_keeps_stage_order_and_refuses_unknown_names() -> None:
    assert [s.NAME for s in corpus.select([])] == list(corpus.DEFAULT_STAGES)
    assert corpus.select(["all"]) == corpus.STAGES
    assert [s.NAME for s in corpus.select(["sources"])] == ["sources"]
    assert corpus.select(["none"]) == ()
    with pytest.raises(ValueError, match="unknown corpus stage nope"):
        corpus.select(["nope"])
