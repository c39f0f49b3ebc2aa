"""The `dedup` stage over a real DuckDB file loaded with the real parser: near-duplicate groups, the hard
negatives kept apart, stories, incremental runs and stable ids. Fixture texts are our own sentences."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from flows import corpus
from flows import warehouse as wh
from flows.corpus import StageContext, dedup
from tests.corpus.conftest import _load

STAGE = [corpus.dedup]

# Three unrelated stories (our own sentences), each 60+ words in four paragraphs.
HI = [
    ["भोपाल नगर निगम ने सोमवार को शहर की झीलों की सफाई के लिए नई योजना की घोषणा की।",
     "योजना के तहत बड़ी झील के किनारे कचरा उठाने वाली नावें चलेंगी और रात में निगरानी कैमरे लगाए जाएंगे।",
     "महापौर सुनीता वर्मा ने कहा कि मानसून से पहले काम पूरा कर लिया जाएगा और नागरिकों से सहयोग मांगा।",
     "पर्यावरण विशेषज्ञ अनिल चौहान के अनुसार झील में गिरने वाले नालों को मोड़ना सबसे जरूरी कदम है, वरना सफाई टिकेगी नहीं।",
     "निगम के आयुक्त ने बताया कि पहले चरण में छोटी झीलों को लिया जाएगा और हर महीने प्रगति की रिपोर्ट जारी होगी।"],
    ["इंदौर के किसानों ने प्याज के गिरते दामों के विरोध में मंडी के बाहर धरना दिया और सरकार से समर्थन मूल्य मांगा।",
     "किसान नेता रमेश पाटीदार ने बताया कि इस बार फसल अच्छी हुई, पर व्यापारी आधे दाम पर खरीद रहे हैं।",
     "मंडी सचिव ने भरोसा दिलाया कि भंडारण के लिए गोदाम खोले जाएंगे ताकि किसान जल्दबाजी में न बेचें।",
     "कृषि विभाग के अधिकारियों ने कहा कि निर्यात पर लगी रोक हटाने का प्रस्ताव केंद्र को भेजा गया है और जवाब का इंतजार है।",
     "धरने में आसपास के गांवों से आए सैकड़ों किसान शामिल हुए और देर शाम तक नारे लगाते रहे।"],
    ["ग्वालियर के पुराने किले में पुरातत्व विभाग को खुदाई के दौरान मिट्टी के बर्तन और तांबे के सिक्के मिले हैं।",
     "विभाग की टीम का कहना है कि सिक्कों पर बनी आकृतियां किसी प्राचीन राजवंश के समय की लगती हैं।",
     "खुदाई स्थल को आम लोगों के लिए बंद कर दिया गया है और सुरक्षा के लिए पुलिस तैनात की गई है।",
     "इतिहासकार मीरा सक्सेना ने बताया कि इन खोजों से शहर के इतिहास के कई अनजाने पन्ने खुल सकते हैं और शोध को दिशा मिलेगी।",
     "अगले महीने विशेषज्ञों का एक दल इन वस्तुओं की उम्र जांचने के लिए प्रयोगशाला में परीक्षण करेगा।"],
]
EN = ["The Bhopal municipal corporation on Monday announced a new plan to clean the city's lakes before the monsoon.",
      "Under the plan, garbage collecting boats will run along the Upper Lake and night surveillance cameras "
      "will be set up.",
      "Mayor Sunita Verma said the work would be finished before the rains and asked citizens to cooperate.",
      "According to environment expert Anil Chauhan, diverting the drains that fall into the lake is the most "
      "important step, otherwise the cleaning will not last."]


def page(title: str, paragraphs: list[str], date: str | None = None) -> str:
    head = [title, ""] + ([f"Update: {date} GMT", ""] if date else [])
    return "\n".join(head + [p + "\n" for p in paragraphs])


def members(con: wh.Connection) -> dict[str, tuple[str, bool, float, str]]:
    """path stem -> (dup_group_id, is_canonical, dup_similarity, story_id)."""
    rows = con.execute("SELECT a.path, m.dup_group_id, m.is_canonical, m.dup_similarity, m.story_id "
                       "FROM core.dup_members AS m JOIN core.articles AS a USING (file_version_id)").fetchall()
    return {Path(r[0]).stem: (r[1], r[2], r[3], r[4]) for r in rows}


def write(raw: Path, name: str, text: str) -> None:
    path = raw / "site" / f"{name}.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_edited_copies_group_and_the_earliest_published_is_canonical(con: wh.Connection, tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write(raw, "base", page("झीलों की सफाई की योजना", HI[0], "2024-05-02 08:00"))
    write(raw, "reheadline", page("महापौर ने कहा, मानसून से पहले साफ होंगी झीलें", HI[0], "2024-05-02 06:00"))
    write(raw, "cut", page("झीलों की सफाई की योजना", HI[0][:2] + HI[0][3:], "2024-05-02 09:00"))
    write(raw, "unicode", page("झीलों की सफाई की योजना", [p.replace(" ", "  ").replace("्", "्\u200c") for p in HI[0]]))
    write(raw, "other", page("प्याज के दाम", HI[1]))
    corpus.run_stages(con, _load(con, raw, "L1"), STAGE)
    m = members(con)
    group = {m[k][0] for k in ("base", "reheadline", "cut", "unicode")}
    assert len(group) == 1 and m["other"][0] not in group
    assert [k for k, v in m.items() if v[1]] == ["reheadline", "other"] or {k for k, v in m.items() if v[1]} == \
        {"reheadline", "other"}  # earliest published of the group
    assert m["reheadline"][2] == 1.0 and m["base"][2] == 1.0  # same body text as the canonical
    assert 0.5 <= m["cut"][2] < 1.0
    assert len({v[3] for v in m.values()}) == 2  # two stories


def cases(numbers: tuple[int, ...]) -> list[str]:
    """A daily template story: the same paragraphs, each with the day's figures."""
    return [p + f" जिले में आज {n} नए केस दर्ज हुए और {n // 3} लोग ठीक हुए।" for p, n in zip(HI[2], numbers, strict=True)]


