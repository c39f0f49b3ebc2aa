-- Captions of current articles: kept out of the body (core.blocks, kind caption), with their credit, and
-- photos printed with a credit line and no caption.
-- grain: one row per caption block, or credited photo without one, of a current article
-- @column article_id: Id of the article (its path).
-- @column file_version_id: Id of the current version.
-- @column source: First folder of the path, or (root).
-- @column ordinal: Position of the caption among the article's captions, from 1.
-- @column line_no: 1-based line number in the decoded file.
-- @column caption: The caption's text, NFC, whitespace collapsed; NULL for a photo printed with a credit and no caption.
-- @column credit: Its credit, normalised: an agency code (pti, ap ...), a photo agency code (getty, epa ...), file photo, or the credit as printed; NULL when it names none.
SELECT
    CAST(a.article_id AS VARCHAR) AS article_id,
    CAST(c.file_version_id AS VARCHAR) AS file_version_id,
    CAST(a.source AS VARCHAR) AS source,
    CAST(c.ordinal AS INTEGER) AS ordinal,
    CAST(c.line_no AS INTEGER) AS line_no,
    CAST(c.text AS VARCHAR) AS caption,
    CAST(c.credit AS VARCHAR) AS credit
FROM core.captions AS c
JOIN staging.articles AS a USING (file_version_id)
