"""Many files: 100,000 tiny ones in one folder (one run records every one; the next skips them all),
and a warehouse that has grown to a million files."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.reliability.helpers import cli, query

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

N = 100_000


def _write_tiny(folder: Path) -> dict[str, int]:
    """One in ten a short article, the rest the debris a scraper leaves: empty, a number, one word."""
    folder.mkdir(parents=True)
    expected = {"loaded": 0, "empty": 0, "no_letters": 0, "no_body": 0}
    fd_dir = os.fsencode(folder)
    for i in range(N):
        if i % 10 == 0:
            data = (f"खबर {i}\n\nनई दिल्ली: यह एक बहुत छोटा समाचार लेख है, संख्या {i}, जिसमें केवल एक "
                    "वाक्य है।\n").encode()
            expected["loaded"] += 1
        elif i % 10 in (1, 2, 3):
            data = b""
            expected["empty"] += 1
        elif i % 10 in (4, 5, 6):
            data = f"{i}\n".encode()
            expected["no_letters"] += 1
        else:
            data = f"शब्द{i}".encode()  # a lone word: a title with no body
            expected["no_body"] += 1
        with open(os.path.join(fd_dir, b"%06d.txt" % i), "wb") as fh:
            fh.write(data)
    return expected


def test_100k_tiny_files_in_one_folder(tmp_path: Path, flow_env: dict[str, str]) -> None:
    raw, wh = tmp_path / "raw", tmp_path / "wh" / "news.duckdb"
    expected = _write_tiny(raw / "one_folder")
    args = ("run", "--raw", str(raw), "--warehouse", str(wh))
    t = time.monotonic()
    first = cli(*args, env=flow_env, timeout=1500)
    first_s = time.monotonic() - t
    assert first.returncode == 0, first.stderr
    rejected = N - expected["loaded"]
    assert f"files seen {N}: loaded {expected['loaded']}, unchanged 0, rejected {rejected}" in first.stdout
    snap = wh.with_name("news_bi.duckdb")
    reasons = dict(query(snap, "SELECT reason, count(*) FROM raw.rejections GROUP BY 1"))
    assert reasons == {k: v for k, v in expected.items() if k != "loaded"}
    assert query(snap, "SELECT count(*) FROM marts.articles") == [(expected["loaded"],)]
    assert query(snap, "SELECT counts_balance FROM marts.loads") == [(True,)]

    t = time.monotonic()
    second = cli(*args, env=flow_env, timeout=1500)
    second_s = time.monotonic() - t
    assert second.returncode == 0, second.stderr
    assert f"files seen {N}: loaded 0, unchanged {N}, rejected 0" in second.stdout
    print(f"\n100k tiny files: first run {first_s:.0f} s, second (all unchanged) {second_s:.0f} s")
    assert second_s < first_s


def test_a_warehouse_of_a_million_files_still_loads(tmp_path: Path, flow_env: dict[str, str]) -> None:
    # DuckDB holds primary-key indexes in memory while it writes; with a fixed memory_limit a load
    # into a big enough warehouse fails ("failed to pin block"; 64 MB failed at 500k files). The writer
    # sizes its limit to the warehouse before every batch (warehouse.fit_memory_limit).
    from flows import warehouse as whm
    from flows.warehouse.write import WRITER_CONFIG, WRITER_ROW_GROUP_SIZE

    wh = tmp_path / "wh" / "news.duckdb"
    con = whm.connect(wh, config=dict(WRITER_CONFIG, memory_limit="2GB", threads=2),
                      row_group_size=WRITER_ROW_GROUP_SIZE)
    whm.migrate(con)
    files = 1_000_000  # already gone from the folder, so the run neither rereads nor re-marks them
    con.execute(f"""INSERT INTO ops.file_state (path, size_bytes, mtime_ns, sha256, outcome, load_id, gone_load_id)
        SELECT 'old/' || (i % 97) || '/' || lpad(i::VARCHAR, 9, '0') || '_' || md5(i::VARCHAR)[:16] || '.txt',
               3000, i, md5(i::VARCHAR) || md5(i::VARCHAR), 'loaded', 'L0', 'L0' FROM range({files}) t(i)""")
    con.execute(f"""INSERT INTO raw.files SELECT md5('f' || i)[:16], 'old/' || i, md5(i::VARCHAR), 3000, i,
        'utf-8', 'text ' || i, 'L0', 'L0', now()::TIMESTAMP, now()::TIMESTAMP FROM range({files}) t(i)""")
    con.execute(f"""INSERT INTO core.articles (file_version_id, article_id, path, sha256, body, language,
            language_probability, language_method, language_needs_review, script, script_shares, code_mix_share,
            letters, words, body_chars, blocks, load_id, parser_version, loaded_at)
        SELECT md5('f' || i)[:16], md5('a' || i)[:16], 'old/' || i, md5(i::VARCHAR), 'body ' || i, 'hi', 0.99,
            'langdetect', false, 'Devanagari', '{{}}', 0.0, 100, 50, 500, 10, 'L0', 'v', now()::TIMESTAMP
        FROM range({files}) t(i)""")
    con.execute("CHECKPOINT")
    con.close()
    raw = tmp_path / "raw"
    subprocess.run([sys.executable, "benchmarks/make_corpus.py", "--articles", "3000", "--seed", "7", "--out",
                    str(raw)], check=True, cwd=Path(__file__).resolve().parents[2], capture_output=True)

    run = cli("run", "--raw", str(raw), "--warehouse", str(wh), env=flow_env, timeout=900)
    assert run.returncode == 0, run.stderr[-3000:]
    counts = re.search(r"files seen 3000: loaded (\d+), unchanged 0, rejected (\d+)", run.stdout)
    assert counts is not None, run.stdout
    loaded, rejected = int(counts[1]), int(counts[2])
    bad = json.loads((raw / "_manifest.json").read_text(encoding="utf-8"))["bad"]
    assert loaded + rejected == 3000 and bad <= rejected < bad + 10
    assert query(wh.with_name("news_bi.duckdb"), "SELECT count(*) FROM core.articles") == [(files + loaded,)]
