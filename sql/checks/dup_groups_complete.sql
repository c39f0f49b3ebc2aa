-- Once the dedup stage has run in the latest load that ran stages, every current article has a
-- near-duplicate group (a singleton its own). Before it ever runs, or while a left-out stage waits to
-- catch up, nothing is expected.
WITH latest AS (
    SELECT load_id FROM ops.stage_runs ORDER BY started_at DESC LIMIT 1
)
SELECT a.file_version_id, a.path
FROM staging.articles AS a
LEFT JOIN core.dup_members AS m USING (file_version_id)
WHERE m.file_version_id IS NULL
  AND EXISTS (SELECT 1 FROM ops.stage_runs AS r JOIN latest USING (load_id)
              WHERE r.stage = 'dedup' AND r.status = 'completed')
