-- A photo printed with a credit and no caption ('تصویر کے کاپی رائٹ Getty Images', 'Getty Images' alone
-- on its line) is a credited photo too. The parser now sets core.blocks.caption_credit on such a credit
-- line (a boilerplate block, flows/steps/provenance.py `_credit_photos`), and gives a caption the credit
-- printed on the line right under or over it. core.captions gets a row for each credited photo; its
-- text is NULL where the photo has no caption. Existing rows change on `newsdw reparse` (the rules
-- checksum covers provenance.py).
CREATE OR REPLACE VIEW core.captions AS
SELECT file_version_id,
       CAST(row_number() OVER (PARTITION BY file_version_id ORDER BY ordinal) AS INTEGER) AS ordinal,
       ordinal AS block_ordinal,
       line_no,
       CASE WHEN kind = 'caption' THEN text END AS text,
       caption_credit AS credit,
       load_id
FROM core.blocks
WHERE kind = 'caption' OR caption_credit IS NOT NULL;
