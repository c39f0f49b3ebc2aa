-- Current articles with their fields, for reading and filtering in BI tools.
-- grain: one row per article (path) present in the raw folder that parsed
-- @column article_id: Id of the article (its path): stable across versions.
-- @column file_version_id: Id of the current (path, content) version.
-- @column path: File path relative to the raw folder.
-- @column source: First folder of the path (the scraper's source), or '(root)'.
-- @column title: Title.
-- @column section: Section label printed before the title, if any.
-- @column standfirst: Summary paragraph under the title, if any.
-- @column dateline: Place name printed at the start of the body, if any.
-- @column published_at: Publication time in UTC, NULL when the text gives no full date or an implausible one.
-- @column published_date: UTC date of published_at.
-- @column published_at_dropped: Why a date found in the text is not the publication time: before_1990 or in_the_future; NULL otherwise.
-- @column language: ISO 639-1 code, or und.
-- @column language_probability: Detector confidence, 0 to 1.
-- @column script: Dominant script of the body's letters.
-- @column code_mix_share: Share of Latin letters when the dominant script is not Latin.
-- @column words: Words in the body.
-- @column body_chars: Characters in the body.
-- @column also_read_links: Number of "also read" links found in the page.
-- @column body: Article text without page furniture (a table row's cells are separated by a tab).
-- @column load_id: The load that parsed this version.
-- @column loaded_at: When this version was loaded (UTC).
-- @column furniture_review: True when learned page furniture would have emptied it: kept as parsed, for review.
-- @column authors: People the byline or header stamp names, in printed order, without roles or honorifics; NULL when none.
-- @column desk: A non-person credit (a desk, bureau, team or the site), else NULL.
-- @column agency: Code of the news agency credited in the byline, dateline or closing line (flows/rules/agencies.toml); agency for an unnamed one; NULL when none.
-- @column agency_evidence: The credit text that decided agency.
-- @column is_wire: True when an agency is credited.
-- @column updated_at: The latest update stamp, UTC; NULL when none (or unreadable, see provenance_problems).
-- @column provenance_problems: Why a credit or stamp in the text was left NULL (byline_too_long, too_many_names, byline_not_a_name, credit_without_story, updated_at_unreadable, updated_at_in_the_future, updated_at_before_1990).
-- @column dup_group_id: Near-duplicate group (the dedup corpus stage): copies, re-headlined or updated versions of one text share it; a text with none has its own.
-- @column is_canonical: True for the group's earliest article (published, else first loaded).
-- @column dup_similarity: Estimated similarity (Jaccard of word 3-shingles, MinHash) to the group's canonical article, 0 to 1.
-- @column story_id: Story (the dedup corpus stage): near-duplicates plus other write-ups of the same event within 72 hours.
SELECT
    CAST(article_id AS VARCHAR) AS article_id,
    CAST(file_version_id AS VARCHAR) AS file_version_id,
    CAST(path AS VARCHAR) AS path,
    CAST(source AS VARCHAR) AS source,
    CAST(title AS VARCHAR) AS title,
    CAST(section AS VARCHAR) AS section,
    CAST(standfirst AS VARCHAR) AS standfirst,
    CAST(dateline AS VARCHAR) AS dateline,
    CAST(published_at AS TIMESTAMP) AS published_at,
    CAST(published_at AS DATE) AS published_date,
    CAST(published_at_dropped AS VARCHAR) AS published_at_dropped,
    CAST(language AS VARCHAR) AS language,
    CAST(language_probability AS DOUBLE) AS language_probability,
    CAST(script AS VARCHAR) AS script,
    CAST(code_mix_share AS DOUBLE) AS code_mix_share,
    CAST(words AS INTEGER) AS words,
    CAST(body_chars AS INTEGER) AS body_chars,
    CAST(coalesce(len(also_read), 0) AS INTEGER) AS also_read_links,
    CAST(body AS VARCHAR) AS body,
    CAST(load_id AS VARCHAR) AS load_id,
    CAST(loaded_at AS TIMESTAMP) AS loaded_at,
    CAST(furniture_review AS BOOLEAN) AS furniture_review,
    CAST(authors AS VARCHAR[]) AS authors,
    CAST(desk AS VARCHAR) AS desk,
    CAST(agency AS VARCHAR) AS agency,
    CAST(agency_evidence AS VARCHAR) AS agency_evidence,
    CAST(is_wire AS BOOLEAN) AS is_wire,
    CAST(updated_at AS TIMESTAMP) AS updated_at,
    CAST(provenance_problems AS VARCHAR[]) AS provenance_problems,
    CAST(d.dup_group_id AS VARCHAR) AS dup_group_id,
    CAST(d.is_canonical AS BOOLEAN) AS is_canonical,
    CAST(d.dup_similarity AS DOUBLE) AS dup_similarity,
    CAST(d.story_id AS VARCHAR) AS story_id
FROM staging.articles
LEFT JOIN (SELECT file_version_id, dup_group_id, is_canonical, dup_similarity, story_id FROM core.dup_members) AS d
  USING (file_version_id)
