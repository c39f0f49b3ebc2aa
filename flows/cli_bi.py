"""The BI-side sub-commands of `newsdw`: export, docs, report. Registered by flows/cli.py.

They read the published snapshot (or, for docs, the catalog built from sql/), never the live
warehouse, so they run while a load is in progress.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from flows.settings import Settings


def _snapshot(args: argparse.Namespace) -> Path:
    return Settings.from_env(warehouse=args.warehouse).snapshot


def cmd_export(args: argparse.Namespace) -> int:
    from flows import export

    settings = Settings.from_env(warehouse=args.warehouse)
    out = Path(args.out) if args.out else (settings.export_dir or Path("exports"))
    print(export.format_result(export.export_marts(settings.snapshot, out, args.format)))
    return 0


def cmd_docs(args: argparse.Namespace) -> int:
    from flows import docs

    out = Path(args.out)
    if args.check:
        if docs.is_current(out):
            print(f"{out} is current")
            return 0
        print(f"newsdw: {out} is out of date with sql/views: run `newsdw docs`", file=sys.stderr)
        return 1
    print(f"{'wrote' if docs.write(out) else 'unchanged:'} {out}")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from flows import report

    print(f"wrote {report.write_report(_snapshot(args), Path(args.out))}")
    return 0


def register(sub: Any) -> None:
    """Add export, docs and report to the `newsdw` sub-parsers."""
    from flows.docs import DEFAULT_OUT

    export = sub.add_parser(
        "export", help="write every mart to Parquet (or CSV) files for BI tools",
        description="Export each marts.* view of the snapshot: Parquet with zstd (marts.articles partitioned "
                    "Hive-style by language and month) or CSV. Reads the snapshot read-only.")
    export.add_argument("--format", choices=["parquet", "csv"], default="parquet", help="file format (default parquet)")
    export.add_argument("--out", help="folder to write (default: NEWSDW_EXPORT_DIR or ./exports)")
    export.add_argument("--warehouse", help="DuckDB file whose snapshot to read")
    export.set_defaults(func=cmd_export)

    docs = sub.add_parser(
        "docs", help="regenerate docs/warehouse.md from the views' comments",
        description="Write the Markdown reference of every staging and marts view (grain, columns, types, "
                    "comments), generated from the COMMENTs the views carry in DuckDB.")
    docs.add_argument("--out", default=str(DEFAULT_OUT), help=f"file to write (default {DEFAULT_OUT})")
    docs.add_argument("--check", action="store_true", help="write nothing; exit 1 when the file is out of date")
    docs.set_defaults(func=cmd_docs)

    report = sub.add_parser(
        "report", help="write a self-contained HTML report with charts",
        description="Write one HTML page (no scripts, no network) with charts of articles per day by language, "
                    "code-mix shares, page furniture removed, rejections and load durations, plus the latest "
                    "load's summary. Reads the snapshot read-only.")
    report.add_argument("--out", default="report.html", help="file to write (default report.html)")
    report.add_argument("--warehouse", help="DuckDB file whose snapshot to read")
    report.set_defaults(func=cmd_report)
