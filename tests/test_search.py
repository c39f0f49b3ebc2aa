"""Ranked search: in-script, inflected and cross-script queries; filters; bad input; `newsdw search`;
marts.search from SQL, also from DuckDB 1.4 (a BI tool's older reader)."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from flows import corpus
from flows import warehouse as wh
from flows.cli import main
from flows.settings import Settings
from flows.warehouse.search import Filters, search
from tests import bi_clients
from tests.corpus.conftest import _load
from tests.search_fixtures import write_raw

KIM_HI, KIM_EN = "desk-hi/2025-01/kim.txt", "wire-en/2025-01/kim-talks.txt"


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture articles loaded, indexed, and published as the flow would."""
    base = tmp_path_factory.mktemp("search")
    raw = write_raw(base / "raw")
    path = base / "news.duckdb"
    con = wh.connect(path)
    try:
        wh.migrate(con)
        corpus.run_stages(con, _load(con, raw, "L1"), [corpus.sources, corpus.search])
        wh.apply_views(con)
        wh.publish_snapshot(con, Settings.from_env(warehouse=str(path)).snapshot)
    finally:
        con.close()
    return path


@pytest.fixture
def con(warehouse: Path) -> Iterator[wh.Connection]:
    with wh.read_snapshot(Settings.from_env(warehouse=str(warehouse)).snapshot) as c:
        yield c


def paths(con: wh.Connection, query: str, **filters: object) -> list[str]:
    result = search(con, query, 10, Filters(**filters))  # type: ignore[arg-type]
    return [h.path for h in result.hits]


def test_in_script_and_inflected_queries(con: wh.Connection) -> None:
    assert paths(con, "फसल बीमा")[0] == "desk-hi/2025-01/kanoon.txt"
    # Inflected forms the text used (संक्रमितों) and did not (संक्रमितो) find their stem.
    assert paths(con, "संक्रमितों")[0] == "desk-hi/2025-01/sankraman.txt"
    assert paths(con, "संक्रमित")[0] == "desk-hi/2025-01/sankraman.txt"
    # Nukta and no nukta are one word.
    assert paths(con, "क़ानून")[0] == paths(con, "कानून")[0] == "desk-hi/2025-01/kanoon.txt"
    assert paths(con, "کرکٹ ٹیم") == ["desk-ur/2025-01/cricket.txt"]


def test_kaam_does_not_match_kam(con: wh.Connection) -> None:
    # काम (work) is in kaam.txt; कम (less) is in sankraman.txt: vowel signs keep them apart.
    assert paths(con, "काम")[0] == "desk-hi/2025-01/kaam.txt"
    assert paths(con, "कम")[0] == "desk-hi/2025-01/sankraman.txt"


def test_latin_query_finds_devanagari_below_the_exact_match(con: wh.Connection) -> None:
    found = paths(con, "Kim Jong Un")
    assert found[:2] == [KIM_EN, KIM_HI]
    found = paths(con, "missile", language="hi")
    assert found[0] == KIM_HI  # मिसाइल by its sound
    hi = search(con, "kim jong", 10, Filters(language="hi")).hits[0]
    en = search(con, "kim jong", 10, Filters(language="en")).hits[0]
    assert hi.score < en.score


def test_devanagari_query_finds_latin(con: wh.Connection) -> None:
    assert paths(con, "किम जोंग", language="en") == [KIM_EN]


def test_filters(con: wh.Connection) -> None:
    assert paths(con, "kim", source="wire-en") == [KIM_EN]
    assert paths(con, "kim", source="nowhere") == []
    assert set(paths(con, "परीक्षण")) >= {KIM_HI}
    assert paths(con, "परीक्षण", since=__import__("datetime").date(2025, 1, 13)) == []


def test_snippet_marks_the_matches(con: wh.Connection) -> None:
    hit = search(con, "संक्रमितों", 1).hits[0]
    assert "**संक्रमित" in hit.snippet or "**संक्रमितों**" in hit.snippet
    assert hit.snippet.count("**") % 2 == 0


@pytest.mark.parametrize(("query", "message"), [
    ("", "the query is empty"),
    ("   ", "the query is empty"),
    ("!!! ... ???", "no letters or digits"),
    ("the and of", "only very common words"),
    ("ქართული ენა", "no articles match"),  # a script no article uses
    ("'; DROP TABLE core.articles; --", None),
])
def test_bad_queries_give_a_message_not_an_exception(con: wh.Connection, query: str, message: str | None) -> None:
    result = search(con, query, 10)
    if message is not None:
        assert result.hits == [] and message in (result.message or "")
    assert con.execute("SELECT count(*) FROM core.articles").fetchall()[0][0] == 7


