"""flows.steps.language.detect_language: real short samples, code-mixing, junk, determinism."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flows.steps import language as lang_mod
from flows.steps.language import SCRIPT_CANDIDATES, detect_language
from flows.steps.records import LanguageResult

ROOT = Path(__file__).resolve().parents[2]
RAW = sorted((ROOT / "data" / "raw").glob("*.txt"))

HINDI = (
    "केंद्र सरकार ने मंगलवार को किसानों के लिए नई योजना की घोषणा की। कृषि मंत्री ने कहा कि इस योजना से "
    "देश के करोड़ों किसानों को सीधा लाभ मिलेगा और फसल बीमा की प्रक्रिया भी आसान होगी।"
)
MARATHI = (
    "राज्य सरकारने शेतकऱ्यांसाठी नवीन योजना जाहीर केली आहे. या योजनेअंतर्गत पीक विम्याची प्रक्रिया सोपी "
    "करण्यात आली आहे आणि नुकसान भरपाईची रक्कम थेट बँक खात्यात जमा करण्यात येणार आहे."
)
NEPALI = (
    "सरकारले किसानहरूका लागि नयाँ कार्यक्रम सुरु गरेको छ। कृषि मन्त्रीले यो कार्यक्रमबाट देशभरका किसानहरूलाई "
    "प्रत्यक्ष फाइदा पुग्ने बताउनुभयो र बाली बीमाको प्रक्रिया पनि सजिलो हुने छ।"
)
URDU = (
    "وفاقی حکومت نے منگل کو کسانوں کے لیے ایک نئی اسکیم کا اعلان کیا۔ وزیر زراعت نے کہا کہ اس اسکیم سے "
    "ملک کے لاکھوں کسانوں کو براہ راست فائدہ پہنچے گا۔"
)
ENGLISH = (
    "The central government on Tuesday announced a new scheme for farmers. The agriculture minister said "
    "crores of farmers across the country would benefit directly and crop insurance would become simpler."
)
BENGALI = "কেন্দ্রীয় সরকার মঙ্গলবার কৃষকদের জন্য একটি নতুন প্রকল্প ঘোষণা করেছে।"


@pytest.mark.parametrize(
    ("text", "expected", "method"),
    [
        (HINDI, "hi", "langdetect"),
        (MARATHI, "mr", "langdetect"),
        (NEPALI, "ne", "langdetect"),
        (URDU, "ur", "langdetect"),
        (ENGLISH, "en", "langdetect"),
        (BENGALI, "bn", "script"),
        ("ਕੇਂਦਰ ਸਰਕਾਰ ਨੇ ਕਿਸਾਨਾਂ ਲਈ ਨਵੀਂ ਯੋਜਨਾ ਦਾ ਐਲਾਨ ਕੀਤਾ ਹੈ।", "pa", "script"),
        ("மத்திய அரசு விவசாயிகளுக்கான புதிய திட்டத்தை அறிவித்தது.", "ta", "script"),
        ("북한은 러시아에 대한 지지를 다시 확인했다고 밝혔다.", "ko", "script"),
        ("北朝鮮の金正恩総書記は、ロシアへの支持を改めて表明した。", "ja", "script"),
        ("朝鲜领导人金正恩表示将继续支持俄罗斯。", "zh", "langdetect"),
        ("Северная Корея заявила о полной поддержке России в войне против Украины.", "ru", "langdetect"),
        ("Північна Корея заявила про повну підтримку Росії у війні проти України.", "uk", "langdetect"),
        ("أعلنت كوريا الشمالية دعمها الكامل لروسيا في حربها ضد أوكرانيا.", "ar", "langdetect"),
        ("La Corée du Nord a réaffirmé son soutien total à la Russie dans la guerre en Ukraine.", "fr", "langdetect"),
    ],
)
def test_real_samples(text: str, expected: str, method: str) -> None:
    result = detect_language(text)
    assert result.language == expected, result
    assert result.method == method, result
    assert result.probability >= 0.9


def test_marathi_and_nepali_are_not_called_hindi() -> None:
    assert detect_language(MARATHI).language == "mr"
    assert detect_language(NEPALI).language == "ne"
    assert detect_language(HINDI).language == "hi"


@pytest.mark.parametrize("path", RAW, ids=[p.name for p in RAW])
def test_sample_articles_are_hindi(path: Path) -> None:
    result = detect_language(path.read_text(encoding="utf-8"))
    assert result.language == "hi"
    assert result.script == "Devanagari"
    assert not result.needs_review
    assert result.reason is None
    assert result.code_mix_share < 0.25  # some English names and titles, no more


def test_gold_language_of_the_samples() -> None:
    gold = json.loads((ROOT / "tests" / "fixtures" / "gold" / "seeds.json").read_text(encoding="utf-8"))
    for name, article in gold["articles"].items():
        text = (ROOT / "data" / "raw" / name).read_text(encoding="utf-8")
        assert detect_language(text).language == article["language"], name


def test_english_title_and_names_do_not_make_hindi_english() -> None:
    text = (
        "North Korea Russia Support: Kim Jong Un pledges full backing to Vladimir Putin ahead of Alaska "
        "Summit with Donald Trump\n"
        "Seoul: Kim Jong Un ने Vladimir Putin से फोन पर बात की। North Korea की official news agency KCNA "
        "ने बताया कि Kim ने Russia को पूरा समर्थन दिया। United Nations, NATO और European Union ने "
        "चिंता जताई है। Pentagon के spokesperson ने कहा कि Washington हालात पर नज़र रखे हुए है।"
    )
    result = detect_language(text)
    assert result.script_shares["Latin"] > 0.5  # English letters outnumber the Hindi ones ...
    assert result.language == "hi"  # ... and the article is still Hindi
    assert result.script == "Devanagari"
    assert result.code_mix_share == pytest.approx(result.script_shares["Latin"])
    # stock langdetect calls this English; the point of restricting it to Devanagari
    from langdetect import DetectorFactory, detect

    DetectorFactory.seed = 0
    assert detect(text) == "en"


def test_code_mix_share_counts_letters_by_script() -> None:
    # कमल and नगर are three Devanagari letters each (no vowel signs); Delhi and Metro five Latin each.
    text = "कमल नगर " * 10 + "Delhi Metro " * 4
    result = detect_language(text)
    assert result.letters == 100
    assert result.script == "Devanagari"
    assert result.script_shares == pytest.approx({"Devanagari": 0.6, "Latin": 0.4})
    assert result.code_mix_share == pytest.approx(0.4)


def test_a_quarter_of_devanagari_outweighs_latin() -> None:
    text = "कमल नगर " * 5 + "Delhi Metro " * 8  # 30 Devanagari letters, 80 Latin
    result = detect_language(text)
    assert result.script == "Devanagari"
    assert result.code_mix_share == pytest.approx(80 / 110)
    text = "कमल " * 5 + "Delhi Metro " * 8  # 15 of 95: under a quarter, so Latin
    result = detect_language(text)
    assert result.script == "Latin"
    assert result.code_mix_share == 0.0


def test_english_with_a_hindi_word_stays_english() -> None:
    result = detect_language(ENGLISH + " The scheme is called किसान सम्मान निधि.")
    assert result.language == "en"
    assert result.script == "Latin"
    assert result.code_mix_share == 0.0
    assert result.script_shares["Devanagari"] > 0


JUNK = {
    "empty": "",
    "whitespace": " \n\t \r\n",
    "digits": "12345 67890 2024-12-01 03:43",
    "devanagari digits": "२०२४ १२ ०१",
    "url": "https://example.com/news/2024/12/01/article.html?id=42#top",
    "www": "www.example.org/some/path",
    "email": "editor.desk@example.co.in",
    "emoji": "😀🎉👍🔥" * 25,
    "punctuation": "!!! ??? ... --- ||| •••",
    "markup": "<div class='ad'><br/><img src='x.png'/></div>&nbsp;&amp;",
    "zero width": "\u200b\u200c\u200d\ufeff",
    "controls": "\x00\x01\x02\x1b\x7f",
    "lone surrogate": "\ud800",
    "1 MB of one letter": "a" * 1_000_000,
    "1 MB of one Devanagari letter": "क" * 1_000_000,
    "two letters": "AP",
}


@pytest.mark.parametrize("text", JUNK.values(), ids=JUNK.keys())
def test_junk_is_und_without_an_exception(text: str) -> None:
    result = detect_language(text)
    assert result.language == "und"
    assert result.method == "too_short"
    assert result.probability == 0.0
    assert result.needs_review
    assert result.reason


def test_stock_langdetect_raises_on_the_same_junk() -> None:
    # The reason every langdetect call here is guarded.
    from langdetect import detect
    from langdetect.lang_detect_exception import LangDetectException

    with pytest.raises(LangDetectException):
        detect("12345 https://example.com 😀")


def test_short_text_is_flagged_for_review() -> None:
    result = detect_language("सरकार ने घोषणा की")
    assert result.language in ("hi", "mr", "ne")
    assert result.letters < 40
    assert result.needs_review
    assert result.reason is not None and "letters" in result.reason


def test_script_shares_sum_to_one() -> None:
    result = detect_language(HINDI + " " + ENGLISH + " " + URDU)
    assert sum(result.script_shares.values()) == pytest.approx(1.0)
    assert set(result.script_shares) == {"Devanagari", "Latin", "Arabic"}


def test_markup_urls_and_emails_are_not_counted() -> None:
    clean = detect_language(HINDI)
    noisy = detect_language(
        f"<p class='story-body'>{HINDI}</p> https://www.example.com/india/farmers-scheme-2024 "
        "| newsdesk@example.com &nbsp;"
    )
    assert noisy.language == "hi"
    assert noisy.letters == clean.letters
    assert noisy.code_mix_share == 0.0


_SAMPLES = [HINDI, MARATHI, NEPALI, URDU, ENGLISH, BENGALI, "सरकार ने घोषणा की", "Kim ने कहा"]


def test_same_answers_in_a_fresh_process() -> None:
    code = (
        "import json, sys\n"
        "from dataclasses import asdict\n"
        "from flows.steps.language import detect_language\n"
        "texts = json.load(sys.stdin)\n"
        "print(json.dumps([asdict(detect_language(t)) for t in texts]))\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", code],
        input=json.dumps(_SAMPLES),
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env=env,
    )
    fresh = [LanguageResult(**row) for row in json.loads(out.stdout)]
    assert fresh == [detect_language(t) for t in _SAMPLES]


def test_repeated_calls_agree_and_results_pickle() -> None:
    first = [detect_language(t) for t in _SAMPLES]
    assert [detect_language(t) for t in reversed(_SAMPLES)] == list(reversed(first))
    assert pickle.loads(pickle.dumps(first)) == first
    assert pickle.loads(pickle.dumps(detect_language)) is detect_language


# --- the fast paths must equal langdetect's own code ------------------------------------------------

_ALPHABET = "abcdeABCDE éüÇ.,'-0 कखगािॉ्ाड़ Жжя"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=60))
def test_ngram_extraction_equals_langdetect(text: str) -> None:
    from langdetect.detector import Detector

    text = text + " "  # our windows end with a space; langdetect skips the last word's end grams
    model = lang_mod._model("Latin")
    detector = Detector(model.factory)
    detector.text = text
    assert lang_mod.extract_ngrams(text, model) == detector._extract_ngrams()


@pytest.mark.parametrize(
    ("script", "text"),
    [("Devanagari", HINDI), ("Devanagari", MARATHI), ("Devanagari", NEPALI), ("Arabic", URDU),
     ("Latin", ENGLISH), ("Latin", "NATO and the EU met in Brussels on Monday "),
     ("Cyrillic", "Правительство объявило о новой программе поддержки фермеров во вторник "),
     ("Han", "中央政府周二宣布了一项新的农民补贴计划，农业部长表示全国数百万农民将直接受益 ")],
)  # fmt: skip
def test_probabilities_equal_langdetect(script: str, text: str) -> None:
    from langdetect.detector import Detector

    model = lang_mod._model(script)
    window = lang_mod._window(text, script, __import__("collections").Counter(text))
    detector = Detector(model.factory)
    detector.append(window)
    detector.get_probabilities()
    ours = dict(lang_mod._langdetect(window, script))
    assert ours == dict(zip(model.langs, detector.langprob, strict=True))


def test_candidate_profiles_exist_and_are_in_their_script() -> None:
    from langdetect.detector_factory import PROFILES_DIRECTORY

    shipped = set(os.listdir(PROFILES_DIRECTORY))
    for script, profiles in SCRIPT_CANDIDATES.items():
        assert set(profiles) <= shipped, script
        for name in profiles:
            freq = json.loads((Path(PROFILES_DIRECTORY) / name).read_text(encoding="utf-8"))["freq"]
            letters = [g for g in freq if len(g) == 1 and lang_mod._script_of(g) is not None]
            top = max(letters, key=freq.__getitem__)
            assert lang_mod._script_of(top) == script, (script, name, top)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_and_stays_in_range(text: str) -> None:
    result = detect_language(text)
    assert 0.0 <= result.probability <= 1.0
    assert 0.0 <= result.code_mix_share <= 1.0
    assert result.method in ("script", "langdetect", "second_opinion", "too_short")
    if result.language == "und":
        assert result.reason
    else:
        assert result.letters >= 3
        assert sum(result.script_shares.values()) == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ísland er eyríki í Norður-Atlantshafi, á milli Grænlands og Noregs, og þar búa um 380 þúsund manns.", "is"),
        ("Беларусь — дзяржава ва Усходняй Еўропе, сталіца краіны — горад Мінск, дзе жыве амаль два мільёны.", "be"),
        ("Србија је држава у југоисточној Европи, а главни град је Београд, где живи више од милион људи.", "sr"),
        ("Azərbaycan Respublikası Cənubi Qafqazda yerləşən dövlətdir və paytaxtı Bakı şəhəridir.", "az"),
    ],
)
def test_languages_only_cld2_knows_come_from_the_second_opinion(text: str, expected: str) -> None:
    result = detect_language(text)
    assert result.language == expected, result
    assert result.method == "second_opinion"


def test_an_extra_language_needs_a_letter_of_its_own() -> None:
    sure_serbian = lang_mod._Opinion("sr", True, 99)
    assert lang_mod._takes_extra(sure_serbian, "Cyrillic", "Влада је донела одлуку ")
    # Bulgarian has no ј, љ, њ, ђ, ћ or џ: CLD2 saying "Serbian" about it is not taken.
    assert not lang_mod._takes_extra(sure_serbian, "Cyrillic", "Правителството взе решение ")
    assert not lang_mod._takes_extra(lang_mod._Opinion("sr", False, 99), "Cyrillic", "Влада је ")
    # CLD2's near twins of langdetect's languages are not extras at all.
    assert not lang_mod._takes_extra(lang_mod._Opinion("nn", True, 99), "Latin", "Eg er her ")


# Nukta letters (excluded from composition: NFC keeps them as two code points), composed and combining
# accents, a Hangul jamo pair, markup, an entity, a URL and e-mail pieces, spaces: what can change
# under cleaning or normalisation.
_NFC_ALPHABET = "कखज़ड़ि्ँ\u093c\u0301e\u00e9\u1100\u1161 <>&amp;b/:.w@xy\u200d"


@settings(max_examples=400, deadline=None)
@given(st.one_of(
    st.text(alphabet=_NFC_ALPHABET, max_size=200),
    # Past the 1,300-character window: cut at a space, or (no space near the cut) inside a word.
    st.lists(st.text(alphabet=_NFC_ALPHABET, max_size=150), max_size=40).map(" ".join),
))
def test_the_nfc_promise_changes_nothing_for_nfc_text(text: str) -> None:
    # Callers that pass nfc=True (the parser: segmenter lines and bodies joined from them) skip one
    # normalisation; for NFC text the answer and the counts must be exactly the ones without it.
    import unicodedata

    text = unicodedata.normalize("NFC", text)
    assert lang_mod._clean(text, nfc=True) == lang_mod._clean(text)
    assert detect_language(text, nfc=True) == detect_language(text)
    assert lang_mod.script_profile(text, nfc=True) == lang_mod.script_profile(text)
