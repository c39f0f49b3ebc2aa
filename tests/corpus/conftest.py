"""Shared by the corpus-stage tests: a migrated warehouse file, and loading a folder as the flow would."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from flows import warehouse as wh
from flows.corpus import StageContext
from flows.steps.batch import parse_chunk
from flows.steps.discover import discover
from flows.steps.load import to_frames


@pytest.fixture
def con(tmp_path: Path) -> Iterator[wh.Connection]:
    c = wh.connect(tmp_path / "w.duckdb")
    wh.migrate(c)
    yield c
    c.close()


def _load(con: wh.Connection, raw: Path, load_id: str) -> StageContext:
    """Discover and load what changed in `raw` as one batch; the context the flow would build."""
    known = wh.known_files(con)
    found = discover(raw, known.stat)
    wh.start_load(con, load_id, None, str(raw), "test")
    result = parse_chunk([(r, known.sha.get(r.path)) for r in found.candidates], load_id, datetime(2026, 1, 1),
                         max_bytes=10**7, default_zone="UTC", templates=wh.learned_templates(con))
    frames = to_frames(result.rows)
    wh.load_batch(con, frames, load_id)
    wh.mark_gone(con, found.gone, load_id)
    from flows.steps.parse import file_version_id

    gone = tuple(file_version_id(p, known.sha[p]) for p in found.gone)
    replaced = tuple(file_version_id(p, known.sha[p]) for p in frames.articles["path"].to_list() if p in known.sha)
    return StageContext(load_id, added=tuple(frames.articles["file_version_id"].to_list()), gone=gone + replaced)
