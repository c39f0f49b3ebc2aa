-- Files that could not be loaded and why. The original bytes stay in raw.rejections.content.
-- grain: one row per rejection event (a file version rejected by a load)
-- @column rejection_id: Id of the rejection.
-- @column load_id: The load that rejected the file.
-- @column rejected_at: When (UTC).
-- @column path: File path relative to the raw folder.
-- @column reason: Reason code (empty, binary, invalid_utf8, too_large, ...).
-- @column detail: Human-readable explanation.
-- @column size_bytes: File size in bytes.
-- @column sha256: SHA-256 of the bytes, when they could be read.
-- @column bytes_kept: True when the original bytes are stored.
-- @column is_current: True when this is the file's state in the raw folder now.
SELECT
    CAST(r.rejection_id AS VARCHAR) AS rejection_id,
    CAST(r.load_id AS VARCHAR) AS load_id,
    CAST(r.rejected_at AS TIMESTAMP) AS rejected_at,
    CAST(r.path AS VARCHAR) AS path,
    CAST(r.reason AS VARCHAR) AS reason,
    CAST(r.detail AS VARCHAR) AS detail,
    CAST(r.size_bytes AS BIGINT) AS size_bytes,
    CAST(r.sha256 AS VARCHAR) AS sha256,
    CAST(r.content IS NOT NULL AS BOOLEAN) AS bytes_kept,
    CAST(coalesce(f.outcome = 'rejected' AND f.gone_load_id IS NULL AND f.load_id = r.load_id, FALSE) AS BOOLEAN)
        AS is_current
FROM raw.rejections AS r
LEFT JOIN ops.file_state AS f USING (path)
