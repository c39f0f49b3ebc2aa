-- Near-duplicate groups and stories, kept by the `dedup` corpus stage (flows/corpus/dedup.py).
-- Every table here holds current article versions only: the stage deletes a version's rows when it
-- stops being current.

-- What the stage compares: one signature per current article version.
CREATE TABLE core.dup_signatures (
    file_version_id  VARCHAR PRIMARY KEY,
    mode             VARCHAR NOT NULL,      -- words | chars (a script the tokenizer does not split) | short
    units            INTEGER NOT NULL,      -- tokens (words mode) or non-space characters (chars mode)
    body_key         UBIGINT NOT NULL,      -- hash of the normalised text: identical texts share it
    minhash          UINTEGER[],            -- one-permutation MinHash, a NULL per empty bin; NULL when short
    numbers          VARCHAR[] NOT NULL,    -- distinct number tokens of the body (template stories)
    title_numbers    VARCHAR[] NOT NULL,    -- distinct number tokens of the title
    language         VARCHAR NOT NULL,
    published_at     TIMESTAMP,
    seen_at          TIMESTAMP NOT NULL,    -- published_at, else loaded_at: the story window's clock
    loaded_at        TIMESTAMP NOT NULL
);

-- LSH buckets: one row per (version, band) of its MinHash.
CREATE TABLE core.dup_bands (
    file_version_id  VARCHAR NOT NULL,
    band             SMALLINT NOT NULL,
    key              UBIGINT NOT NULL
);

-- Words of each version's title and lead that story linking looks up (kind word), and the consonant
-- skeletons of its names that link Hindi and English write-ups (kind name).
CREATE TABLE core.story_terms (
    file_version_id  VARCHAR NOT NULL,
    kind             VARCHAR NOT NULL,      -- word | name
    term             UBIGINT NOT NULL,
    in_title         BOOLEAN NOT NULL,
    seen_at          TIMESTAMP NOT NULL     -- as core.dup_signatures.seen_at: the story window
);

-- Links the stage found between two current versions, kept so a later load regroups without rescanning.
CREATE TABLE core.dup_edges (
    a                VARCHAR NOT NULL,      -- the smaller file_version_id
    b                VARCHAR NOT NULL,
    kind             VARCHAR NOT NULL,      -- dup (near-duplicates) | story (same event) | story_name (across scripts)
    similarity       DOUBLE NOT NULL,       -- estimated Jaccard (dup) or the story score
    load_id          VARCHAR NOT NULL
);

-- The stage's answer: one row per current article version.
CREATE TABLE core.dup_members (
    file_version_id  VARCHAR PRIMARY KEY,
    dup_group_id     VARCHAR NOT NULL,
    is_canonical     BOOLEAN NOT NULL,
    dup_similarity   DOUBLE NOT NULL,       -- estimated similarity to the group's canonical article
    story_id         VARCHAR NOT NULL,
    load_id          VARCHAR NOT NULL       -- the load whose stage run last decided this row
);
