"""Page furniture learned across a source's pages: the keys a page offers, and applying what was learned.

A site prints the same furniture under thousands of pages: a footer line, an app prompt, a promotional
sentence glued to the end of the last paragraph. No rule list will name the next site's; repetition
across distinct stories of one source will. This module is the per-page half (plain functions, run in
the parser workers); the corpus stage flows/corpus/furniture.py counts keys across pages and decides.

Keys a page offers (`candidates`, computed on the segmenter's blocks before anything learned is applied,
so they do not depend on what is learned):
- `line`: every block of at most LINE_MAX_CHARS with a letter in it;
- `tail`: the last sentence of the article's last body block (when it holds more than one sentence), or
  the unterminated fragment after it: where a site glues its footer or a promotional sentence. Only the
  last paragraph: a story's own sentences end other paragraphs, and some repeat across stories.
  A fragment is keyed by its first TAIL_KEY_WORDS words: a footer split over lines leaves a different
  number of its words on the paragraph's line from page to page, but always starts the same way.
Each page also has a story key (`story_key`): the smallest hash of its inner sentences, so copies of
one story (syndication, an updated version) count once, not once per file.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from flows.steps.records import Block

LINE_MAX_CHARS = 300
MIN_TAIL_WORDS = 3  # a tail shorter than this ('उन्होंने कहा.') repeats across stories by chance
TAIL_KEY_WORDS = 3
MIN_STORY_WORDS = 6  # inner sentences that identify a story
CONTENT_KINDS = frozenset({"body", "heading", "standfirst", "table_row", "caption"})
RULE = "repeated"

# A sentence ends at . । ? ! ؟ ۔ (and closing quotes/brackets after them). Sites glue sentences without a
# space ("करेंगे.पिछले"), so the end is not required to be followed by one; a dot between digits is not
# an end (3.5, 1.2).
_END = re.compile(r"(?:(?<!\d)\.(?!\d)|[।?!؟۔])+[\"'”’)\]]*")


def text_key(text: str) -> int:
    """64-bit key of a text, the same in every process (casefolded: 'Share' and 'SHARE' are one line)."""
    return int.from_bytes(hashlib.blake2b(text.casefold().encode(), digest_size=8).digest(), "big")


def split_sentences(text: str) -> list[str]:
    """The text's sentences, each with its ending; an unterminated tail is the last item."""
    out: list[str] = []
    start = 0
    for m in _END.finditer(text):
        piece = text[start : m.end()].strip()
        if piece:
            out.append(piece)
        start = m.end()
    rest = text[start:].strip()
    if rest:
        out.append(rest)
    return out


def tail_of(block: Block) -> str | None:
    """The last sentence (or unterminated fragment) of a multi-sentence body block, if long enough."""
    return _tail(block.text) if block.kind == "body" else None


def _tail(text: str) -> str | None:
    sentences = split_sentences(text)
    if len(sentences) < 2 or len(sentences[-1].split()) < MIN_TAIL_WORDS:
        return None
    return sentences[-1]


def tail_text(tail: str) -> str:
    """What a tail is known by: a whole sentence by all of it (a promo is printed word for word); an
    unterminated fragment (a footer's first words glued to the paragraph) by its first words."""
    if _END.search(tail[-3:]):
        return tail
    return " ".join(tail.split()[:TAIL_KEY_WORDS])


def tail_key(tail: str) -> int:
    return text_key(tail_text(tail))


@dataclass(frozen=True, slots=True)
class Candidate:
    line_no: int  # the block's line in the file (blocks keep it when a tail is cut off)
    part: str  # line | tail
    key: int
    chars: int  # characters of the keyed text


def last_bodies(blocks: Sequence[Block], n: int = 1) -> set[int]:
    """Ordinals of the article's last n body blocks: where a site glues its footer or promo."""
    return {b.ordinal for b in [b for b in blocks if b.kind == "body"][-n:]}


# Tails are offered from the last two body blocks: a footer split over lines may leave a short piece of
# itself, a body block of its own, after the paragraph it is glued to (learned lines go first in apply).
TAIL_BLOCKS = 2


