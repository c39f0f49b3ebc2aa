"""One word, several spellings: Hindi, Marathi and Nepali pages write a word with or without a nukta
('ख़बर', 'खबर'; 'पढ़ें', 'पढें'), with a chandrabindu or an anusvara ('यहाँ', 'यहां'), with a nasal's half form or
an anusvara before a consonant of the nasal's class ('सम्पर्क', 'संपर्क'; 'हिन्दी', 'हिंदी'; 'घण्टे', 'घंटे').

Urdu pages likewise type the Arabic letters for three of Urdu's own ('ي' for 'ی', 'ك' for 'ک', 'ه' for 'ہ': an
Arabic keyboard), and write the '-iye' ending four ways ('پڑھیے', 'پڑھئے', 'پڑھیئے', 'پڑھئیے').

A rule is written in one of them and meets them all:
- a pattern accepts each (segment._any_spelling rewrites it);
- its `needs` words are looked for in every nasal spelling (segment._needs_spellings), in a line without
  nuktas and chandrabindus (spelling_key: two replaces; folding every line's half nasals too took a regex
  pass over every line, 3% of the parser);
- a word list read as a set (a title's closing words, words no place name holds, bare section labels,
  glued openers) is a WordSet: the listed words and the word looked up are both taken to word_key.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

NUKTA = "\u093c"
VIRAMA = "\u094d"
CHANDRABINDU = "\u0901"
ANUSVARA = "\u0902"
NASAL_CLASS = {"ङ": "कखगघ", "ञ": "चछजझ", "ण": "टठडढ", "न": "तथदध", "म": "पफबभ"}
NASAL_OF = {c: nasal for nasal, after in NASAL_CLASS.items() for c in after}
HALF_NASAL = re.compile("|".join(f"{nasal}{VIRAMA}(?=[{after}])" for nasal, after in NASAL_CLASS.items()))


# The Arabic letter typed for an Urdu one, and the Urdu one it stands for.
URDU_LETTER_OF = {"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9", "\u0647": "\u06c1"}
URDU_LETTERS = {urdu: urdu + "".join(a for a, u in URDU_LETTER_OF.items() if u == urdu)
                for urdu in set(URDU_LETTER_OF.values())}  # 'ی' -> 'یيى'
_ARABIC_FOR_URDU = str.maketrans(URDU_LETTER_OF)


def spelling_key(text: str) -> str:
    """Text with no nukta, an anusvara for each chandrabindu and Urdu's letters for the Arabic ones typed
    for them: what the `needs` words are looked for in. For substring tests only: it can be shorter than
    the text, so no position carries over."""
    if NUKTA in text:
        text = text.replace(NUKTA, "")
    if CHANDRABINDU in text:
        text = text.replace(CHANDRABINDU, ANUSVARA)
    if "\u0643" in text or "\u0647" in text or "\u064a" in text or "\u0649" in text:
        text = text.translate(_ARABIC_FOR_URDU)
    return text


def word_key(word: str) -> str:
    """The word (or phrase) as every spelling of it is keyed: NFC, casefolded, spelling_key, and an anusvara
    for a nasal's half form before a consonant of its class ('हिन्दी' and 'हिंदी' -> 'हिंदी')."""
    key = spelling_key(unicodedata.normalize("NFC", word).casefold())
    return HALF_NASAL.sub(ANUSVARA, key) if VIRAMA in key else key


class WordSet:
    """Words a rule lists, met in any spelling: `word in words` keys both sides with word_key, so
    'हालांकि' in the list meets 'हालाँकि', and 'न्यूज़' meets 'न्यूज'. Case does not matter either."""

    __slots__ = ("_keys",)

    def __init__(self, words: Iterable[str]) -> None:
        self._keys = frozenset(word_key(w) for w in words)

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and word_key(word) in self._keys

    def __len__(self) -> int:
        return len(self._keys)

    def __repr__(self) -> str:
        return f"WordSet({sorted(self._keys)!r})"
