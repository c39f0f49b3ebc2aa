"""The record shapes that flow between steps. Plain frozen dataclasses: picklable for process pools."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class LanguageResult:
    """What the detector says about one text (an article body or one block)."""

    language: str  # ISO 639-1 code, or 'und'
    probability: float  # 0..1
    script: str  # dominant script name ('Devanagari', 'Latin', ...) or 'none'
    script_shares: dict[str, float]  # share of letters per script, summing to 1 (empty if no letters)
    method: str  # 'script' | 'langdetect' | 'second_opinion' | 'too_short'
    needs_review: bool
    letters: int
    code_mix_share: float  # share of Latin letters when the dominant script is not Latin, else 0.0
    reason: str | None = None  # why 'und' or why a review is needed


@dataclass(frozen=True, slots=True)
class Block:
    """One classified line/paragraph of an article."""

    ordinal: int  # 0-based position among the article's blocks
    line_no: int  # 1-based line in the decoded file
    kind: str  # title | standfirst | metadata | body | heading | table_row | caption | boilerplate
    text: str  # normalised (NFC, whitespace collapsed; a table row keeps one tab between cells)
    rule: str  # the rule that decided the kind: lineage for "why was this removed"


@dataclass(frozen=True, slots=True)
class Segmented:
    """An article's fields as the segmenter found them."""

    title: str | None
    section: str | None
    standfirst: str | None
    dateline: str | None
    blocks: list[Block] = field(default_factory=list)
    also_read: list[str] = field(default_factory=list)  # "also read"/"यह भी पढ़ें" link texts
    # The decoded text as the segmenter read it, line for line (kept in raw.files for `newsdw reparse`).
    text: str = ""


@dataclass(frozen=True, slots=True)
class ParsedTime:
    """A timestamp found in the text, converted to UTC (naive datetime in UTC)."""

    utc: datetime
    source_text: str  # the text it was parsed from
    source_zone: str  # the zone the text named, or 'assumed:<zone>' when it named none
