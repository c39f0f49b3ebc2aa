"""flows.steps.parse: block languages (inherited or their own) and the normalised text rebuilt from blocks."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flows.steps.discover import FileRef
from flows.steps.language import detect_language, script_profile
from flows.steps.normalize import normalize_line, split_lines
from flows.steps.parse import (
    OWN_DETECTION_LETTERS,
    Article,
    block_row,
    parse_text,
    process_file,
    publication_time,
)
from flows.steps.records import Block, LanguageResult, ParsedTime
from flows.steps.segment import load_rules, segment
from flows.steps.templates import Learned, text_key

ROOT = Path(__file__).resolve().parents[2]
RAW = sorted((ROOT / "data" / "raw").glob("*.txt"))

HINDI = (
    "केंद्र सरकार ने मंगलवार को किसानों के लिए नई योजना की घोषणा की। कृषि मंत्री ने कहा कि इस योजना से "
    "देश के करोड़ों किसानों को सीधा लाभ मिलेगा और फसल बीमा की प्रक्रिया भी आसान होगी।"
)
MARATHI = (
    "राज्य सरकारने शेतकऱ्यांसाठी नवीन योजना जाहीर केली आहे. या योजनेअंतर्गत पीक विम्याची प्रक्रिया सोपी "
    "करण्यात आली आहे आणि नुकसान भरपाईची रक्कम थेट बँक खात्यात जमा करण्यात येणार आहे. "
)
ENGLISH = (
    "The central government on Tuesday announced a new scheme for farmers. The agriculture minister said "
    "crores of farmers across the country would benefit directly and crop insurance would become simpler."
)


def _block(text: str, kind: str = "body") -> Block:
    return Block(0, 1, kind, text, "test")


@pytest.fixture(scope="module")
def hindi_article() -> LanguageResult:
    return detect_language(HINDI * 4)


def test_short_block_in_the_article_script_inherits_its_language(hindi_article: LanguageResult) -> None:
    # On its own, a Marathi-looking line this short could come out mr or ne; in a Hindi article it is hi.
    heading = "नई योजना से किसानों को लाभ"
    row = block_row(_block(heading, "heading"), hindi_article)
    assert (row.language, row.script) == ("hi", "Devanagari")
    assert row.language_probability == hindi_article.probability


def test_long_block_in_the_article_script_gets_its_own_detection(hindi_article: LanguageResult) -> None:
    text = MARATHI * 4
    assert script_profile(text).letters >= OWN_DETECTION_LETTERS
    row = block_row(_block(text), hindi_article)
    assert row.language == "mr"


def test_block_in_another_script(hindi_article: LanguageResult) -> None:
    english = block_row(_block(ENGLISH), hindi_article)
    assert (english.language, english.script) == ("en", "Latin")
    # Too short for a call detect_language would not flag: undetermined rather than a coin toss.
    short = block_row(_block("Advertisement", "boilerplate"), hindi_article)
    assert (short.language, short.language_probability, short.script) == ("und", 0.0, "Latin")
    bengali = block_row(_block("কেন্দ্রীয় সরকার ঘোষণা করেছে।"), hindi_article)
    assert (bengali.language, bengali.script) == ("bn", "Bengali")
    junk = block_row(_block("-- 12:30 --", "boilerplate"), hindi_article)
    assert junk.language == "und"


def test_blocks_of_an_und_article_get_their_own_detection() -> None:
    und = detect_language("12 34")
    row = block_row(_block(HINDI), und)
    assert row.language == "hi"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcdeABC कखगािॉ्ड़ মজ ڈکی <>&:/.\u200b", max_size=200))
def test_script_profile_counts_as_detect_language_does(text: str) -> None:
    profile = script_profile(text)
    result = detect_language(text)
    assert profile.letters == result.letters
    if result.language != "und":
        assert profile.is_language
        if result.method != "script":
            assert profile.ambiguous and profile.script == result.script
    elif profile.letters == 0:
        assert profile.script == "none" and not profile.is_language


def _line_by_line(text: str) -> str:
    """normalize_text, but keeping every line (blank ones too) where it was."""
    lines = [normalize_line(line) for line in split_lines(text)]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


@pytest.mark.parametrize("path", RAW, ids=lambda p: p.name)
def test_stored_text_keeps_every_line_where_it_was_on_samples(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    stored = segment(text, load_rules()).text
    assert stored == _line_by_line(text)
    # Parsed again (newsdw reparse), the stored text gives the same blocks on the same lines.
    again = segment(stored, load_rules()).blocks
    assert [(b.line_no, b.kind, b.text) for b in again] == [(b.line_no, b.kind, b.text)
                                                            for b in segment(text, load_rules()).blocks]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["", " ", "\t", "\u200b", "नमस्ते दुनिया", "Hello world.", "विज्ञापन", "--> ",
                                 "यह भी पढ़ें: कुछ", "Tags: a, b"]), max_size=30),
       st.sampled_from(["\n", "\r\n", "\r"]))
def test_stored_text_keeps_every_line_where_it_was(lines: list[str], newline: str) -> None:
    text = newline.join(lines)
    assert segment(text, load_rules()).text == _line_by_line(text)


def test_process_file_gives_each_block_a_language(tmp_path: Path) -> None:
    src = RAW[0]
    ref = FileRef(src.name, str(src), src.stat().st_size, src.stat().st_mtime_ns)
    article = process_file(ref)
    assert isinstance(article, Article)
    assert article.language.language == "hi"
    body = [row for row in article.blocks if row.block.kind in ("body", "heading")]
    assert body and all(row.language == "hi" for row in body)
    assert {row.block.ordinal for row in article.blocks} == set(range(len(article.blocks)))


# --------------------------------------------------------------------------------------------
# Publication time: from the page header or a labelled stamp, never from a date in the body
# --------------------------------------------------------------------------------------------

SEGMENT_FIXTURES = ROOT / "tests" / "fixtures" / "segment"
NOW = datetime(2024, 12, 2)
TITLE = "गेहूं की सरकारी खरीद ने पकड़ी रफ्तार, मंडियों में रिकॉर्ड आवक"
LEAD = f"{HINDI} {HINDI}"  # four sentences: too long for a standfirst, so the body starts here


def _published(text: str, now: datetime = NOW) -> ParsedTime | None:
    rules = load_rules()
    return publication_time(segment(text, rules).blocks, rules, "Asia/Kolkata", now)


@pytest.mark.parametrize(
    ("stem", "utc", "source"),
    [
        # A stamp in the header; the date table ('9 मार्च<TAB>1941') and a dated sentence below do not count.
        ("hindi_mandi_table", datetime(2024, 3, 12, 14, 10), "12 मार्च 2024, 07:40 PM IST"),
        # No stamp in the header: an unlabelled date line after the story is passed over, the labelled
        # 'Updated:' stamp under it is taken.
        ("english_tally_table", datetime(2024, 6, 3, 4, 45), "3 Jun 2024, 10:15 AM IST"),
        ("jagran_style", datetime(2024, 1, 6, 3, 0), "06 Jan 2024 08:30 AM (IST)"),
    ],
)
def test_publication_time_of_site_fixtures(stem: str, utc: datetime, source: str) -> None:
    found = _published((SEGMENT_FIXTURES / f"{stem}.txt").read_text(encoding="utf-8"))
    assert found is not None and (found.utc, found.source_text) == (utc, source)


def test_a_date_table_in_the_body_is_not_a_publication_time() -> None:
    text = f"{TITLE}\n\n{LEAD}\n\nपिछले सप्ताह के भाव\n9 मार्च\t1941\n10 मार्च\t1958\n\n{HINDI}\n"
    assert _published(text) is None


def test_an_unlabelled_date_after_the_body_starts_is_not_a_publication_time() -> None:
    for after in ("5 मार्च 2024", "March 5, 2024 10:30 AM IST", "05 Mar 2024    10:30"):
        assert _published(f"{TITLE}\n\n{LEAD}\n\n{after}\n\n{HINDI}\n") is None, after
    # A sentence that mentions a full date is body text, wherever it stands.
    assert _published(f"{TITLE}\n\n15 अगस्त 2024 को प्रधानमंत्री ने लाल किले से देश को संबोधित किया।\n\n{HINDI}\n") is None


@pytest.mark.parametrize(
    "stamp",
    [
        "Updated: 5 Apr 2021, 10:15 AM IST",
        "प्रकाशित: 5 अप्रैल 2021, 10:15 AM IST",
        "अपडेट केले: 5 एप्रिल 2021, 10:15 AM IST",  # Marathi
        "شائع: 5 اپریل 2021 10:15 IST",  # Urdu
        "By Staff Reporter | Last Updated: Apr 05, 2021, 10:15 IST",
    ],
)
def test_a_labelled_stamp_after_the_body_is_a_publication_time(stamp: str) -> None:
    found = _published(f"{TITLE}\n\n{HINDI}\n\n{HINDI}\n\n{stamp}\n")
    assert found is not None and found.utc == datetime(2021, 4, 5, 4, 45), stamp


@pytest.mark.parametrize(
    ("stamp", "utc"),
    [
        # A page header that is only a stamp, in forms other sites print: ISO 8601 (a CMS field a scraper
        # stores as is), Marathi and Nepali weekday and month names, a 'Last Modified' label.
        ("2021-04-05T10:15:00+05:30", datetime(2021, 4, 5, 4, 45)),
        ("2021-04-05T04:45:00Z", datetime(2021, 4, 5, 4, 45)),
        ("सोमवार, 5 एप्रिल 2021", datetime(2021, 4, 4, 18, 30)),  # Marathi
        ("सोमबार, 5 अप्रिल 2021", datetime(2021, 4, 4, 18, 30)),  # Nepali
        ("Last Modified: 5th April 2021", datetime(2021, 4, 4, 18, 30)),
        ("Published5 April 2021", datetime(2021, 4, 4, 18, 30)),  # the label glued to the date
        # Nepali papers' Bikram Sambat dates, converted; Nepal's time (+05:45) unless a zone is named.
        # 1 Baisakh 2080 is Nepal's new year, 14 April 2023.
        ("बैशाख १, २०८०", datetime(2023, 4, 13, 18, 15)),
        ("२०८० बैशाख १ गते १०:३०", datetime(2023, 4, 14, 4, 45)),
        ("शुक्रबार, १ वैशाख २०८०", datetime(2023, 4, 13, 18, 15)),
        ("प्रकाशित मिति : २०८० बैशाख १ गते", datetime(2023, 4, 13, 18, 15)),
    ],
)
def test_a_header_line_that_is_only_a_stamp_is_the_publication_time(stamp: str, utc: datetime) -> None:
    found = _published(f"{TITLE}\n{stamp}\n\n{HINDI}\n\n{HINDI}\n")
    assert found is not None and found.utc == utc, stamp


def test_a_header_stamp_comes_before_a_labelled_one_below() -> None:
    text = f"{TITLE}\n12 मार्च 2024, 07:40 PM IST\n\n{HINDI}\n\nUpdated: 13 Mar 2024, 09:00 AM IST\n"
    found = _published(text)
    assert found is not None and found.utc == datetime(2024, 3, 12, 14, 10)


def test_an_implausible_stamp_is_returned_when_there_is_no_other() -> None:
    # The loader drops it (rows.py) and keeps its text; a plausible stamp further down wins over it.
    only = _published(f"{TITLE}\nप्रकाशित: 12 मार्च 1985\n\n{HINDI}\n")
    assert only is not None and only.source_text == "12 मार्च 1985"
    both = _published(f"{TITLE}\nप्रकाशित: 12 मार्च 2091\n\n{HINDI}\n\nUpdated: 13 Mar 2024\n")
    assert both is not None and both.source_text == "13 Mar 2024"


def test_a_stamp_glued_to_the_first_sentence_is_read_and_the_sentence_kept() -> None:
    # The line break after the stamp lost: the stamp is cut off the line (a [[lead]] metadata.timestamp).
    text = f"{TITLE}\nUpdated: 12 May 2024, 12:59 hrs IST {HINDI}\n\n{HINDI}\n"
    found = _published(text)
    assert found is not None and found.utc == datetime(2024, 5, 12, 7, 29)
    seg = segment(text, load_rules())
    stamp, story = (b for b in seg.blocks if b.line_no == 2)
    assert (stamp.kind, stamp.rule) == ("metadata", "metadata.timestamp")
    assert story.kind in ("standfirst", "body") and story.text == HINDI


def test_table_rows_are_in_the_body_with_their_tabs() -> None:
    text = (SEGMENT_FIXTURES / "hindi_mandi_table.txt").read_text(encoding="utf-8")
    out = parse_text(text, path="p.txt", sha256="0" * 64, size=len(text), mtime_ns=0, encoding="utf-8",
                     raw=text.encode(), default_zone="Asia/Kolkata", rules=load_rules())
    assert isinstance(out, Article)
    paragraphs = out.body.split("\n\n")
    assert paragraphs[paragraphs.index("मंडी\tआवक\tखरीद") + 1] == "चकरपुर\t12,450\t9,800"
    assert "9 मार्च\t1941" in paragraphs
    assert out.published_at == datetime(2024, 3, 12, 14, 10)
    assert "9 मार्च\t1941" in out.text.split("\n")  # raw.files keeps the tab, so a reparse finds the table


@pytest.mark.parametrize("first", ["ملتان (نیوز ڈیسک) شہر کی انتظامیہ نے سڑکوں کی مرمت کا کام شروع کر دیا",
                                   "मथुरा, तीन मई (भाषा) नगर निगम ने सोमवार को सड़कों की मरम्मत का काम शुरू कर दिया"])
def test_a_first_line_with_a_dateline_credit_is_the_lead_in_the_body(first: str) -> None:
    text = f"{first}\n\n{HINDI}\n"
    out = parse_text(text, path="p.txt", sha256="0" * 64, size=len(text), mtime_ns=0, encoding="utf-8",
                     raw=text.encode(), default_zone="Asia/Kolkata", rules=load_rules())
    assert isinstance(out, Article)
    assert out.title is None
    assert out.body.split("\n\n")[0] == first


def _parse(text: str, templates: Learned | None = None) -> Article:
    out = parse_text(text, path="site/p.txt", sha256="0" * 64, size=len(text), mtime_ns=0, encoding="utf-8",
                     raw=text.encode(), default_zone="Asia/Kolkata", rules=load_rules(), templates=templates)
    assert isinstance(out, Article)
    return out


@pytest.mark.parametrize(("masthead", "headline", "story"), [
    ("जनजागरण न्यूज़ नेटवर्क - देश की हर खबर सबसे पहले", "किसानों के लिए नई योजना का एलान, फसल बीमा होगा आसान", HINDI),
    ("The Daily Courier | News, Views and Analysis Since 1901", "Farmers get a new scheme as crop insurance is eased",
     ENGLISH),
])
def test_a_masthead_learned_in_its_source_is_no_title_and_the_headline_under_it_is(
        masthead: str, headline: str, story: str) -> None:
    text = f"{masthead}\n{headline}\n12 मार्च 2024, 10:15 IST\n\n{story}\n\n{story}\n"
    alone = _parse(text)
    assert alone.title == masthead  # nothing tells a site's tagline from a headline on one page
    learned = Learned({text_key(masthead): 40, text_key("Advertisement"): 90}, {})
    out = _parse(text, learned)
    assert out.title == headline and headline not in out.body and masthead not in out.body
    assert (out.blocks[0].block.kind, out.blocks[0].block.rule) == ("boilerplate", "repeated")
    assert out.repeat_counts == {0: 40}
    assert out.published_at == datetime(2024, 3, 12, 4, 45)
    # What the page offers the furniture stage is what the rules alone read: it does not hang on what was learned.
    assert out.template_keys == alone.template_keys and out.story_key == alone.story_key


def test_a_learned_title_stays_when_no_line_of_its_own_is_under_it() -> None:
    # A feature printed every day under one title ('आज का राशिफल', 'Morning Briefing') over its first paragraph.
    for title, story in (("आज का राशिफल", HINDI), ("Morning Briefing", ENGLISH)):
        text = f"{title}\n\n{story}\n\n{story}\n"
        out = _parse(text, Learned({text_key(title): 12}, {}))
        assert out.title == title and out.body.startswith(story[:40])
    # Nor over a summary written as a sentence: a title the site prints over many stories, each day's summary.
    for title, summary, story in (("पेट्रोल-डीजल के आज के दाम", "दिल्ली में आज पेट्रोल 84 रुपये लीटर बिका।", HINDI),
                                  ("Petrol, diesel prices today", "Prices held steady in Delhi on Tuesday.", ENGLISH)):
        out = _parse(f"{title}\n{summary}\n\n{story}\n\n{story}\n", Learned({text_key(title): 12}, {}))
        assert out.title == title
    # A headline under a masthead may end on a question mark.
    masthead = "Daily Courier - Since 1901"
    out = _parse(f"{masthead}\nWill the farm laws be repealed?\n\n{ENGLISH}\n\n{ENGLISH}\n",
                 Learned({text_key(masthead): 40}, {}))
    assert out.title == "Will the farm laws be repealed?"
    # Nor when the line under it is learned too: a site's name over its tagline, the headline lost.
    text = f"Daily Courier\nNews, Views and Analysis Since 1901\n\n{ENGLISH}\n"
    both = Learned({text_key("Daily Courier"): 30, text_key("News, Views and Analysis Since 1901"): 30}, {})
    assert _parse(text, both).title == _parse(text).title


def test_under_a_learned_masthead_a_short_headline_is_the_title_and_a_sentence_is_not() -> None:
    masthead = "जनजागरण न्यूज़ नेटवर्क - देश की हर खबर सबसे पहले"
    learned = Learned({text_key(masthead): 40}, {})
    short = _parse(f"{masthead}\nकोरोना का कहर जारी\n12 मार्च 2024\n\n{HINDI}\n\n{HINDI}\n", learned)
    assert short.title == "कोरोना का कहर जारी" and short.published_at == datetime(2024, 3, 11, 18, 30)
    english = _parse(f"Daily Courier - Since 1901\nFloods hit Assam\n\n{ENGLISH}\n\n{ENGLISH}\n",
                     Learned({text_key("Daily Courier - Since 1901"): 40}, {}))
    assert english.title == "Floods hit Assam"
    # A headline written as a whole sentence is no headline to the rules, with or without the masthead: the
    # page keeps what it had (the tagline stays the title; no paragraph is taken for one).
    long = "किसानों के लिए नई योजना का एलान: मंत्री ने कहा, फसल बीमा होगा आसान और किसानों को सीधा लाभ मिलेगा।"
    text = f"{masthead}\n{long}\n\n{HINDI}\n\n{HINDI}\n"
    out = _parse(text, learned)
    assert out.title == _parse(text).title == masthead and out.standfirst == long


@pytest.mark.parametrize(("marker", "links", "story"), [
    ("पढ़ना न भूलें", ["रांची: बिजली कंपनी ने नई दरें लागू कीं, 33 हजार उपभोक्ताओं पर असर",
                     "लखनऊ में टीकाकरण अभियान का दूसरा चरण शुरू, 60 हजार बुजुर्गों को पहले मौका",
                     "इंदौर: सड़क मरम्मत के लिए नगर निगम ने मांगे 48 करोड़ रुपये"], HINDI),
    ("More from our newsroom", ["Assam floods: 12 districts under water as the Brahmaputra rises",
                                "Why the new farm laws have 20 lakh of Punjab's growers worried",
                                "Metro's second line opens to passengers after 4 years"], ENGLISH),
])
def test_headlines_under_a_learned_box_header_no_rule_knows_are_links(marker: str, links: list[str],
                                                                      story: str) -> None:
    text = f"{TITLE}\n\n{story}\n\n{story}\n\n{marker}\n" + "\n".join(links) + "\n"
    alone = _parse(text)
    assert any(link in alone.body for link in links)  # read alone, those holding amounts are a list of figures
    out = _parse(text, Learned({text_key(marker): 30}, {}))
    assert not any(link in out.body for link in links) and story in out.body
    assert {link for link in links if link in alone.body} <= set(out.also_read)


def test_a_list_or_one_heading_under_a_learned_line_stays_the_storys() -> None:
    prices = ["सोना 62,350 रुपये", "चांदी 71,200 रुपये", "पेट्रोल 94.72 रुपये प्रति लीटर"]
    text = f"{TITLE}\n\n{HINDI}\n\n{HINDI}\n\nआज के भाव\n" + "\n".join(prices) + "\n"
    out = _parse(text, Learned({text_key("आज के भाव"): 30}, {}))
    assert all(p in out.body for p in prices)
    sub = "The minister's promise to Punjab's farmers"
    text = f"Farm scheme announced\n\n{ENGLISH}\n\nAdvertisement\n{sub}\n{ENGLISH}\n\n{ENGLISH}\n"
    out = _parse(text, Learned({text_key("Advertisement"): 90}, {}))
    assert sub in out.body and "Advertisement" not in out.body
    # A list the story introduces, right under a learned ad label.
    items = ["हर किसान को छह हजार रुपये सालाना की मदद", "फसल बीमा के लिए आधा प्रीमियम सरकार देगी",
             "मंडी तक फसल ले जाने के लिए मुफ्त परिवहन"]
    intro = "योजना के तहत किसानों को ये सुविधाएं मिलेंगी:"
    text = f"{TITLE}\n\n{HINDI}\n\nविज्ञापन\n{intro}\n" + "\n".join(items) + f"\n\n{HINDI}\n"
    out = _parse(text, Learned({text_key("विज्ञापन"): 90}, {}))
    assert all(item in out.body for item in items) and intro in out.body


def test_headlines_under_a_learned_line_that_are_all_the_body_stay_it() -> None:
    # A short page of a site that prints no stops, under a promo line of its own the stage learned: its two
    # lines are its story, not a box of links; the page is loaded, never rejected for what was learned.
    promo = "صبح نو پلس کی خاص پیشکش آپ کے لیے"
    lines = ["شہر میں نئی بسیں چلانے کا فیصلہ کر لیا گیا ہے اور ان کا کرایہ بھی پہلے سے کم رکھا گیا ہے",
             "حکام کا کہنا ہے کہ اگلے ماہ سے مزید بسیں بھی سڑکوں پر آئیں گی اور نئے روٹ جلد بتائے جائیں گے"]
    text = f"لاہور میں نئی بسیں\n\n{promo}\n" + "\n".join(lines) + "\n"
    out = _parse(text, Learned({text_key(promo): 50}, {}))
    assert all(line in out.body for line in lines) and promo not in out.body


def test_a_learned_masthead_over_the_pages_only_line_leaves_it_the_body() -> None:
    masthead = "जनजागरण न्यूज़ नेटवर्क - देश की हर खबर सबसे पहले"
    only = "नगर निगम ने शहर में बीस नई बसें चलाने का फैसला किया और किराया भी घटाया"
    out = _parse(f"{masthead}\n\n{only}\n", Learned({text_key(masthead): 40}, {}))
    assert only in out.body + (out.standfirst or "")
