-- The corpus layer: stages that work across articles after each load, and `newsdw reparse`.

-- Which parser and rules derived each article version: `newsdw reparse` re-derives the rows whose
-- parser_version or rules_checksum differ from the running code's. NULL (rows loaded before this
-- migration) always differs.
ALTER TABLE core.articles ADD COLUMN rules_checksum VARCHAR;
-- The first folder under the raw folder (a site, as scrapers store pages); '(root)' for files at the
-- top. flows.steps.parse.source_of computes the same for new rows.
ALTER TABLE core.articles ADD COLUMN source VARCHAR;
UPDATE core.articles SET source = CASE WHEN strpos(path, '/') > 0 THEN split_part(path, '/', 1) ELSE '(root)' END;

-- ingest (newsdw run) or reparse (newsdw reparse).
ALTER TABLE ops.loads ADD COLUMN kind VARCHAR DEFAULT 'ingest';
UPDATE ops.loads SET kind = 'ingest';
-- Article versions re-derived by a reparse load.
ALTER TABLE ops.loads ADD COLUMN articles_reparsed INTEGER DEFAULT 0;
UPDATE ops.loads SET articles_reparsed = 0;

-- One row per corpus stage per load: what it read, what it wrote, how long, how it ended.
CREATE TABLE ops.stage_runs (
    load_id      VARCHAR NOT NULL,
    stage        VARCHAR NOT NULL,
    ordinal      INTEGER NOT NULL,              -- position in flows.corpus.STAGES
    mode         VARCHAR NOT NULL,              -- incremental | full (first run of the stage, or reparse --all)
    started_at   TIMESTAMP NOT NULL,
    seconds      DOUBLE,
    status       VARCHAR NOT NULL,              -- completed | failed
    rows_in      BIGINT,                        -- article versions the stage looked at
    rows_out     BIGINT,                        -- rows it wrote
    error        VARCHAR,
    PRIMARY KEY (load_id, stage)
);

-- What a reparse still has to do. Filled when a reparse starts and emptied batch by batch in the
-- batch's own transaction, so a reparse killed with -9 resumes where it stopped.
CREATE TABLE ops.reparse_queue (
    file_version_id  VARCHAR PRIMARY KEY,
    load_id          VARCHAR NOT NULL,          -- the reparse that queued it
    queued_at        TIMESTAMP NOT NULL
);

-- Written by the `sources` corpus stage: current articles per source and language.
CREATE TABLE core.source_counts (
    source           VARCHAR NOT NULL,
    language         VARCHAR NOT NULL,
    articles         BIGINT NOT NULL,
    words            BIGINT NOT NULL,
    first_loaded_at  TIMESTAMP NOT NULL,
    last_loaded_at   TIMESTAMP NOT NULL,
    load_id          VARCHAR NOT NULL,          -- the load whose stage run computed this row
    PRIMARY KEY (source, language)
);
