"""Stage `search`: the BM25 index over title, standfirst and body (core.search_*; sql/migrations/008_search.sql).

Incremental: the versions a load added, changed or made non-current leave the index, and those of
them that are current come back in, analysed afresh (flows/steps/tokens.py's rules; the words are split
and counted in SQL). Terms and forms are only ever added: one no posting uses matches nothing. A full
run empties the index and rebuilds it. Articles are read in chunks of CHUNK by rowid range, so memory
stays flat on a large warehouse.

Postings are kept in term order: a query then reads only the row groups holding its terms (at 100k
articles, ~2 ms instead of ~80 ms for a scan). A full run writes them sorted; an incremental one appends
each chunk sorted. A version that leaves the index leaves core.search_docs only: its postings stay,
stale, matching nothing (every read joins search_docs). Deleting them would touch nearly every row group
of the table (a version's terms span the term order), and at 100k articles deleting 100 versions'
postings that way ran out of the stages' memory. Once the appended and stale rows pass RESORT_SHARE of
the table, the stage rewrites it: live postings only, in term order (core.search_state counts them;
sql/migrations/010_search_lazy_deletes.sql).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import polars as pl

from flows.steps.tokens import WORD_PATTERN, term
from flows.steps.translit import key

if TYPE_CHECKING:
    from flows.corpus import StageContext, StageStats

NAME = "search"
CHUNK = 5000
# A word of the title counts as this many of the body's; of the standfirst, STANDFIRST_WEIGHT.
TITLE_WEIGHT = 3
STANDFIRST_WEIGHT = 2
MAX_TF = 32767  # tf is a SMALLINT
RESORT_SHARE = 0.3

_TERMS = {"term_id": pl.Int32, "term": pl.String}
_NEW = {"form": pl.String, "language": pl.String, "term": pl.String, "sound_key": pl.String}
_TABLES = ("core.search_postings", "core.search_docs", "core.search_forms", "core.search_terms",
           "core.search_state")


def run(con: Any, ctx: StageContext) -> StageStats:
    from flows.corpus import CURRENT_ARTICLES, StageStats

    if ctx.full:
        for table in _TABLES:
            con.execute(f"DELETE FROM {table}")
        rowids = [r[0] for r in con.execute(
            f"SELECT a.rowid FROM core.articles AS a WHERE a.file_version_id IN "
            f"(SELECT file_version_id FROM ({CURRENT_ARTICLES})) ORDER BY 1").fetchall()]
        con.execute("CREATE OR REPLACE TEMP TABLE _search_all (term_id INTEGER, doc_id INTEGER, tf SMALLINT)")
        written = _index(con, rowids, "_search_all", sort=False)
        con.execute("INSERT INTO core.search_postings SELECT * FROM _search_all ORDER BY term_id, doc_id")
        con.execute("DROP TABLE _search_all")
        con.execute("INSERT INTO core.search_state VALUES (0, ?, 0)", [written])
        return StageStats(len(rowids), written)
    else:
        touched = list(ctx.touched)
        if not touched:
            return StageStats(0, 0)
        con.execute("CREATE OR REPLACE TEMP TABLE _search_touched AS "
                    "SELECT unnest(?::VARCHAR[]) AS file_version_id", [touched])
        stale = int(con.execute(
            "SELECT count(*) FROM core.search_postings WHERE doc_id IN (SELECT doc_id FROM core.search_docs "
            "WHERE file_version_id IN (SELECT file_version_id FROM _search_touched))").fetchall()[0][0])
        con.execute("DELETE FROM core.search_docs WHERE file_version_id IN "
                    "(SELECT file_version_id FROM _search_touched)")
        rowids = [r[0] for r in con.execute(
            f"SELECT a.rowid FROM core.articles AS a WHERE a.file_version_id IN "
            f"(SELECT c.file_version_id FROM ({CURRENT_ARTICLES}) AS c "
            f" WHERE c.file_version_id IN (SELECT file_version_id FROM _search_touched)) ORDER BY 1").fetchall()]
        con.execute("DROP TABLE IF EXISTS _search_touched")
    written = _index(con, rowids, "core.search_postings")
    _keep_sorted(con, written, stale)
    return StageStats(len(ctx.touched), written)


def _keep_sorted(con: Any, appended: int, stale: int) -> None:
    """Count this run's appended and stale postings; past RESORT_SHARE of the table, rewrite it."""
    rows = con.execute("SELECT sum(appended), sum(sorted), sum(stale) FROM core.search_state").fetchall()
    total_appended = int(rows[0][0] or 0) + appended
    sorted_rows = int(rows[0][1] or 0)
    total_stale = int(rows[0][2] or 0) + stale
    con.execute("DELETE FROM core.search_state")
    if total_appended + total_stale <= RESORT_SHARE * (total_appended + sorted_rows):
        con.execute("INSERT INTO core.search_state VALUES (?, ?, ?)", [total_appended, sorted_rows, total_stale])
        return
    _rewrite_postings(con)
    con.execute("INSERT INTO core.search_state SELECT 0, count(*), 0 FROM core.search_postings")


