-- Links from a page to other stories: each link of a current article (a headline after an 'also read'
-- marker, in a run or box of links, or another story's headline the furniture stage learned as a link),
-- with the current article of the same source it names when the warehouse holds one: its title, or its title
-- without the site's name printed after it (' | <site>', ' - <site>'), equals the link's text, case aside.
-- grain: one row per (current article, link position)
-- @column article_id: Id of the article the link is printed in (its path).
-- @column file_version_id: Id of that article's current version.
-- @column source: First folder of the path, or (root).
-- @column position: Position of the link among the article's links (staging.articles.also_read), from 1.
-- @column link: The link's text.
-- @column linked_article_id: The current article of the same source the link names (the latest loaded when several do); NULL when the warehouse holds none.
-- @column linked_title: That article's title.
WITH links AS (
    SELECT article_id, file_version_id, source, unnest(also_read) AS link,
           unnest(generate_series(1, len(also_read))) AS position
    FROM staging.articles
    WHERE len(also_read) > 0
),
headlines AS (  -- each title as printed, and without the site's name after it (the same when it has none)
    SELECT DISTINCT article_id, source, title, loaded_at,
           unnest([lower(title), lower(regexp_replace(title, '\s+(\||::|[-–—])\s+\S+(\s+\S+){0,3}$', ''))]) AS headline
    FROM staging.articles WHERE title IS NOT NULL
),
named AS (
    SELECT l.*, h.article_id AS linked_article_id, h.title AS linked_title
    FROM links AS l
    LEFT JOIN headlines AS h
      ON h.source = l.source AND h.headline = lower(l.link) AND h.article_id <> l.article_id
    QUALIFY row_number() OVER (PARTITION BY l.file_version_id, l.position
                               ORDER BY h.loaded_at DESC NULLS LAST, h.article_id) = 1
)
SELECT
    CAST(article_id AS VARCHAR) AS article_id,
    CAST(file_version_id AS VARCHAR) AS file_version_id,
    CAST(source AS VARCHAR) AS source,
    CAST(position AS INTEGER) AS position,
    CAST(link AS VARCHAR) AS link,
    CAST(linked_article_id AS VARCHAR) AS linked_article_id,
    CAST(linked_title AS VARCHAR) AS linked_title
FROM named
