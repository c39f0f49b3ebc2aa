"""End to end: the real Prefect flow into a real DuckDB file, run several times over a changing folder."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from flows.ingest import ingest_news

pytestmark = pytest.mark.e2e

ARTICLE_COLS = "path, sha256, title, language, body, published_at, dateline, standfirst"


def _run(raw: Path, wh: Path) -> dict[str, object]:
    return ingest_news(raw_dir=str(raw), warehouse=str(wh))


def _q(wh: Path, sql: str) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(wh), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_first_run_second_run_change_bad_file_delete(raw_copy: Path, warehouse_path: Path) -> None:
    first = _run(raw_copy, warehouse_path)
    assert (first["seen"], first["loaded"], first["unchanged"], first["rejected"]) == (5, 5, 0, 0)
    assert first["languages"] == {"hi": 5}
    assert first["failed_checks"] == {}

    second = _run(raw_copy, warehouse_path)
    assert (second["seen"], second["loaded"], second["unchanged"], second["rejected"]) == (5, 0, 5, 0)
    # Nothing changed: the snapshot is kept, not copied again.
    assert (first["published"], second["published"]) == ("file-copy", "unchanged")

    # A changed file, an empty file, a binary file, a deleted file and a touched-but-same file.
    changed = raw_copy / "001_0e1747f7c38af0b6.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nएक नया अनुच्छेद जोड़ा गया है जो लेख के अंत में है।\n",
                       encoding="utf-8")
    (raw_copy / "empty.txt").write_bytes(b"")
    (raw_copy / "sub").mkdir()
    (raw_copy / "sub" / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00binary")
    (raw_copy / "002_0a62431ba6109c54.txt").unlink()
    touched = raw_copy / "000_f3f1788887fbcc73.txt"
    os.utime(touched, ns=(touched.stat().st_atime_ns, touched.stat().st_mtime_ns + 10**9))

    third = _run(raw_copy, warehouse_path)
    assert third["seen"] == 6
    assert (third["loaded"], third["unchanged"], third["rejected"], third["gone"]) == (1, 3, 2, 1)
    assert third["rejections"] == {"empty": 1, "binary": 1}
    assert third["failed_checks"] == {}

    snap = warehouse_path.with_name("news_bi.duckdb")
    # History: two versions of the changed file in core, one current in staging.
    assert _q(snap, "SELECT count(*) FROM core.articles WHERE path = '001_0e1747f7c38af0b6.txt'") == [(2,)]
    assert _q(snap, "SELECT count(*) FROM staging.articles WHERE path = '001_0e1747f7c38af0b6.txt'") == [(1,)]
    assert "एक नया अनुच्छेद" in _q(snap, "SELECT body FROM marts.articles WHERE path = '001_0e1747f7c38af0b6.txt'")[0][0]
    # The deleted file: gone from marts, kept in core and raw.
    assert _q(snap, "SELECT count(*) FROM marts.articles") == [(4,)]
    assert _q(snap, "SELECT count(*) FROM core.articles WHERE path = '002_0a62431ba6109c54.txt'") == [(1,)]
    assert _q(snap, "SELECT gone_load_id IS NOT NULL FROM ops.file_state WHERE path = '002_0a62431ba6109c54.txt'") \
        == [(True,)]
    # Rejections keep their bytes and a readable detail.
    rows = _q(snap, "SELECT path, reason, detail, content FROM raw.rejections ORDER BY path")
    assert [(p, r) for p, r, _, _ in rows] == [("empty.txt", "empty"), ("sub/image.txt", "binary")]
    assert rows[1][3].startswith(b"\x89PNG") and "PNG" in rows[1][2]
    # Every load's counts add up, and each load is recorded.
    loads = _q(snap, "SELECT status, counts_balance FROM marts.loads ORDER BY started_at")
    assert loads == [("completed", True)] * 3

    assert third["published"] == "file-copy"
    # The snapshot's marts.loads lacked the second (no-op) run; this publish brought it in.
    assert _q(snap, "SELECT load_id FROM ops.loads ORDER BY started_at") == \
        [(first["load_id"],), (second["load_id"],), (third["load_id"],)]

    fourth = _run(raw_copy, warehouse_path)  # rejected files that did not change are not re-rejected
    assert (fourth["loaded"], fourth["unchanged"], fourth["rejected"]) == (0, 6, 0)
    assert fourth["published"] == "unchanged"
    snap.unlink()  # a snapshot someone deleted is written again, changed or not
    fifth = _run(raw_copy, warehouse_path)
    assert (fifth["loaded"], fifth["published"]) == (0, "file-copy")
    assert _q(snap, "SELECT count(*) FROM marts.articles") == [(4,)]


def test_rebuild_from_same_files_gives_same_articles(raw_copy: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a" / "news.duckdb", tmp_path / "b" / "news.duckdb"
    _run(raw_copy, a)
    _run(raw_copy, a)
    _run(raw_copy, b)
    query = f"SELECT {ARTICLE_COLS} FROM staging.articles ORDER BY path"
    assert _q(a, query) == _q(b, query)
    blocks = "SELECT file_version_id, ordinal, kind, rule, text, language FROM core.blocks ORDER BY 1, 2"
    assert _q(a, blocks) == _q(b, blocks)


def test_missing_raw_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="does not exist"):
        _run(tmp_path / "nope", tmp_path / "w.duckdb")


def test_every_view_selects_and_every_check_passes(loaded_samples: dict[str, object]) -> None:
    from flows import warehouse as wh

    con = duckdb.connect(str(loaded_samples["snapshot"]), read_only=True)
    for spec in wh.view_specs():
        con.execute(f"SELECT * FROM {spec.name}").fetchall()
    assert con.execute("SELECT count(*) FROM marts.articles").fetchone() == (5,)
    assert con.execute("SELECT sum(articles) FROM marts.daily_language_counts").fetchone() == (5,)
    assert [r for r in wh.run_checks(con) if r.failing_rows] == []


def test_shipped_samples_are_the_seed_articles() -> None:
    raw = Path(__file__).resolve().parent.parent / "data" / "raw"
    seeds = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    if not seeds.exists():
        pytest.skip("../shared/seeds is not beside this checkout")
    assert sorted(p.name for p in raw.glob("*.txt")) == sorted(p.name for p in seeds.glob("*.txt"))
    for p in seeds.glob("*.txt"):
        assert (raw / p.name).read_bytes() == p.read_bytes()


def test_small_batches_reverted_file_and_file_copy_snapshot(raw_copy: Path, warehouse_path: Path) -> None:
    # batch_size 2: three batches, so batch i+1 is parsed while batch i loads.
    first = ingest_news(raw_dir=str(raw_copy), warehouse=str(warehouse_path), batch_size=2)
    assert (first["loaded"], first["failed_checks"], first["published"]) == (5, {}, "file-copy")
    snap = warehouse_path.with_name("news_bi.duckdb")
    con = duckdb.connect(str(snap), read_only=True)
    try:  # a file copy of a warehouse created in the snapshot's storage version: old readers open it
        tags = con.execute("SELECT tags FROM duckdb_databases() WHERE database_name = current_database()").fetchone()
        assert tags is not None and tags[0]["storage_version"].startswith("v1.4.0")
        assert con.execute("SELECT count(*) FROM marts.articles").fetchone() == (5,)
        assert con.execute("SELECT comment FROM duckdb_views() WHERE view_name = 'articles' "
                           "AND schema_name = 'marts'").fetchone()[0]
    finally:
        con.close()

    # A -> B -> A: the third run meets a version the warehouse already has (the upsert path).
    target = raw_copy / "003_d92fd9f8a8b58e48.txt"
    original = target.read_bytes()
    target.write_bytes(original + "\nएक नया अनुच्छेद जोड़ा गया।\n".encode())
    assert ingest_news(raw_dir=str(raw_copy), warehouse=str(warehouse_path), batch_size=2)["loaded"] == 1
    target.write_bytes(original)
    os.utime(target, ns=(target.stat().st_atime_ns, target.stat().st_mtime_ns + 10**9))
    third = ingest_news(raw_dir=str(raw_copy), warehouse=str(warehouse_path), batch_size=2)
    assert (third["loaded"], third["failed_checks"]) == (1, {})
    path = "003_d92fd9f8a8b58e48.txt"
    assert _q(snap, f"SELECT count(*) FROM raw.files WHERE path = '{path}'") == [(2,)]
    assert _q(snap, f"SELECT count(*) FROM core.articles WHERE path = '{path}'") == [(2,)]
    assert _q(snap, f"SELECT count(DISTINCT last_load_id) FROM raw.files WHERE path = '{path}'") == [(2,)]
    body = _q(snap, f"SELECT body FROM staging.articles WHERE path = '{path}'")
    assert len(body) == 1 and "एक नया अनुच्छेद" not in body[0][0]
    blocks = _q(snap, "SELECT count(*) FROM core.blocks b JOIN staging.articles a USING (file_version_id) "
                      f"WHERE a.path = '{path}'")
    assert blocks[0][0] > 0