def _rewrite_postings(con: Any) -> None:
    """core.search_postings anew: the live postings in term order, in a new table that takes the name.

    Cheaper than deleting every row and inserting them again (at 100k, ~4 s instead of ~6 s), and it
    frees the stale rows. Nothing holds a dependency on the table: the macros and views that read it
    are bound when they run.
    """
    con.execute("CREATE TABLE core.search_postings_sorted "
                "(term_id INTEGER NOT NULL, doc_id INTEGER NOT NULL, tf SMALLINT NOT NULL)")
    con.execute("INSERT INTO core.search_postings_sorted SELECT p.* FROM core.search_postings AS p "
                "WHERE p.doc_id IN (SELECT doc_id FROM core.search_docs) ORDER BY p.term_id, p.doc_id")
    con.execute("DROP TABLE core.search_postings")
    con.execute("ALTER TABLE core.search_postings_sorted RENAME TO search_postings")


def _next_id(con: Any, column: str, table: str) -> int:
    return int(con.execute(f"SELECT coalesce(max({column}), 0) + 1 FROM {table}").fetchall()[0][0])


def _index(con: Any, rowids: list[int], postings: str, *, sort: bool = True) -> int:
    """Index the article rows into core.search_docs, _terms, _forms and `postings`; returns postings written.

    The texts are cut at spaces (string_split: no regular expression over every byte; a piece may hold
    a line end or a tab, where the word pattern then splits it), and each distinct piece is normalised and
    split into words (core.search_normalise, the same normalisation as the Python one, then WORD_PATTERN).
    That gives the words a regular expression over the whole normalised text would: no word holds a
    space, and every step of the normalisation works inside a run of letters and marks. So the regular
    expressions and normalisation run once per distinct piece of a chunk (~60,000), not once per word
    (~250 a text). Python only finds the term of a word the index has not met in that language before.
    `sort`: write each chunk's postings in term order (a full run sorts them all once at the end).
    """
    if not rowids:
        return 0
    # Above any doc id a stale posting still holds, so no new version inherits its postings.
    next_doc = max(_next_id(con, "doc_id", "core.search_docs"), _next_id(con, "doc_id", "core.search_postings"))
    next_term = _next_id(con, "term_id", "core.search_terms")
    written = 0
    pieces = _pieces_sql(int(con.execute("SELECT current_setting('threads')").fetchall()[0][0]))
    # The language as a small number too: joining pieces to words on it is a quarter cheaper than on
    # the string. A NULL language gets none, so its pieces match no word, as before.
    con.execute("CREATE OR REPLACE TEMP TABLE _search_langs AS SELECT language, "
                "(row_number() OVER (ORDER BY language))::USMALLINT AS lang "
                "FROM (SELECT DISTINCT language FROM core.articles WHERE language IS NOT NULL)")
    for start in range(0, len(rowids), CHUNK):
        chunk = rowids[start:start + CHUNK]
        # The i-th rowid of the chunk becomes doc next_doc + i (a join on positions: no window to sort).
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _search_chunk AS "
            "SELECT i.doc_id::INTEGER AS doc_id, a.file_version_id, a.language, l.lang, "
            "coalesce(a.title, '') AS title, coalesce(a.standfirst, '') AS standfirst, a.body FROM core.articles AS a "
            "JOIN (SELECT unnest(?::BIGINT[]) AS rid, unnest(range(?, ?)) AS doc_id) AS i ON a.rowid = i.rid "
            "LEFT JOIN _search_langs AS l ON l.language = a.language WHERE a.rowid BETWEEN ? AND ?",
            [chunk, next_doc, next_doc + len(chunk), chunk[0], chunk[-1]])
        # Each distinct piece once, with the words it holds (usually one; none for punctuation).
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _search_words AS "
            "SELECT piece, language, lang, unnest(regexp_extract_all(core.search_normalise(piece), "
            f"'{WORD_PATTERN}')) AS word FROM (SELECT DISTINCT piece, language, lang FROM ({pieces}))")
        next_term = _learn_words(con, next_term)
        order = " ORDER BY term_id, doc_id" if sort else ""
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _search_chunk_postings AS "
            f"SELECT f.term_id, p.doc_id, least(sum(p.weight), {MAX_TF})::SMALLINT AS tf FROM ({pieces}) AS p "
            "JOIN (SELECT w.piece, w.lang, f.term_id FROM _search_words AS w JOIN core.search_forms AS f "
            "      ON f.form = w.word AND f.language = w.language WHERE f.term_id IS NOT NULL) AS f "
            "USING (piece, lang) GROUP BY ALL")
        con.execute(
            "INSERT INTO core.search_docs SELECT c.doc_id, c.file_version_id, coalesce(p.terms, 0)::INTEGER "
            "FROM _search_chunk AS c LEFT JOIN (SELECT doc_id, sum(tf) AS terms FROM _search_chunk_postings "
            "GROUP BY doc_id) AS p ON p.doc_id = c.doc_id")
        con.execute(f"INSERT INTO {postings} SELECT * FROM _search_chunk_postings{order}")
        written += int(con.execute("SELECT count(*) FROM _search_chunk_postings").fetchall()[0][0])
        next_doc += len(chunk)
    for table in ("_search_chunk", "_search_words", "_search_chunk_postings", "_search_langs"):
        con.execute(f"DROP TABLE IF EXISTS {table}")
    return written


