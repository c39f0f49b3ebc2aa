-- Stories found by the `dedup` corpus stage: near-duplicate groups plus other write-ups of the same
-- event (shared rare words and names in title and lead, within 72 hours), across sources and languages.
-- grain: one row per story with at least one current article
-- @column story_id: Id of the story (marts.articles.story_id); stable while its earliest article stays.
-- @column headline: Title of the story's canonical article (earliest published, else first loaded).
-- @column first_seen: Publication time of its earliest article (load time when undated), UTC.
-- @column first_source: Source of that earliest article.
-- @column last_seen: Publication (else load) time of its latest article, UTC.
-- @column sources: Distinct sources that carried it.
-- @column languages: Its articles' languages, comma-separated, sorted.
-- @column articles: Current articles in it.
-- @column dup_groups: Distinct near-duplicate groups in it (distinct texts).
WITH a AS (
    SELECT s.*, d.story_id, d.dup_group_id, coalesce(s.published_at, s.loaded_at) AS seen
    FROM staging.articles AS s JOIN core.dup_members AS d USING (file_version_id)
)
SELECT
    CAST(story_id AS VARCHAR) AS story_id,
    CAST(arg_min(title, (published_at IS NULL, seen, loaded_at, file_version_id)) AS VARCHAR) AS headline,
    CAST(min(seen) AS TIMESTAMP) AS first_seen,
    CAST(arg_min(source, (seen, loaded_at, file_version_id)) AS VARCHAR) AS first_source,
    CAST(max(seen) AS TIMESTAMP) AS last_seen,
    CAST(count(DISTINCT source) AS BIGINT) AS sources,
    CAST(array_to_string(list_sort(list_distinct(list(language))), ',') AS VARCHAR) AS languages,
    CAST(count(*) AS BIGINT) AS articles,
    CAST(count(DISTINCT dup_group_id) AS BIGINT) AS dup_groups
FROM a
GROUP BY story_id
