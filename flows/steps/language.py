"""Detect the language of an article body or of one block.

Only the start of the text is examined: markup, URLs and e-mail addresses are removed and the first
~1,300 characters (~1,000 letters) kept; `letters`, the script shares and the code-mix share describe
that window. Unicode script counts come first: a script that only one language we report uses
(Bengali, Hangul, Thai ...) decides on its own. An ambiguous script (Devanagari, Arabic, Cyrillic,
Han, Latin) goes to langdetect, seeded and restricted to that script's languages, on that script's
letters only, so English names and headlines in a Hindi article cannot turn it English. A
low-confidence call gets a second opinion from CLD2, taken only when it names one of the candidates;
CLD2 also names the few languages of those scripts that langdetect has no profile for (SCRIPT_EXTRAS).

Everything here is plain Python (no Prefect, no DuckDB). The langdetect models are built lazily, once
per process, and every call reseeds its own random generator, so worker processes agree with each
other and with the parent.
"""

from __future__ import annotations

import functools
import html
import os
import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

from flows.steps.records import LanguageResult

__all__ = [
    "SCRIPT_CANDIDATES", "SCRIPT_EXTRAS", "SCRIPT_LANGUAGE", "ScriptProfile", "detect_language", "script_profile",
]

# Fewer letters than this is not a language sample: two letters are an initialism ("AP", "यूपी" is
# already 4 code points) and langdetect on them is a coin toss. Three letters is still weak, which is
# why anything under _REVIEW_LETTERS is flagged for review rather than refused.
_MIN_LETTERS = 3
_REVIEW_LETTERS = 40
_CONFIDENT = 0.9
# A non-Latin script with this share of the letters is the article's script even when Latin letters
# outnumber it: Hindi news quotes English names, titles and headlines, never the other way round.
_NON_LATIN_WINS_AT = 0.25
# Only the start of a text is examined: every step costs per character, and in the lab 500 letters
# already gave the same labels as whole articles. 1,300 characters of cleaned prose hold ~1,000
# letters in Devanagari or Latin (spaces, digits and punctuation are the rest).
_WINDOW_CHARS = 1300
_WINDOW_LETTERS = 1000
# Markup and URLs are removed before the window is cut, from at most this much raw text, so a page
# of markup still leaves text to look at while a 1 MB paste costs no more than a short article.
_RAW_CHARS = 8 * _WINDOW_CHARS
# A text made of one or two distinct letters ("aaaa…", "hahaha") or dominated by one letter is not
# language, however long it is.
_MIN_DISTINCT_LETTERS = 3
_MAX_TOP_LETTER_SHARE = 0.5

SCRIPT_LANGUAGE: dict[str, str] = {
    "Bengali": "bn",
    "Gurmukhi": "pa",
    "Gujarati": "gu",
    "Oriya": "or",
    "Tamil": "ta",
    "Telugu": "te",
    "Kannada": "kn",
    "Malayalam": "ml",
    "Sinhala": "si",
    "Hangul": "ko",  # Han and kana (Japanese) are decided in _script_language
    "Thai": "th",
    "Lao": "lo",
    "Khmer": "km",
    "Myanmar": "my",
    "Tibetan": "bo",
    "Hebrew": "he",
    "Greek": "el",
    "Armenian": "hy",
    "Georgian": "ka",
    "Ethiopic": "am",
    "Thaana": "dv",
}

# langdetect profile names per ambiguous script. Only languages whose profile is in that script: a
# Devanagari text can't be Arabic, and keeping the others out is what makes the call fast and stable.
SCRIPT_CANDIDATES: dict[str, tuple[str, ...]] = {
    "Devanagari": ("hi", "mr", "ne"),
    "Arabic": ("ur", "fa", "ar"),
    "Cyrillic": ("ru", "uk", "bg", "mk"),
    "Han": ("zh-cn", "zh-tw"),
    "Latin": (
        "af", "ca", "cs", "cy", "da", "de", "en", "es", "et", "fi", "fr", "hr", "hu", "id", "it", "lt",
        "lv", "nl", "no", "pl", "pt", "ro", "sk", "sl", "so", "sq", "sv", "sw", "tl", "tr", "vi",
    ),
}  # fmt: skip

