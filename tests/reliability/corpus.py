"""A generator of hostile raw folders, shared by the reliability tests.

Each `Kind` writes one (or a few) entries into a raw folder and says what the pipeline must do with
it: load it (optionally checking the article), or reject it with one specific reason code. The same
kinds are run through the steps directly (fast) and through one real flow run (end to end).

File names are bytes: a Linux name need not be UTF-8, and the warehouse form of a name is
`path_to_text(os.fsdecode(name))`.
"""

from __future__ import annotations

import codecs
import gzip
import os
import random
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from flows.steps.discover import path_to_text

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "raw"

LOADED = "loaded"
#: Rejections whose bytes are deliberately not copied into raw.rejections.content: the file is not
#: ours to read (a link out of the folder), cannot be read, is over the size cap, or is not there.
NO_BYTES_BY_DESIGN = frozenset({
    "symlink_not_followed", "symlink_loop", "symlink_broken", "unreadable", "too_large", "vanished",
    "not_a_regular_file", "changed_while_reading", "unreadable_folder",
})

HINDI_ARTICLE = SAMPLES.joinpath("000_f3f1788887fbcc73.txt").read_text(encoding="utf-8")
ENGLISH_ARTICLE = """Monsoon arrives early in Kerala, forecasters say

Thiruvananthapuram: The south-west monsoon reached the Kerala coast on Friday, three days ahead of its
usual date, the India Meteorological Department said in a statement issued in the afternoon.

Heavy rain was recorded across several districts, and fishermen were advised not to venture into the
sea until Sunday. The café owners near the beach said business had slowed, but farmers welcomed the
early showers after a hot and dry May that had left reservoirs at their lowest level in a decade.

Officials said the rains would move north over the coming week, reaching Mumbai by the middle of June
if the current conditions held. A naïve reading of one early week, they warned, says little about the
season as a whole, which depends on conditions over the Pacific Ocean later in the summer.
"""
URDU_ARTICLE = """پاکستان میں مون سون کی بارشیں شروع

لاہور: محکمہ موسمیات نے کہا ہے کہ ملک کے بیشتر حصوں میں مون سون کی بارشیں شروع ہو گئی ہیں اور آئندہ
ہفتے کے دوران مزید بارشوں کا امکان ہے۔ کسانوں نے بارشوں کا خیر مقدم کیا ہے کیونکہ گرمی کی شدت سے فصلوں کو
نقصان پہنچ رہا تھا۔ حکام نے شہریوں کو ندی نالوں سے دور رہنے کی ہدایت کی ہے اور ضلعی انتظامیہ کو الرٹ
رہنے کا حکم دیا گیا ہے۔
"""
MIXED_DEVANAGARI_ARABIC = """हिंदी और उर्दू: एक ही ज़बान के दो रूप

नई दिल्ली: भाषाविदों का कहना है कि हिंदी और उर्दू की बोलचाल लगभग एक जैसी है, केवल लिपि अलग है। इस
सम्मेलन में वक्ताओं ने दोनों लिपियों में पाठ पढ़े और श्रोताओं ने उन्हें ध्यान से सुना।
اردو زبان میں بھی یہی بات کہی گئی کہ دونوں زبانوں کا رشتہ بہت گہرا ہے اور ان کی جڑیں ایک ہی ہیں۔
आयोजकों ने कहा कि अगले वर्ष यह सम्मेलन लखनऊ में होगा और उसमें और अधिक लेखक भाग लेंगे।
"""
SQL_ARTICLE = """'); DROP TABLE core.articles; --

नई दिल्ली: साइबर सुरक्षा विशेषज्ञों ने चेतावनी दी है कि वेबसाइटों पर '); DROP TABLE core.articles; -- जैसे
इनपुट भेजकर हमलावर डेटाबेस को नुकसान पहुंचाने की कोशिश करते हैं। उन्होंने कहा कि "सही तरीके से
बनाए गए सिस्टम" ऐसे पाठ को केवल पाठ की तरह सहेजते हैं, आदेश की तरह नहीं चलाते; Robert'); DROP TABLE
students;-- वाला पुराना मज़ाक आज भी उतना ही सच है जितना पहले था और कंपनियों को इससे सीखना चाहिए।
"""
HTML_PAGE = """<!DOCTYPE html>
<html lang="hi"><head><meta charset="utf-8"><title>किम ने रूस का समर्थन किया</title></head>
<body><nav>होम | देश | दुनिया</nav><article><h1>किम ने रूस का समर्थन किया</h1>
<p>सियोल: उत्तर कोरिया के नेता किम जोंग उन ने रूस के रक्षा मंत्री से मुलाकात की।</p></article></body></html>
"""
BOILERPLATE_ONLY = "Related posts\n\nLoading...\n\nMore from author\n\nLoading...\n\nShare this:\n"
TITLE_ONLY = "उत्तर कोरिया ने रूस के समर्थन की कसम खाई\n"


