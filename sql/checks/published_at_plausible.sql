-- Publication times fall between 1990 and a day after the load that read them; a dropped one leaves
-- published_at NULL, keeps the text it came from and names a known reason.
SELECT file_version_id, published_at, published_at_text, published_at_dropped, loaded_at
FROM core.articles
WHERE published_at < TIMESTAMP '1990-01-01'
   OR published_at > loaded_at + INTERVAL 1 DAY
   OR (published_at_dropped IS NOT NULL
       AND (published_at IS NOT NULL OR published_at_text IS NULL
            OR published_at_dropped NOT IN ('before_1990', 'in_the_future')))
