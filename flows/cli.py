"""The `newsdw` command: the outermost layer. Sets Prefect's environment, then calls the flows."""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from flows.settings import PROJECT_ROOT, Settings


def _prefect_env() -> None:
    """Quiet, local, offline Prefect. setdefault: a user's own PREFECT_* settings win.

    Must run before `import prefect`: Prefect reads some settings at import time.
    """
    defaults = {
        "PREFECT_HOME": str(PROJECT_ROOT / ".prefect"),
        "PREFECT_LOGGING_LEVEL": "WARNING",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
        "PREFECT_RESULTS_PERSIST_BY_DEFAULT": "false",
    }
    for key, value in defaults.items():
        os.environ.setdefault(key, value)


# ---------------------------------------------------------------- run


def cmd_run(args: argparse.Namespace) -> int:
    _prefect_env()
    from flows.ingest import ingest_flow

    summary = ingest_flow(args.task_runner)(raw_dir=args.raw, warehouse=args.warehouse, batch_size=args.batch_size,
                                            workers=args.workers, lock_wait_s=args.wait,
                                            task_runner=args.task_runner)
    print(format_summary(summary))
    return 0


def format_summary(s: dict[str, Any]) -> str:
    langs = ", ".join(f"{k} {v}" for k, v in s["languages"].items()) or "none"
    lines = [
        f"newsdw load {s['load_id']}  ({s['seconds']:.1f} s)",
        f"  files seen {s['seen']}: loaded {s['loaded']}, unchanged {s['unchanged']}, rejected {s['rejected']}"
        + (f"; gone since last run {s['gone']}" if s["gone"] else ""),
        f"  articles by language (current): {langs}",
    ]
    if s["rejections"]:
        lines.append("  rejected: " + ", ".join(f"{k} {v}" for k, v in s["rejections"].items())
                     + "  (see: newsdw query \"SELECT * FROM marts.rejections\")")
    if s["failed_checks"]:
        lines.append("  FAILED data checks: " + ", ".join(f"{k} ({v} rows)" for k, v in s["failed_checks"].items()))
    lines.append(f"  warehouse {s['warehouse']}")
    lines.append(f"  snapshot for BI {s['snapshot']}")
    return "\n".join(lines)


# ---------------------------------------------------------------- query / views / status


def _snapshot(args: argparse.Namespace) -> Path:
    settings = Settings.from_env(warehouse=args.warehouse)
    if not settings.snapshot.exists():
        raise SystemExit(f"newsdw: no snapshot at {settings.snapshot}: run `newsdw run` first")
    return settings.snapshot


def _read_only(path: Path) -> Any:
    from flows import warehouse as wh

    return wh.connect(path, read_only=True, config={"enable_external_access": False})


def cmd_query(args: argparse.Namespace) -> int:
    import duckdb

    con = _read_only(_snapshot(args))
    try:
        cur = con.execute(args.sql)
    except duckdb.Error as exc:
        msg = str(exc)
        if "read-only" in msg.lower() or "read only" in msg.lower():
            print("newsdw: refused: `newsdw query` is read-only (the snapshot cannot be changed); "
                  "the ingest flow is the only writer", file=sys.stderr)
        elif "external access" in msg.lower() or "disabled" in msg.lower():
            print(f"newsdw: refused: file and network access are disabled in `newsdw query` ({msg.splitlines()[0]})",
                  file=sys.stderr)
        else:
            print(f"newsdw: query failed: {msg}", file=sys.stderr)
        return 2
    if cur.description is None:
        return 0
    cols = [d[0] for d in cur.description]
    rows = cur.fetchall()
    print(render(cols, rows, args.format), end="")
    return 0


def render(cols: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str) -> str:
    if fmt == "json":
        return json.dumps([dict(zip(cols, r, strict=True)) for r in rows], ensure_ascii=False, default=str) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(cols)
        writer.writerows(rows)
        return buf.getvalue()
    return _table(cols, rows)


