"""The parser's instructions per file, with the furniture stage's keys off and on: a count, not a time.

    .venv/bin/python benchmarks/bench_instructions.py --corpus /tmp/corpus-20k --every 20

These machines' speed swings by 1.7x within a quarter of an hour, so wall and CPU seconds cannot size a
change of a few per cent to the parser without many alternated rounds. Valgrind's instruction count
(cachegrind, no cache simulation) of the same files through the same code is the same to within a few
hundred instructions from run to run, whatever else the machine is doing. Three runs of this script
under it (PYTHONHASHSEED=0): reading a fixed sample of the corpus only (`none`: start-up and imports),
then parsing it with the keys off (`off`: templates=None, as when the furniture stage does not run) and
on (`on`: templates={}, a first run's keys offered). Each parse's instructions are its run's less the
`none` run's. Prints one line per mode, then a JSON object: instructions per file off and on, and the
keys' share of the parser's instructions. Needs `valgrind` (apt-get install valgrind).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODES = ("none", "off", "on")


def sample(corpus: Path, every: int) -> list[Path]:
    """Every `every`-th .txt file of the corpus, in path order: the same files on every run."""
    return sorted(corpus.rglob("*.txt"))[::every]


def parse_sample(mode: str, corpus: Path, every: int) -> int:
    """Read the sample (and parse it, unless mode is `none`); returns the articles loaded."""
    sys.path.insert(0, str(ROOT))
    from flows.steps.batch import parse_chunk
    from flows.steps.discover import FileRef

    items = [(FileRef(str(p.relative_to(corpus)), str(p), p.stat().st_size, 0), None)
             for p in sample(corpus, every)]
    if mode == "none":
        return 0
    result = parse_chunk(items, "bench", datetime(2026, 1, 1), max_bytes=20 << 20, default_zone="Asia/Kolkata",
                         templates=None if mode == "off" else {})
    return result.loaded


def instructions(valgrind_stderr: str) -> int:
    """The total from cachegrind's summary line ('==123== I   refs:      16,584,627,794')."""
    found = re.search(r"I\s+refs:\s+([\d,]+)", valgrind_stderr)
    if found is None:
        raise ValueError("no 'I refs' line in valgrind's output")
    return int(found.group(1).replace(",", ""))


def measure(mode: str, corpus: Path, every: int) -> int:
    env = {**os.environ, "PYTHONHASHSEED": "0"}  # dicts and sets laid out alike in every run
    done = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
                           sys.executable, __file__, "--corpus", str(corpus), "--every", str(every), "--mode", mode],
                          env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{mode} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return instructions(done.stderr)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--every", type=int, default=20, help="parse every N-th file (default 20)")
    ap.add_argument("--mode", choices=MODES, help=argparse.SUPPRESS)  # the run under valgrind
    args = ap.parse_args()
    if args.mode:
        print(f"{args.mode}: {parse_sample(args.mode, args.corpus, args.every)} articles", file=sys.stderr)
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    files = len(sample(args.corpus, args.every))
    counts = {mode: measure(mode, args.corpus, args.every) for mode in MODES}
    for mode in MODES:
        print(f"{mode}: {counts[mode]:,} instructions", flush=True)
    off, on = counts["off"] - counts["none"], counts["on"] - counts["none"]
    print(json.dumps({"files": files, "off_per_file": round(off / files), "on_per_file": round(on / files),
                      "keys_share_of_parser": round(on / off - 1, 4)}))


if __name__ == "__main__":
    main()
