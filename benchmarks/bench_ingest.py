"""End-to-end speed of the real ingest flow on a generated corpus, beside two baselines.

    .venv/bin/pip install -e '.[bench]'          # dlt, for the dlt baseline (not a dependency of newsdw)
    .venv/bin/python benchmarks/bench_ingest.py --articles 100000

What it does, each step a fresh `python` process running the real `ingest_news` flow as `newsdw run`
does (same Prefect settings, temporary Prefect server, PREFECT_HOME under the work folder):

1. corpus: benchmarks/make_corpus.py --articles N --seed S (cached under the work folder: it is
   deterministic, so a cached one is byte-for-byte a fresh one);
2. fixed overhead: a run on an empty folder (median of --reruns, after one warm-up run that creates
   the Prefect database): what every `newsdw run` pays whatever the folder holds;
3. the first run into a fresh warehouse: `seconds` is its wall time, process start to exit, fixed
   overhead included; `peak_rss_mb` is the peak of the summed RSS of the whole process tree (flow
   process, parser workers, Prefect's server), sampled every 0.1 s (`peak_pss_mb`: the same with
   shared pages counted once);
4. reruns: nothing changed (`noop_rerun_s`), then one new file each time (`one_new_file_rerun_s`):
   the median time the flow spends on the folder (from taking the run lock to publishing the
   snapshot: everything that grows with the folder), i.e. the time beyond the fixed overhead. The
   wall time (fixed overhead included) is printed beside it; on a shared machine the difference of
   two noisy walls is not a usable figure;
5. what a user waits for: the wall time of a real `newsdw run` (process start to exit; median of
   --wall-runs), nothing changed and then one new file each time, once with Prefect's temporary
   server (`*_wall_no_server_s`) and once with a `newsdw server` running (`noop_rerun_wall_s`,
   `one_new_file_wall_s`; started on a free port in a home under the work folder after one
   untimed warm-up run, stopped at the end);
6. baselines on the first --baseline-files files of the same corpus, extrapolated to N (said in the
   output): `naive` is what a tutorial writes (a Prefect task per file, stock langdetect on the whole
   text, an INSERT per row); `dlt` is a dlt pipeline (reads the files, stock langdetect per file,
   DuckDB destination). Each is timed with its own start-up cost measured apart (an empty input),
   so N articles cost start-up + N x the measured cost per file.

The last line printed is one JSON object.

`--samples` measures only step 5, on a copy of the five sample articles in data/raw (the issue's
"no-op `newsdw run` with the server" figure):

    .venv/bin/python benchmarks/bench_ingest.py --samples
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
sys.path.insert(0, str(ROOT))

from flows import server  # noqa: E402  (plain Python: no Prefect import)

FLOW_RUNNER = r"""
import json, sys
from flows.cli import _prefect_env
_prefect_env()
from flows.ingest import ingest_flow
summary = ingest_flow(sys.argv[3] or None)(raw_dir=sys.argv[1], warehouse=sys.argv[2])
print("BENCH_SUMMARY " + json.dumps(summary))
"""

# A tutorial's flow: one task per file, stock langdetect on the whole text, one INSERT per row.
NAIVE_RUNNER = r"""
import json, sys, time
from pathlib import Path
from flows.cli import _prefect_env
_prefect_env()
import duckdb
from langdetect import DetectorFactory, detect
from prefect import flow, task

DetectorFactory.seed = 0
detect("warm up: load the language profiles before timing")

@task
def process_file(path: str) -> dict:
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return {"path": path, "error": "not utf-8"}
    try:
        language = detect(text)
    except Exception:
        language = "unknown"
    return {"path": path, "text": text, "language": language, "size": len(data)}

@flow
def naive_ingest(files: list[str], db: str) -> int:
    con = duckdb.connect(db)
    con.execute("CREATE TABLE IF NOT EXISTS articles (path VARCHAR, text VARCHAR, language VARCHAR, size BIGINT)")
    n = 0
    for path in files:
        row = process_file(path)
        if "error" not in row:
            con.execute("INSERT INTO articles VALUES (?, ?, ?, ?)",
                        [row["path"], row["text"], row["language"], row["size"]])
            n += 1
    con.close()
    return n

