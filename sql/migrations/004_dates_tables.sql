-- Publication times outside the plausible range are kept out of published_at, with the reason.

-- Why the date read from the text (published_at_text) is not the publication time: before_1990 (older
-- than any page of this corpus) or in_the_future (more than a day after the load that read it).
-- NULL when published_at holds the time, or the text gives none.
ALTER TABLE core.articles ADD COLUMN published_at_dropped VARCHAR;
UPDATE core.articles
SET published_at_dropped = CASE WHEN published_at < TIMESTAMP '1990-01-01' THEN 'before_1990' ELSE 'in_the_future' END,
    published_at = NULL
WHERE published_at < TIMESTAMP '1990-01-01' OR published_at > loaded_at + INTERVAL 1 DAY;
