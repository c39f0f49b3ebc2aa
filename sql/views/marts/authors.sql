-- People named in bylines and header stamps, with how much they wrote and where.
-- grain: one row per author name (as printed, honorific dropped) of at least one current article
-- @column author: The name as printed in the byline.
-- @column articles: Current articles that name this author.
-- @column sources: Distinct sources those articles come from.
-- @column source_names: Those sources, in name order.
-- @column wire_articles: Of them, articles that also credit an agency.
-- @column first_seen: Earliest publication time (UTC) of those articles, or load time when none has one.
-- @column last_seen: Latest publication time (UTC) of those articles, or load time when none has one.
SELECT
    CAST(author AS VARCHAR) AS author,
    CAST(count(*) AS BIGINT) AS articles,
    CAST(count(DISTINCT source) AS BIGINT) AS sources,
    CAST(list(DISTINCT source ORDER BY source) AS VARCHAR[]) AS source_names,
    CAST(count(*) FILTER (WHERE is_wire) AS BIGINT) AS wire_articles,
    CAST(min(coalesce(published_at, loaded_at)) AS TIMESTAMP) AS first_seen,
    CAST(max(coalesce(published_at, loaded_at)) AS TIMESTAMP) AS last_seen
FROM (SELECT unnest(authors) AS author, source, is_wire, published_at, loaded_at FROM staging.articles)
GROUP BY author
