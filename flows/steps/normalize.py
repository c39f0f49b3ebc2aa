"""Normalise text and field values: NFC, whitespace, invisible characters, dates -> UTC."""

from __future__ import annotations

import re
import unicodedata

# Invisible characters that carry no meaning in article text. ZWJ (U+200D) and ZWNJ (U+200C)
# are *not* here: inside Indic words they select conjunct forms and change spelling.
_DROP = dict.fromkeys(
    [0xFEFF, 0x200B, 0x2060, 0x00AD, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
     0x2066, 0x2067, 0x2068, 0x2069, 0xFFFE],
)
# C0/C1 control characters except tab and newline (which we turn into spaces/line breaks).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Every Unicode space (NBSP, thin space, ideographic space, ...) and tabs collapse to one space.
_SPACES = re.compile(r"[\s\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_ZW_JOINERS = re.compile(r"(?<![\w\u0900-\u0DFF])[\u200c\u200d]+|[\u200c\u200d]+(?![\w\u0900-\u0DFF])")


def normalize_line(text: str) -> str:
    """One line of text: NFC, invisible and control characters removed, spaces collapsed, trimmed.

    ZWJ/ZWNJ are kept between letters (Indic conjunct control) and dropped elsewhere.
    """
    text = text.translate(_DROP)
    text = _CONTROL.sub(" ", text)
    text = unicodedata.normalize("NFC", text)
    text = _SPACES.sub(" ", text)
    text = _ZW_JOINERS.sub("", text)
    return text.strip()


def normalize_text(text: str) -> str:
    """A multi-line text: line ends unified, each line normalised, runs of blank lines kept as one."""
    lines = [normalize_line(line) for line in split_lines(text)]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def split_lines(text: str) -> list[str]:
    """Split on CRLF, lone CR, LF and the Unicode line/paragraph separators."""
    return re.split(r"\r\n|[\r\n\u2028\u2029\x85]", text)
