-- The current version of each article: the parsed version whose bytes the raw folder holds now.
-- Older versions stay in core.articles; deleted files drop out here.
-- grain: one row per path present in the raw folder that parsed
-- @column file_version_id: Id of this (path, content) version.
-- @column article_id: Id of the article (its path): stable across versions.
-- @column path: File path relative to the raw folder.
-- @column sha256: SHA-256 of the file's bytes.
-- @column title: Title, NFC, whitespace collapsed; a section label before a bar, arrow or dash removed ('देश | ...'), a topic label before a colon kept (the headline's kicker: 'मौसम: ...').
-- @column section: Section label printed before the title, if any.
-- @column standfirst: Summary paragraph under the title, if any.
-- @column dateline: Place name printed at the start of the body, if any.
-- @column published_at: Publication or update time in UTC, from the page header or a labelled stamp; NULL when the text gives no full date there or the date is implausible (published_at_dropped says why).
-- @column published_at_text: The text the publication time was read from.
-- @column published_at_zone: Time zone named in the text, or assumed:<zone>.
-- @column published_at_dropped: Why the date in published_at_text is not used as published_at: before_1990 or in_the_future (over a day after the load); NULL otherwise.
-- @column body: Article text without page furniture: body paragraphs, headings and table rows (cells separated by a tab).
-- @column also_read: Texts of "also read" links found in the page.
-- @column language: ISO 639-1 code of the body's language, or und.
-- @column language_probability: Detector confidence, 0 to 1.
-- @column language_method: script, langdetect, second_opinion or too_short.
-- @column language_needs_review: True when confidence < 0.9 or the text is short.
-- @column language_reason: Why the language is und or needs review.
-- @column script: Dominant Unicode script of the body's letters.
-- @column script_shares: JSON object: share of the body's letters per script.
-- @column code_mix_share: Share of Latin letters when the dominant script is not Latin.
-- @column letters: Letters in the body.
-- @column words: Words in the body.
-- @column body_chars: Characters in the body.
-- @column blocks: Number of blocks the file was split into.
-- @column load_id: The load that parsed this version.
-- @column parser_version: Version of newsdw that parsed it.
-- @column loaded_at: When this version was loaded (UTC).
-- @column rules_checksum: Checksum of the rules and parsing code that derived this row (newsdw reparse redoes rows that differ).
-- @column source: First folder of the path (the scraper's source), or (root).
-- @column furniture_review: True when learned page furniture would have emptied it: kept as parsed.
-- @column authors: People the byline or header stamp names, in printed order, without roles or honorifics; NULL when none.
-- @column desk: A non-person credit (a desk, bureau, team or the site), else NULL.
-- @column agency: Code of the news agency credited in the byline, dateline or closing line (flows/rules/agencies.toml); agency for an unnamed one; NULL when none.
-- @column agency_evidence: The credit text that decided agency.
-- @column is_wire: True when an agency is credited.
-- @column updated_at: The latest update stamp, UTC; NULL when none (or unreadable, see provenance_problems).
-- @column updated_at_text: The text updated_at was read from.
-- @column provenance_problems: Why a credit or stamp in the text was left NULL (byline_too_long, too_many_names, byline_not_a_name, credit_without_story, updated_at_unreadable, updated_at_in_the_future, updated_at_before_1990).
SELECT
    CAST(a.file_version_id AS VARCHAR) AS file_version_id,
    CAST(a.article_id AS VARCHAR) AS article_id,
    CAST(a.path AS VARCHAR) AS path,
    CAST(a.sha256 AS VARCHAR) AS sha256,
    CAST(a.title AS VARCHAR) AS title,
    CAST(a.section AS VARCHAR) AS section,
    CAST(a.standfirst AS VARCHAR) AS standfirst,
    CAST(a.dateline AS VARCHAR) AS dateline,
    CAST(a.published_at AS TIMESTAMP) AS published_at,
    CAST(a.published_at_text AS VARCHAR) AS published_at_text,
    CAST(a.published_at_zone AS VARCHAR) AS published_at_zone,
    CAST(a.published_at_dropped AS VARCHAR) AS published_at_dropped,
    CAST(a.body AS VARCHAR) AS body,
    CAST(a.also_read AS VARCHAR[]) AS also_read,
    CAST(a.language AS VARCHAR) AS language,
    CAST(a.language_probability AS DOUBLE) AS language_probability,
    CAST(a.language_method AS VARCHAR) AS language_method,
    CAST(a.language_needs_review AS BOOLEAN) AS language_needs_review,
    CAST(a.language_reason AS VARCHAR) AS language_reason,
    CAST(a.script AS VARCHAR) AS script,
    CAST(a.script_shares AS VARCHAR) AS script_shares,
    CAST(a.code_mix_share AS DOUBLE) AS code_mix_share,
    CAST(a.letters AS INTEGER) AS letters,
    CAST(a.words AS INTEGER) AS words,
    CAST(a.body_chars AS INTEGER) AS body_chars,
    CAST(a.blocks AS INTEGER) AS blocks,
    CAST(a.load_id AS VARCHAR) AS load_id,
    CAST(a.parser_version AS VARCHAR) AS parser_version,
    CAST(a.loaded_at AS TIMESTAMP) AS loaded_at,
    CAST(a.rules_checksum AS VARCHAR) AS rules_checksum,
    CAST(a.source AS VARCHAR) AS source,
    CAST(coalesce(a.furniture_review, false) AS BOOLEAN) AS furniture_review,
    CAST(a.authors AS VARCHAR[]) AS authors,
    CAST(a.desk AS VARCHAR) AS desk,
    CAST(a.agency AS VARCHAR) AS agency,
    CAST(a.agency_evidence AS VARCHAR) AS agency_evidence,
    CAST(coalesce(a.is_wire, false) AS BOOLEAN) AS is_wire,
    CAST(a.updated_at AS TIMESTAMP) AS updated_at,
    CAST(a.updated_at_text AS VARCHAR) AS updated_at_text,
    CAST(a.provenance_problems AS VARCHAR[]) AS provenance_problems
FROM core.articles AS a
JOIN ops.file_state AS f
  ON f.path = a.path AND f.sha256 = a.sha256 AND f.outcome = 'loaded' AND f.gone_load_id IS NULL
