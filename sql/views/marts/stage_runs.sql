-- Every run of a corpus stage (flows/corpus): what it read and wrote, how long, how it ended.
-- grain: one row per (load, stage)
-- @column load_id: The load (ingest or reparse) the stage ran in.
-- @column stage: Stage name, as in flows.corpus.STAGES and --stages.
-- @column ordinal: Position of the stage in the run.
-- @column mode: incremental (what the load changed) or full (first run of the stage, or reparse --all).
-- @column started_at: Start time (UTC).
-- @column seconds: Seconds the stage took.
-- @column status: completed or failed.
-- @column rows_in: Article versions the stage looked at.
-- @column rows_out: Rows the stage wrote.
-- @column error: Why a failed stage failed.
SELECT
    CAST(load_id AS VARCHAR) AS load_id,
    CAST(stage AS VARCHAR) AS stage,
    CAST(ordinal AS INTEGER) AS ordinal,
    CAST(mode AS VARCHAR) AS mode,
    CAST(started_at AS TIMESTAMP) AS started_at,
    CAST(seconds AS DOUBLE) AS seconds,
    CAST(status AS VARCHAR) AS status,
    CAST(rows_in AS BIGINT) AS rows_in,
    CAST(rows_out AS BIGINT) AS rows_out,
    CAST(error AS VARCHAR) AS error
FROM ops.stage_runs
