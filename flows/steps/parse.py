"""Read one file version and turn it into an article record, or a rejection with a reason.

Composes the steps read -> hash -> decode -> segment -> language -> normalise for ONE file. It is a
plain function over plain records so a process pool can run it on many files at once.
"""

from __future__ import annotations

import errno
import functools
import hashlib
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from flows import __version__
from flows.steps import decode as dec
from flows.steps import discover as disc
from flows.steps.language import detect_language, script_profile
from flows.steps.normalize import parse_timestamp, published_at_problem
from flows.steps.provenance import Provenance, dateline_credit, load_provenance_rules
from flows.steps.provenance import extract as extract_provenance
from flows.steps.reasons import Reason
from flows.steps.records import Block, LanguageResult, ParsedTime, Segmented
from flows.steps.segment import (
    FULL_STOPS,
    Rules,
    close_footer_bracket,
    is_labelled_stamp,
    links_under_learned_lines,
    load_rules,
    segment,
)
from flows.steps.templates import CLOSERS, Candidate, Learned, story_key, text_key
from flows.steps.templates import RULE as LEARNED_RULE
from flows.steps.templates import apply as apply_templates
from flows.steps.templates import candidates as template_candidates

PARSER_VERSION = __version__
# Blocks whose text forms the article body (headings and table rows stay in the body, marked as blocks).
BODY_KINDS = frozenset({"body", "heading", "table_row"})
# A word: letters, digits and marks (Indic vowel signs are marks, which \w misses). The ranges come
# first because they are cheaper to test than \w's Unicode look-up (docs/performance.md).
_WORD = re.compile(r"[\u0900-\u0DFF\u0600-\u06FFa-zA-Z0-9\w]+")
# A block in the article's own ambiguous script (a Devanagari paragraph of a Hindi article) takes the
# article's language below this many letters: langdetect on a short heading is a coin toss between
# Hindi, Marathi and Nepali, and one call per block would cost more than the rest of parsing
# (docs/performance.md).
OWN_DETECTION_LETTERS = 500


@dataclass(frozen=True, slots=True)
class BlockRow:
    block: Block
    language: str
    language_probability: float
    script: str


@dataclass(frozen=True, slots=True)
class Article:
    path: str
    sha256: str
    size: int
    mtime_ns: int
    encoding: str
    text: str  # the decoded file, as read (kept in raw.files)
    title: str | None
    section: str | None
    standfirst: str | None
    dateline: str | None
    published_at: datetime | None
    published_at_text: str | None
    published_at_zone: str | None
    body: str
    also_read: list[str]
    language: LanguageResult
    words: int
    blocks: list[BlockRow] = field(default_factory=list)
    parser_version: str = PARSER_VERSION
    template_keys: list[Candidate] = field(default_factory=list)  # what this page offers the furniture stage
    story_key: int = 0  # copies of one story share it (templates.story_key)
    repeat_counts: dict[int, int] = field(default_factory=dict)  # block ordinal -> count, learned furniture
    furniture_review: bool = False  # learned furniture would have emptied it: kept as parsed
    provenance: Provenance = field(default_factory=Provenance)  # authors, agency, updated_at (provenance.py)


@dataclass(frozen=True, slots=True)
class Rejected:
    path: str
    reason: Reason
    detail: str
    size: int
    mtime_ns: int
    sha256: str | None = None
    content: bytes | None = None

    @property
    def retry(self) -> bool:
        """Transient (unreadable, vanished ...): the file is read again next run."""
        return self.reason.retryable


@dataclass(frozen=True, slots=True)
class Unchanged:
    """Stat said changed, but the bytes hash to what the warehouse already has (e.g. a touch)."""

    path: str
    sha256: str
    size: int
    mtime_ns: int


Outcome = Article | Rejected | Unchanged

_rules: Rules | None = None


def _default_rules() -> Rules:
    global _rules  # one load per process: workers reuse it for every file
    if _rules is None:
        _rules = load_rules()
    return _rules


def file_version_id(path: str, sha256: str) -> str:
    return hashlib.sha256(f"{path}\0{sha256}".encode()).hexdigest()[:16]


def article_id(path: str) -> str:
    return hashlib.sha256(path.encode()).hexdigest()[:16]


ROOT_SOURCE = "(root)"


