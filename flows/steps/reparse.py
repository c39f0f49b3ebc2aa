"""Re-derive stored articles from the decoded text kept in raw.files: the worker side of `newsdw reparse`.

Plain functions over plain tuples, like flows/steps/batch.py, so the same process pool or Dask cluster
runs them. No file is read: the text comes from the warehouse.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import datetime

from flows.steps.batch import ChunkResult
from flows.steps.parse import Article, Outcome, Rejected, parse_text, source_of
from flows.steps.reasons import Reason
from flows.steps.rows import to_rows
from flows.steps.segment import load_rules
from flows.steps.templates import Learned

# (file_version_id, path, sha256, size_bytes, mtime_ns, encoding, text): one raw.files row.
StoredText = tuple[str, str, str, int, int, str, str]


def reparse_one(item: StoredText, *, default_zone: str, templates: Mapping[str, Learned] | None = None) -> Outcome:
    """parse_text on a stored text; a parser bug becomes a parser_error outcome, never an exception."""
    _, path, sha, size, mtime_ns, encoding, text = item
    try:
        return parse_text(text, path=path, sha256=sha, size=size, mtime_ns=mtime_ns or 0, encoding=encoding,
                          raw=b"", default_zone=default_zone, rules=load_rules(),
                          templates=(templates or {}).get(source_of(path)), offer_keys=templates is not None)
    except Exception as exc:
        return Rejected(path, Reason.PARSER_ERROR, f"{type(exc).__name__}: {exc}", size, mtime_ns or 0, sha)


def reparse_chunk(items: Sequence[StoredText], load_id: str, now: datetime, *, default_zone: str,
                  templates: Mapping[str, Learned] | None = None) -> ChunkResult:
    """Rows for the re-derived articles of a chunk. A text the current parser rejects (no body left)
    comes back in the rejections rows, by reason: the caller keeps that article as it was."""
    cpu = time.process_time()
    outcomes = [reparse_one(item, default_zone=default_zone, templates=templates) for item in items]
    reasons = Counter(o.reason.value for o in outcomes if isinstance(o, Rejected))
    loaded = sum(isinstance(o, Article) for o in outcomes)
    rows = to_rows(outcomes, load_id, now)
    return ChunkResult(rows, loaded=loaded, rejected=len(outcomes) - loaded, reasons=dict(reasons),
                       cpu_s=time.process_time() - cpu)
