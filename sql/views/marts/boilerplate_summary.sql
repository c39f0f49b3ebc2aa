-- Page furniture that was kept out of article bodies, by kind and by the rule that caught it.
-- grain: one row per (kind, rule) over current articles' non-body blocks
-- @column kind: boilerplate, metadata or caption.
-- @column rule: The classification rule that decided the kind.
-- @column blocks: Number of blocks.
-- @column articles: Number of articles with at least one such block.
-- @column chars: Characters removed from bodies.
-- @column example: One example text (the shortest).
SELECT
    CAST(kind AS VARCHAR) AS kind,
    CAST(rule AS VARCHAR) AS rule,
    CAST(count(*) AS BIGINT) AS blocks,
    CAST(count(DISTINCT file_version_id) AS BIGINT) AS articles,
    CAST(sum(chars) AS BIGINT) AS chars,
    CAST(arg_min(text, chars) AS VARCHAR) AS example
FROM staging.blocks
WHERE kind IN ('boilerplate', 'metadata', 'caption')
GROUP BY ALL