@dataclass(frozen=True)
class Kind:
    """One hostile input and what must become of it."""

    name: str
    rel: bytes  # the entry's path under the raw folder (bytes: names need not be UTF-8)
    write: Callable[[Path, Path], None]  # (raw folder, a folder outside it) -> None
    outcome: str  # LOADED or the rejection reason code
    language: str | None = None  # for loaded kinds: the article's language
    same_body_as: str | None = None  # for loaded kinds: the article's body equals this text's body
    encoding: str | None = None  # for loaded kinds: raw.files.encoding starts with this
    body_contains: str | None = None
    e2e: bool = True  # part of the one-run end-to-end corpus
    file_rel: bytes | None = None  # the file the pipeline sees, when rel is not itself a file

    @property
    def path(self) -> str:
        """The path as the warehouse stores it."""
        return path_to_text(os.fsdecode(self.file_rel or self.rel))

    @property
    def bytes_kept(self) -> bool:
        return self.outcome != LOADED and self.outcome not in NO_BYTES_BY_DESIGN


def _file(data: bytes | Callable[[], bytes]) -> Callable[[Path, Path, bytes], None]:
    def write(raw: Path, _outside: Path, rel: bytes) -> None:
        target = os.path.join(os.fsencode(raw), rel)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as fh:
            fh.write(data() if callable(data) else data)

    return write


def _kind(name: str, rel: bytes | str, writer: Callable[[Path, Path, bytes], None], outcome: str,
          **kw: object) -> Kind:
    rel_b = rel if isinstance(rel, bytes) else rel.encode("utf-8")

    def write(raw: Path, outside: Path) -> None:
        writer(raw, outside, rel_b)

    return Kind(name, rel_b, write, outcome, **kw)  # type: ignore[arg-type]


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


def _symlink_outside(raw: Path, outside: Path, rel: bytes) -> None:
    secret = outside / "secret.txt"
    secret.write_text("a secret outside the raw folder that must not be loaded\n", encoding="utf-8")
    os.symlink(secret, os.path.join(os.fsencode(raw), rel))


def _symlink_loop(raw: Path, _outside: Path, rel: bytes) -> None:
    a = os.path.join(os.fsencode(raw), rel)
    b = a + b".other"  # not a .txt name: only the entry named .txt is seen, once
    os.symlink(b, a)
    os.symlink(a, b)


def _symlink_broken(raw: Path, _outside: Path, rel: bytes) -> None:
    os.symlink(os.fsencode(raw) + b"/no/such/file.txt", os.path.join(os.fsencode(raw), rel))


def _unreadable(raw: Path, _outside: Path, rel: bytes) -> None:
    target = os.path.join(os.fsencode(raw), rel)
    with open(target, "wb") as fh:
        fh.write(HINDI_ARTICLE.encode())
    os.chmod(target, 0)  # root reads it anyway: the test drops CAP_DAC_OVERRIDE (see test_hostile_run)


def _directory_named_txt(raw: Path, _outside: Path, rel: bytes) -> None:
    folder = os.path.join(os.fsencode(raw), rel)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, b"inner.txt"), "wb") as fh:
        fh.write(ENGLISH_ARTICLE.encode())


def _fifo(raw: Path, _outside: Path, rel: bytes) -> None:
    os.mkfifo(os.path.join(os.fsencode(raw), rel))


def _sparse(size: int) -> Callable[[Path, Path, bytes], None]:
    def write(raw: Path, _outside: Path, rel: bytes) -> None:
        with open(os.path.join(os.fsencode(raw), rel), "wb") as fh:
            fh.write(HINDI_ARTICLE.encode())
            fh.truncate(size)  # sparse: 20 MB on paper, a few KB on disk

    return write


