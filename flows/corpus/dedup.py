"""Stage `dedup`: near-duplicate groups and stories (core.dup_members; marts.articles, marts.stories).

Near-duplicates: texts whose word 3-shingles have estimated Jaccard >= THRESHOLD (MinHash + LSH, see
flows/corpus/dedup_sql.py), or the same normalised text, are one group. Kept apart even when similar:
texts under MIN_WORDS words (or MIN_CHARS characters), articles in different languages (a translation is
the same story, not a copy), and template stories: different numbers, published TEMPLATE_HOURS or more
apart (or, undated, with different numbers in their titles).
Stories: a group's members, plus write-ups published within STORY_HOURS of each other whose title and
lead share rare words (idf-weighted cosine >= STORY_MIN), or, across languages, the consonant skeletons
of rare names (STORY_NAME_MIN).
Incremental: signatures, LSH bands, story terms (those that can link: a term held by more than DF_CAP
texts is listed in core.story_common_terms instead) and the links found are stored; a load computes them
for its new versions only and compares them with the stored ones (an LSH bucket contributes at most
BUCKET_CAP members, so 10,000 copies cost linear time); it then regroups only the groups and stories its
new, changed and gone versions touch, from the stored links. Ids stay: a regrouped component keeps the
id its earliest member held, so a rerun, a reparse or an unrelated load changes no id, and a deletion
that splits a group leaves the id with the part holding its earliest member.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import polars as pl

from flows.corpus import dedup_sql as q

if TYPE_CHECKING:
    from flows.corpus import StageContext, StageStats

NAME = "dedup"
THRESHOLD = 0.5
TEMPLATE_HOURS = 20
STORY_HOURS = 72
STORY_MIN = 0.4
STORY_NAME_MIN = 0.5
MAX_LINKS = 10  # links kept per new version and kind: enough to keep a group connected when one goes
DF_CAP = 50  # a term in more current articles than this is too common to link two write-ups ...
DF_SHARE = 0.2  # ... and so is one in more than this share of them (a small warehouse's common words)
MIN_SHARED = 3  # rare words two write-ups must share ...
MIN_SHARED_NAMES = 2  # ... or rare names, across languages (a name's skeleton is rarer than a word)
RARE_TERMS = 16  # rarest terms per version (and kind) that link and weigh stories
CHUNK = 2_000  # versions tokenised per statement: bounds the memory of a full run (stages get ~600 MB) ...
LINK_CHUNK = 10_000  # ... and versions linked per statement


def run(con: Any, ctx: StageContext) -> StageStats:
    from flows.corpus import CURRENT_ARTICLES, StageStats

    if not ctx.full and not ctx.touched:
        return StageStats(0, 0)
    if ctx.full:
        con.execute(f"CREATE OR REPLACE TEMP TABLE _new AS SELECT file_version_id FROM ({CURRENT_ARTICLES})")
        con.execute("CREATE OR REPLACE TEMP TABLE _gone AS SELECT file_version_id FROM core.dup_members "
                    "WHERE file_version_id NOT IN (SELECT file_version_id FROM _new)")
        for table in ("core.dup_signatures", "core.dup_bands", "core.story_terms", "core.story_common_terms",
                      "core.dup_edges"):
            con.execute(f"DELETE FROM {table}")
    else:
        touched = list(ctx.touched)
        con.execute(f"CREATE OR REPLACE TEMP TABLE _new AS SELECT file_version_id FROM ({CURRENT_ARTICLES}) "
                    "WHERE file_version_id IN (SELECT unnest(?::VARCHAR[]))", [list(ctx.added + ctx.changed)])
        con.execute("CREATE OR REPLACE TEMP TABLE _gone AS SELECT unnest(?::VARCHAR[]) AS file_version_id "
                    "EXCEPT SELECT file_version_id FROM _new", [touched])
        for table in ("core.dup_signatures", "core.dup_bands", "core.story_terms"):
            con.execute(f"DELETE FROM {table} WHERE file_version_id IN (SELECT unnest(?::VARCHAR[]))", [touched])
        con.execute("DELETE FROM core.dup_edges WHERE a IN (SELECT unnest($t::VARCHAR[])) "
                    "OR b IN (SELECT unnest($t::VARCHAR[]))", {"t": touched})
    new = [r[0] for r in con.execute("SELECT file_version_id FROM _new ORDER BY 1").fetchall()]
    gone = int(con.execute("SELECT count(*) FROM _gone").fetchall()[0][0])
    # The new versions' terms are held aside until the common ones among them are known (_store_terms).
    # Declared, not copied: a temp table made by CREATE ... AS of no rows here kept reading as empty to
    # queries after rows were inserted (DuckDB 2.0.0; count(*) saw them).
    con.execute("CREATE OR REPLACE TEMP TABLE _terms (file_version_id VARCHAR, kind VARCHAR, term UBIGINT, "
                "in_title BOOLEAN, seen_at TIMESTAMP)")
    for start in range(0, len(new), CHUNK):
        con.execute(f"CREATE OR REPLACE TEMP TABLE _docs AS {q.docs_sql('SELECT unnest(?::VARCHAR[])')}",
                    [new[start:start + CHUNK]])
        con.execute(f"INSERT INTO core.dup_signatures {q.signatures_sql()}")
        con.execute(f"INSERT INTO _terms SELECT t.* FROM ({q.story_terms_sql()}) AS t "
                    "ANTI JOIN core.story_common_terms AS c USING (kind, term)")
    con.execute(f"INSERT INTO core.dup_bands {q.bands_sql()}")
    _store_terms(con, ctx.full)
    total = int(con.execute("SELECT count(DISTINCT body_key) FROM core.dup_signatures").fetchall()[0][0])
    # A full run's chunks would each count (nearly) every term's documents again: count them once.
    df = _document_frequencies(con, "_df", total) if ctx.full else None
    buckets = _full_buckets(con, "_buckets") if ctx.full else None  # the same for the LSH buckets
    for start in range(0, len(new), LINK_CHUNK):
        con.execute("CREATE OR REPLACE TEMP TABLE _chunk AS SELECT unnest(?::VARCHAR[]) AS file_version_id",
                    [new[start:start + LINK_CHUNK]])
        _link_duplicates(con, ctx.load_id, buckets)
        _link_stories(con, ctx.load_id, total, df)
    written = _regroup(con, ctx.load_id)
    for table in ("_new", "_gone", "_docs", "_chunk", "_df", "_buckets"):
        con.execute(f"DROP TABLE IF EXISTS {table}")
    return StageStats(len(new) + gone, written)


_BUCKET = f"""SELECT * FROM core.dup_bands WHERE (band, key) IN (SELECT band, key FROM {{multi}})
              QUALIFY row_number() OVER (PARTITION BY band, key ORDER BY file_version_id) <= {q.BUCKET_CAP}"""


def _full_buckets(con: Any, out: str) -> str:
    """Temp table `out`: the members each LSH bucket of two or more offers (its first BUCKET_CAP by id);
    returns its name. What _link_duplicates would find for each chunk of a full run, found once (each
    chunk scanned all ~2 M band rows for its buckets)."""
    multi = "(SELECT band, key FROM core.dup_bands GROUP BY ALL HAVING count(*) > 1)"
    con.execute(f"CREATE OR REPLACE TEMP TABLE {out} AS {_BUCKET.format(multi=multi)}")
    return out


def _link_duplicates(con: Any, load_id: str, buckets: str | None) -> None:
    """Near-duplicate links of the versions in _chunk: LSH candidates, verified on the whole signature.
    A bucket offers its first BUCKET_CAP members (by id) only; buckets of one are dropped before that
    ranking, which is what keeps a full run's memory small. `buckets`: a temp table of _full_buckets, else
    the chunk's buckets are found here."""
    found = (f"bucket AS (SELECT * FROM {buckets})" if buckets is not None else f"""
        multi AS MATERIALIZED (SELECT band, key FROM core.dup_bands WHERE (band, key) IN (SELECT band, key FROM nb)
                               GROUP BY ALL HAVING count(*) > 1),
        bucket AS ({_BUCKET.format(multi='multi')})""")
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _cand AS
        WITH nb AS MATERIALIZED (SELECT * FROM core.dup_bands
                                 WHERE file_version_id IN (SELECT file_version_id FROM _chunk)),
        {found}
        SELECT least(nb.file_version_id, k.file_version_id) AS a, greatest(nb.file_version_id, k.file_version_id) AS b,
               min(nb.file_version_id) AS owner  -- the new side, whose links are capped at MAX_LINKS
        FROM nb JOIN bucket AS k USING (band, key) WHERE k.file_version_id <> nb.file_version_id
        GROUP BY ALL""")
    # A pair of two new versions in different chunks is found twice: keep the first.
    con.execute("DELETE FROM _cand WHERE (a, b) IN (SELECT a, b FROM core.dup_edges WHERE kind = 'dup')")
    _pair_sides(con, "_cand", "_cand_sides")
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _cand_ok AS SELECT a, b, owner FROM _cand_sides
        WHERE x_mode = y_mode AND x_mode <> 'short' AND {_compatible('x_', 'y_')}
          -- the same text is grouped by its key in _regroup, unless its titles carry other numbers
          AND (x_body_key <> y_body_key OR x_title_numbers <> y_title_numbers)""")
    # The MinHash lists are read here, not carried by _pair_sides: copying two 60-bin lists per candidate
    # into temp tables cost more than comparing them. Key joins only, so the planner keeps pairs first.
    con.execute(f"""
        INSERT INTO core.dup_edges
        SELECT a, b, 'dup', sim, $load FROM (
          SELECT p.a, p.b, p.owner, {q.similarity('x.minhash', 'y.minhash')} AS sim FROM _cand_ok AS p
          JOIN core.dup_signatures AS x ON x.file_version_id = p.a
          JOIN core.dup_signatures AS y ON y.file_version_id = p.b)
        WHERE sim >= {THRESHOLD}
        QUALIFY row_number() OVER (PARTITION BY owner ORDER BY sim DESC, a, b) <= {MAX_LINKS}""", {"load": load_id})
    for table in ("_cand", "_cand_sides", "_cand_ok"):
        con.execute(f"DROP TABLE {table}")


