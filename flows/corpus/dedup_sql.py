"""SQL the `dedup` stage runs: tokens, MinHash signatures, LSH bands, story terms, candidate pairs.

Hashing happens in DuckDB (vectorised, on every core) rather than in Python: the stage runs on every
load, and a Python loop over 100,000 bodies' shingles cost more than the whole stage may.

Tokens: NFC, lower case, zero-width joiners and soft hyphens removed, then runs of letters, marks and
digits (`[\\p{L}\\p{M}\\p{N}]+`), so a Devanagari word keeps its vowel signs, virama and nukta (Python's
`\\w` splits a word at each of them). A text the tokenizer does not split into words (a script written
without spaces, or characters no Unicode category calls a letter) is compared by 5-character shingles.
MinHash is one-permutation hashing: a shingle's 64-bit hash picks a bin (low bits) and competes for the
bin's minimum (high 32 bits); an empty bin stays NULL and counts for neither side.
"""

from __future__ import annotations

K = 60  # MinHash bins
ROWS = 3  # bins per LSH band: 20 bands; a pair at Jaccard 0.5 shares a band with p = 0.93, at 0.3 p = 0.42
SHINGLE = 3  # words per shingle
CHAR_SHINGLE = 5
MIN_WORDS = 50  # shorter texts are never grouped with another
MIN_CHARS = 250  # the same for texts compared by characters (~50 words of text)
BUCKET_CAP = 20  # members of one LSH bucket a new version is compared with: keeps 10,000 copies linear
LEAD_TOKENS = 100  # words of the body's start that story linking reads (with the title)

# The article's text: the standfirst (the parser may take a first paragraph for one) and the body, which
# holds no furniture the parser recognised or the furniture stage learned.
TEXT = "concat_ws(chr(10), a.standfirst, a.body)"
TOKEN_RE = r"[\p{L}\p{M}\p{N}]+"
_INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"  # zero-width space and joiners, word joiner, BOM, soft hyphen

# Devanagari letters to the Latin consonant each is written with in English (vowels, signs, virama and
# nukta dropped; a nukta letter decomposes under NFC so ज़ reads j like ज). Latin: c q x→k, z→j, w→v,
# f→p, vowels, h and y dropped; a repeated consonant counts once. 'पुतिन' and 'Putin' both become 'ptn'.
_FROM = "कखगघङचछजझञटठडढणतथदधनपफबभमयरलवशषसहंँcqzwfx"
_TO = "kkggnccjjnttddnttddnppbbmyrlvssshnnkkjvpk"


def normalised(expr: str) -> str:
    # No nfc_normalize: the stored title, standfirst and body are NFC already (the parser normalises
    # every line, flows/steps/normalize.py normalize_line; tests/corpus/test_dedup.py checks stored text).
    # The invisible characters go by plain replace(), cheaper than a regular expression's scan.
    out = f"lower({expr})"
    for char in _INVISIBLE_CHARS:
        out = f"replace({out}, chr({ord(char)}), '')"
    return out


_RE2_SPACE = " \t\n\f\r"  # RE2's \s


def _without_whitespace(expr: str) -> str:
    r"""SQL: expr without RE2's \s characters, by plain replace() (a regular expression scan costs more)."""
    for char in _RE2_SPACE:
        expr = f"replace({expr}, chr({ord(char)}), '')"
    return expr


def tokens(expr: str) -> str:
    return f"regexp_extract_all({normalised(expr)}, '{TOKEN_RE}')"


def skeletons(tokens: str) -> str:
    """SQL: (token, sk), the consonant skeleton of each Devanagari or Latin token of the relation `tokens`
    (a column `token`)."""
    s = f"regexp_replace(translate(token, '{_FROM}', '{_TO}'), '[^a-z]|[aeiouhy]', '', 'g')"
    # The letters are split once per token (a lambda that split them again would do so for every letter).
    return (f"SELECT token, array_to_string(list_filter(cs, lambda c, i: i = 1 OR c <> cs[i - 1]), '') AS sk "
            f"FROM (SELECT token, string_split({s}, '') AS cs FROM {tokens})")