def source_of(path: str) -> str:
    """The source of a file: the first folder under the raw folder (a site, as scrapers store pages).

    Files at the top of the raw folder share ROOT_SOURCE. Migration 003 backfills the same in SQL.
    """
    head, sep, _ = path.partition("/")
    return head if sep else ROOT_SOURCE


def process_file(
    ref: disc.FileRef,
    known_sha: str | None = None,
    *,
    max_bytes: int = 20 * 1024 * 1024,
    default_zone: str = "Asia/Kolkata",
    rules: Rules | None = None,
    templates: Mapping[str, Learned] | None = None,  # None: the furniture stage is off
) -> Outcome:
    """Read, hash and parse one file. Never raises for bad data: returns a Rejected instead."""
    if ref.problem is not None:
        return Rejected(ref.path, ref.problem, ref.detail or ref.problem.description, ref.size, ref.mtime_ns)
    data_or_rejection = _read(ref, max_bytes)
    if isinstance(data_or_rejection, Rejected):
        return data_or_rejection
    data, size, mtime_ns = data_or_rejection
    sha = hashlib.sha256(data).hexdigest()
    if known_sha is not None and sha == known_sha:
        return Unchanged(ref.path, sha, size, mtime_ns)
    decoded = dec.decode(data)
    if isinstance(decoded, dec.DecodeError):
        return Rejected(ref.path, decoded.reason, decoded.detail, size, mtime_ns, sha, data)
    return parse_text(decoded.text, path=ref.path, sha256=sha, size=size, mtime_ns=mtime_ns,
                      encoding=decoded.encoding, raw=data, default_zone=default_zone,
                      rules=rules or _default_rules(), templates=(templates or {}).get(source_of(ref.path)),
                      offer_keys=templates is not None)


def opens_with_dateline_credit(line: str) -> bool:
    """Whether a line opens with a dateline credit ('ملتان (نیوز ڈیسک) ...', 'मथुरा, तीन मई (भाषा) ...'):
    the segmenter's test of a first line, which then is the story's lead and not its headline."""
    return dateline_credit(line, load_provenance_rules()) is not None


def parse_text(
    text: str,
    *,
    path: str,
    sha256: str,
    size: int,
    mtime_ns: int,
    encoding: str,
    raw: bytes,
    default_zone: str,
    rules: Rules,
    templates: Learned | None = None,
    offer_keys: bool = True,
) -> Article | Rejected:
    """Segment and detect language of an already-decoded text; `templates`: the furniture learned in
    its source (flows/steps/templates.py), applied before the body is joined."""
    first = segment(text, rules, opens_story=opens_with_dateline_credit)
    seg = _title_under_learned_line(text, first, rules, templates)
    applied = apply_templates(seg.blocks, templates, BODY_KINDS)
    # After the learned furniture: a learned line may be the one that opens a bracketed footer.
    blocks, moved = close_footer_bracket(applied.blocks)
    repeat_counts = {moved[o]: n for o, n in applied.repeat_counts.items()}
    if seg is not first and templates is not None:  # the learned line the title was, now furniture
        repeat_counts |= {b.ordinal: templates.lines[text_key(b.text)] for b in blocks
                          if b.kind == "boilerplate" and b.rule == LEARNED_RULE and b.ordinal not in repeat_counts
                          and text_key(b.text) in templates.lines}
    links: list[str] = []  # to other stories, from what was learned
    if applied.removed and templates is not None:
        linked, box_links = links_under_learned_lines(blocks, rules)
        if any(b.kind in BODY_KINDS for b in linked):  # never what leaves no body: the page keeps its text
            blocks = linked
        else:
            box_links = []
        # Lines learned as links (another story's headline): furniture, and listed with the page's links.
        links = [b.text for b in blocks if b.rule == LEARNED_RULE and text_key(b.text) in templates.links]
        links += box_links
    body_blocks = [b for b in blocks if b.kind in BODY_KINDS]
    if not body_blocks:
        kinds = sorted({b.kind for b in seg.blocks})
        found = ", ".join(kinds) or "nothing"
        detail = f"no body text after removing page furniture (found: {found})"
        return Rejected(path, Reason.NO_BODY, detail, size, mtime_ns, sha256, raw)
    body = "\n\n".join(b.text for b in body_blocks)
    lang = detect_language(body, nfc=True)  # the segmenter's lines are NFC, and so is their join
    published = publication_time(blocks, rules, default_zone)
    return Article(
        path=path,
        sha256=sha256,
        size=size,
        mtime_ns=mtime_ns,
        encoding=encoding,
        text=seg.text,
        title=seg.title,
        section=seg.section,
        standfirst=seg.standfirst,
        dateline=seg.dateline,
        published_at=published.utc if published else None,
        published_at_text=published.source_text if published else None,
        published_at_zone=published.source_zone if published else None,
        body=body,
        also_read=[*seg.also_read, *links],
        language=lang,
        words=len(_WORD.findall(body)),
        blocks=[block_row(b, lang) for b in blocks],
        # Only when the furniture stage runs (it is opt-in): ~1 key a line and a hash a sentence.
        # Offered as the rules alone read the page, so what a page offers does not hang on what was learned.
        template_keys=template_candidates(first.blocks) if offer_keys else [],
        story_key=story_key(first.blocks) if offer_keys else 0,
        repeat_counts=repeat_counts,
        furniture_review=applied.review,
        provenance=extract_provenance(blocks, load_provenance_rules(), default_zone,
                                      outlets=templates.credits if templates is not None else ()),
    )


