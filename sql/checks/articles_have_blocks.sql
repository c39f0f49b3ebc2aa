-- Every article version has its blocks, and its block count matches.
SELECT a.file_version_id, a.blocks, count(b.ordinal) AS found
FROM core.articles AS a
LEFT JOIN core.blocks AS b USING (file_version_id)
GROUP BY ALL
HAVING count(b.ordinal) <> a.blocks
