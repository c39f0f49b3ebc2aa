-- The search stage no longer deletes postings one article at a time. At 100k articles a version's
-- postings lie in almost every one of core.search_postings' ~3,600 row groups (they are in term order),
-- so deleting even 100 versions' postings touched them all and ran out of the stages' memory (~600 MiB).
-- A version that leaves the index now leaves only core.search_docs: its postings stay, stale, and match
-- nothing (every read joins search_docs), until the stage next rewrites the table in term order.

-- Postings left behind by versions that left the index since the table was last rewritten.
ALTER TABLE core.search_state ADD COLUMN stale BIGINT DEFAULT 0;

-- core.search_rank as in 008, but it reads the query terms' postings of indexed versions once (`live`),
-- and a term's document frequency counts those only. One join with search_docs instead of two: on the
-- 100k benchmark's queries, with the same results, ~10% faster than 008's.
CREATE OR REPLACE MACRO core.search_rank(qterms) AS TABLE
    WITH q AS (SELECT unnest(qterms, recursive := true)),
    stats AS (SELECT greatest(count(*), 1)::DOUBLE AS n, greatest(avg(terms), 1)::DOUBLE AS avgdl
              FROM core.search_docs),
    live AS (SELECT p.term_id, p.doc_id, p.tf, d.terms
             FROM core.search_postings AS p JOIN core.search_docs AS d ON d.doc_id = p.doc_id
             WHERE p.term_id IN (SELECT term_id FROM q)),
    df AS (SELECT term_id, count(*)::DOUBLE AS df FROM live GROUP BY term_id),
    hits AS (
        SELECT q.qw, l.doc_id,
               max(q.weight * ln(1 + (s.n - df.df + 0.5) / (df.df + 0.5))
                   * l.tf * 2.2 / (l.tf + 1.2 * (0.25 + 0.75 * l.terms / s.avgdl))) AS part
        FROM q
        JOIN live AS l ON l.term_id = q.term_id
        JOIN df ON df.term_id = q.term_id
        CROSS JOIN stats AS s
        GROUP BY q.qw, l.doc_id)
    SELECT doc_id, sum(part)::DOUBLE AS score, count(*)::INTEGER AS words_matched
    FROM hits GROUP BY doc_id;
