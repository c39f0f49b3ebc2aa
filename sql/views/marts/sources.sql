-- Current articles per source and language, kept by the `sources` corpus stage. A source is the
-- first folder under the raw folder ('(root)' for files at its top).
-- grain: one row per (source, language) with at least one current article
-- @column source: First folder under the raw folder, or (root).
-- @column language: ISO 639-1 code, or und.
-- @column articles: Current articles of this source in this language.
-- @column words: Sum of their body words.
-- @column share_of_source: Share of the source's current articles in this language, 0 to 1.
-- @column first_loaded_at: When the earliest of them was loaded (UTC).
-- @column last_loaded_at: When the latest of them was loaded (UTC).
SELECT
    CAST(source AS VARCHAR) AS source,
    CAST(language AS VARCHAR) AS language,
    CAST(articles AS BIGINT) AS articles,
    CAST(words AS BIGINT) AS words,
    CAST(articles / sum(articles) OVER (PARTITION BY source) AS DOUBLE) AS share_of_source,
    CAST(first_loaded_at AS TIMESTAMP) AS first_loaded_at,
    CAST(last_loaded_at AS TIMESTAMP) AS last_loaded_at
FROM core.source_counts