# Languages of these scripts that langdetect has no profile for, so only CLD2 can name them; taken
# from CLD2 when it is reliable on nearly all of the text (see _takes_extra). Left out on purpose:
# CLD2's near twins of languages langdetect does know, which it calls too often on short text
# (Nynorsk for Norwegian, Bosnian and Latin-script Serbian for Croatian, Galician for Portuguese and
# Spanish, Occitan for Catalan, Cebuano and Waray for Tagalog).
SCRIPT_EXTRAS: dict[str, tuple[str, ...]] = {
    "Latin": ("az", "eu", "ga", "ha", "ig", "is", "jv", "ku", "lb", "ms", "mt", "uz", "xh", "yo", "zu"),
    "Cyrillic": ("be", "kk", "ky", "mn", "sr", "tg", "tt"),
    "Arabic": ("ku", "ps", "sd", "ug"),  # ku: Sorani Kurdish
}
# An extra language is taken only if the text uses a letter of its own alphabet that the script's
# candidate languages do not: CLD2 calls short Bulgarian "Serbian" and short Persian "Pashto".
_EXTRA_NEEDS_ONE_OF: dict[tuple[str, str], frozenset[str]] = {
    ("Cyrillic", "sr"): frozenset("ђћјљњџЂЋЈЉЊЏ"),
    ("Arabic", "ps"): frozenset("ټډړږښګڼېۍځڅ"),
    ("Arabic", "sd"): frozenset("ٻڄڃڇڊڌڍڏڙڦڪڳڱڻ"),
    ("Arabic", "ku"): frozenset("ێۆڕڵەڤ"),
}
# Of the text's bytes, the share CLD2 must give the extra language. Not higher: news copy in these
# languages quotes English, and the false calls seen were on >90% anyway (the letter test stops them).
_EXTRA_MIN_PERCENT = 60

# What we report for a profile or CLD2 code, where it differs from the code itself.
_REPORTED = {"zh-cn": "zh", "zh-tw": "zh", "zh-Hant": "zh", "iw": "he", "nb": "no", "jw": "jv"}

_URL = re.compile(r"(?:\b(?:https?|ftp)://|\bwww\.)\S+", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][^<>]{0,500}>", re.DOTALL)
# Surrogates and C0/C1 controls are not text, and CLD2 refuses input that contains them.
_NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")

# The first word of a Unicode character name is its script for almost every letter; these are the
# exceptions that matter for news text. None means "not a letter of any one script".
_NAME_PREFIX_SCRIPT: dict[str, str | None] = {
    "CJK": "Han",
    "IDEOGRAPHIC": "Han",
    "KATAKANA-HIRAGANA": "Katakana",
    "HALFWIDTH": None,  # resolved from the second word below
    "FULLWIDTH": None,
    "FEMININE": "Latin",
    "MASCULINE": "Latin",
    "MICRO": "Greek",
    "COMBINING": None,
    "MODIFIER": None,
    "MATHEMATICAL": None,
    "VEDIC": None,
    "NKO": "Nko",
}

_script_cache: dict[str, str | None] = {}


def _script_of(ch: str) -> str | None:
    """The script of a letter or combining mark (Indic vowel signs are marks), None for anything else."""
    try:
        return _script_cache[ch]
    except KeyError:
        pass
    script: str | None = None
    if unicodedata.category(ch)[0] in "LM":
        words = unicodedata.name(ch, "").split()
        if words:
            first = words[0]
            if first in ("HALFWIDTH", "FULLWIDTH") and len(words) > 1:
                first = words[1]
            script = _NAME_PREFIX_SCRIPT[first] if first in _NAME_PREFIX_SCRIPT else first.title()
    if len(_script_cache) < 200_000:
        _script_cache[ch] = script
    return script