files = json.loads(Path(sys.argv[1]).read_text())
t0 = time.perf_counter(); naive_ingest([], sys.argv[2] + ".empty"); empty = time.perf_counter() - t0
t0 = time.perf_counter(); n = naive_ingest(files, sys.argv[2]); busy = time.perf_counter() - t0
print("BENCH_SUMMARY " + json.dumps({"startup_s": empty, "files": len(files), "loaded": n, "seconds": busy}))
"""

# A dlt pipeline: a resource that reads the files and detects each one's language, into DuckDB.
DLT_RUNNER = r"""
import json, sys, time
from pathlib import Path
t_import = time.perf_counter()
import dlt
from langdetect import DetectorFactory, detect
DetectorFactory.seed = 0
detect("warm up: load the language profiles before timing")

def articles(files):
    @dlt.resource(name="articles", write_disposition="append")
    def read():
        for path in files:
            data = Path(path).read_bytes()
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                continue
            try:
                language = detect(text)
            except Exception:
                language = "unknown"
            yield {"path": path, "text": text, "language": language, "size": len(data)}
    return read

def run(files, name):
    pipeline = dlt.pipeline(pipeline_name=name, destination=dlt.destinations.duckdb(sys.argv[2] + "." + name),
                            dataset_name="news", pipelines_dir=sys.argv[3])
    info = pipeline.run(articles(files))
    return pipeline.last_trace.last_normalize_info

files = json.loads(Path(sys.argv[1]).read_text())
import_s = time.perf_counter() - t_import
t0 = time.perf_counter(); run([files[0]], "warmup"); one = time.perf_counter() - t0
t0 = time.perf_counter(); run(files, "subset"); busy = time.perf_counter() - t0
import duckdb
con = duckdb.connect(sys.argv[2] + ".subset", read_only=True)
n = con.execute("SELECT count(*) FROM news.articles").fetchone()[0]
# A pipeline run has a set-up cost of its own (files, schema, load packages): the one-file run.
per_file = max(0.0, busy - one) / max(1, len(files) - 1)
print("BENCH_SUMMARY " + json.dumps({"startup_s": import_s + one, "files": len(files), "loaded": n, "seconds": busy,
                                     "per_file_s": per_file}))
