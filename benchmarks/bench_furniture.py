"""The furniture stage alone: N pages of one source sharing one line, loaded in-process, then the stage
(its first, full run) and the re-derivation it queues. Prints seconds per N: it should grow linearly.

    .venv/bin/python benchmarks/bench_furniture.py                    # N = 2,500, 5,000, 10,000
    .venv/bin/python benchmarks/bench_furniture.py --sizes 10000 40000 --runs 3
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flows import corpus
from flows import warehouse as wh
from flows.corpus import StageContext
from flows.steps.batch import parse_chunk
from flows.steps.discover import discover
from flows.steps.load import to_frames
from flows.steps.reparse import reparse_chunk
from flows.steps.ruleset import rules_checksum

LINE = "हमारे चैनल को सब्सक्राइब करें और घंटी दबाएं"


def page(i: int) -> str:
    return (f"ख़बर {i}: नगर निगम की बैठक\n\nनगर निगम की {i}वीं बैठक में {i % 97} पार्षद आए और {i % 13} प्रस्ताव "
            f"पास हुए.\n\n{LINE}\n\nबैठक {i} मिनट चली और महापौर ने सबका धन्यवाद किया.\n")


def one(n: int, work: Path) -> dict[str, float]:
    raw = work / "raw" / "site"
    raw.mkdir(parents=True)
    for i in range(n):
        (raw / f"{i:06d}.txt").write_text(page(i), encoding="utf-8")
    con = wh.connect(work / "w.duckdb")
    wh.migrate(con)
    found = discover(work / "raw", {})
    wh.start_load(con, "B1", None, str(work / "raw"), "bench")
    result = parse_chunk([(r, None) for r in found.candidates], "B1", datetime(2026, 1, 1), max_bytes=10**7,
                         default_zone="UTC", templates={})
    frames = to_frames(result.rows)
    wh.load_batch(con, frames, "B1")
    ctx = StageContext("B1", added=tuple(frames.articles["file_version_id"].to_list()))
    rederived = 0

    def rederive(_: object) -> tuple[str, ...]:  # what the flow's drain does after a stage, in-process
        nonlocal rederived
        ids = wh.reparse_queue(con)
        if not ids:
            return ()
        out = reparse_chunk(wh.stored_texts(con, ids), "B1", datetime(2026, 1, 2), default_zone="UTC",
                            templates=wh.learned_templates(con))
        frames = to_frames(out.rows)
        wh.replace_articles(con, frames, ids, "B1", "bench", rules_checksum())
        rederived += len(ids)
        return tuple(frames.articles["file_version_id"].to_list())

    t0 = time.perf_counter()
    results = corpus.run_stages(con, ctx, corpus.select(["furniture"]), after=rederive)
    total = time.perf_counter() - t0
    stage = results[0].seconds
    templates = con.execute("SELECT count(*) FROM core.source_templates").fetchall()[0][0]
    con.close()
    return {"stage_s": stage, "with_rederive_s": total, "templates": templates, "rederived": rederived}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[2500, 5000, 10000])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    rows = []
    for n in args.sizes:
        runs = []
        for _ in range(args.runs):
            with tempfile.TemporaryDirectory() as tmp:
                runs.append(one(n, Path(tmp)))
        stage = statistics.median(r["stage_s"] for r in runs)
        total = statistics.median(r["with_rederive_s"] for r in runs)
        row = {"pages": n, "stage_s": round(stage, 3), "stage_us_per_page": round(1e6 * stage / n, 1),
               "with_rederive_s": round(total, 3), "templates": runs[0]["templates"],
               "rederived": runs[0]["rederived"]}
        rows.append(row)
        print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
