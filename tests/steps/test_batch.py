"""flows/steps/batch.py: chunks of files -> warehouse rows, and combining the chunks of a batch."""

from __future__ import annotations

import dataclasses
import re
from datetime import datetime
from pathlib import Path

import pytest

from flows.steps.batch import ChunkResult, combine, parse_chunk
from flows.steps.discover import discover
from flows.steps.parse import PARSER_VERSION

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"


def _chunks() -> list[ChunkResult]:
    refs = discover(RAW, {}).candidates
    now = datetime(2024, 12, 1)
    return [parse_chunk([(r, None) for r in refs[i : i + 2]], "L1", now, max_bytes=1 << 20,
                        default_zone="Asia/Kolkata") for i in range(0, len(refs), 2)]


def test_combine_keeps_chunk_order_and_adds_counts() -> None:
    chunks = _chunks()
    batch = combine(chunks)
    assert batch.loaded == sum(c.loaded for c in chunks) == 5
    assert batch.rows.tables["articles"]["path"] == [p for c in chunks for p in c.rows.tables["articles"]["path"]]
    assert batch.rows.height("blocks") == sum(c.rows.height("blocks") for c in chunks) > 5


def test_a_chunk_from_another_parser_version_is_refused() -> None:
    chunks = _chunks()
    stale = dataclasses.replace(chunks[0], parser_version="0.0.1")
    with pytest.raises(RuntimeError, match=re.escape(f"parser version 0.0.1, this flow {PARSER_VERSION}")):
        combine([stale, *chunks[1:]])
    # Alone too: every worker of another release.
    with pytest.raises(RuntimeError, match=re.escape("parser version 0.0.1")):
        combine([stale])