_SPACE = " || ".join(f"chr({ord(char)})" for char in _RE2_SPACE)


def _names(expr: str) -> str:
    """SQL: the distinct capitalised Latin words (3+ letters, lower-cased) of `expr` that follow whitespace
    and do not start a sentence (sentences end at [.!?।]; a first word is capitalised whatever it is)."""
    # One scan: a match that starts at a sentence end holds the sentence's first word and is dropped.
    return (f"list_distinct(list_transform(list_filter(regexp_extract_all(ltrim({expr}, {_SPACE}), "
            f"'[.!?।]?\\s+[A-Z][A-Za-z]{{2,}}'), lambda x: NOT regexp_matches(x, '^[.!?।]')), "
            f"lambda x: lower(ltrim(x, {_SPACE}))))")


def docs_sql(versions: str) -> str:
    """One row per version in `versions` (a SELECT of file_version_id): its tokens, mode and fields; `flat`
    (the normalised text without whitespace) for 'chars'-mode versions only, NULL for the others."""
    # The text is normalised once; the mode needs only the length of its flat form: its characters but
    # the whitespace ones (RE2's \s: \t \n \f \r and space, one byte each, so counted by bytes).
    return f"""
        WITH n AS (
          SELECT a.file_version_id, a.language, a.published_at, a.loaded_at,
                 coalesce(a.published_at, a.loaded_at) AS seen_at,
                 {normalised(TEXT)} AS text,
                 {tokens("coalesce(a.title, '')")} AS title_tokens,
                 {_names(f"concat_ws('. ', a.title, left({TEXT}, 2000))")} AS names
          FROM core.articles AS a WHERE a.file_version_id IN ({versions})),
        t AS (
          SELECT *, regexp_extract_all(text, '{TOKEN_RE}') AS tokens,
                 length(text) - strlen(text) + strlen({_without_whitespace("text")}) AS flat_length
          FROM n),
        m AS (
          SELECT *, CASE
              WHEN tokened >= 0.5 * flat_length AND tokened <= 15 * len(tokens)
                THEN CASE WHEN len(tokens) >= {MIN_WORDS} THEN 'words' ELSE 'short' END
              WHEN flat_length >= {MIN_CHARS} THEN 'chars' ELSE 'short' END AS mode
          FROM (SELECT *, length(array_to_string(tokens, '')) AS tokened FROM t))
        SELECT * EXCLUDE (text, flat_length, tokened),
               CASE WHEN mode = 'chars' THEN regexp_replace(text, '\\s+', '', 'g') END AS flat
        FROM m"""


def signatures_sql() -> str:
    """Signatures of the rows of temp table _docs (docs_sql), as rows of core.dup_signatures."""
    return f"""
        WITH sh AS (
          SELECT file_version_id, unnest(CASE mode
              WHEN 'words' THEN list_transform(range(1, len(tokens) - {SHINGLE - 2}),
                                               lambda i: hash(tokens[i], tokens[i + 1], tokens[i + 2]))
              ELSE list_transform(range(1, length(flat) - {CHAR_SHINGLE - 2}),
                                  lambda i: hash(substr(flat, i, {CHAR_SHINGLE}))) END) AS h
          FROM _docs WHERE mode <> 'short'),
        bins AS (SELECT file_version_id, (h % {K})::INTEGER AS bin, min((h >> 32)::UINTEGER) AS m
                 FROM sh GROUP BY ALL),
        filled AS (SELECT file_version_id, list(bin ORDER BY bin) AS bs, list(m ORDER BY bin) AS ms
                   FROM bins GROUP BY ALL),
        -- Most texts fill all K bins; one with fewer shingles gets a NULL for each empty bin.
        grid AS (SELECT d.file_version_id,
                        CASE WHEN len(f.bs) = {K} THEN f.ms
                             ELSE list_transform(range({K}), lambda g: f.ms[list_position(f.bs, g::INTEGER)]) END
                          AS minhash
                 FROM (SELECT file_version_id FROM _docs WHERE mode <> 'short') AS d
                 LEFT JOIN filled AS f USING (file_version_id))
        SELECT d.file_version_id, d.mode,
               (CASE WHEN d.mode = 'chars' THEN length(d.flat) ELSE len(d.tokens) END)::INTEGER,
               CASE WHEN d.mode = 'chars' THEN hash(d.flat) ELSE hash(d.tokens) END,
               g.minhash,
               list_sort(list_distinct(list_filter(d.tokens, lambda x: regexp_matches(x, '\\p{{N}}')))),
               list_sort(list_distinct(list_filter(d.title_tokens, lambda x: regexp_matches(x, '\\p{{N}}')))),
               d.language, d.published_at, coalesce(d.published_at, d.loaded_at), d.loaded_at
        FROM _docs AS d LEFT JOIN grid AS g USING (file_version_id)"""