def _one_long_line(n_bytes: int) -> bytes:
    # Real words, so language detection has something to chew on; no line break at all.
    words = HINDI_ARTICLE.split()
    rng = random.Random(5)
    out: list[str] = ["उत्तर कोरिया पर एक बहुत लंबी पंक्ति"]
    size = 0
    while size < n_bytes:
        w = rng.choice(words)
        out.append(w)
        size += len(w.encode()) + 1
    return " ".join(out).encode()


def _mojibake() -> bytes:
    # UTF-8 bytes read as Latin-1 by some tool, then saved again as UTF-8.
    return HINDI_ARTICLE.encode("utf-8").decode("latin-1").encode("utf-8")


def _deep_rel(depth: int) -> bytes:
    return b"/".join([b"d%02d" % i for i in range(depth)]) + b"/deep.txt"


def hostile_kinds() -> list[Kind]:
    """The corpus: at least 30 kinds, each with its expected outcome."""
    hi = HINDI_ARTICLE
    hi_lf = hi.encode()
    F = _file
    return [
        _kind("empty", "empty.txt", F(b""), "empty"),
        _kind("whitespace only", "whitespace.txt", F(b" \t\n\r\n   \n\xc2\xa0\n"), "whitespace_only"),
        _kind("only boilerplate lines", "boilerplate.txt", F(BOILERPLATE_ONLY.encode()), "no_body"),
        _kind("a title and nothing else", "title_only.txt", F(TITLE_ONLY.encode()), "no_body"),
        _kind("NUL bytes in text", "nul.txt", F(hi_lf[:300] + b"\x00\x00" + hi_lf[300:]), "binary"),
        _kind("a PNG image", "image.txt", F(_png), "binary"),
        _kind("a gzip archive", "archive.txt", F(lambda: gzip.compress(hi_lf, mtime=0)), "binary"),
        _kind("invalid UTF-8 in the middle", "bad_utf8.txt", F(hi_lf[:2000] + b"\xff\xfe\xc3" + hi_lf[2000:]),
              "invalid_utf8"),
        _kind("Latin-1 text", "latin1.txt", F(ENGLISH_ARTICLE.encode("latin-1")), LOADED, language="en",
              same_body_as=ENGLISH_ARTICLE, encoding="cp1252"),
        _kind("cp1252 text (curly quotes, dashes)", "cp1252.txt",
              F(ENGLISH_ARTICLE.replace("said in", "said \u201cin\u201d \u2013").encode("cp1252")), LOADED,
              language="en", encoding="cp1252", body_contains="\u201cin\u201d \u2013"),
        _kind("UTF-16 LE with BOM", "utf16le.txt", F(codecs.BOM_UTF16_LE + hi.encode("utf-16-le")), LOADED,
              language="hi", same_body_as=hi, encoding="utf-16-le"),
        _kind("UTF-16 BE with BOM", "utf16be.txt", F(codecs.BOM_UTF16_BE + hi.encode("utf-16-be")), LOADED,
              language="hi", same_body_as=hi, encoding="utf-16-be"),
        _kind("UTF-16 LE without BOM", "utf16_nobom.txt", F(hi.encode("utf-16-le")), "binary"),
        _kind("UTF-8 with BOM", "utf8bom.txt", F(codecs.BOM_UTF8 + hi_lf), LOADED, language="hi", same_body_as=hi,
              encoding="utf-8-sig"),
        _kind("CRLF line ends", "crlf.txt", F(hi.replace("\n", "\r\n").encode()), LOADED, language="hi",
              same_body_as=hi),
        _kind("lone CR line ends", "cr.txt", F(hi.replace("\n", "\r").encode()), LOADED, language="hi",
              same_body_as=hi),
        _kind("a 1-character file", "one_char.txt", F(b"a"), "no_body"),
        _kind("one 5 MB line", "long_line.txt", F(lambda: _one_long_line(5 * 1024 * 1024)), LOADED,
              language="hi", body_contains="उत्तर कोरिया पर एक बहुत लंबी पंक्ति"),
        _kind("over the 20 MB size cap (sparse)", "huge.txt", _sparse(20 * 1024 * 1024 + 1), "too_large"),
        _kind("deep nesting (60 levels)", _deep_rel(60), F(hi_lf), LOADED, language="hi", same_body_as=hi),
        _kind("file name with spaces", "name with  spaces .txt", F(hi_lf), LOADED, language="hi"),
        _kind("file name with quotes", "it's \"quoted\" `x`.txt", F(hi_lf), LOADED, language="hi"),
        _kind("file name with a newline", "line\nbreak.txt", F(hi_lf), LOADED, language="hi"),
        _kind("file name with non-UTF-8 bytes", b"caf\xe9-\xff.txt", F(hi_lf), LOADED, language="hi"),
        _kind("file name with a literal backslash-x", "caf\\xe9-\\xff.txt", F(hi_lf), LOADED, language="hi"),
        _kind("file name in Devanagari", "समाचार/उत्तर कोरिया.txt", F(hi_lf), LOADED, language="hi"),
        _kind("symlink to a file outside the raw folder", "outside_link.txt", _symlink_outside,
              "symlink_not_followed"),
        _kind("symlink loop", "loop.txt", _symlink_loop, "symlink_loop"),
        _kind("broken symlink", "broken_link.txt", _symlink_broken, "symlink_broken"),
        _kind("unreadable file (permission denied)", "unreadable.txt", _unreadable, "unreadable"),
        _kind("a directory named x.txt (its files are walked)", "x.txt", _directory_named_txt, LOADED,
              language="en", same_body_as=ENGLISH_ARTICLE, file_rel=b"x.txt/inner.txt"),
        _kind("a FIFO named .txt", "pipe.txt", _fifo, "not_a_regular_file"),
        _kind("mojibake (UTF-8 read as Latin-1, saved again)", "mojibake.txt", F(_mojibake), LOADED,
              language="hi", same_body_as=hi, encoding="utf-8+mojibake_repaired"),
        _kind("mixed Devanagari and Arabic script", "mixed_scripts.txt", F(MIXED_DEVANAGARI_ARABIC.encode()),
              LOADED, language="hi", body_contains="اردو زبان"),
        _kind("right-to-left text (Urdu)", "urdu.txt", F(URDU_ARTICLE.encode()), LOADED, language="ur",
              same_body_as=URDU_ARTICLE),
        _kind("emoji only", "emoji.txt", F("😀🎉🔥\n👍🏽 🇮🇳\n".encode()), "no_letters"),
        _kind("HTML page saved as .txt", "page.txt", F(HTML_PAGE.encode()), "html_document"),
        _kind("SQL-looking text and quotes", "sql.txt", F(SQL_ARTICLE.encode()), LOADED, language="hi",
              body_contains="'); DROP TABLE core.articles; --"),
        _kind("digits and punctuation only", "digits.txt", F(b"12345 -- 678 !!! ###\n2024-01-01\n"), "no_letters"),
        _kind("zero-width characters only", "zw.txt", F("\u200b\u200c\u200d\ufeff\u2060\n".encode()),
              "no_letters"),
    ]


