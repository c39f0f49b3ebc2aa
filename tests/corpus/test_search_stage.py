"""The `search` stage: the index follows the current articles through adds, edits, deletes and
reparses, incrementally, and equals a full rebuild."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows import corpus
from flows import warehouse as wh
from flows.corpus import StageContext, search, sources
from flows.warehouse.search import search as find
from tests.corpus.conftest import _load
from tests.search_fixtures import write_raw

STAGES = [sources, search]


def _index(con: wh.Connection) -> set[tuple[str, str, int]]:
    """The index as (path, term, tf): independent of the ids a run happened to give."""
    return set(con.execute(
        "SELECT a.path, t.term, p.tf FROM core.search_postings AS p "
        "JOIN core.search_docs AS d USING (doc_id) JOIN core.search_terms AS t USING (term_id) "
        "JOIN core.articles AS a ON a.file_version_id = d.file_version_id").fetchall())


def _paths(con: wh.Connection, query: str) -> list[str]:
    return [h.path for h in find(con, query, limit=20).hits]


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    return write_raw(tmp_path / "raw")


def test_full_then_incremental_follows_the_current_articles(con: wh.Connection, raw: Path) -> None:
    results = corpus.run_stages(con, _load(con, raw, "L1"), STAGES)
    assert [(r.stage, r.mode) for r in results] == [("sources", "full"), ("search", "full")]
    docs = con.execute("SELECT count(*) FROM core.search_docs").fetchall()[0][0]
    assert docs == con.execute("SELECT count(*) FROM core.articles").fetchall()[0][0] == 7
    assert _paths(con, "फसल बीमा")[0] == "desk-hi/2025-01/kanoon.txt"

    # An edit, a delete and a new page: the old text leaves the index, the new comes in.
    kaam = raw / "desk-hi/2025-01/kaam.txt"
    kaam.write_text(kaam.read_text(encoding="utf-8").replace("मजदूरों", "कारीगरों"), encoding="utf-8")
    (raw / "wire-en/2024-12/floods.txt").unlink()
    (raw / "wire-en/2025-01/budget.txt").write_text(
        "Budget raises spending on rural roads\n\nPublished: 2025-01-20 06:00 GMT\nNew Delhi: The budget "
        "raised spending on rural roads and village schools, the finance minister told parliament.\n",
        encoding="utf-8")
    results = corpus.run_stages(con, _load(con, raw, "L2"), STAGES)
    assert [(r.stage, r.mode) for r in results] == [("sources", "incremental"), ("search", "incremental")]
    assert "desk-hi/2025-01/kaam.txt" in _paths(con, "कारीगर")
    assert "desk-hi/2025-01/kaam.txt" not in _paths(con, "मजदूर")
    assert "wire-en/2024-12/floods.txt" not in _paths(con, "relief camps")
    assert _paths(con, "rural roads")[0] == "wire-en/2025-01/budget.txt"
    incremental = _index(con)
    assert con.execute("SELECT count(*) FROM core.search_docs").fetchall()[0][0] == 7

    # The same ctx again changes nothing; a full rebuild gives the same index.
    corpus.run_stages(con, StageContext("L2", changed=tuple(
        r[0] for r in con.execute("SELECT file_version_id FROM core.search_docs").fetchall())), [search])
    assert _index(con) == incremental
    corpus.run_stages(con, StageContext("L3", full=True), [search])
    assert _index(con) == incremental


def test_title_words_count_more_than_body_words(con: wh.Connection, raw: Path) -> None:
    corpus.run_stages(con, _load(con, raw, "L1"), STAGES)
    tf = dict(con.execute(
        "SELECT t.term, p.tf FROM core.search_postings AS p JOIN core.search_docs AS d USING (doc_id) "
        "JOIN core.search_terms AS t USING (term_id) JOIN core.articles AS a USING (file_version_id) "
        "WHERE a.path = 'wire-en/2024-12/floods.txt' AND t.term IN ('thousand', 'boat')").fetchall())
    assert tf == {"thousand": search.TITLE_WEIGHT + 1, "boat": 1}


def test_a_stage_run_with_nothing_touched_writes_nothing(con: wh.Connection, raw: Path) -> None:
    corpus.run_stages(con, _load(con, raw, "L1"), STAGES)
    before = _index(con)
    stats = search.run(con, StageContext("L9"))
    assert (stats.rows_in, stats.rows_out) == (0, 0)
    assert _index(con) == before


def _in_term_order(con: wh.Connection) -> bool:
    rows = con.execute("SELECT bool_and(ordered) FROM (SELECT term_id >= lag(term_id, 1, term_id) "
                       "OVER (ORDER BY rowid) AS ordered FROM core.search_postings)").fetchall()
    return bool(rows[0][0])


@pytest.mark.parametrize("share", [0.0, 1.0])
def test_postings_are_re_sorted_once_enough_were_appended(con: wh.Connection, raw: Path, share: float,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "RESORT_SHARE", share)
    corpus.run_stages(con, _load(con, raw, "L1"), STAGES)
    assert _in_term_order(con)
    total = con.execute("SELECT count(*) FROM core.search_postings").fetchall()[0][0]
    assert con.execute("SELECT * FROM core.search_state").fetchall() == [(0, total, 0)]
    (raw / "wire-en/2025-01/budget.txt").write_text(
        "Budget raises spending on rural roads\n\nPublished: 2025-01-20 06:00 GMT\nNew Delhi: The budget "
        "raised spending on rural roads and village schools, aardvark zebra yak, the finance minister said.\n",
        encoding="utf-8")
    corpus.run_stages(con, _load(con, raw, "L2"), STAGES)
    appended, sorted_rows, stale = con.execute("SELECT * FROM core.search_state").fetchall()[0]
    if share == 0.0:
        assert _in_term_order(con) and appended == 0 and stale == 0
        assert sorted_rows == con.execute("SELECT count(*) FROM core.search_postings").fetchall()[0][0]
        assert _stale(con) == 0
    else:
        assert not _in_term_order(con)  # the new page's terms (new ids) were appended after the rest
        assert stale == _stale(con) == 0  # a new page: no version left the index
        assert (appended, sorted_rows) == (
            con.execute("SELECT count(*) FROM core.search_postings").fetchall()[0][0] - total, total)
    assert _paths(con, "aardvark") == ["wire-en/2025-01/budget.txt"]


def _stale(con: wh.Connection) -> int:
    """Postings whose version left the index."""
    return int(con.execute("SELECT count(*) FROM core.search_postings "
                           "WHERE doc_id NOT IN (SELECT doc_id FROM core.search_docs)").fetchall()[0][0])


def _scores(con: wh.Connection, query: str) -> list[tuple[str, float]]:
    return [(h.path, round(h.score, 9)) for h in find(con, query, limit=20).hits]


def test_stale_postings_match_nothing_and_go_at_the_rewrite(con: wh.Connection, raw: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A version that leaves the index leaves its postings behind (deleting them would touch every row
    group): they must not count in a term's document frequency or match, no new version may take their
    doc id, and the rewrite drops them."""
    monkeypatch.setattr(search, "RESORT_SHARE", 1.0)
    corpus.run_stages(con, _load(con, raw, "L1"), STAGES)
    # Change the version with the highest doc id (the next new one must not take its id), delete another.
    last = con.execute("SELECT a.path FROM core.search_docs AS d JOIN core.articles AS a USING (file_version_id) "
                       "ORDER BY d.doc_id DESC LIMIT 1").fetchall()[0][0]
    page = raw / last
    page.write_text(page.read_text(encoding="utf-8") + "\nRescue boats reached the relief camps.\n", encoding="utf-8")
    (raw / "wire-en/2024-12/floods.txt").unlink()
    corpus.run_stages(con, _load(con, raw, "L2"), STAGES)
    assert con.execute("SELECT stale FROM core.search_state").fetchall()[0][0] == _stale(con) > 0
    queries = ["relief camps", "rescue boats", "किम जोंग उन", "संसद कानून"]
    incremental = {q: _scores(con, q) for q in queries}
    index = _index(con)

    corpus.run_stages(con, StageContext("L3", full=True), [search])  # a fresh index: no stale postings
    assert _stale(con) == 0
    assert {q: _scores(con, q) for q in queries} == incremental
    assert _index(con) == index

    # Stale postings again, then an update past RESORT_SHARE rewrites the table without them.
    page.write_text(page.read_text(encoding="utf-8") + "\nSchools reopen next week.\n", encoding="utf-8")
    corpus.run_stages(con, _load(con, raw, "L4"), STAGES)
    assert _stale(con) > 0
    monkeypatch.setattr(search, "RESORT_SHARE", 0.0)
    page.write_text(page.read_text(encoding="utf-8") + "\nTeachers return too.\n", encoding="utf-8")
    corpus.run_stages(con, _load(con, raw, "L5"), STAGES)
    assert _stale(con) == 0 and _in_term_order(con)
    assert con.execute("SELECT appended, stale FROM core.search_state").fetchall() == [(0, 0)]
    assert _paths(con, "teachers") == [last]


