-- Articles whose language call deserves a human look: low confidence, short text, or und.
-- grain: one row per current article that needs review
-- @column article_id: Id of the article.
-- @column path: File path relative to the raw folder.
-- @column title: Title.
-- @column language: ISO 639-1 code the detector chose, or und.
-- @column language_probability: Detector confidence, 0 to 1.
-- @column language_method: script, langdetect, second_opinion or too_short.
-- @column language_reason: Why it needs review.
-- @column script: Dominant script of the body's letters.
-- @column letters: Letters in the body.
SELECT
    CAST(article_id AS VARCHAR) AS article_id,
    CAST(path AS VARCHAR) AS path,
    CAST(title AS VARCHAR) AS title,
    CAST(language AS VARCHAR) AS language,
    CAST(language_probability AS DOUBLE) AS language_probability,
    CAST(language_method AS VARCHAR) AS language_method,
    CAST(language_reason AS VARCHAR) AS language_reason,
    CAST(script AS VARCHAR) AS script,
    CAST(letters AS INTEGER) AS letters
FROM staging.articles
WHERE language_needs_review OR language = 'und'
