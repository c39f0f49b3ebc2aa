-- Page furniture learned across a source's pages (flows/corpus/furniture.py, flows/steps/templates.py).

-- Copies of one story share it (the min-hash of its inner sentences): the furniture stage counts
-- distinct stories, not files.
ALTER TABLE core.articles ADD COLUMN story_key UBIGINT;
-- Learned furniture would have emptied this article: it keeps its text as parsed, for a person to look at.
ALTER TABLE core.articles ADD COLUMN furniture_review BOOLEAN DEFAULT false;
UPDATE core.articles SET furniture_review = false;
-- The load that last re-derived this version from raw.files (newsdw reparse, or a run whose furniture
-- stage learned something it holds); NULL when never re-derived. load_id stays the load that loaded it.
ALTER TABLE core.articles ADD COLUMN derived_load_id VARCHAR;
-- For blocks whose kind learned furniture decided (rule 'repeated'): the stories it was counted in.
ALTER TABLE core.blocks ADD COLUMN repeat_count INTEGER;

-- What each page version offers the furniture stage: its short lines and paragraph tails, by key.
CREATE TABLE core.template_keys (
    file_version_id  VARCHAR NOT NULL,
    source           VARCHAR NOT NULL,
    line_no          INTEGER NOT NULL,           -- the line of the file the text is on
    part             VARCHAR NOT NULL,           -- line | tail (the last sentence of a paragraph)
    key              UBIGINT NOT NULL,           -- flows.steps.templates.text_key of the text
    chars            INTEGER NOT NULL            -- characters of the text (a tail is the paragraph's last ones)
);

-- What the furniture stage learned: one row per (source, part, key) that is furniture now.
CREATE TABLE core.source_templates (
    source       VARCHAR NOT NULL,
    part         VARCHAR NOT NULL,               -- line | tail
    key          UBIGINT NOT NULL,
    text         VARCHAR,
    articles     BIGINT NOT NULL,                -- distinct stories it was counted in
    basis        VARCHAR NOT NULL,               -- source | warehouse (a source too small to learn from)
    first_seen   TIMESTAMP,
    last_seen    TIMESTAMP,
    load_id      VARCHAR NOT NULL,               -- the load whose stage run decided it
    PRIMARY KEY (source, part, key)
);
