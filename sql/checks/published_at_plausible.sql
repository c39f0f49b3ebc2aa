-- Publication times fall between 1990 and a day after the load that read them.
SELECT file_version_id, published_at, loaded_at
FROM core.articles
WHERE published_at < TIMESTAMP '1990-01-01' OR published_at > loaded_at + INTERVAL 1 DAY