def bands_sql() -> str:
    """LSH band keys of the signatures of the versions in temp table _new; a band of empty bins has none."""
    return f"""
        SELECT s.file_version_id, b.band::SMALLINT,
               hash(b.band, s.minhash[b.band * {ROWS} + 1], s.minhash[b.band * {ROWS} + 2],
                    s.minhash[b.band * {ROWS} + 3])
        FROM core.dup_signatures AS s CROSS JOIN range({K // ROWS}) AS b(band)
        WHERE s.file_version_id IN (SELECT file_version_id FROM _new) AND s.minhash IS NOT NULL
          AND NOT (s.minhash[b.band * {ROWS} + 1] IS NULL AND s.minhash[b.band * {ROWS} + 2] IS NULL
                   AND s.minhash[b.band * {ROWS} + 3] IS NULL)"""


def story_terms_sql() -> str:
    """Title and lead words (3+ characters, not numbers) of the rows of _docs, and their names' skeletons
    (computed once per distinct word)."""
    return f"""
        WITH w AS (
          SELECT file_version_id, x AS token, bool_or(in_title) AS in_title, any_value(seen_at) AS seen_at FROM (
            SELECT file_version_id, unnest(title_tokens) AS x, true AS in_title, seen_at FROM _docs
            UNION ALL
            SELECT file_version_id, unnest(tokens[1:{LEAD_TOKENS}]), false, seen_at FROM _docs)
          WHERE length(x) >= 3 AND NOT regexp_matches(x, '^\\p{{N}}+$')
          GROUP BY ALL),
        -- Names to compare across scripts: Devanagari words, and Latin words written with a capital
        -- inside a sentence (a sentence's first word is capitalised whatever it is).
        nm AS (SELECT file_version_id, token, in_title, seen_at FROM w
               WHERE regexp_matches(token, '^[\\x{{0900}}-\\x{{097F}}]+$')
               UNION ALL
               SELECT w.file_version_id, w.token, w.in_title, w.seen_at
               FROM w JOIN (SELECT file_version_id, unnest(names) AS token FROM _docs) USING (file_version_id, token)),
        sk AS MATERIALIZED ({skeletons('(SELECT DISTINCT token FROM nm)')})
        SELECT file_version_id, 'word' AS kind, hash(token) AS term, in_title, seen_at FROM w
        UNION ALL
        SELECT file_version_id, 'name', hash(sk.sk), bool_or(in_title), any_value(seen_at)
        FROM nm JOIN sk USING (token) WHERE length(sk.sk) >= 3 GROUP BY file_version_id, sk.sk"""


def similarity(a: str, b: str) -> str:
    """Estimated Jaccard of two MinHash lists: equal bins over bins not empty in both."""
    both_empty = f"len(list_filter(range(1, {K + 1}), lambda i: {a}[i] IS NULL AND {b}[i] IS NULL))"
    equal = f"len(list_filter(range(1, {K + 1}), lambda i: {a}[i] = {b}[i]))"
    return f"CASE WHEN {both_empty} = {K} THEN 0.0 ELSE {equal} / ({K} - {both_empty}) END"
