"""The `newsdw` command: the outermost layer. Sets Prefect's environment, then calls the flows."""

from __future__ import annotations

import argparse
import atexit
import csv
import io
import json
import os
import re
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from flows.settings import PROJECT_ROOT, Settings


def _prefect_env() -> str | None:
    """Quiet, local, offline Prefect. setdefault: a user's own PREFECT_* settings win.

    Must run before `import prefect`: Prefect reads some settings at import time. Points Prefect at
    the managed server (`newsdw server start`) when one is up and healthy and the user set no
    PREFECT_API_URL of their own; returns its API URL, or None (their server, or Prefect's temporary one).
    """
    defaults = {
        "PREFECT_HOME": str(PROJECT_ROOT / ".prefect"),
        "PREFECT_LOGGING_LEVEL": "WARNING",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
        "PREFECT_RESULTS_PERSIST_BY_DEFAULT": "false",
        # Our loggers (newsdw.*) go through Prefect's handlers: run logs in the UI, levels as configured.
        "PREFECT_LOGGING_EXTRA_LOGGERS": "newsdw",
    }
    for key, value in defaults.items():
        os.environ.setdefault(key, value)
    from flows import server  # after PREFECT_HOME: the managed server's home follows it

    return server.use_if_running()


def _seconds_since_process_start() -> float:
    """Wall seconds since this process started (interpreter start-up included), from /proc on Linux."""
    try:
        stat = Path("/proc/self/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
        uptime = float(Path("/proc/uptime").read_text(encoding="ascii").split()[0])
        return uptime - int(stat[19]) / os.sysconf("SC_CLK_TCK")  # field 22: start time in clock ticks
    except (OSError, ValueError, IndexError):
        return time.monotonic() - _LOADED_AT


_LOADED_AT = time.monotonic()


# ---------------------------------------------------------------- run


def cmd_run(args: argparse.Namespace) -> int:
    settings = Settings.from_env(raw_dir=args.raw, warehouse=args.warehouse, lock_wait_s=args.wait)
    if not settings.raw_dir.is_dir():  # resolved by Settings; said here, before a flow run exists
        raise FileNotFoundError(f"raw folder {settings.raw_dir} does not exist (or is not a folder)")

    def call() -> dict[str, Any]:
        from flows.ingest import ingest_flow

        return ingest_flow(args.task_runner)(
            raw_dir=args.raw, warehouse=args.warehouse, batch_size=args.batch_size, workers=args.workers,
            lock_wait_s=args.wait, task_runner=args.task_runner, stages=args.stages)

    return _run_flow(settings, call)


def cmd_reparse(args: argparse.Namespace) -> int:
    settings = Settings.from_env(warehouse=args.warehouse, lock_wait_s=args.wait)
    if not settings.warehouse.is_file():
        raise FileNotFoundError(f"no warehouse at {settings.warehouse}: run `newsdw run` first")

    def call() -> dict[str, Any]:
        from flows.reparse import reparse_news

        return reparse_news(warehouse=args.warehouse, everything=args.all, since=args.since,
                            batch_size=args.batch_size, workers=args.workers, lock_wait_s=args.wait,
                            stages=args.stages)

    return _run_flow(settings, call)


def _run_flow(settings: Settings, call: Callable[[], dict[str, Any]]) -> int:
    """Run a flow under the run lock with a progress bar; print its summary (and, with Prefect's
    temporary server, what starting it cost)."""
    from flows.runlock import run_lock
    from flows.summary import format_summary

    if settings.warehouse.is_dir():
        raise ValueError(f"--warehouse {settings.warehouse} is a folder; give the DuckDB file's path")
    # The run lock is taken before Prefect starts: a second run waits here (up to --wait) and, if it
    # gives up, says who holds the warehouse without having started a flow run at all.
    with run_lock(settings.lock_file, settings.lock_wait_s,
                  on_wait=lambda msg: print(f"newsdw: {msg}", file=sys.stderr, flush=True)):
        locked_at = _seconds_since_process_start()
        temporary = _prefect_env() is None and not os.environ.get("PREFECT_API_URL")
        from flows import progress

        with progress.on_terminal(sys.stderr):  # a bar on a terminal; nothing when piped
            summary = call()
        # The flow's own clock starts when its body does: the rest of the time so far is start-up.
        began = _seconds_since_process_start() - float(summary["seconds"])
    print(format_summary(summary))
    if temporary:
        waited = f" (after {locked_at:.1f} s waiting for the run lock)" if locked_at > 5 else ""
        print(f"newsdw: the flow began {began:.1f} s after the command started{waited}, most of it starting Prefect's "
              "temporary server; `newsdw server start` keeps a server running so runs skip that", file=sys.stderr)
    return 0


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


# DuckDB's own units: KB, MB, ... count 1000s; KiB, MiB, ... 1024s.
_SIZE_UNITS = {"B": 1, "KB": 10**3, "MB": 10**6, "GB": 10**9, "TB": 10**12,
               "KiB": 2**10, "MiB": 2**20, "GiB": 2**30, "TiB": 2**40}
_UNIT_NAMES = {unit.lower(): unit for unit in _SIZE_UNITS}


def normalise_size(text: str) -> str:
    """A DuckDB size string ("2GB", "1.5 gib") written one way ("2 GB", "1.5 GiB"); ValueError otherwise."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]+)\s*", text)
    if not m or m.group(2).lower() not in _UNIT_NAMES:
        raise ValueError(f"{text!r} is not a size: give a number and a unit, e.g. 500MB, 2GB, 1.5GiB")
    if float(m.group(1)) <= 0:
        raise ValueError(f"{text!r} is not a size above zero")
    return f"{m.group(1)} {_UNIT_NAMES[m.group(2).lower()]}"


def parse_size(text: str) -> int:
    """A DuckDB size string in bytes (at least 1); ValueError for anything else."""
    number, unit = normalise_size(text).split()
    return max(1, int(float(number) * _SIZE_UNITS[unit]))


def format_size(n: int) -> str:
    for unit, scale in (("GB", 10**9), ("MB", 10**6), ("KB", 10**3)):
        if n >= scale:
            return f"{n / scale:.3g} {unit}"
    return f"{n} bytes"


def default_memory_limit() -> int:
    """A quarter of this machine's RAM: a runaway query fails long before the machine starts swapping."""
    try:
        return int(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 4)
    except (ValueError, OSError, AttributeError):
        return 2 * 10**9


def _read_only(path: Path, memory_limit: int | None = None) -> Any:
    from flows import warehouse as wh

    config = dict(QUERY_CONFIG)
    if memory_limit is not None:
        # Part of the connection's config, so it is in place before lock_configuration freezes the settings.
        config["memory_limit"] = f"{memory_limit}B"
    return wh.connect(path, read_only=True, config=config)


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
    limit = args.memory_limit or format_size(default_memory_limit())
    con = _read_only(_snapshot(args), parse_size(limit))
    # DuckDB checks for an interrupt between chunks of work, so a timer thread can stop any query.
    timed_out = threading.Event()

    def stop() -> None:
        timed_out.set()  # before interrupting: the query's thread may see the error at once
        con.interrupt()

    timer = threading.Timer(args.timeout, stop) if args.timeout > 0 else None
    try:
        if timer is not None:
            timer.start()
        cur = con.execute(args.sql)
        cols = [d[0] for d in cur.description] if cur.description is not None else []
        rows = cur.fetchall() if cols else []
    except duckdb.Error as exc:
        if isinstance(exc, duckdb.OutOfMemoryException) or "out of memory" in str(exc).lower():
            print(f"newsdw: query stopped: it needed more than the {limit} memory limit (--memory-limit)",
                  file=sys.stderr)
            return 1
        if isinstance(exc, duckdb.InterruptException) and timed_out.is_set():
            print(f"newsdw: query stopped after the {args.timeout:g} s timeout (--timeout)", file=sys.stderr)
            return 1
        print(f"newsdw: {refusal(args.sql, str(exc))}", file=sys.stderr)
        return 2
    finally:
        if timer is not None:
            timer.cancel()
            if timer.is_alive():  # mid-interrupt: let it finish before the connection goes
                timer.join()
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
    try:
        cur = con.execute(
            "SELECT load_id, kind, status, started_at, duration_s, files_seen, files_loaded, files_unchanged, "
            "files_rejected, files_gone, articles_reparsed, counts_balance FROM marts.loads "
            "ORDER BY started_at DESC LIMIT ?", [args.limit])
        print(_table([d[0] for d in cur.description], cur.fetchall()), end="")
        cur = con.execute(
            "SELECT load_id, stage, mode, status, rows_in, rows_out, seconds, error FROM marts.stage_runs "
            "WHERE load_id = (SELECT load_id FROM marts.stage_runs ORDER BY started_at DESC LIMIT 1) ORDER BY ordinal")
        rows = cur.fetchall()
        if rows:
            print("\ncorpus stages of the latest load that ran them:")
            print(_table([d[0] for d in cur.description], rows), end="")
    finally:
        con.close()
    return 0


# ---------------------------------------------------------------- serve


def cmd_serve(args: argparse.Namespace) -> int:
    # Served runs log to the server at INFO (their logs show in the UI); a user's level still wins.
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO")
    managed = _prefect_env()
    from flows import serve

    plan = serve.plan(cron=args.cron, interval=args.interval, raw_dir=args.raw, warehouse=args.warehouse)
    try:
        url = serve.api_url()
    except serve.ServeError as exc:
        print(f"newsdw: {exc}", file=sys.stderr)
        return 2
    print(f"newsdw: {plan.describe()}; Prefect server {url}" + (" (newsdw server)" if managed else ""), flush=True)
    serve.serve(plan)
    return 0


# ---------------------------------------------------------------- server


def cmd_server(args: argparse.Namespace) -> int:
    from flows import server

    if args.action == "start":
        try:
            got = server.start(args.port, timeout_s=args.timeout)
        except server.ServerError as exc:
            print(f"newsdw: {exc}", file=sys.stderr)
            return 2
        except KeyboardInterrupt:  # start() has already stopped the half-started server
            print("newsdw: interrupted; the server that was starting is stopped", file=sys.stderr)
            return 130
        s = got.state
        if got.already_running:
            moved = f"; stop it first to move it to port {args.port}" if args.port not in (None, s.port) else ""
            print(f"newsdw server: already running at {s.url} (pid {s.pid}, up {server.describe_uptime(s.uptime_s())})"
                  + moved)
            return 0
        print(f"newsdw server: Prefect server ready at {s.url} after {got.seconds:.1f} s (pid {s.pid}, log {s.log})\n"
              "  `newsdw run` and `newsdw serve` use it from now on; `newsdw server stop` stops it")
        return 0
    if args.action == "stop":
        state = server.stop()
        if state is None:
            print(f"newsdw server: not running, nothing to stop (home {server.home()})")
        else:
            print(f"newsdw server: stopped (pid {state.pid}, {state.url})")
        return 0
    state, ok = server.status()
    if state is None:
        print(f"newsdw server: not running (home {server.home()}); start it with `newsdw server start`")
        return 1
    up = server.describe_uptime(state.uptime_s())
    if not ok:
        print(f"newsdw server: unhealthy: pid {state.pid} runs but {state.api_url}/health does not answer "
              f"(up {up}; still starting? log {state.log})")
        return 1
    print(f"newsdw server: healthy at {state.url} (API {state.api_url}), pid {state.pid}, up {up}")
    return 0


def _add_server(sub: Any) -> None:
    p = sub.add_parser("server", help="start, stop or check a long-running Prefect server that runs use",
                       description="A Prefect server kept running in the background (127.0.0.1, its own "
                                   "PREFECT_HOME: NEWSDW_SERVER_HOME or <PREFECT_HOME>/server). While it is up and "
                                   "healthy, `newsdw run` and `newsdw serve` use it (unless PREFECT_API_URL is set): "
                                   "a run then skips starting Prefect's temporary server, and its runs show in the "
                                   "server's UI.")
    actions = p.add_subparsers(dest="action", required=True, metavar="{start,stop,status}")
    start = actions.add_parser("start", help="start it in the background and wait until it is healthy",
                               description="Start `prefect server start` detached (log: server.log in its home) "
                                           "and wait until it answers. Exit 0 when it is up (or was already); 2 if "
                                           "the port is taken or it did not come up.")
    start.add_argument("--port", type=int, help="port on 127.0.0.1 (default 4200 or NEWSDW_SERVER_PORT)")
    start.add_argument("--timeout", type=_seconds_arg, default=120.0, metavar="SECONDS",
                       help="how long to wait for it to be healthy (default 120; a first start takes ~20 s)")
    actions.add_parser("stop", help="stop it and every process it started",
                       description="SIGTERM the server's process group, SIGKILL after 20 s; exit 0, also when "
                                   "it was not running.")
    actions.add_parser("status", help="say whether it runs and is healthy (exit 0 only when healthy)",
                       description="Print its URL, health, pid and uptime. Exit 0 when healthy, 1 when not "
                                   "running or not answering.")
    p.set_defaults(func=cmd_server)


def _add_serve(sub: Any) -> None:
    p = sub.add_parser("serve", help="run the ingest flow on a schedule (a Prefect deployment served by this process)",
                       description="Serve the ingest flow as the Prefect deployment 'ingest_news/scheduled' with a "
                                   "schedule, at most one run at a time, until interrupted. Needs a long-running "
                                   "Prefect server: `newsdw server start` (found by itself) or yours at "
                                   "PREFECT_API_URL (see README, 'Scheduled runs').")
    when = p.add_mutually_exclusive_group()
    when.add_argument("--cron", help='cron schedule, UTC (default "*/15 * * * *")')
    when.add_argument("--interval", type=float, metavar="SECONDS", help="run every SECONDS seconds instead")
    p.add_argument("--raw", help="raw folder (default: data/raw or NEWSDW_RAW_DIR)")
    p.add_argument("--warehouse", help="DuckDB file (default: data/warehouse/news.duckdb or NEWSDW_WAREHOUSE)")
    p.set_defaults(func=cmd_serve)


# ---------------------------------------------------------------- parser


def _add_stages(p: argparse.ArgumentParser) -> None:
    from flows.corpus import DEFAULT_STAGES, stage_names

    p.add_argument("--stages", metavar="A,B",
                   help=f"corpus stages to run, comma-separated, of: {', '.join(stage_names())} (default "
                        f"{','.join(DEFAULT_STAGES)}; all for every stage, none for none). A stage left out "
                        "catches up in full the next time it runs. Also NEWSDW_STAGES.")


def _size_arg(text: str) -> str:
    try:
        return normalise_size(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _seconds_arg(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value < 10**9:  # also refuses nan and inf
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds (0 or more)")
    return value


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
    _add_stages(run)
    run.set_defaults(func=cmd_run)

    reparse = sub.add_parser(
        "reparse", help="re-derive stored articles from raw.files with the current parser and rules",
        description="Re-derive articles from the decoded text kept in raw.files (the raw folder is not read) "
                    "with this release's parser and rules, then run the corpus stages over what changed, the "
                    "views, the checks and publish. By default: every article version whose parser version or "
                    "rules checksum differs from this code's. Resumes an unfinished reparse (killed or failed) "
                    "first. Same run lock as `run`.")
    reparse.add_argument("--all", action="store_true",
                         help="every stored article version, whatever parsed it (the stages then run in full)")
    reparse.add_argument("--since", metavar="LOAD",
                         help="only versions first loaded by load LOAD or a later one (ids: `newsdw status`)")
    reparse.add_argument("--warehouse", help="DuckDB file (default: data/warehouse/news.duckdb or NEWSDW_WAREHOUSE)")
    reparse.add_argument("--batch-size", type=int, help="articles per batch, one transaction each (default 2000)")
    reparse.add_argument("--workers", type=int, help="parser processes (default: one per core)")
    reparse.add_argument("--wait", type=float, help="seconds to wait for another run's lock (default 180)")
    _add_stages(reparse)
    reparse.set_defaults(func=cmd_reparse)

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
    query.add_argument("--timeout", type=_seconds_arg, default=300.0, metavar="SECONDS",
                       help="stop the query after SECONDS seconds, with exit status 1 (default 300; 0: no limit)")
    query.add_argument("--memory-limit", type=_size_arg, metavar="SIZE",
                       help="stop a query that needs more memory than SIZE, with exit status 1; DuckDB sizes "
                            "such as 500MB, 2GB, 1.5GiB (default: a quarter of this machine's RAM, "
                            f"{format_size(default_memory_limit())})")
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
    from flows import cli_search

    cli_search.register(sub)
    _add_serve(sub)
    _add_server(sub)
    return parser


_exit_status = 1  # what the fast exit reports unless main() returned (an uncaught exception: 1, as Python would)


def _exit_without_teardown() -> None:
    """The last exit handler of `newsdw run`: leave without Python's interpreter teardown.

    Registered before Prefect is imported, so it runs after every handler Prefect registers (its log
    and event drains, stopping its temporary server). What is left, freeing Prefect's and pydantic's
    module objects one by one, took ~0.5 s of a ~3.5 s no-op run with a server and does nothing useful.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(_exit_status)


def main(argv: Sequence[str] | None = None) -> int:
    global _exit_status
    args = build_parser().parse_args(argv)
    if argv is None and args.func in (cmd_run, cmd_reparse):  # the `newsdw` process; a caller keeps its teardown
        atexit.register(_exit_without_teardown)
    from flows import warehouse as wh
    from flows.corpus import StageFailed
    from flows.runlock import RunLocked

    try:
        _exit_status = int(args.func(args))
    except RunLocked as exc:
        print(f"newsdw: {exc}", file=sys.stderr)
        _exit_status = 3
    except wh.WarehouseLocked as exc:
        print(f"newsdw: {exc}; try again when it has finished", file=sys.stderr)
        _exit_status = 3
    except (wh.WarehouseError, StageFailed, FileNotFoundError, ValueError) as exc:
        print(f"newsdw: {exc}", file=sys.stderr)
        _exit_status = 2
    return _exit_status


if __name__ == "__main__":
    sys.exit(main())
