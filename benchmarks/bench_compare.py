"""Side-by-side wall time of a first `newsdw run` for several code trees or settings, alternated.

    .venv/bin/python benchmarks/bench_compare.py --corpus /tmp/corpus-100k --runs 3 \
        main=/path/to/main-checkout head=. head-no-stages=.:NEWSDW_STAGES=none

Each variant is `label=TREE[:ENV=VALUE[,ENV=VALUE...]]`: the flows package is imported from TREE
(PYTHONPATH), with the extra environment. Runs alternate between variants, the order reversed every
other round (A B C, C B A, A B C ...), so the machine's drift over an hour (30% here) hits every variant
alike, and a drift within a round does not always fall on the same variant (with A B, A B ... a machine
slowing down charged it to B every round). Each run is a fresh process into a
fresh warehouse; the wall time is process start to exit, Prefect's temporary server included (use
PREFECT_API_URL for a running one). The CPU time is the run's user + system seconds, its worker
processes and Prefect's server included: what a variant costs in work, and (against the wall time) how
busy it kept the cores. On the shared 2-core machines here it drifted with the wall time (CPU / wall
1.72-1.81 in every 100k run, while the same variant's runs moved by 30%), so it does not remove the drift:
compare runs side by side in time.
Prints one line per run (and where its time went: wall seconds per phase and per corpus stage, and the
flow process's and the parser workers' CPU seconds per phase, from the run's progress file), then one
JSON object: median seconds, CPU seconds and articles/s per variant, each variant's medians as ratios
of the first's, the median of its per-round ratios to the first, and its median seconds per phase. A phase's seconds are
measured inside the run, so they show which phase a variant's extra time is in.

With --together, each round starts its variants at the same moment and lets them share the machine. A
machine whose speed swings by 1.7x within a quarter of an hour (the shared ones here) then slows every
variant of a round alike: each run's CPU seconds, counted per run (each runs under a reaper of its own
that adopts its pool's workers), are spent under the same conditions, so the ratio of a round's CPU
seconds measures the work a variant adds. Wall times overlap and are not a variant's time alone; quote
the CPU ratio from such rounds, beside the wall ratios of alternated ones.
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
from pathlib import Path
from typing import TypeVar

PYTHON = sys.executable


def parse_variant(text: str) -> tuple[str, Path, dict[str, str]]:
    label, _, rest = text.partition("=")
    tree, _, envs = rest.partition(":")
    # A comma starts the next pair only before NAME=, so a value may hold commas (NEWSDW_STAGES=a,b).
    env = dict(pair.split("=", 1) for pair in re.split(r",(?=[A-Za-z_][A-Za-z0-9_]*=)", envs) if pair)
    return label, Path(tree).resolve(), env


# Runs the command under a reaper of its own (PR_SET_CHILD_SUBREAPER: the pool's forkserver and workers
# outlive the run's main process by a moment, and are reparented here), waits for every descendant, and
# writes its wall time and its descendants' CPU time to the file named first: a run's own CPU, even when
# other runs share the machine.
REAPER = """
import ctypes, json, os, resource, subprocess, sys, time
try:
    ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)
except (OSError, AttributeError):
    pass
