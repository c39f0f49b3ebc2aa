"""The source's own name, learned from its credits by the `furniture` stage (part `credit`), over a real
DuckDB file with pages parsed by the real parser (our own text). No rule names a site: a credit line
'<writer> <site>, <place>' over the story is read as a writer and a desk once the site's words have
followed enough different writers' names on the source's pages; one writer's name is never a site."""

from __future__ import annotations

import random
from pathlib import Path

from flows import warehouse as wh
from flows.corpus import furniture
from flows.ingest import ingest_news
from flows.steps.templates import credit_phrases
from tests.corpus.test_furniture import _run, _write

WRITERS = {
    "hi": ["Ankit Ojha", "सुनील कुमार", "प्रिया शर्मा", "Rahul Verma", "मोहन लाल", "Sana Khan"],
    "en": ["Priya Singh", "Rahul Mehta", "Asha Rao", "Vikram Nair", "Meera Iyer", "Arjun Das"],
}
SITE = {"hi": "समाचार दर्पण", "en": "Daily Courier"}
PLACES = {"hi": ["पटना", "लखनऊ", "भोपाल", "जयपुर", "रांची", "इंदौर"],
          "en": ["Mumbai", "Pune", "Nagpur", "Nashik", "Thane", "Kolhapur"]}


def _story(lang: str, i: int) -> list[str]:
    rng = random.Random(f"{lang}{i}")
    if lang == "hi":
        return [f"{rng.choice(PLACES['hi'])} नगर निगम ने {i} दिन पहले सड़कों की मरम्मत का फ़ैसला लिया और "
                f"{rng.randint(10, 999)} लोगों ने इसका स्वागत किया." for _ in range(4)]
    return [f"The {rng.choice(PLACES['en'])} council decided {i} days ago to repair the roads, and "
            f"{rng.randint(10, 999)} residents welcomed the decision at a meeting." for _ in range(4)]


def _page(lang: str, i: int, credit: str) -> str:
    s = _story(lang, i)
    return f"{lang} story {i}: the council's big decision\n{credit}\n\n{s[0]} {s[1]}\n\n{s[2]} {s[3]}\n"


def _credits(con: wh.Connection) -> list[tuple[str, str, str]]:
    return con.execute("SELECT source, part, text FROM core.source_templates WHERE part = 'credit' "
                       "ORDER BY source").fetchall()


def _provenance(con: wh.Connection, source: str) -> dict[str, tuple[tuple[str, ...] | None, str | None]]:
    rows = con.execute("SELECT a.path, a.authors, a.desk FROM core.articles AS a JOIN ops.file_state AS f "
                       "ON f.path = a.path AND f.sha256 = a.sha256 AND f.gone_load_id IS NULL "
                       "WHERE a.path LIKE ?", [f"%{source}/%"]).fetchall()
    return {p.rsplit("/", 1)[1]: (tuple(authors) if authors else None, desk) for p, authors, desk in rows}


def test_the_words_after_many_writers_names_are_the_sites_name_in_two_sources(con: wh.Connection,
                                                                             tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    for lang in ("hi", "en"):
        for i in range(24):
            writer = WRITERS[lang][i % 6]
            _write(raw, f"site-{lang}", f"{i:03d}.txt", _page(lang, i, f"{writer} {SITE[lang]}, {PLACES[lang][i % 6]}"))
    _run(con, raw, "L1")
    # The whole name, not its last word (which follows as many names); not a writer's surname with it.
    assert _credits(con) == [("site-en", "credit", SITE["en"]), ("site-hi", "credit", SITE["hi"])]
    for lang in ("hi", "en"):
        read = _provenance(con, f"site-{lang}")
        assert len(read) == 24
        for name, (authors, desk) in read.items():
            assert (authors, desk) == ((WRITERS[lang][int(name[:3]) % 6],), SITE[lang]), name


def test_pages_loaded_before_the_name_was_learned_are_rederived(con: wh.Connection, tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    for i in range(3):  # three stories: under the threshold, nothing learned
        _write(raw, "site-hi", f"{i:03d}.txt", _page("hi", i, f"{WRITERS['hi'][i]} {SITE['hi']}, पटना"))
    _run(con, raw, "L1")
    assert _credits(con) == []
    # With no site named, the writer and the site's name cannot be told apart: no one is credited.
    assert {v for v in _provenance(con, "site-hi").values()} == {(None, None)}
    for i in range(3, 24):
        _write(raw, "site-hi", f"{i:03d}.txt", _page("hi", i, f"{WRITERS['hi'][i % 6]} {SITE['hi']}, पटना"))
    _run(con, raw, "L2")
    read = _provenance(con, "site-hi")
    assert read["000.txt"] == ((WRITERS["hi"][0],), SITE["hi"])  # re-derived in the same load
    assert con.execute("SELECT count(*) FROM ops.reparse_queue").fetchall() == [(0,)]


def test_one_prolific_writers_name_is_no_sites_name(con: wh.Connection, tmp_path: Path) -> None:
    # The same three-word name over every story, with its place: its last words always follow the same
    # first name, so they are a person's, not the site's.
    raw = tmp_path / "raw"
    for i in range(24):
        _write(raw, "site-hi", f"{i:03d}.txt", _page("hi", i, "राम कुमार शर्मा, नई दिल्ली"))
        _write(raw, "site-en", f"{i:03d}.txt", _page("en", i, "Rahul Kumar Mehta, New Delhi"))
    _run(con, raw, "L1")
    assert furniture.threshold(24) <= 24
    assert _credits(con) == []
    assert {v for v in _provenance(con, "site-hi").values()} == {(("राम कुमार शर्मा",), None)}
    assert {v for v in _provenance(con, "site-en").values()} == {(("Rahul Kumar Mehta",), None)}


def test_credit_phrases_are_the_credits_last_words_after_a_word_or_more() -> None:
    assert credit_phrases("Ankit Ojha लाइव हिन्दुस्तान, नई दिल्ली") == [
        ("हिन्दुस्तान", "Ankit Ojha लाइव"), ("लाइव हिन्दुस्तान", "Ankit Ojha"), ("Ojha लाइव हिन्दुस्तान", "Ankit")]
    assert credit_phrases("Priya Singh | Mumbai") == [("Singh", "Priya")]
    assert credit_phrases("Delhi") == []


def test_the_flow_learns_the_sites_name_and_the_marts_show_it(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    for i in range(24):
        _write(raw, "site-hi", f"{i:03d}.txt", _page("hi", i, f"{WRITERS['hi'][i % 6]} {SITE['hi']}, पटना"))
    whp = tmp_path / "wh" / "news.duckdb"
    summary = ingest_news(raw_dir=str(raw), warehouse=str(whp), stages="furniture,sources")
    assert summary["failed_checks"] == {}
    with wh.read_snapshot(whp.with_name("news_bi.duckdb")) as snap:
        # (Each writer's whole credit line is printed over 4 stories too: learned as a line, which leaves a
        # metadata block as it is.)
        assert wh.fetch(snap, "SELECT source, part, text FROM marts.source_templates WHERE part = 'credit'")[1] == \
            [("site-hi", "credit", SITE["hi"])]
        rows = wh.fetch(snap, "SELECT authors, desk, count(*) FROM marts.articles GROUP BY ALL ORDER BY 1")[1]
        assert sorted((tuple(a), d, n) for a, d, n in rows) == sorted(((w,), SITE["hi"], 4) for w in WRITERS["hi"])
