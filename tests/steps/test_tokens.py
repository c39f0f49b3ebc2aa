"""Words for search: Indic text keeps its words whole, spellings fold together, stems and stopwords
by language, other scripts split where they should."""

from __future__ import annotations

import unicodedata

import pytest

from flows.steps.tokens import analyse, normalise, script_of, term


def terms(text: str, language: str = "hi") -> list[str]:
    return [t for _, t in analyse(text, language)]


def test_vowel_signs_and_virama_stay_inside_the_word() -> None:
    # काम (work) and कम (less) must not collide, as they do when vowel signs are stripped.
    assert terms("काम") != terms("कम")
    assert terms("विद्यार्थी परीक्षा") == [term("विद्यार्थी", "hi"), term("परीक्षा", "hi")]
    assert len(terms("प्रधानमंत्री")) == 1


def test_a_nasal_before_another_class_stays() -> None:
    assert normalise("उम्र") == "उम्र" and normalise("अन्य") == "अन्य"


def test_decomposed_text_gives_the_same_terms() -> None:
    text = "क़ानून बदला"
    assert terms(unicodedata.normalize("NFD", text)) == terms(text)


@pytest.mark.parametrize(("variant", "plain"), [
    ("क़ानून", "कानून"),  # nukta (precomposed U+0958)
    ("क\u093cानून", "कानून"),  # nukta as a separate mark
    ("ज़मीन", "जमीन"),
    ("हँसी", "हंसी"),  # chandrabindu -> anusvara
    ("हिन्दी", "हिंदी"),  # a class nasal + virama before its class -> anusvara
    ("मुम्बई", "मुंबई"),
    ("क्\u200dष", "क्ष"),  # ZWJ dropped
    ("क्\u200cष", "क्ष"),  # ZWNJ dropped
])
def test_spelling_variants_fold_together(variant: str, plain: str) -> None:
    assert normalise(variant) == normalise(plain)
    assert terms(variant + " परिवर्तन") == terms(plain + " परिवर्तन")


def test_inflections_share_a_stem_by_language() -> None:
    assert terms("संक्रमितों") == terms("संक्रमित")  # Hindi
    assert terms("running runs", "en") == ["run", "run"]
    assert terms("मुंबईतील", "mr") == terms("मुंबई", "mr")  # Marathi suffix list
    assert term("नेपालमा", "ne") == term("नेपाल", "ne")  # Nepali Snowball
    # A Latin word in a Hindi article is stemmed as English.
    assert terms("Elections", "hi") == terms("election", "en")


def test_stopwords_are_not_terms() -> None:
    assert terms("भारत के लोग", "hi") == [term("भारत", "hi"), term("लोग", "hi")]
    assert terms("the river and the rain", "en") == ["river", "rain"]
    assert terms("ہے", "ur") == []


def test_danda_punctuation_and_digits() -> None:
    assert terms("भारत। भारत, (भारत)") == [term("भारत", "hi")] * 3
    assert terms("2024 में 15 लोग") == ["2024", "15", term("लोग", "hi")]


@pytest.mark.parametrize(("text", "n"), [
    ("پاکستان کے وزیراعظم نے", 2),  # Urdu: stopwords out, words whole
    ("کِتاب", 1),  # a zer inside the word
    ("বাংলাদেশের রাজধানী", 2),  # Bengali vowel signs
    ("தமிழ்நாடு அரசு", 2),  # Tamil virama (pulli)
    ("ਪੰਜਾਬ ਸਰਕਾਰ", 2),  # Gurmukhi
])
def test_other_scripts_split_into_whole_words(text: str, n: int) -> None:
    found = analyse(text, "ur")
    assert len(found) == n
    assert all(w in normalise(text) for w, _ in found)


def test_script_of() -> None:
    assert [script_of(w) for w in ("delhi", "दिल्ली", "دہلی", "ঢাকা", "é")] == ["latin", "deva", "arabic", "other",
                                                                           "latin"]


def test_junk_is_not_a_term() -> None:
    assert term("x" * 41, "en") is None
    assert term("a", "en") is None
    assert terms("!!! ??? …") == []
