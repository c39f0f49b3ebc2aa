-- The sources stage's incremental counts equal a full recount of the current articles.
WITH recount AS (
    SELECT source, language, count(*) AS articles, sum(words) AS words FROM staging.articles GROUP BY ALL
)
SELECT coalesce(r.source, s.source) AS source, coalesce(r.language, s.language) AS language,
       r.articles AS expected, s.articles AS stored
FROM recount AS r
FULL OUTER JOIN core.source_counts AS s ON s.source = r.source AND s.language = r.language
WHERE r.articles IS DISTINCT FROM s.articles OR r.words IS DISTINCT FROM s.words
