"""The snapshot read by real BI-side clients, each from its own environment, as a BI tool would:
DuckDB 1.4 (older readers), SQLAlchemy 2.1 + duckdb-sqlalchemy (Superset and friends), and
Evidence's Node driver. Installed on first use into .cache/ (see tests/bi_clients.py)."""

from __future__ import annotations

import json
import shutil
import subprocess
import textwrap
from pathlib import Path

import duckdb
import pytest

from flows import warehouse as wh
from tests import bi_clients

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

DUCKDB_14 = ["duckdb==1.4.*"]
# Prefect pins SQLAlchemy < 2.1 in our own venv; a BI tool brings its own stack.
SQLALCHEMY_BI = ["duckdb-sqlalchemy==1.5.6.5", "sqlalchemy==2.1.9", "duckdb==1.5.6"]
EVIDENCE = "@evidence-dev/duckdb@2.0.1"


def _views_in(snapshot: Path) -> dict[str, dict[str, object]]:
    """What DuckDB 2.0 (our own engine) sees: rows and column types of every staging/marts view."""
    con = duckdb.connect(str(snapshot), read_only=True)
    try:
        names = [f"{s}.{v}" for s, v in con.execute(
            "SELECT schema_name, view_name FROM duckdb_views() WHERE NOT internal "
            "AND schema_name IN ('staging', 'marts') ORDER BY 1, 2").fetchall()]
        return {n: {"rows": con.execute(f"SELECT count(*) FROM {n}").fetchone()[0],  # type: ignore[index]
                    "types": [[c[0], c[1]] for c in con.execute(f"DESCRIBE SELECT * FROM {n}").fetchall()]}
                for n in names}
    finally:
        con.close()


# ---------------------------------------------------------------- DuckDB 1.4


OLD_READER = textwrap.dedent("""
    import json, sys, duckdb
    con = duckdb.connect(sys.argv[1], read_only=True)
    out = {"version": duckdb.__version__, "views": {}}
    names = con.execute("SELECT schema_name || '.' || view_name FROM duckdb_views() WHERE NOT internal "
                        "AND schema_name IN ('staging', 'marts') ORDER BY 1").fetchall()
    for (name,) in names:
        try:
            rows = con.execute(f"SELECT * FROM {name}").fetchall()
            types = [[c[0], str(c[1])] for c in con.execute(f"DESCRIBE SELECT * FROM {name}").fetchall()]
            out["views"][name] = {"rows": len(rows), "types": types}
        except duckdb.Error as exc:
            out["views"][name] = {"error": str(exc)}
    comment = con.execute("SELECT comment FROM duckdb_views() WHERE schema_name = 'marts' "
                          "AND view_name = 'articles'").fetchone()[0]
    out["comment"] = comment
    try:
        con.execute("DELETE FROM core.articles")
        out["write"] = "accepted"
    except duckdb.Error as exc:
        out["write"] = str(exc)
    print(json.dumps(out))
""")


@pytest.fixture(scope="session")
def duckdb14_python() -> Path:
    return bi_clients.side_venv("duckdb14", DUCKDB_14)


def test_duckdb_14_reads_every_view_of_the_snapshot(bi_warehouse: dict[str, object], duckdb14_python: Path) -> None:
    snapshot = Path(str(bi_warehouse["snapshot"]))
    got = bi_clients.run_script(duckdb14_python, OLD_READER, str(snapshot))
    assert got["version"].startswith("1.4.")
    expected = _views_in(snapshot)
    refused = {name: v["error"] for name, v in got["views"].items() if "error" in v}
    assert refused == {}, "DuckDB 1.4 refuses these views (cast their columns explicitly in sql/views)"
    assert set(got["views"]) == set(expected)
    assert {n for n in expected if n.startswith("marts.")} >= {"marts.articles", "marts.loads", "marts.rejections"}
    for name, view in expected.items():
        # Same rows and the same column types: an older reader binds the view's SQL itself, and a
        # type that differs from the one stored with the view is refused.
        assert got["views"][name] == view, name
    assert got["views"]["marts.articles"]["rows"] == 6
    assert "Grain:" in got["comment"]
    assert "read-only" in got["write"] or "read only" in got["write"]


