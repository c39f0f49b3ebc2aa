-- Story terms too common to link two write-ups (flows/corpus/dedup.py, _store_terms): a term held by
-- more than DF_CAP distinct texts is listed here once, and its occurrences leave core.story_terms (at
-- 100k articles ~95% of its rows). A later load stores no occurrence of a listed term; a full run of the
-- stage empties the list and counts again.
CREATE TABLE core.story_common_terms (
    kind             VARCHAR NOT NULL,      -- word | name, as core.story_terms.kind
    term             UBIGINT NOT NULL
);
