import codecs

import pytest

from flows.steps.decode import Decoded, DecodeError, decode
from flows.steps.reasons import Reason

HINDI = "उत्तर कोरिया के नेता किम जोंग उन ने कहा।"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", Reason.EMPTY),
        (b" \n\t\r\n  ", Reason.WHITESPACE_ONLY),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", Reason.BINARY),
        (b"\x1f\x8b\x08\x00\x00\x00", Reason.BINARY),
        (b"hello\x00world", Reason.BINARY),
        (HINDI.encode() + b"\xff\xfe" + HINDI.encode(), Reason.INVALID_UTF8),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", Reason.UNDECODABLE),  # a lone surrogate after the BOM
        (b"12345 -- 678 !!! ###", Reason.NO_LETTERS),
        ("😀🎉".encode(), Reason.NO_LETTERS),
        (b"<!DOCTYPE html><html><body><p>hello</p></body></html>", Reason.HTML_DOCUMENT),
    ],
)
def test_rejects_with_reason(data: bytes, reason: Reason) -> None:
    result = decode(data)
    assert isinstance(result, DecodeError)
    assert result.reason is reason
    assert result.detail  # a human-readable explanation, not just a code


def test_invalid_utf8_detail_names_the_byte_offset() -> None:
    prefix = HINDI.encode()
    result = decode(prefix + b"\xff" + b" more")
    assert isinstance(result, DecodeError)
    assert f"byte {len(prefix)}" in result.detail


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (HINDI.encode(), "utf-8"),
        (codecs.BOM_UTF8 + HINDI.encode(), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + HINDI.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + HINDI.encode("utf-16-be"), "utf-16-be"),
    ],
)
def test_unicode_encodings_with_bom(data: bytes, encoding: str) -> None:
    result = decode(data)
    assert result == Decoded(HINDI, encoding)


def test_bom_is_not_part_of_the_text() -> None:
    result = decode(codecs.BOM_UTF8 + b"abc")
    assert isinstance(result, Decoded)
    assert result.text == "abc"


def test_crlf_is_kept_for_the_segmenter_to_split() -> None:
    result = decode("पहली पंक्ति\r\nदूसरी\r\n".encode())
    assert isinstance(result, Decoded)
    assert result.text.splitlines() == ["पहली पंक्ति", "दूसरी"]


def test_legacy_single_byte_text_is_read_as_cp1252() -> None:
    result = decode("Café “quoted” – naïve".encode("cp1252"))
    assert result == Decoded("Café “quoted” – naïve", "cp1252")
