"""Shape parse outcomes as warehouse rows: for each table, one plain list per column.

This runs in the parser workers, so it imports no polars. A worker that never builds a frame is
~50 MB smaller (polars' import and its allocator's arenas), and lists of Python values pickle back to
the flow process no slower than frames do. The flow turns the lists into typed frames
(flows/steps/load.py) just before loading them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flows.steps.normalize import plausible_published_at
from flows.steps.parse import (
    Article,
    Outcome,
    Rejected,
    Unchanged,
    article_id,
    file_version_id,
    script_shares_json,
    source_of,
)
from flows.steps.ruleset import rules_checksum

# column -> value type, per table, in the warehouse tables' column names. load.py maps each type to
# a polars dtype; this is the one place a column is named. "utf8": text sent as its UTF-8 bytes, used
# for the three big text columns. Bytes pickle and unpickle as a copy, where a str is encoded, decoded,
# then encoded again (and kept twice) when polars takes it: half the flow's framing time.
COLUMNS: dict[str, dict[str, str]] = {
    "files": {  # raw.files, one row per loaded file version
        "file_version_id": "str", "path": "str", "sha256": "str", "size_bytes": "int64", "mtime_ns": "int64",
        "encoding": "str", "text": "utf8", "first_load_id": "str", "last_load_id": "str",
        "first_seen_at": "timestamp", "last_seen_at": "timestamp",
    },
    "articles": {  # core.articles
        "file_version_id": "str", "article_id": "str", "path": "str", "sha256": "str", "title": "str",
        "section": "str", "standfirst": "str", "dateline": "str", "published_at": "timestamp",
        "published_at_text": "str", "published_at_zone": "str", "body": "utf8", "also_read": "list[str]",
        "language": "str", "language_probability": "float64", "language_method": "str",
        "language_needs_review": "bool", "language_reason": "str", "script": "str", "script_shares": "str",
        "code_mix_share": "float64", "letters": "int32", "words": "int32", "body_chars": "int32",
        "blocks": "int32", "load_id": "str", "parser_version": "str", "loaded_at": "timestamp",
        "rules_checksum": "str", "source": "str", "published_at_dropped": "str", "story_key": "uint64",
        "furniture_review": "bool",
        "authors": "list[str]", "desk": "str", "agency": "str", "agency_evidence": "str", "is_wire": "bool",
        "updated_at": "timestamp", "updated_at_text": "str", "provenance_problems": "list[str]",
    },
    "blocks": {  # core.blocks
        "file_version_id": "str", "ordinal": "int32", "line_no": "int32", "kind": "str", "rule": "str",
        "text": "utf8", "language": "str", "language_probability": "float64", "script": "str", "load_id": "str",
        "repeat_count": "int32", "caption_credit": "str",
    },
    "rejections": {  # raw.rejections
        "rejection_id": "str", "load_id": "str", "path": "str", "sha256": "str", "size_bytes": "int64",
        "mtime_ns": "int64", "reason": "str", "detail": "str", "content": "bytes", "rejected_at": "timestamp",
    },
    "template_keys": {  # core.template_keys: what each page offers the furniture stage
        "file_version_id": "str", "source": "str", "line_no": "int32", "part": "str", "key": "uint64",
        "chars": "int32",
    },
    "file_state": {  # ops.file_state upserts: loaded, rejected and touched-but-same files
        "path": "str", "size_bytes": "int64", "mtime_ns": "int64", "sha256": "str", "outcome": "str",
        "reason": "str", "retry": "bool", "load_id": "str", "gone_load_id": "str",
    },
}  # fmt: skip

Table = dict[str, list[Any]]  # column -> values, every list as long as the table has rows


@dataclass(frozen=True)
class BatchRows:
    """A batch's (or a chunk's) rows for each warehouse table, as column lists."""

    tables: dict[str, Table]

    @classmethod
    def empty(cls) -> BatchRows:
        return cls({name: {col: [] for col in cols} for name, cols in COLUMNS.items()})

    def height(self, table: str) -> int:
        return len(next(iter(self.tables[table].values())))

    def extend(self, other: BatchRows) -> None:
        """Append another chunk's rows after these (in place)."""
        for name, table in self.tables.items():
            for col, values in table.items():
                values.extend(other.tables[name][col])


def _append(table: Table, row: dict[str, Any]) -> None:
    for col, values in table.items():
        values.append(row[col])