def test_the_index_counts_what_the_python_analysis_finds(con: wh.Connection, tmp_path: Path) -> None:
    """The stage cuts texts at white space and analyses each distinct piece once; that must give the
    words the reference analysis (flows/steps/tokens.analyse over the whole text) gives, on text where
    the two could differ: punctuation glued to words, joiners and nuktas inside them, chandrabindu,
    nasal clusters, capitals, tables, several paragraphs, and a word repeated in one piece."""
    from collections import Counter

    from flows.steps.tokens import analyse

    text = ("क़ानून-व्यवस्था पर (PTI) बहस हुई।\n\nसंसद में हँसी, गुस्सा: ‘संक्रमितों’ की संख्या\t120\tबढ़ी.\n"
            "हिन्दी/हिंदी और पञ्चायत...पंचायत; Modi MODI modi-modi\nज़िला\u200dप्रशासन ने क्षेत्र का दौरा किया और "
            "राहत शिविर खोले, अधिकारियों ने बताया।")
    raw = write_raw(tmp_path / "raw", {"desk-hi/2025-02/mixed.txt": "बहस पर संसद में चर्चा\n\n" + text + "\n"})
    corpus.run_stages(con, _load(con, raw, "L1"), STAGES)
    title, standfirst, body = con.execute("SELECT coalesce(title, ''), coalesce(standfirst, ''), body "
                                          "FROM core.articles").fetchall()[0]
    expected: Counter[str] = Counter()
    for field, weight in ((title, search.TITLE_WEIGHT), (standfirst, search.STANDFIRST_WEIGHT), (body, 1)):
        for _, t in analyse(field, "hi"):
            expected[t] += weight
    got = {term: tf for _, term, tf in _index(con)}
    assert got == dict(expected)
    assert got["modi"] == 4 and "क़ानून" not in got  # one term per spelling, nukta folded
