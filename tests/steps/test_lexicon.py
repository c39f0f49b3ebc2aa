"""flows/steps/lexicon.py: which words a language's word list has (wordfreq's, shipped in the package)."""

import unicodedata

import pytest

from flows.steps import lexicon


@pytest.mark.parametrize(("word", "known"), [
    ("बैंक", True), ("गिरावट", True), ("गिरावटबैंक", False),  # two words run together are none
    ("ज़रूर", True),  # a nukta letter, as lines are normalised (NFC: 'ज' and the nukta)
    ("मंज़र", True), ("मंजर", True),  # the list spells it without the nukta: a site that writes one is met too
    ("हाँ", True), ("हां", True),  # a chandrabindu or an anusvara
    ("मंज़रइस", False),
    ("The", True), ("city", True), ("cityThe", False),  # Latin, casefolded
    ("کم", False), ("", False), ("2024", False),  # no list is read for Arabic script, nor for digits
])
def test_knows(word: str, known: bool) -> None:
    assert lexicon.knows(word) is known


def test_a_precomposed_letter_is_looked_up_as_normalised() -> None:
    precomposed = "\u095b\u0930\u0942\u0930"  # ज़रूर with U+095B, which NFC decomposes
    assert not unicodedata.is_normalized("NFC", precomposed)
    assert lexicon.knows(precomposed)


@pytest.mark.parametrize(("head", "at_least", "at_most"), [
    ("जल", 2, None),  # 'जलवायु', 'जलस्तर': a compound's first part
    ("रेल", 2, None),  # 'रेलमंत्री', 'रेलमार्ग'
    ("साथ", None, 0),  # a word of its own: no listed word is 'साथ' and another run together
    ("city", None, 0),  # Latin: no listed word is 'city' and another word (the list spells compounds apart)
    ("کم", None, 0),  # Arabic script: no list is read
])
def test_compounds_opened_counts_the_listed_words_a_head_and_another_make(
        head: str, at_least: int | None, at_most: int | None) -> None:
    n = lexicon.compounds_opened(head)
    assert (at_least is None or n >= at_least) and (at_most is None or n <= at_most)


def test_compounds_opened_needs_the_rest_to_be_a_listed_word_opening_on_a_letter() -> None:
    # 'रेलवे' is listed, but 'वे' is one letter: an ending, not a word run on; 'रेलगाड़ी' counts ('गाड़ी' listed).
    assert lexicon.knows("रेलवे") and lexicon.knows("रेलगाड़ी")
    assert lexicon._opens_word("गाडी") and not lexicon._opens_word("वे") and not lexicon._opens_word("\u0947ल")