def _pieces_sql(threads: int) -> str:
    """The chunk's texts cut at spaces: (doc_id, language, lang, piece, weight) rows.

    Split again where they are needed rather than stored: splitting is cheaper than writing ~1.2 M
    strings per chunk. A 5,000-row chunk is one row group, which DuckDB scans on one thread; each
    branch of a UNION ALL is scanned on its own, so the bodies are split in `threads` branches by doc_id
    and the cores share the work (a quarter less wall time on two cores).
    """
    parts = max(1, min(threads, 16))
    fields = [("title", TITLE_WEIGHT, ""), ("standfirst", STANDFIRST_WEIGHT, "")]
    fields += [("body", 1, f" WHERE doc_id % {parts} = {i}" if parts > 1 else "") for i in range(parts)]
    return " UNION ALL ".join(
        f"SELECT doc_id, language, lang, unnest(string_split({col}, ' ')) AS piece, {weight}::TINYINT AS weight "
        f"FROM _search_chunk{where}" for col, weight, where in fields)


def _learn_words(con: Any, next_term: int) -> int:
    """The term (or none: a stopword, a one-letter word) and sound key of each (word, language) of
    _search_words not in core.search_forms yet; new terms get ids from next_term. Returns the next free id."""
    new = con.execute("SELECT DISTINCT w.word, w.language FROM _search_words AS w ANTI JOIN core.search_forms AS f "
                      "ON f.form = w.word AND f.language = w.language ORDER BY 1, 2").fetchall()
    if not new:
        return next_term
    terms = [term(w, lang) for w, lang in new]
    keys = [key(w) if t is not None else None for (w, _), t in zip(new, terms, strict=True)]
    con.execute("CREATE OR REPLACE TEMP TABLE _search_new (form VARCHAR, language VARCHAR, term VARCHAR, "
                "sound_key VARCHAR)")
    con.from_arrow(pl.DataFrame({"form": [w for w, _ in new], "language": [lang for _, lang in new],
                                 "term": terms, "sound_key": keys}, schema=_NEW)).insert_into("_search_new")
    fresh = [r[0] for r in con.execute(
        "SELECT DISTINCT n.term FROM _search_new AS n ANTI JOIN core.search_terms AS t ON t.term = n.term "
        "WHERE n.term IS NOT NULL ORDER BY 1").fetchall()]
    if fresh:
        con.from_arrow(pl.DataFrame({"term_id": range(next_term, next_term + len(fresh)), "term": fresh},
                                    schema=_TERMS)).insert_into("core.search_terms")
    con.execute("INSERT INTO core.search_forms SELECT n.form, n.language, t.term_id, n.sound_key "
                "FROM _search_new AS n LEFT JOIN core.search_terms AS t ON t.term = n.term")
    con.execute("DROP TABLE _search_new")
    return next_term + len(fresh)