def test_a_one_megabyte_query_is_cut_not_fatal(con: wh.Connection) -> None:
    result = search(con, "फसल बीमा " + "किसान " * 200_000, 5)
    assert result.hits and result.hits[0].path == "desk-hi/2025-01/kanoon.txt"
    assert "first" in (result.message or "")
    assert con.execute("SELECT count(*) FROM marts.search(?)", ["x" * 1_000_000]).fetchall() == [(0,)]


def test_the_sql_macro_ranks_like_the_command(con: wh.Connection) -> None:
    rows = con.execute("SELECT path, score FROM marts.search(?) LIMIT 3", ["Kim Jong Un"]).fetchall()
    assert [r[0] for r in rows[:2]] == [KIM_EN, KIM_HI]
    assert rows[0][1] > rows[1][1]
    assert con.execute("SELECT path FROM marts.search(?) LIMIT 1", ["फसल बीमा"]).fetchall() == [
        ("desk-hi/2025-01/kanoon.txt",)]
    for q in ("", "!!!", None):
        assert con.execute("SELECT count(*) FROM marts.search(?)", [q]).fetchall() == [(0,)]


def test_cli_table_and_json(warehouse: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "फसल बीमा", "--warehouse", str(warehouse), "--format", "json", "--limit", "2"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert len(hits) <= 2
    assert {"article_id", "path", "title", "score", "snippet"} <= set(hits[0])
    assert hits[0]["path"] == "desk-hi/2025-01/kanoon.txt" and "**" in hits[0]["snippet"]
    assert main(["search", "Kim Jong Un", "--warehouse", str(warehouse), "--language", "hi"]) == 0
    out = capsys.readouterr().out
    assert "1. किम जोंग उन" in out and "desk-hi" in out and "score" in out
    assert main(["search", "!!!", "--warehouse", str(warehouse)]) == 0
    assert "no letters or digits" in capsys.readouterr().err


def test_cli_rejects_bad_arguments(warehouse: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for args in (["--limit", "0"], ["--since", "yesterday"], ["--format", "xml"]):
        with pytest.raises(SystemExit) as exc:
            main(["search", "kim", "--warehouse", str(warehouse), *args])
        assert exc.value.code == 2


def test_cli_on_a_snapshot_without_the_index(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "news.duckdb"
    con = wh.connect(path)
    wh.migrate(con)
    wh.apply_views(con)
    wh.publish_snapshot(con, Settings.from_env(warehouse=str(path)).snapshot)
    con.close()
    assert main(["search", "kim", "--warehouse", str(path)]) == 2
    assert "no search index" in capsys.readouterr().err


OLD_READER = textwrap.dedent("""
    import json, sys, duckdb
    con = duckdb.connect(sys.argv[1], read_only=True)
    rows = con.execute("SELECT path, score FROM marts.search(?) LIMIT 3", [sys.argv[2]]).fetchall()
    empty = con.execute("SELECT count(*) FROM marts.search(?)", ["!!!"]).fetchall()[0][0]
    print(json.dumps({"version": duckdb.__version__, "paths": [r[0] for r in rows], "empty": empty}))
""")


@pytest.mark.slow
@pytest.mark.e2e
def test_duckdb_14_calls_the_macro_on_the_snapshot(warehouse: Path) -> None:
    python = bi_clients.side_venv("duckdb14", ["duckdb==1.4.*"])
    snapshot = Settings.from_env(warehouse=str(warehouse)).snapshot
    got = bi_clients.run_script(python, OLD_READER, str(snapshot), "Kim Jong Un")
    assert got["version"].startswith("1.4.")
    assert got["paths"][:2] == [KIM_EN, KIM_HI]
    assert got["empty"] == 0


def test_a_name_is_matched_by_its_spelling_not_its_stem(tmp_path: Path) -> None:
    # The Hindi stemmer takes the ी off कोहली; its sound key must still be kohli's.
    raw = write_raw(tmp_path / "raw", {"sport/kohli.txt": (
        "विराट कोहली का शतक, भारत ने सीरीज जीती\n\nप्रकाशित: 2025-02-01 10:00 IST\n"
        "मुंबई: कप्तान विराट कोहली ने शानदार शतक लगाया और भारत ने आखिरी मैच जीतकर सीरीज अपने नाम की।\n")})
    con = wh.connect(tmp_path / "w.duckdb")
    try:
        wh.migrate(con)
        corpus.run_stages(con, _load(con, raw, "L1"), [corpus.search])
        assert [h.path for h in search(con, "Kohli", 5).hits] == ["sport/kohli.txt"]
        assert [r[0] for r in con.execute("SELECT path FROM marts.search(?)", ["Virat Kohli"]).fetchall()] == [
            "sport/kohli.txt"]
    finally:
        con.close()
