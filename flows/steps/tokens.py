"""Words for search: the same analysis when an article is indexed and when a query is read.

normalise: NFC, lower case, ZWJ/ZWNJ (and soft hyphens) dropped, nukta folded (क़ → क, in every Indic
script whose NFC keeps the nukta apart), chandrabindu → anusvara, a class nasal with virama before its
class → anusvara (हिन्दी → हिंदी). A word is a run of letters, marks and digits, so vowel signs and
virama stay inside it and Urdu, Bengali, Tamil ... split where they should.
A word's term is its stem, by its script and the article's language: Latin → Snowball English;
Devanagari → Snowball Hindi, or Nepali for `ne`, or MARATHI_SUFFIXES for `mr`; other scripts keep the
word. Stopwords (STOPWORDS, per language) and one-letter words are not terms.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Any

import regex
import snowballstemmer

WORD_PATTERN = r"[\p{L}\p{M}\p{N}]+"  # the same in Python's regex and DuckDB's RE2
WORD = regex.compile(WORD_PATTERN)
MAX_WORD = 40  # longer runs are URLs, hashes or glued text: not words anyone searches for

_FOLD = {
    "\u200c": None, "\u200d": None, "\u00ad": None,  # ZWNJ, ZWJ, soft hyphen
    "\u093c": None, "\u09bc": None, "\u0a3c": None, "\u0abc": None, "\u0b3c": None,  # nuktas
    "\u0901": "\u0902", "\u0981": "\u0982", "\u0a01": "\u0a02", "\u0a81": "\u0a82",  # chandrabindu
}
_FOLD_PAIRS = tuple((old, new or "") for old, new in _FOLD.items())

# Light Marathi stemming (no Snowball stemmer exists): case endings and postpositions written onto the
# word, longest first; the stem keeps at least two letters.
MARATHI_SUFFIXES = tuple(sorted((
    "ांच्या", "ांचा", "ांची", "ांचे", "ाच्या", "ाचा", "ाची", "ाचे", "च्या", "चा", "ची", "चे",
    "ांना", "ाला", "ांनी", "ाने", "ला", "ना", "ने", "नी", "ात", "ांत", "मध्ये", "साठी", "ांमध्ये",
    "ही", "ाही", "तील", "ातील", "ांतील", "वर", "ावर", "ांवर", "ून", "ाहून", "कडे", "ाकडे",
), key=len, reverse=True))

def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


STOPWORDS: dict[str, frozenset[str]] = {
    "en": _set(
        "a an and are as at be been but by for from had has have he her his i in is it its of on or "
        "our she that the their them there they this to was we were which who will with you your not "
        "also after said says into than then these those would can could about over more"),
    "hi": _set(
        "के का की को में है हैं से और पर भी ने यह वह ही तो था थी थे हो होता होती होते गया गई गए कि "
        "एक इस उस इन उन जो कर करने किया किए लिए साथ तक अपने अपनी अपना नहीं रहा रही रहे वे ये "
        "कहा बताया हुआ हुई हुए जा जाता जाती जाते सकता सकते या तथा एवं दिया लेकिन अब कुछ कोई"),
    "mr": _set(
        "आणि आहे आहेत या व की हे ही तो ती ते त्या त्याच्या त्यांनी होते होता होती झाले केले करण्यात "
        "म्हणून असे असून एक मध्ये साठी तर पण नाही आता कि हा जे जी"),
    "ne": _set(
        "र छ छन् को का की मा ले लाई पनि यो त्यो हो गरेको गर्ने भएको भने तथा एक थियो थिए छैन "
        "उनले उनी यस ती हुन गरी भन्दा अनि नै"),
    "ur": _set(
        "کے کا کی کو میں ہے ہیں سے اور پر بھی نے یہ وہ ہی تو تھا تھی تھے ہو گیا گئی گئے کہ ایک اس "
        "ان جو کر کرنے کیا لیے ساتھ تک اپنے نہیں رہا رہی رہے"),
}

_DEVANAGARI = range(0x0900, 0x0980)
_ARABIC = range(0x0600, 0x0700)


# A class nasal with virama before a consonant of its class is written either way (हिन्दी / हिंदी,
# मुम्बई / मुंबई): one spelling, the anusvara. Not across classes: उम्र and अन्य keep theirs.
NASAL_CLASSES = (("\u0919", "\u0915-\u0918"), ("\u091e", "\u091a-\u091d"), ("\u0923", "\u091f-\u0922"),
                 ("\u0928", "\u0924-\u0927"), ("\u092e", "\u092a-\u092d"))
_NASAL = regex.compile("|".join(f"{n}\u094d(?=[{c}])" for n, c in NASAL_CLASSES))


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text).lower()
    for old, new in _FOLD_PAIRS:  # a str.replace per character beats str.translate on long text
        if old in text:
            text = text.replace(old, new)
    out: str = _NASAL.sub("\u0902", text)
    return out


def script_of(word: str) -> str:
    """latin | deva | arabic | other, by the word's first letter."""
    c = word[0]
    if c.isascii():
        return "latin"
    if ord(c) in _DEVANAGARI:
        return "deva"
    if ord(c) in _ARABIC:
        return "arabic"
    return "latin" if unicodedata.name(c, "").startswith("LATIN") else "other"


@lru_cache(maxsize=8)
def _stemmer(algorithm: str) -> Any:
    return snowballstemmer.stemmer(algorithm)


def _marathi(word: str) -> str:
    for suffix in MARATHI_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            return word[: -len(suffix)]
    return word


def family(word: str, language: str) -> str:
    """The stemmer and stopword list a word gets: en, hi, mr, ne, ur or '' (none)."""
    script = script_of(word)
    if script == "latin":
        return "en"
    if script == "deva":
        return language if language in ("mr", "ne") else "hi"
    return "ur" if script == "arabic" else ""


def stem(word: str, fam: str) -> str:
    if fam == "mr":
        return _marathi(word)
    if fam in ("en", "hi", "ne"):
        algorithm = {"en": "english", "hi": "hindi", "ne": "nepali"}[fam]
        out: str = _stemmer(algorithm).stemWord(word)
        return out if len(out) >= 2 else word
    return word


@lru_cache(maxsize=100_000)
def term(word: str, language: str) -> str | None:
    """The index term of a normalised word in an article of `language`; None for a word not indexed."""
    if len(word) > MAX_WORD or (len(word) < 2 and not word.isdigit()):
        return None
    fam = family(word, language)
    if word in STOPWORDS.get(fam, ()):
        return None
    return stem(word, fam)


def analyse(text: str, language: str) -> list[tuple[str, str]]:
    """(word, term) for each indexed word of the text, in order. The stage does the same in SQL
    (core.search_normalise, then term() once per new word); this is the reference, and what tests use."""
    out = []
    for w in WORD.findall(normalise(text)):
        t = term(w, language)
        if t is not None:
            out.append((w, t))
    return out
