"""Provenance through the real flow: core.articles columns, marts.captions, marts.source_attribution,
marts.authors, and `newsdw reparse` filling the columns in a warehouse loaded before them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from flows.ingest import ingest_news
from flows.reparse import reparse_news
from tests.reliability.helpers import execute as _q

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "provenance"
HINDI = ["nbt_header.txt", "pti_hindi_dateline.txt", "input_bhasha.txt", "unnamed_agency.txt",
         "quoted_sources_only.txt"]
ENGLISH = ["ap_dateline.txt", "reuters_closing.txt", "english_byline.txt"]
URDU = ["urdu_photo_credits.txt"]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("prov")
    for folder, names in (("hindi-site", HINDI), ("english-site", ENGLISH), ("urdu-site", URDU)):
        (base / "raw" / folder).mkdir(parents=True)
        for name in names:
            shutil.copy(FIXTURES / name, base / "raw" / folder / name)
    ingest_news(raw_dir=str(base / "raw"), warehouse=str(base / "news.duckdb"))
    return base / "news.duckdb"


@pytest.mark.e2e
def test_source_attribution_counts_wire_by_agency(warehouse: Path) -> None:
    rows = _q(warehouse, "SELECT source, sum(articles), sum(staff_written), sum(wire) "
                         "FROM marts.source_attribution GROUP BY source ORDER BY source")
    # The quoted-sources page (KCNA, Reuters, AFP named inside the story) is staff-written.
    assert rows == [("english-site", 3, 1, 2), ("hindi-site", 5, 2, 3), ("urdu-site", 1, 1, 0)]
    shares = _q(warehouse, "SELECT count(*) FROM marts.source_attribution WHERE wire_share <> wire / articles")
    assert shares == [(0,)]
    agencies = _q(warehouse, "SELECT source, unnest(map_keys(wire_by_agency)) AS agency, "
                             "unnest(map_values(wire_by_agency)) AS n FROM marts.source_attribution ORDER BY 1, 2")
    assert agencies == [("english-site", "ap", 1), ("english-site", "reuters", 1),
                        ("hindi-site", "agency", 1), ("hindi-site", "pti", 2)]


@pytest.mark.e2e
def test_authors_mart_lists_each_person_once(warehouse: Path) -> None:
    rows = dict((r[0], r[1:]) for r in _q(warehouse, "SELECT author, articles, sources FROM marts.authors"))
    assert set(rows) == {"Priya Sharma", "Rahul Sharma", "Priya Singh", "Amit Kumar"}
    assert rows["Priya Sharma"] == (1, 1)
    desks = {d for (d,) in _q(warehouse, "SELECT desk FROM marts.articles WHERE desk IS NOT NULL")}
    assert desks == {"नवभारतटाइम्स.कॉम"} and not desks & set(rows)


@pytest.mark.e2e
def test_captions_mart_keeps_captions_with_their_credit(warehouse: Path) -> None:
    rows = _q(warehouse, "SELECT c.ordinal, c.credit FROM marts.captions AS c JOIN marts.articles AS a "
                         "USING (article_id) WHERE a.path LIKE '%english_byline.txt'")
    assert rows == [(1, "pti")]
    body = _q(warehouse, "SELECT body FROM marts.articles WHERE path LIKE '%english_byline.txt'")[0][0]
    assert "(Photo: PTI)" not in str(body)


@pytest.mark.e2e
def test_captions_mart_counts_photos_printed_with_a_credit_and_no_caption(warehouse: Path) -> None:
    rows = _q(warehouse, "SELECT c.ordinal, c.caption IS NULL, c.credit FROM marts.captions AS c "
                         "JOIN marts.articles AS a USING (article_id) WHERE a.path LIKE '%urdu_photo_credits.txt' "
                         "ORDER BY c.ordinal")
    assert rows == [(1, True, "getty"), (2, False, "afp"), (3, True, "shutterstock")]
    # A closing '— Reuters' with no caption above it credits the story, not a photo.
    assert _q(warehouse, "SELECT count(*) FROM marts.captions AS c JOIN marts.articles AS a USING (article_id) "
                         "WHERE a.path LIKE '%reuters_closing.txt'") == [(0,)]


@pytest.mark.e2e
def test_reparse_fills_provenance_of_rows_loaded_before_it(warehouse: Path, tmp_path: Path) -> None:
    copy = tmp_path / "old.duckdb"
    shutil.copy(warehouse, copy)
    _q(copy, "UPDATE core.articles SET rules_checksum = 'before-006', authors = NULL, desk = NULL, agency = NULL, "
             "agency_evidence = NULL, is_wire = NULL, updated_at = NULL, updated_at_text = NULL")
    assert _q(copy, "SELECT count(*) FROM staging.articles WHERE agency IS NOT NULL") == [(0,)]
    reparse_news(warehouse=str(copy))
    assert _q(copy, "SELECT count(*) FROM staging.articles WHERE agency IS NOT NULL") == [(5,)]
    assert _q(copy, "SELECT updated_at FROM staging.articles WHERE path LIKE '%nbt_header.txt'")[0][0] is not None


@pytest.mark.e2e
def test_provenance_check_flags_inconsistent_rows(warehouse: Path, tmp_path: Path) -> None:
    check = (Path(__file__).resolve().parents[1] / "sql" / "checks" / "provenance_consistent.sql").read_text()
    copy = tmp_path / "check.duckdb"
    shutil.copy(warehouse, copy)
    assert _q(copy, check) == []
    _q(copy, "UPDATE core.articles SET is_wire = true WHERE agency IS NULL AND path LIKE '%quoted_sources_only.txt'")
    assert len(_q(copy, check)) == 1
