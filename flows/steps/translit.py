"""A sound key shared by a Latin spelling and a Devanagari one: "kim" and किम, "sharma" and शर्मा.

Devanagari goes to Harvard-Kyoto with indic-transliteration, whose capitals (long vowels, retroflexes,
anusvara ...) are then lowered onto the plain letter; Latin spellings get the habits of writing Hindi in
English (ee → i, oo → u, w → v, f → p, z → j, q → k, c without h → k). Then both: h dropped
(aspiration, sh, ch), a final ng is n (सिंह is "sinh", singh), n before a labial is m (मुंबई), doubled
letters single, a final inherent a dropped (किम is "kima" to a transliterator, "kim" to a reader).
Equal keys are a cross-script match; search also takes near keys (flows/warehouse/search.py). The Latin
and common rules are written again in SQL (core.search_latin_key in sql/migrations/008_search.sql; a
test holds the two equal).
"""

from __future__ import annotations

import re

from indic_transliteration import sanscript

from flows.steps.tokens import script_of

# Harvard-Kyoto letters that lower() would map to the wrong sound.
_HK = str.maketrans({"M": "n", "G": "n", "J": "n", "z": "s", "S": "s", "R": "ri", "H": "", "~": "n",
                     ".": "", "'": "", "L": "l"})
# (pattern, replacement), in order: a Latin spelling's habits, then what both scripts share.
LATIN_RULES: tuple[tuple[str, str], ...] = (
    ("ee", "i"), ("oo", "u"), ("w", "v"), ("f", "p"), ("z", "j"), ("q", "k"), ("x", "ks"),
    ("ck", "k"), ("c([^h]|$)", "k\\1"),
)
COMMON_RULES: tuple[tuple[str, str], ...] = (
    ("h", ""), ("ng$", "n"), ("n([bpm])", "m\\1"), ("aa", "a"), ("ii", "i"), ("uu", "u"),
    *((c + c, c) for c in "bcdgjklmnprstv"),
    ("([a-z]{2,})a$", "\\1"),
)
# Hindi drops a final inherent a, then the inherent a between two consonants when a vowel follows (केजरीवाल: kejarIvAla →
# kejrIvAla); Harvard-Kyoto still tells the inherent a (lower case) from the long A here.
_FINAL_SCHWA = re.compile("(?<=[^aAiIuUeoE])a$")
_SCHWA = re.compile("([aAiIuUeo][^aAiIuUeoE]+)a(?=[^aAiIuUeoE]+[aAiIuUeoE])")
_CANDRA_O = str.maketrans({"\u0949": "\u094b", "\u0911": "\u0913"})
_LATIN = [(re.compile(p), r) for p, r in LATIN_RULES]
_COMMON = [(re.compile(p), r) for p, r in COMMON_RULES]
_ASCII_WORD = re.compile("[a-z]+")
_NOT_LETTER = re.compile("[^a-z]")


def _apply(rules: list[tuple[re.Pattern[str], str]], text: str) -> str:
    for pattern, repl in rules:
        text = pattern.sub(repl, text)
    return text


def latin_key(word: str) -> str | None:
    if not _ASCII_WORD.fullmatch(word):
        return None
    return _apply(_COMMON, _apply(_LATIN, word)) or None


def deva_key(word: str) -> str | None:
    hk = sanscript.transliterate(word.translate(_CANDRA_O), sanscript.DEVANAGARI, sanscript.HK)
    latin = _NOT_LETTER.sub("", _SCHWA.sub("\\1", _FINAL_SCHWA.sub("", hk)).translate(_HK).lower())
    if not latin:
        return None
    return _apply(_COMMON, latin) or None


def key(word: str) -> str | None:
    """The sound key of a normalised word or term, or None for a script without one."""
    script = script_of(word)
    if script == "latin":
        return latin_key(word)
    if script == "deva":
        return deva_key(word)
    return None