# What a headline under a site's masthead was taken for while the masthead was the title: a line of its own
# over the story (a short one is a header line or a kicker, metadata rules), or a paragraph.
_HEADLINE_KINDS = frozenset({"standfirst", "heading", "body"})
_HEADLINE_RULES = frozenset({"header_line", "kicker"})


def _title_under_learned_line(text: str, seg: Segmented, rules: Rules, templates: Learned | None) -> Segmented:
    """A site's masthead or tagline over every page's headline ('<name> - देश की हर खबर सबसे पहले') is the
    first line, so the rules take it for the title and the headline for a standfirst. Once the furniture
    stage has learned it in the source, the page is segmented again with it as furniture, and the line under
    it is the title: when it is no learned line either, the rules had read it as a line of its own or a
    paragraph (_HEADLINE_KINDS, _HEADLINE_RULES), and it is headline-shaped, ending on no full stop. A title
    printed the same over many stories ('आज का राशिफल', 'Petrol, diesel prices today') is learned as well and
    stays the title over its paragraphs or over a summary written as sentences."""
    title = next((b for b in seg.blocks if b.kind == "title"), None)
    if not templates or title is None or text_key(title.text) not in templates.lines:
        return seg
    again = segment(text, rules, opens_story=opens_with_dateline_credit, not_title=frozenset({title.text}))
    headline = next((b for b in again.blocks if b.kind == "title"), None)
    if headline is None or text_key(headline.text) in templates.lines or not any(
            b.kind in BODY_KINDS for b in again.blocks):  # the page's only text is no headline
        return seg
    was = next((b for b in seg.blocks if b.line_no == headline.line_no), None)
    if was is None or (was.kind not in _HEADLINE_KINDS and was.rule not in _HEADLINE_RULES):
        return seg
    # A headline may end on '?' or '!', not on a full stop ('पटना: ... को फायदा' is a dateline paragraph to the
    # rules under a title; a feature's first paragraph, or a summary, ends a sentence).
    return seg if was.text.rstrip(CLOSERS)[-1:] in FULL_STOPS else again


def publication_time(
    blocks: list[Block], rules: Rules, default_zone: str, now: datetime | None = None
) -> ParsedTime | None:
    """The article's publication (or update) time, from its metadata blocks.

    Only a metadata line above the first body paragraph (the page header) or one carrying a
    publication/update label ('Updated: ...' under the story, 'प्रकाशित: ...') is a publication
    stamp: a date further down ('9 मार्च<TAB>1941' in a market table, a line of dates after the story)
    is about something else. The first stamp whose time is plausible (published_at_problem against
    `now`, default the clock) wins; failing that the first stamp with any date, so that its text is
    kept and the loader can say why the time was dropped.
    """
    if now is None:
        now = datetime.now(UTC).replace(tzinfo=None)
    first_body = next((i for i, b in enumerate(blocks) if b.kind == "body"), len(blocks))
    fallback: ParsedTime | None = None
    for i, b in enumerate(blocks):
        if b.kind != "metadata" or (i > first_body and not is_labelled_stamp(b.text, rules)):
            continue
        found = parse_timestamp(b.text, default_zone, now)
        if found is None:
            continue
        if published_at_problem(found.utc, now) is None:
            return found
        fallback = fallback or found
    return fallback