# What the filters of both kinds of link read; not the MinHash lists (see _link_duplicates).
_SIDE = ("mode", "body_key", "language", "numbers", "title_numbers", "published_at", "seen_at")


def _pair_sides(con: Any, pairs: str, out: str) -> None:
    """Temp table `out`: the pairs (a, b, ...) of temp table `pairs` with each side's signature columns
    (x_*, y_*). One join per statement: the planner has no statistics on rows this transaction wrote and
    otherwise joined the two signature sides to each other first, on mode and language (a near cross join)."""
    cols = ", ".join(f"s.{c} AS x_{c}" for c in _SIDE)
    con.execute(f"CREATE OR REPLACE TEMP TABLE _side AS SELECT p.*, {cols} FROM {pairs} AS p "
                "JOIN core.dup_signatures AS s ON s.file_version_id = p.a")
    cols = ", ".join(f"s.{c} AS y_{c}" for c in _SIDE)
    con.execute(f"CREATE OR REPLACE TEMP TABLE {out} AS SELECT p.*, {cols} FROM _side AS p "
                "JOIN core.dup_signatures AS s ON s.file_version_id = p.b")
    con.execute("DROP TABLE _side")


def _compatible(x: str, y: str) -> str:
    """SQL: the pair may be near-duplicates: one language (or und) and not a template story pair."""
    return (f"CASE WHEN {x}language <> {y}language AND {x}language <> 'und' AND {y}language <> 'und' "
            f"THEN false ELSE NOT coalesce({_template_apart(x, y)}, false) END")