started = time.perf_counter()
rc = subprocess.call(sys.argv[2:])
wall = time.perf_counter() - started
deadline = time.monotonic() + 30
while time.monotonic() < deadline:
    try:
        pid, _ = os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        break
    if pid == 0:
        time.sleep(0.1)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(sys.argv[1], "w") as f:
    json.dump({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rc": rc}, f)
sys.exit(rc)
"""


def start_run(tree: Path, env_extra: dict[str, str], corpus: Path, work: Path) -> subprocess.Popen[str]:
    """A first `newsdw run` of `tree` into a fresh warehouse under `work`, started (see finish_run)."""
    # cwd and PYTHONPATH both the tree: `python -c` puts the cwd first on sys.path.
    env = {**os.environ, "PYTHONPATH": str(tree), "PREFECT_HOME": str(work / "prefect"), **env_extra,
           "NEWSDW_PROGRESS_FILE": str(work / "progress.jsonl")}
    cmd = [PYTHON, "-c", "import sys; from flows.cli import main; sys.exit(main())", "run",
           "--raw", str(corpus), "--warehouse", str(work / "wh" / "news.duckdb")]
    return subprocess.Popen([PYTHON, "-c", REAPER, str(work / "usage.json"), *cmd], env=env, cwd=tree,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish_run(proc: subprocess.Popen[str], work: Path) -> tuple[float, float, dict[str, object]]:
    """(wall seconds, CPU seconds of the run and all its processes, what the run printed first)."""
    out, err = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"run failed ({proc.returncode}):\n{out}\n{err}")
    usage = json.loads((work / "usage.json").read_text(encoding="utf-8"))
    first = out.splitlines()[1] if len(out.splitlines()) > 1 else ""
    return usage["wall"], usage["cpu"], {"line": first, **phases(work / "progress.jsonl")}


def run_once(tree: Path, env_extra: dict[str, str], corpus: Path, work: Path) -> tuple[float, float, dict[str, object]]:
    """(wall seconds, CPU seconds, what the run printed first) of one run with the machine to itself."""
    return finish_run(start_run(tree, env_extra, corpus, work), work)


def phases(log: Path) -> dict[str, dict[str, float]]:
    """Where a run's time went, from its progress file: wall seconds per phase and per corpus stage, and
    the flow process's CPU seconds per phase (`process` = all of it, from its start) and the parser
    workers' (`workers:<phase>`). Empty for a tree
    whose `finished` line has no timings (one older than them)."""
    wall: dict[str, float] = {}
    cpu: dict[str, float] = {}
    for line in log.read_text(encoding="utf-8").splitlines() if log.is_file() else []:
        event = json.loads(line)
        if event["event"] == "stage":
            wall[f"stage:{event['stage']}"] = event["seconds"]
        elif event["event"] == "finished":
            wall.update(event.get("timings", {}))
            cpu.update(event.get("cpu_timings", {}))
            cpu.update({f"workers:{k}": v for k, v in event.get("worker_cpu", {}).items()})
            if "process_cpu_s" in event:
                cpu["process"] = event["process_cpu_s"]
    return {"phases_s": wall, "phases_cpu_s": cpu}


def median_phases(runs: list[dict[str, float]]) -> dict[str, float]:
    """Each phase's median over the runs that have it."""
    names = sorted({name for run in runs for name in run})
    return {n: round(statistics.median(run[n] for run in runs if n in run), 2) for n in names}


V = TypeVar("V")


def round_order(variants: list[V], i: int) -> list[V]:
    """The variants in the order round i (from 0) runs them: as given in even rounds, reversed in odd ones."""
    return list(variants) if i % 2 == 0 else list(reversed(variants))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--together", action="store_true",
                    help="start each round's variants at the same moment (compare their CPU seconds)")
    ap.add_argument("variants", nargs="+", help="label=TREE[:ENV=VALUE,...]")
    args = ap.parse_args()
    variants = [parse_variant(v) for v in args.variants]
    articles = sum(1 for _ in args.corpus.rglob("*.txt"))
    walls: dict[str, list[float]] = {label: [] for label, _, _ in variants}
    cpus: dict[str, list[float]] = {label: [] for label, _, _ in variants}
    infos: dict[str, list[dict[str, object]]] = {label: [] for label, _, _ in variants}
    for i in range(args.runs):
        order = round_order(variants, i)
        works = [Path(tempfile.mkdtemp(prefix=f"bench-{label}-")) for label, _, _ in order]
        try:
            if args.together:  # all at once: the machine's speed at that moment is every variant's
                procs = [start_run(tree, env, args.corpus, w) for (_, tree, env), w in zip(order, works, strict=True)]
                done = [finish_run(p, w) for p, w in zip(procs, works, strict=True)]
            else:  # one after the other, each with the machine to itself
                done = [run_once(tree, env, args.corpus, w) for (_, tree, env), w in zip(order, works, strict=True)]
        finally:
            for w in works:
                shutil.rmtree(w, ignore_errors=True)
        for (label, _, _), (wall, cpu, info) in zip(order, done, strict=True):
            walls[label].append(wall)
            cpus[label].append(cpu)
            infos[label].append(info)
            print(f"run {i + 1} {label}: {wall:.1f} s, {cpu:.1f} CPU-s  {str(info['line']).strip()}", flush=True)
            print(f"  phases (s): {info.get('phases_s', {})}\n  flow process CPU (s): {info.get('phases_cpu_s', {})}",
                  flush=True)
    first = variants[0][0]
    base, base_cpu = statistics.median(walls[first]), statistics.median(cpus[first])
    result = {label: {"median_s": round(statistics.median(w), 2), "runs_s": [round(x, 1) for x in w],
                      "median_cpu_s": round(statistics.median(cpus[label]), 1),
                      "runs_cpu_s": [round(x, 1) for x in cpus[label]],
                      "articles_per_s": round(articles / statistics.median(w), 1),
                      "ratio_to_" + first: round(statistics.median(w) / base, 3),
                      "cpu_ratio_to_" + first: round(statistics.median(cpus[label]) / base_cpu, 3),
                      # Each round's run against the first variant's run of the same round (minutes apart):
                      # the median of these is less exposed to drift between rounds than a ratio of medians.
                      "paired_ratio_to_" + first: round(statistics.median(
                          x / b for x, b in zip(w, walls[first], strict=True)), 3),
                      "paired_cpu_ratio_to_" + first: round(statistics.median(
                          x / b for x, b in zip(cpus[label], cpus[first], strict=True)), 3),
                      "median_phases_s": median_phases([i["phases_s"] for i in infos[label] if "phases_s" in i]),
                      "median_phases_cpu_s": median_phases([i["phases_cpu_s"] for i in infos[label]
                                                            if "phases_cpu_s" in i])}
              for label, w in walls.items()}
    print(json.dumps({"files": articles, "runs": args.runs, "together": args.together, "variants": result}))


if __name__ == "__main__":
    main()
