-- The blocks of each current article version.
-- grain: one row per (file_version_id, ordinal) of a current article
-- @column file_version_id: Id of the article version the block belongs to.
-- @column article_id: Id of the article (its path).
-- @column ordinal: Position of the block in the article, from 0.
-- @column line_no: 1-based line number in the decoded file.
-- @column kind: title, standfirst, metadata, body, heading, table_row, caption or boilerplate.
-- @column rule: The classification rule that decided the kind.
-- @column text: The block's text, NFC, whitespace collapsed.
-- @column language: ISO 639-1 code of the block's language, or und.
-- @column language_probability: Detector confidence, 0 to 1.
-- @column script: Dominant Unicode script of the block's letters.
-- @column chars: Characters in the block.
-- @column repeat_count: For a block learned page furniture decided (rule repeated): the distinct stories of its source it repeats in.
SELECT
    CAST(b.file_version_id AS VARCHAR) AS file_version_id,
    CAST(a.article_id AS VARCHAR) AS article_id,
    CAST(b.ordinal AS INTEGER) AS ordinal,
    CAST(b.line_no AS INTEGER) AS line_no,
    CAST(b.kind AS VARCHAR) AS kind,
    CAST(b.rule AS VARCHAR) AS rule,
    CAST(b.text AS VARCHAR) AS text,
    CAST(b.language AS VARCHAR) AS language,
    CAST(b.language_probability AS DOUBLE) AS language_probability,
    CAST(b.script AS VARCHAR) AS script,
    CAST(length(b.text) AS INTEGER) AS chars,
    CAST(b.repeat_count AS INTEGER) AS repeat_count
FROM core.blocks AS b
JOIN staging.articles AS a USING (file_version_id)
