"""`newsdw export`: every mart as Parquet (zstd; articles Hive-partitioned) or CSV, read back by
pyarrow and compared with the views; reads only the snapshot; also runs after a load when set."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from flows import warehouse as wh
from flows.cli import main
from flows.export import export_marts

pytestmark = pytest.mark.e2e


def _view_counts(snapshot: Path) -> dict[str, int]:
    con = duckdb.connect(str(snapshot), read_only=True)
    try:
        views = [r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE schema_name = 'marts' "
                                           "AND NOT internal").fetchall()]
        return {v: con.execute(f"SELECT count(*) FROM marts.{v}").fetchone()[0] for v in views}  # type: ignore[index]
    finally:
        con.close()


def test_parquet_export_reads_back_with_the_views_row_counts(bi_warehouse: dict[str, object],
                                                             tmp_path: Path) -> None:
    snapshot = Path(str(bi_warehouse["snapshot"]))
    out = tmp_path / "export"
    assert main(["export", "--warehouse", str(bi_warehouse["warehouse"]), "--out", str(out)]) == 0
    counts = _view_counts(snapshot)
    assert counts["articles"] == 6 and counts["rejections"] == 3 and counts["loads"] == 2
    manifest = json.loads((out / "manifest.json").read_text())
    assert {m["view"] for m in manifest["marts"]} == {f"marts.{v}" for v in counts}
    assert manifest["latest_load_id"] == bi_warehouse["second"]["load_id"]  # type: ignore[index]
    for mart in manifest["marts"]:
        name = mart["view"].split(".")[1]
        path = out / mart["path"]
        if name == "articles":
            assert path.is_dir() and mart["partition_by"] == ["language", "month"]
            table = ds.dataset(path, format="parquet", partitioning="hive").to_table()
        else:
            assert path.name == f"{name}.parquet"
            table = pq.read_table(path)
            meta = pq.ParquetFile(path).metadata
            assert all(meta.row_group(i).column(0).compression == "ZSTD" for i in range(meta.num_row_groups))
            assert meta.num_row_groups > 0 or counts[name] == 0
        assert table.num_rows == counts[name] == mart["rows"], name

    # Hive layout: language=xx/month=YYYY-MM, and the partitions hold the right rows.
    con = duckdb.connect(str(snapshot), read_only=True)
    want = con.execute(
        "SELECT language, strftime(coalesce(published_date, CAST(loaded_at AS DATE)), '%Y-%m') AS month, "
        "count(*) FROM marts.articles GROUP BY ALL").fetchall()
    cols = [r[0] for r in con.execute("DESCRIBE marts.articles").fetchall()]
    con.close()
    parts = sorted((out / "articles").glob("language=*/month=*/*.parquet"))
    assert {(p.parent.parent.name, p.parent.name) for p in parts} == {
        (f"language={lang}", f"month={month}") for lang, month, _ in want}
    assert {p.parent.parent.name for p in parts} >= {"language=hi", "language=en"}
    for p in parts:
        assert pq.ParquetFile(p).metadata.row_group(0).column(0).compression == "ZSTD"
    table = ds.dataset(out / "articles", format="parquet", partitioning="hive").to_table()
    got = {}
    for row in table.group_by(["language", "month"]).aggregate([("article_id", "count")]).to_pylist():
        got[(row["language"], row["month"])] = row["article_id_count"]
    assert got == {(lang, month): n for lang, month, n in want}
    assert set(table.column_names) == {*cols, "month"}


def test_csv_export_has_one_file_per_mart(bi_warehouse: dict[str, object], tmp_path: Path) -> None:
    snapshot = Path(str(bi_warehouse["snapshot"]))
    result = export_marts(snapshot, tmp_path / "csv", "csv")
    counts = _view_counts(snapshot)
    for mart in result.marts:
        name = mart.view.split(".")[1]
        with (tmp_path / "csv" / f"{name}.csv").open(newline="", encoding="utf-8") as fh:
            rows = list(csv.reader(fh))
        assert len(rows) - 1 == counts[name], name  # bodies hold newlines: counted as CSV records
    header = next(csv.reader((tmp_path / "csv" / "articles.csv").open(encoding="utf-8")))
    assert header[:3] == ["article_id", "file_version_id", "path"]


def test_reexport_leaves_no_stale_partitions(bi_warehouse: dict[str, object], tmp_path: Path) -> None:
    snapshot = Path(str(bi_warehouse["snapshot"]))
    out = tmp_path / "export"
    export_marts(snapshot, out)
    stale = out / "articles" / "language=xx" / "month=1999-01" / "data_0.parquet"
    stale.parent.mkdir(parents=True)
    stale.write_bytes((out / "loads.parquet").read_bytes())
    export_marts(snapshot, out)
    assert not stale.exists()
    assert ds.dataset(out / "articles", format="parquet", partitioning="hive").count_rows() == 6
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []  # no temp folders left


def test_the_flow_exports_after_publishing_when_configured(bi_warehouse: dict[str, object]) -> None:
    out = Path(str(bi_warehouse["auto_export"]))
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["latest_load_id"] == bi_warehouse["second"]["load_id"]  # type: ignore[index]
    assert manifest["format"] == "parquet"
    counts = _view_counts(Path(str(bi_warehouse["snapshot"])))
    assert {m["view"].split(".")[1]: m["rows"] for m in manifest["marts"]} == counts
    assert ds.dataset(out / "articles", format="parquet", partitioning="hive").count_rows() == counts["articles"]


def test_export_reads_the_snapshot_while_a_writer_holds_the_warehouse(bi_warehouse: dict[str, object],
                                                                       tmp_path: Path) -> None:
    warehouse = Path(str(bi_warehouse["warehouse"]))
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import duckdb, sys
            con = duckdb.connect({str(warehouse)!r})
            print("ready", flush=True)
            sys.stdin.readline()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(wh.WarehouseLocked):  # the live file is taken...
            wh.connect(warehouse, read_only=True)
        result = export_marts(Path(str(bi_warehouse["snapshot"])), tmp_path / "out")  # ...the snapshot is not
        assert sum(m.rows for m in result.marts) > 0
    finally:
        holder.communicate("\n", timeout=30)


def test_export_without_a_snapshot_says_what_to_do(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--warehouse", str(tmp_path / "none.duckdb"), "--out", str(tmp_path / "o")]) == 2
    assert "run `newsdw run` first" in capsys.readouterr().err


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="parquet, csv"):
        export_marts(tmp_path / "x.duckdb", tmp_path / "o", "xlsx")