def _template_apart(x: str, y: str) -> str:
    """SQL: the pair is a site's daily template story (other numbers, another day), not a copy."""
    return (f"({x}numbers <> {y}numbers OR {x}title_numbers <> {y}title_numbers) AND CASE "
            f"WHEN {x}published_at IS NOT NULL AND {y}published_at IS NOT NULL "
            f"THEN abs(epoch({x}published_at) - epoch({y}published_at)) >= {TEMPLATE_HOURS * 3600} "
            f"ELSE {x}title_numbers <> {y}title_numbers AND len({x}title_numbers) > 0 "
            f"AND len({y}title_numbers) > 0 END")


def _caps(total: int) -> tuple[int, int]:
    """The most documents (distinct texts) a rare word and a rare name may be held by."""
    # A warehouse of under 10 distinct texts cannot tell a rare word from a common one: no word links
    # there (names, rarer by nature, keep a floor of 2).
    return min(DF_CAP, int(DF_SHARE * total)), min(DF_CAP, max(2, int(DF_SHARE * total)))


def _df_sql(where: str = "", terms: str = "core.story_terms") -> str:
    """SQL: (kind, term, df) for the terms of `terms` (rows as core.story_terms, aliased st) matching `where`.
    Copies of one text count once (their body_key): a wire story reprinted ten times is not common."""
    return f"""SELECT st.kind, st.term, count(DISTINCT s.body_key) AS df FROM {terms} AS st
               JOIN core.dup_signatures AS s USING (file_version_id) {where} GROUP BY ALL"""