def test_stored_text_is_nfc_so_the_stage_does_not_normalise_it(con: wh.Connection, tmp_path: Path) -> None:
    # dedup_sql.normalised() reads title, standfirst and body without nfc_normalize: the parser stores them
    # NFC (flows/steps/normalize.py). A decomposed copy of a text is the same text.
    raw = tmp_path / "raw"
    accented = [p.replace("cameras", "caméras").replace("citizens", "naïve citizens").replace("Anil", "Ánil")
                for p in EN]
    write(raw, "composed", page("Café owners back the Bhopal lake plan", accented, "2024-05-02 08:00"))
    write(raw, "decomposed", unicodedata.normalize(
        "NFD", page("Café owners back the Bhopal lake plan", accented, "2024-05-02 09:00")))
    write(raw, "hindi", unicodedata.normalize("NFD", page("ऩई झीलों की सफ़ाई", HI[0])))
    corpus.run_stages(con, _load(con, raw, "L1"), STAGE)
    texts = con.execute("SELECT title, standfirst, body FROM core.articles").fetchall()
    assert len(texts) == 3 and all("é" in r[0] or "ऩ" in r[0] for r in texts)
    assert all(unicodedata.is_normalized("NFC", t) for r in texts for t in r if t is not None)
    m = members(con)
    assert m["composed"][0] == m["decomposed"][0] != m["hindi"][0]
    assert m["decomposed"][2] == 1.0  # the same text once normalised


