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
  words: words that also open sentences inside paragraphs are the story's, not a footer's;
- a line the rules took for a link to another story on some page of the source (LINK_RULES: a headline
  after an 'also read' marker, a run of them) is furniture wherever else in the source it stands alone, once
  MIN_LINKED_STORIES distinct stories hold it (basis `links`): a page that lost the marker keeps the same
  headline as a line of its own, and a related headline is printed under a few stories, not under enough
  to reach the threshold;
- a line that is the headline of another story of the source (the title of a current article of another
  story, of MIN_TITLE_WORDS words or more; or that title without the site's name after it, templates'
  part `title`) is a link to that story wherever it stands as content (basis `titles`): a related
  headline printed between paragraphs or under the story with no 'also read' marker, which no rule can
  tell from a sub-heading and which is printed under too few stories to reach the threshold. A new article
  whose title such a line is tips the older pages holding it, and they are re-derived;
- furniture is positional and stands alone; the story's own sentences (a quote a site repeats, a wire
  paragraph, a generator's sentence pool) also sit amid the story's text. So a line is not furniture
  when, in LINE_INSIDE (a tenth) or more of the sampled pages holding its text, a body, standfirst or
  heading block holds it from a sentence's start with more of the paragraph after it (at a paragraph's
  end is where a footer glues on, so that does not count); and a whole-sentence tail is not furniture
  when, in as many, a body block before the page's last TAIL_BLOCKS holds it at a sentence's start (a
  promo glues onto the story's end, not its middle). This check reads up to TAIL_SAMPLE pages per source
  (their blocks) and runs on keys that newly reach the threshold (every key in a full run).
Only keys held by MIN_STORIES rows of core.template_keys or more are counted (no other can reach a
threshold): at 100k pages that is a small share of the ~1.1 M rows, nearly all a story's own lines.
Incremental: only keys of the versions this load added, changed or made non-current are recounted,
with the keys already learned (the threshold moves as a source grows).
A page also offers the first words of each whole tail sentence (part `tail_start`, never counted): a
footer printed in full is cut where it starts like a learned fragment, so such pages are queued too.
A `credit` key (the last words of a credit-and-place line's credit, templates.credit_phrases) is the
source's own name, not furniture: learned at the same threshold when MIN_CREDIT_NAMES different words or
more come before it on the source's pages (different writers: one prolific writer's surname is printed
after the same first name every time), it is kept with its text for provenance to read as the desk.
Keys that become furniture or stop being it queue the current articles holding them (on a block the
rules kept as content) in ops.reparse_queue; the run re-derives them (body, counts, language) right
after this stage, with what was learned (flows/lifecycle.py).
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections import Counter
from typing import TYPE_CHECKING, Any

import polars as pl

from flows.steps.templates import (
    CLOSERS,
    CONTENT_KINDS,
    CREDIT_RULE,
    LINK_BASES,
    RULE,
    STOPS,
    TAIL_BLOCKS,
    credit_phrases,
    sentence_spans,
    split_sentences,
    tail_text,
    text_key,
)

if TYPE_CHECKING:
    from flows.corpus import StageContext, StageStats

NAME = "furniture"
MIN_STORIES = 4
SHARE = 0.015
SQRT_FACTOR = 3.0
POOL_BELOW = 20
TAIL_AT_END = 0.5
LINE_INSIDE = 0.1
TAIL_SAMPLE = 500
GLUED_WITHIN = 1000  # characters from a page's end searched for a newly learned tail's text
# What the rules take for links to other stories: the headlines after an 'also read' marker, a run of them.
LINK_RULES = ("also_read_link", "link_run")
MIN_LINKED_STORIES = 2  # the page where the rules saw it as a link, and one more story
MIN_TITLE_WORDS = 4  # a headline another page links to; 'राशिफल', 'Photos' are section names, not headlines
MIN_CREDIT_NAMES = 3  # different words before a credit's last words that make them the source's name

_APPLIED_TO = ", ".join(f"'{k}'" for k in sorted(CONTENT_KINDS))
_LINK_BASES = ", ".join(f"'{b}'" for b in sorted(LINK_BASES))


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
    # Only keys held by MIN_STORIES rows or more can reach any threshold (stories <= rows): most keys are a
    # story's own lines, held once, so the joins below count a small share of the table. A key left out
    # is not learned, as it would not have been (and one learned before flips back, through _keys). A full
    # run's _keys is every key: no filter to apply.
    filtered = "" if ctx.full else "AND (part, key) IN (SELECT part, key FROM _keys)"
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _frequent AS
        SELECT part, key FROM core.template_keys WHERE part IN ('line', 'tail', 'credit') {filtered}
        GROUP BY ALL HAVING count(*) >= {MIN_STORIES}""")
    # Per source and warehouse-wide: distinct stories holding each affected key, among current articles.
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _held AS
        SELECT k.source, k.part, k.key, c.story_key, k.file_version_id, c.loaded_at, k.line_no
        FROM core.template_keys AS k JOIN _frequent AS f USING (part, key) JOIN _cur AS c USING (file_version_id)""")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _counts AS
        SELECT source, part, key, count(DISTINCT story_key) AS stories, count(DISTINCT file_version_id) AS files,
               min(loaded_at) AS first_seen, max(loaded_at) AS last_seen, any_value(file_version_id) AS example,
               any_value(line_no) AS line_no
        FROM _held GROUP BY ALL""")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _pooled AS
        SELECT part, key, count(DISTINCT story_key) AS stories FROM _held GROUP BY ALL""")
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
    _add_links(con, filtered)
    _add_titles(con, ctx)
    # The text of each learned key, from one page that holds it (its blocks at that line, in order: a
    # tail already cut off its paragraph is the next block). Joins, not a subquery per key.
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _new AS
        WITH learned AS (SELECT * FROM _decided WHERE learned),
        lines AS (
            SELECT b.file_version_id, b.line_no, string_agg(b.text, ' ' ORDER BY b.ordinal) AS text
            FROM core.blocks AS b
            WHERE (b.file_version_id, b.line_no) IN (SELECT example, line_no FROM learned)
            GROUP BY ALL),
        offered AS (
            SELECT k.file_version_id, k.line_no, k.part, k.key, any_value(k.chars) AS chars
            FROM core.template_keys AS k
            WHERE (k.file_version_id, k.line_no) IN (SELECT example, line_no FROM learned)
            GROUP BY ALL)
        SELECT d.source, d.part, d.key, d.basis, d.counted AS articles, d.first_seen, d.last_seen, d.files,
               right(l.text, o.chars) AS text
        FROM learned AS d
        LEFT JOIN offered AS o
          ON o.file_version_id = d.example AND o.line_no = d.line_no AND o.part = d.part AND o.key = d.key
        LEFT JOIN lines AS l ON l.file_version_id = d.example AND l.line_no = d.line_no""")
    # A headline is MIN_TITLE_WORDS words or more: counted on the text of the lines learned, not on every title
    # (reading every title's text cost 0.3 s of a full run at 100k).
    con.execute(f"DELETE FROM _new WHERE basis = 'titles' AND len(string_split(trim(text), ' ')) < {MIN_TITLE_WORDS}")
    _check_tails(con)
    _check_sentences(con, ctx.full)
    _check_credits(con)
    # What flips: newly learned, or no longer learned (among the keys looked at).
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _flipped AS
        SELECT source, part, key, basis FROM _new
        WHERE (source, part, key) NOT IN (SELECT source, part, key FROM core.source_templates)
        UNION ALL
        SELECT source, part, key, basis FROM core.source_templates
        WHERE (part, key) IN (SELECT part, key FROM _keys)
          AND (source, part, key) NOT IN (SELECT source, part, key FROM _new)""")
    con.execute("DELETE FROM core.source_templates WHERE (part, key) IN (SELECT part, key FROM _keys)")
    written = con.execute("""
        INSERT INTO core.source_templates
        SELECT source, part, key, text, articles, basis, first_seen, last_seen, ? FROM _new
        RETURNING 1""", [ctx.load_id]).fetchall()
    # Current pages holding a flipped key where the rules kept it as content (a block learned lines apply
    # to; a metadata line such as a read-time stamp is left as it is), took it for the title (a masthead
    # over the headline: parse._title_under_learned_line; a line learned as a link is never taken for one)
    # or it was learned: re-derive them.
    con.execute(f"""
        INSERT INTO ops.reparse_queue
        SELECT DISTINCT k.file_version_id, ?, now()::TIMESTAMP
        FROM core.template_keys AS k JOIN _cur AS c USING (file_version_id)
        JOIN _flipped AS f ON f.source = k.source AND f.key = k.key
          AND (f.part = k.part OR (f.part = 'tail' AND k.part = 'tail_start'))
        WHERE k.file_version_id NOT IN (SELECT file_version_id FROM ops.reparse_queue)
          AND (k.part <> 'line' OR EXISTS (
                SELECT 1 FROM core.blocks AS b WHERE b.file_version_id = k.file_version_id
                AND b.line_no = k.line_no AND (b.kind IN ({_APPLIED_TO}) OR b.rule = '{RULE}'
                     OR (b.kind = 'title' AND f.basis NOT IN ({_LINK_BASES})))))""",
                [ctx.load_id])
    # A newly learned tail may also sit glued to a word in pages that never offered its key
    # ('तमांग(बीबीसी ...'): find its text near the end of the source's pages (templates._glued).
    # The pages' ends are cut and lowered once each, not once per (tail, page) pair.
    con.execute(f"""
        INSERT INTO ops.reparse_queue
        WITH tails AS (
            SELECT source, lower(text) AS text FROM _new
            WHERE part = 'tail' AND (source, part, key) IN (SELECT source, part, key FROM _flipped)),
        ends AS MATERIALIZED (
            SELECT c.file_version_id, c.source, lower(right(f.text, {GLUED_WITHIN})) AS page_end
            FROM _cur AS c JOIN raw.files AS f USING (file_version_id)
            WHERE c.source IN (SELECT source FROM tails)
              AND c.file_version_id NOT IN (SELECT file_version_id FROM ops.reparse_queue))
        SELECT DISTINCT e.file_version_id, ?, now()::TIMESTAMP
        FROM tails AS t JOIN ends AS e USING (source) WHERE contains(e.page_end, t.text)""", [ctx.load_id])
    for table in ("_cur", "_keys", "_frequent", "_held", "_counts", "_pooled", "_th", "_decided", "_new", "_flipped"):
        con.execute(f"DROP TABLE IF EXISTS {table}")
    return StageStats(rows_in, len(written))