def _clean(text: str, nfc: bool = False) -> str:
    """The examined window: markup, URLs and e-mail addresses gone, then the first _WINDOW_CHARS, NFC.

    nfc: the caller's text is already NFC (the segmenter's lines, and a body joined from them). Then
    a window that cleaning left as the text's own start, cut at a space, is NFC too and is not
    normalised again: NFC was ~10% of parsing, most of it here, on text that was already NFC.
    """
    raw = text = text[:_RAW_CHARS]
    if "&" in text:
        text = html.unescape(text)
    if "<" in text:
        text = _TAG.sub(" ", text)
    if "://" in text or "www." in text or "WWW." in text:
        text = _URL.sub(" ", text)
    if "@" in text:
        text = _EMAIL.sub(" ", text)
    at_space = True  # the window ends where the text does, or at a space (no mark cut from its letter)
    if len(text) > _WINDOW_CHARS:
        cut = text.rfind(" ", _WINDOW_CHARS - 100, _WINDOW_CHARS)
        at_space = cut > 0
        text = text[: cut if cut > 0 else _WINDOW_CHARS]
    text = _NOT_TEXT.sub(" ", text)
    if nfc and at_space and raw.startswith(text):
        return text
    return unicodedata.normalize("NFC", text)


# ---------------------------------------------------------------------------------------------------
# langdetect, restricted and made fast
# ---------------------------------------------------------------------------------------------------


class _GramMemo(dict[str, tuple[str, ...]]):
    """word -> its known n-grams, in langdetect's order; computed on first look-up."""

    def __init__(self, known: dict[str, str]) -> None:
        super().__init__()
        self.known = known

    def __missing__(self, word: str) -> tuple[str, ...]:
        grams = _word_grams(word, self.known)
        self[word] = grams
        return grams


@dataclass
class _Model:
    factory: Any  # langdetect.DetectorFactory holding only this script's profiles
    known: dict[str, str]  # each n-gram of the profiles, mapped to itself: memo entries share these
    langs: list[str]
    word_grams: _GramMemo  # memo: a word's known n-grams, in langdetect's order
    # One langdetect Detector per thread, reused: building one costs ~17 us (a tenth of a Hindi
    # article's trials), and _run_trials reseeds its generator on every call. Per thread, because a
    # Dask worker may run chunks on several threads and two calls must not share one generator.
    detectors: threading.local = field(default_factory=threading.local)

    def detector(self) -> Any:
        detector = getattr(self.detectors, "detector", None)
        if detector is None:
            from langdetect.detector import Detector

            detector = self.detectors.detector = Detector(self.factory)
        return detector


_models: dict[str, _Model] = {}
_norm_cache: dict[str, str] = {}
# Words repeat across articles, so the memo pays; capped so a long-running worker stays small
# (~25 MB per script at the cap).
_WORD_MEMO_LIMIT = 100_000


def _model(script: str) -> _Model:
    model = _models.get(script)
    if model is None:
        from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

        factory = DetectorFactory()
        profiles = []
        for name in SCRIPT_CANDIDATES[script]:
            with open(os.path.join(PROFILES_DIRECTORY, name), encoding="utf-8") as fh:
                profiles.append(fh.read())
        factory.load_json_profile(profiles)
        # Seed on the factory, not the class: every Detector reseeds its own Random with it on each
        # call, so the answer depends only on the text, in any process.
        factory.set_seed(0)
        known = {gram: gram for gram in factory.word_lang_prob_map}
        model = _Model(factory, known, list(factory.langlist), _GramMemo(known))
        _models[script] = model
    return model


def _normalise_chars(text: str, chars: Iterable[str] | None = None) -> str:
    """langdetect's per-character normalisation (NGram.normalize), cached per distinct character.

    `chars`, when given, are the distinct characters of `text` (the caller already knows them).
    """
    from langdetect.utils.ngram import NGram

    table: dict[int, str] = {}
    for ch in set(text) if chars is None else chars:
        norm = _norm_cache.get(ch)
        if norm is None:
            norm = NGram.normalize(ch)
            _norm_cache[ch] = norm
        if norm != ch:
            table[ord(ch)] = norm
    return text.translate(table) if table else text


