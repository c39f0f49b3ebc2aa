"""`newsdw reparse`: stored articles re-derived from raw.files with the current parser, without the raw
folder; idempotent, selective (--all, --since), resumable, followed by the corpus stages."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest

from flows import warehouse as wh
from flows.ingest import ingest_news
from flows.reparse import reparse_news
from flows.steps.ruleset import rules_checksum
from tests.reliability.helpers import execute as _q

pytestmark = pytest.mark.e2e


@pytest.fixture
def loaded(raw_copy: Path, warehouse_path: Path) -> tuple[Path, Path]:
    first = ingest_news(raw_dir=str(raw_copy), warehouse=str(warehouse_path))
    assert first["loaded"] == 5
    return raw_copy, warehouse_path


def test_reparse_rederives_stale_rows_from_raw_files_without_the_raw_folder(loaded: tuple[Path, Path]) -> None:
    raw, whp = loaded
    before = dict(_q(whp, "SELECT path, body FROM core.articles"))
    loaded_at = dict(_q(whp, "SELECT path, loaded_at FROM core.articles"))
    # Two rows as an older parser left them: another checksum, a body with furniture in it.
    _q(whp, "UPDATE core.articles SET rules_checksum = 'older', body = body || ' Follow us on WhatsApp' "
            "WHERE path IN (SELECT path FROM core.articles ORDER BY path LIMIT 2)")
    shutil.rmtree(raw)  # reparse reads raw.files, never the folder

    summary = reparse_news(warehouse=str(whp))
    assert (summary["kind"], summary["reparsed"], summary["reparse_kept"]) == ("reparse", 2, 0)
    assert summary["failed_checks"] == {}
    assert summary["stages"]["sources"]["rows_in"] == 2
    assert dict(_q(whp, "SELECT path, body FROM core.articles")) == before
    assert dict(_q(whp, "SELECT path, loaded_at FROM core.articles")) == loaded_at  # first load time kept
    assert _q(whp, f"SELECT count(*) FROM core.articles WHERE rules_checksum = '{rules_checksum()}'") == [(5,)]
    assert _q(whp, f"SELECT count(*) FROM core.articles WHERE derived_load_id = '{summary['load_id']}'") == [(2,)]
    assert _q(whp, f"SELECT count(*) FROM core.articles WHERE load_id = '{summary['load_id']}'") == [(0,)]
    assert _q(whp, f"SELECT kind, articles_reparsed, status FROM ops.loads WHERE load_id = '{summary['load_id']}'"
              ) == [("reparse", 2, "completed")]

    again = reparse_news(warehouse=str(whp))  # idempotent: nothing differs any more
    assert (again["reparsed"], again["published"]) == (0, "unchanged")


def test_all_and_since_select_what_to_rederive(loaded: tuple[Path, Path]) -> None:
    raw, whp = loaded
    assert reparse_news(warehouse=str(whp), everything=True)["reparsed"] == 5
    extra = raw / "later" / "new.txt"
    extra.parent.mkdir()
    extra.write_text(next(raw.glob("*.txt")).read_text(encoding="utf-8") + "\nएक नया अनुच्छेद।\n", encoding="utf-8")
    second = ingest_news(raw_dir=str(raw), warehouse=str(whp))
    assert second["loaded"] == 1
    since = reparse_news(warehouse=str(whp), everything=True, since=second["load_id"])
    assert since["reparsed"] == 1
    with pytest.raises(wh.WarehouseError, match="no such load"):
        reparse_news(warehouse=str(whp), since="not-a-load")


def test_a_killed_reparse_resumes_where_it_stopped(loaded: tuple[Path, Path]) -> None:
    _, whp = loaded
    _q(whp, "UPDATE core.articles SET rules_checksum = 'older'")
    # A reparse that queued its work and committed one batch, then died (no further transaction ran).
    con = wh.connect(whp)
    try:
        wh.start_load(con, "killed", None, "", "0.1.0", kind="reparse")
        wh.queue_reparse(con, "killed", "0.1.0", rules_checksum())
        first = wh.reparse_queue(con)[:2]
        from flows.steps.load import to_frames
        from flows.steps.reparse import reparse_chunk

        result = reparse_chunk(wh.stored_texts(con, first), "killed", datetime(2026, 1, 1), default_zone="UTC")
        wh.replace_articles(con, to_frames(result.rows), first, "killed", "0.1.0", rules_checksum())
    finally:
        con.close()
    assert _q(whp, "SELECT count(*) FROM ops.reparse_queue") == [(3,)]

    resumed = reparse_news(warehouse=str(whp))
    assert resumed["reparsed"] == 3  # the three left, not five
    assert _q(whp, "SELECT count(*) FROM ops.reparse_queue") == [(0,)]
    assert _q(whp, "SELECT status FROM ops.loads WHERE load_id = 'killed'") == [("crashed",)]
    assert resumed["failed_checks"] == {}
