"""Page furniture learned across a source's pages: the keys a page offers, and applying what was learned.

A site prints the same furniture under thousands of pages: a footer line, an app prompt, a promotional
sentence glued to the end of the last paragraph. No rule list will name the next site's; repetition
across distinct stories of one source will. This module is the per-page half (plain functions, run in
the parser workers); the corpus stage flows/corpus/furniture.py counts keys across pages and decides.

Keys a page offers (`candidates`, computed on the segmenter's blocks before anything learned is applied,
so they do not depend on what is learned):
- `line`: every block of at most LINE_MAX_CHARS with a letter in it that is a whole line (not a piece
  of one the segmenter cut a bracketed aside out of);
- `tail`: each of the last TAIL_SENTENCES sentences of the article's last body blocks (never a block's
  first sentence), or the unterminated fragment that ends it: where a site glues its footer or a
  promotional sentence, which may run over a few sentences. Only the last paragraphs: a story's own
  sentences end other paragraphs, and some repeat across stories.
  A fragment is keyed by its first TAIL_KEY_WORDS words: a footer split over lines leaves a different
  number of its words on the paragraph's line from page to page, but always starts the same way; a whole
  sentence that starts like a learned fragment is that footer printed in full.
- `title`: the headline without the site's name a title may end with ('<headline> | <site>'); the title
  itself is a `line`. The stage learns a line that is another story's headline as a link to it.
- `credit`: the last one, two and three words of the credit in a credit-and-place line over the story
  (segment's `header_credit`: 'Ankit Ojha लाइव हिन्दुस्तान, नई दिल्ली'), when a word or more comes before
  them. A site prints its own name there after many writers' names; no rule names the site, so the stage
  learns it (its words after enough different names) and provenance reads it as the desk, the words
  before it as the writer (`Learned.credits`).
Each page also has a story key (`story_key`): the smallest hash of its inner sentences, so copies of
one story (syndication, an updated version) count once, not once per file.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from flows.steps.records import Block

LINE_MAX_CHARS = 300
MIN_TAIL_WORDS = 3  # a tail shorter than this ('उन्होंने कहा.') repeats across stories by chance
TAIL_KEY_WORDS = 3
MIN_STORY_WORDS = 6  # inner sentences that identify a story
CONTENT_KINDS = frozenset({"body", "heading", "standfirst", "table_row", "caption"})
RULE = "repeated"
# The furniture stage's bases (core.source_templates.basis) whose lines are links to other stories: a line the
# rules took for a link on another page of the source, a headline of another story of it (Learned.links).
LINK_BASES = frozenset({"links", "titles"})
MIN_SECTION_HEADS = 3  # different learned headings over paragraphs on one page: the story's own sections

# A sentence ends at . । ? ! ؟ ۔ (and closing quotes/brackets after them). Sites glue sentences without a
# space ("करेंगे.पिछले"), so the end is not required to be followed by one; a dot with a digit on either
# side is not an end (3.5, 1.2). The pattern opens on the stop characters themselves, so the regular
# expression engine skips to the next one instead of trying a match at every character (a third less time
# than opening on a look-behind); the look-arounds after it only ever reject a dot.
STOPS = ".।?!؟۔"  # a dot counts only outside a number (below)
CLOSERS = "\"'”’)]"  # quotes and brackets that close after a sentence's stop
_END_RE = rf"(?:[{re.escape(STOPS)}](?<!\d\.)(?!(?<=\.)\d))+[{re.escape(CLOSERS)}]*"
_END = re.compile(_END_RE)
# One sentence, its leading space skipped: runs of anything but a stop, with the dots beside a digit, then
# its end if it has one. One match per sentence (the text's runs are scanned in C), not a Python step per
# end: half the time of cutting the text at each _END match and stripping the pieces, the same spans.
_NOT_STOPS = rf"[^{re.escape(STOPS)}]*"
_SENTENCE = re.compile(rf"\s*({_NOT_STOPS}(?:(?:(?<=\d)\.|\.(?=\d)){_NOT_STOPS})*(?:{_END_RE})?)")


def text_key(text: str) -> int:
    """64-bit key of a text, the same in every process (casefolded: 'Share' and 'SHARE' are one line)."""
    return int.from_bytes(hashlib.blake2b(text.casefold().encode(), digest_size=8).digest(), "big")


@functools.lru_cache(maxsize=64)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence in text, its ending included and surrounding spaces not; an
    unterminated tail is the last span. Cached: a page's last paragraphs are split for their tails
    (candidates) and again for the story key."""
    spans: list[tuple[int, int]] = []
    for m in _SENTENCE.finditer(text):
        a, b = m.span(1)
        if a == b:
            continue  # the empty match at the text's end
        if text[b - 1].isspace():  # an unterminated last sentence keeps no trailing space
            b = a + len(text[a:b].rstrip())
        spans.append((a, b))
    return tuple(spans)


