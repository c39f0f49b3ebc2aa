"""Cost of the `dedup` corpus stage alone: N new articles matched against a generated warehouse.

    .venv/bin/python benchmarks/make_corpus.py --articles 101000 --seed 1 --out benchmarks/out/corpus-101k
    .venv/bin/python benchmarks/dedup_bench.py --corpus benchmarks/out/corpus-101k --new 1000 --work /tmp/dd

1. The corpus's files but the last --new (by path) are hard-linked under WORK/raw and loaded by
   `newsdw run --stages sources,dedup` (the stage's full first run is part of that load; its seconds are printed
   from ops.stage_runs).
2. The last --new files are linked in, parsed and loaded as one batch in this process.
3. The stage runs incrementally over them --repeat times, each in a transaction rolled back (so each run
   sees the same warehouse), then once for real; prints each run's seconds and the median.
`--reuse` skips step 1 when WORK/w.duckdb exists.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from flows import corpus  # noqa: E402
from flows import warehouse as wh  # noqa: E402
from flows.corpus import StageContext, dedup  # noqa: E402
from flows.steps.batch import parse_chunk  # noqa: E402
from flows.steps.discover import discover  # noqa: E402
from flows.steps.load import to_frames  # noqa: E402


def link(files: list[Path], corpus_dir: Path, raw: Path) -> None:
    for f in files:
        dest = raw / f.relative_to(corpus_dir)
        if not dest.exists():
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.link(f, dest)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--new", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--reuse", action="store_true")
    args = parser.parse_args(argv)
    files = sorted(args.corpus.rglob("*.txt"))
    existing, new = files[:-args.new], files[-args.new:]
    raw, db = args.work / "raw", args.work / "w.duckdb"
    report: dict[str, object] = {"existing_files": len(existing), "new_files": len(new)}
    if not (args.reuse and db.exists()):
        link(existing, args.corpus, raw)
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "flows.cli", "run", "--raw", str(raw), "--warehouse", str(db),
                        "--stages", "sources,dedup"], cwd=ROOT, check=True)
        report["first_load_seconds"] = round(time.perf_counter() - started, 1)
    con = wh.connect(db)
    report["full_stage_seconds"] = con.execute(
        "SELECT max(seconds) FROM ops.stage_runs WHERE stage = 'dedup' AND mode = 'full'").fetchall()[0][0]
    link(new, args.corpus, raw)
    known = wh.known_files(con)
    found = discover(raw, known.stat)
    load_id = f"bench-{time.time_ns()}"
    wh.start_load(con, load_id, None, str(raw), "bench")
    result = parse_chunk([(r, known.sha.get(r.path)) for r in found.candidates], load_id,
                         datetime.now(UTC).replace(tzinfo=None), max_bytes=10**7, default_zone="UTC")
    frames = to_frames(result.rows)
    wh.load_batch(con, frames, load_id)
    ctx = StageContext(load_id, added=tuple(frames.articles["file_version_id"].to_list()))
    report["articles_existing"] = con.execute("SELECT count(*) FROM core.dup_members").fetchall()[0][0]
    report["articles_new"] = len(ctx.added)
    runs = []
    for _ in range(args.repeat):
        con.execute("BEGIN TRANSACTION")
        started = time.perf_counter()
        dedup.run(con, ctx)
        runs.append(round(time.perf_counter() - started, 2))
        con.execute("ROLLBACK")
    final = corpus.run_stages(con, ctx, [dedup])[0]
    runs.append(final.seconds)
    report.update({"incremental_seconds": runs, "median_seconds": statistics.median(runs),
                   "threads": con.execute("SELECT current_setting('threads')").fetchall()[0][0],
                   "load_average": os.getloadavg()})
    con.close()
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
