"""100,000 tiny files in one folder: one run sees, sorts and records every one; the next skips them all."""

from __future__ import annotations

import os
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
