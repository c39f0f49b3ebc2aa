"""Search quality on real pages, judged by hand: MRR@10 and hit@5 per kind of query, for `newsdw search`,
marts.search (the SQL macro), LIKE, and DuckDB's fts extension with its defaults (DuckDB 1.5, if it
installs into a side environment; skipped otherwise).

    .venv/bin/python benchmarks/search_eval.py                    # realpages + 2,000 generated distractors
    .venv/bin/python benchmarks/search_eval.py --distractors 0    # realpages only
    .venv/bin/python benchmarks/search_eval.py --json out.json

The judged queries are benchmarks/labels/search.tsv (set, query, kind, relevant files; our own words,
never the pages' text): kinds hi (Hindi in Devanagari), inflected (a form of the word the page does
not use), latin (Latin spellings of Devanagari names), code-mixed, ur (Urdu). The pages of
../shared/realpages/ are laid out one folder per source and loaded by the real ingest flow with the
`search` stage on; pages of the generated corpus (benchmarks/make_corpus.py, --seed 7) are loaded
beside them under generated/ so the index holds unrelated text too. A generated page counts as relevant
when it holds every word of the query, or of the label's `mentions` (the Devanagari spelling of a Latin
query's names, written with the label): it mentions what the query names. Otherwise it is not.
A query's hit@5 is 1 when a relevant page is in its first 5 results; its reciprocal rank is 1/rank of
the first relevant page within 10 (0 otherwise). LIKE ranks pages by how many query words they contain
(ILIKE '%word%' on title, standfirst and body), then by path.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import venv
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
REALPAGES = ROOT.parent / "shared" / "realpages"
LABELS = ROOT / "benchmarks" / "labels" / "search.tsv"
FTS_VENV = ROOT / "benchmarks" / ".cache" / "venvs" / "duckdb15-fts"
FTS_REQUIREMENTS = ["duckdb==1.5.5", "duckdb-extension-fts==1.5.5"]
KINDS = ("hi", "inflected", "latin", "code-mixed", "ur")

Ranker = Callable[[str], list[str]]  # query -> paths, best first


def read_labels() -> list[dict[str, str]]:
    with LABELS.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def load(raw: Path, warehouse: Path, distractors: int) -> None:
    for source in ("bbc-hindi", "urdu-news"):
        shutil.copytree(REALPAGES / source, raw / source, ignore=shutil.ignore_patterns("*.md"))
    if distractors:
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), "--articles", str(distractors),
                        "--seed", "7", "--out", str(raw / "generated")], check=True, stdout=subprocess.DEVNULL)
    home = warehouse.parent / "prefect"
    home.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("PREFECT_HOME", str(home))
    os.environ["NEWSDW_STAGES"] = "sources,search"
    from flows.cli import _prefect_env

    _prefect_env()
    from flows.ingest import ingest_news

    summary = ingest_news(raw_dir=str(raw), warehouse=str(warehouse))
    print(f"loaded {summary['loaded']} pages; stages {list(summary['stages'])}", file=sys.stderr)


def relevant_of(row: dict[str, str], mentions: dict[str, set[str]]) -> set[str]:
    """The judged pages, and the generated pages that contain every word of the query or of its
    `mentions` (the same names in Devanagari): they mention what the query names."""
    return {f"{row['set']}/{name}" for name in row["relevant"].split(",")} | mentions.get(row["query"], set())


def generated_mentions(con: object, labels: list[dict[str, str]]) -> dict[str, set[str]]:
    from flows.warehouse.search import query_words

    pages = [(path, set(query_words(text))) for path, text in con.execute(  # type: ignore[attr-defined]
        "SELECT path, coalesce(title, '') || ' ' || coalesce(standfirst, '') || ' ' || body FROM marts.articles "
        "WHERE path LIKE 'generated/%'").fetchall()]
    out: dict[str, set[str]] = {}
    for row in labels:
        wanted = [set(query_words(text)) for text in (row["query"], row.get("mentions") or "") if text]
        found = {path for path, page in pages if any(words and words <= page for words in wanted)}
        if found:
            out[row["query"]] = found
    return out


def score(rankings: dict[str, list[str]], labels: list[dict[str, str]],
          mentions: dict[str, set[str]]) -> dict[str, dict[str, float]]:
    per_kind: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for row in labels:
        relevant = relevant_of(row, mentions)
        ranked = rankings[row["query"] + "\t" + row["set"]]
        rr = next((1.0 / (i + 1) for i, p in enumerate(ranked[:10]) if p in relevant), 0.0)
        hit = 1.0 if any(p in relevant for p in ranked[:5]) else 0.0
        per_kind[row["kind"]].append((rr, hit))
        per_kind["all"].append((rr, hit))
    return {kind: {"queries": len(v), "mrr@10": round(sum(r for r, _ in v) / len(v), 3),
                   "hit@5": round(sum(h for _, h in v) / len(v), 3)} for kind, v in per_kind.items()}


def rank_all(ranker: Ranker, labels: list[dict[str, str]]) -> dict[str, list[str]]:
    return {row["query"] + "\t" + row["set"]: ranker(row["query"]) for row in labels}


def fts_rankings(snapshot: Path, labels: list[dict[str, str]], work: Path) -> dict[str, list[str]] | str:
    """DuckDB 1.5's fts extension, defaults (stemmer porter, strip_accents 1), in its own environment."""
    python = FTS_VENV / "bin" / "python"
    if not python.exists():
        try:
            venv.EnvBuilder(with_pip=True, clear=True).create(FTS_VENV)
            subprocess.run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                            *FTS_REQUIREMENTS], check=True, timeout=900, capture_output=True)
        except (subprocess.SubprocessError, OSError) as exc:
            shutil.rmtree(FTS_VENV, ignore_errors=True)
            return f"skipped: the DuckDB 1.5 environment did not install ({type(exc).__name__})"
    import duckdb

    parquet = work / "articles.parquet"
    con = duckdb.connect(str(snapshot), read_only=True)
    try:
        con.execute("COPY (SELECT path, coalesce(title, '') AS title, coalesce(standfirst, '') AS standfirst, "
                    f"body FROM marts.articles) TO '{parquet}' (FORMAT parquet)")
    finally:
        con.close()
    queries = work / "queries.json"
    queries.write_text(json.dumps(sorted({row["query"] for row in labels})), encoding="utf-8")
    script = textwrap.dedent("""
        import json, pathlib, sys, duckdb, duckdb_extension_fts
        con = duckdb.connect()
        # The wheel carries the extension file; LOAD it by path (no download).
        ext = (pathlib.Path(duckdb_extension_fts.__file__).parent / "extensions" / f"v{duckdb.__version__}"
               / "fts.duckdb_extension")
        con.execute(f"LOAD '{ext}'")
        con.execute(f"CREATE TABLE docs AS SELECT * FROM read_parquet('{sys.argv[1]}')")
        con.execute("PRAGMA create_fts_index('docs', 'path', 'title', 'standfirst', 'body')")
        out = {}
        for q in json.load(open(sys.argv[2], encoding="utf-8")):
            rows = con.execute("SELECT path FROM (SELECT path, fts_main_docs.match_bm25(path, ?) AS s FROM docs) "
                               "WHERE s IS NOT NULL ORDER BY s DESC, path LIMIT 10", [q]).fetchall()
            out[q] = [r[0] for r in rows]
        print(json.dumps({"version": duckdb.__version__, "rankings": out}))
    """)
    proc = subprocess.run([str(python), "-c", script, str(parquet), str(queries)], capture_output=True, text=True,
                          timeout=900)
    if proc.returncode != 0:
        return "skipped: fts did not load or index in DuckDB 1.5: " + (proc.stderr.strip().splitlines() or ["?"])[-1]
    got = json.loads(proc.stdout.strip().splitlines()[-1])
    return {row["query"] + "\t" + row["set"]: got["rankings"][row["query"]] for row in labels}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--distractors", type=int, default=2000, help="generated pages loaded beside (default 2000)")
    parser.add_argument("--no-fts", action="store_true", help="skip DuckDB 1.5's fts extension")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--misses", action="store_true", help="list the queries `newsdw search` misses (hit@5 0)")
    args = parser.parse_args()
    if not REALPAGES.is_dir():
        sys.exit(f"no real pages at {REALPAGES}")
    labels = read_labels()
    from flows import warehouse as wh
    from flows.settings import Settings
    from flows.warehouse.search import search

    with tempfile.TemporaryDirectory(prefix="search_eval_") as tmp:
        work = Path(tmp)
        warehouse = work / "w" / "news.duckdb"
        warehouse.parent.mkdir()
        load(work / "raw", warehouse, args.distractors)
        snapshot = Settings.from_env(warehouse=str(warehouse)).snapshot
        results: dict[str, object] = {}
        with wh.read_snapshot(snapshot) as con:
            mentions = generated_mentions(con, labels)
            results["generated pages relevant (mention every query word)"] = sum(len(v) for v in mentions.values())
            def ours(q: str) -> list[str]:
                return [h.path for h in search(con, q, 10).hits]

            def macro(q: str) -> list[str]:
                return [r[0] for r in con.execute("SELECT path FROM marts.search(?) LIMIT 10", [q]).fetchall()]

            def like(q: str) -> list[str]:
                from flows.warehouse.search import query_words

                words = [w for w in query_words(q) if len(w) > 1][:12]
                if not words:
                    return []
                hits = " + ".join("(text ILIKE ?)::INT" for _ in words)
                return [r[0] for r in con.execute(
                    f"SELECT path FROM (SELECT path, {hits} AS n FROM (SELECT path, coalesce(title, '') || ' ' || "
                    "coalesce(standfirst, '') || ' ' || body AS text FROM marts.articles)) WHERE n > 0 "
                    "ORDER BY n DESC, path LIMIT 10", [f"%{w}%" for w in words]).fetchall()]

            for name, ranker in (("newsdw search", ours), ("marts.search", macro), ("LIKE", like)):
                rankings = rank_all(ranker, labels)
                results[name] = score(rankings, labels, mentions)
                if name == "newsdw search" and args.misses:
                    for row in labels:
                        relevant = relevant_of(row, mentions)
                        got = rankings[row["query"] + "\t" + row["set"]][:5]
                        if not relevant & set(got):
                            print(f"miss [{row['kind']}] {row['query']}: top {got[:3]}", file=sys.stderr)
        fts = "skipped (--no-fts)" if args.no_fts else fts_rankings(snapshot, labels, work)
        results["fts (DuckDB 1.5, defaults)"] = fts if isinstance(fts, str) else score(fts, labels, mentions)

    kinds = [k for k in (*KINDS, "all") if any(row["kind"] == k for row in labels) or k == "all"]
    print(f"{len(labels)} judged queries; {args.distractors} generated distractor pages")
    print(f"{'method':<28}" + "".join(f"{k:>20}" for k in kinds))
    print(f"{'':<28}" + "".join(f"{'MRR@10  hit@5':>20}" for _ in kinds))
    for name, figures in results.items():
        if isinstance(figures, int):
            print(f"{name}: {figures}")
            continue
        if isinstance(figures, str):
            print(f"{name:<28}{figures}")
            continue
        assert isinstance(figures, dict)
        print(f"{name:<28}" + "".join(f"{figures[k]['mrr@10']:>13.3f}{figures[k]['hit@5']:>7.3f}" for k in kinds))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    print(json.dumps(results, ensure_ascii=False))


if __name__ == "__main__":
    main()
