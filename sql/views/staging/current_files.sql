-- The files the raw folder holds now, as of the last run, with their current version.
-- grain: one row per path present in the raw folder at the last run
-- @column path: File path relative to the raw folder.
-- @column sha256: SHA-256 of the file's current bytes.
-- @column size_bytes: Size of the current version in bytes.
-- @column outcome: loaded or rejected.
-- @column reason: Rejection reason code when outcome is rejected, else NULL.
-- @column load_id: The load that last changed this file's state.
SELECT
    CAST(path AS VARCHAR) AS path,
    CAST(sha256 AS VARCHAR) AS sha256,
    CAST(size_bytes AS BIGINT) AS size_bytes,
    CAST(outcome AS VARCHAR) AS outcome,
    CAST(reason AS VARCHAR) AS reason,
    CAST(load_id AS VARCHAR) AS load_id
FROM ops.file_state
WHERE gone_load_id IS NULL