def test_duckdb_14_refuses_an_uncast_view_and_accepts_it_cast(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             duckdb14_python: Path) -> None:
    """Why sql/views cast every column: date_trunc gives TIMESTAMP in 2.0 but DATE in 1.4, and a
    reader whose binding differs from the stored type refuses the view."""
    sql = tmp_path / "sql"
    shutil.copytree(wh.sql_dir(), sql)
    monkeypatch.setattr(wh.schema, "sql_dir", lambda: sql)
    view = "-- probe\n-- grain: one row per load\n-- @column day: d\n-- @column load_id: id\n" \
           "SELECT {day} AS day, load_id FROM ops.loads\n"
    (sql / "views" / "marts" / "zz_uncast.sql").write_text(view.format(day="date_trunc('day', started_at)"))
    (sql / "views" / "marts" / "zz_cast.sql").write_text(
        view.format(day="CAST(date_trunc('day', started_at) AS DATE)"))
    con = wh.connect(tmp_path / "w.duckdb")
    wh.migrate(con)
    wh.apply_views(con)
    snapshot = wh.publish_snapshot(con, tmp_path / "w_bi.duckdb")
    con.close()
    got = bi_clients.run_script(duckdb14_python, OLD_READER, str(snapshot))
    assert "types don't match" in got["views"]["marts.zz_uncast"]["error"]
    assert got["views"]["marts.zz_cast"] == {"rows": 0, "types": [["day", "DATE"], ["load_id", "VARCHAR"]]}


# ---------------------------------------------------------------- SQLAlchemy (Superset's way in)


SQLALCHEMY_PROBE = textwrap.dedent("""
    import json, sys
    import sqlalchemy as sa
    # The URI the README gives for Superset: read-only, and no pool, so each query opens the
    # snapshot currently in place (a load replaces the file by rename).
    engine = sa.create_engine(f"duckdb:///{sys.argv[1]}?access_mode=read_only&duckdb_sqlalchemy_pool=null")
    insp = sa.inspect(engine)
    md = sa.MetaData()
    md.reflect(engine, schema="marts", views=True)
    out = {
        "sqlalchemy": sa.__version__,
        "pool": type(engine.pool).__name__,
        "views": sorted(insp.get_view_names(schema="marts")),
        "view_comment": insp.get_table_comment("daily_language_counts", schema="marts")["text"],
        "columns": {t.name: {c.name: [str(c.type), c.comment] for c in t.columns} for t in md.tables.values()},
    }
    t = md.tables["marts.daily_language_counts"]
    with engine.connect() as con:
        q = (sa.select(t.c.language, sa.func.sum(t.c.articles).label("articles"))
             .group_by(t.c.language).order_by(t.c.language))
        out["rows"] = [list(r) for r in con.execute(q)]
    out["writes"] = []
    for sql in ("CREATE TABLE marts.scratch (x INTEGER)", "DELETE FROM core.articles"):
        try:
            with engine.begin() as con:
                con.execute(sa.text(sql))
            out["writes"].append("accepted")
        except Exception as exc:
            out["writes"].append(f"{type(exc).__name__}: {exc}")
    print(json.dumps(out, default=str))
""")


