"""What a run shows people: Prefect artifacts (summary, table by language) and the CLI's progress bar."""

from __future__ import annotations

import io
import json
import uuid
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest

from flows import artifacts, progress
from flows.progress import ProgressEvent


def _summary(**over: object) -> SimpleNamespace:
    base: dict[str, object] = dict(
        load_id="20250101T000000-abcd1234", flow_run_id=None, warehouse="/w/news.duckdb", snapshot="/w/news_bi.duckdb",
        seen=7, loaded=4, unchanged=1, rejected=2, gone=0, languages={"hi": 3, "en": 1},
        rejections={"empty": 1, "binary": 1}, failed_checks={}, seconds=2.5)
    base.update(over)
    return SimpleNamespace(**base)


def _details(rejected: list[artifacts.RejectedFile] | None = None) -> artifacts.RunDetails:
    return artifacts.RunDetails(
        started_at=datetime(2025, 1, 1, 6, 30, tzinfo=UTC),
        languages=[artifacts.LanguageRow("hi", 3, 2, 1200, 0.0412, 1), artifacts.LanguageRow("en", 1, 1, 300, 0.0, 0)],
        rejected_files=rejected if rejected is not None else [
            artifacts.RejectedFile("a/empty.txt", "empty", "file is empty"),
            artifacts.RejectedFile("b|c.txt", "binary", "looks binary: NUL bytes | PNG\nheader"),
        ],
    )


def test_summary_has_outcomes_languages_rejections_and_time() -> None:
    md = artifacts.render_summary(_summary(), _details())
    assert "| loaded | 4 |" in md and "| rejected | 2 |" in md and "| unchanged | 1 |" in md
    assert "| hi | 3 | 2 |" in md and "| en | 1 | 1 |" in md
    assert "| empty | 1 |" in md and "| binary | 1 |" in md
    assert "Started 2025-01-01 06:30:00 UTC, finished 06:30:02 UTC, took **2.5 s**" in md
    # File names and details cannot break the markdown table: pipes escaped, newlines folded.
    assert "| b\\|c.txt | binary | looks binary: NUL bytes \\| PNG header |" in md
    assert "Failed data checks" not in md


def test_summary_of_a_quiet_run_and_of_a_run_with_many_rejections() -> None:
    quiet = artifacts.render_summary(_summary(loaded=0, rejected=0, rejections={}, languages={}),
                                     artifacts.RunDetails(datetime(2025, 1, 1, tzinfo=UTC), [], []))
    assert "No articles yet." in quiet and "None in this run." in quiet
    listed = [artifacts.RejectedFile(f"f{i}.txt", "empty", "file is empty")
              for i in range(artifacts.MAX_REJECTIONS_LISTED)]
    many = artifacts.render_summary(_summary(rejected=40, rejections={"empty": 40}, failed_checks={"dupes": 3}),
                                    _details(listed))
    assert "…and 15 more" in many and "marts.rejections" in many
    assert "| dupes | 3 |" in many


def test_language_table_rows() -> None:
    assert artifacts.language_table(_details())[0] == {
        "language": "hi", "articles": 3, "loaded this run": 2, "words": 1200, "mean code-mix share": 0.041,
        "needs review": 1}


# ---------------------------------------------------------------- progress


def test_progress_reaches_listeners_only_while_listening() -> None:
    seen: list[ProgressEvent] = []
    with progress.listening(seen.append):
        progress.report(0, 3)
        progress.report(3, 3)
    progress.report(1, 1)
    assert seen == [ProgressEvent(0, 3), ProgressEvent(3, 3)]


def test_a_broken_progress_listener_is_dropped_not_fatal() -> None:
    calls: list[ProgressEvent] = []

    def broken(event: ProgressEvent) -> None:
        calls.append(event)
        raise RuntimeError("terminal went away")

    with progress.listening(broken):
        progress.report(0, 2)
        progress.report(2, 2)  # not called again
    assert calls == [ProgressEvent(0, 2)]


def test_no_bar_when_not_a_terminal() -> None:
    out = io.StringIO()
    with progress.on_terminal(out) as bar:
        assert bar is None
        progress.report(1, 2)
    assert out.getvalue() == ""


def test_bar_draws_files_done_of_total_on_a_terminal() -> None:
    from rich.console import Console

    out = io.StringIO()
    bar = progress.RichBar(Console(file=out, force_terminal=True, width=100))
    with bar, progress.listening(bar):
        progress.report(0, 6)
        progress.report(4, 6)
        bar._progress.refresh()
        drawn = out.getvalue()
    assert "new or changed files" in drawn and "4/6" in drawn


# ---------------------------------------------------------------- a real run


@pytest.mark.e2e
def test_a_run_reports_progress_per_batch_and_publishes_artifacts(raw_copy: Path, warehouse_path: Path) -> None:
    from prefect import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    from flows.ingest import ingest_news

    (raw_copy / "empty.txt").write_bytes(b"")
    events: list[ProgressEvent] = []
    with progress.listening(events.append):
        summary = ingest_news(raw_dir=str(raw_copy), warehouse=str(warehouse_path), batch_size=2)
    assert events == [ProgressEvent(0, 6), ProgressEvent(2, 6), ProgressEvent(4, 6), ProgressEvent(6, 6)]

    run_id = uuid.UUID(summary["flow_run_id"])
    with get_client(sync_client=True) as client:
        found = client.read_artifacts(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[run_id])))
    by_key = {a.key: a for a in found}
    assert set(by_key) == {artifacts.SUMMARY_KEY, artifacts.LANGUAGE_TABLE_KEY}
    md = by_key[artifacts.SUMMARY_KEY]
    assert md.type == "markdown" and isinstance(md.data, str)
    assert f"`{summary['load_id']}`" in md.data
    assert "| seen | 6 |" in md.data and "| loaded | 5 |" in md.data and "| rejected | 1 |" in md.data
    assert "| hi | 5 | 5 |" in md.data
    assert "| empty.txt | empty |" in md.data
    table = by_key[artifacts.LANGUAGE_TABLE_KEY]
    assert table.type == "table"
    rows = json.loads(table.data) if isinstance(table.data, str) else table.data
    assert [(r["language"], r["articles"], r["loaded this run"]) for r in rows] == [("hi", 5, 5)]