def _table(cols: Sequence[str], rows: Sequence[Sequence[Any]], width: int = 60) -> str:
    def cell(v: Any) -> str:
        text = "NULL" if v is None else str(v).replace("\n", " ")
        return text if len(text) <= width else text[: width - 1] + "…"

    cells = [[cell(v) for v in r] for r in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(cols)]
    def line(vals: Sequence[str]) -> str:
        return " | ".join(v.ljust(w) for v, w in zip(vals, widths, strict=True)).rstrip()

    out = [line(cols), "-+-".join("-" * w for w in widths)] + [line(r) for r in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


def cmd_views(args: argparse.Namespace) -> int:
    con = _read_only(_snapshot(args))
    rows = con.execute(
        "SELECT schema_name || '.' || view_name, coalesce(comment, '') FROM duckdb_views() "
        "WHERE NOT internal AND schema_name IN ('staging', 'marts') ORDER BY schema_name DESC, view_name"
    ).fetchall()
    for name, comment in rows:
        print(f"{name}\n    {comment}")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    con = _read_only(_snapshot(args))
    cur = con.execute(
        "SELECT load_id, status, started_at, duration_s, files_seen, files_loaded, files_unchanged, "
        "files_rejected, files_gone, counts_balance FROM marts.loads ORDER BY started_at DESC LIMIT ?",
        [args.limit],
    )
    cols = [d[0] for d in cur.description]
    print(_table(cols, cur.fetchall()), end="")
    return 0


# ---------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsdw", description="News articles -> DuckDB warehouse.")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="ingest new and changed files from the raw folder once",
                         description="Run the ingest flow once: discover, parse, load, views, checks, publish.")
    run.add_argument("--raw", help="raw folder (default: data/raw or NEWSDW_RAW_DIR)")
    run.add_argument("--warehouse", help="DuckDB file (default: data/warehouse/news.duckdb or NEWSDW_WAREHOUSE)")
    run.add_argument("--batch-size", type=int, help="files per batch task (default 2000)")
    run.add_argument("--workers", type=int, help="parser processes (default: one per core)")
    run.add_argument("--wait", type=float, help="seconds to wait for another run's lock (default 180)")
    run.add_argument("--task-runner", choices=["default", "dask"],
                     help="where parsing runs: default (a process pool here) or dask (the cluster at "
                          "NEWSDW_DASK_ADDRESS=tcp://host:port; a temporary local one without it)")
    run.set_defaults(func=cmd_run)

    query = sub.add_parser("query", help="run read-only SQL on the published snapshot",
                           description="Run SQL on the read-only snapshot (news_bi.duckdb). Writes are refused.")
    query.add_argument("sql", help="the SQL to run, e.g. \"SELECT * FROM marts.daily_language_counts\"")
    query.add_argument("--format", choices=["table", "csv", "json"], default="table")
    query.add_argument("--warehouse", help="DuckDB file whose snapshot to read")
    query.set_defaults(func=cmd_query)

    views = sub.add_parser("views", help="list the reporting views with their comments",
                           description="List staging and marts views with their comments.")
    views.add_argument("--warehouse", help="DuckDB file whose snapshot to read")
    views.set_defaults(func=cmd_views)

    status = sub.add_parser("status", help="show recent loads and their counts",
                            description="Show the most recent loads from marts.loads.")
    status.add_argument("--limit", type=int, default=10, help="how many loads (default 10)")
    status.add_argument("--warehouse", help="DuckDB file whose snapshot to read")
    status.set_defaults(func=cmd_status)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from flows import warehouse as wh
    from flows.runlock import RunLocked

    try:
        return int(args.func(args))
    except RunLocked as exc:
        print(f"newsdw: {exc}", file=sys.stderr)
        return 3
    except wh.WarehouseLocked as exc:
        print(f"newsdw: {exc}; try again when it has finished", file=sys.stderr)
        return 3
    except (wh.WarehouseError, FileNotFoundError, ValueError) as exc:
        print(f"newsdw: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