def _add_links(con: Any, filtered: str) -> None:
    """Decide, in _decided, the lines the rules took for links on some current page of their source
    (LINK_RULES), held by MIN_LINKED_STORIES distinct stories of it or more: furniture (basis 'links')
    where the counts did not already make them so."""
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _linked AS
        SELECT DISTINCT k.source, k.key FROM core.template_keys AS k
        JOIN core.blocks AS b ON b.file_version_id = k.file_version_id AND b.line_no = k.line_no
        WHERE k.part = 'line' AND b.rule IN ({", ".join(f"'{r}'" for r in LINK_RULES)}) {filtered}
          AND k.file_version_id IN (SELECT file_version_id FROM _cur)""")
    con.execute(f"""
        INSERT INTO _decided
        SELECT k.source, k.part, k.key, count(DISTINCT c.story_key) AS stories,
               count(DISTINCT k.file_version_id) AS files, min(c.loaded_at), max(c.loaded_at),
               any_value(k.file_version_id), any_value(k.line_no), 'links', true, count(DISTINCT c.story_key)
        FROM core.template_keys AS k JOIN _linked AS l USING (source, key) JOIN _cur AS c USING (file_version_id)
        WHERE k.part = 'line'
          AND (k.source, k.part, k.key) NOT IN (SELECT source, part, key FROM _decided WHERE learned)
        GROUP BY k.source, k.part, k.key
        HAVING count(DISTINCT c.story_key) >= {MIN_LINKED_STORIES}""")
    con.execute("DROP TABLE _linked")


def _add_titles(con: Any, ctx: StageContext) -> None:
    """Decide, in _decided, the lines held as content (or already learned) by a current page of a source
    that are the title of a current article of another story of it (basis 'titles'; core.blocks' title,
    a key templates offered as part 'line' or 'title' at its line): links to that story, where the counts
    did not already make them furniture. Incremental: the keys, in their source, of what changed and of what
    was learned, on either side (the title's or the line's). In their source: a key learned in one source and
    judged the story's own text in another (_check_sentences) is not judged again in every load."""
    keyed = ""
    if not ctx.full:
        con.execute("CREATE OR REPLACE TEMP TABLE _source_keys AS "
                    "SELECT source, key FROM core.template_keys WHERE file_version_id IN (SELECT unnest(?::VARCHAR[])) "
                    "UNION SELECT source, key FROM core.source_templates", [list(ctx.touched)])
        keyed = "AND (k.source, k.key) IN (SELECT source, key FROM _source_keys)"
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _titled AS
        SELECT DISTINCT k.source, k.key, c.story_key
        FROM core.blocks AS b JOIN core.template_keys AS k USING (file_version_id, line_no)
        JOIN _cur AS c USING (file_version_id)
        WHERE b.kind = 'title' AND k.part IN ('line', 'title') {keyed}""")
    con.execute(f"""
        INSERT INTO _decided
        WITH held AS (  -- the lines of those keys in pages of other stories, held as content
            SELECT k.source, k.part, k.key, k.file_version_id, k.line_no, c.story_key, c.loaded_at
            FROM core.template_keys AS k JOIN _titled AS t USING (source, key) JOIN _cur AS c USING (file_version_id)
            WHERE k.part = 'line' AND c.story_key <> t.story_key)
        SELECT h.source, h.part, h.key, count(DISTINCT h.story_key) AS stories,
               count(DISTINCT h.file_version_id) AS files, min(h.loaded_at), max(h.loaded_at),
               any_value(h.file_version_id), any_value(h.line_no), 'titles', true, count(DISTINCT h.story_key)
        FROM held AS h JOIN core.blocks AS b ON b.file_version_id = h.file_version_id AND b.line_no = h.line_no
        WHERE (b.kind IN ({_APPLIED_TO}) OR b.rule = '{RULE}')
          AND (h.source, h.part, h.key) NOT IN (SELECT source, part, key FROM _decided WHERE learned)
        GROUP BY h.source, h.part, h.key""")
    con.execute("DROP TABLE IF EXISTS _source_keys")
    con.execute("DROP TABLE _titled")


def _check_credits(con: Any) -> None:
    """Keep, of the credits that reached the threshold, those printed after MIN_CREDIT_NAMES different
    words or more on the source's pages (the writers' names), with their own text; drop the others."""
    rows = con.execute(f"""
        SELECT DISTINCT h.source, h.key, b.text FROM _held AS h
        JOIN core.blocks AS b ON b.file_version_id = h.file_version_id AND b.line_no = h.line_no
        WHERE h.part = 'credit' AND b.rule = '{CREDIT_RULE}'
          AND (h.source, h.key) IN (SELECT source, key FROM _new WHERE part = 'credit')""").fetchall()
    if not rows:
        con.execute("DELETE FROM _new WHERE part = 'credit'")
        return
    names: dict[tuple[str, int], set[str]] = {}
    texts: dict[tuple[str, int], str] = {}
    for source, key, text in rows:
        for phrase, before in credit_phrases(text):
            if text_key(phrase) == key:
                names.setdefault((source, key), set()).add(before.casefold())
                texts.setdefault((source, key), phrase)
    kept = [(s, k, texts[(s, k)]) for (s, k), n in names.items() if len(n) >= MIN_CREDIT_NAMES]
    # The last word of 'लाइव हिन्दुस्तान' follows as many names as the whole: the longest is the name.
    kept = [(s, k, t) for s, k, t in kept
            if not any(o == s and u.casefold().endswith(" " + t.casefold()) for o, _, u in kept)]
    con.execute("CREATE OR REPLACE TEMP TABLE _credits (source VARCHAR, key UBIGINT, text VARCHAR)")
    if kept:
        con.executemany("INSERT INTO _credits VALUES (?, ?, ?)", kept)
    con.execute("DELETE FROM _new WHERE part = 'credit' AND (source, key) NOT IN (SELECT source, key FROM _credits)")
    con.execute("UPDATE _new SET text = c.text FROM _credits AS c "
                "WHERE _new.part = 'credit' AND _new.source = c.source AND _new.key = c.key")
    con.execute("DROP TABLE _credits")


def _sample(sources: str) -> str:
    """SQL: (file_version_id, source) of up to TAIL_SAMPLE current pages (_cur) of each source that
    `sources` (a SELECT of names) lists; the same pages each time (by the hash of their id)."""
    return (f"SELECT file_version_id, source FROM _cur WHERE source IN ({sources}) "
            f"QUALIFY row_number() OVER (PARTITION BY source ORDER BY hash(file_version_id)) <= {TAIL_SAMPLE}")


def _check_tails(con: Any) -> None:
    """Unlearn tails that sit away from a paragraph's end in too many of the source's pages that hold
    their words, judged on up to TAIL_SAMPLE pages per source (a text scan per tail and page is the
    cost here: every page of a 100,000-page source for each of a hundred tails took minutes)."""
    # What each tail is known by, from its example text; set in one statement (an UPDATE per tail cost
    # ~15 ms each: 2.2 s of the stage's 10.6 s at 100k).
    tails = con.execute("SELECT source, key, text FROM _new WHERE part = 'tail'").fetchall()
    if tails:
        known = pl.DataFrame({"source": [r[0] for r in tails], "key": [r[1] for r in tails],
                              "text": [tail_text((split_sentences(r[2] or "") or [""])[0]) for r in tails]},
                             schema={"source": pl.String, "key": pl.UInt64, "text": pl.String})
        con.execute("CREATE OR REPLACE TEMP TABLE _tail_texts (source VARCHAR, key UBIGINT, text VARCHAR)")
        con.from_arrow(known).insert_into("_tail_texts")
        con.execute("UPDATE _new SET text = t.text FROM _tail_texts AS t "
                    "WHERE _new.part = 'tail' AND _new.source = t.source AND _new.key = t.key")
        con.execute("DROP TABLE _tail_texts")
    tailed = "SELECT source FROM _new WHERE part = 'tail'"
    con.execute(f"CREATE OR REPLACE TEMP TABLE _sample AS {_sample(tailed)}")
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


def _check_sentences(con: Any, full: bool) -> None:
    """Unlearn what the source's stories also print amid their own text, judged on up to TAIL_SAMPLE
    pages per source, among the sampled pages that hold it anywhere:
    - a line, when in LINE_INSIDE or more of them a body, standfirst or heading block holds its text from
      a sentence's start with more of the paragraph after it (not at a paragraph's end, where a footer
      glues on; not in a caption or furniture block, where a photo credit may lead its caption's line);
    - a whole-sentence tail, when in LINE_INSIDE or more of them a body block before the page's last
      TAIL_BLOCKS holds it at a sentence's start: a promo glues onto the story's end, not its middle.
    Only keys that newly reach the threshold (every key in a full run): the ones learned were checked."""
    new_only = "" if full else "AND (source, part, key) NOT IN (SELECT source, part, key FROM core.source_templates)"
    rows = con.execute(f"""
        SELECT source, part, key, text FROM _new WHERE part IN ('line', 'tail') AND text IS NOT NULL
          AND trim(text) <> '' {new_only}""").fetchall()
    wanted: dict[str, _Wanted] = {}
    for source, part, key, text in rows:
        if part == "tail" and tail_text(text) != text:
            continue  # a fragment, known by its first words: TAIL_AT_END judged it
        wanted.setdefault(source, _Wanted()).add(part, text.strip().casefold(), key)
    if not wanted:
        return
    blocks = con.execute(f"""
        WITH sample AS ({_sample('SELECT unnest(?::VARCHAR[])')})
        SELECT s.source, b.file_version_id, b.kind, b.text
        FROM sample AS s JOIN core.blocks AS b USING (file_version_id)
        ORDER BY b.file_version_id, b.ordinal""", [list(wanted)]).fetchall()
    holding: Counter[tuple[str, str, int]] = Counter()
    inside: Counter[tuple[str, str, int]] = Counter()
    for (source, _), rows_of_page in itertools.groupby(blocks, key=lambda r: (r[0], r[1])):
        w = wanted[source]
        page = [(kind, text, text.casefold()) for _, _, kind, text in rows_of_page]
        bodies = [i for i, (kind, _, _) in enumerate(page) if kind == "body"]
        story_part = set(bodies[:-TAIL_BLOCKS])  # body blocks before the last ones, where tails are offered
        held: set[tuple[str, int]] = set()
        amid: set[tuple[str, int]] = set()
        for i, (kind, text, folded) in enumerate(page):
            key = w.lines.get(folded.strip())
            if key is not None:
                held.add(("line", key))
                continue
            if kind not in ("body", "standfirst", "heading") or not w.may_hold(folded):
                continue
            starts = [a for a, _ in sentence_spans(text)]
            for key, more in _at_sentence_starts(text, folded, starts, w.line_words):
                held.add(("line", key))
                if more:
                    amid.add(("line", key))
            if kind == "body":
                for key, _ in _at_sentence_starts(text, folded, starts, w.tail_words):
                    held.add(("tail", key))
                    if i in story_part:
                        amid.add(("tail", key))
        for part, key in held:
            holding[(source, part, key)] += 1
        for part, key in amid:
            inside[(source, part, key)] += 1
    content = [(s, p, k) for (s, p, k), n in inside.items() if n >= LINE_INSIDE * holding[(s, p, k)]]
    if content:  # one DELETE: one per key (executemany) cost ~0.6 s of a full run at 100k
        frame = pl.DataFrame(content, schema={"source": pl.String, "part": pl.String, "key": pl.UInt64}, orient="row")
        con.execute("CREATE OR REPLACE TEMP TABLE _content (source VARCHAR, part VARCHAR, key UBIGINT)")
        con.from_arrow(frame).insert_into("_content")
        con.execute("DELETE FROM _new WHERE (source, part, key) IN (SELECT source, part, key FROM _content)")
        con.execute("DROP TABLE _content")


class _Wanted:
    """One source's keys to check: lines by text, and lines and tails by their first word."""

    def __init__(self) -> None:
        self.lines: dict[str, int] = {}
        self.line_words: dict[str, list[tuple[str, int]]] = {}
        self.tail_words: dict[str, list[tuple[str, int]]] = {}
        self._firsts: re.Pattern[str] | None = None

    def add(self, part: str, folded: str, key: int) -> None:
        if part == "line":
            self.lines[folded] = key
        words = self.line_words if part == "line" else self.tail_words
        words.setdefault(folded.split()[0], []).append((folded, key))
        self._firsts = None

    def may_hold(self, folded: str) -> bool:
        """Whether any key's first word is in the text: most blocks hold none, and are not split into
        sentences (one search in C, against splitting ~100,000 blocks in Python in a full run)."""
        if self._firsts is None:
            words = sorted({*self.line_words, *self.tail_words}, key=len, reverse=True)
            self._firsts = re.compile("|".join(map(re.escape, words)))
        return self._firsts.search(folded) is not None


def _at_sentence_starts(text: str, folded: str, starts: list[int],
                        by_word: dict[str, list[tuple[str, int]]]) -> list[tuple[int, bool]]:
    """(key, more of the text after it) for the texts in by_word that start at one of text's sentence
    starts and end at a word's end."""
    if not by_word:
        return []
    if len(folded) != len(text):  # positions must stay those of the text ('ß' folds to 'ss')
        folded = text
    found: list[tuple[int, bool]] = []
    for a in starts:
        words = folded[a:a + 80].split(maxsplit=1)
        for cand, key in by_word.get(words[0], ()) if words else ():
            end = a + len(cand)
            if not folded.startswith(cand, a):
                continue
            more = bool(folded[end:].strip(_CLOSING))
            after = folded[end] if end < len(folded) else " "
            if cand[-1] in _STOPS or after.isspace() or unicodedata.category(after)[0] == "P":
                found.append((key, more))
    return found


_STOPS = STOPS + CLOSERS
_CLOSING = " " + CLOSERS
