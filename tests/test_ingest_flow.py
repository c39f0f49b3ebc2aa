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

    fourth = _run(raw_copy, warehouse_path)  # rejected files that did not change are not re-rejected
    assert (fourth["loaded"], fourth["unchanged"], fourth["rejected"]) == (0, 6, 0)


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
