"""The whole hostile corpus through real `newsdw run`s: nothing stops the run, nothing is lost.

The run is a subprocess without CAP_DAC_OVERRIDE (see helpers.unprivileged_prefix), so the
chmod-000 file really is unreadable to it although the tests run as root.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from flows.steps.discover import path_from_text
from tests.reliability.corpus import LOADED, Kind, restore_permissions, write_corpus
from tests.reliability.helpers import cli, query, unprivileged_prefix

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def _on_disk(raw: Path, path: str) -> bytes:
    return os.path.join(os.fsencode(raw), path_from_text(path))


def _load_counts(snap: Path) -> list[tuple[object, ...]]:
    return query(snap, "SELECT files_seen, files_loaded, files_unchanged, files_rejected, status, counts_balance "
                       "FROM marts.loads ORDER BY started_at")


def test_hostile_corpus_end_to_end(tmp_path: Path, flow_env: dict[str, str]) -> None:
    prefix = unprivileged_prefix()
    if prefix is None:
        pytest.skip("running as root without setpriv: the unreadable file would be read")
    raw, wh = tmp_path / "raw", tmp_path / "wh" / "news.duckdb"
    snap = wh.with_name("news_bi.duckdb")
    kinds = write_corpus(raw, tmp_path / "outside")
    try:
        _check_runs(kinds, raw, wh, snap, prefix, flow_env)
    finally:
        restore_permissions(raw)


def _check_runs(kinds: list[Kind], raw: Path, wh: Path, snap: Path, prefix: list[str],
                env: dict[str, str]) -> None:
    args = ("run", "--raw", str(raw), "--warehouse", str(wh))
    first = cli(*args, env=env, prefix=prefix)
    assert first.returncode == 0, first.stderr
    assert "Traceback" not in first.stderr
    loaded = [k for k in kinds if k.outcome == LOADED]
    rejected = [k for k in kinds if k.outcome != LOADED]
    assert f"files seen {len(kinds)}: loaded {len(loaded)}, unchanged 0, rejected {len(rejected)}" in first.stdout
    assert "FAILED" not in first.stdout

    # Every kind where it belongs, under the path it has on disk.
    articles = dict(query(snap, "SELECT path, language FROM staging.articles"))
    encodings = dict(query(snap, "SELECT path, encoding FROM raw.files"))
    rejections = {p: (r, c) for p, r, c in query(snap, "SELECT path, reason, content FROM raw.rejections")}
    assert set(articles) == {k.path for k in loaded}
    assert set(rejections) == {k.path for k in rejected}
    for kind in loaded:
        if kind.language:
            assert articles[kind.path] == kind.language, kind.name
        if kind.encoding:
            assert str(encodings[kind.path]).startswith(kind.encoding), kind.name
    for kind in rejected:
        reason, content = rejections[kind.path]
        assert reason == kind.outcome, kind.name
        if kind.bytes_kept:
            with open(_on_disk(raw, kind.path), "rb") as fh:
                assert content == fh.read(), kind.name
        else:
            assert content is None, kind.name
    # Stored paths lead back to exactly the files (or links) they came from, even non-UTF-8 names.
    for (path,) in query(snap, "SELECT path FROM ops.file_state"):
        assert os.path.lexists(_on_disk(raw, str(path))), path
    # The SQL-looking article is data, not a command.
    assert query(snap, "SELECT count(*) FROM core.articles WHERE body LIKE '%DROP TABLE core.articles%'") == [(1,)]
    assert _load_counts(snap) == [(len(kinds), len(loaded), 0, len(rejected), "completed", True)]

    # Second run: nothing new. Only the transient rejection (permission denied) is looked at again.
    second = cli(*args, env=env, prefix=prefix)
    assert second.returncode == 0, second.stderr
    retried = [k for k in rejected if k.outcome == "unreadable"]
    assert f"loaded 0, unchanged {len(kinds) - len(retried)}, rejected {len(retried)}" in second.stdout

    # The file becomes readable: the third run loads it; earlier rows are all still there.
    for kind in retried:
        os.chmod(_on_disk(raw, kind.path), 0o644)
    third = cli(*args, env=env, prefix=prefix)
    assert third.returncode == 0, third.stderr
    assert f"loaded {len(retried)}, unchanged {len(kinds) - len(retried)}, rejected 0" in third.stdout
    after = dict(query(snap, "SELECT path, language FROM staging.articles"))
    assert set(after) == set(articles) | {k.path for k in retried}
    loads = _load_counts(snap)
    assert len(loads) == 3 and all(row[0] == len(kinds) and row[4:] == ("completed", True) for row in loads)