def split_sentences(text: str) -> list[str]:
    """The text's sentences, each with its ending; an unterminated tail is the last item."""
    return [text[a:b] for a, b in sentence_spans(text)]


TAIL_SENTENCES = 3  # a footer glued on may span a few sentences


def tail_text(tail: str) -> str:
    """What a tail is known by: a whole sentence by all of it (a promo is printed word for word); an
    unterminated fragment (a footer's first words glued to the paragraph) by its first words."""
    if _END.search(tail[-3:]):
        return tail
    return " ".join(tail.split()[:TAIL_KEY_WORDS])


def tail_key(tail: str) -> int:
    return text_key(tail_text(tail))


class Candidate(NamedTuple):  # a tuple: a page offers ~15, and a frozen dataclass costs twice as much to make
    line_no: int  # the block's line in the file (blocks keep it when a tail is cut off)
    part: str  # line | tail | tail_start | credit | title
    key: int
    chars: int  # characters of the keyed text; for a tail, from its start to the end of its block


def last_bodies(blocks: Sequence[Block], n: int = 1) -> set[int]:
    """Ordinals of the article's last n body blocks: where a site glues its footer or promo."""
    return {b.ordinal for b in [b for b in blocks if b.kind == "body"][-n:]}


# Tails are offered from the last two body blocks: a footer split over lines may leave a short piece of
# itself, a body block of its own, after the paragraph it is glued to (learned lines go first in apply).
TAIL_BLOCKS = 2


CREDIT_RULE = "header_credit"  # segment's credit and its place, between the headline and the story
SITE_NAME_MAX_WORDS = 4  # a site's name after the headline in a title, offered cut off (part `title`)
CREDIT_MAX_WORDS = 3  # a site's name is offered as its last one, two or three words
# Where a credit line's credit ends: the place, or more credits, follow a comma or a bar.
_CREDIT_END = re.compile("[,،|]")


def credit_phrases(text: str) -> list[tuple[str, str]]:
    """(phrase, the words before it) for the last 1..CREDIT_MAX_WORDS words of a credit line's credit,
    with a word or more before them: 'Ankit Ojha लाइव हिन्दुस्तान, नई दिल्ली' -> ('हिन्दुस्तान', 'Ankit Ojha लाइव'),
    ('लाइव हिन्दुस्तान', 'Ankit Ojha'), ('Ojha लाइव हिन्दुस्तान', 'Ankit')."""
    words = _CREDIT_END.split(text, maxsplit=1)[0].split()
    return [(" ".join(words[-n:]), " ".join(words[:-n])) for n in range(1, min(CREDIT_MAX_WORDS, len(words) - 1) + 1)]


def candidates(blocks: Sequence[Block]) -> list[Candidate]:
    out: list[Candidate] = []
    last = last_bodies(blocks, TAIL_BLOCKS)
    # A piece of a line (the segmenter cut a bracketed aside out of it) is not a line: furniture stands
    # alone; what is left of a paragraph around an aside is the story's.
    seen: set[int] = set()
    split: set[int] = set()
    for b in blocks:
        (split if b.line_no in seen else seen).add(b.line_no)
    for b in blocks:
        text = b.text
        if len(text) <= LINE_MAX_CHARS and b.line_no not in split and _has_letter(text):
            out.append(Candidate(b.line_no, "line", text_key(text), len(text)))
        if b.ordinal in last and b.kind == "body":
            out.extend(_tail_candidates(b.line_no, text))
        elif b.rule == CREDIT_RULE:
            out.extend(Candidate(b.line_no, "credit", text_key(p), len(p)) for p, _ in credit_phrases(text))
        elif b.kind == "title" and (headline := without_site_name(text)) is not None:
            out.append(Candidate(b.line_no, "title", text_key(headline), len(headline)))
    return out