def to_rows(outcomes: Sequence[Outcome], load_id: str, now: datetime) -> BatchRows:
    """The warehouse rows of a chunk's outcomes (articles, rejections, touched-but-same files)."""
    rows = BatchRows.empty()
    files, articles, blocks, rejections, keys, state = (rows.tables[name] for name in COLUMNS)
    for out in outcomes:
        if isinstance(out, Article):
            fvid = file_version_id(out.path, out.sha256)
            _append(files, {
                "file_version_id": fvid, "path": out.path, "sha256": out.sha256, "size_bytes": out.size,
                "mtime_ns": out.mtime_ns, "encoding": out.encoding, "text": out.text.encode(),
                "first_load_id": load_id, "last_load_id": load_id, "first_seen_at": now, "last_seen_at": now,
            })
            lang = out.language
            source = source_of(out.path)
            # Checked here because only the loader knows the load time; the text stays for audit.
            published_at, dropped = plausible_published_at(out.published_at, now)
            _append(articles, {
                "file_version_id": fvid, "article_id": article_id(out.path), "path": out.path,
                "sha256": out.sha256, "title": out.title, "section": out.section,
                "standfirst": out.standfirst, "dateline": out.dateline, "published_at": published_at,
                "published_at_text": out.published_at_text, "published_at_zone": out.published_at_zone,
                "body": out.body.encode(), "also_read": out.also_read, "language": lang.language,
                "language_probability": lang.probability, "language_method": lang.method,
                "language_needs_review": lang.needs_review, "language_reason": lang.reason,
                "script": lang.script, "script_shares": script_shares_json(lang),
                "code_mix_share": lang.code_mix_share, "letters": lang.letters, "words": out.words,
                "body_chars": len(out.body), "blocks": len(out.blocks), "load_id": load_id,
                "parser_version": out.parser_version, "loaded_at": now, "rules_checksum": rules_checksum(),
                "source": source, "published_at_dropped": dropped,
                "story_key": out.story_key, "furniture_review": out.furniture_review,
                **_provenance(out),
            })
            for row in out.blocks:
                b = row.block
                _append(blocks, {
                    "file_version_id": fvid, "ordinal": b.ordinal, "line_no": b.line_no, "kind": b.kind,
                    "rule": b.rule, "text": b.text.encode(), "language": row.language,
                    "language_probability": row.language_probability, "script": row.script,
                    "load_id": load_id, "repeat_count": out.repeat_counts.get(b.ordinal),
                    "caption_credit": out.provenance.caption_credits.get(b.ordinal),
                })
            if out.template_keys:  # column by column: ~10 keys a page, a row dict each cost as much as the rest
                offered = out.template_keys
                keys["file_version_id"].extend([fvid] * len(offered))
                keys["source"].extend([source] * len(offered))
                keys["line_no"].extend([c.line_no for c in offered])
                keys["part"].extend([c.part for c in offered])
                keys["key"].extend([c.key for c in offered])
                keys["chars"].extend([c.chars for c in offered])
            _append(state, _state(out.path, out.size, out.mtime_ns, out.sha256, "loaded", None, False, load_id))
        elif isinstance(out, Rejected):
            key = f"{load_id}\0{out.path}\0{out.sha256 or ''}"
            # .value: polars makes an Enum column of a list of StrEnum members, not a VARCHAR one.
            _append(rejections, {
                "rejection_id": hashlib.sha256(key.encode()).hexdigest()[:16], "load_id": load_id,
                "path": out.path, "sha256": out.sha256, "size_bytes": out.size, "mtime_ns": out.mtime_ns,
                "reason": out.reason.value, "detail": out.detail, "content": out.content, "rejected_at": now,
            })
            _append(state, _state(out.path, out.size, out.mtime_ns, out.sha256, "rejected", out.reason.value,
                                  out.retry, load_id))
        elif isinstance(out, Unchanged):
            _append(state, _state(out.path, out.size, out.mtime_ns, out.sha256, "loaded", None, False, load_id))
    return rows


def _provenance(out: Article) -> dict[str, Any]:
    p = out.provenance
    return {"authors": p.authors, "desk": p.desk, "agency": p.agency, "agency_evidence": p.agency_evidence,
            "is_wire": p.agency is not None, "updated_at": p.updated_at, "updated_at_text": p.updated_at_text,
            "provenance_problems": p.problems or None}


def _state(path: str, size: int, mtime_ns: int, sha: str | None, outcome: str, reason: str | None,
           retry: bool, load_id: str) -> dict[str, Any]:
    return {"path": path, "size_bytes": size, "mtime_ns": mtime_ns, "sha256": sha, "outcome": outcome,
            "reason": reason, "retry": retry, "load_id": load_id, "gone_load_id": None}
