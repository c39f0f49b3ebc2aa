"""Side-by-side wall time of a first `newsdw run` for several code trees or settings, alternated.

    .venv/bin/python benchmarks/bench_compare.py --corpus /tmp/corpus-100k --runs 3 \
        main=/path/to/main-checkout head=. head-no-stages=.:NEWSDW_STAGES=none

Each variant is `label=TREE[:ENV=VALUE[,ENV=VALUE...]]`: the flows package is imported from TREE
(PYTHONPATH), with the extra environment. Runs alternate between variants (A B C A B C ...), so the
machine's drift over an hour (30% here) hits every variant alike. Each run is a fresh process into a
fresh warehouse; the wall time is process start to exit, Prefect's temporary server included (use
PREFECT_API_URL for a running one). Prints one line per run, then one JSON object: median seconds and
articles/s per variant, and each variant's median as a ratio of the first's.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PYTHON = sys.executable


def parse_variant(text: str) -> tuple[str, Path, dict[str, str]]:
    label, _, rest = text.partition("=")
    tree, _, envs = rest.partition(":")
    # A comma starts the next pair only before NAME=, so a value may hold commas (NEWSDW_STAGES=a,b).
    env = dict(pair.split("=", 1) for pair in re.split(r",(?=[A-Za-z_][A-Za-z0-9_]*=)", envs) if pair)
    return label, Path(tree).resolve(), env


def run_once(tree: Path, env_extra: dict[str, str], corpus: Path, work: Path) -> tuple[float, dict[str, object]]:
    # cwd and PYTHONPATH both the tree: `python -c` puts the cwd first on sys.path.
    env = {**os.environ, "PYTHONPATH": str(tree), "PREFECT_HOME": str(work / "prefect"), **env_extra}
    env.pop("NEWSDW_PROGRESS_FILE", None)
    started = time.perf_counter()
    done = subprocess.run([PYTHON, "-c", "import sys; from flows.cli import main; sys.exit(main())", "run",
                           "--raw", str(corpus), "--warehouse", str(work / "wh" / "news.duckdb")],
                          env=env, cwd=tree, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"run failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    first = done.stdout.splitlines()[1] if len(done.stdout.splitlines()) > 1 else ""
    return wall, {"line": first}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("variants", nargs="+", help="label=TREE[:ENV=VALUE,...]")
    args = ap.parse_args()
    variants = [parse_variant(v) for v in args.variants]
    articles = sum(1 for _ in args.corpus.rglob("*.txt"))
    walls: dict[str, list[float]] = {label: [] for label, _, _ in variants}
    for i in range(args.runs):
        for label, tree, env in variants:
            work = Path(tempfile.mkdtemp(prefix=f"bench-{label}-"))
            try:
                wall, info = run_once(tree, env, args.corpus, work)
            finally:
                shutil.rmtree(work, ignore_errors=True)
            walls[label].append(wall)
            print(f"run {i + 1} {label}: {wall:.1f} s  {info['line'].strip()}", flush=True)
    base = statistics.median(walls[variants[0][0]])
    result = {label: {"median_s": round(statistics.median(w), 2), "runs_s": [round(x, 1) for x in w],
                      "articles_per_s": round(articles / statistics.median(w), 1),
                      "ratio_to_" + variants[0][0]: round(statistics.median(w) / base, 3)}
              for label, w in walls.items()}
    print(json.dumps({"files": articles, "runs": args.runs, "variants": result}))


if __name__ == "__main__":
    main()