def _word_grams(word: str, known: dict[str, str]) -> tuple[str, ...]:
    # Same n-grams, in the same order, as langdetect's NGram.add_char loop over " word ": at each
    # end position the 1-, 2- and 3-gram ending there, none inside a run of capitals.
    padded = " " + word + " "
    ends: Iterable[int] = range(2, len(padded) + 1)
    if any(map(str.isupper, word)):
        ends = [e for e in ends if not (padded[e - 1].isupper() and padded[e - 2].isupper())]
    grams = [padded[start:end] for end in ends for start in range(end - 1, max(end - 4, -1), -1)]
    return tuple(known[g] for g in grams if g in known and g != " ")


def extract_ngrams(text: str, model: _Model, chars: Iterable[str] | None = None) -> list[str]:
    """langdetect's n-gram list for `text`, computed per distinct word instead of per character.

    Equal to Detector._extract_ngrams for text that ends with a space (the tests compare them); it
    is what makes a 1,000-letter call take well under a millisecond instead of ~5 ms.
    """
    text = _normalise_chars(text, chars)
    memo = model.word_grams
    if len(memo) > _WORD_MEMO_LIMIT:
        memo.clear()
    # An empty word (two spaces) has no known n-grams, so it needs no filtering out; chaining the
    # memo's tuples in C is ~3x faster than a Python loop over the words.
    return list(chain.from_iterable(map(memo.__getitem__, text.split(" "))))


def _langdetect(text: str, script: str, chars: Iterable[str] | None = None) -> list[tuple[str, float]]:
    """(profile, probability) for every candidate, best first; [] when langdetect finds no features.

    Runs langdetect's Detector with its seed and parameters, but with the n-grams from
    extract_ngrams and the sampling loop of _detect_block written out (_run_trials): the same random
    draws and float operations in the same order, so the same probabilities, about 5x faster.
    """
    model = _model(script)
    detector = model.detector()
    ngrams = extract_ngrams(text[: detector.max_text_length], model, chars)
    if not ngrams:
        return []
    probs = _run_trials(detector, ngrams)
    return sorted(zip(model.langs, probs, strict=True), key=lambda lp: (-lp[1], lp[0]))


def _run_trials(detector: Any, ngrams: list[str]) -> list[float]:
    """Detector._detect_block after its n-gram extraction (langdetect 1.0.9), with the same results.

    Our models carry no prior (detector.prior_map is None), so every trial starts from equal odds.
    """
    rnd = detector.random
    rnd.seed(detector.seed)
    # random.choice(seq) is seq[_randbelow(len(seq))], and _randbelow draws getrandbits(k) until the
    # value is below n: inlined in the runner because the calls were half the time.
    n = len(ngrams)
    probs: list[float] = _trials_runner(len(detector.langlist))(
        ngrams, detector.word_lang_prob_map, detector.n_trial, detector.ITERATION_LIMIT,
        detector.CONV_THRESHOLD, rnd.gauss, rnd.getrandbits, detector.alpha, detector.ALPHA_WIDTH,
        detector.BASE_FREQ, n, n.bit_length())
    return probs


# langdetect's sampling loop for m candidates with one local variable per candidate (p0 ... p{m-1})
# instead of a list rebuilt at every step: the same draws and the same float operations in the same
# order (p * (weight + q); sum() of the m values, as sum() of the list did; p / total), so the same
# probabilities, at about half the cost of the list version for the 31 Latin-script candidates.
# Written out for each m by _trials_runner; m = 3 reads:
#     p0 = p0 * (weight + q0)
#     p1 = p1 * (weight + q1)
#     p2 = p2 * (weight + q2)
_TRIALS_TEMPLATE = """
def run(ngrams, wmap, n_trial, limit, conv, gauss, getrandbits, alpha0, alpha_width, base_freq, n, k):
    start = 1.0 / {m}  # _init_probability: [1.0 / len(langlist)] * len(langlist)
    {accs} = {zeros}
    for _ in range(n_trial):
        {ps} = {starts}
        weight = (alpha0 + gauss(0.0, 1.0) * alpha_width) / base_freq
        i = 0
        while True:
            r = getrandbits(k)
            while r >= n:
                r = getrandbits(k)
            {qs} = wmap[ngrams[r]]
{update}
            if i % 5 == 0:
                total = sum(({ps},))
{normalise}
                if max({ps}) > conv or i >= limit:
                    break
            i += 1
{accumulate}
    return [{accs}]
"""