def write_corpus(raw: Path, outside: Path, kinds: list[Kind] | None = None) -> list[Kind]:
    """Write the kinds (default: all marked e2e) into raw; returns the kinds written."""
    raw.mkdir(parents=True, exist_ok=True)
    outside.mkdir(parents=True, exist_ok=True)
    chosen = [k for k in hostile_kinds() if k.e2e] if kinds is None else kinds
    for kind in chosen:
        kind.write(raw, outside)
    return chosen


def restore_permissions(raw: Path) -> None:
    """Let pytest's tmp_path clean-up delete what the corpus made unreadable."""
    for dirpath, _dirs, files in os.walk(os.fsencode(raw)):
        for name in files:
            p = os.path.join(dirpath, name)
            if not os.path.islink(p):
                os.chmod(p, stat.S_IRUSR | stat.S_IWUSR)


def write_articles(raw: Path, n: int, *, seed: int = 0, per_folder: int = 500) -> list[Path]:
    """n distinct, realistic articles (the samples, each made unique by a line of its own)."""
    samples = sorted(SAMPLES.glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in samples]
    rng = random.Random(seed)
    written: list[Path] = []
    for i in range(n):
        folder = raw / f"batch{i // per_folder:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        base = texts[i % len(texts)]
        extra = f"\nयह लेख संख्या {i} है और इसका कोड {rng.getrandbits(48):012x} है, जो इसे दूसरों से अलग करता है।\n"
        target = folder / f"article_{i:06d}.txt"
        target.write_text(base + extra, encoding="utf-8")
        written.append(target)
    return written
