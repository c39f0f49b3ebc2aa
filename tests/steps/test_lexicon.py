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
