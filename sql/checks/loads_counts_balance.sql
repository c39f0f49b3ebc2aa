-- Every finished load accounts for every file it saw: seen = loaded + unchanged + rejected.
SELECT load_id, files_seen, files_loaded, files_unchanged, files_rejected
FROM ops.loads
WHERE status = 'completed' AND files_seen <> files_loaded + files_unchanged + files_rejected
