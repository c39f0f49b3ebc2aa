-- Ranked full-text search: a BM25 index over title, standfirst and body, written by the `search` corpus
-- stage (flows/corpus/search.py) and read with plain SQL (no extension), so the published snapshot
-- carries it to any DuckDB >= 1.4 reader. Words are analysed by flows/steps/tokens.py.

-- One row per current article version in the index.
CREATE TABLE core.search_docs (
    doc_id           INTEGER NOT NULL,          -- the postings' short key for the version
    file_version_id  VARCHAR NOT NULL,
    terms            INTEGER NOT NULL           -- its length in weighted terms (a title word counts 3, standfirst 2)
);

-- One row per term ever indexed: a stem. A term whose postings are all gone stays (it matches nothing).
CREATE TABLE core.search_terms (
    term_id    INTEGER NOT NULL,
    term       VARCHAR NOT NULL
);

-- Each normalised word seen in an article of a language, with its term: SQL finds a term without a
-- stemmer, and the stage stems a word once per language.
CREATE TABLE core.search_forms (
    form       VARCHAR NOT NULL,
    language   VARCHAR NOT NULL,               -- core.articles.language of the articles it was seen in
    term_id    INTEGER,                        -- NULL: not indexed (a stopword, a one-letter word)
    sound_key  VARCHAR                         -- of the word as written (flows/steps/translit.py): shared by
                                               -- its Latin and Devanagari spellings
);

-- One row per (term, article version): the term's weighted count there. Kept in term order (mostly):
-- a query reads only the row groups of its terms.
CREATE TABLE core.search_postings (
    term_id  INTEGER NOT NULL,
    doc_id   INTEGER NOT NULL,
    tf       SMALLINT NOT NULL
);

-- One row: postings appended out of term order since the stage last wrote the table sorted, and those
-- it wrote sorted; past RESORT_SHARE (flows/corpus/search.py) appended, the stage re-sorts.
CREATE TABLE core.search_state (
    appended  BIGINT NOT NULL,
    sorted    BIGINT NOT NULL
);

CREATE SCHEMA IF NOT EXISTS marts;

-- A query's text normalised as flows.steps.tokens.normalise does: NFC, lower case, ZWNJ, ZWJ and soft
-- hyphens dropped, nuktas folded, chandrabindu to anusvara, a class nasal with virama before its class
-- to anusvara.
CREATE MACRO core.search_normalise(q) AS
    regexp_replace(
        replace(replace(replace(replace(
            regexp_replace(lower(nfc_normalize(q)), '[\x{200C}\x{200D}\x{AD}\x{93C}\x{9BC}\x{A3C}\x{ABC}\x{B3C}]', '', 'g'),
            chr(2305), chr(2306)), chr(2433), chr(2434)), chr(2561), chr(2562)), chr(2689), chr(2690)),
        'ङ्([क-घ])|ञ्([च-झ])|ण्([ट-ढ])|न्([त-ध])|म्([प-भ])', 'ं\1\2\3\4\5', 'g');

-- flows.steps.translit.latin_key: LATIN_RULES then COMMON_RULES, in order (tests hold the two equal).
CREATE MACRO core.search_latin_key(w) AS
    CASE WHEN regexp_full_match(w, '[a-z]+') THEN
        regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(w, 'ee', 'i', 'g'), 'oo', 'u', 'g'), 'w', 'v', 'g'), 'f', 'p', 'g'), 'z', 'j', 'g'), 'q', 'k', 'g'), 'x', 'ks', 'g'), 'ck', 'k', 'g'), 'c([^h]|$)', 'k\1', 'g'), 'h', '', 'g'), 'ng$', 'n', 'g'), 'n([bpm])', 'm\1', 'g'), 'aa', 'a', 'g'), 'ii', 'i', 'g'), 'uu', 'u', 'g'), 'bb', 'b', 'g'), 'cc', 'c', 'g'), 'dd', 'd', 'g'), 'gg', 'g', 'g'), 'jj', 'j', 'g'), 'kk', 'k', 'g'), 'll', 'l', 'g'), 'mm', 'm', 'g'), 'nn', 'n', 'g'), 'pp', 'p', 'g'), 'rr', 'r', 'g'), 'ss', 's', 'g'), 'tt', 't', 'g'), 'vv', 'v', 'g'), '([a-z]{2,})a$', '\1', 'g')
    END;

