-- core.blocks is unique on (file_version_id, ordinal).
SELECT file_version_id, ordinal, count(*) AS n
FROM core.blocks
GROUP BY ALL
HAVING count(*) > 1
