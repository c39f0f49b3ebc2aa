-- staging.articles shows at most one version per path.
SELECT path, count(*) AS versions
FROM staging.articles
GROUP BY path
HAVING count(*) > 1