def block_row(block: Block, article: LanguageResult) -> BlockRow:
    """The block with its language, at most one language model call per block and usually none.

    - In the article's own ambiguous script and under OWN_DETECTION_LETTERS letters: the article's
      language and confidence (inherited).
    - In another ambiguous script but too short for a call detect_language would not flag ('Update:
      03:43 GMT', 'Advertisement' in a Hindi article): 'und', probability 0. Run on 10-letter
      Latin lines, langdetect's 31 Latin candidates cost more than the rest of the article and
      answer a coin toss.
    - Otherwise its own detect_language: free for script-decided scripts (Bengali, Tamil ...);
      langdetect for a real paragraph in another script (an English quote in a Hindi article),
      memoised per process because such lines repeat across articles.
    """
    profile = _block_profile(block.text, nfc=True)
    if profile.is_language and profile.ambiguous:
        own_script = article.method in ("langdetect", "second_opinion") and profile.script == article.script
        if own_script and profile.letters < OWN_DETECTION_LETTERS:
            return BlockRow(block, article.language, article.probability, profile.script)
        if not own_script and not profile.long_enough:
            return BlockRow(block, "und", 0.0, profile.script)
    res = _detect_block(block.text)
    return BlockRow(block, res.language, res.probability, res.script)


@functools.lru_cache(maxsize=8192)
def _detect_block(text: str) -> LanguageResult:
    return detect_language(text, nfc=True)


# Page furniture, datelines and bylines repeat across the articles of a site: about one block in five
# of the benchmark corpus is a line seen before.
_block_profile = functools.lru_cache(maxsize=16384)(script_profile)


def _read(ref: disc.FileRef, max_bytes: int) -> tuple[bytes, int, int] | Rejected:
    """Read the file through one descriptor so stat and bytes agree; refuse oversize files unread."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(ref.abs_path, flags)
    except FileNotFoundError:
        return Rejected(ref.path, Reason.VANISHED, "the file disappeared before it could be read",
                        ref.size, ref.mtime_ns)
    except PermissionError as exc:
        return Rejected(ref.path, Reason.UNREADABLE, f"permission denied: {exc.strerror}", ref.size, ref.mtime_ns)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # O_NOFOLLOW: it became a symbolic link after discovery
            return Rejected(ref.path, Reason.SYMLINK_NOT_FOLLOWED, "the file was replaced by a symbolic link "
                            "after discovery; links are not followed by default", ref.size, ref.mtime_ns)
        return Rejected(ref.path, Reason.UNREADABLE, f"cannot open: {exc.strerror}", ref.size, ref.mtime_ns)
    try:
        st = os.fstat(fd)
        if st.st_size > max_bytes:
            return Rejected(ref.path, Reason.TOO_LARGE,
                            f"{st.st_size} bytes is over the {max_bytes}-byte cap (NEWSDW_MAX_FILE_BYTES); not read",
                            st.st_size, st.st_mtime_ns)
        chunks = []
        remaining = max_bytes + 1
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        data = b"".join(chunks)
        if len(data) > max_bytes:
            return Rejected(ref.path, Reason.TOO_LARGE, f"grew past the {max_bytes}-byte cap while being read",
                            len(data), st.st_mtime_ns)
        after = os.fstat(fd)
        if (after.st_size, after.st_mtime_ns) != (st.st_size, st.st_mtime_ns) or len(data) != st.st_size:
            # A writer was busy with the file: these bytes may be half old, half new. Look again next run.
            return Rejected(ref.path, Reason.CHANGED_WHILE_READING,
                            f"the file changed while it was read ({st.st_size} -> {after.st_size} bytes, "
                            f"{len(data)} read); it will be read again next run",
                            after.st_size, after.st_mtime_ns)
        return data, len(data), st.st_mtime_ns
    except OSError as exc:
        return Rejected(ref.path, Reason.UNREADABLE, f"read failed: {exc.strerror}", ref.size, ref.mtime_ns)
    finally:
        os.close(fd)


def script_shares_json(lang: LanguageResult) -> str:
    return json.dumps({k: round(v, 4) for k, v in sorted(lang.script_shares.items())}, ensure_ascii=False)
