"""Property tests: any text and any bytes through decode -> segment -> language -> normalise.

Never raises; normalising twice equals normalising once; a decoded text is valid UTF-8 (it goes
into VARCHAR columns); a repaired mojibake needs no second repair.
"""

from __future__ import annotations

import codecs
import os

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from flows.steps import parse
from flows.steps.decode import Decoded, DecodeError, decode, repair_mojibake
from flows.steps.language import detect_language
from flows.steps.normalize import normalize_line, normalize_text, parse_timestamp
from flows.steps.segment import segment

RULES = parse._default_rules()
# PROPERTY_EXAMPLES=5000 for a deeper search by hand (the suite's 300 run in seconds).
PROFILE = settings(max_examples=int(os.environ.get("PROPERTY_EXAMPLES", "300")), deadline=None,
                   suppress_health_check=[HealthCheck.too_slow])

# Text that looks like our data: Devanagari, Arabic, Latin, marks, joiners, odd spaces and line ends.
_ALPHABET = st.one_of(
    st.characters(min_codepoint=0x0900, max_codepoint=0x097F),
    st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),
    st.sampled_from(list("\u200c\u200d\u200b\ufeff\u00a0\u2028\u2029\r\n\t\x85\u0301\u093c\u094d\u0964")),
    st.characters(codec="utf-8"),
)
news_like = st.text(alphabet=_ALPHABET, max_size=400)
any_text = st.text(max_size=300)


def _pipeline(text: str) -> None:
    seg = segment(text, RULES)
    for block in seg.blocks:
        assert block.text == normalize_line(block.text)  # blocks are already normal
        block.text.encode("utf-8")
    body = "\n\n".join(b.text for b in seg.blocks if b.kind in parse.BODY_KINDS)
    result = detect_language(body)
    assert 0.0 <= result.probability <= 1.0
    detect_language(text)
    parse_timestamp(text)


@PROFILE
@given(news_like)
@example("\u0915\u200c\u200d \u200c\u093c")
@example("\r\r\n\u2028")
@example("क़ ख़ ग़ क\u093c")
@example("❶")  # a decoration that is also a digit: a line that is nothing else
def test_news_like_text_never_raises_and_normalises_idempotently(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once
    line = normalize_line(text)
    assert normalize_line(line) == line
    _pipeline(text)


@PROFILE
@given(any_text)
@example("仐覅上腯")  # zh-cn + zh-tw probabilities once summed to 1.0000000000000002
def test_any_unicode_never_raises_and_normalises_idempotently(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert normalize_line(normalize_line(text)) == normalize_line(text)
    _pipeline(text)


@PROFILE
@given(st.binary(max_size=600))
@example(codecs.BOM_UTF16_LE + b"\x00\xd8")  # a lone surrogate in UTF-16
@example(codecs.BOM_UTF8 + b"\xff")
@example(b"\xc3\xa0\xc2\xa4")  # mojibake-shaped
def test_any_bytes_decode_to_text_or_a_reason(data: bytes) -> None:
    out = decode(data)
    if isinstance(out, DecodeError):
        assert out.reason and out.detail
        return
    assert isinstance(out, Decoded)
    out.text.encode("utf-8")  # no lone surrogates: VARCHAR needs valid UTF-8
    assert "\x00" not in out.text
    if out.repaired is not None:
        assert repair_mojibake(out.text) is None  # repairing is idempotent
    _pipeline(out.text)


@PROFILE
@given(news_like.map(lambda t: t.encode("utf-8")))
def test_utf8_text_decodes_to_itself_or_a_repair(data: bytes) -> None:
    out = decode(data)
    if isinstance(out, Decoded) and out.repaired is None:
        assert out.text == data.decode("utf-8").removeprefix("\ufeff")


@PROFILE
@given(st.binary(max_size=600))
def test_process_file_never_raises_on_any_bytes(data: bytes) -> None:
    import hashlib

    decoded = decode(data)
    if isinstance(decoded, DecodeError):
        return
    out = parse.parse_text(decoded.text, path="p.txt", sha256=hashlib.sha256(data).hexdigest(), size=len(data),
                           mtime_ns=0, encoding=decoded.encoding, raw=data, default_zone="Asia/Kolkata", rules=RULES)
    assert isinstance(out, parse.Article | parse.Rejected)
    if isinstance(out, parse.Article):
        # The stored text is normalised line by line and keeps every line's number (newsdw reparse).
        stored = out.text.split("\n")
        assert all(normalize_line(line) == line for line in stored)
        assert [stored[b.block.line_no - 1] for b in out.blocks] == [b.block.text for b in out.blocks]
