"""Export every mart of the published snapshot as files BI tools and notebooks read without DuckDB.

Parquet (zstd) by default; `marts.articles` is partitioned Hive-style by language and month
(`articles/language=hi/month=2024-12/data_0.parquet`), the other marts are one file each. CSV is
one file per mart. The export reads the snapshot read-only, never the live warehouse, writes into a
fresh folder beside the target and swaps each mart in, so a reader never sees stale partitions
mixed with new ones. `manifest.json`, written last, lists what was exported and the row counts.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from flows import warehouse as wh

FORMATS = ("parquet", "csv")
# The month an article counts under: its UTC publication month, or the month it was first loaded
# when the text gives no full date (as marts.daily_language_counts does with day_basis).
ARTICLE_MONTH = "strftime(coalesce(published_date, CAST(loaded_at AS DATE)), '%Y-%m')"
PARTITIONS: dict[str, tuple[str, ...]] = {"marts.articles": ("language", "month")}


@dataclass(frozen=True)
class ExportedMart:
    view: str  # schema.view
    path: str  # relative to the export folder: a file, or a folder of partitions
    rows: int
    partition_by: tuple[str, ...] = ()


MANIFEST = "manifest.json"  # written last: its presence means a whole export is there


@dataclass(frozen=True)
class ExportResult:
    out_dir: Path
    format: str
    snapshot: Path
    marts: list[ExportedMart]

    @property
    def manifest(self) -> Path:
        return self.out_dir / MANIFEST


def export_marts(snapshot: Path, out_dir: Path, fmt: str = "parquet") -> ExportResult:
    """Write each mart of `snapshot` into `out_dir` in `fmt`; return what was written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    out_dir = out_dir.expanduser().resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = out_dir / f".export-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    staging.mkdir()
    exported: list[ExportedMart] = []
    try:
        with wh.read_snapshot(snapshot, external_access=True) as con:
            latest = wh.fetch(con, "SELECT load_id FROM marts.loads ORDER BY started_at DESC LIMIT 1")[1]
            for view in wh.view_names(con, "marts"):
                exported.append(_export_one(con, view, staging, fmt))
        for mart in exported:
            _swap_in(staging / mart.path, out_dir / mart.path)
        result = ExportResult(out_dir, fmt, snapshot, exported)
        _write_manifest(result, latest[0][0] if latest else None)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return result


def _export_one(con: wh.Connection, view: str, staging: Path, fmt: str) -> ExportedMart:
    name = view.split(".", 1)[1]
    partition_by = PARTITIONS.get(view, ()) if fmt == "parquet" else ()
    rows = int(wh.fetch(con, f"SELECT count(*) FROM {view}")[1][0][0])
    if partition_by:
        query = f"SELECT *, {ARTICLE_MONTH} AS month FROM {view}"
        rel = name
        if rows == 0:  # DuckDB writes no folder for zero partitions; readers expect one
            (staging / rel).mkdir()
        else:
            wh.copy_query(con, query, staging / rel, fmt, partition_by)
    else:
        rel = f"{name}.{fmt}"
        wh.copy_query(con, f"SELECT * FROM {view}", staging / rel, fmt)
    return ExportedMart(view, rel, rows, partition_by)


def _swap_in(new: Path, target: Path) -> None:
    """Replace `target` (a file or a folder) by `new`; a reader sees the old or the new, not a mix."""
    if target.is_dir() and not target.is_symlink():
        old = target.with_name(f".old-{target.name}-{uuid.uuid4().hex[:8]}")
        target.rename(old)
        new.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(new, target)


def _write_manifest(result: ExportResult, latest_load_id: str | None) -> None:
    doc: dict[str, Any] = {
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "format": result.format,
        "snapshot": str(result.snapshot),
        "latest_load_id": latest_load_id,
        "article_month": "UTC publication month, or the month first loaded when the text gives no date",
        "marts": [asdict(m) for m in result.marts],
    }
    tmp = result.manifest.with_name(f".manifest-{uuid.uuid4().hex[:8]}.json")
    tmp.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, result.manifest)


def format_result(result: ExportResult) -> str:
    lines = [f"exported {len(result.marts)} marts from {result.snapshot} as {result.format} to {result.out_dir}"]
    for m in result.marts:
        parts = f"  (partitioned by {', '.join(m.partition_by)})" if m.partition_by else ""
        lines.append(f"  {m.view:<32} {m.rows:>8} rows  {m.path}{parts}")
    return "\n".join(lines)