-- BM25 (k1 1.2, b 0.75) of every indexed article version for weighted query terms: a list of
-- {qw: query word, term_id, weight}. A version's score sums, over query words, the best of that word's
-- terms, so a word with many spellings counts once. Also called by `newsdw search` (flows/warehouse/search.py).
CREATE MACRO core.search_rank(qterms) AS TABLE
    WITH q AS (SELECT unnest(qterms, recursive := true)),
    stats AS (SELECT greatest(count(*), 1)::DOUBLE AS n, greatest(avg(terms), 1)::DOUBLE AS avgdl
              FROM core.search_docs),
    df AS (SELECT term_id, count(*)::DOUBLE AS df FROM core.search_postings
           WHERE term_id IN (SELECT term_id FROM q) GROUP BY term_id),
    hits AS (
        SELECT q.qw, p.doc_id,
               max(q.weight * ln(1 + (s.n - df.df + 0.5) / (df.df + 0.5))
                   * p.tf * 2.2 / (p.tf + 1.2 * (0.25 + 0.75 * d.terms / s.avgdl))) AS part
        FROM q
        JOIN core.search_postings AS p ON p.term_id = q.term_id
        JOIN df ON df.term_id = q.term_id
        JOIN core.search_docs AS d ON d.doc_id = p.doc_id
        CROSS JOIN stats AS s
        GROUP BY q.qw, p.doc_id)
    SELECT doc_id, sum(part)::DOUBLE AS score, count(*)::INTEGER AS words_matched
    FROM hits GROUP BY doc_id;

-- Ranked search in SQL, for BI tools: SELECT * FROM marts.search('किम जोंग उन') LIMIT 10.
-- One row per current article version matching a query word, best first. A query word matches the
-- terms of its own spelling (as found in the text) and, at half weight, terms with the same sound key
-- (Latin ↔ Devanagari, keys of 3 letters or more). `newsdw search` also stems spellings the text never
-- used and takes near sound keys; this macro does not.
CREATE MACRO marts.search(q) AS TABLE
    WITH words AS (
        SELECT w, min(i)::INTEGER AS qw FROM (
            SELECT unnest(ws) AS w, generate_subscripts(ws, 1) AS i
            FROM (SELECT regexp_extract_all(core.search_normalise(left(coalesce(q, ''), 10000)),
                                            '[\p{L}\p{M}\p{N}]+') AS ws))
        WHERE length(w) <= 40
        GROUP BY w),
    exact AS (
        SELECT words.qw, f.term_id, 1.0::DOUBLE AS weight
        FROM words JOIN core.search_forms AS f ON f.form = words.w
        WHERE f.term_id IS NOT NULL),
    sounds AS (
        SELECT qw, core.search_latin_key(w) AS k FROM words
        UNION
        SELECT words.qw, f.sound_key FROM words JOIN core.search_forms AS f ON f.form = words.w),
    expanded AS (
        SELECT s.qw, f.term_id, 0.5::DOUBLE AS weight
        FROM sounds AS s JOIN core.search_forms AS f ON f.sound_key = s.k
        WHERE length(s.k) >= 3 AND f.term_id IS NOT NULL),
    qterms AS (
        SELECT qw, term_id, max(weight) AS weight
        FROM (SELECT * FROM exact UNION ALL SELECT * FROM expanded) GROUP BY qw, term_id)
    SELECT a.article_id, a.file_version_id, a.path, a.title, a.source, a.language,
           a.published_at, r.score, r.words_matched
    FROM core.search_rank((SELECT list({'qw': qw, 'term_id': term_id, 'weight': weight}) FROM qterms)) AS r
    JOIN core.search_docs AS d ON d.doc_id = r.doc_id
    JOIN core.articles AS a ON a.file_version_id = d.file_version_id
    ORDER BY r.score DESC, a.path;
