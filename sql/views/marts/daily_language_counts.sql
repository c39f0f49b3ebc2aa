-- Articles and words per day and language. The day is the UTC publication date; articles whose
-- text gives no full date, or an implausible one (published_at_dropped), count under the UTC date
-- they were loaded (day_basis says which), so one bad date never stretches a chart's axis.
-- grain: one row per (day, language, day_basis)
-- @column day: UTC date.
-- @column language: ISO 639-1 code, or und.
-- @column day_basis: published (from the article's own timestamp) or loaded (no plausible timestamp in the text).
-- @column articles: Number of current articles.
-- @column words: Sum of body words of those articles.
SELECT
    CAST(coalesce(CAST(published_at AS DATE), CAST(loaded_at AS DATE)) AS DATE) AS day,
    CAST(language AS VARCHAR) AS language,
    CAST(CASE WHEN published_at IS NULL THEN 'loaded' ELSE 'published' END AS VARCHAR) AS day_basis,
    CAST(count(*) AS BIGINT) AS articles,
    CAST(sum(words) AS BIGINT) AS words
FROM staging.articles
GROUP BY ALL
