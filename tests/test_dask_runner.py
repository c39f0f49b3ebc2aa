"""--task-runner dask: parsing on a real Dask cluster (2 worker processes) gives the same warehouse."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from flows.ingest import ingest_flow

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "data" / "raw").glob("*.txt"))

OTHER = {
    "en": "Farmers get a new crop insurance scheme",
    "en_body": (
        "The central government on Tuesday announced a new scheme for farmers. The agriculture minister said "
        "crores of farmers across the country would benefit directly and crop insurance would become simpler."
    ),
    "mr": "शेतकऱ्यांसाठी नवीन योजना जाहीर",
    "mr_body": (
        "राज्य सरकारने शेतकऱ्यांसाठी नवीन योजना जाहीर केली आहे. या योजनेअंतर्गत पीक विम्याची प्रक्रिया सोपी "
        "करण्यात आली आहे आणि नुकसान भरपाईची रक्कम थेट बँक खात्यात जमा करण्यात येणार आहे."
    ),
    "ur": "کسانوں کے لیے نئی اسکیم",
    "ur_body": (
        "وفاقی حکومت نے منگل کو کسانوں کے لیے ایک نئی اسکیم کا اعلان کیا۔ وزیر زراعت نے کہا کہ اس اسکیم سے "
        "ملک کے لاکھوں کسانوں کو براہ راست فائدہ پہنچے گا۔"
    ),
}


def _corpus(root: Path) -> Path:
    """~100 files: variants of the five samples, other languages, sub-folders, a duplicate, bad files."""
    raw = root / "raw"
    for i in range(80):
        lines = SAMPLES[i % 5].read_text(encoding="utf-8").splitlines()
        keep = [line for j, line in enumerate(lines) if j < 3 or (j + i) % 4 != 0]  # a different cut each time
        folder = raw / f"source{i % 3}" / f"2024-0{1 + i % 9}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"article-{i:03d}.txt").write_text("\n".join(keep) + "\n", encoding="utf-8")
    for i in range(6):
        for lang in ("en", "mr", "ur"):
            text = f"{OTHER[lang]} {i}\n\n" + "\n\n".join([OTHER[lang + '_body']] * (2 + i)) + "\n"
            (raw / f"{lang}-{i}.txt").write_text(text, encoding="utf-8")
    shutil.copy(raw / "source0" / "2024-01" / "article-000.txt", raw / "syndicated-copy.txt")
    (raw / "empty.txt").write_bytes(b"")
    (raw / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00binary")
    (raw / "broken.txt").write_bytes("कुछ हिंदी".encode() + b"\xe0\xa4")
    return raw


def _rows(warehouse: Path, sql: str) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_dask_runner_builds_the_same_warehouse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from distributed import LocalCluster

    raw = _corpus(tmp_path)
    here = tmp_path / "default" / "news.duckdb"
    there = tmp_path / "dask" / "news.duckdb"
    # Small batches: several of them, so the pipelining (dispatch ahead, load behind) is exercised too.
    first = ingest_flow("default")(raw_dir=str(raw), warehouse=str(here), batch_size=40)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        monkeypatch.setenv("NEWSDW_DASK_ADDRESS", cluster.scheduler_address)
        second = ingest_flow("dask")(raw_dir=str(raw), warehouse=str(there), batch_size=40, task_runner="dask")
        prefix = cluster.scheduler.task_prefixes.get("parse_chunk")
        ran_on_workers = prefix.state_counts["memory"] if prefix is not None else 0

    assert ran_on_workers >= 3  # every chunk went to the cluster
    for key in ("seen", "loaded", "unchanged", "rejected", "languages", "rejections", "failed_checks"):
        assert first[key] == second[key], key
    assert first["loaded"] >= 95 and first["rejected"] == 3
    assert set(first["languages"]) >= {"hi", "en", "mr", "ur"}

    articles = ("SELECT article_id, path, sha256, language, language_probability, title, body, published_at "
                "FROM core.articles ORDER BY path")
    assert _rows(here, articles) == _rows(there, articles)
    blocks = ("SELECT a.path, b.ordinal, b.kind, b.rule, b.text, b.language, b.script FROM core.blocks b "
              "JOIN core.articles a USING (file_version_id) ORDER BY 1, 2")
    assert _rows(here, blocks) == _rows(there, blocks)
    rejections = "SELECT path, reason, detail FROM raw.rejections ORDER BY path"
    assert _rows(here, rejections) == _rows(there, rejections)


def test_dask_runner_without_an_address_is_a_clear_error(tmp_path: Path) -> None:
    from flows.ingest import ingest_news

    raw = tmp_path / "raw"
    raw.mkdir()
    with pytest.raises(ValueError, match="NEWSDW_DASK_ADDRESS"):
        ingest_news(raw_dir=str(raw), warehouse=str(tmp_path / "w.duckdb"), task_runner="dask")
