"""Provenance: credits read by position only; header stamps; captions; bad input gives NULL + reason."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from flows.steps.parse import Article, Rejected, parse_text
from flows.steps.provenance import (
    Provenance,
    agency_of,
    caption_credit,
    closing_credit,
    dateline_credit,
    dateline_line_credit,
    extract,
    load_provenance_rules,
    read_credit_line,
)
from flows.steps.reasons import Reason
from flows.steps.segment import load_rules, segment

RULES = load_provenance_rules()
NOW = datetime(2026, 1, 1)


def run(text: str) -> Provenance:
    return extract(segment(text, load_rules()).blocks, RULES, "Asia/Kolkata", NOW)


PARA = "सरकार ने आज किसानों के लिए एक नई योजना की घोषणा की जिससे लाखों परिवारों को सीधा लाभ मिलेगा।"
PARA2 = "मंत्री ने कहा कि योजना का पहला चरण अगले महीने से देश के सभी जिलों में एक साथ शुरू किया जाएगा।"


@pytest.mark.parametrize(("credit", "code"), [
    ("(भाषा)", "pti"), ("इनपुट: भाषा", "pti"), ("(With inputs from PTI)", "pti"), ("पीटीआई", "pti"),
    ("वार्ता", "uni"), ("यूएनआई", "uni"), ("एपी", "ap"), ("The Associated Press", "ap"), ("रॉयटर्स", "reuters"),
    ("एएफपी", "afp"), ("IANS", "ians"), ("एएनआई", "ani"), ("(एजेंसी इनपुट के साथ)", "agency"), ("Agencies", "agency"),
    ("PTI, IANS", "pti"), ("آن لائن", "online"),
])
def test_agency_names_map_to_codes(credit: str, code: str) -> None:
    assert agency_of(credit, RULES) == code


@pytest.mark.parametrize("text", ["भाषा के मुद्दे पर", "KCNA", "TASS", "Yonhap", "बीबीसी", "according to Reuters"])
def test_words_that_are_not_a_whole_credit_credit_nothing(text: str) -> None:
    assert agency_of(text, RULES) is None


def test_header_stamp_gives_author_desk_and_update_in_utc() -> None:
    stamp = "Edited By Priya Sharma | नवभारतटाइम्स.कॉम | Updated: 5 Apr 2021, 10:15:00 AM IST"
    p = run(f"शीर्षक यहां है\n{stamp}\n{PARA}\n{PARA2}")
    assert p.authors == ["Priya Sharma"]
    assert p.desk == "नवभारतटाइम्स.कॉम"
    assert p.updated_at == datetime(2021, 4, 5, 4, 45)
    assert p.agency is None


@pytest.mark.parametrize(("line", "authors", "desk", "agency"), [
    ("Published by: Rahul Verma | Updated Sat, 12 Jun 2021 08:00 PM (IST)", ["Rahul Verma"], None, None),
    ("By Press Trust of India | New Delhi", None, None, "pti"),
    ("By Rahul Sharma, Priya Singh and Amit Kumar", ["Rahul Sharma", "Priya Singh", "Amit Kumar"], None, None),
    ("By Rahul Sharma, New Delhi", ["Rahul Sharma"], None, None),
    # No site is named in the rules: a name run into the site's name cannot be told from it, so the line
    # credits no one rather than 'Ankit Ojha लाइव हिन्दुस्तान'.
    ("Ankit Ojha लाइव हिन्दुस्तान, नई दिल्ली", None, None, None),
    ("Ankit Ojha, नई दिल्ली", ["Ankit Ojha"], None, None),
    ("जागरण संवाददाता, लखनऊ", None, "जागरण संवाददाता", None),
    ("लेखक, अनंत प्रकाश", ["अनंत प्रकाश"], None, None),
    ("पदनाम, बीबीसी संवाददाता", None, None, None),
    ("रिपोर्ट: राजेश कुमार", ["राजेश कुमार"], None, None),
    ("By Dr. Asha Rao", ["Asha Rao"], None, None),
    ("India News | Press Trust of India | Updated: 5 Apr 2021", None, "India News", "pti"),
    ("Web Desk", None, "Web Desk", None),
    # the site's news desk is a desk, its role line names nobody (Marathi spells 'पदनाम' 'पदानाम'); its
    # initials are no one's name
    ("बीबीसी न्यूज़ मराठी", None, "बीबीसी न्यूज़ मराठी", None),
    ("By TNN", None, "TNN", None),
    ("HT Correspondent, Lucknow", None, "HT Correspondent", None),
    ("ڈیلی پاکستان آن لائن", None, "ڈیلی پاکستان آن لائن", None),  # 'online', as Urdu spells it
    ("BBC News, Delhi", None, "BBC News", None),
    ("पदानाम, बीबीसी मराठी", None, None, None),
    # Urdu's comma ends a name or a desk as a comma does
    ("مانیٹرنگ ڈیسک، اسلام آباد", None, "مانیٹرنگ ڈیسک", None),
    ("رپورٹ: عامر خان، لاہور", ["عامر خان"], None, None),
    ("TOI Staff", None, "TOI Staff", None),
    # Lines of other sites' pages (benchmarks/othersites.py), in our own names: a label alone, its name on the
    # next line, names nobody; nor does a role; a name's particles stay; a stamp, a handle or a figure after the
    # name ends it; a wire service is a desk.
    ("Written By", None, None, None),
    ("Story By", None, None, None),
    ("On-Air Senior Editor", None, None, None),
    ("By The Times's Editorial Writers", None, None, None),
    ("Analysis by Priya Singh, Senior Political Analyst", ["Priya Singh"], None, None),
    ("By Rahul Sharma, Maria del Carmen and Jan van der Berg, Agency", ["Rahul Sharma", "Maria del Carmen",
                                                                       "Jan van der Berg"], None, None),
    ("By Rahul Sharma Tuesday, Aug. 17, 2010", ["Rahul Sharma"], None, None),
    ("Mon, 25 Dec 2023", None, None, None),
    ("By: Priya Singh", ["Priya Singh"], None, None),
    ("By Priya Singh on June 29, 2014 08:08 pm @priya", ["Priya Singh"], None, None),
    ("By Rahul Sharma posted Aug 18th 2010 7:30PM", ["Rahul Sharma"], None, None),
    ("By RAHUL SHARMA 10/ 5/11 09:19 PM ET", ["RAHUL SHARMA"], None, None),
    ("By Priya Singh2014-01-26 21:32:46 UTC", ["Priya Singh"], None, None),
    ("By Priya Singh @priyasingh", ["Priya Singh"], None, None),
    ("By Theresa May", ["Theresa May"], None, None),
    ("By: Example Wire", None, "Example Wire", None),
])
def test_byline_lines(line: str, authors: list[str] | None, desk: str | None, agency: str | None) -> None:
    found = read_credit_line(line, RULES)
    assert (found.authors or None, found.desk, found.agency) == (authors, desk, agency)


@pytest.mark.parametrize(("paragraph", "code"), [
    ("मथुरा, तीन मई (भाषा) उत्तर प्रदेश के मथुरा जिले में एक सड़क हादसे में तीन लोगों की मौत हो गई।", "pti"),
    ("WASHINGTON (AP) — The Senate voted on Tuesday to pass the bill after a long debate.", "ap"),
    ("नई दिल्ली, एजेंसी । सरकार ने आज नई योजना की घोषणा की है जिससे किसानों को लाभ होगा।", "agency"),
    ("NEW DELHI, March 5 (Reuters) - India's economy grew faster than expected in the quarter.", "reuters"),
    ("कोलकाता, 12 जून (वार्ता) पश्चिम बंगाल में आज भारी बारिश से कई इलाकों में पानी भर गया।", "uni"),
])
def test_dateline_credit(paragraph: str, code: str) -> None:
    hit = dateline_credit(paragraph, RULES)
    assert hit is not None and hit[:2] == ("agency", code)


@pytest.mark.parametrize("paragraph", [
    "समाचार एजेंसी (एपी) के मुताबिक सरकार ने आज नई योजना की घोषणा की।",
    "केसीएनए के मुताबिक, किम ने कहा कि रूस के साथ संबंध मजबूत हैं।",
    "योनहाप समाचार एजेंसी की रिपोर्ट के अनुसार, दोनों नेताओं ने बात की।",
    "रूसी एजेंसी TASS के मुताबिक, लावरोव ने चेतावनी दी।",
    "According to Reuters, the talks (AP) will resume next week in Geneva.",
])
def test_quoted_sources_are_not_dateline_credits(paragraph: str) -> None:
    assert dateline_credit(paragraph, RULES) is None


@pytest.mark.parametrize("paragraph", [
    "سٹٹگارٹ (شہر نامہ اخبار 03 دسمبر2018ء) جرمنی کی ایک بڑی کمپنی نے نئی گاڑی کا اعلان کیا ہے۔",
    "लखनऊ (दैनिक समाचार, 10 जून 2020) प्रदेश सरकार ने आज किसानों के लिए नई योजना की घोषणा की।",
    "PARIS (Le Courrier, June 10, 2020) The French government said on Tuesday that schools would reopen.",
])
def test_a_site_and_a_date_in_the_datelines_bracket_open_the_story_and_credit_no_desk(paragraph: str) -> None:
    # No rule names the site: the bracket's name and date make it a dateline, and the name is no desk.
    hit = dateline_credit(paragraph, RULES)
    assert hit is not None and hit[0] == "dated"
    p = run(f"शीर्षक यहां है\n{paragraph}\n{PARA2}\n")
    assert (p.desk, p.agency, p.authors) == (None, None, None)


@pytest.mark.parametrize("paragraph", [
    "मोदी (जन्म 17 सितंबर 1950) भारत के प्रधानमंत्री हैं और दूसरी बार चुने गए हैं।",  # a birth: one word
    "Smith (born 5 May 1970) was elected as the new head of the council on Monday.",
    "फिल्म शोले (1975) आज भी लोगों को उतनी ही पसंद आती है जितनी तब आती थी।",  # a year alone
    "लाहौर (पंजाब) में आज भारी बारिश हुई और कई इलाकों में पानी भर गया।",
    "लखनऊ (UP) प्रदेश सरकार ने आज किसानों के लिए नई योजना की घोषणा की।",  # initials: a state, not a desk
])
def test_a_date_in_brackets_after_a_name_is_no_dateline(paragraph: str) -> None:
    assert dateline_credit(paragraph, RULES) is None


def test_quoted_agencies_inside_the_story_credit_nothing() -> None:
    text = ("शीर्षक यहां है\n"
            "सियोल: उत्तर कोरिया के नेता ने रूस के रक्षा मंत्री से मुलाकात की और समर्थन का वादा किया।\n"
            "केसीएनए के मुताबिक, किम ने कहा कि रूस के साथ संबंध मजबूत हैं और आगे भी रहेंगे।\n"
            "योनहाप समाचार एजेंसी की रिपोर्ट के अनुसार, दोनों नेताओं ने फोन पर लंबी बात की।\n"
            "He told Reuters the talks were useful, and the statement was repeated to AFP later.\n")
    assert run(text).agency is None


@pytest.mark.parametrize(("tail", "code"), [
    ("He said the talks would continue. — Reuters", "reuters"),
    ("उन्होंने यह जानकारी दी। (भाषा)", "pti"),
])
def test_closing_credits(tail: str, code: str) -> None:
    hit = closing_credit(tail, RULES, whole_line=False)
    assert hit is not None and hit[0] == code


def test_closing_credit_line_under_the_story() -> None:
    p = run(f"शीर्षक यहां है\n{PARA}\n{PARA2}\nइनपुट: भाषा\n")
    assert (p.agency, p.agency_evidence) == ("pti", "इनपुट: भाषा")
    assert p.authors is None


def test_a_related_storys_byline_under_the_story_is_not_the_pages() -> None:
    # The header's byline names the writer; the list of related stories under the story prints theirs.
    p = run(f"Headline of the story\nBy Rahul Sharma\n{PARA}\n{PARA2}\nBy Priya Singh\n{PARA2}\n")
    assert p.authors == ["Rahul Sharma"]
    # With no byline above the story, one under it is the story's own sign-off.
    p = run(f"Headline of the story\n{PARA}\n{PARA2}\nBy Priya Singh\n")
    assert p.authors == ["Priya Singh"]


def test_dateline_credit_in_a_whole_article() -> None:
    p = run(f"शीर्षक यहां है\nमथुरा, तीन मई (भाषा) {PARA}\n{PARA2}\n")
    assert p.agency == "pti"
    assert p.agency_evidence == "मथुरा, तीन मई (भाषा)"


@pytest.mark.parametrize(("line", "agency", "desk"), [
    # a line that is only a dateline, above the story: its credit is read, its place is nobody's name
    ("नई दिल्ली, एजेंसी", "agency", None),
    ("नई दिल्ली (भाषा)", "pti", None),
    ("New Delhi, Agencies", "agency", None),
    ("पटना, हिन्दुस्तान टीम", None, "हिन्दुस्तान टीम"),
    ("नई दिल्ली, ऑनलाइन डेस्क", None, "ऑनलाइन डेस्क"),
    ("नई दिल्ली, 14 जुलाई 2020 (भाषा)", "pti", None),
    ("नई दिल्ली, 06 जनवरी 2024,", None, None),
    ("नई दिल्ली, 14 जुलाई 2020, (अपडेटेड 14 जुलाई 2020, 5:30 PM IST)", None, None),
])
def test_a_dateline_line_gives_its_credit_and_no_author(line: str, agency: str | None, desk: str | None) -> None:
    p = run(f"शीर्षक यहां है\n{line}\n{PARA}\n{PARA2}\n")
    assert (p.authors, p.agency, p.desk) == (None, agency, desk)


def test_a_name_before_the_dateline_in_a_header_stamp_is_the_author() -> None:
    p = run(f"शीर्षक यहां है\nRahul Sharma, New Delhi | July 14, 2020 5:30 PM IST\n{PARA}\n{PARA2}\n")
    assert p.authors == ["Rahul Sharma"]


@pytest.mark.parametrize(("stamp", "expected"), [
    ("Update: 2024-12-01 03:43 GMT", datetime(2024, 12, 1, 3, 43)),
    ("Updated Sat, 12 Jun 2021 08:00 PM (IST)", datetime(2021, 6, 12, 14, 30)),
    ("अपडेटेड: 06 जनवरी 2024, 8:30 AM IST", datetime(2024, 1, 6, 3, 0)),
    ("प्रकाशित: 5 मार्च 2024 10:30 PM | अपडेटेड: 6 मार्च 2024 09:00 AM", datetime(2024, 3, 6, 3, 30)),
    ("अद्ययावत: 5 मार्च 2024 10:30 UTC", datetime(2024, 3, 5, 10, 30)),
    ("آخری اپ ڈیٹ: 2024-03-05 10:30 +05:00", datetime(2024, 3, 5, 5, 30)),
    ("Published: March 5, 2024 10:30 +05:30 Updated: March 6, 2024 11:00 GMT", datetime(2024, 3, 6, 11, 0)),
    ("Updated: 05 Mar 2024, 10:30 AM GMT+05:30", datetime(2024, 3, 5, 5, 0)),
    ("प्रसिद्ध: 5 मार्च 2024 | अपडेट केले: 6 मार्च 2024 09:00 AM IST", datetime(2024, 3, 6, 3, 30)),
    ("अपडेट किया गया: 6 मार्च 2024, 09:00 IST", datetime(2024, 3, 6, 3, 30)),
    ("شائع: 5 مارچ 2024 | اپ ڈیٹ: 6 مارچ 2024 09:00 PKT", datetime(2024, 3, 6, 4, 0)),
])
def test_update_stamps_in_utc(stamp: str, expected: datetime) -> None:
    assert run(f"शीर्षक यहां है\n{stamp}\n{PARA}\n{PARA2}").updated_at == expected


def test_a_publication_stamp_alone_is_not_an_update() -> None:
    assert run(f"शीर्षक यहां है\nप्रकाशित: 5 मार्च 2024 10:30 PM\n{PARA}\n{PARA2}").updated_at is None


@pytest.mark.parametrize(("stamp", "problem"), [
    ("Updated:", "updated_at_unreadable"),
    ("Updated: 31 Feb 2021 10:00 AM", "updated_at_unreadable"),
    ("Updated: 5 Apr 2099 10:00 AM IST", "updated_at_in_the_future"),
])
def test_bad_update_stamps_give_null_and_a_reason(stamp: str, problem: str) -> None:
    p = run(f"शीर्षक यहां है\n{stamp}\n{PARA}\n{PARA2}")
    assert p.updated_at is None
    assert problem in p.problems


def test_a_500_character_byline_is_no_byline() -> None:
    found = read_credit_line("By " + "Rahul Sharma " * 40, RULES)
    assert found.authors == [] and "byline_too_long" in found.problems


def test_twenty_names_are_no_authors() -> None:
    names = ", ".join(f"Name{chr(65 + i)} Person" for i in range(19)) + " and Last Person"
    text = f"शीर्षक यहां है\nBy {names}\n{PARA}\n{PARA2}"
    p = extract(segment(text, load_rules()).blocks, RULES, "Asia/Kolkata", NOW)
    assert p.authors is None
    # Either the segmenter left it in the text (too long for a byline) or it gave a reason.
    assert not p.problems or set(p.problems) <= {"too_many_names", "byline_too_long"}


def test_many_names_on_a_byline_give_a_reason() -> None:
    line = "By " + ", ".join(f"Aa{chr(97 + i)} Bb" for i in range(9)) + " and Cc Dd"
    text = f"शीर्षक यहां है\n{line}\n{PARA}\n{PARA2}"
    blocks = segment(text, load_rules()).blocks
    assert any(b.rule == "metadata.byline" for b in blocks)
    p = extract(blocks, RULES, "Asia/Kolkata", NOW)
    assert p.authors is None and "too_many_names" in p.problems


def test_latin_words_in_a_devanagari_byline_are_not_invented_names() -> None:
    found = read_credit_line("रिपोर्ट: the latest update from Delhi के बारे में", RULES)
    assert found.authors == [] and "byline_not_a_name" in found.problems
    found = read_credit_line("रिपोर्ट: Rahul Sharma", RULES)
    assert found.authors == ["Rahul Sharma"]


def test_a_credit_line_that_is_the_whole_article_has_no_story_to_credit() -> None:
    for text in ("(भाषा)\n", "इनपुट: भाषा\n", "मथुरा, तीन मई (भाषा)\n"):
        out = parse_text(text, path="x.txt", sha256="", size=0, mtime_ns=0, encoding="utf-8", raw=b"",
                         default_zone="Asia/Kolkata", rules=load_rules())
        if isinstance(out, Rejected):
            assert out.reason is Reason.NO_BODY  # a clean rejection with its reason
        else:
            assert out.provenance.agency is None, text  # nothing follows the credit: no story to credit
        p = extract(segment(text, load_rules()).blocks, RULES, "Asia/Kolkata", NOW)
        assert p.agency is None and p.authors is None and p.updated_at is None
        assert p.problems in ([], ["credit_without_story"])
    assert extract(segment("इनपुट: भाषा\n", load_rules()).blocks, RULES, "Asia/Kolkata", NOW).problems == [
        "credit_without_story"]


def test_hindi_wire_dateline_keeps_the_place_and_invents_no_year() -> None:
    text = f"सड़क हादसे में तीन की मौत\nमथुरा, तीन मई (भाषा) {PARA}\n{PARA2}\n"
    out = parse_text(text, path="x.txt", sha256="", size=0, mtime_ns=0, encoding="utf-8", raw=b"",
                     default_zone="Asia/Kolkata", rules=load_rules())
    assert isinstance(out, Article)
    assert (out.dateline, out.provenance.agency) == ("मथुरा", "pti")
    assert out.published_at is None and out.provenance.updated_at is None


@pytest.mark.parametrize(("caption", "credit"), [
    ("प्रधानमंत्री मोदी (फोटो: पीटीआई)", "pti"),
    ("Modi in Delhi. Photo: Reuters", "reuters"),
    ("नेताओं की फाइल फोटो", "file photo"),
    ("Kim Jong Un in Pyongyang/Getty Images", "getty"),
    ("सर्गेई शोइगु मॉस्को में (एपी)", "ap"),
    ("दिल्ली में बारिश (फोटो: सोशल मीडिया)", "सोशल मीडिया"),
    ("A man walks past a mural in Kyiv, Ukraine. (AP Photo)", "ap"),
    ("تصویر کے کاپی رائٹ AFP/Getty Images Image caption وزیر خزانہ کا بیان", "afp"),
    ("تصویر کے کاپی رائٹ Huw Evans picture agency", "Huw Evans picture agency"),
    ("Image copyright Getty Images Image caption The minister in Delhi", "getty"),
    ("दिल्ली में बारिश का दृश्य। (फ़ाइल फ़ोटो)", "file photo"),
    ("Image caption وزیر خزانہ کا بیان", None),
])
def test_caption_credits(caption: str, credit: str | None) -> None:
    assert caption_credit(caption, RULES) == credit


def test_a_caption_opening_the_page_is_credited_and_is_not_the_title() -> None:
    # BBC Urdu and BBC English pages saved without a headline open with the first photo.
    for first, credit in (("تصویر کے کاپی رائٹ AFP Image caption شہر کے بازار میں خریداروں کا رش", "afp"),
                          ("Image copyright Getty Images Image caption Farmers at the border", "getty")):
        out = parse_text(f"{first}\n\n{PARA}\n\n{PARA2}\n", path="x.txt", sha256="", size=0, mtime_ns=0,
                         encoding="utf-8", raw=b"", default_zone="Asia/Kolkata", rules=load_rules())
        assert isinstance(out, Article)
        assert out.title is None
        assert list(out.provenance.caption_credits.values()) == [credit]


def _photos(text: str) -> list[tuple[str, str, str]]:
    """(kind, text, credit) of each credited photo of a page, in page order."""
    blocks = segment(text, load_rules()).blocks
    credits = extract(blocks, RULES, "Asia/Kolkata", NOW).caption_credits
    return [(b.kind, b.text, credits[b.ordinal]) for b in blocks if b.ordinal in credits]


@pytest.mark.parametrize(("photo", "want"), [
    # A credit printed on the line under its caption, hung on it by a dash (Hindi, English).
    ("दिल्ली में बारिश के बाद भरा पानी\n- फोटो : पीटीआई", [("caption", "दिल्ली में बारिश के बाद भरा पानी", "pti")]),
    ("Flooded streets in central Delhi\n— Photo: Reuters",
     [("caption", "Flooded streets in central Delhi", "reuters")]),
    # BBC prints the picture's source over its caption.
    ("इमेज स्रोत,Getty Images\nइमेज कैप्शन,दिल्ली में बारिश के बाद भरा पानी",
     [("caption", "इमेज कैप्शन,दिल्ली में बारिश के बाद भरा पानी", "getty")]),
    # A photo printed with a credit and no caption (BBC Urdu, an English wire photo, Urdu 'Shutterstock photo').
    ("تصویر کے کاپی رائٹ Getty Images", [("boilerplate", "تصویر کے کاپی رائٹ Getty Images", "getty")]),
    ("AP Photo", [("boilerplate", "AP Photo", "ap")]),
    ("شٹر اسٹاک فوٹو", [("boilerplate", "شٹر اسٹاک فوٹو", "shutterstock")]),
    # A caption that carries its own credit keeps it; the credit line under it then is another photo's.
    ("दिल्ली में भरा पानी (फोटो: एएनआई)\nGetty Images", [("caption", "दिल्ली में भरा पानी (फोटो: एएनआई)", "ani"),
                                                      ("boilerplate", "Getty Images", "getty")]),
])
def test_each_photo_is_credited_once(photo: str, want: list[tuple[str, str, str]]) -> None:
    assert _photos(f"शीर्षक यहां है और लंबा है\n\n{PARA}\n\n{photo}\n\n{PARA2}\n") == want


def test_a_closing_dash_credit_credits_the_story_not_a_photo() -> None:
    text = f"Council passes budget\n\n{PARA}\n\n{PARA2}\n\n— Reuters\n"
    assert _photos(text) == []
    assert extract(segment(text, load_rules()).blocks, RULES, "Asia/Kolkata", NOW).agency == "reuters"


@pytest.mark.parametrize(("place", "credit"), [
    ("लखनऊ", "हिन्दुस्तान टीम"), ("नई दिल्ली", "अमर उजाला ब्यूरो"), ("New Delhi", "HT Bureau")])
def test_a_desk_is_named_the_same_wherever_its_credit_stands(place: str, credit: str) -> None:
    # Opening the story, alone above it, or as a byline: one desk, as printed, so marts count it once.
    opening = dateline_credit(f"{place} ({credit}) {PARA}", RULES)
    assert opening is not None and opening[:2] == ("desk", credit)
    assert dateline_line_credit(f"{place}, {credit}", RULES) == ("desk", credit)
    assert read_credit_line(f"{credit}, {place}", RULES).desk == credit


def test_a_place_then_a_desk_names_no_author() -> None:
    # Unlabelled, 'X, <desk>' is a place and its desk (segment's dateline_line reads 'पटना, हिन्दुस्तान टीम'
    # so); Urdu's comma too. A labelled byline keeps its name.
    for line, desk in (("لاہور، ویب ڈیسک", "ویب ڈیسک"), ("पटना, हिन्दुस्तान टीम", "हिन्दुस्तान टीम")):
        found = read_credit_line(line, RULES)
        assert (found.authors, found.desk) == ([], desk)
    assert read_credit_line("By Rahul Sharma, Web Desk", RULES).authors == ["Rahul Sharma"]


def test_a_bylines_place_on_its_own_line_is_no_author() -> None:
    p = run(f"Farmers talks fail again, next round on January 4\nBy Rahul Sharma\nNew Delhi\n{PARA}\n{PARA2}\n")
    assert p.authors == ["Rahul Sharma"]


def test_a_kicker_over_the_byline_is_no_author() -> None:
    p = run(f"Farmers talks fail again, next round on January 4\nGround Report\nBy Rahul Sharma\n{PARA}\n{PARA2}\n")
    assert p.authors == ["Rahul Sharma"]
    p = run(f"Farmers talks fail again, next round on January 4\nविशेष रिपोर्ट\nसुनील कुमार | लखनऊ\n{PARA}\n{PARA2}\n")
    assert p.authors is None


@pytest.mark.parametrize(("line", "outlets", "authors", "desk"), [
    # The source's own names as the furniture stage learned them from its credits (longest first).
    ("Ankit Ojha लाइव हिन्दुस्तान, नई दिल्ली", ("लाइव हिन्दुस्तान",), ["Ankit Ojha"], "लाइव हिन्दुस्तान"),
    ("By Priya Singh Daily Courier | Mumbai", ("Daily Courier", "Courier"), ["Priya Singh"], "Daily Courier"),
    ("बीबीसी मराठी", ("बीबीसी मराठी",), None, "बीबीसी मराठी"),  # the site's own credit
    ("Ankit Ojha लाइव हिन्दुस्तान, नई दिल्ली", ("हिन्दुस्तानी",), None, None),  # a whole word or nothing
    # Unlabelled, four words or more are a name and something else; labelled, a long name is kept.
    ("सुनील कुमार समाचार दर्पण, पटना", (), None, None),
    ("राम कुमार शर्मा, नई दिल्ली", (), ["राम कुमार शर्मा"], None),
    ("By Ram Prasad Kumar Sharma", (), ["Ram Prasad Kumar Sharma"], None),
])
def test_a_credit_reads_the_sites_learned_name(line: str, outlets: tuple[str, ...], authors: list[str] | None,
                                               desk: str | None) -> None:
    found = read_credit_line(line, RULES, outlets=outlets)
    assert (found.authors or None, found.desk) == (authors, desk)


def test_desk_is_never_an_author() -> None:
    for line in ["By Web Desk", "Edited By: Digital Desk", "न्यूज डेस्क, अमर उजाला, नई दिल्ली", "By TNN"]:
        found = read_credit_line(line, RULES)
        assert found.authors == [], line


def test_users_add_agencies_in_their_own_rule_file(tmp_path: Path) -> None:
    rules_dir = Path(__file__).resolve().parents[2] / "flows" / "rules"
    for f in rules_dir.glob("*.toml"):
        (tmp_path / f.name).write_bytes(f.read_bytes())
    (tmp_path / "zz_mine.toml").write_text(
        '[[provenance.agency]]\ncode = "hs"\nnames = ["हिंदुस्थान समाचार", "हि.स."]\n', encoding="utf-8")
    mine = load_provenance_rules(tmp_path)
    assert agency_of("(हि.स.)", mine) == "hs"
    assert agency_of("(भाषा)", mine) == "pti"


@pytest.mark.parametrize(("line", "name"), [("رپورٹ: عامر خان", "عامر خان"), ("نامہ نگار: سارہ احمد", "سارہ احمد")])
def test_urdu_byline_lines_are_metadata_and_name_their_author(line: str, name: str) -> None:
    text = f"کسانوں کے لیے نئی اسکیم\n{line}\n{'حکومت نے آج کسانوں کے لیے ایک نئی اسکیم کا اعلان کیا۔ ' * 3}\n"
    blocks = segment(text, load_rules()).blocks
    assert [b.rule for b in blocks if b.text == line] == ["metadata.byline"]
    assert extract(blocks, RULES, "Asia/Kolkata", NOW).authors == [name]


@pytest.mark.parametrize("line", [
    "(" * 300, ")" * 300, "By " + "A" * 600, "Updated: " + "9" * 400, "| " * 200, "इनपुट:" * 50, "—" * 100,
    "Edited By | | | Updated: | Published: |", "(भाषा" * 40, "\u200b\u200d" * 50, "تصویر کے کاپی رائٹ", "By  ,  and  ;",
    "Updated: 29 Feb 2023 25:61 XYZ", "प्रकाशित: 0000-00-00 00:00", "Image caption", "رپورٹ: " + "ا" * 300,
])
def test_hostile_lines_never_raise(line: str) -> None:
    for text in (f"शीर्षक यहां है\n{line}\n{PARA}\n{PARA2}\n{line}\n", f"{line}\n", f"{PARA}\n{line}"):
        p = extract(segment(text, load_rules()).blocks, RULES, "Asia/Kolkata", NOW)
        assert p.updated_at is None or p.updated_at.year < 2100
        assert p.authors is None or len(p.authors) <= RULES.max_authors


def test_the_rules_checksum_covers_provenance() -> None:
    from flows.steps import ruleset

    assert "provenance.py" in ruleset.PARSING_MODULES
    assert (ruleset.RULES_DIR / "agencies.toml").exists()  # *.toml of the rules folder are checksummed


@pytest.mark.parametrize("first", [
    "cnnweb نے Wednesday، 18 July 2018 کو شائع کیا",
    "cnnweb نے Wednesday، 18 July 2018 کو شائع کیا.",
])
def test_urdu_publisher_stamp_names_the_desk(first: str) -> None:
    # The stamp over the story is metadata (metadata.publisher_stamp): not the title, not the first paragraph.
    story = "حکومت نے آج کسانوں کے لیے ایک نئی اسکیم کا اعلان کیا جس سے لاکھوں خاندانوں کو فائدہ ہوگا۔"
    seg = segment(f"{first}\n{story}\n{story}\n", load_rules())
    assert (seg.blocks[0].kind, seg.blocks[0].rule) == ("metadata", "metadata.publisher_stamp")
    p = extract(seg.blocks, RULES, "Asia/Kolkata", NOW)
    assert (p.desk, p.authors) == ("cnnweb", None)


def test_a_long_first_paragraph_is_never_read_as_a_publisher_stamp() -> None:
    line = "عمران نے " + "بہت " * 60 + "5 جولائی کو شائع کیا"
    p = extract(segment(f"سرخی\n{line}\n", load_rules()).blocks, RULES, "Asia/Kolkata", NOW)
    assert p.desk is None and p.authors is None


@pytest.mark.parametrize(("title", "lead"), [
    ("ڈاکٹروں کی رائے میں صبح کی سیر دل کو مضبوط بناتی ہے لاہور",
     "ایک نئی طبی تحقیق کے مطابق ہر صبح آدھا گھنٹہ چہل قدمی کرنے والوں کو عارضہ قلب کم لاحق ہوتا ہے۔"),
    ("ملک میں گردوں کی بیماریوں کے مریضوں کی تعداد بڑھنے لگی ڈیرہ غازی",
     "ماہرین کے مطابق گردوں کے امراض کی بڑی وجہ ذیابیطس اور بلڈ پریشر ہے جس کا بروقت علاج ضروری ہے۔"),
])
def test_a_place_glued_after_the_headline_is_no_author(title: str, lead: str) -> None:
    # segment's title_dateline block is a bare place name: the byline reader would take it for a name.
    blocks = segment(f"{title}\n{lead}\n", load_rules()).blocks
    assert "title_dateline" in {b.rule for b in blocks}
    p = extract(blocks, RULES, "Asia/Kolkata", NOW)
    assert p.authors is None and p.desk is None
