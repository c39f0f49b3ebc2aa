"""`newsdw query` is a read-only window: no writes, no files, no extensions, safe CSV, no stray paths."""

from __future__ import annotations

import csv
import hashlib
import os
import time
from pathlib import Path

import pytest

from flows import warehouse as wh
from flows.cli import default_memory_limit, format_size, main, neutralise_formula, normalise_size, parse_size

FORMULAS = ["=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1", "=HYPERLINK(\"http://x\")"]


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real published snapshot whose rows carry formula-looking text (no Prefect needed)."""
    base = tmp_path_factory.mktemp("query")
    con = wh.connect(base / "news.duckdb")
    wh.migrate(con)
    wh.apply_views(con)
    for i, detail in enumerate([*FORMULAS, "plain text", "सामान्य पाठ"]):
        con.execute("INSERT INTO raw.rejections (rejection_id, load_id, path, reason, detail, rejected_at) "
                    "VALUES (?, 'L1', ?, 'binary', ?, now()::TIMESTAMP)", [f"r{i}", f"f{i}.txt", detail])
    snap = wh.publish_snapshot(con, base / "news_bi.duckdb")
    con.close()
    return snap


def _wh(snapshot: Path) -> str:
    return str(snapshot.with_name("news.duckdb"))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(("sql", "says"), [
    ("DELETE FROM raw.rejections", "read-only"),
    ("DROP TABLE core.articles", "read-only"),
    ("'); DROP TABLE core.articles; --", "query failed"),
    ("INSERT INTO ops.loads (load_id, started_at, status) VALUES ('x', now(), 'x')", "read-only"),
    ("UPDATE raw.rejections SET reason = 'x'", "read-only"),
    ("CREATE TABLE core.t (x INT)", "read-only"),
    ("SELECT 1; DELETE FROM raw.rejections", "read-only"),
    ("ATTACH '{tmp}/other.duckdb' AS other", "ATTACH needs file or network access"),
    ("ATTACH ':memory:' AS m", "read-only"),
    ("COPY raw.rejections TO '{tmp}/leak.csv'", "COPY needs file or network access"),
    ("COPY raw.rejections FROM '/etc/passwd'", "COPY needs file or network access"),
    ("EXPORT DATABASE '{tmp}/dump'", "EXPORT needs file or network access"),
    ("INSTALL fts", "INSTALL needs file or network access"),
    ("LOAD fts", "LOAD needs file or network access"),
    ("SELECT * FROM read_csv('/etc/passwd')", "reading or writing files needs file or network access"),
    ("SELECT * FROM read_text('/etc/passwd')", "reading or writing files"),
    ("SELECT * FROM glob('/etc/*')", "reading or writing files"),
    ("SET enable_external_access = true", "settings cannot be changed"),
    ("SET allowed_directories = ['/']", "settings cannot be changed"),
])
def test_refused_with_a_clear_message_and_nothing_changes(snapshot: Path, tmp_path: Path, sql: str, says: str,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    before = _digest(snapshot)
    assert main(["query", sql.format(tmp=tmp_path), "--warehouse", _wh(snapshot)]) == 2
    err = capsys.readouterr().err
    assert says in err
    assert "Traceback" not in err
    assert _digest(snapshot) == before
    assert list(tmp_path.iterdir()) == []  # nothing was written anywhere
    # The snapshot still answers, with everything in it.
    assert main(["query", "SELECT count(*) AS n FROM raw.rejections", "--format", "json",
                 "--warehouse", _wh(snapshot)]) == 0
    assert capsys.readouterr().out.strip() == f'[{{"n": {len(FORMULAS) + 2}}}]'


def test_reading_works(snapshot: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "SELECT count(*) AS n FROM marts.rejections", "--warehouse", _wh(snapshot)]) == 0
    assert "(1 row)" in capsys.readouterr().out


SQL = "SELECT detail FROM raw.rejections ORDER BY rejection_id"


def test_csv_to_a_file_is_spreadsheet_safe_by_default(snapshot: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = snapshot.parent / "exports" / "rejections.csv"
    assert main(["query", SQL, "--format", "csv", "--out", str(out), "--warehouse", _wh(snapshot)]) == 0
    with open(out, encoding="utf-8", newline="") as fh:
        cells = [row[0] for row in csv.reader(fh, strict=True)][1:]
    assert sorted(c for c in cells if c.startswith("'")) == sorted("'" + f for f in FORMULAS)
    assert "plain text" in cells and "सामान्य पाठ" in cells
    assert not any(c.startswith(("=", "+", "-", "@", "\t")) for c in cells)
    assert "wrote 9 rows" in capsys.readouterr().err


def test_csv_neutralisation_can_be_turned_off_and_on(snapshot: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = snapshot.parent / "raw_formulas.csv"
    assert main(["query", SQL, "--format", "csv", "--out", str(out), "--no-spreadsheet-safe",
                 "--warehouse", _wh(snapshot)]) == 0
    assert "=1+1" in out.read_text(encoding="utf-8").splitlines()
    assert main(["query", SQL, "--format", "csv", "--warehouse", _wh(snapshot)]) == 0
    assert "=1+1" in capsys.readouterr().out.splitlines()  # stdout: as is, unless asked
    assert main(["query", SQL, "--format", "csv", "--spreadsheet-safe", "--warehouse", _wh(snapshot)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "'=1+1" in lines and "=1+1" not in lines


def test_only_text_cells_are_neutralised() -> None:
    assert neutralise_formula(-5) == -5
    assert neutralise_formula(-0.5) == -0.5
    assert neutralise_formula("-5") == "'-5"
    assert neutralise_formula("a=b") == "a=b"
    assert neutralise_formula(None) is None


@pytest.mark.parametrize("where", [
    "{tmp}/outside.csv",  # another folder
    "{wh}/../escape.csv",  # climbs out
    "{wh}/link/escape.csv",  # through a symlinked folder that points outside
    "{wh}/planted.csv",  # a planted symlink file that points outside
    "{wh}/news.duckdb",  # the warehouse itself
    "{wh}/news_bi.duckdb",
    "{wh}/exports/x.json",  # suffix does not match --format csv
    "{wh}",  # the folder
])
def test_out_paths_are_resolved_and_kept_inside_the_warehouse_folder(
        snapshot: Path, tmp_path: Path, where: str, capsys: pytest.CaptureFixture[str]) -> None:
    folder = snapshot.parent
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    if not (folder / "link").exists():
        (folder / "link").symlink_to(outside)
    if not (folder / "planted.csv").is_symlink():
        (folder / "planted.csv").symlink_to(outside / "planted.csv")
    before = {p: _digest(p) for p in (snapshot, folder / "news.duckdb")}
    target = where.format(tmp=tmp_path, wh=folder)
    assert main(["query", SQL, "--format", "csv", "--out", target, "--warehouse", _wh(snapshot)]) == 2
    assert "refused" in capsys.readouterr().err
    assert list(outside.iterdir()) == []
    assert not (tmp_path / "outside.csv").exists() and not (folder.parent / "escape.csv").exists()
    assert {p: _digest(p) for p in before} == before


def test_relative_out_is_resolved_from_the_current_folder(snapshot: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(snapshot.parent)
    assert main(["query", SQL, "--format", "json", "--out", "exports/../r.json", "--warehouse", _wh(snapshot)]) == 0
    assert (snapshot.parent / "r.json").read_text(encoding="utf-8").startswith("[")
    monkeypatch.chdir(snapshot.parent.parent)
    assert main(["query", SQL, "--format", "json", "--out", "r.json", "--warehouse", _wh(snapshot)]) == 2
    assert not (snapshot.parent.parent / "r.json").exists()
    assert not [p for p in os.listdir(snapshot.parent) if p.endswith(".tmp")]


# ---------------------------------------------------------------- runaway queries: --memory-limit, --timeout

BIG_AGGREGATE = "SELECT length(string_agg(repeat('x', 100000), '')) FROM range(20000)"  # ~2 GB of text
LONG_QUERY = "SELECT count(*) FROM range(1000000000) a, range(1000000) b"  # hours of work


def test_a_query_over_the_memory_limit_stops_with_a_sentence(snapshot: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", BIG_AGGREGATE, "--memory-limit", "50MB", "--warehouse", _wh(snapshot)]) == 1
    err = capsys.readouterr().err
    assert err == "newsdw: query stopped: it needed more than the 50 MB memory limit (--memory-limit)\n"


def test_a_query_over_the_timeout_stops_in_time(snapshot: Path, capsys: pytest.CaptureFixture[str]) -> None:
    started = time.monotonic()
    assert main(["query", LONG_QUERY, "--timeout", "1", "--warehouse", _wh(snapshot)]) == 1
    assert time.monotonic() - started < 3
    assert capsys.readouterr().err == "newsdw: query stopped after the 1 s timeout (--timeout)\n"


def test_a_normal_query_is_untouched_by_the_limits(snapshot: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "SELECT count(*) AS n FROM raw.rejections", "--format", "json", "--timeout", "5",
                 "--memory-limit", "200MB", "--warehouse", _wh(snapshot)]) == 0
    assert capsys.readouterr().out.strip() == f'[{{"n": {len(FORMULAS) + 2}}}]'
    # The limit is in place and locked: a query cannot lift it.
    assert main(["query", "SET memory_limit = '100GB'", "--memory-limit", "200MB", "--warehouse", _wh(snapshot)]) == 2
    assert "settings cannot be changed" in capsys.readouterr().err


@pytest.mark.parametrize(("args", "says"), [
    (["--memory-limit", "12"], "is not a size"),
    (["--memory-limit", "lots"], "is not a size"),
    (["--timeout", "-1"], "is not a number of seconds"),
])
def test_bad_limits_are_refused_by_the_parser(snapshot: Path, args: list[str], says: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["query", "SELECT 1", *args, "--warehouse", _wh(snapshot)])
    assert exited.value.code == 2
    assert says in capsys.readouterr().err


def test_sizes_read_like_duckdb_and_print_plainly() -> None:
    assert parse_size("2GB") == 2 * 10**9
    assert parse_size("1.5 GiB") == int(1.5 * 2**30)
    assert parse_size("500mb") == 500 * 10**6
    assert normalise_size("1.5gib") == "1.5 GiB"
    assert format_size(1_500_000_000) == "1.5 GB"
    assert parse_size(format_size(default_memory_limit())) > 0
    with pytest.raises(ValueError, match="above zero"):
        parse_size("0GB")
