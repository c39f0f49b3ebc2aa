-- Provenance fields agree with each other: is_wire is exactly "an agency is credited", a credited
-- agency keeps the text that decided it, and a desk is never also listed as an author.
SELECT file_version_id, agency, agency_evidence, is_wire, desk, authors
FROM core.articles
WHERE is_wire IS NOT NULL
  AND (is_wire <> (agency IS NOT NULL)
       OR (agency IS NOT NULL AND agency_evidence IS NULL)
       OR (desk IS NOT NULL AND list_contains(authors, desk)))
