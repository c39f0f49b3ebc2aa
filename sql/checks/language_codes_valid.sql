-- Language codes are ISO 639-1 (optionally with a region, e.g. zh-tw) or und; probabilities in [0, 1].
SELECT file_version_id, language, language_probability
FROM core.articles
WHERE NOT regexp_full_match(language, '[a-z]{2}(-[a-z]{2})?|und')
   OR language_probability < 0 OR language_probability > 1
