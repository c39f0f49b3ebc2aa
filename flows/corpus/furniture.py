"""Stage `furniture`: lines and paragraph tails that repeat across a source's distinct stories become
page furniture (core.source_templates; block rule `repeated`).

Counting (keys come from the parser: core.template_keys, see flows/steps/templates.py):
- a key counts the distinct *stories* of the source's current articles it appears in (the articles'
  story_key), not files: copies of one story (syndication, an updated version) count once;
- it is furniture when that count reaches threshold(stories in the source) =
  max(MIN_STORIES, ceil(min(SHARE * N, SQRT_FACTOR * sqrt(N)))): 4 stories in a small source, 1.5% of
  a few hundred, ~3 sqrt(N) in a big one (a footer printed under 1% of 100,000 pages is still furniture);
- a source with fewer than POOL_BELOW stories is too small to learn from: its keys are judged by their
  count across the whole warehouse, against the threshold of the warehouse's stories (basis `warehouse`);
- a tail (one of the last sentences of a paragraph; an unterminated one by its first words) must also
  sit at a paragraph's end in at least TAIL_AT_END (half) of the current pages whose text holds those
  words: words that also open sentences inside paragraphs are the story's, not a footer's.
Incremental: only keys of the versions this load added, changed or made non-current are recounted,
with the keys already learned (the threshold moves as a source grows).
A page also offers the first words of each whole tail sentence (part `tail_start`, never counted): a
footer printed in full is cut where it starts like a learned fragment, so such pages are queued too.
Keys that become furniture or stop being it queue the current articles holding them (on a block the
rules kept as content) in ops.reparse_queue; the run re-derives them (body, counts, language) right
after this stage, with what was learned (flows/lifecycle.py).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from flows.steps.templates import CONTENT_KINDS, RULE, split_sentences, tail_text

if TYPE_CHECKING:
    from flows.corpus import StageContext, StageStats

NAME = "furniture"
MIN_STORIES = 4
SHARE = 0.015
SQRT_FACTOR = 3.0
POOL_BELOW = 20
TAIL_AT_END = 0.5
TAIL_SAMPLE = 500
GLUED_WITHIN = 1000  # characters from a page's end searched for a newly learned tail's text

_APPLIED_TO = ", ".join(f"'{k}'" for k in sorted(CONTENT_KINDS))


def threshold(stories: int) -> int:
    return max(MIN_STORIES, math.ceil(min(SHARE * stories, SQRT_FACTOR * math.sqrt(stories))))


def run(con: Any, ctx: StageContext) -> StageStats:
    from flows.corpus import CURRENT_ARTICLES, StageStats

    if not ctx.full and not ctx.touched:
        return StageStats(0, 0)
    con.execute("CREATE OR REPLACE TEMP TABLE _cur AS SELECT file_version_id, source, story_key, loaded_at "
                f"FROM ({CURRENT_ARTICLES})")
    sizes = dict(con.execute("SELECT source, count(DISTINCT story_key) FROM _cur GROUP BY 1").fetchall())
    total = int(con.execute("SELECT count(DISTINCT story_key) FROM _cur").fetchone()[0])
    if ctx.full:
        con.execute("CREATE OR REPLACE TEMP TABLE _keys AS SELECT DISTINCT part, key FROM core.template_keys")
        rows_in = int(con.execute("SELECT count(*) FROM _cur").fetchone()[0])
    else:
        touched = list(ctx.touched)
        # The keys of what changed, and every key learned so far: a source's threshold moves with its size.
        con.execute("CREATE OR REPLACE TEMP TABLE _keys AS SELECT DISTINCT part, key FROM core.template_keys "
                    "WHERE file_version_id IN (SELECT unnest(?::VARCHAR[])) "
                    "UNION SELECT part, key FROM core.source_templates", [touched])
        rows_in = len(touched)
    # Per source and warehouse-wide: distinct stories holding each affected key, among current articles.
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _counts AS
        SELECT k.source, k.part, k.key, count(DISTINCT c.story_key) AS stories,
               count(DISTINCT k.file_version_id) AS files, min(c.loaded_at) AS first_seen,
               max(c.loaded_at) AS last_seen, any_value(k.file_version_id) AS example, any_value(k.line_no) AS line_no
        FROM core.template_keys AS k JOIN _cur AS c USING (file_version_id)
        WHERE (k.part, k.key) IN (SELECT part, key FROM _keys) AND k.part IN ('line', 'tail')
        GROUP BY ALL""")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _pooled AS
        SELECT k.part, k.key, count(DISTINCT c.story_key) AS stories
        FROM core.template_keys AS k JOIN _cur AS c USING (file_version_id)
        WHERE (k.part, k.key) IN (SELECT part, key FROM _keys) AND k.part IN ('line', 'tail')
        GROUP BY ALL""")
    thresholds = [(s, n, threshold(n), "source" if n >= POOL_BELOW else "warehouse") for s, n in sizes.items()]
    con.execute("CREATE OR REPLACE TEMP TABLE _th (source VARCHAR, stories BIGINT, threshold BIGINT, basis VARCHAR)")
    if thresholds:
        con.executemany("INSERT INTO _th VALUES (?, ?, ?, ?)", thresholds)
    total_threshold = threshold(total)
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _decided AS
        SELECT c.*, t.basis,
               CASE WHEN t.basis = 'source' THEN c.stories >= t.threshold
                    ELSE p.stories >= {total_threshold} END AS learned,
               CASE WHEN t.basis = 'source' THEN c.stories ELSE p.stories END AS counted
        FROM _counts AS c JOIN _th AS t USING (source) JOIN _pooled AS p USING (part, key)""")
    # The text of each learned key, from one page that holds it (its blocks at that line, in order: a
    # tail already cut off its paragraph is the next block).
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _new AS
        SELECT d.source, d.part, d.key, d.basis, d.counted AS articles, d.first_seen, d.last_seen, d.files,
               (SELECT right(string_agg(b.text, ' ' ORDER BY b.ordinal), any_value(k.chars))
                FROM core.blocks AS b JOIN core.template_keys AS k
                  ON k.file_version_id = b.file_version_id AND k.line_no = b.line_no
                WHERE b.file_version_id = d.example AND b.line_no = d.line_no AND k.part = d.part
                  AND k.key = d.key) AS text
        FROM _decided AS d WHERE d.learned""")
    _check_tails(con)
    # What flips: newly learned, or no longer learned (among the keys looked at).
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _flipped AS
        SELECT source, part, key FROM _new
        WHERE (source, part, key) NOT IN (SELECT source, part, key FROM core.source_templates)
        UNION ALL
        SELECT source, part, key FROM core.source_templates
        WHERE (part, key) IN (SELECT part, key FROM _keys)
          AND (source, part, key) NOT IN (SELECT source, part, key FROM _new)""")
    con.execute("DELETE FROM core.source_templates WHERE (part, key) IN (SELECT part, key FROM _keys)")
    written = con.execute("""
        INSERT INTO core.source_templates
        SELECT source, part, key, text, articles, basis, first_seen, last_seen, ? FROM _new
        RETURNING 1""", [ctx.load_id]).fetchall()
    # Current pages holding a flipped key where the rules kept it as content (a block learned lines apply
    # to; a metadata line such as a read-time stamp is left as it is) or it was learned: re-derive them.
    con.execute(f"""
        INSERT INTO ops.reparse_queue
        SELECT DISTINCT k.file_version_id, ?, now()::TIMESTAMP
        FROM core.template_keys AS k JOIN _cur AS c USING (file_version_id)
        JOIN _flipped AS f ON f.source = k.source AND f.key = k.key
          AND (f.part = k.part OR (f.part = 'tail' AND k.part = 'tail_start'))
        WHERE k.file_version_id NOT IN (SELECT file_version_id FROM ops.reparse_queue)
          AND (k.part <> 'line' OR EXISTS (
                SELECT 1 FROM core.blocks AS b WHERE b.file_version_id = k.file_version_id
                AND b.line_no = k.line_no AND (b.kind IN ({_APPLIED_TO}) OR b.rule = '{RULE}')))""",
                [ctx.load_id])
    # A newly learned tail may also sit glued to a word in pages that never offered its key
    # ('तमांग(बीबीसी ...'): find its text near the end of the source's pages (templates._glued).
    con.execute(f"""
        INSERT INTO ops.reparse_queue
        SELECT DISTINCT c.file_version_id, ?, now()::TIMESTAMP
        FROM _new AS t JOIN _cur AS c USING (source) JOIN raw.files AS f USING (file_version_id)
        WHERE t.part = 'tail' AND (t.source, t.part, t.key) IN (SELECT source, part, key FROM _flipped)
          AND contains(lower(right(f.text, {GLUED_WITHIN})), lower(t.text))
          AND c.file_version_id NOT IN (SELECT file_version_id FROM ops.reparse_queue)""", [ctx.load_id])
    for table in ("_cur", "_keys", "_counts", "_pooled", "_th", "_decided", "_new", "_flipped"):
        con.execute(f"DROP TABLE IF EXISTS {table}")
    return StageStats(rows_in, len(written))


