-- Articles and words per day and language. The day is the UTC publication date; articles whose
-- text gives no full date, or an implausible one (published_at_dropped), count under the UTC date
-- they were loaded (day_basis says which), so one bad date never stretches a chart's axis.
-- grain: one row per (day, language, day_basis)
-- @column day: UTC date.
-- @column language: ISO 639-1 code, or und.
-- @column day_basis: published (from the article's own timestamp) or loaded (no plausible timestamp in the text).
-- @column articles: Number of current articles.
-- @column words: Sum of body words of those articles.
-- @column stories: Distinct stories among those articles (the dedup stage's story_id; an article it has not grouped counts as its own).
SELECT
    CAST(coalesce(CAST(published_at AS DATE), CAST(loaded_at AS DATE)) AS DATE) AS day,
    CAST(language AS VARCHAR) AS language,
    CAST(CASE WHEN published_at IS NULL THEN 'loaded' ELSE 'published' END AS VARCHAR) AS day_basis,
    CAST(count(*) AS BIGINT) AS articles,
    CAST(sum(words) AS BIGINT) AS words,
    CAST(count(DISTINCT coalesce(d.story_id, file_version_id)) AS BIGINT) AS stories
FROM staging.articles
LEFT JOIN (SELECT file_version_id, story_id FROM core.dup_members) AS d USING (file_version_id)
GROUP BY ALL
