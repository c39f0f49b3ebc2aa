"""Stage `search`: the BM25 index over title, standfirst and body (core.search_*; sql/migrations/008_search.sql).

Incremental: the versions a load added, changed or made non-current leave the index, and those of
them that are current come back in, analysed afresh (flows/steps/tokens.py). Terms and forms are only
ever added: one no posting uses matches nothing. A full run empties the index and rebuilds it.
Articles are read in chunks of CHUNK by rowid range, so memory stays flat on a large warehouse.

Postings are kept in term order: a query then reads only the row groups holding its terms (at 100k
articles, ~2 ms instead of ~80 ms for a scan). A full run writes them sorted; an incremental one appends
each chunk sorted, and once the appended rows pass RESORT_SHARE of the table it rewrites it in order
(core.search_state counts them).
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

import polars as pl

from flows.steps.tokens import Analyzer
from flows.steps.translit import key

if TYPE_CHECKING:
    from flows.corpus import StageContext, StageStats

NAME = "search"
CHUNK = 2000
# A word of the title counts as this many of the body's; of the standfirst, STANDFIRST_WEIGHT.
TITLE_WEIGHT = 3
STANDFIRST_WEIGHT = 2
MAX_TF = 32767  # tf is a SMALLINT
RESORT_SHARE = 0.2

_DOCS = {"doc_id": pl.Int32, "file_version_id": pl.String, "terms": pl.Int32}
_BATCH = {"doc_id": pl.Int32, "term": pl.String, "tf": pl.Int16}
_TERMS = {"term_id": pl.Int32, "term": pl.String, "sound_key": pl.String}
_FORMS = {"form": pl.String, "term": pl.String}
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
        written = _index(con, rowids, "_search_all")
        con.execute("INSERT INTO core.search_postings SELECT * FROM _search_all ORDER BY term_id, doc_id")
        con.execute("DROP TABLE _search_all")
        con.execute("INSERT INTO core.search_state VALUES (0, ?)", [written])
        return StageStats(len(rowids), written)
    else:
        touched = list(ctx.touched)
        if not touched:
            return StageStats(0, 0)
        con.execute("CREATE OR REPLACE TEMP TABLE _search_touched AS "
                    "SELECT unnest(?::VARCHAR[]) AS file_version_id", [touched])
        con.execute("DELETE FROM core.search_postings WHERE doc_id IN (SELECT doc_id FROM core.search_docs "
                    "WHERE file_version_id IN (SELECT file_version_id FROM _search_touched))")
        con.execute("DELETE FROM core.search_docs WHERE file_version_id IN "
                    "(SELECT file_version_id FROM _search_touched)")
        rowids = [r[0] for r in con.execute(
            f"SELECT a.rowid FROM core.articles AS a WHERE a.file_version_id IN "
            f"(SELECT c.file_version_id FROM ({CURRENT_ARTICLES}) AS c "
            f" WHERE c.file_version_id IN (SELECT file_version_id FROM _search_touched)) ORDER BY 1").fetchall()]
        con.execute("DROP TABLE IF EXISTS _search_touched")
    written = _index(con, rowids, "core.search_postings")
    _keep_sorted(con, written)
    return StageStats(len(ctx.touched), written)


def _keep_sorted(con: Any, appended: int) -> None:
    rows = con.execute("SELECT sum(appended), sum(sorted) FROM core.search_state").fetchall()
    total_appended = int(rows[0][0] or 0) + appended
    sorted_rows = int(rows[0][1] or 0)
    con.execute("DELETE FROM core.search_state")
    if total_appended <= RESORT_SHARE * (total_appended + sorted_rows):
        con.execute("INSERT INTO core.search_state VALUES (?, ?)", [total_appended, sorted_rows])
        return
    con.execute("CREATE OR REPLACE TEMP TABLE _search_sorted AS "
                "SELECT * FROM core.search_postings ORDER BY term_id, doc_id")
    con.execute("DELETE FROM core.search_postings")
    con.execute("INSERT INTO core.search_postings SELECT * FROM _search_sorted")
    con.execute("DROP TABLE _search_sorted")
    con.execute("INSERT INTO core.search_state SELECT 0, count(*) FROM core.search_postings")


def _next_id(con: Any, column: str, table: str) -> int:
    return int(con.execute(f"SELECT coalesce(max({column}), 0) + 1 FROM {table}").fetchall()[0][0])


def _index(con: Any, rowids: list[int], postings: str) -> int:
    """Analyse the article rows into core.search_docs, _terms, _forms and `postings`; returns postings written."""
    if not rowids:
        return 0
    analyzer = Analyzer()
    next_doc = _next_id(con, "doc_id", "core.search_docs")
    next_term = _next_id(con, "term_id", "core.search_terms")
    con.execute("CREATE OR REPLACE TEMP TABLE _search_batch (doc_id INTEGER, term VARCHAR, tf SMALLINT)")
    con.execute("CREATE OR REPLACE TEMP TABLE _search_batch_forms (form VARCHAR, term VARCHAR)")
    written = 0
    for start in range(0, len(rowids), CHUNK):
        chunk = rowids[start:start + CHUNK]
        rows = con.execute(
            "SELECT rowid, file_version_id, language, coalesce(title, ''), coalesce(standfirst, ''), body "
            "FROM core.articles WHERE rowid BETWEEN ? AND ? AND rowid IN (SELECT unnest(?::BIGINT[]))",
            [chunk[0], chunk[-1], chunk]).fetchall()
        doc_ids: list[int] = []
        versions: list[str] = []
        lengths: list[int] = []
        p_doc: list[int] = []
        p_term: list[str] = []
        p_tf: list[int] = []
        forms: set[tuple[str, str]] = set()
        for _rowid, version, language, title, standfirst, body in rows:
            counts: Counter[str] = Counter()
            for text, weight in ((title, TITLE_WEIGHT), (standfirst, STANDFIRST_WEIGHT), (body, 1)):
                pairs = analyzer.forms(text, language)
                forms.update(pairs)
                for _form, t in pairs:
                    counts[t] += weight
            doc_ids.append(next_doc)
            versions.append(version)
            lengths.append(sum(counts.values()))
            for t, tf in counts.items():
                p_doc.append(next_doc)
                p_term.append(t)
                p_tf.append(min(tf, MAX_TF))
            next_doc += 1
        con.from_arrow(pl.DataFrame({"doc_id": doc_ids, "file_version_id": versions, "terms": lengths},
                                    schema=_DOCS)).insert_into("core.search_docs")
        con.execute("DELETE FROM _search_batch")
        con.execute("DELETE FROM _search_batch_forms")
        con.from_arrow(pl.DataFrame({"doc_id": p_doc, "term": p_term, "tf": p_tf},
                                    schema=_BATCH)).insert_into("_search_batch")
        new_terms = [r[0] for r in con.execute(
            "SELECT DISTINCT b.term FROM _search_batch AS b ANTI JOIN core.search_terms AS t ON t.term = b.term "
            "ORDER BY 1").fetchall()]
        if new_terms:
            con.from_arrow(pl.DataFrame({
                "term_id": range(next_term, next_term + len(new_terms)), "term": new_terms,
                "sound_key": [key(t) for t in new_terms]}, schema=_TERMS)).insert_into("core.search_terms")
            next_term += len(new_terms)
        con.execute(f"INSERT INTO {postings} SELECT t.term_id, b.doc_id, b.tf FROM _search_batch AS b "
                    "JOIN core.search_terms AS t ON t.term = b.term ORDER BY t.term_id, b.doc_id")
        written += len(p_doc)
        if forms:
            form_list, term_list = zip(*sorted(forms), strict=True)
            con.from_arrow(pl.DataFrame({"form": form_list, "term": term_list},
                                        schema=_FORMS)).insert_into("_search_batch_forms")
            con.execute(
                "INSERT INTO core.search_forms SELECT f.form, t.term_id FROM _search_batch_forms AS f "
                "JOIN core.search_terms AS t ON t.term = f.term "
                "ANTI JOIN core.search_forms AS s ON s.form = f.form AND s.term_id = t.term_id")
    con.execute("DROP TABLE IF EXISTS _search_batch")
    con.execute("DROP TABLE IF EXISTS _search_batch_forms")
    return written