@functools.cache
def _trials_runner(m: int) -> Any:
    """The sampling loop of _TRIALS_TEMPLATE written out for m (>= 2) candidates, compiled once."""
    if m < 2:
        raise ValueError(f"langdetect trials need at least two candidates, got {m}")

    def names(prefix: str) -> str:
        return ", ".join(f"{prefix}{j}" for j in range(m))

    def lines(indent: int, form: str) -> str:
        return "\n".join(" " * indent + form.format(j=j) for j in range(m))

    source = _TRIALS_TEMPLATE.format(
        m=m, accs=names("acc"), zeros=", ".join(["0.0"] * m), ps=names("p"), qs=names("q"),
        starts=", ".join(["start"] * m),
        update=lines(12, "p{j} = p{j} * (weight + q{j})"),
        normalise=lines(16, "p{j} = p{j} / total"),
        accumulate=lines(8, "acc{j} = acc{j} + p{j} / n_trial"),
    )
    namespace: dict[str, Any] = {}
    exec(compile(source, f"<langdetect trials, {m} candidates>", "exec"), namespace)
    return namespace["run"]


@dataclass(frozen=True)
class _Opinion:
    language: str
    reliable: bool
    percent: int  # of the text's bytes CLD2 gives to this language


def _second_opinion(text: str) -> _Opinion | None:
    """CLD2's best guess for `text`; None if it has none."""
    import pycld2

    try:
        reliable, _bytes, details = pycld2.detect(text, bestEffort=True)
    except (pycld2.error, UnicodeError, ValueError):
        return None
    code = str(details[0][1]) if details else "un"
    if code in ("un", "xxx"):
        return None
    return _Opinion(_REPORTED.get(code, code), bool(reliable), int(details[0][2]))


def _takes_extra(opinion: _Opinion, script: str, window: str) -> bool:
    if opinion.language not in SCRIPT_EXTRAS.get(script, ()):
        return False
    if not opinion.reliable or opinion.percent < _EXTRA_MIN_PERCENT:
        return False
    own = _EXTRA_NEEDS_ONE_OF.get((script, opinion.language))
    return own is None or not own.isdisjoint(window)


# ---------------------------------------------------------------------------------------------------
# the decision
# ---------------------------------------------------------------------------------------------------


def _window(text: str, script: str, counts: Counter[str]) -> str:
    """The first ~_WINDOW_LETTERS letters of `script`, every other character turned into a space."""
    table: dict[int, str] = {}
    total = 0  # letters of `script` in the text
    for ch, n in counts.items():
        if _script_of(ch) == script:
            total += n
        else:
            table[ord(ch)] = " "
    words = text.translate(table).split()
    if total < _WINDOW_LETTERS:  # the usual case: the cleaned text is already about a window long
        return " ".join(words) + " "
    kept: list[str] = []
    letters = 0
    for word in words:
        kept.append(word)
        letters += len(word)
        if letters >= _WINDOW_LETTERS:
            break
    return " ".join(kept) + " "


def _und(reason: str, letters: int, script: str, shares: dict[str, float], mix: float) -> LanguageResult:
    return LanguageResult(
        language="und",
        probability=0.0,
        script=script,
        script_shares=shares,
        method="too_short",
        needs_review=True,
        letters=letters,
        code_mix_share=mix,
        reason=reason,
    )


