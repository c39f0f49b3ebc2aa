"""Turn a batch of parse outcomes into polars frames shaped like the warehouse tables.

Pure data shaping: the DuckDB side lives in flows/warehouse.py.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import polars as pl

from flows.steps.parse import Article, Outcome, Rejected, Unchanged, article_id, file_version_id, script_shares_json


@dataclass(frozen=True)
class BatchFrames:
    files: pl.DataFrame  # raw.files rows (one per loaded version)
    articles: pl.DataFrame  # core.articles
    blocks: pl.DataFrame  # core.blocks
    rejections: pl.DataFrame  # raw.rejections
    file_state: pl.DataFrame  # ops.file_state upserts (loaded, rejected and touched-but-same files)

    @property
    def loaded(self) -> int:
        return self.articles.height


_FILES: dict[str, pl.DataType | type[pl.DataType]] = {
    "file_version_id": pl.String, "path": pl.String, "sha256": pl.String, "size_bytes": pl.Int64,
    "mtime_ns": pl.Int64, "encoding": pl.String, "text": pl.String, "first_load_id": pl.String,
    "last_load_id": pl.String, "first_seen_at": pl.Datetime("us"), "last_seen_at": pl.Datetime("us"),
}
_ARTICLES: dict[str, pl.DataType | type[pl.DataType]] = {
    "file_version_id": pl.String, "article_id": pl.String, "path": pl.String, "sha256": pl.String,
    "title": pl.String, "section": pl.String, "standfirst": pl.String, "dateline": pl.String,
    "published_at": pl.Datetime("us"), "published_at_text": pl.String, "published_at_zone": pl.String,
    "body": pl.String, "also_read": pl.List(pl.String), "language": pl.String,
    "language_probability": pl.Float64, "language_method": pl.String, "language_needs_review": pl.Boolean,
    "language_reason": pl.String, "script": pl.String, "script_shares": pl.String,
    "code_mix_share": pl.Float64, "letters": pl.Int32, "words": pl.Int32, "body_chars": pl.Int32,
    "blocks": pl.Int32, "load_id": pl.String, "parser_version": pl.String, "loaded_at": pl.Datetime("us"),
}
_BLOCKS: dict[str, pl.DataType | type[pl.DataType]] = {
    "file_version_id": pl.String, "ordinal": pl.Int32, "line_no": pl.Int32, "kind": pl.String,
    "rule": pl.String, "text": pl.String, "language": pl.String, "language_probability": pl.Float64,
    "script": pl.String, "load_id": pl.String,
}
_REJECTIONS: dict[str, pl.DataType | type[pl.DataType]] = {
    "rejection_id": pl.String, "load_id": pl.String, "path": pl.String, "sha256": pl.String,
    "size_bytes": pl.Int64, "mtime_ns": pl.Int64, "reason": pl.String, "detail": pl.String,
    "content": pl.Binary, "rejected_at": pl.Datetime("us"),
}
_STATE: dict[str, pl.DataType | type[pl.DataType]] = {
    "path": pl.String, "size_bytes": pl.Int64, "mtime_ns": pl.Int64, "sha256": pl.String,
    "outcome": pl.String, "reason": pl.String, "retry": pl.Boolean, "load_id": pl.String,
    "gone_load_id": pl.String,
}


def to_frames(outcomes: Sequence[Outcome], load_id: str, now: datetime) -> BatchFrames:
    files: list[dict[str, object]] = []
    articles: list[dict[str, object]] = []
    blocks: list[dict[str, object]] = []
    rejections: list[dict[str, object]] = []
    state: list[dict[str, object]] = []
    for out in outcomes:
        if isinstance(out, Article):
            fvid = file_version_id(out.path, out.sha256)
            files.append({
                "file_version_id": fvid, "path": out.path, "sha256": out.sha256, "size_bytes": out.size,
                "mtime_ns": out.mtime_ns, "encoding": out.encoding, "text": out.text,
                "first_load_id": load_id, "last_load_id": load_id, "first_seen_at": now, "last_seen_at": now,
            })
            lang = out.language
            articles.append({
                "file_version_id": fvid, "article_id": article_id(out.path), "path": out.path,
                "sha256": out.sha256, "title": out.title, "section": out.section,
                "standfirst": out.standfirst, "dateline": out.dateline, "published_at": out.published_at,
                "published_at_text": out.published_at_text, "published_at_zone": out.published_at_zone,
                "body": out.body, "also_read": out.also_read, "language": lang.language,
                "language_probability": lang.probability, "language_method": lang.method,
                "language_needs_review": lang.needs_review, "language_reason": lang.reason,
                "script": lang.script, "script_shares": script_shares_json(lang),
                "code_mix_share": lang.code_mix_share, "letters": lang.letters, "words": out.words,
                "body_chars": len(out.body), "blocks": len(out.blocks), "load_id": load_id,
                "parser_version": out.parser_version, "loaded_at": now,
            })
            for row in out.blocks:
                b = row.block
                blocks.append({
                    "file_version_id": fvid, "ordinal": b.ordinal, "line_no": b.line_no, "kind": b.kind,
                    "rule": b.rule, "text": b.text, "language": row.language,
                    "language_probability": row.language_probability, "script": row.script,
                    "load_id": load_id,
                })
            state.append(_state(out.path, out.size, out.mtime_ns, out.sha256, "loaded", None, False, load_id))
        elif isinstance(out, Rejected):
            key = f"{load_id}\0{out.path}\0{out.sha256 or ''}"
            rejections.append({
                "rejection_id": hashlib.sha256(key.encode()).hexdigest()[:16], "load_id": load_id,
                "path": out.path, "sha256": out.sha256, "size_bytes": out.size, "mtime_ns": out.mtime_ns,
                "reason": out.reason, "detail": out.detail, "content": out.content, "rejected_at": now,
            })
            state.append(_state(out.path, out.size, out.mtime_ns, out.sha256, "rejected", out.reason,
                                out.retry, load_id))
        elif isinstance(out, Unchanged):
            state.append(_state(out.path, out.size, out.mtime_ns, out.sha256, "loaded", None, False, load_id))
    return BatchFrames(
        files=pl.DataFrame(files, schema=_FILES),
        articles=pl.DataFrame(articles, schema=_ARTICLES),
        blocks=pl.DataFrame(blocks, schema=_BLOCKS),
        rejections=pl.DataFrame(rejections, schema=_REJECTIONS),
        file_state=pl.DataFrame(state, schema=_STATE),
    )


def _state(path: str, size: int, mtime_ns: int, sha: str | None, outcome: str, reason: str | None,
           retry: bool, load_id: str) -> dict[str, object]:
    return {"path": path, "size_bytes": size, "mtime_ns": mtime_ns, "sha256": sha, "outcome": outcome,
            "reason": reason, "retry": retry, "load_id": load_id, "gone_load_id": None}