"""


# ------------------------------------------------------------------------------------------------
# running and measuring one process tree
# ------------------------------------------------------------------------------------------------


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class TreeSampler(threading.Thread):
    """Peak summed RSS (and PSS) of a process and all its descendants."""

    def __init__(self, pid: int, every_s: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.every_s = every_s
        self.peak_rss = 0
        self.peak_pss = 0
        self.peak_parts: dict[str, float] = {}
        self.cpu: dict[int, float] = {}  # pid -> user + system seconds, last seen
        self.role: dict[int, str] = {}  # pid -> what it is (flow process, parser workers, prefect server)
        self._halt = threading.Event()

    def run(self) -> None:
        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self._halt.is_set():
            try:
                procs = [root, *root.children(recursive=True)]
            except psutil.Error:
                break
            rss = pss = 0
            parts: dict[str, float] = {}
            for proc in procs:
                try:
                    r = proc.memory_info().rss
                    cmd = " ".join(proc.cmdline())
                    times = proc.cpu_times()
                    self.cpu[proc.pid] = times.user + times.system
                except psutil.Error:
                    continue
                rss += r
                pss += _pss_kb(proc.pid) * 1024
                role = ("prefect server" if "uvicorn" in cmd or "prefect.server" in cmd
                        else "flow process" if proc.pid == self.pid else "parser workers / forkserver")
                self.role[proc.pid] = role
                parts[role] = parts.get(role, 0) + r / 2**20
            if rss > self.peak_rss:
                self.peak_rss, self.peak_parts = rss, parts
            self.peak_pss = max(self.peak_pss, pss)
            self._halt.wait(self.every_s)

    def stop(self) -> None:
        self._halt.set()
        self.join()

    def cpu_by_role(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for pid, seconds in self.cpu.items():
            out[self.role.get(pid, "?")] = out.get(self.role.get(pid, "?"), 0.0) + seconds
        return out

    @property
    def cpu_s(self) -> float:
        """CPU seconds used by the whole tree (to within the last 0.1 s of each process)."""
        return sum(self.cpu.values())


def run_measured(args: list[str], env: dict[str, str]) -> tuple[float, dict[str, Any], TreeSampler]:
    start = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    sampler = TreeSampler(proc.pid)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    sampler.stop()
    if proc.returncode != 0:
        sys.exit(f"bench_ingest: {' '.join(args[:3])} ... failed ({proc.returncode}):\n{err[-3000:]}")
    line = next((x for x in out.splitlines() if x.startswith("BENCH_SUMMARY ")), None)
    if line is None:
        sys.exit(f"bench_ingest: no summary from {' '.join(args[:3])}:\n{out[-2000:]}\n{err[-2000:]}")
    return wall, json.loads(line.split(" ", 1)[1]), sampler


def flow_run(raw: Path, warehouse: Path, env: dict[str, str], runner: str = "") -> tuple[float, dict[str, Any],
                                                                                          TreeSampler]:
    return run_measured([PYTHON, "-c", FLOW_RUNNER, str(raw), str(warehouse), runner], env)


def cli_run(raw: Path, warehouse: Path, env: dict[str, str], runner: str = "") -> tuple[float, int]:
    """Wall seconds of one real `newsdw run` (process start to exit) and how many files it loaded."""
    args = [PYTHON, "-m", "flows.cli", "run", "--raw", str(raw), "--warehouse", str(warehouse)]
    if runner:
        args += ["--task-runner", runner]
    start = time.perf_counter()
    done = subprocess.run(args, env=env, capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - start
    loaded = re.search(r"loaded (\d+)", done.stdout)
    if done.returncode != 0 or loaded is None:
        sys.exit(f"bench_ingest: newsdw run failed ({done.returncode}):\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
    return wall, int(loaded.group(1))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wall_figures(raw: Path, warehouse: Path, template: Path, work: Path, env: dict[str, str], runs: int,
                 runner: str = "") -> dict[str, float]:
    """Median wall of `newsdw run`: no-op and one new file, without and with a managed server.

    The warehouse must be up to date with `raw` on entry. New files go to raw/_bench_new (the
    caller removes it).
    """
    new_dir = raw / "_bench_new"
    new_dir.mkdir(exist_ok=True)
    out: dict[str, float] = {}
    for mode, suffix in (("no server", "_no_server"), ("newsdw server", "")):
        home = work / f"server-home{suffix or '-managed'}"
        shutil.rmtree(home, ignore_errors=True)
        menv = {**env, "NEWSDW_SERVER_HOME": str(home)}  # no server there: Prefect's temporary one
        if mode == "newsdw server":
            started = server.start(_free_port(), home)
            print(f"  newsdw server up in {started.seconds:.1f} s at {started.state.url}", flush=True)
        try:
            if mode == "newsdw server":
                cli_run(raw, warehouse, menv, runner)  # warm-up: the fresh server learns the flow
            noop = []
            for _ in range(runs):
                wall, loaded = cli_run(raw, warehouse, menv, runner)
                assert loaded == 0, f"a no-op rerun loaded {loaded} files"
                noop.append(wall)
            one = []
            for i in range(runs):
                (new_dir / f"wall{suffix}-{i}.txt").write_bytes(template.read_bytes() + f"\nनया {mode} {i}\n".encode())
                wall, loaded = cli_run(raw, warehouse, menv, runner)
                assert loaded == 1, f"one new file: loaded {loaded}"
                one.append(wall)
        finally:
            if mode == "newsdw server":
                server.stop(home)
        out[f"noop_rerun_wall{suffix}_s"] = round(statistics.median(noop), 2)
        out[f"one_new_file_wall{suffix}_s"] = round(statistics.median(one), 2)
        print(f"newsdw run wall, {mode}: no-op {statistics.median(noop):.2f} s (runs: "
              f"{', '.join(f'{x:.2f}' for x in noop)}); one new file {statistics.median(one):.2f} s (runs: "
              f"{', '.join(f'{x:.2f}' for x in one)})", flush=True)
    return out


def bench_env(work: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSDW_", "PREFECT_"))}
    env["PREFECT_HOME"] = str(work / "prefect-home")
    env["PYTHONPATH"] = str(ROOT)
    return env


def samples(work: Path, runs: int) -> None:
    """Only the `newsdw run` wall figures, on a copy of the five samples (data/raw is never written)."""
    raw = work / "samples-raw"
    shutil.rmtree(raw, ignore_errors=True)
    shutil.copytree(ROOT / "data" / "raw", raw)
    run_dir = work / "run-samples"
    shutil.rmtree(run_dir, ignore_errors=True)
    run_dir.mkdir(parents=True)
    warehouse = run_dir / "wh" / "news.duckdb"
    env = bench_env(work)
    print(f"machine: {psutil.cpu_count()} cores, load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}; "
          f"the five samples, copied to {raw}")
    cli_run(raw, warehouse, {**env, "NEWSDW_SERVER_HOME": str(run_dir / "none")})  # first load, untimed
    template = sorted(raw.glob("*.txt"))[0]
    try:
        result = wall_figures(raw, warehouse, template, run_dir, env, runs)
    finally:
        shutil.rmtree(raw / "_bench_new", ignore_errors=True)
    print(json.dumps({"articles": 5, "wall_runs": runs, **result}))


# ------------------------------------------------------------------------------------------------
# the benchmark
# ------------------------------------------------------------------------------------------------


def corpus(n: int, seed: int, work: Path, fresh: bool) -> tuple[Path, dict[str, Any]]:
    folder = work / f"corpus-{n}-seed{seed}"
    manifest = folder / "_manifest.json"
    if fresh or not manifest.exists():
        shutil.rmtree(folder, ignore_errors=True)
        print(f"building the corpus ({n} files) ...", flush=True)
        subprocess.run([PYTHON, str(ROOT / "benchmarks" / "make_corpus.py"), "--articles", str(n), "--seed",
                        str(seed), "--out", str(folder)], check=True, cwd=ROOT)
    shutil.rmtree(folder / "_bench_new", ignore_errors=True)  # left by an interrupted run
    return folder, json.loads(manifest.read_text(encoding="utf-8"))


def subset(raw: Path, k: int, work: Path) -> Path:
    files = sorted(str(p) for p in raw.rglob("*.txt"))[:k]
    out = work / f"subset-{k}.json"
    out.write_text(json.dumps(files), encoding="utf-8")
    return out


def baseline(kind: str, raw: Path, k: int, n: int, fixed_s: float, work: Path, env: dict[str, str]) -> dict[str, Any]:
    listing = subset(raw, k, work)
    db = work / f"{kind}.duckdb"
    for stale in work.glob(f"{kind}.duckdb*"):
        stale.unlink()
    if kind == "naive":
        args = [PYTHON, "-c", NAIVE_RUNNER, str(listing), str(db)]
    else:
        pipelines = work / "dlt-pipelines"
        shutil.rmtree(pipelines, ignore_errors=True)
        args = [PYTHON, "-c", DLT_RUNNER, str(listing), str(db), str(pipelines)]
    _wall, got, _sampler = run_measured(args, env)
    per_file = got.get("per_file_s", got["seconds"] / got["files"])
    # The naive flow pays the same Prefect start-up as ours (a temporary server per `python` run);
    # dlt pays its own imports and pipeline set-up, measured on a one-file run.
    startup = fixed_s if kind == "naive" else got["startup_s"]
    total = startup + per_file * n
    return {"files": got["files"], "loaded": got["loaded"], "seconds": round(got["seconds"], 2),
            "per_file_ms": round(1000 * per_file, 2), "startup_s": round(startup, 2),
            "extrapolated_s": round(total, 1), "articles_per_s": round(n / total, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", "--files", type=int, help="corpus size (files); required unless --samples")
    parser.add_argument("--samples", action="store_true",
                        help="only the `newsdw run` wall figures (step 5), on the five samples in data/raw")
    parser.add_argument("--wall-runs", type=int, default=3, help="runs per `newsdw run` wall figure (median)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=ROOT / "benchmarks" / "out", help="work folder")
    parser.add_argument("--fresh", action="store_true", help="rebuild the corpus even if cached")
    parser.add_argument("--reruns", type=int, default=3, help="runs per rerun figure (median)")
    parser.add_argument("--first-runs", type=int, default=1,
                        help="first runs, each into a fresh warehouse: seconds is their median, memory their max")
    parser.add_argument("--baseline-files", type=int, default=1000, help="files the baselines process")
    parser.add_argument("--no-baselines", action="store_true")
    parser.add_argument("--task-runner", default="", help="default or dask (NEWSDW_DASK_ADDRESS)")
    args = parser.parse_args()
    if args.wall_runs < 1:
        parser.error("--wall-runs must be at least 1")

    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    if args.samples:
        samples(work, args.wall_runs)
        return
    if args.articles is None:
        parser.error("give --articles N (or --samples)")
    raw, manifest = corpus(args.articles, args.seed, work, args.fresh)
    run_dir = work / f"run-{args.articles}"
    shutil.rmtree(run_dir, ignore_errors=True)
    run_dir.mkdir(parents=True)
    warehouse = run_dir / "wh" / "news.duckdb"
    empty = run_dir / "empty"
    empty.mkdir()
    env = bench_env(work)
    # The in-flow figures use Prefect's temporary server, as they always have.
    env["NEWSDW_SERVER_HOME"] = str(run_dir / "no-server")
    if args.task_runner == "dask" and os.environ.get("NEWSDW_DASK_ADDRESS"):
        env["NEWSDW_DASK_ADDRESS"] = os.environ["NEWSDW_DASK_ADDRESS"]

    n, mb = manifest["files"], manifest["bytes"] / 1e6
    print(f"machine: {psutil.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB, "
          f"{platform.python_implementation()} {platform.python_version()}, load average "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"corpus: {raw} — {n} files, {mb:.0f} MB, median article {manifest['median_article_bytes']} bytes, "
          f"{manifest['duplicates']} duplicates, {manifest['bad']} bad files")

    flow_run(empty, run_dir / "empty-wh" / "news.duckdb", env)  # warm-up: creates the Prefect database
    fixed = [flow_run(empty, run_dir / "empty-wh" / "news.duckdb", env)[0] for _ in range(args.reruns)]
    fixed_s = statistics.median(fixed)
    print(f"fixed overhead (empty folder): {fixed_s:.2f} s  (runs: {', '.join(f'{x:.2f}' for x in fixed)})",
          flush=True)

    firsts = []
    for k in range(args.first_runs):
        shutil.rmtree(warehouse.parent, ignore_errors=True)
        firsts.append(flow_run(raw, warehouse, env, args.task_runner))
        if args.first_runs > 1:
            print(f"first run {k + 1} of {args.first_runs}: {firsts[-1][0]:.1f} s wall "
                  f"({firsts[-1][1]['seconds']:.1f} s in the flow), peak RSS {firsts[-1][2].peak_rss / 2**20:.0f} MB",
                  flush=True)
    # The median run's figures; memory is the worst run's.
    wall, first, sampler = sorted(firsts, key=lambda r: r[0])[len(firsts) // 2]
    sampler.peak_rss = max(r[2].peak_rss for r in firsts)
    sampler.peak_pss = max(r[2].peak_pss for r in firsts)
    print(f"first run: {wall:.1f} s wall ({first['seconds']:.1f} s in the flow): loaded {first['loaded']}, "
          f"rejected {first['rejected']} {first['rejections']}; {n / wall:.0f} articles/s, {mb / wall:.2f} MB/s")
    print(f"  phases: {first['timings']}  published: {first['published']}")
    print(f"  peak memory: RSS {sampler.peak_rss / 2**20:.0f} MB summed over the process tree "
          f"({', '.join(f'{k} {v:.0f}' for k, v in sorted(sampler.peak_parts.items()))}); "
          f"PSS {sampler.peak_pss / 2**20:.0f} MB")
    print(f"  CPU: {sampler.cpu_s:.0f} s over the process tree = {1000 * sampler.cpu_s / n:.2f} ms per article "
          f"(on 2 otherwise idle cores that is at most {2 * n / sampler.cpu_s:.0f} articles/s); load average "
          f"during the run: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"  CPU by process: {', '.join(f'{k} {v:.0f} s' for k, v in sorted(sampler.cpu_by_role().items()))}; "
          f"{sampler.cpu_s / wall:.2f} cores busy on average")
    print(f"  warehouse {warehouse.stat().st_size / 1e6:.0f} MB, snapshot "
          f"{warehouse.with_name('news_bi.duckdb').stat().st_size / 1e6:.0f} MB", flush=True)

    noop = []
    for _ in range(args.reruns):
        w, s, _ = flow_run(raw, warehouse, env, args.task_runner)
        assert s["loaded"] == 0 and s["unchanged"] == first["seen"], s
        noop.append((w, s))
    noop_wall = statistics.median(w for w, _ in noop)
    print(f"no-op rerun: {statistics.median(s['seconds'] for _, s in noop):.2f} s in the flow "
          f"(runs: {', '.join(str(s['seconds']) for _, s in noop)}); {noop_wall:.2f} s wall; "
          f"phases {noop[-1][1]['timings']}, published: {noop[-1][1]['published']}", flush=True)

    new_dir = raw / "_bench_new"
    new_dir.mkdir()
    template = next(p for p in sorted(raw.rglob("*.txt")) if p.stat().st_size > 2000)
    one = []
    try:
        for i in range(args.reruns):
            (new_dir / f"new-{i}.txt").write_bytes(template.read_bytes() + f"\nनया अनुच्छेद {i}\n".encode())
            w, s, _ = flow_run(raw, warehouse, env, args.task_runner)
            assert s["loaded"] == 1, s
            one.append((w, s))
        one_wall = statistics.median(w for w, _ in one)
        print(f"one new file: {statistics.median(s['seconds'] for _, s in one):.2f} s in the flow "
              f"(runs: {', '.join(str(s['seconds']) for _, s in one)}); {one_wall:.2f} s wall; "
              f"phases {one[-1][1]['timings']}, published: {one[-1][1]['published']}", flush=True)
        # Before the new files go: removing them would make the next run record them as gone.
        walls = wall_figures(raw, warehouse, template, run_dir, env, args.wall_runs, args.task_runner)
    finally:
        shutil.rmtree(new_dir, ignore_errors=True)

    naive = dlt = None
    if not args.no_baselines:
        k = min(args.baseline_files, n)
        naive = baseline("naive", raw, k, n, fixed_s, run_dir, env)
        print(f"naive baseline (Prefect task per file, stock langdetect, row INSERTs) on the first {k} files: "
              f"{naive['per_file_ms']} ms/file; extrapolated to {n}: {naive['extrapolated_s']} s, "
              f"{naive['articles_per_s']} articles/s", flush=True)
        try:
            import dlt as _dlt  # noqa: F401
        except ImportError:
            print("dlt baseline skipped: dlt is not installed (pip install -e '.[bench]')")
        else:
            dlt = baseline("dlt", raw, k, n, fixed_s, run_dir, env)
            print(f"dlt baseline (dlt pipeline, stock langdetect, DuckDB destination) on the first {k} files: "
                  f"{dlt['per_file_ms']} ms/file + {dlt['startup_s']} s start-up; extrapolated to {n}: "
                  f"{dlt['extrapolated_s']} s, {dlt['articles_per_s']} articles/s", flush=True)

    ours = n / wall
    result = {
        "articles": n,
        "mb": round(mb, 1),
        "seconds": round(wall, 1),
        "articles_per_s": round(ours, 1),
        "mb_per_s": round(mb / wall, 2),
        "peak_rss_mb": round(sampler.peak_rss / 2**20),
        "noop_rerun_s": round(statistics.median(s["seconds"] for _, s in noop), 2),
        "one_new_file_rerun_s": round(statistics.median(s["seconds"] for _, s in one), 2),
        **walls,
        "fixed_overhead_s": round(fixed_s, 2),
        "naive_articles_per_s": naive["articles_per_s"] if naive else None,
        "dlt_articles_per_s": dlt["articles_per_s"] if dlt else None,
        "vs_naive": round(ours / naive["articles_per_s"], 1) if naive else None,
        "vs_dlt": round(ours / dlt["articles_per_s"], 1) if dlt else None,
        "peak_pss_mb": round(sampler.peak_pss / 2**20),
        "cpu_ms_per_article": round(1000 * sampler.cpu_s / n, 2),
        "flow_seconds": first["seconds"],
        "baseline_files": naive["files"] if naive else None,
        "cores": psutil.cpu_count(),
        "first_runs": args.first_runs,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