def _store_terms(con: Any, full: bool) -> None:
    """Move the new versions' terms (temp table _terms) to core.story_terms, but those that cannot link: a
    term held by more than DF_CAP distinct texts, new and stored, links nothing (a rare term's cap is
    DF_CAP at most, whatever the warehouse's size). It is listed in core.story_common_terms instead and
    its stored occurrences go (at most DF_CAP texts' worth each: it was under the cap before). At 100k
    articles the common terms were ~95% of the rows, which every link chunk scanned and the checkpoint and
    the BI snapshot wrote. Held aside rather than inserted and deleted: after deleting 9.6 M rows inserted
    in the same transaction (a full run, or a first big load after a small one), the next statement ran out
    of memory. A listed term stays listed when deletions bring it back under the cap, until a full run
    counts again."""
    # A full run has stored nothing yet; an incremental one counts the stored occurrences of its terms too.
    held = "_terms" if full else ("(SELECT * FROM _terms UNION ALL SELECT * FROM core.story_terms "
                                  " WHERE (kind, term) IN (SELECT kind, term FROM _terms))")
    con.execute(f"CREATE OR REPLACE TEMP TABLE _common AS SELECT kind, term FROM ({_df_sql(terms=held)}) "
                f"WHERE df > {DF_CAP}")
    con.execute("INSERT INTO core.story_common_terms SELECT kind, term FROM _common")
    con.execute("DELETE FROM core.story_terms WHERE (kind, term) IN (SELECT kind, term FROM _common)")
    con.execute("INSERT INTO core.story_terms SELECT t.* FROM _terms AS t ANTI JOIN _common USING (kind, term)")
    con.execute("DROP TABLE _terms")
    con.execute("DROP TABLE _common")


