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
    from flows.runlock import run_lock

    # The run lock is taken before Prefect starts: a second run waits here (up to --wait) and, if it
    # gives up, says who holds the warehouse without having started a flow run at all.
    settings = Settings.from_env(raw_dir=args.raw, warehouse=args.warehouse, lock_wait_s=args.wait)
    if not settings.raw_dir.is_dir():  # resolved by Settings; said here, before a flow run exists
        raise FileNotFoundError(f"raw folder {settings.raw_dir} does not exist (or is not a folder)")
    if settings.warehouse.is_dir():
        raise ValueError(f"--warehouse {settings.warehouse} is a folder; give the DuckDB file's path")
    with run_lock(settings.lock_file, settings.lock_wait_s,
                  on_wait=lambda msg: print(f"newsdw: {msg}", file=sys.stderr, flush=True)):
        _prefect_env()
        from flows import progress
        from flows.ingest import ingest_flow

        with progress.on_terminal(sys.stderr):  # a bar on a terminal; nothing when piped
            summary = ingest_flow(args.task_runner)(
                raw_dir=args.raw, warehouse=args.warehouse, batch_size=args.batch_size, workers=args.workers,
                lock_wait_s=args.wait, task_runner=args.task_runner)
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
    kept = "  (kept as it was: this run changed nothing)" if s.get("published") == "unchanged" else ""
    lines.append(f"  snapshot for BI {s['snapshot']}{kept}")
    return "\n".join(lines)


# ---------------------------------------------------------------- query / views / status


def _snapshot(args: argparse.Namespace) -> Path:
    settings = Settings.from_env(warehouse=args.warehouse)
    if not settings.snapshot.exists():
        raise SystemExit(f"newsdw: no snapshot at {settings.snapshot}: run `newsdw run` first")
    return settings.snapshot


# Read-only, no file or network access, settings locked (so none of that can be switched back on),
# no extension downloads. The only file DuckDB touches is the snapshot it opens.
QUERY_CONFIG: dict[str, Any] = {
    "enable_external_access": False,
    "lock_configuration": True,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
}
# A cell a spreadsheet would run as a formula (CSV injection): =1+1, +cmd, -2+3, @SUM(...), and
# the tab / carriage return some spreadsheets skip before looking.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_OUT_SUFFIX = {"csv": ".csv", "json": ".json", "table": ".txt"}


def _read_only(path: Path) -> Any:
    from flows import warehouse as wh

    return wh.connect(path, read_only=True, config=dict(QUERY_CONFIG))


def refusal(sql: str, message: str) -> str:
    """A clear sentence for a statement `newsdw query` refused (or a failure that is not a refusal)."""
    first = message.splitlines()[0] if message else ""
    low = message.lower()
    verb = (sql.strip().split(None, 1) or [""])[0].upper()
    if "configuration has been locked" in low:
        return f"refused: settings cannot be changed in `newsdw query` ({first})"
    if "read-only" in low or "read only" in low:
        return ("refused: `newsdw query` is read-only: the snapshot cannot be changed (the ingest flow is the "
                f"only writer) ({first})")
    if "disabled by configuration" in low or "external extensions is disabled" in low or "permission error" in low:
        what = {"ATTACH": "ATTACH", "COPY": "COPY", "INSTALL": "INSTALL", "LOAD": "LOAD", "EXPORT": "EXPORT",
                "IMPORT": "IMPORT"}.get(verb, "reading or writing files")
        return f"refused: {what} needs file or network access, which `newsdw query` disables ({first})"
    return f"query failed: {first}"


def cmd_query(args: argparse.Namespace) -> int:
    import duckdb

    out = _checked_out_path(args.out, args.format, args) if args.out else None
    con = _read_only(_snapshot(args))
    try:
        cur = con.execute(args.sql)
        cols = [d[0] for d in cur.description] if cur.description is not None else []
        rows = cur.fetchall() if cols else []
    except duckdb.Error as exc:
        print(f"newsdw: {refusal(args.sql, str(exc))}", file=sys.stderr)
        return 2
    finally:
        con.close()
    if not cols:
        return 0
    safe = args.spreadsheet_safe if args.spreadsheet_safe is not None else (args.format == "csv" and out is not None)
    text = render(cols, rows, args.format, spreadsheet_safe=safe)
    if out is None:
        print(text, end="")
    else:
        _write_inside(out, text)
        print(f"wrote {len(rows)} row{'s' if len(rows) != 1 else ''} to {out}", file=sys.stderr)
    return 0