def candidates(blocks: Sequence[Block]) -> list[Candidate]:
    out: list[Candidate] = []
    last = last_bodies(blocks, TAIL_BLOCKS)
    for b in blocks:
        if len(b.text) <= LINE_MAX_CHARS and any(c.isalpha() for c in b.text):
            out.append(Candidate(b.line_no, "line", text_key(b.text), len(b.text)))
        tail = tail_of(b) if b.ordinal in last else None
        if tail is not None:
            out.append(Candidate(b.line_no, "tail", tail_key(tail), len(tail)))
    return out


def story_key(blocks: Iterable[Block]) -> int:
    """Min-hash of the page's inner sentences (not the first or last of a block, which is where
    furniture glues on): two copies of one story share it unless they differ in most sentences."""
    keys: list[int] = []
    body = ""
    for b in blocks:
        if b.kind not in ("body", "heading"):
            continue
        body += b.text
        sentences = split_sentences(b.text)
        keys.extend(text_key(s) for s in sentences[1:-1] if len(s.split()) >= MIN_STORY_WORDS)
    return min(keys) if keys else text_key(body)


@dataclass(frozen=True)
class Learned:
    """What is known to be furniture in one source: key -> articles it was counted in."""

    lines: Mapping[int, int]
    tails: Mapping[int, int]

    def __bool__(self) -> bool:
        return bool(self.lines or self.tails)


MAX_TAILS_CUT = 3  # a footer glued on may span a few sentences; each must start like a learned tail


def _cut_tails(block: Block, learned: Learned) -> tuple[str, str, int]:
    """(the paragraph without its learned tails, the tails cut, their largest count)."""
    if block.kind != "body":
        return block.text, "", 0
    head, cut, most = block.text, "", 0
    for _ in range(MAX_TAILS_CUT):
        tail = _tail(head)
        n = learned.tails.get(tail_key(tail)) if tail is not None else None
        if tail is None or n is None:
            break
        head = head[: head.rstrip().rfind(tail)].rstrip()
        cut, most = (tail + " " + cut).strip(), max(most, n)
    return head, cut, most


@dataclass(frozen=True)
class Applied:
    blocks: list[Block]
    repeat_counts: dict[int, int]  # new ordinal -> count, for blocks the learned furniture decided
    removed: int  # blocks (or tails) turned into furniture
    review: bool  # the furniture would have emptied the body: kept as parsed, flagged for review


def apply(blocks: Sequence[Block], learned: Learned | None, body_kinds: frozenset[str]) -> Applied:
    """Mark learned lines as furniture and cut learned tails off their paragraphs (the paragraph stays;
    the tail becomes a block of its own just after it). Ordinals are renumbered in text order."""
    if not learned:
        return Applied(list(blocks), {}, 0, False)
    removed = 0
    marked: list[tuple[Block, int | None]] = []  # each block, with its count when a learned line
    for b in blocks:  # learned lines first, so the last body blocks are the last ones left
        n = learned.lines.get(text_key(b.text)) if b.kind in CONTENT_KINDS and len(b.text) <= LINE_MAX_CHARS else None
        marked.append((replace(b, kind="boilerplate", rule=RULE), n) if n is not None else (b, None))
        removed += n is not None
    last = last_bodies([b for b, _ in marked], TAIL_BLOCKS)
    out: list[Block] = []
    counts: dict[int, int] = {}
    for b, n in marked:
        if n is not None:
            counts[len(out)] = n
        head, cut, tail_n = _cut_tails(b, learned) if b.ordinal in last else (b.text, "", 0)
        if cut:
            out.append(replace(b, ordinal=len(out), text=head))
            counts[len(out)] = tail_n
            out.append(replace(b, ordinal=len(out), kind="boilerplate", rule=RULE, text=cut))
            removed += 1
            continue
        out.append(replace(b, ordinal=len(out)))
    if removed and not any(b.kind in body_kinds for b in out):
        return Applied(list(blocks), {}, 0, True)
    return Applied(out, counts, removed, False)
