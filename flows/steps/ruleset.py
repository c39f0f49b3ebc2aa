"""What the parser's output depends on, as one checksum: the rules (flows/rules/*.toml) and the parsing
steps' source. Recorded on every article row; `newsdw reparse` re-derives rows whose checksum differs."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

_STEPS = Path(__file__).resolve().parent
RULES_DIR = _STEPS.parent / "rules"
# The modules whose code decides an article's fields; a change to any of them can change a row.
PARSING_MODULES = ("decode.py", "segment.py", "language.py", "normalize.py", "parse.py", "records.py",
                   "templates.py", "provenance.py")


@functools.cache
def rules_checksum() -> str:
    """sha256 (16 hex) over the rule files and the parsing modules, by name and content."""
    digest = hashlib.sha256()
    paths = sorted(RULES_DIR.glob("*.toml")) + [_STEPS / name for name in PARSING_MODULES]
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]
