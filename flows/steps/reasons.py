"""Why a file did not become an article: the one list of rejection reasons.

The values are a warehouse contract (raw.rejections.reason, ops.file_state.reason): never rename one.
`retryable` says whether the problem can go away by itself: a retryable rejection is looked at again
next run (ops.file_state.retry); any other is skipped until the file changes.
docs/operations.md lists them (tests/test_docs.py keeps the two in step).
"""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    retryable: bool
    description: str

    def __new__(cls, value: str, retryable: bool, description: str) -> Reason:
        member = str.__new__(cls, value)
        member._value_ = value
        member.retryable = retryable
        member.description = description
        return member

    # Found by discovery: not a file newsdw reads.
    SYMLINK_NOT_FOLLOWED = (
        "symlink_not_followed", False,
        "a symbolic link: not followed unless NEWSDW_FOLLOW_SYMLINKS=1 (a file swapped for a link after "
        "discovery is refused too)")
    SYMLINK_BROKEN = "symlink_broken", False, "a symbolic link to a missing target"
    SYMLINK_LOOP = "symlink_loop", False, "a symbolic link that never reaches a file"
    NOT_A_REGULAR_FILE = (
        "not_a_regular_file", False, "a FIFO, socket or device named *.txt (never opened: it could block)")
    UNREADABLE_FOLDER = (
        "unreadable_folder", True,
        "a folder that cannot be listed; what the warehouse knows under it is not marked gone")
    # Reading the bytes.
    UNREADABLE = "unreadable", True, "permission denied, or another error opening or reading the file"
    VANISHED = "vanished", True, "deleted between discovery and reading"
    CHANGED_WHILE_READING = "changed_while_reading", True, "its size or mtime moved while it was read"
    TOO_LARGE = (
        "too_large", False,
        "over NEWSDW_MAX_FILE_BYTES (default 20 MiB): refused from its size, never read into memory")
    # Decoding the bytes into text.
    EMPTY = "empty", False, "0 bytes"
    WHITESPACE_ONLY = "whitespace_only", False, "only (Unicode) spaces and line ends"
    BINARY = "binary", False, "NUL bytes, or the signature of a PNG, gzip, PDF, zip, JPEG, GIF or ELF file"
    INVALID_UTF8 = "invalid_utf8", False, "mostly UTF-8 with broken bytes (never patched silently)"
    UNDECODABLE = "undecodable", False, "a byte-order mark whose encoding does not decode the rest"
    NO_LETTERS = "no_letters", False, "no letter in any script (digits, punctuation, emoji only)"
    HTML_DOCUMENT = "html_document", False, "a whole web page saved as text (the scraper kept the markup)"
    # Parsing the text.
    NO_BODY = "no_body", False, "nothing left after page furniture: a title alone, only boilerplate lines"
    PARSER_ERROR = (
        "parser_error", True,
        "a bug of ours met this file (the exception is the detail); the rest of the batch loads")


RETRYABLE = frozenset(r for r in Reason if r.retryable)
