-- Page furniture learned across each source's pages by the `furniture` corpus stage: lines and
-- paragraph tails that repeat across distinct stories of a source, lines the rules took for links
-- to other stories on one page that stand alone on another, and other stories' headlines printed as lines. Blocks it removed carry rule
-- 'repeated' and the count (staging.blocks.repeat_count); articles it would have emptied are flagged
-- (marts.articles.furniture_review). Also the source's own name as its credit lines print it after many
-- writers' names (part credit): no furniture; provenance reads it as the desk.
-- grain: one row per (source, part, text key) currently judged furniture or the source's name
-- @column source: First folder under the raw folder, or (root).
-- @column part: line (a whole line), tail (the last sentence of a paragraph, cut off it) or credit (the source's name, from 'writer name, place' credit lines over the story).
-- @column text: The repeated text (for credit: the name).
-- @column articles: Distinct stories of the source it appears in (copies of one story count once).
-- @column basis: source (counted in its own source), warehouse (the source is too small to learn from: counted across all) links (a line the rules took for a link to another story on a page of the source, standing alone in another story) or titles (the headline of another story of the source, printed as a line of a page's text: a link to it). Lines of basis links and titles are listed in the page's also_read.
-- @column first_seen: Load time of the earliest current article holding it (UTC).
-- @column last_seen: Load time of the latest current article holding it (UTC).
-- @column load_id: The load whose stage run decided it.
SELECT
    CAST(source AS VARCHAR) AS source,
    CAST(part AS VARCHAR) AS part,
    CAST(text AS VARCHAR) AS text,
    CAST(articles AS BIGINT) AS articles,
    CAST(basis AS VARCHAR) AS basis,
    CAST(first_seen AS TIMESTAMP) AS first_seen,
    CAST(last_seen AS TIMESTAMP) AS last_seen,
    CAST(load_id AS VARCHAR) AS load_id
FROM core.source_templates
