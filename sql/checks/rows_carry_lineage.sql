-- Every article and rejection names the load that wrote it, and that load exists.
SELECT 'core.articles' AS tbl, file_version_id AS id, load_id FROM core.articles
WHERE load_id NOT IN (SELECT load_id FROM ops.loads)
UNION ALL
SELECT 'raw.rejections', rejection_id, load_id FROM raw.rejections
WHERE load_id NOT IN (SELECT load_id FROM ops.loads)
