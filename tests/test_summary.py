"""flows/summary.py: the lines `newsdw run` and `newsdw reparse` print."""

from __future__ import annotations

from flows.summary import RunSummary, format_summary


def _summary(**kw: object) -> RunSummary:
    s = RunSummary("L1", None, "/w/news.duckdb", "/w/news_bi.duckdb", seen=6, loaded=4, unchanged=1, rejected=1,
                   languages={"hi": 4}, rejections={"empty": 1})
    for k, v in kw.items():
        setattr(s, k, v)
    return s


def test_an_ingest_summary_counts_files_and_names_each_stage() -> None:
    s = _summary(stages={"sources": {"mode": "incremental", "status": "completed", "rows_in": 4, "rows_out": 2,
                                     "seconds": 0.01}})
    text = format_summary(s.as_dict())
    assert text.splitlines()[0].startswith("newsdw load L1")
    assert "files seen 6: loaded 4, unchanged 1, rejected 1" in text
    assert "rejected: empty 1" in text
    assert "corpus stages: sources 4 in / 2 out (incremental, 0.01 s)" in text
    assert "re-derived" not in text


def test_a_reparse_summary_counts_articles_and_what_was_kept() -> None:
    text = format_summary(_summary(kind="reparse", reparsed=7, reparse_kept=1, rejections={}).as_dict())
    assert text.splitlines()[0].startswith("newsdw reparse L1")
    assert "articles re-derived 7; kept as they were 1" in text
    assert "files seen" not in text