def _document_frequencies(con: Any, out: str, total: int) -> str:
    """Temp table `out`: the document frequency of every rare term (2 to its kind's cap) of core.story_terms;
    returns its name. What _rare_terms would count for each chunk of a full run, counted once."""
    word_cap, name_cap = _caps(total)
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE {out} AS SELECT * FROM ({_df_sql()})
        WHERE df >= 2 AND df <= CASE WHEN kind = 'word' THEN {word_cap} ELSE {name_cap} END""")
    return out


def _rare_terms(con: Any, docs: str, out: str, total: int, df: str | None = None) -> None:
    """Temp table `out`: for each version in `docs` (a SELECT of file_version_id) and kind, its RARE_TERMS
    rarest terms held by 2 to DF_CAP (and DF_SHARE of the) current articles, with their idf: what links and
    weighs a story. `df`: a temp table of _document_frequencies, else the terms' frequencies are counted here."""
    word_cap, name_cap = _caps(total)
    counted = (f"df AS (SELECT * FROM {df})" if df is not None else
               f"df AS MATERIALIZED ({_df_sql('WHERE (st.kind, st.term) IN (SELECT kind, term FROM t)')})")
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE {out} AS
        WITH t AS MATERIALIZED (SELECT * FROM core.story_terms WHERE file_version_id IN ({docs})),
        {counted}
        SELECT t.file_version_id AS v, t.kind, t.term, t.seen_at, ln(({total} + 1) / df.df) AS idf
        FROM t JOIN df USING (kind, term)
        WHERE df.df >= 2 AND df.df <= CASE WHEN t.kind = 'word' THEN {word_cap} ELSE {name_cap} END
        QUALIFY row_number() OVER (PARTITION BY t.file_version_id, t.kind ORDER BY df.df, t.term) <= {RARE_TERMS}""")


def _link_stories(con: Any, load_id: str, total: int, df: str | None) -> None:
    """Story links of the new versions in _chunk: rare title and lead words shared within STORY_HOURS (same
    language), or rare name skeletons (across languages), scored by idf-weighted cosine over each side's
    RARE_TERMS rarest terms. Bounded: a new version meets at most RARE_TERMS * DF_CAP others. `total`: the
    distinct texts (body_key) of core.dup_signatures; `df`: see _rare_terms."""
    _rare_terms(con, "SELECT file_version_id FROM _chunk", "_rn", total, df)
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _hits AS
        SELECT least(r.v, m.file_version_id) AS a, greatest(r.v, m.file_version_id) AS b, r.kind,
               min(r.v) AS owner, sum(r.idf) AS shared, count(*) AS terms
        FROM _rn AS r JOIN core.story_terms AS m USING (kind, term)
        WHERE m.file_version_id <> r.v AND abs(epoch(m.seen_at) - epoch(r.seen_at)) <= {STORY_HOURS * 3600}
          AND (m.file_version_id NOT IN (SELECT file_version_id FROM _new) OR r.v < m.file_version_id)
        GROUP BY ALL""")
    _pair_sides(con, "_hits", "_hit_sides")
    # Same language for words, different languages for names; never a template story pair.
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _shared AS
        SELECT a, b, kind, owner, shared FROM _hit_sides
        WHERE terms >= CASE WHEN kind = 'word' THEN {MIN_SHARED} ELSE {MIN_SHARED_NAMES} END
          AND CASE WHEN kind = 'word' THEN x_language = y_language OR x_language = 'und' OR y_language = 'und'
                   ELSE x_language <> y_language AND x_language <> 'und' AND y_language <> 'und' END
          AND NOT coalesce({_template_apart('x_', 'y_')}, false)""")
    _rare_terms(con, "SELECT a FROM _shared UNION SELECT b FROM _shared", "_rw", total, df)
    con.execute("CREATE OR REPLACE TEMP TABLE _weight AS SELECT v, kind, sum(idf) AS w FROM _rw GROUP BY ALL")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _wa AS
        SELECT s.*, w.w AS wa FROM _shared AS s JOIN _weight AS w ON w.v = s.a AND w.kind = s.kind""")
    con.execute(f"""
        INSERT INTO core.dup_edges
        SELECT a, b, CASE WHEN kind = 'word' THEN 'story' ELSE 'story_name' END, score, $load FROM (
          -- Names: the share of the smaller side's rare names (an English article names few things; a
          -- Hindi one offers every word as a name).
          SELECT s.a, s.b, s.kind, s.owner,
                 CASE WHEN s.kind = 'word' THEN s.shared / sqrt(s.wa * w.w) ELSE s.shared / least(s.wa, w.w) END
                   AS score
          FROM _wa AS s JOIN _weight AS w ON w.v = s.b AND w.kind = s.kind)
        WHERE score >= CASE WHEN kind = 'word' THEN {STORY_MIN} ELSE {STORY_NAME_MIN} END
        QUALIFY row_number() OVER (PARTITION BY owner, kind ORDER BY score DESC, a, b) <= {MAX_LINKS}""",
                {"load": load_id})
    for table in ("_rn", "_hits", "_hit_sides", "_shared", "_rw", "_weight", "_wa"):
        con.execute(f"DROP TABLE {table}")


class _Union:
    def __init__(self, items: Iterable[str]) -> None:
        self.parent = {i: i for i in items}

    def find(self, i: str) -> str:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def union(self, a: str, b: str) -> None:
        if a in self.parent and b in self.parent:
            ra, rb = self.find(a), self.find(b)
            if ra != rb:
                self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> list[list[str]]:
        out: dict[str, list[str]] = {}
        for i in self.parent:
            out.setdefault(self.find(i), []).append(i)
        return list(out.values())


def assign_ids(components: list[list[str]], previous: dict[str, str], order: dict[str, tuple[Any, ...]],
               prefix: str) -> dict[str, str]:
    """An id per member: each component (earliest first) keeps the previous id its earliest member held,
    unless an earlier component took it; otherwise a new id derived from its earliest member."""
    ranked = sorted((sorted(c, key=order.__getitem__) for c in components), key=lambda c: order[c[0]])
    used: set[str] = set()
    ids: dict[str, str] = {}
    for members in ranked:
        chosen = next((previous[m] for m in members if m in previous and previous[m] not in used), None)
        if chosen is None:
            chosen = prefix + hashlib.sha256(members[0].encode()).hexdigest()[:15]
        used.add(chosen)
        ids.update(dict.fromkeys(members, chosen))
    return ids


_ASSIGNED = {"file_version_id": pl.String, "dup_group_id": pl.String, "story_id": pl.String}


