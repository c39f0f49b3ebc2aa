"""The `search` stage and queries alone, on a warehouse loaded without it (e.g. the 100k generated corpus).

    .venv/bin/python benchmarks/make_corpus.py --articles 100000 --seed 1 --out benchmarks/out/corpus-100k
    NEWSDW_STAGES=sources .venv/bin/newsdw run --raw benchmarks/out/corpus-100k --warehouse /tmp/w/news.duckdb
    .venv/bin/python benchmarks/bench_search.py --warehouse /tmp/w/news.duckdb

Works on a copy (the warehouse given is not changed). Prints, as a table and one JSON object last:
- full: the stage's first run over every current article (what a warehouse gets when the stage is
  switched on; on a new warehouse it is also what the first load adds);
- update_1000: the stage re-indexing 1,000 current versions (as `changed`: their rows out, their text
  analysed and in again: the work of 1,000 new articles), median of --repeats; and one such update that
  also re-sorts the postings (what an update does once RESORT_SHARE of them were appended);
- index bytes (the four core.search_* tables copied alone into a fresh file) against the body text's
  UTF-8 bytes;
- query latency: median and p90 of warm queries (each query run --repeats times, its median kept),
  queries built from the corpus's own titles (in-script) and Latin spellings of common names.
Timings depend on the machine and what else runs on it.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from flows import corpus  # noqa: E402
from flows import warehouse as wh  # noqa: E402
from flows.corpus import StageContext  # noqa: E402
from flows.warehouse import search as search_q  # noqa: E402
from flows.warehouse.connect import quote  # noqa: E402

LATIN_QUERIES = ["modi", "delhi", "kim jong", "corona", "cricket", "mumbai", "pakistan", "police", "election",
                 "bollywood", "sarkar", "bharat", "congress", "america", "china"]


def _queries(con: wh.Connection, n: int, seed: int) -> list[str]:
    titles = [r[0] for r in con.execute(
        "SELECT title FROM core.articles WHERE title IS NOT NULL USING SAMPLE reservoir(2000 ROWS) REPEATABLE (7)"
    ).fetchall()]
    rng = random.Random(seed)
    out = []
    for title in rng.sample(titles, min(n, len(titles))):
        words = search_q.query_words(title)
        if len(words) >= 2:
            start = rng.randrange(0, max(1, len(words) - 2))
            out.append(" ".join(words[start:start + rng.choice((1, 2, 3))]))
    return out + LATIN_QUERIES


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--warehouse", required=True, type=Path)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--queries", type=int, default=60)
    parser.add_argument("--work", type=Path, help="folder for the copy (default: a temporary one)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench_search_", dir=args.work))
    copy = work / "news.duckdb"
    shutil.copy(args.warehouse, copy)
    out: dict[str, object] = {}
    try:
        con = wh.connect(copy)
        wh.migrate(con)
        load_id = con.execute("SELECT load_id FROM ops.loads ORDER BY started_at DESC LIMIT 1").fetchall()[0][0]
        body = con.execute("SELECT count(*), sum(strlen(body)), sum(strlen(coalesce(title, '')) "
                           "+ strlen(coalesce(standfirst, '')) + strlen(body)) FROM core.articles").fetchall()[0]
        out["articles"], out["body_bytes"], out["text_bytes"] = int(body[0]), int(body[1]), int(body[2])

        started = time.perf_counter()
        [full] = corpus.run_stages(con, StageContext(load_id, full=True), [corpus.search])
        out["full_seconds"] = round(time.perf_counter() - started, 2)
        out["postings"] = full.rows_out

        ids = [r[0] for r in con.execute("SELECT file_version_id FROM core.search_docs").fetchall()]
        rng = random.Random(1)
        updates = []
        for _ in range(args.repeats):
            sample = tuple(rng.sample(ids, min(1000, len(ids))))
            started = time.perf_counter()
            corpus.run_stages(con, StageContext(load_id, changed=sample), [corpus.search])
            updates.append(time.perf_counter() - started)
        out["update_1000_seconds"] = round(statistics.median(updates), 2)
        out["update_1000_runs"] = [round(u, 2) for u in updates]
        # The update that finds RESORT_SHARE of the postings appended also re-sorts them: time one.
        share, corpus.search.RESORT_SHARE = corpus.search.RESORT_SHARE, 0.0
        started = time.perf_counter()
        corpus.run_stages(con, StageContext(load_id, changed=tuple(rng.sample(ids, min(1000, len(ids))))),
                          [corpus.search])
        out["update_1000_with_resort_seconds"] = round(time.perf_counter() - started, 2)
        corpus.search.RESORT_SHARE = share

        index_file = work / "index_only.duckdb"
        con.execute(f"ATTACH {quote(str(index_file))} AS _idx")
        for table in ("search_docs", "search_terms", "search_forms", "search_postings"):
            con.execute(f"CREATE TABLE _idx.{table} AS SELECT * FROM core.{table}")
        con.execute("DETACH _idx")
        out["terms"] = con.execute("SELECT count(*) FROM core.search_terms").fetchall()[0][0]
        out["forms"] = con.execute("SELECT count(*) FROM core.search_forms").fetchall()[0][0]
        con.close()
        out["index_bytes"] = index_file.stat().st_size
        out["index_share_of_body"] = round(out["index_bytes"] / max(1, out["body_bytes"]), 3)  # type: ignore[operator]

        with wh.read_snapshot(copy) as ro:
            queries = _queries(ro, args.queries, 1)
            for q in queries[:5]:  # warm the caches
                search_q.search(ro, q, 10)
            per_query = []
            for q in queries:
                runs = []
                for _ in range(args.repeats):
                    started = time.perf_counter()
                    search_q.search(ro, q, 10)
                    runs.append(time.perf_counter() - started)
                per_query.append(statistics.median(runs))
            sql_runs = []
            for q in queries:
                started = time.perf_counter()
                ro.execute("SELECT * FROM marts.search(?) LIMIT 10", [q]).fetchall()
                sql_runs.append(time.perf_counter() - started)
        per_query.sort()
        out["queries"] = len(queries)
        out["query_ms_median"] = round(statistics.median(per_query) * 1000, 1)
        out["query_ms_p90"] = round(per_query[int(0.9 * (len(per_query) - 1))] * 1000, 1)
        out["macro_ms_median"] = round(statistics.median(sql_runs) * 1000, 1)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for k, v in out.items():
        if k != "update_1000_runs":
            print(f"{k:>22}  {v}")
    print(json.dumps(out))


if __name__ == "__main__":
    main()
