"""flows/warehouse/ against a real DuckDB file: migrations, views and their comments, locks."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

from flows import warehouse as wh


@pytest.fixture
def sql_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    dest = tmp_path / "sql"
    shutil.copytree(wh.sql_dir(), dest)
    monkeypatch.setattr(wh.schema, "sql_dir", lambda: dest)  # where migrations, views and checks look
    return dest


def test_migrations_apply_once_and_are_recorded(tmp_path: Path) -> None:
    con = wh.connect(tmp_path / "w.duckdb")
    first = wh.migrate(con)
    assert first and first[0] == "001_initial.sql"
    assert wh.migrate(con) == []
    rows = con.execute("SELECT name, length(checksum) FROM ops.schema_migrations").fetchall()
    assert rows == [(name, 64) for name in first]


def test_changed_applied_migration_is_an_error(tmp_path: Path, sql_copy: Path) -> None:
    con = wh.connect(tmp_path / "w.duckdb")
    wh.migrate(con)
    mig = sql_copy / "migrations" / "001_initial.sql"
    mig.write_text(mig.read_text() + "\n-- edited\n")
    with pytest.raises(wh.WarehouseError, match="changed after it was applied"):
        wh.migrate(con)


def test_failed_migration_rolls_back(tmp_path: Path, sql_copy: Path) -> None:
    con = wh.connect(tmp_path / "w.duckdb")
    wh.migrate(con)
    (sql_copy / "migrations" / "999_broken.sql").write_text("CREATE TABLE core.half (x INT);\nSELEC nonsense;")
    with pytest.raises(wh.WarehouseError, match="999_broken"):
        wh.migrate(con)
    assert con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'half'").fetchone() == (0,)
    assert "999_broken.sql" not in dict(con.execute("SELECT name, 1 FROM ops.schema_migrations").fetchall())


def test_every_view_and_column_carries_a_comment(tmp_path: Path) -> None:
    con = wh.connect(tmp_path / "w.duckdb")
    wh.migrate(con)
    created = wh.apply_views(con)
    assert {"marts.articles", "marts.daily_language_counts", "marts.language_mix", "marts.boilerplate_summary",
            "marts.rejections", "marts.loads", "marts.language_review"} <= set(created)
    views = con.execute(
        "SELECT schema_name || '.' || view_name, comment FROM duckdb_views() WHERE NOT internal "
        "AND schema_name IN ('staging', 'marts')").fetchall()
    assert {v for v, _ in views} == set(created)
    assert all(c and "Grain:" in c for _, c in views)
    uncommented = con.execute(
        "SELECT table_schema, table_name, column_name FROM information_schema.columns "
        "WHERE table_schema IN ('staging', 'marts') AND (column_comment IS NULL OR column_comment = '')"
    ).fetchall()
    assert uncommented == []


def test_reapplying_views_keeps_comments(tmp_path: Path) -> None:
    con = wh.connect(tmp_path / "w.duckdb")
    wh.migrate(con)
    wh.apply_views(con)
    wh.apply_views(con)  # CREATE OR REPLACE erases comments: they must be re-issued
    assert con.execute("SELECT comment FROM duckdb_views() WHERE view_name = 'loads'").fetchone()[0]


def test_view_without_grain_is_refused(tmp_path: Path, sql_copy: Path) -> None:
    (sql_copy / "views" / "marts" / "nograin.sql").write_text("-- no grain here\nSELECT 1 AS x\n")
    with pytest.raises(wh.WarehouseError, match="grain"):
        wh.view_specs()


def test_view_with_undocumented_column_is_refused(tmp_path: Path, sql_copy: Path) -> None:
    bare = "-- grain: one row\n-- @column x: x\nSELECT 1 AS x, 2 AS y\n"
    (sql_copy / "views" / "marts" / "bare.sql").write_text(bare)
    con = wh.connect(tmp_path / "w.duckdb")
    wh.migrate(con)
    with pytest.raises(wh.WarehouseError, match="missing: \\['y'\\]"):
        wh.apply_views(con)


def test_checks_find_bad_rows(tmp_path: Path) -> None:
    con = wh.connect(tmp_path / "w.duckdb")
    wh.migrate(con)
    wh.apply_views(con)  # some checks read staging views
    assert all(r.failing_rows == 0 for r in wh.run_checks(con))
    con.execute("INSERT INTO ops.loads (load_id, started_at, status, files_seen, files_loaded) "
                "VALUES ('L1', now()::TIMESTAMP, 'completed', 3, 1)")
    failing = {r.name: r.failing_rows for r in wh.run_checks(con) if r.failing_rows}
    assert failing == {"loads_counts_balance": 1}


def test_lock_held_by_another_process_maps_to_warehouse_locked(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    wh.connect(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import duckdb, sys, time
            con = duckdb.connect({str(path)!r})
            print("ready", flush=True)
            sys.stdin.readline()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(wh.WarehouseLocked, match=f"process {holder.pid}"):
            wh.connect(path, retries=2, backoff_s=0.05)
    finally:
        holder.communicate("\n", timeout=30)


def test_snapshot_opens_read_only_with_views_and_comments(tmp_path: Path) -> None:
    con = wh.connect(tmp_path / "w.duckdb")
    wh.migrate(con)
    wh.apply_views(con)
    snap = wh.publish_snapshot(con, tmp_path / "w_bi.duckdb")
    con.close()
    ro = duckdb.connect(str(snap), read_only=True)
    assert ro.execute("SELECT count(*) FROM marts.loads").fetchone() == (0,)
    assert ro.execute("SELECT comment FROM duckdb_views() WHERE view_name = 'articles' "
                      "AND schema_name = 'marts'").fetchone()[0]
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize("storage", ["v1.4.0", "latest"])
def test_publish_removes_temp_files_of_killed_publishes(tmp_path: Path, storage: str) -> None:
    # A publish killed half-way leaves its temp file under *its* pid; the next run has another pid.
    con = wh.connect(tmp_path / "w.duckdb", config={"storage_compatibility_version": storage})
    wh.migrate(con)
    wh.apply_views(con)
    stale = [tmp_path / ".w_bi.duckdb.999999.tmp", tmp_path / ".w_bi.duckdb.999999.tmp.wal"]
    for f in stale:
        f.write_bytes(b"half a database")
    how = wh.publish(con, tmp_path / "w_bi.duckdb")
    con.close()
    assert how == ("file-copy" if storage == "v1.4.0" else "copy-database")
    assert not [f for f in stale if f.exists()]
    assert not list(tmp_path.glob(".w_bi.duckdb.*"))
    assert duckdb.connect(str(tmp_path / "w_bi.duckdb"), read_only=True).execute(
        "SELECT count(*) FROM marts.loads").fetchone() == (0,)


def test_publish_if_changed_copies_only_when_the_warehouse_changed(tmp_path: Path) -> None:
    con = wh.connect(tmp_path / "w.duckdb", config={"storage_compatibility_version": wh.WRITER_STORAGE_VERSION})
    wh.migrate(con)
    wh.apply_views(con)
    snap = tmp_path / "w_bi.duckdb"

    def run(load_id: str, batches: int = 0, status: str = "completed") -> str:
        wh.start_load(con, load_id, None, "raw", "v")
        con.execute("UPDATE ops.loads SET status = ?, batches = ? WHERE load_id = ?", [status, batches, load_id])
        return wh.publish_if_changed(con, snap, load_id)

    assert run("L1", batches=1) == "file-copy"
    assert run("L2") == "unchanged"  # wrote nothing but its own ops.loads row
    assert run("L3", batches=2) == "file-copy"
    assert run("L4", status="failed") == "file-copy"  # a failed run may have committed batches
    assert run("L5") == "unchanged"
    con.execute("UPDATE ops.loads SET files_gone = 1 WHERE load_id = 'L5'")
    assert wh.publish_if_changed(con, snap, "L5") == "file-copy"  # a run that marked files gone
    assert run("L6") == "unchanged"
    assert wh.publish_if_changed(con, tmp_path / "other_bi.duckdb", "L6") == "file-copy"  # another target
    snap.unlink()
    assert run("L7") == "file-copy"
    # A killed run found by the next one (start_load marks it crashed): that changes ops.loads.
    con.execute("INSERT INTO ops.loads (load_id, started_at, status) VALUES ('L8', now()::TIMESTAMP, 'running')")
    assert run("L9") == "file-copy"
    assert run("L10") == "unchanged"
    # Changed view definitions (a new release) republish too.
    specs = wh.view_specs()
    changed = [*specs[:-1], dataclasses.replace(specs[-1], description=specs[-1].description + " Changed.")]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(wh.schema, "view_specs", lambda: changed)
        assert run("L11") == "file-copy"
    con.close()
    ro = duckdb.connect(str(snap), read_only=True)
    assert ro.execute("SELECT max(load_id) FROM ops.loads WHERE batches > 0").fetchone() == ("L3",)
    ro.close()


def test_writer_row_group_size_applies_to_appends(tmp_path: Path) -> None:
    # The flow's writer appends in small row groups (flows.warehouse.write.WRITER_ROW_GROUP_SIZE): a checkpoint
    # then rewrites at most one small partly-full group per table, not the whole table.
    path = tmp_path / "w.duckdb"
    con = wh.connect(path, config={"storage_compatibility_version": wh.WRITER_STORAGE_VERSION}, row_group_size=2048)
    wh.migrate(con)
    for start in range(0, 6000, 1500):  # appends in several transactions, as batches are
        con.execute("INSERT INTO ops.file_state (path, outcome, load_id) SELECT 'p' || i, 'loaded', 'L' "
                    f"FROM range({start}, {start + 1500}) t(i)")
        con.execute("CHECKPOINT")
    groups = con.execute("SELECT count(DISTINCT row_group_id), max(count) FROM pragma_storage_info('ops.file_state')"
                         ).fetchone()
    assert wh.storage_version(con) == wh.WRITER_STORAGE_VERSION
    con.close()
    assert groups is not None and groups[0] >= 3 and groups[1] <= 2048
    # A plain read-only open (BI tools, the snapshot) reads it as any file.
    ro = duckdb.connect(str(path), read_only=True)
    assert ro.execute("SELECT count(*) FROM ops.file_state").fetchone() == (6000,)
    ro.close()


def test_writer_memory_limit_grows_with_the_primary_key_entries(tmp_path: Path) -> None:
    con = wh.connect(tmp_path / "w.duckdb")
    wh.migrate(con)
    assert wh.fit_memory_limit(con, 64, 48) == 64  # an empty warehouse: the base
    con.execute("INSERT INTO ops.file_state (path, outcome, load_id) "
                "SELECT 'p' || i, 'loaded', 'L' FROM range(100000) t(i)")
    con.execute("INSERT INTO raw.rejections (rejection_id, load_id, path, reason, detail, rejected_at) "
                "SELECT 'r' || i, 'L', 'p' || i, 'binary', 'NUL bytes', now()::TIMESTAMP FROM range(50000) t(i)")
    # 150,000 keys x 48 bytes = 6.9 MB, rounded up.
    assert wh.fit_memory_limit(con, 64, 48) == 71
    limit = con.execute("SELECT current_setting('memory_limit')").fetchone()
    con.close()
    assert limit is not None and limit[0] == "71.0 MiB"


def test_stages_get_a_thread_per_core_and_the_writer_gets_its_one_back(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wh.write, "STAGE_THREADS", 3)
    con = wh.open_writer(tmp_path / "w.duckdb", wait_s=None)
    threads = lambda: con.execute("SELECT current_setting('threads')").fetchone()  # noqa: E731
    assert threads() == (wh.WRITER_CONFIG["threads"],)
    with wh.stage_threads(con):
        assert threads() == (3,)
    with pytest.raises(RuntimeError), wh.stage_threads(con):
        raise RuntimeError("a stage failed")
    assert threads() == (wh.WRITER_CONFIG["threads"],)
    con.close()


def test_registered_frame_is_unregistered_even_when_the_block_fails() -> None:
    import polars as pl

    con = duckdb.connect(":memory:")
    frame = pl.DataFrame({"x": [1, 2, 3]})
    with wh.registered(con, frame) as outer, wh.registered(con, frame) as inner:
        assert outer != inner  # unique names: nesting never clashes
        assert con.execute(f"SELECT sum(x) FROM {outer}").fetchall() == [(6,)]
    with pytest.raises(ZeroDivisionError), wh.registered(con, frame, "_probe") as name:
        assert name.startswith("_probe")
        raise ZeroDivisionError
    for gone in (outer, inner, name):
        with pytest.raises(duckdb.CatalogException):
            con.execute(f"SELECT * FROM {gone}")
    con.close()


def test_sql_dir_finds_the_wheel_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    # A wheel's layout: flows/warehouse/schema.py beside flows/_sql (pyproject's force-include).
    package = tmp_path / "site" / "flows" / "warehouse"
    package.mkdir(parents=True)
    shutil.copy(Path(wh.schema.__file__), package / "schema.py")
    (tmp_path / "site" / "flows" / "_sql").mkdir()
    spec = importlib.util.spec_from_file_location("wheel_schema", package / "schema.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "wheel_schema", module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    assert module.sql_dir() == (tmp_path / "site" / "flows" / "_sql").resolve()
    assert wh.sql_dir() == Path(__file__).resolve().parents[1] / "sql"  # a checkout
