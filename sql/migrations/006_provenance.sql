-- Provenance (issue 12, flows/steps/provenance.py): who wrote an article, which agency sent it, when
-- it was last updated, and what its captions credit. Existing rows get the columns empty; `newsdw
-- reparse` fills them (the rules checksum covers flows/rules/agencies.toml and provenance.py).

-- People named by the byline or header stamp, in printed order, without roles or honorifics.
ALTER TABLE core.articles ADD COLUMN authors VARCHAR[];
-- A non-person credit: a desk, bureau, team or the site itself.
ALTER TABLE core.articles ADD COLUMN desk VARCHAR;
-- The crediting agency's code (flows/rules/agencies.toml), read from the byline, dateline or closing line only.
ALTER TABLE core.articles ADD COLUMN agency VARCHAR;
ALTER TABLE core.articles ADD COLUMN agency_evidence VARCHAR;
ALTER TABLE core.articles ADD COLUMN is_wire BOOLEAN;
-- The latest update stamp, UTC, and the text it was read from.
ALTER TABLE core.articles ADD COLUMN updated_at TIMESTAMP;
ALTER TABLE core.articles ADD COLUMN updated_at_text VARCHAR;
-- Why a credit or stamp found in the text was left NULL (byline_too_long, too_many_names,
-- byline_not_a_name, credit_without_story, updated_at_unreadable, updated_at_in_the_future, updated_at_before_1990).
ALTER TABLE core.articles ADD COLUMN provenance_problems VARCHAR[];
-- A caption block's credit: an agency code, a photo agency code, 'file photo', or the credit as printed.
ALTER TABLE core.blocks ADD COLUMN caption_credit VARCHAR;

-- Captions stay blocks of core.blocks (kind caption), out of the body; this names them with their
-- order among the article's captions.
CREATE VIEW core.captions AS
SELECT file_version_id,
       CAST(row_number() OVER (PARTITION BY file_version_id ORDER BY ordinal) AS INTEGER) AS ordinal,
       ordinal AS block_ordinal,
       line_no,
       text,
       caption_credit AS credit,
       load_id
FROM core.blocks
WHERE kind = 'caption';
