"""Which words a language has: wordfreq's word lists, to tell two words run together from one word.

A scraper that loses a line break glues a headline's last word to the paragraph's first ('गिरावटबैंक').
One page is too short to say whether such a token is a word: the page prints it once, and the two words
it splits into may be printed nowhere else on it. A language's word list says so: 'गिरावट' and 'बैंक' are
Hindi words and 'गिरावटबैंक' is none. wordfreq's lists are built from many corpora (Wikipedia, subtitles,
news, the web) and are frozen (its data was last built in 2021): the same answer on every run, on every
machine, offline (the lists ship inside the package). The Hindi list holds 26,653 words, every one printed at
least once in a million words. Importing wordfreq and reading the list takes ~0.07 s (668M instructions
under valgrind), once per process, when a glue point is first looked for.

Only scripts whose language is known by the script are read: Devanagari as Hindi (wordfreq has no Marathi
or Nepali list; a Marathi word the Hindi list lacks is then only a candidate, and the caller's other
conditions decide), Latin as English. Arabic script is not: Urdu's letters that do not join make any word
look glued.
"""

from __future__ import annotations

import functools
import unicodedata

# The list each script's words are looked up in (wordfreq language codes).
SCRIPT_LISTS = {"DEVANAGARI": "hi", "LATIN": "en"}
# Spellings sites vary, folded on both sides: a nukta written or not ('मंज़र', 'मंजर'), a chandrabindu or an
# anusvara ('हाँ', 'हां'). The list holds some words in one spelling only.
_FOLD = str.maketrans({"\u093c": None, "\u0901": "\u0902"})


@functools.cache
def _words(language: str) -> frozenset[str]:
    import wordfreq  # imported when first needed: the parser's workers that never look for glue skip it

    return frozenset(word.translate(_FOLD) for word in wordfreq.get_frequency_dict(language))


def _language(word: str) -> str | None:
    name = unicodedata.name(word[0], "") if word else ""
    return next((lang for script, lang in SCRIPT_LISTS.items() if name.startswith(script)), None)


@functools.lru_cache(maxsize=1 << 16)
def knows(word: str) -> bool:
    """`word` is in its script's word list, casefolded and in any of the spellings _FOLD folds together.
    Remembered for the last 65,536 words asked (a few MB): the same words come up on page after page, and a
    remembered answer costs a tenth of a looked-up one."""
    language = _language(word)
    return language is not None and (
        unicodedata.normalize("NFC", word).casefold().translate(_FOLD) in _words(language))


@functools.cache
def compounds_opened(head: str) -> int:
    """How many words of the list are `head` and another of its words, of two letters or more, run together
    ('राम' opens 'रामलीला' and 'रामनवमी', 'रेल' opens 'रेलमंत्री'; 'साथ' opens none): a head that opens compounds is
    as likely a compound's first part as a word of its own. One pass over the list (~4.5 ms) per head asked,
    remembered."""
    language = _language(head)
    if language is None:
        return 0
    words = _words(language)
    key = unicodedata.normalize("NFC", head).casefold().translate(_FOLD)
    n = len(key)
    return sum(1 for w in words if len(w) > n and w.startswith(key) and _opens_word(w[n:]) and w[n:] in words)


def _opens_word(rest: str) -> bool:
    """`rest` can be a word of its own run onto the head: it opens on a letter (not a vowel sign) and holds two
    letters or more."""
    return unicodedata.category(rest[0]) == "Lo" and letters(rest) >= 2


def letters(text: str) -> int:
    """How many letters `text` holds, its vowel signs and nuktas not counted ('कारों' has 2)."""
    return sum(1 for c in text if unicodedata.category(c) == "Lo")