def _regroup(con: Any, load_id: str) -> int:
    """Recompute the groups and stories that the new, changed and gone versions touch; return rows written."""
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _seeds AS
        SELECT file_version_id FROM _new UNION SELECT file_version_id FROM _gone
        UNION SELECT a FROM core.dup_edges WHERE b IN (SELECT file_version_id FROM _new)
        UNION SELECT b FROM core.dup_edges WHERE a IN (SELECT file_version_id FROM _new)""")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _dgroups AS SELECT DISTINCT dup_group_id FROM core.dup_members
        WHERE file_version_id IN (SELECT file_version_id FROM _seeds)""")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _stories AS SELECT DISTINCT story_id FROM core.dup_members
        WHERE file_version_id IN (SELECT file_version_id FROM _seeds)
           OR dup_group_id IN (SELECT dup_group_id FROM _dgroups)""")
    con.execute("DELETE FROM core.dup_members WHERE file_version_id IN (SELECT file_version_id FROM _gone)")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _members AS
        SELECT s.file_version_id, m.dup_group_id, m.story_id, s.mode, hash(s.body_key, s.title_numbers), s.loaded_at,
               m.dup_group_id IN (SELECT dup_group_id FROM _dgroups) OR m.file_version_id IS NULL AS regroup
        FROM core.dup_signatures AS s LEFT JOIN core.dup_members AS m USING (file_version_id)
        WHERE s.file_version_id IN (SELECT file_version_id FROM _new)
           OR m.story_id IN (SELECT story_id FROM _stories)""")
    rows = con.execute("SELECT * FROM _members").fetchall()
    members = [r[0] for r in rows]
    order = {r[0]: (r[5], r[0]) for r in rows}
    regroup = {r[0] for r in rows if r[6]}
    edges = con.execute("SELECT a, b, kind FROM core.dup_edges WHERE a IN (SELECT file_version_id FROM _members) "
                        "AND b IN (SELECT file_version_id FROM _members)").fetchall()
    dups = _Union(regroup)
    by_key: dict[int, str] = {}  # the same text under titles with the same numbers: one group, no links needed
    for fv, _, _, mode, key, _, again in rows:
        if again and mode != "short":
            dups.union(fv, by_key.setdefault(key, fv))
    for a, b, kind in edges:
        if kind == "dup":
            dups.union(a, b)
    group_of = assign_ids(dups.groups(), {r[0]: r[1] for r in rows if r[6] and r[1]}, order, "g")
    group_of.update({r[0]: r[1] for r in rows if not r[6]})
    stories = _Union(members)
    first_in_group: dict[str, str] = {}
    for fv in members:
        stories.union(fv, first_in_group.setdefault(group_of[fv], fv))
    for a, b, _ in edges:
        stories.union(a, b)
    story_of = assign_ids(stories.groups(), {r[0]: r[2] for r in rows if r[2]}, order, "s")
    con.execute("DELETE FROM core.dup_members WHERE file_version_id IN (SELECT file_version_id FROM _members)")
    con.execute("CREATE OR REPLACE TEMP TABLE _assigned (file_version_id VARCHAR, dup_group_id VARCHAR, "
                "story_id VARCHAR)")
    if members:  # one frame: executemany inserts row by row (~30 s of a full run over 100,000 versions)
        con.from_arrow(pl.DataFrame({"file_version_id": members, "dup_group_id": [group_of[m] for m in members],
                                     "story_id": [story_of[m] for m in members]}, schema=_ASSIGNED)
                       ).insert_into("_assigned")
    # The canonical article: earliest published, else first loaded; similarity to it from the signatures.
    written = con.execute(f"""
        INSERT INTO core.dup_members
        WITH s AS (SELECT n.*, g.body_key, g.minhash, g.mode, g.published_at, g.loaded_at,
                          row_number() OVER (PARTITION BY n.dup_group_id
                                             ORDER BY g.published_at NULLS LAST, g.loaded_at, n.file_version_id) = 1
                            AS canonical
                   FROM _assigned AS n JOIN core.dup_signatures AS g USING (file_version_id)),
        c AS (SELECT dup_group_id, body_key, minhash FROM s WHERE canonical)
        SELECT s.file_version_id, s.dup_group_id, s.canonical,
               CASE WHEN s.canonical OR s.body_key = c.body_key OR s.minhash IS NULL OR c.minhash IS NULL THEN 1.0
                    ELSE {q.similarity('s.minhash', 'c.minhash')} END,
               s.story_id, $load
        FROM s JOIN c USING (dup_group_id)
        RETURNING 1""", {"load": load_id}).fetchall()
    for table in ("_seeds", "_dgroups", "_stories", "_members", "_assigned"):
        con.execute(f"DROP TABLE {table}")
    return len(written)
