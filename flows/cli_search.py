"""`newsdw search`: ranked full-text search of the published snapshot. Registered by flows/cli.py.

Opens the snapshot as `newsdw query` does (read-only, no file or network access, settings locked),
so it runs while a load is in progress.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any


def _date_arg(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: give YYYY-MM-DD") from exc


def _limit_arg(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 10_000:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of results from 1 to 10000")
    return value


def cmd_search(args: argparse.Namespace) -> int:
    from flows.cli import _read_only, _snapshot
    from flows.warehouse import search

    con = _read_only(_snapshot(args))
    try:
        if not _has_index(con):
            print("newsdw: this snapshot has no search index: run `newsdw run` with the `search` stage "
                  "(NEWSDW_STAGES=sources,search)", file=sys.stderr)
            return 2
        result = search.search(con, args.query, args.limit,
                               search.Filters(args.language, args.source, args.since))
    finally:
        con.close()
    if args.format == "json":
        print(json.dumps([h.as_dict() for h in result.hits], ensure_ascii=False, indent=2))
    else:
        for rank, hit in enumerate(result.hits, 1):
            day = hit.published_at.date().isoformat() if hit.published_at else "undated"
            print(f"{rank:>3}. {hit.title or '(no title)'}\n     {hit.source} · {day} · {hit.language} · "
                  f"score {hit.score:.2f} · {hit.path}\n     {hit.snippet}\n")
    if result.message:
        print(f"newsdw: {result.message}", file=sys.stderr)
    return 0


def _has_index(con: Any) -> bool:
    rows = con.execute("SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'core' "
                       "AND table_name = 'search_docs'").fetchall()
    if not rows[0][0]:
        return False
    return bool(con.execute("SELECT EXISTS (SELECT 1 FROM ops.stage_runs WHERE stage = 'search' "
                            "AND status = 'completed')").fetchall()[0][0])


def register(sub: Any) -> None:
    search = sub.add_parser(
        "search", help="ranked full-text search of the articles, in any script",
        description="Search the current articles' title, standfirst and body (BM25 over the index the `search` "
                    "corpus stage keeps). A Latin word also finds its Devanagari spellings and the other way "
                    "round, ranked below exact matches. Reads the snapshot read-only.")
    search.add_argument("query", help="words to look for, e.g. \"किम जोंग उन\" or \"Kim Jong Un\"")
    search.add_argument("--limit", type=_limit_arg, default=10, help="how many articles (default 10)")
    search.add_argument("--language", help="only articles in this language (ISO code, e.g. hi)")
    search.add_argument("--source", help="only articles of this source (the first folder under the raw folder)")
    search.add_argument("--since", type=_date_arg, metavar="DATE",
                        help="only articles published on or after DATE (YYYY-MM-DD)")
    search.add_argument("--format", choices=["table", "json"], default="table")
    search.add_argument("--warehouse", help="DuckDB file whose snapshot to read")
    search.set_defaults(func=cmd_search)