@dataclass(frozen=True, slots=True)
class ScriptProfile:
    """What detect_language sees of a text before it asks any language model: cheap (no langdetect)."""

    script: str  # the dominant script ('none' without letters), Han and kana counted together
    letters: int  # letters (and combining marks) in the examined window
    is_language: bool  # enough distinct letters to be language: False where detect_language says 'und'
    ambiguous: bool  # several languages write the script: detect_language would run langdetect on it
    long_enough: bool  # enough letters that detect_language would not flag the call for review as too short


def _letter_counts(cleaned: str) -> tuple[Counter[str], dict[str, int], dict[str, int]]:
    """(character counts, letters per script, count per letter character) of a cleaned window."""
    counts = Counter(cleaned)
    by_script: dict[str, int] = {}
    letter_chars: dict[str, int] = {}
    cache = _script_cache
    for ch, n in counts.items():
        # The cache look-up inline: this loop runs for every block of every article.
        script = cache[ch] if ch in cache else _script_of(ch)
        if script is not None:
            by_script[script] = by_script.get(script, 0) + n
            letter_chars[ch] = n
    return counts, by_script, letter_chars


def _not_language(letters: int, letter_chars: dict[str, int]) -> bool:
    top_char_share = max(letter_chars.values()) / letters
    repetitive = letters >= 20 and top_char_share > _MAX_TOP_LETTER_SHARE
    return len(letter_chars) < _MIN_DISTINCT_LETTERS or repetitive


def script_profile(text: str, nfc: bool = False) -> ScriptProfile:
    """The dominant script and letter count of `text`, counted exactly as detect_language counts them.

    For callers that need a script without a language (a block of an article, say): a fraction of
    detect_language's cost, since no language model runs. nfc: see _clean.
    """
    _counts, by_script, letter_chars = _letter_counts(_clean(text, nfc))
    letters = sum(by_script.values())
    if letters == 0:
        return ScriptProfile("none", 0, False, False, False)
    script = _dominant(by_script, letters)
    is_language = letters >= _MIN_LETTERS and not _not_language(letters, letter_chars)
    ambiguous = _script_language(script, by_script) is None and script in SCRIPT_CANDIDATES
    return ScriptProfile(script, letters, is_language, ambiguous, letters >= _REVIEW_LETTERS)


