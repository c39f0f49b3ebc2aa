-- Every run of the ingest flow with its counts and duration.
-- grain: one row per load (flow run)
-- @column load_id: Id of the load; every warehouse row carries the load that wrote it.
-- @column flow_run_id: Prefect flow-run id, when run under Prefect.
-- @column started_at: Start time (UTC).
-- @column finished_at: End time (UTC), NULL while running or after a crash.
-- @column duration_s: Seconds from start to finish.
-- @column status: running, completed, failed or crashed.
-- @column files_seen: Files found in the raw folder.
-- @column files_loaded: New or changed files parsed and loaded.
-- @column files_unchanged: Files skipped because they had not changed.
-- @column files_rejected: Files rejected with a reason.
-- @column files_gone: Files that disappeared since the previous load.
-- @column articles_loaded: Article versions written.
-- @column counts_balance: True when files_seen = loaded + unchanged + rejected.
-- @column error: The error that stopped a failed load.
-- @column kind: ingest (newsdw run) or reparse (newsdw reparse).
-- @column articles_reparsed: Article versions re-derived from raw.files (reparse loads).
SELECT
    CAST(load_id AS VARCHAR) AS load_id,
    CAST(flow_run_id AS VARCHAR) AS flow_run_id,
    CAST(started_at AS TIMESTAMP) AS started_at,
    CAST(finished_at AS TIMESTAMP) AS finished_at,
    CAST(date_diff('millisecond', started_at, finished_at) / 1000.0 AS DOUBLE) AS duration_s,
    CAST(status AS VARCHAR) AS status,
    CAST(files_seen AS INTEGER) AS files_seen,
    CAST(files_loaded AS INTEGER) AS files_loaded,
    CAST(files_unchanged AS INTEGER) AS files_unchanged,
    CAST(files_rejected AS INTEGER) AS files_rejected,
    CAST(files_gone AS INTEGER) AS files_gone,
    CAST(articles_loaded AS INTEGER) AS articles_loaded,
    CAST(files_seen = files_loaded + files_unchanged + files_rejected AS BOOLEAN) AS counts_balance,
    CAST(error AS VARCHAR) AS error,
    CAST(coalesce(kind, 'ingest') AS VARCHAR) AS kind,
    CAST(coalesce(articles_reparsed, 0) AS INTEGER) AS articles_reparsed
FROM ops.loads