def _checked_out_path(raw: str, fmt: str, args: argparse.Namespace) -> Path:
    """--out resolved (symlinks too) and checked: inside the warehouse folder, not a warehouse file."""
    folder = Settings.from_env(warehouse=args.warehouse).warehouse.parent.resolve()
    target = Path(raw).expanduser()
    target = (target if target.is_absolute() else Path.cwd() / target).resolve()
    if not target.is_relative_to(folder):
        raise ValueError(f"refused: --out {raw} resolves to {target}, outside the warehouse folder {folder}; "
                         "exports are written only inside it")
    suffix = _OUT_SUFFIX[fmt]
    if target.suffix.lower() != suffix:
        raise ValueError(f"refused: --out for --format {fmt} must end in {suffix} (got {target.name}); "
                         "this also keeps exports from overwriting the warehouse's own files")
    if target.is_dir():
        raise ValueError(f"refused: --out {raw} is a folder")
    return target


def _write_inside(target: Path, text: str) -> None:
    """Write via a new temp file beside the target, then rename: never through a planted symlink."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def neutralise_formula(value: Any) -> Any:
    """A text cell a spreadsheet would read as a formula gets a leading apostrophe; others are unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def render(cols: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str, *, spreadsheet_safe: bool = False) -> str:
    if fmt == "json":
        return json.dumps([dict(zip(cols, r, strict=True)) for r in rows], ensure_ascii=False, default=str) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf)
        if spreadsheet_safe:
            writer.writerow([neutralise_formula(c) for c in cols])
            writer.writerows([neutralise_formula(v) for v in r] for r in rows)
        else:
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


# ---------------------------------------------------------------- serve


def cmd_serve(args: argparse.Namespace) -> int:
    # Served runs log to the server at INFO (their logs show in the UI); a user's level still wins.
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO")
    _prefect_env()
    from flows import serve

    plan = serve.plan(cron=args.cron, interval=args.interval, raw_dir=args.raw, warehouse=args.warehouse)
    try:
        url = serve.api_url()
    except serve.ServeError as exc:
        print(f"newsdw: {exc}", file=sys.stderr)
        return 2
    print(f"newsdw: {plan.describe()}; Prefect server {url}", flush=True)
    serve.serve(plan)
    return 0


def _add_serve(sub: Any) -> None:
    p = sub.add_parser("serve", help="run the ingest flow on a schedule (a Prefect deployment served by this process)",
                       description="Serve the ingest flow as the Prefect deployment 'ingest_news/scheduled' with a "
                                   "schedule, at most one run at a time, until interrupted. Needs a Prefect server: "
                                   "PREFECT_API_URL (see README, 'Scheduled runs').")
    when = p.add_mutually_exclusive_group()
    when.add_argument("--cron", help='cron schedule, UTC (default "*/15 * * * *")')
    when.add_argument("--interval", type=float, metavar="SECONDS", help="run every SECONDS seconds instead")
    p.add_argument("--raw", help="raw folder (default: data/raw or NEWSDW_RAW_DIR)")
    p.add_argument("--warehouse", help="DuckDB file (default: data/warehouse/news.duckdb or NEWSDW_WAREHOUSE)")
    p.set_defaults(func=cmd_serve)


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
    query.add_argument("--out", metavar="FILE",
                       help="write the result to FILE (inside the warehouse folder; .csv/.json/.txt to match "
                            "--format) instead of printing it")
    query.add_argument("--spreadsheet-safe", action=argparse.BooleanOptionalAction, default=None,
                       help="prefix text cells starting with = + - @ with an apostrophe so spreadsheets do not run "
                            "them as formulas (default: on for --format csv with --out, off otherwise)")
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

    from flows import cli_bi  # export, docs, report

    cli_bi.register(sub)
    _add_serve(sub)
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