def detect_language(text: str, nfc: bool = False) -> LanguageResult:
    """The language of `text` (an article body without boilerplate, or one block). Never raises.

    Junk (no letters, fewer than three, or one letter repeated) is 'und' with method 'too_short'.
    nfc=True promises the text is already NFC (saves normalising it again; see _clean).
    """
    cleaned = _clean(text, nfc)
    counts, by_script, letter_chars = _letter_counts(cleaned)
    letters = sum(by_script.values())
    if letters == 0:
        return _und("no letters (only digits, symbols, URLs or markup)", 0, "none", {}, 0.0)

    shares = {s: n / letters for s, n in sorted(by_script.items(), key=lambda kv: (-kv[1], kv[0]))}
    script = _dominant(by_script, letters)
    mix = shares.get("Latin", 0.0) if script != "Latin" else 0.0

    if letters < _MIN_LETTERS:
        return _und(f"only {letters} letter(s)", letters, script, shares, mix)
    if _not_language(letters, letter_chars):
        top_char_share = max(letter_chars.values()) / letters
        return _und(
            f"not language: {len(letter_chars)} distinct letter(s), the most common is "
            f"{top_char_share:.0%} of {letters}",
            letters, script, shares, mix,
        )  # fmt: skip

    short = letters < _REVIEW_LETTERS
    short_reason = f"only {letters} letters" if short else None

    decided = _script_language(script, by_script)
    if decided is not None:
        language, script, group = decided
        probability = sum(by_script.get(s, 0) for s in group) / letters
        review = short or probability < _CONFIDENT
        reason = short_reason
        if probability < _CONFIDENT:
            reason = _join(reason, f"{'+'.join(group)} letters are only {probability:.0%} of the text")
        return LanguageResult(language, probability, script, shares, "script", review, letters, mix, reason)

    if script not in SCRIPT_CANDIDATES:
        return _und(f"no language model for {script} script", letters, script, shares, mix)

    window = _window(cleaned, script, counts)
    ranked = _langdetect(window, script, [ch for ch in letter_chars if _script_of(ch) == script] + [" "])
    if not ranked:
        return _und(f"langdetect found no features in the {script} letters", letters, script, shares, mix)
    merged = _merge(ranked)
    language, probability = merged[0]
    method = "langdetect"
    reason = short_reason
    # CLD2 is asked when langdetect is unsure, and always for scripts with languages only it knows
    # (it costs ~0.1 ms, a tenth of the langdetect call).
    opinion = _second_opinion(window) if probability < _CONFIDENT or script in SCRIPT_EXTRAS else None
    if opinion is not None and _takes_extra(opinion, script, window):
        note = f"langdetect has no {opinion.language} profile (it said {language} p={probability:.2f})"
        language, probability, method = opinion.language, opinion.percent / 100, "second_opinion"
        if probability < _CONFIDENT or short:
            reason = _join(reason, note)
    elif probability < _CONFIDENT:
        candidates = dict(merged)
        note = f"langdetect {language} p={probability:.2f}"
        if opinion is not None and opinion.language in candidates:
            method = "second_opinion"
            language, probability = opinion.language, candidates[opinion.language]
            note += f"; CLD2 says {language}{'' if opinion.reliable else ' (unreliable)'}"
        elif opinion is not None:
            note += f"; CLD2's {opinion.language} is not a {script} candidate"
        else:
            note += "; CLD2 has no answer"
        reason = _join(reason, note)
    review = short or probability < _CONFIDENT
    return LanguageResult(language, probability, script, shares, method, review, letters, mix, reason)


_KANA = ("Hiragana", "Katakana")


def _dominant(by_script: dict[str, int], letters: int) -> str:
    """The text's script. Kana count with Han here: Japanese is written in all three at once."""
    folded = {s: n for s, n in by_script.items() if s not in _KANA}
    kana = sum(by_script.get(s, 0) for s in _KANA)
    if kana:
        folded["Han"] = folded.get("Han", 0) + kana
    ranked = sorted(folded.items(), key=lambda kv: (-kv[1], kv[0]))
    best = ranked[0][0]
    if best == "Latin":
        for name, n in ranked[1:]:
            if n / letters >= _NON_LATIN_WINS_AT:
                return name
    return best


def _script_language(script: str, by_script: dict[str, int]) -> tuple[str, str, tuple[str, ...]] | None:
    """(language, script to report, scripts that support it) when the script alone decides."""
    han = by_script.get("Han", 0)
    if script == "Han":
        kana = sum(by_script.get(s, 0) for s in _KANA)
        # Chinese has no kana; Japanese has plenty even in kanji-heavy headlines.
        if kana >= 0.1 * (kana + han):
            shown = max(("Han", *_KANA), key=lambda s: (by_script.get(s, 0), s))
            return "ja", shown, ("Han", *_KANA)
        if by_script.get("Hangul", 0) >= 0.25 * han:
            return "ko", "Han", ("Han", "Hangul")
        return None
    if script == "Hangul":
        return "ko", "Hangul", ("Hangul", "Han")  # Korean may carry hanja
    language = SCRIPT_LANGUAGE.get(script)
    return None if language is None else (language, script, (script,))


def _merge(ranked: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """Profiles mapped to reported codes (zh-cn + zh-tw -> zh), probabilities summed, best first."""
    merged: dict[str, float] = {}
    for profile, p in ranked:
        code = _REPORTED.get(profile, profile)
        merged[code] = min(1.0, merged.get(code, 0.0) + p)  # zh-cn + zh-tw can round to 1.0000000000000002
    return sorted(merged.items(), key=lambda lp: (-lp[1], lp[0]))


def _join(a: str | None, b: str) -> str:
    return b if a is None else f"{a}; {b}"
