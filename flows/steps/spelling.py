"""One word, several spellings: Hindi, Marathi and Nepali pages write a word with or without a nukta
('ख़बर', 'खबर'; 'पढ़ें', 'पढें'), with a chandrabindu or an anusvara ('यहाँ', 'यहां'), with a nasal's half form or
an anusvara before a consonant of the nasal's class ('सम्पर्क', 'संपर्क'; 'हिन्दी', 'हिंदी'; 'घण्टे', 'घंटे').

Urdu pages likewise type the Arabic letters for three of Urdu's own ('ي' for 'ی', 'ك' for 'ک', 'ه' for 'ہ': an
Arabic keyboard), and write the '-iye' ending four ways ('پڑھیے', 'پڑھئے', 'پڑھیئے', 'پڑھئیے').

A rule is written in one of them and meets them all:
- a pattern accepts each (any_spelling rewrites it);
- its `needs` words are looked for in every nasal spelling (needs_spellings), in a line without
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


# What a rule's pattern and its `needs` words accept: each spelling spelling_key folds together.
_NUKTA_LETTERS = frozenset("कखगजडढफय")  # the consonants a nukta is written on (U+0958..U+095F)
# Those whose nukta spells a loanword's sound ('ख़बर', 'ज़रूर', 'फ़ोटो'), which one site writes and the next
# drops; the others ('ड़', 'ढ़') are letters of their own, only ever dropped by a typo ('पढें').
_LOAN_LETTERS = frozenset("कखगजफ")
_QUANTIFIERS = ("?", "*", "+", "{")


# A short or a long i or u: loanwords are written both ways ('वीडियो'/'विडियो', 'ट्विटर'/'ट्वीटर',
# 'यूट्यूब'/'युट्यूब', 'क्लिक'/'क्लीक'). The line rules accept either (any_spelling with vowel_length).
VOWEL_LENGTH = {"\u093f": "\u093f\u0940", "\u0940": "\u093f\u0940", "\u0941": "\u0941\u0942",
                "\u0942": "\u0941\u0942", "इ": "इई", "ई": "इई", "उ": "उऊ", "ऊ": "उऊ"}


NEEDS_CORE_MIN = 3  # the shortest run of a `needs` word between its i and u vowels that may stand for it


def needs_spellings(word: str, *, vowel_length: bool = False) -> list[str]:
    """A `needs` word (casefolded, NFC) in each spelling a line's spelling_key can hold: its nasals before a
    consonant of their class as an anusvara and as the half nasal (every combination; a word has one or two).
    With `vowel_length`, each i and u short or long too: the word's longest run between them stands for it
    when it has NEEDS_CORE_MIN letters or more ('क्ल' for 'क्लिक': a pre-check may let more lines through,
    never fewer), else every combination (each one more substring test on every line)."""
    word = HALF_NASAL.sub("\u0902", spelling_key(word))
    if vowel_length and any(c in VOWEL_LENGTH for c in word):
        core = max(re.split(f"[{''.join(VOWEL_LENGTH)}]", word), key=len)
        if len(core) >= NEEDS_CORE_MIN:
            word, vowel_length = core, False
    spellings = [""]
    for i, c in enumerate(word):
        nasal = NASAL_OF.get(word[i + 1]) if c == "\u0902" and i + 1 < len(word) else None
        options: tuple[str, ...] = (c, nasal + VIRAMA) if nasal else (c,)
        if vowel_length and c in VOWEL_LENGTH:
            options = tuple(VOWEL_LENGTH[c])
        spellings = [s + o for s in spellings for o in options]
    return spellings


# Urdu's '-iye' ending, each way it is written ('پڑھیے', 'پڑھئے', 'پڑھیئے', 'پڑھئیے', 'ۓ'), longest first; and
# what a pattern's ending matches: any of them, with an Arabic yeh for the Urdu one.
_URDU_IYE = ("\u06cc\u0626\u06d2", "\u0626\u06cc\u06d2", "\u06cc\u06d2", "\u0626\u06d2", "\u06d3")
_YEH = "[" + URDU_LETTERS["\u06cc"] + "]"
_ANY_IYE = f"(?:(?:{_YEH}\u0626|\u0626{_YEH}?|{_YEH})\u06d2|\u06d3)"
_COLONS = ":\uff1a"  # a colon, a full-width one
_VISARGA = "\u0903"


def _group_opening(pattern: str, i: int) -> int:
    """Where the syntax opening the group at pattern[i] ('(', '(?:', '(?<=', '(?P<name>', '(?i:') ends."""
    if not pattern.startswith("(?", i):
        return i + 1
    kind = pattern[i + 2:i + 3]
    if kind in (":", "=", "!"):
        return i + 3
    if kind == "<":
        return i + 4
    if kind == "P" and pattern.startswith("(?P<", i):
        return pattern.index(">", i) + 1
    close = min((j for j in (pattern.find(":", i), pattern.find(")", i)) if j >= 0), default=len(pattern) - 1)
    return close + 1  # (?P=name), (?#...), flags


def any_spelling(pattern: str, *, visarga_colon: bool = False, vowel_length: bool = False) -> str:
    """The pattern, its Devanagari letters made to accept each spelling spelling_key folds together: a
    loanword's letter (_LOAN_LETTERS) with or without its nukta, and any letter written with one without
    it; an anusvara or chandrabindu or a nasal's half form; a half nasal before its class's consonant or an
    anusvara. An alternative is a group, so a quantifier after it still applies to all of it. Lookbehinds
    are left as written (they must keep a fixed width), and character classes too, but for the colon:
    with `visarga_colon`, a colon (one written alone, or in a class that is not negated) also accepts the
    visarga Hindi typists put for one ('फोटोः', 'लेखकः') and a dash typed after it ('Read Time:- 3 mins',
    'नोट:-'). Line rules only: a dateline's place is any word, and a word ending in a visarga ('अंततः',
    'पुनः') must not pass for a place and its colon. Urdu's letters also accept the Arabic ones typed for
    them (URDU_LETTERS), and its '-iye' ending each way it is written (_URDU_IYE)."""
    out: list[str] = []
    groups: list[bool] = []  # for each open group: is it a lookbehind
    behind = 0
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if c == "[":  # a class, copied up to its closing bracket (']' first in it is a literal)
            negated = pattern.startswith("^", i + 1)
            j = i + 1 + negated
            j += pattern.startswith("]", j)
            while j < n and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            body = pattern[i:j]
            if visarga_colon and not negated and not behind and any(ch in body for ch in _COLONS):
                out.append(f"(?:{body}{_VISARGA}]-?)")  # a group: a quantifier after the class takes it all
            else:
                out.append(body + pattern[j:j + 1])
            i = j + 1
            continue
        if c == "(":
            lookbehind = pattern.startswith(("(?<=", "(?<!"), i)
            groups.append(lookbehind)
            behind += lookbehind
            j = _group_opening(pattern, i)
            out.append(pattern[i:j])
            i = j
            continue
        if c == ")" and groups:
            behind -= groups.pop()
        if behind == 0 and c in "\u06cc\u0626\u06d3" and (iye := next(
                (e for e in _URDU_IYE if pattern.startswith(e, i)), None)):
            i += len(iye)
            out.append(_ANY_IYE)
            continue
        if behind == 0 and c in URDU_LETTERS:
            out.append(f"[{URDU_LETTERS[c]}]")
            i += 1
            continue
        if behind == 0 and c in _NUKTA_LETTERS and (c in _LOAN_LETTERS or pattern.startswith(NUKTA, i + 1)):
            i += 1 + pattern.startswith(NUKTA, i + 1)
            i += pattern.startswith("?", i) and pattern[i - 1] == NUKTA
            # A group only where a quantifier follows: a bare one compiles and runs faster.
            out.append(f"(?:{c}{NUKTA}?)" if pattern.startswith(_QUANTIFIERS, i) else f"{c}{NUKTA}?")
            continue
        if behind == 0 and c in "\u0901\u0902":
            # A half nasal only stands before a consonant of its class: elsewhere ('हैं', 'में') a class will do.
            after = i + 1 + pattern.startswith("?", i + 1)  # 'सं?पर्क': the letter after an optional anusvara
            nasal = NASAL_OF.get(pattern[after:after + 1])
            out.append(f"(?:[\u0901\u0902]|{nasal}{VIRAMA})" if nasal else "[\u0901\u0902]")
        elif (behind == 0 and c in NASAL_CLASS and pattern.startswith(VIRAMA, i + 1)
              and i + 2 < n and pattern[i + 2] in NASAL_CLASS[c]):
            out.append(f"(?:{c}{VIRAMA}|[\u0901\u0902])")
            i += 1
        elif behind == 0 and visarga_colon and c in _COLONS:
            out.append(f"(?:[{c}{_VISARGA}]-?)")
        elif behind == 0 and vowel_length and c in VOWEL_LENGTH:
            out.append(f"[{VOWEL_LENGTH[c]}]")
        else:
            out.append(c)
        i += 1
    return "".join(out)