# A site's name printed after the headline in its title: ' | <name>', ' - <name>' (a dash or bar between spaces).
_SITE_NAME = re.compile(rf"\s+(?:\||::|[-–—])\s+(\S+(?:\s+\S+){{0,{SITE_NAME_MAX_WORDS - 1}}})$")


def without_site_name(title: str) -> str | None:
    """The headline of a title that ends with a site's name after a bar or a dash ('<headline> | Amar Ujala',
    '<headline> - Navbharat Times': how a site links the story is without it), or None when it has none."""
    m = _SITE_NAME.search(title)
    return title[:m.start()] if m and m.start() > 0 else None


def _has_letter(text: str) -> bool:
    return text[:1].isalpha() or any(c.isalpha() for c in text)  # most lines open on a letter


def _tail_candidates(line_no: int, text: str) -> list[Candidate]:
    """The tails of one of the last paragraphs: each of its last TAIL_SENTENCES sentences (its first
    excepted), keyed as apply looks them up (_tail_keys); `chars` from its start to the paragraph's end."""
    out: list[Candidate] = []
    spans = sentence_spans(text)
    for a, b in spans[max(1, len(spans) - TAIL_SENTENCES):]:
        keys = _tail_keys(text[a:b])
        if keys is None:
            continue
        key, start = keys
        out.append(Candidate(line_no, "tail", key, len(text) - a))
        if start is not None:
            out.append(Candidate(line_no, "tail_start", start, len(text) - a))
    return out


def story_key(blocks: Iterable[Block]) -> int:
    """Min-hash of the page's inner sentences (not the first or last of a block, which is where
    furniture glues on): two copies of one story share it unless they differ in most sentences."""
    keys: list[int] = []
    texts = [b.text for b in blocks if b.kind in ("body", "heading")]
    for text in texts:
        for a, b in sentence_spans(text)[1:-1]:
            sentence = text[a:b]
            if len(sentence.split()) >= MIN_STORY_WORDS:
                keys.append(text_key(sentence))
    return min(keys) if keys else text_key("".join(texts))


@dataclass(frozen=True)
class Learned:
    """What is known to be furniture in one source: key -> articles it was counted in; and the texts
    tails are known by (a footer glued to a word, 'तमांग(बीबीसी ...', is found by its text). Also the
    source's own name as its credits print it (`credits`, longest first): no furniture, read by
    provenance."""

    lines: Mapping[int, int]
    tails: Mapping[int, int]
    tail_texts: Mapping[str, int] = field(default_factory=dict)
    credits: tuple[str, ...] = ()
    # Lines learned as links to other stories (a headline of another story, a link standing alone): furniture
    # like `lines`, listed in the page's also_read; never a page's title's test (they are some story's title).
    links: Mapping[int, int] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.lines or self.tails or self.links)

    def line(self, key: int) -> int | None:
        """The count a learned line (furniture or a link) was learned with, None when it is not learned."""
        n = self.lines.get(key)
        return self.links.get(key) if n is None else n


def _tail_keys(tail: str) -> tuple[int, int | None] | None:
    """(its tail_key, the key of its first words when it is a whole sentence) for a tail of MIN_TAIL_WORDS
    words or more, else None: what a page offers (candidates) and what applying looks up, its words split
    once and its end tested once. A fragment is already known by its first words, so it has no start key."""
    words = tail.split()
    if len(words) < MIN_TAIL_WORDS:
        return None
    start = text_key(" ".join(words[:TAIL_KEY_WORDS]))
    if _END.search(tail[-3:]):  # a whole sentence: known by all of it, and by its start too
        return text_key(tail), start
    return start, None


def _learned_tail(sentence: str, learned: Learned) -> int | None:
    keys = _tail_keys(sentence)
    if keys is None:
        return None
    key, start = keys
    n = learned.tails.get(key)
    if n is None and start is not None:  # a footer printed in full starts like the fragment learned
        n = learned.tails.get(start)  # from its split copies
    return n


