"""flows.steps.parse: block languages (inherited or their own) and the normalised text rebuilt from blocks."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flows.steps.discover import FileRef
from flows.steps.language import detect_language, script_profile
from flows.steps.normalize import normalize_text
from flows.steps.parse import OWN_DETECTION_LETTERS, Article, block_row, process_file, text_from_blocks
from flows.steps.records import Block, LanguageResult
from flows.steps.segment import load_rules, segment

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


@pytest.mark.parametrize("path", RAW, ids=lambda p: p.name)
def test_text_from_blocks_equals_normalize_text_on_samples(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text_from_blocks(segment(text, load_rules()).blocks) == normalize_text(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["", " ", "\t", "\u200b", "नमस्ते दुनिया", "Hello world.", "विज्ञापन", "--> ",
                                 "यह भी पढ़ें: कुछ", "Tags: a, b"]), max_size=30),
       st.sampled_from(["\n", "\r\n", "\r"]))
def test_text_from_blocks_equals_normalize_text(lines: list[str], newline: str) -> None:
    text = newline.join(lines)
    assert text_from_blocks(segment(text, load_rules()).blocks) == normalize_text(text)


def test_process_file_gives_each_block_a_language(tmp_path: Path) -> None:
    src = RAW[0]
    ref = FileRef(src.name, str(src), src.stat().st_size, src.stat().st_mtime_ns)
    article = process_file(ref)
    assert isinstance(article, Article)
    assert article.language.language == "hi"
    body = [row for row in article.blocks if row.block.kind in ("body", "heading")]
    assert body and all(row.language == "hi" for row in body)
    assert {row.block.ordinal for row in article.blocks} == set(range(len(article.blocks)))
