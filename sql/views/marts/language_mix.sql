-- Code-mixing per article: how much of the text is in Latin script when the main script is not.
-- grain: one row per current article
-- @column article_id: Id of the article.
-- @column path: File path relative to the raw folder.
-- @column title: Title.
-- @column language: ISO 639-1 code of the body, or und.
-- @column script: Dominant script of the body's letters.
-- @column code_mix_share: Share of Latin letters when the dominant script is not Latin, 0 to 1.
-- @column mix_band: none (< 5%), light (< 15%), moderate (< 30%) or heavy (>= 30%).
-- @column script_shares: JSON object: share of letters per script.
-- @column letters: Letters in the body.
-- @column blocks_in_other_language: Body and heading blocks whose language differs from the article's.
SELECT
    CAST(a.article_id AS VARCHAR) AS article_id,
    CAST(a.path AS VARCHAR) AS path,
    CAST(a.title AS VARCHAR) AS title,
    CAST(a.language AS VARCHAR) AS language,
    CAST(a.script AS VARCHAR) AS script,
    CAST(a.code_mix_share AS DOUBLE) AS code_mix_share,
    CAST(CASE
        WHEN a.code_mix_share < 0.05 THEN 'none'
        WHEN a.code_mix_share < 0.15 THEN 'light'
        WHEN a.code_mix_share < 0.30 THEN 'moderate'
        ELSE 'heavy' END AS VARCHAR) AS mix_band,
    CAST(a.script_shares AS VARCHAR) AS script_shares,
    CAST(a.letters AS INTEGER) AS letters,
    CAST(coalesce(o.n, 0) AS INTEGER) AS blocks_in_other_language
FROM staging.articles AS a
LEFT JOIN (
    SELECT b.file_version_id, count(*) AS n
    FROM staging.blocks AS b
    JOIN staging.articles AS x USING (file_version_id)
    WHERE b.kind IN ('body', 'heading') AND b.language <> 'und' AND b.language <> x.language
    GROUP BY 1
) AS o USING (file_version_id)