def _check_tails(con: Any) -> None:
    """Unlearn tails that sit away from a paragraph's end in too many of the source's pages that hold
    their words, judged on up to TAIL_SAMPLE pages per source (a text scan per tail and page is the
    cost here: every page of a 100,000-page source for each of a hundred tails took minutes)."""
    for source, key, example in con.execute("SELECT source, key, text FROM _new WHERE part = 'tail'").fetchall():
        con.execute("UPDATE _new SET text = ? WHERE source = ? AND part = 'tail' AND key = ?",
                    [tail_text((split_sentences(example or "") or [""])[0]), source, key])
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _sample AS
        SELECT file_version_id, source FROM _cur
        WHERE source IN (SELECT source FROM _new WHERE part = 'tail')
        QUALIFY row_number() OVER (PARTITION BY source ORDER BY hash(file_version_id)) <= ?""", [TAIL_SAMPLE])
    con.execute("""
        DELETE FROM _new WHERE part = 'tail' AND (text IS NULL OR text = '' OR (source, key) IN (
            SELECT t.source, t.key FROM _new AS t
            JOIN _sample AS s USING (source) JOIN raw.files AS f USING (file_version_id)
            LEFT JOIN core.template_keys AS k
              ON k.file_version_id = s.file_version_id AND k.part = 'tail' AND k.key = t.key
            WHERE t.part = 'tail' AND contains(f.text, t.text)
            GROUP BY ALL
            HAVING count(k.key) < ? * count(*)))""", [TAIL_AT_END])
    con.execute("DROP TABLE _sample")
