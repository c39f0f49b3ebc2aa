"""Turn a file's bytes into text, or say precisely why not (a rejection reason code)."""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from flows.steps.reasons import Reason

_MAGIC = {
    b"\x89PNG\r\n\x1a\n": "PNG image",
    b"\x1f\x8b": "gzip archive",
    b"%PDF-": "PDF document",
    b"PK\x03\x04": "zip archive",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"\x7fELF": "ELF executable",
}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# A byte >= 0x80 followed by UTF-8 continuation bytes: evidence the file meant to be UTF-8.
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")
# UTF-8 read as Latin-1/cp1252 and saved again ("à¤•" for "क") always has a lead byte's Latin-1
# letter (Â..ô) in it: a cheap test before asking ftfy, whose scoring costs ~1 µs a character.
_MOJIBAKE_HINT = re.compile("[\u00c2-\u00f4]")
_MOJIBAKE_WINDOW = 4096
# A whole web page saved as text: the scraper kept the markup, not the article.
_HTML_START = re.compile(r"\A\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<\?xml[^>]*>\s*<html)", re.IGNORECASE)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # the codec; '+mojibake_repaired(...)' when ftfy undid a wrong decode (see repaired)
    repaired: str | None = None  # what was repaired, e.g. 'mojibake: encode latin-1, decode utf-8 (ftfy)'


@dataclass(frozen=True)
class DecodeError:
    reason: Reason
    detail: str


def decode(data: bytes) -> Decoded | DecodeError:
    """Decode by BOM, then strict UTF-8, then cp1252 for files with no UTF-8 in them at all.

    A file that is mostly UTF-8 with a broken byte is rejected, not patched: silently replacing
    characters would load a corrupted article that looks fine.
    """
    if not data:
        return DecodeError(Reason.EMPTY, "the file has 0 bytes")
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            return DecodeError(Reason.BINARY, f"looks like a {what} (starts with {magic[:4]!r})")
    text: str | None = None
    encoding = ""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(name)
            except UnicodeDecodeError as exc:
                at = exc.start + len(bom)
                return DecodeError(Reason.UNDECODABLE, f"has a {name} byte-order mark but {exc.reason} at byte {at}")
            encoding = name + ("-sig" if name == "utf-8" else "")
            break
    if text is None:
        if b"\x00" in data:
            first_nul = data.index(b"\x00")
            return DecodeError(Reason.BINARY, f"contains NUL bytes (first at byte {first_nul})")
        try:
            text = data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError as exc:
            if _UTF8_MULTIBYTE.search(data):
                return DecodeError(Reason.INVALID_UTF8, f"invalid UTF-8 at byte {exc.start}: {exc.reason}")
            # No UTF-8 sequence anywhere: a legacy single-byte file. cp1252 is what Windows tools
            # write; latin-1 decodes every byte, for the five bytes cp1252 leaves undefined.
            encoding = "cp1252" if _cp1252_ok(data) else "latin-1"
            text = data.decode(encoding)
    if "\x00" in text:
        return DecodeError(Reason.BINARY, "decoded text contains NUL characters")
    if not text.strip():
        return DecodeError(Reason.WHITESPACE_ONLY, f"{len(data)} bytes of whitespace only")
    if not any(unicodedata.category(ch).startswith("L") for ch in text):
        return DecodeError(Reason.NO_LETTERS, "no letters in any script (digits, punctuation or symbols only)")
    if _HTML_START.match(text[:4096]):
        return DecodeError(Reason.HTML_DOCUMENT, "an HTML page, not article text (the scraper saved the markup); "
                                                 "the bytes are kept for re-extraction")
    repaired = repair_mojibake(text)
    if repaired is not None:
        fixed, steps = repaired
        return Decoded(text=fixed, encoding=f"{encoding}+mojibake_repaired", repaired=f"mojibake: {steps} (ftfy)")
    return Decoded(text=text, encoding=encoding)


def repair_mojibake(text: str) -> tuple[str, str] | None:
    """(repaired text, what was done) when `text` is UTF-8 that was once decoded wrongly, else None.

    Only ftfy's encoding fix is applied (no quote, width or ligature changes): the one repair that
    restores the author's characters exactly. Idempotent: a repaired text needs no repair.
    """
    window = text[:_MOJIBAKE_WINDOW]
    if not _MOJIBAKE_HINT.search(window):
        return None
    import ftfy
    from ftfy.badness import is_bad

    if not is_bad(window):
        return None
    fixed, explanation = ftfy.fix_encoding_and_explain(text)
    if fixed == text or not explanation:
        return None
    steps = ", ".join(f"{op} {arg}" for op, arg in explanation)
    return fixed, steps


def _cp1252_ok(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True
