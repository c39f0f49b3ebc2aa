"""flows/steps/rows.py (column lists, built in the workers) and flows/steps/load.py (typed frames)."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import polars as pl

from flows.steps.discover import discover
from flows.steps.load import SCHEMAS, to_frames
from flows.steps.parse import Article, Outcome, Rejected, Unchanged, process_file
from flows.steps.reasons import Reason
from flows.steps.rows import COLUMNS, to_rows

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "data" / "raw"
NOW = datetime(2024, 12, 1)


def _outcomes() -> list[Outcome]:
    refs = discover(RAW, {}).candidates
    articles = [process_file(r) for r in refs]
    unchanged = Unchanged("same.txt", "ab" * 32, 10, 1)
    rejected = Rejected("bad.txt", Reason.BINARY, "NUL bytes at offset 3", 4, 2, "cd" * 32, b"\x00\x01\x02\x00")
    return [*articles, unchanged, rejected]


def test_rows_are_column_lists_of_equal_length_per_table() -> None:
    rows = to_rows(_outcomes(), "L1", NOW)
    assert list(rows.tables) == list(COLUMNS)
    for name, table in rows.tables.items():
        assert list(table) == list(COLUMNS[name])
        assert len({len(values) for values in table.values()}) == 1, name
    assert rows.height("files") == rows.height("articles") == 5
    assert rows.height("blocks") > 5 * 5
    assert rows.height("rejections") == 1
    # Loaded, unchanged and rejected files all update ops.file_state.
    assert rows.height("file_state") == 7
    assert rows.tables["file_state"]["outcome"][-2:] == ["loaded", "rejected"]
    assert rows.tables["rejections"]["content"] == [b"\x00\x01\x02\x00"]
    # Reason codes leave as plain text (a list of StrEnum members would become a polars Enum column).
    assert [type(v) for v in rows.tables["rejections"]["reason"]] == [str]
    assert rows.tables["file_state"]["reason"][-1] == "binary"
    assert rows.tables["file_state"]["retry"][-1] is False


def test_frames_carry_the_declared_types_and_every_row() -> None:
    rows = to_rows(_outcomes(), "L1", NOW)
    frames = to_frames(rows)
    for name, schema in SCHEMAS.items():
        frame = getattr(frames, name)
        assert dict(frame.schema) == schema, name
        assert frame.height == rows.height(name)
    assert frames.articles.schema["also_read"] == pl.List(pl.String)
    # The big text columns travel as UTF-8 bytes and arrive as the same text.
    articles = [o for o in _outcomes() if isinstance(o, Article)]
    assert frames.articles["body"].to_list() == [a.body for a in articles]
    assert frames.files["text"].to_list() == [a.text for a in articles]
    assert frames.blocks["text"].to_list() == [r.block.text for a in articles for r in a.blocks]
    assert any("\u0915" <= ch <= "\u0939" for ch in frames.articles["body"][0])  # Devanagari, not mojibake
    assert frames.articles["loaded_at"].to_list() == [NOW] * 5
    assert frames.loaded == 5


def test_chunk_workers_do_not_import_polars() -> None:
    # What a worker process imports to run parse_chunk. polars costs each worker ~50 MB of memory.
    code = "import sys, flows.steps.batch; print([m for m in ('polars', 'duckdb', 'prefect') if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_an_implausible_publication_time_is_dropped_with_its_reason() -> None:
    article = next(o for o in _outcomes() if isinstance(o, Article) and o.published_at is not None)
    cases = [
        (article.published_at, article.published_at, None),
        (datetime(1941, 3, 8, 18, 30), None, "before_1990"),
        (NOW + timedelta(days=1, minutes=1), None, "in_the_future"),
    ]
    for published, want, reason in cases:
        changed = dataclasses.replace(article, published_at=published, published_at_text="the text it came from")
        table = to_rows([changed], "L1", NOW).tables["articles"]
        assert (table["published_at"], table["published_at_dropped"]) == ([want], [reason])
        assert table["published_at_text"] == ["the text it came from"]  # kept for audit