def test_sqlalchemy_reflects_marts_with_comments_and_refuses_writes(bi_warehouse: dict[str, object]) -> None:
    python = bi_clients.side_venv("bi-sqlalchemy", SQLALCHEMY_BI)
    snapshot = Path(str(bi_warehouse["snapshot"]))
    got = bi_clients.run_script(python, SQLALCHEMY_PROBE, str(snapshot))
    assert got["sqlalchemy"].startswith("2.1") and got["pool"] == "NullPool"
    expected = _views_in(snapshot)
    marts = sorted(n.split(".")[1] for n in expected if n.startswith("marts."))
    assert got["views"] == marts
    assert sorted(got["columns"]) == marts
    con = duckdb.connect(str(snapshot), read_only=True)
    comments = {(t, c): text for t, c, text in con.execute(
        "SELECT table_name, column_name, comment FROM duckdb_columns() WHERE schema_name = 'marts'").fetchall()}
    rows = con.execute("SELECT language, sum(articles) FROM marts.daily_language_counts GROUP BY 1 ORDER BY 1"
                       ).fetchall()
    con.close()
    for table, cols in got["columns"].items():
        for col, (_type, comment) in cols.items():
            assert comment and comment == comments[(table, col)], (table, col)
    assert got["columns"]["daily_language_counts"]["day"][0] == "DATE"
    assert got["columns"]["loads"]["duration_s"][0] in {"DOUBLE", "DOUBLE_PRECISION", "FLOAT"}
    assert "Grain: one row per (day, language, day_basis)" in got["view_comment"]
    assert got["rows"] == [[lang, int(n)] for lang, n in rows]
    assert {lang for lang, _ in got["rows"]} == {"en", "hi"}
    assert len(got["writes"]) == 2
    for error in got["writes"]:
        assert "read-only mode" in error, error


# ---------------------------------------------------------------- Evidence (Node)


EVIDENCE_PROBE = textwrap.dedent("""
    const { createRequire } = require('module');
    const [, , home, snapshot, ...queries] = process.argv;
    const req = createRequire(home + '/package.json');
    const runQuery = req('@evidence-dev/duckdb');
    const { batchedAsyncGeneratorToArray } = req('@evidence-dev/db-commons');
    (async () => {
      const results = [];
      for (const sql of queries) {
        const r = await runQuery(sql, { filename: snapshot });
        const rows = await batchedAsyncGeneratorToArray(r.rows);
        results.push({ rows, columnTypes: r.columnTypes, expectedRowCount: r.expectedRowCount });
      }
      const nodeApi = req('@duckdb/node-api/package.json').version;
      console.log(JSON.stringify({ nodeApi, results }));
    })().catch((e) => { console.error(e); process.exit(1); });
""")


def test_evidence_runquery_reads_a_mart(bi_warehouse: dict[str, object], tmp_path: Path) -> None:
    if shutil.which("npm") is None or shutil.which("node") is None:
        pytest.skip("npm/node not installed: cannot install @evidence-dev/duckdb")
    home = bi_clients.npm_package(EVIDENCE)
    snapshot = Path(str(bi_warehouse["snapshot"]))
    script = tmp_path / "probe.cjs"
    script.write_text(EVIDENCE_PROBE)
    queries = [
        "SELECT day, language, day_basis, articles, words FROM marts.daily_language_counts ORDER BY day, language, "
        "day_basis",
        "SELECT load_id, duration_s, status, counts_balance FROM marts.loads ORDER BY started_at",
    ]
    proc = subprocess.run(["node", str(script), str(home), str(snapshot), *queries], capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    got = json.loads(proc.stdout.strip().splitlines()[-1])
    assert got["nodeApi"].startswith("1.4.")  # Evidence's driver is an older reader than our engine
    daily, loads = got["results"]

    con = duckdb.connect(str(snapshot), read_only=True)
    want_daily = con.execute(queries[0]).fetchall()
    want_loads = con.execute(queries[1]).fetchall()
    con.close()
    # DESCRIBE succeeded (types are precise, not inferred from values) and the count query ran.
    assert [(c["name"], c["evidenceType"], c["typeFidelity"]) for c in daily["columnTypes"]] == [
        ("day", "date", "precise"), ("language", "string", "precise"), ("day_basis", "string", "precise"),
        ("articles", "number", "precise"), ("words", "number", "precise")]
    assert daily["expectedRowCount"] == len(want_daily) == len(daily["rows"])
    assert [(r["day"][:10], r["language"], r["day_basis"], r["articles"], r["words"]) for r in daily["rows"]] == [
        (d.isoformat(), lang, basis, n, w) for d, lang, basis, n, w in want_daily]
    assert [(r["load_id"], r["status"], r["counts_balance"]) for r in loads["rows"]] == [
        (lid, status, ok) for lid, _, status, ok in want_loads]
    assert all(r["duration_s"] > 0 for r in loads["rows"])
