"""What the parser's output depends on, as one checksum: the rules (flows/rules/*.toml) and the parsing
steps' source. Recorded on every article row; `newsdw reparse` re-derives rows whose checksum differs.

A rule file counts by what it says, not by its bytes: its parsed tables as JSON, so an edit to a
comment, a blank line or the spacing does not queue every article of a warehouse for reparsing, and an
edit to a pattern, a threshold or the order of rules (which may decide which rule takes a line) does.
A module counts by its bytes: its syntax tree without comments and docstrings cost 0.33 s per process
(measured on a busy machine) to build and dump with `ast`, paid by every run and parse worker, against
0.03 s for the rule files' tables."""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import json
import tomllib
from collections.abc import Iterable
from pathlib import Path

_STEPS = Path(__file__).resolve().parent
RULES_DIR = _STEPS.parent / "rules"
# The modules whose code decides an article's fields; a change to any of them can change a row. Every module of
# flows/steps that parse.py imports, directly or not (tests/steps/test_ruleset.py checks it).
PARSING_MODULES = ("decode.py", "segment.py", "language.py", "normalize.py", "parse.py", "records.py",
                   "templates.py", "provenance.py", "lexicon.py", "spelling.py", "tokens.py", "discover.py",
                   "reasons.py")
# Packages whose data decides rows (a language's word list: flows/steps/lexicon.py): their versions count too.
DATA_PACKAGES = ("wordfreq",)


def meaning(path: Path) -> bytes:
    """What of a file the checksum covers: a TOML file's tables as JSON in the file's order; else its bytes."""
    text = path.read_bytes()
    if path.suffix == ".toml":
        tables = tomllib.loads(text.decode("utf-8"))
        return json.dumps(tables, ensure_ascii=False, default=str).encode()
    return text


def checksum(paths: Iterable[Path]) -> str:
    """sha256 (16 hex) over the files' names and meanings, in the order given."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode() + b"\0" + meaning(path) + b"\0")
    return digest.hexdigest()[:16]


@functools.cache
def rules_checksum() -> str:
    """The checksum of the rule files, the parsing modules and the data packages' versions (computed once per
    process)."""
    files = checksum(sorted(RULES_DIR.glob("*.toml")) + [_STEPS / name for name in PARSING_MODULES])
    versions = ",".join(f"{name}=={importlib.metadata.version(name)}" for name in DATA_PACKAGES)
    return hashlib.sha256(f"{files}\0{versions}".encode()).hexdigest()[:16]
