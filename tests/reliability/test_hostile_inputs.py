"""Every hostile kind through the steps (discover -> read -> decode -> segment -> language -> frames).

Fast and in-process; test_hostile_run.py puts the same corpus through one real flow run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import tracemalloc
from pathlib import Path

import polars as pl
import pytest

from flows.steps import parse
from flows.steps.discover import FileRef, discover, path_from_text, path_to_text
from flows.steps.load import to_frames
from flows.steps.parse import Article, Rejected, process_file
from flows.steps.reasons import Reason
from flows.steps.rows import to_rows
from tests.reliability.corpus import LOADED, Kind, hostile_kinds, restore_permissions, write_corpus
from tests.reliability.helpers import ROOT, unprivileged_prefix

KINDS = hostile_kinds()
REF_RULES = parse._default_rules()


def test_the_corpus_has_at_least_30_kinds_with_distinct_paths() -> None:
    assert len(KINDS) >= 30
    assert len({k.path for k in KINDS}) == len(KINDS)
    assert {k.outcome for k in KINDS} >= {LOADED, "empty", "binary", "invalid_utf8", "too_large", "no_body",
                                          "symlink_not_followed", "symlink_loop", "unreadable", "html_document"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, FileRef]]:
    base = tmp_path_factory.mktemp("hostile")
    write_corpus(base / "raw", base / "outside", KINDS)
    found = discover(base / "raw", {})
    yield base / "raw", {ref.path: ref for ref in found.candidates}
    restore_permissions(base / "raw")


def _body_of(text: str) -> str:
    out = parse.parse_text(text, path="ref", sha256="0", size=0, mtime_ns=0, encoding="utf-8", raw=b"",
                           default_zone="Asia/Kolkata", rules=REF_RULES)
    assert isinstance(out, Article)
    return out.body


def _check(kind: Kind, out: parse.Outcome, raw: Path) -> None:
    if kind.outcome == LOADED:
        assert isinstance(out, Article), f"{kind.name}: expected loaded, got {out}"
        if kind.language:
            assert out.language.language == kind.language
        if kind.same_body_as is not None:
            assert out.body == _body_of(kind.same_body_as)
        if kind.encoding is not None:
            assert out.encoding.startswith(kind.encoding)
        if kind.body_contains is not None:
            assert kind.body_contains in out.body
        return
    assert isinstance(out, Rejected), f"{kind.name}: expected rejected:{kind.outcome}, got {type(out).__name__}"
    assert (out.reason, kind.name) == (kind.outcome, kind.name)
    assert out.detail and out.detail != out.reason  # a sentence for a person, not just the code
    if kind.bytes_kept:
        on_disk = Path(os.fsdecode(os.path.join(os.fsencode(raw), path_from_text(kind.path)))).read_bytes()
        assert out.content == on_disk
        assert out.sha256 is not None


@pytest.mark.parametrize("kind", [k for k in KINDS if k.outcome != "unreadable"], ids=lambda k: k.name)
def test_kind_through_the_steps(kind: Kind, corpus: tuple[Path, dict[str, FileRef]]) -> None:
    raw, refs = corpus
    assert kind.path in refs, f"discover did not report {kind.path!r}"
    out = process_file(refs[kind.path])
    _check(kind, out, raw)
    # The warehouse frames build (VARCHAR needs valid UTF-8: a surrogate here would fail the batch).
    frames = to_frames(to_rows([out], "L1", parse.datetime(2024, 1, 1)))
    for frame in (frames.files, frames.articles, frames.rejections, frames.file_state):
        for col, dtype in frame.schema.items():
            if dtype == pl.String:
                for value in frame[col].drop_nulls():
                    value.encode("utf-8")  # raises on a lone surrogate


def test_discover_reports_every_entry_once_and_nothing_else(corpus: tuple[Path, dict[str, FileRef]]) -> None:
    _raw, refs = corpus
    assert sorted(refs) == sorted(k.path for k in KINDS)


def test_unreadable_file_is_rejected_when_permission_is_really_denied(tmp_path: Path) -> None:
    prefix = unprivileged_prefix()
    if prefix is None:
        pytest.skip("running as root without setpriv: cannot drop CAP_DAC_OVERRIDE to make a file unreadable")
    kind = next(k for k in KINDS if k.outcome == "unreadable")
    write_corpus(tmp_path / "raw", tmp_path / "out", [kind])
    script = (
        "import sys; from pathlib import Path; from flows.steps.discover import discover; "
        "from flows.steps.parse import process_file; "
        "ref = discover(Path(sys.argv[1]), {}).candidates[0]; out = process_file(ref); "
        "print(out.reason, out.retry, out.content is None, sep='|'); print(out.detail)"
    )
    try:
        done = subprocess.run([*prefix, sys.executable, "-c", script, str(tmp_path / "raw")], capture_output=True,
                              text=True, cwd=ROOT, timeout=120, check=False)
    finally:
        restore_permissions(tmp_path / "raw")
    assert done.returncode == 0, done.stderr
    first, detail = done.stdout.splitlines()[:2]
    assert first == "unreadable|True|True"  # transient: retried next run
    assert "permission denied" in detail.lower()


def test_over_the_cap_is_rejected_without_reading_it_into_memory(tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    with open(big, "wb") as fh:
        fh.write(b"x" * 1000)
        fh.truncate(20 * 1024 * 1024 + 1)
    ref = FileRef("huge.txt", str(big), big.stat().st_size, big.stat().st_mtime_ns)
    tracemalloc.start()
    try:
        out = process_file(ref, max_bytes=20 * 1024 * 1024)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(out, Rejected) and out.reason == "too_large" and out.content is None
    assert peak < 1024 * 1024, f"peak {peak} bytes: the file was read"


def test_a_file_that_grows_past_the_cap_while_read_is_cut_off(tmp_path: Path) -> None:
    f = tmp_path / "grows.txt"
    f.write_bytes(b"a" * 100)
    ref = FileRef("grows.txt", str(f), 100, f.stat().st_mtime_ns)
    real_read = os.read
    calls = 0

    def read_then_grow(fd: int, n: int) -> bytes:
        nonlocal calls
        calls += 1
        chunk = real_read(fd, n)
        if calls == 1:
            with open(f, "ab") as fh:  # another process appends while we read
                fh.write(b"b" * 5000)
        return chunk

    parse.os.read = read_then_grow  # type: ignore[assignment]
    try:
        out = process_file(ref, max_bytes=1000)
    finally:
        parse.os.read = real_read  # type: ignore[assignment]
    assert isinstance(out, Rejected) and out.reason == "too_large"


def test_a_file_that_changes_while_read_is_rejected_for_a_retry(tmp_path: Path) -> None:
    f = tmp_path / "changing.txt"
    text = Path(ROOT / "data" / "raw" / "000_f3f1788887fbcc73.txt").read_bytes()
    f.write_bytes(text * 300)  # > 1 MiB: read in more than one chunk
    st = f.stat()
    ref = FileRef("changing.txt", str(f), st.st_size, st.st_mtime_ns)
    real_read = os.read
    calls = 0

    def read_while_writer_appends(fd: int, n: int) -> bytes:
        nonlocal calls
        calls += 1
        chunk = real_read(fd, n)
        if calls == 1:
            with open(f, "ab") as fh:  # a scraper still writing the file
                fh.write("नया अनुच्छेद\n".encode())
        return chunk

    parse.os.read = read_while_writer_appends  # type: ignore[assignment]
    try:
        out = process_file(ref)
    finally:
        parse.os.read = real_read  # type: ignore[assignment]
    assert isinstance(out, Rejected)
    assert (out.reason, out.retry) == (Reason.CHANGED_WHILE_READING, True)
    assert calls >= 2
    # Once the writer is done, the next read loads it.
    again = process_file(FileRef("changing.txt", str(f), f.stat().st_size, f.stat().st_mtime_ns))
    assert isinstance(again, Article)


def test_a_file_that_disappears_after_discovery_is_vanished_and_retried(tmp_path: Path) -> None:
    f = tmp_path / "raw" / "soon_gone.txt"
    f.parent.mkdir()
    f.write_text("x", encoding="utf-8")
    ref = discover(tmp_path / "raw", {}).candidates[0]
    f.unlink()
    out = process_file(ref)
    assert isinstance(out, Rejected) and (out.reason, out.retry) == ("vanished", True)


def test_a_file_replaced_by_a_symlink_after_discovery_is_not_followed(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    f = raw / "swap.txt"
    f.write_text("harmless", encoding="utf-8")
    ref = discover(raw, {}).candidates[0]
    f.unlink()
    f.symlink_to(tmp_path / "secret.txt")  # the race a symlink check at discovery alone would lose
    out = process_file(ref)
    assert isinstance(out, Rejected) and out.reason == "symlink_not_followed" and out.content is None


def test_many_readers_race_a_deleting_writer_without_raising(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    for i in range(200):
        (raw / f"{i}.txt").write_text("नमस्ते दुनिया, यह एक छोटा लेख है। " * 5, encoding="utf-8")
    refs = discover(raw, {}).candidates

    def delete_half() -> None:
        for i in range(0, 200, 2):
            (raw / f"{i}.txt").unlink()

    t = threading.Thread(target=delete_half)
    t.start()
    outs = [process_file(r) for r in refs]
    t.join()
    reasons = {o.reason for o in outs if isinstance(o, Rejected)}
    assert reasons <= {"vanished", "no_body"}
    assert len(outs) == 200


# ------------------------------------------------------------------ paths


@pytest.mark.parametrize("name", [
    b"plain.txt", "समाचार.txt".encode(), b"caf\xe9.txt", b"\xff\xfe.txt", b"a\\b.txt", b"caf\\xe9.txt",
    b"back\\\\slash\\x.txt", b"line\nbreak.txt", b"\xed\xa0\x80surrogate.txt", b"mixed\\\xe9\\xe9.txt",
])
def test_path_text_is_valid_utf8_and_reversible(name: bytes) -> None:
    text = path_to_text(os.fsdecode(name))
    text.encode("utf-8")
    assert path_from_text(text) == name


def test_path_text_is_the_name_itself_when_it_is_plain_utf8() -> None:
    assert path_to_text("समाचार/उत्तर कोरिया.txt") == "समाचार/उत्तर कोरिया.txt"
    assert path_to_text(os.fsdecode(b"caf\xe9.txt")) == "caf\\xe9.txt"
    assert path_to_text("caf\\xe9.txt") == "caf\\\\xe9.txt"


def test_unlistable_subfolder_is_reported_and_its_files_are_not_marked_gone(tmp_path: Path) -> None:
    prefix = unprivileged_prefix()
    if prefix is None:
        pytest.skip("running as root without setpriv: cannot make a folder unlistable")
    raw = tmp_path / "raw"
    (raw / "locked").mkdir(parents=True)
    (raw / "locked" / "a.txt").write_text("x", encoding="utf-8")
    (raw / "ok.txt").write_text("x", encoding="utf-8")
    os.chmod(raw / "locked", 0)
    script = (
        "import sys; from pathlib import Path; from flows.steps.discover import discover; "
        "d = discover(Path(sys.argv[1]), {'locked/a.txt': (1, 1), 'ok.txt': (1, 1), 'old.txt': (1, 1)}); "
        "print([(r.path, r.problem and str(r.problem)) for r in d.candidates]); print(d.gone)"
    )
    try:
        done = subprocess.run([*prefix, sys.executable, "-c", script, str(raw)], capture_output=True, text=True,
                              cwd=ROOT, timeout=120, check=False)
    finally:
        os.chmod(raw / "locked", 0o755)
    assert done.returncode == 0, done.stderr
    cands, gone = done.stdout.splitlines()
    assert cands == "[('locked/', 'unreadable_folder'), ('ok.txt', None)]"
    assert gone == "['old.txt']"
