"""Stage `sources`: current articles, words and load times per source and language (core.source_counts).

A source is the first folder under the raw folder (core.articles.source). Incremental: only the sources
of the versions a load added, changed or made non-current are recomputed, each from its current
articles, so the counts always equal what a full recount would give (sql/checks/source_counts_match).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flows.corpus import StageContext, StageStats

NAME = "sources"

def run(con: Any, ctx: StageContext) -> StageStats:
    from flows.corpus import CURRENT_ARTICLES, StageStats

    if ctx.full:
        con.execute("DELETE FROM core.source_counts")
        scope = ""
        row = con.execute("SELECT count(*) FROM core.articles").fetchone()
        rows_in = int(row[0]) if row else 0
    else:
        touched = list(ctx.touched)
        if not touched:
            return StageStats(0, 0)
        con.execute("CREATE OR REPLACE TEMP TABLE _touched_sources AS SELECT DISTINCT source FROM core.articles "
                    "WHERE file_version_id IN (SELECT unnest(?::VARCHAR[]))", [touched])
        con.execute("DELETE FROM core.source_counts WHERE source IN (SELECT source FROM _touched_sources)")
        scope, rows_in = "WHERE source IN (SELECT source FROM _touched_sources)", len(touched)
    written = con.execute(
        f"""INSERT INTO core.source_counts
            SELECT source, language, count(*), sum(words), min(loaded_at), max(loaded_at), ?
            FROM ({CURRENT_ARTICLES}) {scope}
            GROUP BY source, language
            RETURNING 1""",
        [ctx.load_id],
    ).fetchall()
    con.execute("DROP TABLE IF EXISTS _touched_sources")
    return StageStats(rows_in, len(written))
