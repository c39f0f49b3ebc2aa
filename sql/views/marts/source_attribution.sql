-- Staff-written and wire copy per source and publication day: how much of a source's output is
-- agency copy, and whose. Credits are read by position only (flows/steps/provenance.py).
-- grain: one row per (source, published_date) with at least one current article; published_date NULL for articles without a publication time
-- @column source: First folder of the path, or (root).
-- @column published_date: UTC date of publication; NULL for articles without a publication time.
-- @column articles: Current articles.
-- @column staff_written: Articles that credit no agency.
-- @column wire: Articles that credit an agency.
-- @column wire_by_agency: Wire articles per agency code.
-- @column wire_share: wire / articles, 0 to 1.
-- @column with_author: Articles whose byline names at least one person.
SELECT
    CAST(source AS VARCHAR) AS source,
    CAST(published_date AS DATE) AS published_date,
    CAST(sum(n) AS BIGINT) AS articles,
    CAST(coalesce(sum(n) FILTER (WHERE agency IS NULL), 0) AS BIGINT) AS staff_written,
    CAST(coalesce(sum(n) FILTER (WHERE agency IS NOT NULL), 0) AS BIGINT) AS wire,
    CAST(coalesce(map_from_entries(list((agency, n) ORDER BY agency) FILTER (WHERE agency IS NOT NULL)), MAP {})
         AS MAP(VARCHAR, BIGINT)) AS wire_by_agency,
    CAST(coalesce(sum(n) FILTER (WHERE agency IS NOT NULL), 0) / sum(n) AS DOUBLE) AS wire_share,
    CAST(sum(with_author) AS BIGINT) AS with_author
FROM (
    SELECT source, CAST(published_at AS DATE) AS published_date, agency, count(*) AS n, count(*) FILTER (WHERE len(authors) > 0) AS with_author
    FROM staging.articles
    GROUP BY ALL
)
GROUP BY source, published_date
