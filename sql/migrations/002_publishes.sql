-- One row per published snapshot: what it reflected. A run that changed nothing (no file loaded,
-- rejected or gone, no crash found, same migrations and views) compares fingerprints and keeps the
-- snapshot as it is instead of copying the whole warehouse again (most of a no-op run at 100k files).
CREATE TABLE ops.publishes (
    load_id       VARCHAR NOT NULL,             -- the run that published
    target        VARCHAR NOT NULL,             -- the snapshot file written
    fingerprint   VARCHAR NOT NULL,             -- see warehouse.publish_fingerprint
    how           VARCHAR NOT NULL,             -- file-copy | copy-database
    published_at  TIMESTAMP NOT NULL
);