def _cut_tails(block: Block, learned: Learned, piece: bool = False) -> tuple[str, str, int]:
    """(the paragraph without its learned tails, the tails cut, their largest count). Everything from
    the first learned one of its last TAIL_SENTENCES sentences on is cut (a footer runs to the end), or
    from a learned tail's text glued to a word with no sentence end before it, if that comes first.
    A `piece` (a block the segmenter split off a line, after a bracketed aside) may go whole."""
    if block.kind != "body":
        return block.text, "", 0
    text = block.text
    spans = sentence_spans(text)
    if not spans:
        return text, "", 0
    region = max(0 if piece else 1, len(spans) - TAIL_SENTENCES)
    cuts = [(a, n) for a, b in spans[region:] if (n := _learned_tail(text[a:b], learned)) is not None]
    cuts += _glued(text, spans[max(0, region - 1)][0], learned)
    if not cuts:
        return text, "", 0
    at = min(a for a, _ in cuts)
    return text[:at].rstrip(), text[at:].strip(), max(n for a, n in cuts if a >= at)


def _glued(text: str, region: int, learned: Learned) -> list[tuple[int, int]]:
    """Where learned tails' texts start after `region` (never at the paragraph's start), with counts."""
    folded = text.casefold()
    if len(folded) != len(text):  # positions must stay those of the text ('ß' folds to 'ss')
        folded = text
    found = [(folded.find(t.casefold(), region), n) for t, n in learned.tail_texts.items()]
    return [(at, n) for at, n in found if at > 0]


def _keep_tables_whole(blocks: Sequence[Block], hits: list[int | None]) -> None:
    """A table is the story's or furniture as a whole. Its learned rows stay when a row of it is not learned: a
    daily tally prints the same header row ('जिला / संक्रमित / मौत', 'Country / Cases / Deaths') over figures that
    change. A box of figures that every page prints the same (a market ticker) goes."""
    for is_table, run in itertools.groupby(range(len(blocks)), key=lambda i: blocks[i].kind == "table_row"):
        rows = list(run)
        if is_table and any(hits[i] is None for i in rows):
            for i in rows:
                hits[i] = None


# A section's head as the rules read it: a heading, or the standfirst when the first section opens under the title.
_HEAD_KINDS = frozenset({"heading", "standfirst"})


def _keep_section_heads(blocks: Sequence[Block], hits: list[int | None]) -> None:
    """A story printed every day under the same section heads (a horoscope's signs, a daily update's 'देश में' /
    'राज्यों में' / 'दुनिया में', a briefing's 'India' / 'World' / 'Markets') repeats them in every issue. They
    are learned as lines, yet each heads a paragraph of its own: MIN_SECTION_HEADS or more different learned
    headings right above a paragraph of the story are its sections, kept. So are the heads of a roundup, other
    stories' headlines (learned as links to them) each over a paragraph of its own; the first, under the title,
    is the standfirst to the rules. Furniture that sits between paragraphs is one line or two ('विज्ञापन',
    'Advertisement')."""
    heads = [i for i, n in enumerate(hits[:-1]) if n is not None and blocks[i].kind in _HEAD_KINDS
             and hits[i + 1] is None and blocks[i + 1].kind == "body"]
    if len({blocks[i].text.casefold() for i in heads}) >= MIN_SECTION_HEADS:
        for i in heads:
            hits[i] = None


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
    # Learned lines first, so the last body blocks are the last ones left.
    hits = [learned.line(text_key(b.text)) if b.kind in CONTENT_KINDS and len(b.text) <= LINE_MAX_CHARS else None
            for b in blocks]
    _keep_tables_whole(blocks, hits)
    _keep_section_heads(blocks, hits)
    marked = [(replace(b, kind="boilerplate", rule=RULE) if n is not None else b, n)
              for b, n in zip(blocks, hits, strict=True)]
    removed = sum(n is not None for n in hits)
    last = last_bodies([b for b, _ in marked], TAIL_BLOCKS)
    out: list[Block] = []
    counts: dict[int, int] = {}
    previous_line = 0
    for b, n in marked:
        if n is not None:
            counts[len(out)] = n
        piece, previous_line = b.line_no == previous_line, b.line_no
        head, cut, tail_n = _cut_tails(b, learned, piece) if b.ordinal in last else (b.text, "", 0)
        if cut and not head:
            counts[len(out)] = tail_n
            out.append(replace(b, ordinal=len(out), kind="boilerplate", rule=RULE))
            removed += 1
            continue
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
