-- The warehouse's tables. Applied once, in a transaction, recorded in ops.schema_migrations.
CREATE SCHEMA IF NOT EXISTS raw;
CREATE SCHEMA IF NOT EXISTS core;
CREATE SCHEMA IF NOT EXISTS staging;
CREATE SCHEMA IF NOT EXISTS marts;

-- One row per run of the ingest flow.
CREATE TABLE ops.loads (
    load_id          VARCHAR PRIMARY KEY,
    flow_run_id      VARCHAR,
    started_at       TIMESTAMP NOT NULL,
    finished_at      TIMESTAMP,
    status           VARCHAR NOT NULL,          -- running | completed | failed | crashed
    raw_dir          VARCHAR,
    parser_version   VARCHAR,
    files_seen       INTEGER DEFAULT 0,
    files_loaded     INTEGER DEFAULT 0,
    files_unchanged  INTEGER DEFAULT 0,
    files_rejected   INTEGER DEFAULT 0,
    files_gone       INTEGER DEFAULT 0,
    articles_loaded  INTEGER DEFAULT 0,
    blocks_loaded    INTEGER DEFAULT 0,
    batches          INTEGER DEFAULT 0,
    error            VARCHAR
);

-- What the raw folder held as of the last run: one row per path ever seen. Discovery compares
-- (size_bytes, mtime_ns) with it to skip unchanged files without opening them.
CREATE TABLE ops.file_state (
    path          VARCHAR PRIMARY KEY,
    size_bytes    BIGINT,
    mtime_ns      BIGINT,
    sha256        VARCHAR,
    outcome       VARCHAR NOT NULL,             -- loaded | rejected
    reason        VARCHAR,                      -- rejection reason code when rejected
    retry         BOOLEAN NOT NULL DEFAULT FALSE, -- transient rejection: look again next run
    load_id       VARCHAR NOT NULL,             -- the load that last changed this row
    gone_load_id  VARCHAR                       -- set when the file disappeared from the folder
);

-- One row per distinct file version (path, content). The warehouse can be rebuilt from it.
CREATE TABLE raw.files (
    file_version_id  VARCHAR PRIMARY KEY,       -- sha256(path NUL content-sha256), 16 hex
    path             VARCHAR NOT NULL,
    sha256           VARCHAR NOT NULL,
    size_bytes       BIGINT NOT NULL,
    mtime_ns         BIGINT,
    encoding         VARCHAR NOT NULL,
    text             VARCHAR NOT NULL,
    first_load_id    VARCHAR NOT NULL,
    last_load_id     VARCHAR NOT NULL,
    first_seen_at    TIMESTAMP NOT NULL,
    last_seen_at     TIMESTAMP NOT NULL
);

-- Files that could not be loaded, with the reason and the original bytes.
CREATE TABLE raw.rejections (
    rejection_id   VARCHAR PRIMARY KEY,
    load_id        VARCHAR NOT NULL,
    path           VARCHAR NOT NULL,
    sha256         VARCHAR,
    size_bytes     BIGINT,
    mtime_ns       BIGINT,
    reason         VARCHAR NOT NULL,
    detail         VARCHAR NOT NULL,
    content        BLOB,                        -- NULL when the file could not be read or was over the size cap
    rejected_at    TIMESTAMP NOT NULL
);

-- One row per file version that parsed.
CREATE TABLE core.articles (
    file_version_id        VARCHAR PRIMARY KEY,
    article_id             VARCHAR NOT NULL,    -- sha256(path), 16 hex: stable across versions
    path                   VARCHAR NOT NULL,
    sha256                 VARCHAR NOT NULL,
    title                  VARCHAR,
    section                VARCHAR,
    standfirst             VARCHAR,
    dateline               VARCHAR,
    published_at           TIMESTAMP,           -- UTC
    published_at_text      VARCHAR,             -- the text it was parsed from
    published_at_zone      VARCHAR,             -- zone named in the text, or assumed:<zone>
    body                   VARCHAR NOT NULL,
    also_read              VARCHAR[],
    language               VARCHAR NOT NULL,
    language_probability   DOUBLE NOT NULL,
    language_method        VARCHAR NOT NULL,
    language_needs_review  BOOLEAN NOT NULL,
    language_reason        VARCHAR,
    script                 VARCHAR NOT NULL,
    script_shares          VARCHAR NOT NULL,    -- JSON object: script -> share of letters
    code_mix_share         DOUBLE NOT NULL,
    letters                INTEGER NOT NULL,
    words                  INTEGER NOT NULL,
    body_chars             INTEGER NOT NULL,
    blocks                 INTEGER NOT NULL,
    load_id                VARCHAR NOT NULL,
    parser_version         VARCHAR NOT NULL,
    loaded_at              TIMESTAMP NOT NULL
);

-- One row per block (line or paragraph) of an article version. Unique on
-- (file_version_id, ordinal): checked by sql/checks, not an index, to keep loads fast.
CREATE TABLE core.blocks (
    file_version_id       VARCHAR NOT NULL,
    ordinal               INTEGER NOT NULL,
    line_no               INTEGER NOT NULL,
    kind                  VARCHAR NOT NULL,
    rule                  VARCHAR NOT NULL,
    text                  VARCHAR NOT NULL,
    language              VARCHAR NOT NULL,
    language_probability  DOUBLE NOT NULL,
    script                VARCHAR NOT NULL,
    load_id               VARCHAR NOT NULL
);