def test_hard_negatives_stay_apart(con: wh.Connection, tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    numbered, renumbered, updated = (cases(n) for n in ((778, 12, 45, 9, 3), (552, 98, 61, 14, 2), (790, 12, 45, 9, 3)))
    write(raw, "monday", page("आज 778 नए केस", numbered, "2024-06-03 10:00"))
    write(raw, "tuesday", page("आज 552 नए केस", renumbered, "2024-06-04 10:00"))
    write(raw, "updated", page("आज 790 नए केस", updated, "2024-06-03 14:00"))  # same day: an update
    write(raw, "same_body", page("आज 801 नए केस", numbered, "2024-06-05 10:00"))  # Monday's text, a new title
    short = "भोपाल में आज हल्की बारिश हुई और तापमान गिर गया, मौसम विभाग ने कल भी बादल छाए रहने की बात कही।"
    write(raw, "short_a", page("बारिश", [short]))
    write(raw, "short_b", page("बारिश", [short]))
    write(raw, "english", page("Bhopal lakes to be cleaned before monsoon", EN))
    write(raw, "hindi", page("झीलों की सफाई की योजना", HI[0]))
    corpus.run_stages(con, _load(con, raw, "L1"), STAGE)
    m = members(con)
    assert m["monday"][0] != m["tuesday"][0]
    assert m["monday"][0] == m["updated"][0]
    assert m["same_body"][0] != m["monday"][0]
    assert m["monday"][3] != m["tuesday"][3]  # a template story the next day is another story too
    assert m["short_a"][0] != m["short_b"][0]
    assert m["english"][0] != m["hindi"][0]
    assert m["english"][3] == m["hindi"][3]  # linked by their names across scripts
    modes = dict(con.execute("SELECT a.path, s.mode FROM core.dup_signatures AS s "
                             "JOIN core.articles AS a USING (file_version_id)").fetchall())
    assert modes["site/short_a.txt"] == "short"


def test_a_script_without_word_breaks_is_compared_by_characters(con: wh.Connection, tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    letters = [chr(c) for c in range(0x0E01, 0x0E2F)]  # Thai consonants, in a pattern of our own
    text = "".join(letters[(i * 7 + i // 5) % len(letters)] for i in range(600))
    write(raw, "a", page("ก", [text[:300], text[300:]]))
    write(raw, "b", page("ข", [text[:300], text[300:580]]))
    write(raw, "c", page("ค", ["".join(reversed(text[:300])), "".join(reversed(text[300:]))]))
    corpus.run_stages(con, _load(con, raw, "L1"), STAGE)
    m = members(con)
    assert m["a"][0] == m["b"][0] != m["c"][0]
    assert con.execute("SELECT DISTINCT mode FROM core.dup_signatures").fetchall() == [("chars",)]


def test_ids_are_stable_across_reruns_unrelated_loads_and_deletions(con: wh.Connection, tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write(raw, "first", page("झीलों की सफाई", HI[0], "2024-05-01 08:00"))
    write(raw, "second", page("झीलें होंगी साफ", HI[0][:3], "2024-05-01 09:00"))
    write(raw, "third", page("झीलों की सफाई योजना", [*HI[0], "नगर निगम ने इसके लिए बजट भी जारी कर दिया है।"],
                             "2024-05-01 10:00"))
    ctx = _load(con, raw, "L1")
    corpus.run_stages(con, ctx, STAGE)
    before = members(con)
    assert len({v[0] for v in before.values()}) == 1
    corpus.run_stages(con, ctx, STAGE)  # a rerun of the same load
    assert members(con) == before
    corpus.run_stages(con, StageContext("L1b", full=True), STAGE)  # a full recompute (reparse --all)
    assert members(con) == before
    corpus.run_stages(con, StageContext("L1c", changed=ctx.added), STAGE)  # re-derived in place (reparse)
    assert members(con) == before

    write(raw, "unrelated", page("प्याज के दाम", HI[1]))
    corpus.run_stages(con, _load(con, raw, "L2"), STAGE)
    after = members(con)
    assert {k: after[k] for k in before} == before

    (raw / "site" / "first.txt").unlink()  # the canonical goes: the rest stay one group, under the same id
    corpus.run_stages(con, _load(con, raw, "L3"), STAGE)
    m = members(con)
    assert "first" not in m and m["second"][0] == m["third"][0] == before["second"][0]
    assert m["second"][1] is True  # the earliest remaining is canonical now
    gone = con.execute("SELECT count(*) FROM core.dup_signatures AS s WHERE NOT EXISTS ("
                       "SELECT 1 FROM core.dup_members AS m WHERE m.file_version_id = s.file_version_id)").fetchall()
    assert gone == [(0,)]


def _insert(con: wh.Connection, bodies: list[str]) -> StageContext:
    """Articles straight into core.articles (as loaded and current), one per body: for shapes the parser
    would reject before the stage sees them, and for volume."""
    con.execute("""
        INSERT INTO core.articles (file_version_id, article_id, path, sha256, title, body, language,
            language_probability, language_method, language_needs_review, script, script_shares, code_mix_share,
            letters, words, body_chars, blocks, load_id, parser_version, loaded_at, source)
        SELECT printf('%016x', i), printf('%016x', i), printf('copies/%d.txt', i), 'sha', 'title', b, 'hi',
               1.0, 'script', false, 'Deva', '{}', 0.0, 100, 100, 500, 5, 'L1', 'test',
               TIMESTAMP '2026-01-01' + to_microseconds(i), 'copies'
        FROM (SELECT unnest($bodies::VARCHAR[]) AS b, generate_subscripts($bodies::VARCHAR[], 1) AS i)""",
                {"bodies": bodies})
    con.execute("INSERT INTO ops.file_state SELECT path, 1, 1, sha256, 'loaded', NULL, false, 'L1', NULL "
                "FROM core.articles")
    wh.start_load(con, "L1", None, "raw", "test")
    return StageContext("L1", added=tuple(r[0] for r in con.execute("SELECT file_version_id FROM core.articles")
                                          .fetchall()))


def test_many_identical_files_make_one_group_with_linear_links(con: wh.Connection) -> None:
    n = 10_000
    corpus.run_stages(con, _insert(con, ["\n\n".join(HI[1] + HI[2])] * n), STAGE)
    assert con.execute("SELECT count(DISTINCT dup_group_id), count(*) FROM core.dup_members").fetchall() == [(1, n)]
    assert con.execute("SELECT count(*) FROM core.dup_edges").fetchall()[0][0] <= dedup.MAX_LINKS * 2 * n


def test_empty_one_word_and_other_script_bodies_are_their_own_groups(con: wh.Connection) -> None:
    bodies = ["", "", "नमस्ते", "नमस्ते", "\U000f0001" * 40, "\U000f0001" * 40, "... !!! ---"]
    corpus.run_stages(con, _insert(con, bodies), STAGE)
    rows = con.execute("SELECT count(DISTINCT dup_group_id), bool_and(is_canonical), min(dup_similarity) "
                       "FROM core.dup_members").fetchall()
    assert rows == [(len(bodies), True, 1.0)]
    assert con.execute("SELECT DISTINCT mode FROM core.dup_signatures").fetchall() == [("short",)]


def test_assign_ids_keeps_the_earliest_members_id_and_mints_for_new_parts() -> None:
    order = {k: (i, k) for i, k in enumerate("abcde")}
    previous = {"a": "g1", "b": "g1", "c": "g1", "d": "g2"}
    ids = dedup.assign_ids([["c", "b"], ["a"], ["d", "e"]], previous, order, "g")
    assert ids["a"] == "g1"  # the part holding the earliest member keeps the id
    assert ids["b"] == ids["c"] != "g1" and ids["b"].startswith("g")  # the split-off part gets a new one
    assert ids["d"] == ids["e"] == "g2"
    assert dedup.assign_ids([["c", "b"]], previous, order, "g") == {"b": "g1", "c": "g1"}


def test_marts_show_groups_stories_and_distinct_stories_per_day(con: wh.Connection, tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write(raw, "early", page("झीलों की सफाई की योजना", HI[0], "2024-05-02 06:00"))
    write(raw, "copy", page("महापौर ने कहा, साफ होंगी झीलें", HI[0], "2024-05-02 08:00"))
    (raw / "other-site").mkdir(parents=True)
    (raw / "other-site" / "english.txt").write_text(page("Bhopal lakes to be cleaned", EN, "2024-05-02 09:00"),
                                                     encoding="utf-8")
    write(raw, "onions", page("प्याज के दाम", HI[1], "2024-05-02 10:00"))
    corpus.run_stages(con, _load(con, raw, "L1"), STAGE)
    wh.apply_views(con)
    stories = con.execute("SELECT headline, first_source, sources, languages, articles, dup_groups "
                          "FROM marts.stories ORDER BY articles DESC").fetchall()
    assert stories == [("झीलों की सफाई की योजना", "site", 2, "en,hi", 3, 2), ("प्याज के दाम", "site", 1, "hi", 1, 1)]
    counts = con.execute("SELECT language, articles, stories FROM marts.daily_language_counts "
                         "WHERE day = DATE '2024-05-02' ORDER BY 1").fetchall()
    assert counts == [("en", 1, 1), ("hi", 3, 2)]
    canon = con.execute("SELECT title, dup_similarity FROM marts.articles WHERE is_canonical AND dup_group_id = "
                        "(SELECT dup_group_id FROM marts.articles WHERE title LIKE 'महापौर%')").fetchall()
    assert canon == [("झीलों की सफाई की योजना", 1.0)]


def test_the_data_check_sees_an_article_left_without_a_group(con: wh.Connection, tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write(raw, "lakes", page("झीलों की सफाई की योजना", HI[0], "2024-05-02 06:00"))
    write(raw, "onions", page("प्याज के दाम", HI[1], "2024-05-02 10:00"))

    def failing() -> int:
        return next(c.failing_rows for c in wh.run_checks(con) if c.name == "dup_groups_complete")

    wh.apply_views(con)
    assert failing() == 0  # the stage has not run: nothing is expected yet
    corpus.run_stages(con, _load(con, raw, "L1"), STAGE)
    assert failing() == 0
    con.execute("DELETE FROM core.dup_members WHERE file_version_id IN "
                "(SELECT file_version_id FROM core.articles WHERE path LIKE '%onions%')")
    assert failing() == 1


def test_common_story_terms_are_listed_not_stored(con: wh.Connection, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A term held by more than DF_CAP distinct texts links nothing: the stage lists it in
    core.story_common_terms and keeps none of its occurrences, in a full run and when a later load makes a
    term common; a term under the cap stays stored."""
    monkeypatch.setattr(dedup, "DF_CAP", 2)
    raw = tmp_path / "raw"
    write(raw, "a", page("भोपाल और नर्मदापुरम की झीलें", HI[0]))  # भोपाल is in HI[0]'s lead as well
    write(raw, "b", page("भोपाल और नर्मदापुरम के किसान", HI[1]))
    write(raw, "c", page("भोपाल का किला", HI[2]))
    corpus.run_stages(con, _load(con, raw, "L1"), STAGE)

    def word(text: str) -> tuple[str, int]:
        return "word", con.execute("SELECT hash(?)", [text]).fetchall()[0][0]

    def listed() -> set[tuple[str, int]]:
        return set(con.execute("SELECT kind, term FROM core.story_common_terms").fetchall())

    def stored() -> set[tuple[str, int]]:
        return set(con.execute("SELECT kind, term FROM core.story_terms").fetchall())

    assert word("भोपाल") in listed() and word("भोपाल") not in stored()
    assert word("नर्मदापुरम") in stored() and word("नर्मदापुरम") not in listed()  # two texts: rare
    write(raw, "d", page("नर्मदापुरम और भोपाल की खबर", EN))  # a third text with it: common now
    corpus.run_stages(con, _load(con, raw, "L2"), STAGE)
    assert {word("भोपाल"), word("नर्मदापुरम")} <= listed()
    assert not stored() & listed()
    assert len(members(con)) == 4
