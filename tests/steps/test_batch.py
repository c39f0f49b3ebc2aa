"""flows/steps/batch.py: chunks of files -> warehouse rows, and combining the chunks of a batch."""

from __future__ import annotations

import dataclasses
import re
from datetime import datetime
from pathlib import Path

import pytest

from flows.steps import batch
from flows.steps.batch import ChunkResult, combine, parse_chunk, plan_batches
from flows.steps.discover import FileRef, discover
from flows.steps.parse import PARSER_VERSION, Rejected
from flows.steps.reasons import Reason

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
    # Each chunk reports the CPU its worker spent on it; a batch's is theirs together.
    assert all(c.cpu_s > 0 for c in chunks)
    assert batch.cpu_s == pytest.approx(sum(c.cpu_s for c in chunks))


def test_a_chunk_from_another_parser_version_is_refused() -> None:
    chunks = _chunks()
    stale = dataclasses.replace(chunks[0], parser_version="0.0.1")
    with pytest.raises(RuntimeError, match=re.escape(f"parser version 0.0.1, this flow {PARSER_VERSION}")):
        combine([stale, *chunks[1:]])
    # Alone too: every worker of another release.
    with pytest.raises(RuntimeError, match=re.escape("parser version 0.0.1")):
        combine([stale])


def _refs(sizes: list[int]) -> list[FileRef]:
    return [FileRef(f"f{i:03d}.txt", f"/raw/f{i:03d}.txt", size, 0) for i, size in enumerate(sizes)]


def test_batches_are_bounded_by_files_and_by_bytes() -> None:
    refs = _refs([100] * 10)
    assert [len(b) for b in plan_batches(refs, 4, 10_000)] == [4, 4, 2]
    assert [len(b) for b in plan_batches(refs, 100, 350)] == [3, 3, 3, 1]
    # Order kept, every file exactly once.
    assert [r for b in plan_batches(refs, 4, 350) for r in b] == refs


def test_a_file_larger_than_a_batch_is_a_batch_of_its_own() -> None:
    refs = _refs([10, 5_000, 10, 10])
    assert [[r.size for r in b] for b in plan_batches(refs, 100, 1_000)] == [[10], [5_000], [10, 10]]
    assert plan_batches([], 100, 1_000) == []


def test_a_parser_bug_rejects_the_file_for_a_retry(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise IndexError("list index out of range")

    monkeypatch.setattr(batch, "process_file", broken)
    ref = FileRef("a.txt", "/raw/a.txt", 10, 1)
    out = batch.parse_one((ref, None), max_bytes=1 << 20, default_zone="Asia/Kolkata")
    assert isinstance(out, Rejected)
    assert (out.reason, out.retry, out.detail) == (Reason.PARSER_ERROR, True, "IndexError: list index out of range")
    result = batch.parse_chunk([(ref, None)], "L1", datetime(2024, 12, 1), max_bytes=1 << 20,
                               default_zone="Asia/Kolkata")
    assert result.reasons == {"parser_error": 1} and type(next(iter(result.reasons))) is str
    assert result.rows.tables["file_state"]["retry"] == [True]
