"""Segment an article's decoded text into classified blocks and pull out its fields.

Every non-empty line (after normalisation) becomes one Block whose ``rule`` names the rule that
decided its kind, so a data team can see why a line was kept or removed. The rules are data: the
TOML files in ``flows/rules/`` (patterns, word lists, limits), compiled once by :func:`load_rules`.

Order of application, per line (the first that applies decides):

1. ``markup_only``      no letter or digit ('-->', '|', '•')                     -> boilerplate
2. ``after_end_marker`` anything after an end marker ('Tags:', 'Related posts')  -> boilerplate; but a
                        related box's header ('Related', 'ताज़ा ख़बरें') with two paragraphs in a row further
                        down, or one and the story's sign-off under it ('(इनपुट- भाषा)'), is a box inside
                        the story: its links follow it, then the story goes on
3. ``tab_separated`` / ``aligned_columns``  a row of table cells split by a tab or by 2+ spaces,
                        at least one of them a number ('मेरठ<TAB>1,204', 'Brazil    4,120')
                                                                                  -> table_row
   A line that is only a stamp ('Updated:<TAB>10:15', '05 Mar 2024    10:30') is not a row.
4. ``end.*``            an end marker itself (ends the article only once body text has begun)
   ``lead.*``           furniture glued to the start of a line that no whole-line furniture rule takes
                        (a video player's notice, an embedded post's end marker, a 'click here' prompt:
                        [[lead]] in page_furniture.toml) is cut off as its own boilerplate block and
                        the rest of the line goes on through the rules below (not when the rest goes on
                        with a comma: an instruction); raw.files keeps the line whole. A labelled stamp
                        run into the story's first sentence ('Updated: 12 May 2014, 12:59 hrs IST ...') is
                        cut off so too, as metadata (a lead named metadata.timestamp, like the whole-line
                        rule that takes a stamp with no sentence after it)
5. ``furniture.*`` / ``metadata.*``  page furniture, timestamps, read time, bylines, credits
   Steps 4, 5, 6, 8 and 9 read a line without a bullet, arrow or emoji before it ([text] decoration:
   '» ये भी पढ़ें: ...'), and, where none takes the line as printed, without dashes or brackets around it
   ('- Advertisement -', '[...]'). A rule's Devanagari words match every spelling sites print (with or
   without a nukta; an anusvara, chandrabindu or half nasal; a short or long i or u; a visarga for a colon;
   Urdu's Arabic-keyboard letters and '-iye' ending: any_spelling).
   ``promo.*``          a whole line that is one promo sentence ([[promo]], below), anywhere -> boilerplate
6. ``header_link``      above the story, short names right under a 'Related Topics' / 'Tags' marker
                        (up to 5 of 4 words, no sentence, no blank line before)  -> boilerplate
   ``also_read_link``   headline-like lines right after a bare 'ये भी पढ़ें'        -> boilerplate
   ``closing_credit``   a photo-credit line opening with a dash right under the story's last paragraph
                        ('— Reuters'): the story's credit, not a photo's                     -> metadata
   ``fenced_box``       headings between two fences (BBC's 'Presentational grey line') with no paragraph
                        between them: a box's header and links                      -> boilerplate
7. ``section_line``     a line that is only a section label, before the title     -> metadata
   ``credit_place``     above the story, a line of at most 3 words under a byline or stamp, with another
                        credit line or the first paragraph under it: the byline's place ('New Delhi')  -> metadata
   ``header_line``      between the title and the story, a line of at most 4 words (no sentence end) over a
                        byline, stamp or dateline line or over another such line, a name and place with a bar
                        between them ('सुनील कुमार | लखनऊ'), or one or two such lines alone between the title
                        and the first paragraph: a kicker or an unlabelled name ('ग्राउंड रिपोर्ट')  -> metadata
   ``header_credit``    between the title and the story, a credit and its place: at most 6 words, a place of
                        at most 3 after the last comma or bar, no sentence end and no function word ('Ankit Ojha
                        लाइव हिन्दुस्तान, नई दिल्ली'). No outlet is named in the rules        -> metadata
   ``menu_item``        before the title, two lines or more in a row of one or two words (30 characters at
                        most, no sentence end, colon, bar or comma): a site's menu ('Home' / 'World')  -> boilerplate
                        Also a menu on one line: four items or more, each a section's name or a menu word
                        ('Home India World Business Sport'), or each of that shape two spaces, a tab or a bullet
                        apart ('Home  Coronavirus  UK  World'): _menu_line
   ``kicker``           before the title, one word alone ('Cricket', 'राजनीति'): no headline is one word -> metadata
                        Also up to three words (no stop, colon, bar or comma) over a longer headline-shaped line
                        of five words or more that no furniture, end-marker or dateline rule takes ('فیفا ورلڈ کپ' /
                        'میسی سے ارجنٹینا کو بڑی امیدیں'): _kicker_over_headline
   ``first_line``       the first remaining line, if headline-shaped               -> title
                        Not a headline (the story's first paragraph on a page saved without one): a
                        line ending in a full stop (or in a stop and an aside's opening '('); one holding two
                        sentences (100+ characters, a full stop inside followed by two or more words;
                        not after an abbreviation, an initial or in a number); one over 200 characters
                        (300 when it ends in a teaser's '...'); one ending on a conjunction, relative
                        pronoun, case marker or article ([title] cannot_end: a sentence cut mid-way);
                        one opening on a connective that answers an earlier sentence ('हालांकि', 'however':
                        [title] cannot_start, the story going on);
                        one opening with a dateline credit
                        (``dateline_paragraph``, body: 'ملتان (نیوز ڈیسک) ...', read by provenance);
                        a photo's caption (``caption.*`` of step 9, the title position left open:
                        'Image copyright AFP Image caption ...' above a story saved without its headline).
   ``title_dateline``   the story's dateline glued after the headline ('...دل کو مضبوط بناتی ہے لاہور'): one or
                        two words after the headline's closing auxiliary ([title] final_verbs) that are no
                        function word, verb or number, when the line asks nothing, holds no question or manner
                        word, and the next line opens without a dateline: cut off the title as metadata and
                        taken as the article's dateline
8. ``title_repeat``     the title again (whole, without section label / topic prefix / site suffix)
9. ``caption.*``        photo captions                                            -> caption
   ``caption_over_credit``  a heading-shaped line right above a photo credit that opens with a dash
                        ('- फोटो : पीटीआई' on the line under its caption)                  -> caption
   ``paragraph_before_caption``  a caption rule that took a line by its end, where two sentences or more
                        come before the caption's own: they are a paragraph the caption was glued to -> body
10. structure, for the remaining (content) lines:
   - before body text: a line that is only a dateline ('नई दिल्ली, 06 जनवरी 2024,', 'पटना, हिन्दुस्तान टीम') is
     metadata (``dateline_line``), and so is a header stamp holding one (``dateline_line`` when the place
     opens it, ``dateline_stamp`` after a credit: '<credit> नई दिल्ली, 14 जुलाई 2020, अपडेटेड 17:30 IST');
     after a summary label ('सार', 'खास बातें', 'Highlights') lines are standfirst (``highlights``); a
     line opening with a dateline is body (``dateline_paragraph``); the first content line may be the
     ``standfirst``; a short line is a heading candidate; else body.
   - after: a short line without sentence-ending punctuation, a short question or a short line in
     quotes is a heading candidate (``short_line`` / ``question_line`` / ``quoted_line``); a bulleted
     line is ``list_item``; a line opening with a question's or an answer's label ('सवाल: ...', 'Q. ...') is
     ``interview_line``; else body (``paragraph``).

Then, over the whole article: three or more heading candidates in a row, of four words or more, not
numbered and mostly without figures, are a list of links to other stories (``link_run``, boilerplate);
heading candidates right after a paragraph ending in a colon are the story's list (``introduced_list``, body);
a bracketed aside standing between a body line's sentences or at its start -- a related headline, a
credit, a note, '(جاری ہے)' -- is cut out of it as its own boilerplate block (``aside_in_brackets``;
the text before and after it stay body blocks of that line), and so is one opened at the end of a line
(body or standfirst) and closed at the start of the next ('...चलाईं.(' / 'रूट की सूची)अधिकारियों ...'; or
opened with its first words, '...है.(क्या आपने ... के लिए' / 'यहां क्लिक करें)उन्होंने ...', when the next
line closes it: a [[lead]] prompt ending in ')', or a closing part as above), and
a heading candidate that is only a bracketed aside of two or more words; a related question headline glued
with no break to a body line's next word (its link markup lost) is cut off the line as its own boilerplate
block (``glued_headline``: a headline-shaped run at the line's start, or after a sentence glued on without a
space, not opening on a conjunction, ending in a '?' or '!' (and a quoted headline's quote) glued to the next
word, only lines holding a '?' or '!' searched; or at a line's start, its last word running into an opener no
word ends in: '...बाहरवहीं', '...cityThe'; and on a page that glues headlines so (one was cut, or three lines
open on one: _layout_glues), one with no mark at all whose last word runs into the paragraph's next:
_page_glued_headlines; [glued] in structure.toml); so is a related
link whose headline runs into the paragraph after it (``glued_link``, listed in also_read: a marker the
furniture rules read a link after, at a line's start or after a sentence glued on without a space, the
headline ended by a mark, by two quotes touching, or by its last word running into the paragraph's first,
read from the page's own words: _glued_link; and a video's promo glued in after a sentence, 'देखिए <title>',
ended by that glue point only: _glued_promo); a line of short cells without numbers right above a table row is
the table's header (``table_header``, table_row); a standfirst that is not shorter than the body paragraphs
after it, or that has no body after it, becomes body
(``first_paragraph``); a promo sentence at the end of the last body paragraph ('... हर खबर के लिए बने रहें
हमारे साथ.': news offered, an imperative to stay, follow, join or download, and the site itself; [[promo]] in
page_furniture.toml), and the promos before it, are cut off as boilerplate blocks (``promo.*``); two or more
heading candidates in a row after the last body text, each holding an amount ('چینی 145.50 روپے فی کلو',
'सोना 62,350 रुपये', 'मेरठ - 1204'; not a year or a clock time), are a list of figures, body (``figure_list``);
any other heading candidate with no body text or table after it is ``trailing_short_line`` boilerplate, but for
someone's words (a quote of three words or more, a verb of saying: the story may end on them) (a sentence
followed by a bracketed credit, '... जारी है। (इनपुट: भाषा)', is no heading candidate but a paragraph). The dateline
is read from the first body block. Segmented.standfirst joins the standfirst blocks (one, or several
highlight lines) with newlines.

The parser then applies the furniture learned for the page's source (flows/steps/templates.py) and
:func:`close_footer_bracket`: when the page's trailing furniture closes a bracket it does not open, the
text from that bracket's opening on (a footer printed in brackets and split over lines, up to
BRACKET_FOOTER_MAX_CHARS of it kept by the rules above) is furniture too (``bracket_closed_by_footer``).

A table row's text keeps one tab between its cells, so the table stays readable in the body; every
other line is normalised whole, a tab in it becoming a space.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import pathlib
import re
import statistics
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from flows.steps import lexicon
from flows.steps.normalize import normalize_line, parse_timestamp, split_lines
from flows.steps.records import Block, Segmented
from flows.steps.spelling import VIRAMA, WordSet, any_spelling, needs_spellings, spelling_key
from flows.steps.templates import CLOSERS, sentence_spans
from flows.steps.templates import RULE as LEARNED_RULE
from flows.steps.tokens import STOPWORDS, WORD

RULES_DIR = pathlib.Path(__file__).resolve().parent.parent / "rules"

_DEVANAGARI = re.compile(r"[\u0900-\u097F]")
_LATIN = re.compile(r"[A-Za-z]")
# Title-repeat comparison ignores case, spaces and punctuation ('NEWS:' vs 'News', curly quotes).
_KEY_DROP = re.compile(r"[\s!-/:-@\[-`{-~\u00a0-\u00bf\u0964\u0965\u2010-\u2027\u2030-\u205e]+")


@dataclass(frozen=True)
class LineRule:
    """One named pattern that classifies a whole line."""

    name: str
    kind: str
    pattern: re.Pattern[str]
    max_chars: int
    also_read: bool = False
    opens_summary: bool = False  # a 'सार' / 'Highlights' label: summary lines follow
    closes_summary: bool = False  # a 'विस्तार' label: the full story follows
    opens_options: bool = False  # a widget's label ('Text Size'): its short options follow ('Small', 'Large')
    may_be_headline: bool = False  # a caption rule that reads what a line says: at the top it may be a headline
    # The casefolded line must contain one of these words: a cheap pre-check (substring tests on
    # casefolded text are several times faster than an IGNORECASE search, and than a regex
    # alternation of the words, which tries each position of the line in turn).
    needs: tuple[str, ...] | None = None


@dataclass(frozen=True)
class RuleList:
    """Line rules in their priority order, bucketed by the longest line each one applies to."""

    limits: tuple[int, ...]  # ascending distinct max_chars
    buckets: tuple[tuple[LineRule, ...], ...]  # buckets[i]: rules (in order) with max_chars >= limits[i]

    @classmethod
    def of(cls, rules: tuple[LineRule, ...]) -> RuleList:
        limits = tuple(sorted({r.max_chars for r in rules}))
        return cls(limits, tuple(tuple(r for r in rules if r.max_chars >= lim) for lim in limits))

    def first_match(self, line: str, folded: str) -> tuple[LineRule, re.Match[str]] | None:
        """The first rule (in priority order) that matches the line, with its match.

        ``folded`` is ``spelling_key(line.casefold())``, computed once per line by the caller.
        """
        i = bisect.bisect_left(self.limits, len(line))
        if i == len(self.limits):
            return None
        for rule in self.buckets[i]:
            if rule.needs is not None and not any(map(folded.__contains__, rule.needs)):
                continue
            match = rule.pattern.search(line)
            if match is not None:
                return rule, match
        return None


@dataclass(frozen=True)
class DatelineRule:
    name: str
    pattern: re.Pattern[str]
    max_chars: int | None = None  # a longer line is not tried (a line of its own: a dateline or a stamp)


@dataclass(frozen=True)
class TableRules:
    """How a line laid out in columns is told apart from text (structure.toml [table])."""

    cell_gap: re.Pattern[str]
    max_cells: int
    max_cell_chars: int
    number_cell: re.Pattern[str]
    clock_cell: re.Pattern[str]
    header_max_cell_chars: int


@dataclass(frozen=True)
class GluedRules:
    """A related headline glued to a paragraph's first word (structure.toml [glued])."""

    min_words: int
    max_words: int
    max_chars: int
    rest_min_chars: int
    page_words_listed: float  # the share of a page's words the word list must have to read it (_list_reads)
    layout_lines: int  # body lines opening on an unmarked headline that show a page glues them (_layout_glues)
    short_head_lines: int  # lines cut at their start that let a two-letter head be a glue point's
    compound_heads: int  # a two-letter head the word list shows opening this many compounds is a compound's part
    never_open: WordSet  # words no paragraph opens on: no tail of a split the page shows (_page_split)
    openers: WordSet  # casefolded words that open sentences
    cannot_start: WordSet  # conjunctions no headline opens on
    bare: re.Pattern[str]  # a word running into a bare opener with no space (_bare_openers)
    bare_end: int  # how far `bare` searches: max_chars, the longest bare opener and the space after it
    link_max_words: int  # the longest headline a glued 'ये भी पढ़ें: ...' link holds, in words
    link_max_chars: int  # and in characters
    link_words: re.Pattern[str]  # a line holds one of [glued] link_words or promo_markers, or is not searched
    links: tuple[LineRule, ...]  # the furniture rules that read a link after a marker (also_read, group `link`)
    promo: re.Pattern[str]  # a video's or audio's promo verb and the space after it ([glued] promo_markers)
    compound_tails: WordSet  # words that also end compounds ('-वाला', '-कार'): no tail the word list tells


@dataclass(frozen=True)
class Rules:
    """Compiled segmentation rules. Frozen and picklable: build once, share with worker processes."""

    end_markers: RuleList
    furniture: RuleList
    leads: RuleList  # furniture glued to the start of a line: cut off, the rest classified as the line
    lead_words: re.Pattern[str] | None  # any of the lead rules' `needs` words: one search per line's head
    lead_opens: re.Pattern[str] | None  # the lead rules without `needs`, anchored: matched at each line's start
    lead_twins: frozenset[str]  # lead rules named as a furniture rule (a stamp: glued to a sentence, or whole)
    promos: RuleList  # a sentence advertising the site at the end of the last paragraph: cut off
    promo_words: re.Pattern[str] | None  # any of the promo rules' `needs` words: one search per article
    said: re.Pattern[str] | None  # [fragments] SAID: a verb of saying ('ने कहा', 'said'), someone's words
    captions: RuleList
    markup_only: re.Pattern[str]
    sentence_end: str
    closing_quotes: str
    bullets: str
    decoration: re.Pattern[str]  # bullets, arrows, emoji before a line ([text] decoration)
    interview_line: re.Pattern[str]  # a question's or an answer's label opening a line ([text] interview_labels)
    caption_label_line: re.Pattern[str]  # a caption's label alone on its line ([text] caption_label_line)
    section_label: re.Pattern[str]
    bare_section_label: re.Pattern[str]
    bare_labels: WordSet  # casefolded [section] bare_labels: page chrome even before a colon
    section_blockers: WordSet
    section_only: re.Pattern[str]
    menu_line: re.Pattern[str]
    section_lines: tuple[re.Pattern[str], ...]
    topic_prefix: re.Pattern[str]
    site_suffix: re.Pattern[str]
    datelines: tuple[DatelineRule, ...]
    dateline_lines: tuple[DatelineRule, ...]
    not_place_words: WordSet
    not_place_phrases: WordSet
    dateline_min_rest_words: int
    title_max_chars: int
    title_plain_max_chars: int
    title_inner_stop_min_chars: int
    title_page_paragraph_min_words: int
    title_page_min_paragraphs: int
    abbreviations: WordSet
    title_cannot_end: WordSet
    title_when_ending: re.Pattern[str]  # a date, then a final 'को': a headline's 'when', not a cut sentence
    title_cannot_start: WordSet  # connectives that answer an earlier sentence
    title_final_verbs: WordSet  # [title] final_verbs: an Urdu/Hindi sentence's closing auxiliary
    title_inceptive_verbs: WordSet  # 'لگی', 'लगा': closing only after an infinitive
    title_infinitive_endings: tuple[str, ...]
    title_tail_blockers: WordSet  # words a place glued after the headline cannot hold
    title_inversion_words: WordSet  # question/manner words: the headline puts its subject last
    dateline_tail_min_head_words: int
    dateline_tail_max_words: int
    inner_stop: re.Pattern[str]  # a full stop (not '?' or '!') that is not part of '..' or a number
    heading_max_chars: int
    heading_max_words: int
    standfirst_min_words: int
    standfirst_max_chars: int
    standfirst_max_sentences: int
    standfirst_body_ratio: float
    highlights_max_lines: int
    highlights_max_chars: int
    also_read_max_links: int
    also_read_link_max_chars: int
    link_run_min_lines: int
    link_run_min_words: int
    topic_prefix_max_words: int
    sentences: re.Pattern[str]
    table: TableRules
    stamp_label: re.Pattern[str]  # a publication/update label ('Updated', 'प्रकाशित', 'شائع')
    glued: GluedRules


# --------------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------------


def load_rules(path: pathlib.Path | None = None) -> Rules:
    """Load and compile the rules from a TOML file or a directory of them (default: flows/rules/).

    Files of a directory are merged in name order: lists of rules are concatenated, tables merged.
    Results are cached per resolved path, so calling this once per task is cheap.
    """
    return _load_cached((path or RULES_DIR).resolve())


@functools.lru_cache(maxsize=8)
def _load_cached(path: pathlib.Path) -> Rules:
    files = sorted(path.glob("*.toml")) if path.is_dir() else [path]
    if not files:
        raise FileNotFoundError(f"no rule files (*.toml) in {path}")
    data: dict[str, Any] = {}
    for file in files:
        with file.open("rb") as fh:
            _merge(data, tomllib.load(fh))
    return _compile(data)


def _merge(into: dict[str, Any], new: dict[str, Any]) -> None:
    for key, value in new.items():
        if isinstance(value, list) and isinstance(into.get(key), list):
            into[key].extend(value)
        elif isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _regex(pattern: str, case_sensitive: bool = False, *, visarga_colon: bool = False,
           vowel_length: bool = False) -> re.Pattern[str]:
    # Text is NFC-normalised before matching, so patterns must be too (nukta letters decompose).
    return re.compile(any_spelling(_nfc(pattern), visarga_colon=visarga_colon, vowel_length=vowel_length),
                      0 if case_sensitive else re.IGNORECASE)


def _alternation(words: list[str]) -> str:
    # Longest first, so 'ताज़ा ख़बरें' wins over 'ताज़ा ख़बर'.
    return "(?:" + "|".join(re.escape(_nfc(w)) for w in sorted(words, key=len, reverse=True)) + ")"


def _bare_opener_words(glued: dict[str, Any]) -> list[str]:
    """[glued] openers that are glue points without a mark: all but those in not_bare (which must be openers)."""
    not_bare = set(glued["not_bare"])
    unknown = not_bare - set(glued["openers"])
    if unknown:
        raise ValueError(f"[glued] not_bare names words that are no openers: {sorted(unknown)}")
    return [w for w in glued["openers"] if w not in not_bare]


def _bare_openers(words: list[str]) -> re.Pattern[str]:
    """A bare opener (_bare_opener_words) glued onto the letter before it and followed by a space: after a
    Devanagari letter or vowel sign (not a virama, which joins the next letter into the word, nor a danda or
    a digit), or, capitalised, after a lower-case Latin letter. Each word checks the letter before it in a
    lookbehind written after the word, so the search skips from one opener's first letter to the next
    (a lookbehind first would be tried at every character: twice the time)."""
    devanagari_letter = r"[\u0900-\u094c\u094e-\u0963\u0971-\u097f]"
    glued = [(w.capitalize(), "[a-z]") if w.isascii() else (_nfc(w), devanagari_letter)
             for w in sorted(words, key=len, reverse=True)]
    alternatives = "|".join(f"{re.escape(w)}(?<={before}{re.escape(w)})" for w, before in glued)
    return re.compile(rf"(?:{alternatives})(?=\s)")


_FRAGMENT = re.compile(r"\{[A-Z][A-Z_]*\}")


def _fill(pattern: str, fragments: dict[str, str], rule: str) -> str:
    """The pattern with each {NAME} replaced by its piece (the rule files' [fragments] and the pieces built
    from [dateline]'s lists); a name no piece has is an error (a regex's own braces hold digits: '{0,300}')."""
    filled = _FRAGMENT.sub(lambda m: fragments.get(m.group()[1:-1], m.group()), pattern)
    unknown = _FRAGMENT.search(filled)
    if unknown is not None:
        raise ValueError(f"rule {rule}: no fragment {unknown.group()} in [fragments]")
    return filled


def _line_rules(items: list[dict[str, Any]], default_kind: str, default_max: int,
                fragments: dict[str, str]) -> RuleList:
    return RuleList.of(tuple(
        LineRule(
            name=item["name"],
            kind=item.get("kind", default_kind),
            pattern=_regex(_fill(item["pattern"], fragments, item["name"]), item.get("case_sensitive", False),
                           visarga_colon=True, vowel_length=True),
            max_chars=int(item.get("max_chars", default_max)),
            also_read=bool(item.get("also_read", False)),
            opens_summary=bool(item.get("opens_summary", False)),
            closes_summary=bool(item.get("closes_summary", False)),
            opens_options=bool(item.get("opens_options", False)),
            may_be_headline=bool(item.get("may_be_headline", False)),
            needs=tuple(v for w in item["needs"] for v in needs_spellings(_nfc(w.casefold()), vowel_length=True))
            if item.get("needs") else None,
        )
        for item in items
    ))


def _needs_pattern(items: list[dict[str, Any]]) -> re.Pattern[str] | None:
    """One pattern for all the rules' `needs` words (None when a rule has none: it must always be tried)."""
    if not items or any(not item.get("needs") for item in items):
        return None
    return _words_pattern([w for item in items for w in item["needs"]], vowel_length=True)


def _opens_pattern(items: list[dict[str, Any]], fragments: dict[str, str]) -> re.Pattern[str] | None:
    """One pattern for the rules that take no `needs` words: each must be anchored at the line's start ('^'), so
    a line is tried by one match at its start, which costs less than adding words to the `needs` search (their
    first letters are common ones)."""
    if not items:
        return None
    for item in items:
        if not item["pattern"].startswith("^"):
            raise ValueError(f"{item['name']}: a rule without `needs` must be anchored at the line's start")
    return _regex("|".join(f"(?:{_fill(item['pattern'], fragments, item['name'])})" for item in items),
                  visarga_colon=True, vowel_length=True)


def _words_pattern(words: list[str], *, vowel_length: bool) -> re.Pattern[str]:
    """One pattern searched in a line's spelling_key(casefold) for any of `words`, in each spelling it may
    hold there (needs_spellings)."""
    return re.compile("|".join(re.escape(v) for w in words
                               for v in needs_spellings(_nfc(w).casefold(), vowel_length=vowel_length)))


def _compile(data: dict[str, Any]) -> Rules:
    limits = data["limits"]
    text = data["text"]
    section = data["section"]
    title = data["title"]
    dl = data["dateline"]

    seps = re.escape(section["separators"])
    labels = _alternation(section["labels"])
    word = r"""[^\s\d,:;।|()\[\]{}<>"“”'‘’/—–.\-?!][^\s,:;।|()\[\]{}<>"“”‘’/—–?!]*"""
    # What a pattern may write as {NAME}: these, built from the dateline's lists, and the rule files' [fragments].
    pieces = {
        "WORD": word,
        "PLACE": rf"{word}(?:\s+{word}){{0,2}}",
        "DEVA": r"[\u0900-\u0963\u0966-\u097F]+(?:\s+[\u0900-\u0963\u0966-\u097F]+){0,2}",
        "DATE": (
            rf"(?:(?:\d{{1,2}}|[^\s\d,:;।|()]+)\s+{_alternation(dl['months'])}\.?(?:,?\s+\d{{4}})?"
            rf"|{_alternation(dl['months'])}\.?\s+\d{{1,2}}(?:,?\s+\d{{4}})?"
            r"|(?:दि|ता)\.\s*\d{1,2}(?!\d))"
        ),
        "AGENCY": _alternation(dl["agencies"]),
        "CREDIT": rf"(?:{word}\s+){{0,2}}{_alternation(dl['credits'])}",
        "INITIALS": rf"{_alternation(dl['letter_names'])}{{2,6}}(?![\u0900-\u0963\u0966-\u097F])",
    }
    clash = pieces.keys() & data.get("fragments", {}).keys()
    if clash:
        raise ValueError(f"[fragments] may not redefine {sorted(clash)}")
    # A fragment may use the built pieces ('{AGENCY}'), not another fragment.
    fragments = {**pieces, **{name: _fill(text, pieces, f"[fragments] {name}")
                              for name, text in data.get("fragments", {}).items()}}

    ends = "".join(text["sentence_end"])
    closing = text["closing_quotes"]
    bare = _bare_opener_words(data["glued"])
    table = data["table"]
    furniture = _line_rules(data.get("furniture", []), "boilerplate", 300, fragments)
    return Rules(
        end_markers=_line_rules(data.get("end_marker", []), "boilerplate", 200, fragments),
        furniture=furniture,
        leads=_line_rules(data.get("lead", []), "boilerplate", 1_000_000, fragments),
        lead_words=_needs_pattern([item for item in data.get("lead", []) if item.get("needs")]),
        lead_opens=_opens_pattern([item for item in data.get("lead", []) if not item.get("needs")], fragments),
        lead_twins=frozenset(item["name"] for item in data.get("lead", []))
        & frozenset(item["name"] for item in data.get("furniture", [])),
        promos=_line_rules(data.get("promo", []), "boilerplate", PROMO_MAX_CHARS, fragments),
        promo_words=_needs_pattern(data.get("promo", [])),
        said=_regex(fragments["SAID"]) if "SAID" in fragments else None,
        captions=_line_rules(data.get("caption", []), "caption", int(limits["caption_max_chars"]), fragments),
        markup_only=_regex(text["markup_only"]),
        sentence_end=ends,
        closing_quotes=closing,
        bullets=text["bullets"],
        decoration=_regex(text["decoration"]),
        interview_line=_regex(rf"^{_alternation(text['interview_labels'])}\s*[:：.)\-–—]\s*\S"),
        caption_label_line=_regex(_fill(text["caption_label_line"], fragments, "[text] caption_label_line")),
        # ':' and '|' may touch the label ('News: ...'); dashes and slashes need spaces around them,
        # or 'World-class athletes ...' would lose its first word.
        section_label=_regex(rf"^(?P<label>{labels})(?P<sep>\s*[:|›»]|\s+[\-–—/>]+)\s+(?P<rest>\S.*)$"),
        bare_section_label=_regex(
            rf"^(?P<label>{_alternation(section['bare_labels'])})\s+(?P<next>\S+)(?P<tail>.*)$"
        ),
        bare_labels=WordSet(section["bare_labels"]),
        section_blockers=WordSet(section["bare_blockers"]),
        section_only=_regex(rf"^(?P<label>{labels})\s*[{seps}]?$"),
        menu_line=_menu_line_regex(section),
        section_lines=tuple(_regex(p) for p in section.get("line_patterns", [])),
        topic_prefix=_regex(r"^(?P<prefix>[^:|]+?)\s*[:|]\s+(?P<rest>\S.*)$"),
        site_suffix=_regex(
            rf"^(?P<head>.+?)\s+[|\-–—]\s+(?P<site>\S+(?:\s+\S+){{0,{int(title['site_suffix_max_words']) - 1}}})$"
        ),
        datelines=tuple(
            DatelineRule(p["name"], _regex(_fill(p["regex"], fragments, p["name"]), p.get("case_sensitive", False)))
            for p in dl["patterns"]
        ),
        dateline_lines=tuple(
            DatelineRule(p["name"], _regex(_fill(p["regex"], fragments, p["name"]), p.get("case_sensitive", False)),
                         p.get("max_chars"))
            for p in dl.get("line_patterns", [])
        ),
        not_place_words=WordSet(dl["not_place_words"]),
        not_place_phrases=WordSet(dl["not_place_phrases"]),
        dateline_min_rest_words=int(dl["min_rest_words"]),
        title_max_chars=int(limits["title_max_chars"]),
        title_plain_max_chars=int(limits["title_plain_max_chars"]),
        title_inner_stop_min_chars=int(limits["title_inner_stop_min_chars"]),
        title_page_paragraph_min_words=int(limits["title_page_paragraph_min_words"]),
        title_page_min_paragraphs=int(limits["title_page_min_paragraphs"]),
        abbreviations=WordSet(title["abbreviations"]),
        title_cannot_end=WordSet(title["cannot_end"]),
        title_when_ending=_regex(_fill(title["when_ending"], fragments, "[title] when_ending")),
        title_cannot_start=WordSet(title["cannot_start"]),
        title_final_verbs=WordSet(title["final_verbs"]),
        title_inceptive_verbs=WordSet(title["inceptive_verbs"]),
        title_infinitive_endings=tuple(_nfc(w) for w in title["infinitive_endings"]),
        title_tail_blockers=WordSet([
            *title["tail_blockers"], *title["final_verbs"], *title["cannot_end"], *dl["not_place_words"]]),
        title_inversion_words=WordSet(title["inversion_words"]),
        dateline_tail_min_head_words=int(title["dateline_tail_min_head_words"]),
        dateline_tail_max_words=int(title["dateline_tail_max_words"]),
        inner_stop=re.compile(rf"(?<![\d.…])[{re.escape(''.join(c for c in ends if c not in _ASKS))}](?![\d.…])"),
        heading_max_chars=int(limits["heading_max_chars"]),
        heading_max_words=int(limits["heading_max_words"]),
        standfirst_min_words=int(limits["standfirst_min_words"]),
        standfirst_max_chars=int(limits["standfirst_max_chars"]),
        standfirst_max_sentences=int(limits["standfirst_max_sentences"]),
        standfirst_body_ratio=float(limits["standfirst_body_ratio"]),
        highlights_max_lines=int(limits["highlights_max_lines"]),
        highlights_max_chars=int(limits["highlights_max_chars"]),
        also_read_max_links=int(limits["also_read_max_links"]),
        also_read_link_max_chars=int(limits["also_read_link_max_chars"]),
        link_run_min_lines=int(limits["link_run_min_lines"]),
        link_run_min_words=int(limits["link_run_min_words"]),
        topic_prefix_max_words=int(title["topic_prefix_max_words"]),
        sentences=re.compile(rf"[{re.escape(ends)}]+[{re.escape(closing)}]*(?=\s|$)"),
        table=TableRules(
            cell_gap=re.compile(table["cell_gap"]),
            max_cells=int(table["max_cells"]),
            max_cell_chars=int(table["max_cell_chars"]),
            number_cell=_regex(table["number_cell"]),
            clock_cell=_regex(table["clock_cell"]),
            header_max_cell_chars=int(table["header_max_cell_chars"]),
        ),
        # Not inside a longer word: 'अप्रकाशित' (unpublished) and 'outdated' carry no label.
        stamp_label=_regex(
            rf"(?<![A-Za-z\u0900-\u097F\u0600-\u06FF]){_alternation(data['stamps']['labels'])}(?![A-Za-z])"
        ),
        glued=GluedRules(
            min_words=int(data["glued"]["min_words"]),
            max_words=int(data["glued"]["max_words"]),
            max_chars=int(data["glued"]["max_chars"]),
            rest_min_chars=int(data["glued"]["rest_min_chars"]),
            page_words_listed=float(data["glued"]["page_words_listed"]),
            layout_lines=int(data["glued"]["layout_lines"]),
            short_head_lines=int(data["glued"]["short_head_lines"]),
            compound_heads=int(data["glued"]["compound_heads"]),
            never_open=WordSet(data["glued"]["never_open"]),
            cannot_start=WordSet(data["glued"]["cannot_start"]),
            openers=WordSet(data["glued"]["openers"]),
            bare=_bare_openers(bare),
            bare_end=int(data["glued"]["max_chars"]) + max(map(len, bare)) + 1,
            link_max_words=int(data["glued"]["link_max_words"]),
            link_max_chars=int(data["glued"]["link_max_chars"]),
            # One search of an alternation of them: half the time of a substring test for each. Each word as
            # written, its i or u not made either length: 'देखिए' would then be 'देख', in most Hindi stories.
            link_words=_words_pattern([*data["glued"]["link_words"], *data["glued"]["promo_markers"]],
                                      vowel_length=False),
            links=tuple(r for r in furniture.buckets[0] if r.also_read and "link" in r.pattern.groupindex),
            promo=_regex(rf"(?:{_alternation(data['glued']['promo_markers'])})\s+"),
            compound_tails=WordSet(data["glued"]["compound_tails"]),
        ),
    )


# --------------------------------------------------------------------------------------------
# Segmenting
# --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Draft:
    line_no: int
    text: str
    kind: str
    rule: str
    header_cells: tuple[str, ...] | None = None  # cells of a possible table header row
    lead: str = ""  # furniture glued to the line's start, cut off before the line was classified
    lead_rule: str = ""
    lead_kind: str = "boilerplate"  # the lead rule's kind: metadata for a stamp ('metadata.timestamp')
    is_lead: bool = False  # this draft is such furniture, cut off the start of the next draft's line


@dataclass
class _State:
    """What the line-by-line pass has learned so far about the article."""

    title: str | None = None
    section: str | None = None
    title_keys: frozenset[str] = frozenset()
    repeat_span: tuple[int, int] = (0, -1)  # line lengths that can possibly repeat the title
    title_done: bool = False  # the title position has been decided (a title, or none)
    opens_story: Callable[[str], bool] | None = None  # the line opens the story with its dateline credit
    content_seen: bool = False  # a standfirst/heading/body candidate has been seen
    body_started: bool = False
    story_chars: int = 0  # characters of the standfirst and body lines so far
    ended: bool = False  # an end marker was passed
    pending_links: int = 0  # headline-like lines still to take as links of a bare 'ये भी पढ़ें'
    header_links: int = 0  # short lines still to take as the topic links of a 'Related Topics' bar in the header
    links_taken: int = 0  # links taken since that marker
    spaced: bool = True  # every line so far came after a blank line (some pages space all lines)
    after_gap: bool = False  # a blank line precedes the current line
    summary_left: int = 0  # lines still to take as summary after a 'सार' / 'Highlights' label
    caption_next: bool = False  # the line before was a caption's label alone ('Image caption,')
    in_menu: bool = False  # the line before, above the title, was a menu item
    dateline: str | None = None  # from a line that is only a dateline, above the story
    title_tail: tuple[str, str] | None = None  # (headline, place) when a dateline may be glued after the title
    page: list[str] = field(default_factory=list)  # the page's lines, as split (for cues the whole page gives)
    words: Counter[str] | None = None  # the page's words, casefolded, counted (_page_words: read when needed)
    listed: bool | None = None  # the language's word list reads the page (_list_reads: asked when needed)
    link_lines: set[int] = field(default_factory=set)  # lines holding a related link's marker word (_may_hold_link)
    line_no: int = 0  # the line being classified
    last_rule: str = ""  # the rule of the line before


def segment(text: str, rules: Rules, *, opens_story: Callable[[str], bool] | None = None,
            not_title: frozenset[str] = frozenset()) -> Segmented:
    """Split a decoded article into classified blocks (one per non-empty line) and its fields.

    `opens_story`: whether a line opens with a dateline credit ('ملتان (نیوز ڈیسک) ...', 'वॉशिंगटन (एपी)
    ...'; the parser passes provenance's reading of one): such a first line is the story's lead on a page
    saved without its headline, never the title. `not_title`: lines (as blocks print them) that the
    furniture stage learned in the page's source; above the title they are furniture (`repeated`), so the
    title is looked for under them (the parser passes a site's masthead or tagline it took for the title)."""
    page = split_lines(text)
    state = _State(opens_story=opens_story, page=page)
    also_read: list[str] = []
    drafts: list[_Draft] = []
    previous = 0
    for line_no, raw in enumerate(page, start=1):
        line = _normalise(raw)
        if not line:
            continue
        state.line_no = line_no
        state.after_gap = line_no > previous + 1
        state.spaced = state.spaced and (state.after_gap or not previous)
        previous = line_no
        cells = _cells(raw, rules) if "\t" in line or "  " in raw or "\u00a0" in raw else None
        if cells is not None and not state.ended and not rules.markup_only.match(line):
            rule = _table_row_rule(cells, raw, rules)
            if rule is not None:
                state.pending_links = 0
                drafts.append(_Draft(line_no, "\t".join(cells), "table_row", rule))
                continue
        if "\t" in line:
            line = line.replace("\t", " ")  # normalize_line leaves each tab run as one tab
        lead, lead_rule, lead_kind = "", "", "boilerplate"
        folded = spelling_key(line.casefold())
        cut = None
        if rules.leads.limits and not state.ended and (
                (rules.lead_words is not None and rules.lead_words.search(folded, 0, LEAD_MAX_CHARS))
                or (rules.lead_opens is not None and rules.lead_opens.match(line))):
            cut = _cut_lead(line, folded, rules)
        if not state.ended and _may_hold_link(folded, rules):
            state.link_lines.add(line_no)
            if cut is None:
                cut = _cut_glued_link(line, rules, state, also_read)
        if cut is not None:
            lead, lead_rule, lead_kind, rest = cut
            if not rest:
                drafts.append(_Draft(line_no, line, lead_kind, lead_rule))
                continue
            line, folded = rest, spelling_key(rest.casefold())
        if not state.title_done and line in not_title:
            drafts.append(_Draft(line_no, line, "boilerplate", LEARNED_RULE))
            continue
        kind, rule = _classify(line, folded, rules, state, also_read)
        if kind in ("body", "standfirst"):
            state.story_chars += len(line)
        state.last_rule = rule
        header = cells if cells is not None and _header_shaped(cells, rules) else None
        drafts.append(_Draft(line_no, line, kind, rule, header, lead, lead_rule, lead_kind))
    _settle_table_headers(drafts)
    _settle_standfirst(drafts, rules)
    _settle_introduced_lists(drafts)
    _settle_captions_over_credits(drafts)
    _settle_closing_credit(drafts)
    _settle_credit_places(drafts, rules)
    _settle_header_lines(drafts, rules)
    _settle_header_credits(drafts, rules)
    also_read.extend(_settle_link_runs(drafts, rules))
    _settle_fenced_boxes(drafts)
    stored = _stored_text(drafts)  # one line per line, before asides split a line into several blocks
    drafts = _split_glued_links(_split_trailers(_split_asides(_split_leads(drafts)), rules), rules, state, also_read)
    drafts = _split_glued_headlines(drafts, rules, state)
    drafts = _split_caption_heads(drafts, rules)
    drafts = _split_title_dateline(drafts, rules, state)
    drafts = _cut_promos(drafts, rules)
    _settle_headings(drafts, rules)
    # An interview's label opens no dateline: the paragraph after it may ('A. ...', then 'पटना: ...').
    first_body = next((d.text for d in drafts if d.kind == "body" and d.rule != "interview_line"), None)
    standfirst = "\n".join(d.text for d in drafts if d.kind == "standfirst") or None
    return Segmented(
        title=state.title,
        section=state.section,
        standfirst=standfirst,
        dateline=(find_dateline(first_body, rules) if first_body else None) or state.dateline,
        blocks=[Block(i, d.line_no, d.kind, d.text, d.rule) for i, d in enumerate(drafts)],
        also_read=also_read,
        text=stored,
    )


CAPTION_HEAD_SENTENCES = 2  # sentences before a caption's own that are the story's, not the caption's


def _split_caption_heads(drafts: list[_Draft], rules: Rules) -> list[_Draft]:
    """A caption rule that took a line by its end ('... की फाइल फोटो', '... (फोटो: पीटीआई)', '... - Photo: AP') took
    the whole line: where a scraper glued the caption onto a paragraph, the paragraph went with it. The
    sentences before the one the caption's match starts in stay body ('paragraph_before_caption') when they
    are CAPTION_HEAD_SENTENCES or more: a caption is a sentence and its credit ('... बना रहे हैं। (… फोटो एपी के
    माध्यम से) (एपी)', a caption the samples print), seldom more."""
    out: list[_Draft] = []
    for draft in drafts:
        cut = _caption_head_end(draft.text, rules) if draft.kind == "caption" else None
        if cut is None:
            out.append(draft)
            continue
        out.append(replace(draft, text=draft.text[:cut].rstrip(), kind="body", rule="paragraph_before_caption"))
        out.append(replace(draft, text=draft.text[cut:].lstrip(), lead="", lead_rule=""))
    return out


def _caption_head_end(text: str, rules: Rules) -> int | None:
    """Where the caption starts in text (see _split_caption_heads), or None when it is all caption. The
    caption rules are asked again, as _classify asked them: only caption lines pay for it."""
    hit = rules.captions.first_match(text, spelling_key(text.casefold()))
    if hit is None or hit[1].start() == 0:
        return None
    starts = [a for a, _ in sentence_spans(text) if a <= hit[1].start()]
    if not starts or starts[-1] == 0:
        return None
    head = text[:starts[-1]].rstrip()
    return starts[-1] if len(sentence_spans(head)) >= CAPTION_HEAD_SENTENCES else None


def _stored_text(drafts: list[_Draft]) -> str:
    """The decoded text as the segmenter read it, line for line: each non-empty line normalised (a table
    row keeps one tab between its cells, a tab elsewhere is a space), every other line empty.

    Kept in raw.files: a line keeps its number, so `newsdw reparse` gives each block the line number it
    had in the file. Built from the drafts, which already hold every normalised line (normalising each
    line a second time was ~10% of parsing).
    """
    out: list[str] = []
    for draft in drafts:
        out.extend([""] * (draft.line_no - len(out) - 1))
        out.append(draft.lead + draft.text)  # lead is "" unless furniture was cut off the line's start
    return "\n".join(out)


def _normalise(raw: str) -> str:
    # normalize_line makes five passes over the line (~0.1 ms per KB of Indic text); most lines of
    # a decoded article are already clean. A line that is printable (so no control, format/invisible
    # or non-ASCII space characters), NFC, single-spaced and trimmed is returned unchanged by
    # normalize_line, so it is returned as is. tests/steps/test_segment.py checks the equivalence.
    if (
        raw.isprintable()
        and "  " not in raw
        and not raw.startswith(" ")
        and not raw.endswith(" ")
        and unicodedata.is_normalized("NFC", raw)
    ):
        return raw
    return normalize_line(raw)


def _cells(raw: str, rules: Rules) -> tuple[str, ...] | None:
    """The normalised cells of a line split at tabs and wide spaces, if it has 2..max_cells short ones."""
    cells = tuple(c for c in (normalize_line(part) for part in rules.table.cell_gap.split(raw)) if c)
    if not 2 <= len(cells) <= rules.table.max_cells:
        return None
    if any(len(c) > rules.table.max_cell_chars for c in cells):
        return None
    return cells


def _table_row_rule(cells: tuple[str, ...], raw: str, rules: Rules) -> str | None:
    """'tab_separated' / 'aligned_columns' when the cells are a table row, else None."""
    numbers = [c for c in cells if rules.table.number_cell.match(c)]
    if not numbers:
        return None
    spaced = " ".join(cells)
    if rules.stamp_label.search(spaced) and parse_timestamp(spaced) is not None:
        return None  # 'Updated:<TAB>5 Apr 2021, 10:15': a labelled stamp
    if all(rules.table.clock_cell.match(c) for c in numbers) and any(
        parse_timestamp(c) is not None for c in cells
    ):
        return None  # '05 Mar 2024    10:30': a stamp with its date and time spaced apart
    return "tab_separated" if "\t" in raw else "aligned_columns"


def _header_shaped(cells: tuple[str, ...], rules: Rules) -> bool:
    return all(len(c) <= rules.table.header_max_cell_chars for c in cells) and not any(
        rules.table.number_cell.match(c) or c[-1] in rules.sentence_end for c in cells
    )


def is_labelled_stamp(text: str, rules: Rules) -> bool:
    """Whether a line carries a publication/update label ('Updated:', 'प्रकाशित', 'شائع')."""
    return rules.stamp_label.search(text) is not None


_FRAME_OPENERS = frozenset("-–—~=_|[(")
_FRAME_OPEN = re.compile(r"[\-–—~=_|\[(]+\s*")
_FRAME_CLOSER = {"[": "]", "(": ")"}


def _unframed(line: str) -> str | None:
    """The line without the dashes or brackets around it ('- Advertisement -' -> 'Advertisement', '[...]'),
    or None. Only what mirrors the opening run closes it: a caption's '(AP)' keeps its bracket in '- ... (AP)'."""
    opening = _FRAME_OPEN.match(line)
    if opening is None:
        return None
    closers = "".join(_FRAME_CLOSER.get(c, c) for c in opening.group().rstrip())
    inner = line[opening.end():].rstrip().rstrip(closers).rstrip()
    return inner or None


# End markers a box inside the story may carry as its header ('Related', 'ताज़ा ख़बरें', 'Most Read', a video
# rail's 'Latest Videos'): the story may go on after the box. Tags, comments and disclaimers end it.
_BOX_MARKERS = frozenset({"end.related_list", "end.video_rail"})
RESUME_MIN_CHARS = 150  # a paragraph of the story, after a box: this long, ending a sentence


# How a story signs off: '(इनपुट- भाषा)', '(With inputs from PTI)'.
SIGN_OFF_RULES = frozenset({"metadata.agency_credit"})


def _story_resumes(state: _State, rules: Rules) -> bool:
    """Whether two paragraphs in a row follow, further down the page (RESUME_MIN_CHARS or more, each ending
    a sentence), or one and the story's sign-off right under it (SIGN_OFF_RULES): the story's text after a
    box. A list of links prints none; one of teasers prints a headline between them, and signs off no story."""
    run = 0
    for raw in state.page[state.line_no:]:
        line = raw.strip()
        if not line:
            continue
        if run == 1 and _signs_off(line, rules):
            return True
        run = run + 1 if len(line) >= RESUME_MIN_CHARS and _ends_sentence(line, rules) else 0
        if run == 2:
            return True
    return False


def _signs_off(line: str, rules: Rules) -> bool:
    hit = rules.furniture.first_match(line, spelling_key(line.casefold()))
    return hit is not None and hit[0].name in SIGN_OFF_RULES


def _first_match(rules: RuleList, views: tuple[tuple[str, str], ...]) -> tuple[LineRule, re.Match[str]] | None:
    """The first rule matching the line (views[0]: it and its spelling key), else its unframed text (views[1])."""
    for line, folded in views:
        hit = rules.first_match(line, folded)
        if hit is not None:
            return hit
    return None


def _classify(line: str, folded: str, rules: Rules, state: _State, also_read: list[str]) -> tuple[str, str]:
    """Kind and rule name for one line (`folded`: spelling_key(line.casefold())); the order here is the documented
    rule order."""
    if rules.markup_only.match(line):
        return "boilerplate", "markup_only"
    if state.ended:
        return "boilerplate", "after_end_marker"
    caption_next, state.caption_next = state.caption_next, False  # only the line right after the label
    # The line rules read the line without a bullet or arrow before it; the title and content rules read
    # it whole (a bulleted list item is body).
    bare = line
    decoration = rules.decoration.match(line)
    if decoration is not None and decoration.end() < len(line):  # '❶' alone is a decoration and a digit
        bare = line[decoration.end():]
        folded = spelling_key(bare.casefold())
    # Dashes or brackets around it ('- Advertisement -', '[Advertisement]', '- ये भी पढ़ें: ...') are a frame:
    # a rule that does not take the line is tried on what is inside (rules that read the dash go first).
    framed = _unframed(bare) if bare[0] in _FRAME_OPENERS else None
    views = ((bare, folded),) if framed is None else ((bare, folded), (framed, spelling_key(framed.casefold())))
    hit = _first_match(rules.end_markers, views)
    if hit is not None:
        if state.body_started and hit[0].name in _BOX_MARKERS and _story_resumes(state, rules):
            # A related box inside the story, which goes on after it: its header, then its links.
            state.pending_links, state.links_taken = rules.also_read_max_links, 0
            return "boilerplate", hit[0].name
        if state.body_started and state.story_chars < RESUME_MIN_CHARS * 2 and _story_resumes(state, rules):
            # A page's bar above the story ('post a comment', 'Most Popular' in a whole page's header): what
            # read as the story so far is a teaser or a dek, shorter than two paragraphs of the story under it.
            return "boilerplate", hit[0].name
        # A 'Trending' bar or 'Tags' strip above the article must not swallow the article: only the short
        # topic links printed under it there ('Related Topics' / 'Coronavirus pandemic' / 'Boris Johnson').
        state.ended = state.body_started
        if not state.body_started and state.title_done and hit[0].name in _LINK_LIST_MARKERS:
            state.header_links = rules.also_read_max_links
        return "boilerplate", hit[0].name
    hit = _first_match(rules.furniture, views)
    if hit is not None:
        rule, match = hit
        state.pending_links = state.header_links = 0
        if rule.opens_summary and not state.body_started:
            state.summary_left = rules.highlights_max_lines
        elif rule.closes_summary:
            state.summary_left = 0
        elif rule.opens_options and not state.body_started:
            state.header_links = rules.also_read_max_links  # taken as the topic links under a 'Tags' bar are
        if rule.also_read:
            link = _link_text(match.groupdict().get("link") or "")
            if link:
                also_read.append(link)
            else:
                state.pending_links, state.links_taken = rules.also_read_max_links, 0
        return rule.kind, rule.name
    hit = _first_match(rules.promos, views)
    if hit is not None:
        # A promo sentence that stands as a line of its own, anywhere on the page (_cut_promos cuts the
        # ones glued to the end of the last paragraph).
        state.pending_links = state.header_links = 0
        return "boilerplate", hit[0].name
    if state.header_links:
        state.header_links -= 1
        if len(bare) <= HEADER_LINK_MAX_CHARS and len(bare.split()) <= HEADER_LINK_MAX_WORDS and (
                bare[-1] not in rules.sentence_end and not state.after_gap):
            return "boilerplate", "header_link"
        state.header_links = 0
    if state.pending_links:
        # The links are a block of consecutive lines (a blank line may follow the marker itself);
        # a blank line after them means the article has resumed, even with a short heading.
        # On a page that puts a blank line between all its lines, only the links' shape can tell.
        if _looks_like_link(bare, rules) and not (state.after_gap and state.links_taken and not state.spaced) and (
                _first_match(rules.captions, views) is None):  # the photo under the links ('Image caption ...')
            state.pending_links -= 1
            state.links_taken += 1
            also_read.append(_link_text(bare))
            return "boilerplate", "also_read_link"
        state.pending_links = 0
    if not state.title_done:
        if _menu_line(bare, state.page[state.line_no - 1], rules):
            state.in_menu = True
            return "boilerplate", "menu_item"
        menu_shaped = _menu_item(bare, rules)
        if menu_shaped and (state.in_menu or _menu_item(_next_text(state.page, state.line_no), rules)):
            # A site's menu above the headline ('Home' / 'World' / 'Business', 'होम' / 'देश' / 'राज्य'): two items
            # or more in a row, each a few words. No title is that short; the title is still to come. A
            # section's name in it ('देश', 'World') is a link of the menu, not the page's section.
            state.in_menu = True
            return "boilerplate", "menu_item"
        label = rules.section_only.match(line)
        if label is not None or any(p.match(line) for p in rules.section_lines):
            state.section = label["label"] if label is not None else line
            return "metadata", "section_line"
        if menu_shaped and len(bare.split()) == 1:
            # One word alone over the headline is a kicker ('Cricket', 'राजनीति') or a menu's last
            # item, never the title: no headline is one word. Not taken for the section, nor for a credit.
            return "metadata", "kicker"
        caption = _first_match(rules.captions, views)
        if caption is not None and not caption[0].may_be_headline:
            # A photo's caption above the headline, or on a page printed without one ('تصویر کے کاپی رائٹ
            # AFP Image caption ...', 'Image copyright Getty Images Image caption ...'): never the title. A
            # line that only speaks of pictures may be a gallery's headline ('तस्वीरों में देखें: ...').
            return "caption", caption[0].name
        if _kicker_over_headline(bare, state, rules):
            # A topic or a label over the headline ('فیفا ورلڈ کپ' / 'میسی سے ارجنٹینا کو بڑی امیدیں'): the
            # longer line under it is the headline.
            return "metadata", "kicker"
        if state.last_rule in _CREDIT_RULES and _credit_then_place(bare, rules):
            # A credit and its place under a byline or stamp above the headline ('By Jane Smith' / 'BBC News,
            # Delhi'): the header's, never the title (_settle_header_credits reads the same shape under it).
            return "metadata", "header_credit"
        dateline = _dateline_line(line, rules, state)
        if dateline is not None:
            # A dateline alone at the top ('नई दिल्ली (भाषा)', 'کراچی (اسٹاف رپورٹر)') on a page saved without its
            # headline: never the title; a headline may still follow it.
            return "metadata", dateline
        state.title_done = True
        if state.opens_story is not None and state.opens_story(line):
            state.content_seen = state.body_started = True
            return "body", "dateline_paragraph"
        if _headline_shaped(line, rules) and not _outsized_for_page(line, state.page[state.line_no:], rules):
            _set_title(line, rules, state)
            return "title", "first_line"
    low, high = state.repeat_span
    if low <= len(bare) <= high and _key(bare) in state.title_keys:
        return "boilerplate", "title_repeat"
    if caption_next and len(bare) <= rules.captions.limits[-1]:  # the longest line a caption rule reads
        return "caption", "caption_after_label"
    if rules.caption_label_line.match(bare):
        state.caption_next = True  # BBC prints the label, then the caption on a line of its own
        return "boilerplate", "caption_label_line"
    hit = _first_match(rules.captions, views)
    if hit is not None:
        return "caption", hit[0].name
    return _classify_content(line, rules, state)


def _classify_content(line: str, rules: Rules, state: _State) -> tuple[str, str]:
    first = not state.content_seen
    state.content_seen = True
    if state.summary_left and not state.body_started:
        # Summary lines are short, and after the first one each is one sentence: a line holding two
        # is the story's, printed with no 'विस्तार' label between (NBT's 'हाइलाइट्स', then the story).
        taken = rules.highlights_max_lines - state.summary_left
        if len(line) <= rules.highlights_max_chars and find_dateline(line, rules) is None and not (
                taken and _two_sentences(line, rules)):
            state.summary_left -= 1
            return "standfirst", "highlights"
        state.summary_left = 0
    if line[0] in rules.bullets:
        state.body_started = True
        return "body", "list_item"
    if rules.interview_line.match(line):
        return "body", "interview_line"  # the story's; a dateline may still follow ('A. ...', then 'पटना: ...')
    if not state.body_started:
        dateline = _dateline_line(line, rules, state)
        if dateline is not None:
            return "metadata", dateline
        if find_dateline(line, rules) is not None:
            state.body_started = True
            return "body", "dateline_paragraph"
        if first and _standfirst_shaped(line, rules):
            return "standfirst", "standfirst"
    heading = _heading_shape(line, rules)
    if heading is not None:
        return "heading", heading
    state.body_started = True
    return "body", "paragraph"


def _set_title(line: str, rules: Rules, state: _State) -> None:
    title = line
    labelled = rules.section_label.match(line)
    if labelled is not None:
        state.section = labelled["label"]
        # A topic word before a colon is the headline's kicker, printed as part of it ('मौसम: ...', 'Cricket:
        # ...', like 'North Korea Russia Support: ...'): the title keeps it. Page chrome is cut off: a label
        # before a bar, an arrow or a dash ('देश | ...', 'खेल - ...'), or one naming no topic ('Breaking News: ...').
        if labelled["sep"].strip() != ":" or labelled["label"].casefold() in rules.bare_labels:
            title = labelled["rest"]
    else:
        bare = rules.bare_section_label.match(line)
        if bare is not None and bare["next"].casefold() not in rules.section_blockers:
            state.section, title = bare["label"], bare["next"] + bare["tail"]
    state.title = title
    keys = {_key(line), _key(title)}
    state.title_tail = _dateline_tail(title, rules)
    if state.title_tail is not None:
        keys.add(_key(state.title_tail[0]))  # the headline printed again without the place
    topic = rules.topic_prefix.match(title)
    if topic is not None and len(topic["prefix"].split()) <= rules.topic_prefix_max_words:
        keys.add(_key(topic["rest"]))
    suffix = rules.site_suffix.match(title)
    if suffix is not None:
        keys.add(_key(suffix["head"]))
    keys.discard("")
    state.title_keys = frozenset(keys)
    if keys:
        # A key drops only spaces and punctuation, so a repeat is at least as long as the shortest
        # key and (about one space per 4-5 letters) not much longer than the longest: a cheap
        # length test spares computing keys of body paragraphs.
        state.repeat_span = (min(map(len, keys)), int(1.5 * max(map(len, keys))) + 10)


def _dateline_tail(title: str, rules: Rules) -> tuple[str, str] | None:
    """(headline, place) when the title may end with the story's dateline glued on after a space.

    Some pages print the dateline on the headline's line ('...فائدہ دیتی ہے لاہور'). The headline's
    sentence ends on its closing auxiliary ([title] final_verbs, with enough words before it); the one
    or two words after it are the place when none is a function word, a verb or a number. A question,
    or a head holding a question or manner word ('...ऐसे बनती है हैदराबादी बिरयानी'), puts its subject
    last on purpose: no place is read there. _split_title_dateline decides with the next line."""
    if any(c in title for c in _ASKS):
        return None
    words = title.split()
    for n in range(1, rules.dateline_tail_max_words + 1):
        head, tail = words[:-n], words[-n:]
        if len(head) < rules.dateline_tail_min_head_words + 1:
            return None
        if not _closes_sentence(head, rules):
            continue
        if not all(_place_word(w, rules) for w in tail):
            return None
        if any(w.strip(_QUOTES + ",،:").casefold() in rules.title_inversion_words for w in head):
            return None
        return " ".join(head), " ".join(tail)
    return None


def _closes_sentence(words: list[str], rules: Rules) -> bool:
    """The last word is a sentence's closing auxiliary: one of [title] final_verbs, or an inceptive
    verb right after an infinitive ('ہونے لگی', 'होने लगा')."""
    last = words[-1].casefold()
    return last in rules.title_final_verbs or (
        last in rules.title_inceptive_verbs and words[-2].endswith(rules.title_infinitive_endings))


def _place_word(word: str, rules: Rules) -> bool:
    """A word that can be part of a place name: a letter, then letters and their vowel signs only; no
    function word."""
    return word[0].isalpha() and word.casefold() not in rules.title_tail_blockers and all(
        c.isalpha() or unicodedata.category(c).startswith("M") for c in word)


def _title_index(drafts: list[_Draft]) -> int | None:
    """Where the title is among the drafts, if any."""
    return next((i for i, d in enumerate(drafts) if d.kind == "title"), None)


def _split_title_dateline(drafts: list[_Draft], rules: Rules, state: _State) -> list[_Draft]:
    """Split a dateline glued after the headline (_dateline_tail) off the title line as metadata
    (``title_dateline``): the title keeps the headline, the place becomes the article's dateline. Only
    when the story's next line does not open with a dateline of its own: then the place was moved up
    from it, and is not the end of the headline."""
    if state.title_tail is None:
        return drafts
    at = _title_index(drafts)
    if at is None:
        return drafts
    nxt = next((d for d in drafts[at + 1:] if d.kind in ("standfirst", "heading", "body")), None)
    if nxt is None or find_dateline(nxt.text, rules) is not None or (
            state.opens_story is not None and state.opens_story(nxt.text)):
        return drafts
    head, place = state.title_tail
    title = drafts[at]
    cut = _Draft(title.line_no, title.text[: len(title.text) - len(place)].rstrip(), "title", title.rule)
    state.title = head
    state.dateline = state.dateline or place
    return [*drafts[:at], cut, _Draft(title.line_no, place, "metadata", "title_dateline"), *drafts[at + 1:]]


def _key(text: str) -> str:
    return _KEY_DROP.sub("", text.casefold())


def _link_text(text: str) -> str:
    return text.strip(" \t:：-–—|»>•·\"'“”‘’")


def _looks_like_link(line: str, rules: Rules) -> bool:
    # Linked headlines end without a full stop/danda (a '?' or '!' is fine, and so is a teaser's run of
    # stops: '...', '۔۔۔'); a sentence means the article has resumed, also one ending inside a quote
    # ('... کہا کہ 'وہ ٹھیک ہیں۔''), or one a credit follows ('... है। [इनपुट: भाषा]', '... है। - भाषा').
    end = line.rstrip(rules.closing_quotes) or line
    if len(line) > rules.also_read_link_max_chars:
        return False
    unended = end[-1] not in rules.sentence_end or end[-1] in _ASKS or _teaser(end, rules)
    return unended and not _sentence_then_credit(end, rules)


def _teaser(line: str, rules: Rules) -> bool:
    """A headline trailing off in a run of stops ('...मगर...', '...مگر۔۔۔'), not a sentence's one."""
    return len(line) > 2 and line[-1] in rules.sentence_end and line[-2] == line[-1]


def _headline_shaped(line: str, rules: Rules) -> bool:
    """Whether the first line can be the headline: not a paragraph of a page saved without one."""
    teaser = _trails_off(line, rules)
    if len(line) > (rules.title_max_chars if teaser else rules.title_plain_max_chars):
        return False
    if _ends_with_full_stop(line, rules) or (
            line.rsplit(None, 1)[-1].casefold() in rules.title_cannot_end and not rules.title_when_ending.search(line)):
        return False
    if line.split(None, 1)[0].strip(_QUOTES + ",،").casefold() in rules.title_cannot_start:
        return False
    return teaser or len(line) < rules.title_inner_stop_min_chars or not _two_sentences(line, rules)


MENU_ITEM_MAX_WORDS = 2  # an 'and' between two words not counted ('Science & Environment', 'शहर और राज्य')
MENU_ITEM_MAX_CHARS = 30
_MENU_AND = frozenset({"&", "and", "और", "एवं", "व", "आणि", "र", "اور", "و"})


def _menu_item(line: str, rules: Rules) -> bool:
    """Whether a line is shaped like a menu's item: one or two words, _unbroken."""
    return (0 < len(line) <= MENU_ITEM_MAX_CHARS
            and len([w for w in line.split() if w.casefold() not in _MENU_AND]) <= MENU_ITEM_MAX_WORDS
            and _unbroken(line, rules))


_LABEL_BREAKS = frozenset(":：|,،")


def _unbroken(line: str, rules: Rules) -> bool:
    """No sentence end, colon, bar or comma in the line: a label (a menu's item, a kicker), not a dateline line
    ('नई दिल्ली, एजेंसी'), a byline ('BBC News, Delhi') or a headline's parts."""
    return not any(c in rules.sentence_end or c in _LABEL_BREAKS for c in line)


KICKER_MAX_WORDS = 3
KICKER_HEADLINE_MIN_WORDS = 5


def _kicker_over_headline(line: str, state: _State, rules: Rules) -> bool:
    """A short topic or label over the headline ('فیفا ورلڈ کپ' / 'میسی سے ارجنٹینا کو بڑی امیدیں', 'IPL 2020' /
    'मुंबई इंडियंस ने पांचवीं बार जीता खिताब'): at most KICKER_MAX_WORDS words (MENU_ITEM_MAX_CHARS characters),
    _unbroken, and right under it a headline-shaped line of KICKER_HEADLINE_MIN_WORDS
    words or more that ends no sentence and that no furniture, end-marker or dateline rule takes (a stamp
    'Updated: Dec 26, 2020, 10:30 IST' under a short headline leaves it the title): the longer line is the
    headline."""
    if len(line) > MENU_ITEM_MAX_CHARS or len(line.split()) > KICKER_MAX_WORDS or not _unbroken(line, rules):
        return False
    below = _next_text(state.page, state.line_no)
    if len(below.split()) < KICKER_HEADLINE_MIN_WORDS or below[-1] in rules.sentence_end or not _headline_shaped(
            below, rules):
        return False
    folded = spelling_key(below.casefold())
    return (rules.furniture.first_match(below, folded) is None and rules.end_markers.first_match(below, folded) is None
            and _dateline_line_match(below, rules) is None
            and not (state.opens_story is not None and state.opens_story(below)))


MENU_LINE_MIN_ITEMS = 4
_MENU_CELLS = re.compile(r"\t|\s{2,}|\s[•·|]\s")


def _menu_line_regex(section: dict[str, Any]) -> re.Pattern[str]:
    """MENU_LINE_MIN_ITEMS or more section names or menu words ([section] labels, menu_words) and nothing else,
    an 'and' or a bullet between two allowed."""
    item = _alternation([*section["labels"], *section["menu_words"]])
    joint = "|".join(re.escape(w) for w in sorted(_MENU_AND))
    return _regex(rf"^(?:{item}(?:\s+(?:{joint})\s+{item})?(?:\s*[•·|/]\s*|\s+|$)){{{MENU_LINE_MIN_ITEMS},}}$")


def _menu_line(line: str, raw: str, rules: Rules) -> bool:
    """A site's menu printed on one line over the headline: MENU_LINE_MIN_ITEMS items or more, each a section's
    name or a menu word ('Home India World Business Sport', 'होम देश विदेश मनोरंजन खेल'), or each of a menu item's
    shape (_menu_item) where the scraper kept two spaces, a tab or a bullet between them ('Home  Coronavirus  UK
    World'; no figure: a table's header row has its rows under it). A headline is a sentence of other words."""
    if rules.menu_line.match(line) is not None:
        return True
    cells = [c for c in _MENU_CELLS.split(raw.strip()) if c.strip()]
    return (len(cells) >= MENU_LINE_MIN_ITEMS and not any(c.isdigit() for c in raw)
            and all(_menu_item(c.strip(), rules) for c in cells))


def _next_text(page: list[str], start: int) -> str:
    """The first non-blank line of `page` from index `start` on, stripped."""
    return next((raw.strip() for raw in itertools.islice(page, start, None) if raw.strip()), "")


def _outsized_for_page(line: str, later: list[str], rules: Rules) -> bool:
    """Whether a first line is longer than the paragraphs of a page that ends none of its lines with a stop
    (so its own lack of one says nothing): more words than the median of the later lines of
    title_page_paragraph_min_words or more, when there are title_page_min_paragraphs of them and none
    ends a sentence. A headline is shorter than its story's paragraphs."""
    words = len(line.split())
    least = rules.title_page_paragraph_min_words
    if words <= least:  # never more than a median of lines of `least` words or more
        return False
    counts = []
    for raw in later:
        end = raw.rstrip()
        if not end:
            continue
        n = len(end.split())
        if n < least:
            continue
        if _ends_sentence(end, rules):
            return False  # the page ends its sentences: the first line's own end is the cue
        counts.append(n)
    return len(counts) >= rules.title_page_min_paragraphs and words > statistics.median(counts)


def _trails_off(line: str, rules: Rules) -> bool:
    """A headline with its teaser cut off: '... ने कहा ...', '... کی ...'."""
    end = line.rstrip(rules.closing_quotes + " ")
    return end.endswith(("..", "…", "۔۔"))


def _two_sentences(line: str, rules: Rules) -> bool:
    """A full stop inside the line ends a sentence that two or more words follow ('...शुरू हुआ.अधिकारियों के ...',
    '... کر دیا ہے۔ حکام کے ...'); not one after an abbreviation, an initial or inside a number."""
    for stop in rules.inner_stop.finditer(line):
        before = line[: stop.start()].split()
        word = before[-1].strip(rules.closing_quotes + "([") if before and not line[stop.start() - 1].isspace() else ""
        if word and (word.casefold() in rules.abbreviations or "." in word or (len(word) == 1 and word.isascii())):
            continue
        after = line[stop.end():].split()
        if len(after) >= 2 and "." not in after[0]:  # not 'पी.एम. मोदी': the next initial
            return True
    return False


def _ends_with_full_stop(line: str, rules: Rules) -> bool:
    # Headlines do not end with a full stop or danda (a '?', '!' or a teaser's '...' they may have): a
    # first line that does is the story's first paragraph on a page saved without its headline. An
    # opening bracket after the stop ('...रहती हैं.(') starts an aside, a related headline cut off.
    end = line.rstrip(rules.closing_quotes + " ([")
    return bool(end) and end[-1] in rules.sentence_end and end[-1] not in _ASKS and not end.endswith("..")


def _ends_sentence(line: str, rules: Rules) -> bool:
    return line[-1] in rules.sentence_end or line[-1] in rules.closing_quotes or line[-1] == "…"


def _standfirst_shaped(line: str, rules: Rules) -> bool:
    return (
        len(line) <= rules.standfirst_max_chars
        and len(line.split()) >= rules.standfirst_min_words
        and len(rules.sentences.findall(line)) <= rules.standfirst_max_sentences
    )


def _heading_shape(line: str, rules: Rules) -> str | None:
    """'short_line' / 'question_line' if the line is shaped like a sub-heading, else None."""
    if len(line) > rules.heading_max_chars or len(line.split()) > rules.heading_max_words:
        return None
    if line[-1] in "?؟":
        return "question_line"
    if line[0] in _QUOTES and line[-1] in _QUOTES and line[-2] not in rules.sentence_end:
        return "quoted_line"  # a headline in quotes: ’...کریں گے‘, "'हम लड़ेंगे'"
    if _ends_sentence(line, rules) or line[-1] in ":;," or _typed_danda(line) or _sentence_then_credit(line, rules):
        return None
    return "short_line"


def _typed_danda(line: str) -> bool:
    """A '|' typed for a danda after a Devanagari word ('... कोशिश जारी है|', '... है |')."""
    end = line[:-1].rstrip()
    return line[-1] == "|" and bool(end) and "\u0900" <= end[-1] <= "\u097f"


# A credit after a paragraph's last stop: '- भाषा', 'इनपुट: भाषा', 'Input: IANS', '#दिल्ली #बारिश'.
TRAILER_MAX_WORDS = 4


def _trailer_start(line: str, rules: Rules) -> int | None:
    """Where a short run after the line's last stop, or after a spaced dash, starts ('... जारी है। - भाषा',
    '... जारी है - एजेंसी' -> at '- ...'): at most TRAILER_MAX_WORDS words after three or more, not in brackets
    (_split_asides cuts those, and leaves a one-word '(भाषा)' for provenance); None when the line ends at a stop."""
    if line[-1] in rules.sentence_end or line[-1] in rules.closing_quotes:
        return None
    stop = max(_last_stop(line, rules), _last_spaced_dash(line) - 1)
    if stop < 1:
        return None
    at = stop + 1
    while at < len(line) and line[at] in rules.closing_quotes:
        at += 1
    trailer = line[at:].strip()
    if not trailer or trailer[0] in "([" or len(trailer.split()) > TRAILER_MAX_WORDS or len(
            line[:stop].split()) < 3:
        return None
    return at


def _last_stop(line: str, rules: Rules) -> int:
    """Where the last sentence end in the line's last TRAILER_CHARS stands, or -1. A full stop only before a
    space or a quote and after a word of three characters or more with no stop in it, or a clock time's am or
    pm ('5:30 PM.', '10 a.m.'): not '20.07.16', 'डॉ. सिंह', 'U.S. officials'."""
    for i in range(len(line) - 1, max(0, len(line) - TRAILER_CHARS) - 1, -1):
        c = line[i]
        if c not in rules.sentence_end:
            continue
        if c != ".":
            return i
        after = line[i + 1:i + 2]
        word = line[:i].rsplit(None, 1)[-1] if line[:i].strip() else ""
        if (after.isspace() or after in rules.closing_quotes) and (
                (len(word) >= 3 and "." not in word) or _CLOCK_BEFORE.search(line, 0, i)):
            return i
    return -1


# A clock time's 'am' or 'pm' right before a full stop ('... at 5:30 PM. #Delhi', '... at 10 a.m. Input: IANS'):
# the stop ends the sentence, though the word is short or dotted.
_CLOCK_BEFORE = re.compile(r"\d\s*[ap]\.?m$", re.IGNORECASE)
TRAILER_CHARS = 60  # how far from the line's end a trailer's stop or dash is looked for
_SPACED_DASH = re.compile(r"\s[-–—]\s*(?=\S[^-–—]*$)")


def _last_spaced_dash(line: str) -> int:
    """Where the last dash with a space before it stands, or -1."""
    m = _SPACED_DASH.search(line, max(0, len(line) - TRAILER_CHARS))
    return m.start() + 1 if m is not None else -1


def _trailer_rule(trailer: str, rules: Rules) -> LineRule | None:
    """The furniture rule that takes a run after a line's last stop as a line of its own, as printed or
    unframed ('- भाषा' -> 'भाषा'); None for a run without a letter ('... पहुंची। 1,204': a figure is no credit,
    whatever a stamp rule says)."""
    trailer = trailer.strip()
    if not any(c.isalpha() for c in trailer):
        return None
    framed = _unframed(trailer) if trailer[0] in _FRAME_OPENERS else None
    views: tuple[tuple[str, str], ...] = ((trailer, spelling_key(trailer.casefold())),)
    if framed is not None:
        views += ((framed, spelling_key(framed.casefold())),)
    hit = _first_match(rules.furniture, views)
    return None if hit is None else hit[0]


def _furniture_trailer(line: str, rules: Rules) -> tuple[int, LineRule] | None:
    """Where the run after the line's last stop (_trailer_start) starts, and the furniture rule that takes it."""
    at = _trailer_start(line, rules)
    rule = _trailer_rule(line[at:], rules) if at is not None else None
    return None if at is None or rule is None else (at, rule)


def _sentence_then_trailer(line: str, rules: Rules) -> bool:
    """A sentence, then a credit a furniture rule takes ('... जारी है। - भाषा'), or only marks, no letter, digit
    or bracket ('... कोशिश जारी है। 🙏'): a paragraph. A bracket closes something opened lines above: a footer
    in brackets split over lines ('... फ़ॉलो कर सकते हैं.)')."""
    at = _trailer_start(line, rules)
    if at is None:
        return False
    trailer = line[at:]
    return not any(c.isalnum() or c in ")]}" for c in trailer) or _trailer_rule(trailer, rules) is not None


_ASIDE_OPENER = {")": "(", "]": "["}


def _sentence_then_credit(line: str, rules: Rules) -> bool:
    """A sentence, then a credit or a note after it, in brackets or not ('... जारी है। (इनपुट: भाषा)', '... है। -
    भाषा'): a paragraph, neither a heading nor a linked headline, which end without a stop."""
    return _aside_after_sentence(line, rules) or _sentence_then_trailer(line, rules)


def _aside_after_sentence(line: str, rules: Rules) -> bool:
    """A sentence, then a bracketed credit or note ('... कोशिश जारी है। (इनपुट: भाषा)', '... है. (भाषा)'): a
    paragraph, whose aside is cut out later (_split_asides), not a sub-heading, nor a short line after the
    story to drop."""
    opening = line.rfind(_ASIDE_OPENER[line[-1]]) if line[-1] in _ASIDE_OPENER else -1
    before = line[:opening].rstrip() if opening > 0 else ""
    return bool(before) and _ends_sentence(before, rules)


def _settle_standfirst(drafts: list[_Draft], rules: Rules) -> None:
    """Demote a standfirst candidate that is not shorter than the article's body paragraphs."""
    for i, draft in enumerate(drafts):
        if draft.rule != "standfirst":  # labelled highlights stand as they are
            continue
        later = [len(d.text) for d in drafts[i + 1:] if d.kind == "body"]
        too_long = len(later) >= 2 and len(draft.text) >= rules.standfirst_body_ratio * statistics.median(later)
        if not later or too_long:
            draft.kind, draft.rule = "body", "first_paragraph"
        return


def _settle_table_headers(drafts: list[_Draft]) -> None:
    """A row of short text cells right above a table row is that table's header row."""
    for draft, after in itertools.pairwise(drafts):
        if draft.header_cells is not None and after.kind == "table_row" and draft.kind in ("heading", "body"):
            draft.text, draft.kind, draft.rule = "\t".join(draft.header_cells), "table_row", "table_header"


_QUOTES = "\"'“”‘’«»"
# Postpositions, auxiliaries, conjunctions (the search stopwords of every language): words that are
# written onto another word in some languages, so not evidence of a glue point on their own.
_FUNCTION_WORDS = frozenset().union(*STOPWORDS.values())
_ASKS = "?!؟"  # sentence ends a headline or a link may have
_HEADING_RULES = frozenset({"short_line", "question_line", "quoted_line"})


def _settle_link_runs(drafts: list[_Draft], rules: Rules) -> list[str]:
    """Headline-shaped lines in a run of link_run_min_lines or more are a list of links to other
    stories (a 'related' box whose header the scraper lost); their texts are returned as links.
    Prose has a sub-heading now and then, never several in a row; a list of short items (names,
    '2 कप आटा') is spared by the minimum number of words and by starting with a digit, and a list of
    figures ('पेट्रोल 94.72 रुपये प्रति लीटर') by numbers in half its lines or more, verse and stop-less prose
    by lines that end on the same word (_shared_ending). What a paragraph ending in a colon introduces is the
    story's list, settled before (_settle_introduced_lists)."""
    links: list[str] = []
    run: list[_Draft] = []
    for draft in [*drafts, None]:
        if draft is not None and draft.kind == "heading" and draft.rule in _HEADING_RULES and (
            len(draft.text.split()) >= rules.link_run_min_words and not draft.text[0].isdigit()
        ):
            run.append(draft)
            continue
        figures = sum(any(c.isdigit() for c in d.text) for d in run)
        if len(run) >= rules.link_run_min_lines and 2 * figures < len(run) and not _shared_ending(run):
            for d in run:
                d.kind, d.rule = "boilerplate", "link_run"
                links.append(_link_text(d.text))
        run = []
    return links


MIN_LINKS_UNDER_LEARNED = 2  # headline-shaped lines in a row under a learned line that make it a box of links
LINK_WITH_FIGURES_MIN_WORDS = 6  # a headline holding an amount; a price or tally line has 2-5 ('सोना 62,350 रुपये')
LINK_MAX_WORDS = 24  # the longest headline read as a link under a learned line (a heading has 15 at most)
# Paragraphs as the rules read a line (a list item, an interview's line or a list of figures are not)
_PARAGRAPH_RULES = frozenset({"paragraph", "first_paragraph", "dateline_paragraph"})


def links_under_learned_lines(blocks: list[Block], rules: Rules) -> tuple[list[Block], list[str]]:
    """A related box whose header a site words its own way ('पढ़ना न भूलें', 'इन ख़बरों पर भी डालें नज़र', 'Don't
    miss'): the header repeats under the site's pages and the furniture stage learns it, but the headlines
    under it are other stories', each printed under a few pages, and no rule knows the header. Two or more
    headline-shaped lines in a row right under a learned line (rule `repeated`) are links (`learned_box_link`):
    headings of link_run_min_words words or more, or lines _settle_headings kept as a list of figures when
    they are as long as a headline (LINK_WITH_FIGURES_MIN_WORDS: '... फैसला, 35 हजार लोगों को फायदा'), none
    opening on a digit. The learned header is the evidence _settle_link_runs lacks. A list the story
    introduces (amounts, names, a price list under a recurring 'आज के भाव') is spared by the words and the
    digit; one sub-heading over a paragraph is no run. Returns the blocks and the links' texts."""
    out = list(blocks)
    links: list[str] = []
    for i, b in enumerate(blocks):
        if b.rule != LEARNED_RULE or b.kind != "boilerplate":
            continue
        j = i + 1
        while j < len(blocks) and _headline_under_learned(blocks[j], rules):
            j += 1
        if j - i - 1 >= MIN_LINKS_UNDER_LEARNED:
            for k in range(i + 1, j):
                out[k] = replace(blocks[k], kind="boilerplate", rule="learned_box_link")
                links.append(_link_text(blocks[k].text))
    return out, links


def _headline_under_learned(b: Block, rules: Rules) -> bool:
    """One headline: not opening on a digit, one sentence (a footer's pieces run over two: 'ऐप के लिए क्लिक करें.
    आप हमें'), and as long as _settle_link_runs asks, or a headline is."""
    words = len(b.text.split())
    if b.text[0].isdigit() or len(sentence_spans(b.text)) > 1:
        return False
    if b.kind == "heading" and b.rule in _HEADING_RULES:
        return words >= rules.link_run_min_words
    if b.rule == "figure_list":
        return words >= LINK_WITH_FIGURES_MIN_WORDS
    # A headline too long for a heading (heading_max_words): a paragraph that ends no sentence, no longer than
    # a headline is.
    unfinished = b.text.rstrip(CLOSERS)[-1:] not in rules.sentence_end
    return b.rule in _PARAGRAPH_RULES and words <= LINK_MAX_WORDS and unfinished


FENCE_RULES = frozenset({"furniture.image_alt"})
FENCED_MAX_LINES = 12


def _settle_fenced_boxes(drafts: list[_Draft]) -> None:
    """Headings between two fences (BBC's 'Presentational grey line', an image's alt text) with no paragraph
    between them: a box of links and its header ('CORONAVIRUS: THE BASICS' over its links), at most
    FENCED_MAX_LINES lines. Boilerplate (``fenced_box``). A fence around paragraphs fences the story's text."""
    fences = [i for i, d in enumerate(drafts) if d.rule in FENCE_RULES]
    for start, end in itertools.pairwise(fences):
        inside = drafts[start + 1: end]
        if 0 < len(inside) <= FENCED_MAX_LINES and all(d.kind in ("heading", "boilerplate") for d in inside):
            for d in inside:
                if d.kind == "heading":
                    d.kind, d.rule = "boilerplate", "fenced_box"


def _shared_ending(run: list[_Draft]) -> bool:
    """Whether two lines end on the same word: a ghazal's or a song's lines on their refrain ('... हिंदुस्तान
    थोड़ी है' / '... जान थोड़ी है', '... دم نکلے' / '... کم نکلے'), or sentences printed without their stops on
    the same verb ('... عورت نہیں ہوتی' / '... بیٹی بھی نہیں ہوتی'). Both are the story's; headlines of other
    stories seldom end alike."""
    ends = [d.text.rstrip(_QUOTES + "!?,;.।۔؟").rsplit(None, 1)[-1].casefold() for d in run if len(d.text.split()) > 1]
    return len(ends) != len(set(ends))


def _settle_introduced_lists(drafts: list[_Draft]) -> None:
    """The heading candidates right after a paragraph of the story that ends in a colon ('सरकार ने तीन कदम उठाए
    हैं:', 'The rules are:') are its list, however short or many: body (``introduced_list``), neither a run
    of links nor short lines after the story."""
    introduced = False
    for d in drafts:
        if introduced and d.kind == "heading" and d.rule in _HEADING_RULES:
            d.kind, d.rule = "body", "introduced_list"
            continue
        introduced = d.kind in ("body", "standfirst") and d.text.rstrip(" -–—").endswith((":", "：", "\u0903"))


_DASH_LED = re.compile(r"^[\-–—]")


def _opens_with_dash(text: str) -> bool:
    """Whether a line opens with a dash: a credit so printed hangs on the line above it ('- फोटो : पीटीआई' under
    its caption; '— Reuters' under the story's last paragraph)."""
    return _DASH_LED.match(text) is not None


def _settle_captions_over_credits(drafts: list[_Draft]) -> None:
    """A heading candidate right above a photo credit that opens with a dash ('दिल्ली में जलभराव' over '- फोटो :
    पीटीआई', 'Flooded streets in Delhi' over '— Photo: Reuters'): the dash hangs the credit on the line above,
    the caption it was printed under, split off by the scraper (``caption_over_credit``)."""
    for above, draft in itertools.pairwise(drafts):
        if (draft.rule == "furniture.photo_credit" and _opens_with_dash(draft.text)
                and above.kind == "heading" and above.rule in _HEADING_RULES):
            above.kind, above.rule = "caption", "caption_over_credit"


_TEXT_KINDS = frozenset({"body", "standfirst", "heading", "table_row"})


def _settle_closing_credit(drafts: list[_Draft]) -> None:
    """A photo-credit line that opens with a dash right under the story's last paragraph ('— Reuters', '- एएफपी'):
    the dash hangs it on the story, not on a photo (a photo's credit hangs on its caption). Metadata
    (``closing_credit``): provenance reads the story's agency from it."""
    last = max((i for i, d in enumerate(drafts) if d.kind in _TEXT_KINDS), default=None)
    if last is None or last + 1 == len(drafts) or drafts[last].kind != "body":
        return
    draft = drafts[last + 1]
    if draft.rule == "furniture.photo_credit" and _opens_with_dash(draft.text):
        draft.kind, draft.rule = "metadata", "closing_credit"


_CREDIT_RULES = frozenset({"metadata.byline", "metadata.timestamp", "metadata.agency_credit", "dateline_line"})
CREDIT_PLACE_MAX_WORDS = 3
SUMMARY_PLACE_MAX_WORDS = 2


def _settle_credit_places(drafts: list[_Draft], rules: Rules) -> None:
    """A short line under a byline or stamp, above the story, with another credit line or the story's first
    paragraph under it: the byline's place, printed on a line of its own ('India Today Web Desk' / 'New Delhi'
    / 'December 26, 2020'; 'By Rahul Sharma' / 'Mumbai' / the story). Also the last line read as a summary
    point when it is one or two words and the story follows (NBT's 'हाइलाइट्स', two points, then 'नई दिल्ली'):
    a summary's point says something. Metadata (``credit_place``), read as no one's name. A heading
    between two paragraphs is the story's."""
    for i in range(1, len(drafts) - 1):
        draft, above, below = drafts[i], drafts[i - 1], drafts[i + 1]
        if draft.kind == "body":
            return  # the story has begun
        if draft.text[-1] in rules.sentence_end:
            continue
        words = len(draft.text.split())
        under_credit = (draft.kind == "heading" and draft.rule == "short_line" and above.rule in _CREDIT_RULES
                        and (below.rule in _CREDIT_RULES or below.kind == "body") and words <= CREDIT_PLACE_MAX_WORDS)
        after_summary = draft.rule == "highlights" and below.kind == "body" and words <= SUMMARY_PLACE_MAX_WORDS
        if under_credit or after_summary:
            draft.kind, draft.rule = "metadata", "credit_place"


HEADER_LINE_MAX_WORDS = 4
# A name and its place with a bar between them ('सुनील कुमार | लखनऊ', 'Sunil Kumar | Lucknow').
_BAR_PAIR = re.compile(r"^[^|]{2,40}\s\|\s[^|]{2,40}$")


def _settle_header_lines(drafts: list[_Draft], rules: Rules) -> None:
    """Short lines between the headline and the story that are not the story's: a kicker or an unlabelled
    reporter's name over a byline or stamp ('विशेष रिपोर्ट' / 'Edited By: ...'; 'सुनील कुमार' / 'लखनऊ, 28 दिसंबर
    2020, ...'), a name and its place with a bar between them ('सुनील कुमार | लखनऊ'), or the lines over those.
    Also one or two such lines, and nothing else, between the headline and the first paragraph: a story's own
    sub-heading comes after some of its text. A line of at most HEADER_LINE_MAX_WORDS words with no sentence
    end, read from the story upwards. Metadata (``header_line``), read as no one's name: a kicker and a name
    have one shape."""
    title = _title_index(drafts)
    if title is None:
        return
    first = next((i for i in range(title + 1, len(drafts)) if drafts[i].kind in ("body", "standfirst")), None)
    if first is None:
        return
    between = drafts[title + 1: first]
    shaped = [i for i in range(title + 1, first) if _header_line_shaped(drafts[i], rules)]
    alone = 0 < len(shaped) <= 2 and all(d.kind in ("heading", "metadata") for d in between)
    for i in reversed(shaped):
        below = drafts[i + 1]
        if alone or below.rule in _CREDIT_RULES or below.rule == "header_line" or _BAR_PAIR.match(drafts[i].text):
            drafts[i].kind, drafts[i].rule = "metadata", "header_line"


HEADER_CREDIT_MAX_WORDS = 6
HEADER_CREDIT_PLACE_WORDS = 3
# A credit, then its place after the last comma or bar ('Ankit Ojha लाइव हिन्दुस्तान, नई दिल्ली').
_CREDIT_THEN_PLACE = re.compile(r"^(?P<credit>[^,،|]+(?:[,،|][^,،|]+)*?)\s*[,،|]\s*(?P<place>[^,،|]+)$")


def _settle_header_credits(drafts: list[_Draft], rules: Rules) -> None:
    """A short line between the headline and the story that is a credit and its place: a name, a desk or
    the site's name, then a comma or a bar and a place ('Ankit Ojha लाइव हिन्दुस्तान, नई दिल्ली', 'BBC News,
    Delhi', 'Rahul Sharma | Mumbai'). No outlet is named: the line's shape is the sign, with the place at
    its end and no sentence in it, nor a function word ('इस समूह के अनुसार, रूसी' is a broken sentence).
    Metadata (``header_credit``), a credit provenance reads."""
    title = _title_index(drafts)
    if title is None:
        return
    for draft in drafts[title + 1:]:
        if draft.kind == "body":
            return
        if draft.kind in ("standfirst", "heading") and _credit_then_place(draft.text, rules):
            draft.kind, draft.rule = "metadata", "header_credit"


def _credit_then_place(text: str, rules: Rules) -> bool:
    words = text.replace("|", " ").replace(",", " ").split()
    if not 2 <= len(words) <= HEADER_CREDIT_MAX_WORDS or ":" in text or any(c in text for c in rules.sentence_end):
        return False  # a label's line ('सामग्री: आटा, चीनी, घी') is no credit; a labelled byline has its rules
    m = _CREDIT_THEN_PLACE.match(text)
    if m is None:
        return False
    place, credit = m.group("place").split(), m.group("credit").replace("|", " ").split()
    return (0 < len(place) <= HEADER_CREDIT_PLACE_WORDS and all(_place_word(w, rules) for w in place)
            and _is_place(m.group("place"), rules) and bool(credit) and not _closes_sentence(credit, rules)
            and not any(w.strip(",،").casefold() in rules.not_place_words for w in credit))


def _header_line_shaped(draft: _Draft, rules: Rules) -> bool:
    return (draft.kind == "heading" and draft.rule == "short_line" and draft.text[-1] not in rules.sentence_end
            and len(draft.text.replace("|", " ").split()) <= HEADER_LINE_MAX_WORDS)


# A bracketed aside of 2+ words standing where a sentence could start (a line's start, or right after a
# sentence's end and its closing quote) and holding no sentence break of its own. In square brackets only
# after a sentence ('... है। [इनपुट: भाषा]'): at a line's start they are an editor's words in a quote ('[The
# minister] said ...').
_ASIDE = re.compile(r"""(?:^|(?<=[.।۔?!])|(?<=[.।۔?!]["'”’]))\s*(\([^()]{3,160}\)|\[[^\[\]]{3,160}\])""")
_INNER_BREAK = re.compile(r"[.।۔?!]\s")
# The longest lead a [[lead]] rule may match (its patterns allow at most ~160 characters).
LEAD_MAX_CHARS = 200
# A topic link under a list marker above the story ('Related Topics' / 'Coronavirus pandemic'): a short
# name, no sentence, right under the marker or the link before it.
_LINK_LIST_MARKERS = frozenset({"end.related_list", "end.tags"})
HEADER_LINK_MAX_CHARS = 40
HEADER_LINK_MAX_WORDS = 4
# After a lead, the sentence goes on: 'इस लिंक पर क्लिक करें, फिर ...' is an instruction, not a prompt.
_CLAUSE_GOES_ON = frozenset(",،;؛")
# A line that is only a bracketed aside of 2+ words: '(related headline)'.
_WHOLE_ASIDE = re.compile(r"^\((?=[^()]*\s)[^().।۔?!]{3,160}\)$")
# What closes, at a line's start, an aside opened at the end of the line above, with text after it.
_CLOSES_ABOVE = re.compile(r"^([^()]{3,160})\)(?=\s*\S)")
# An aside opened after a sentence's end and still open at the line's end: '... है. (' or '... है.(क्या आपने
# ... के लिए': a bracket pair of prose sits inside one line; one split over two lines is what a page put there.
_OPEN_AT_END = re.compile(r"""(?<=[.।۔?!"'”’])\s*(\([^()]{0,160})$""")


def _open_aside(text: str, after: _Draft | None) -> int | None:
    """Where an aside left open at the text's end starts (its '('), when it is one: a bare '(' after a
    sentence's end (or a closing quote); or '(' and two or more words that the next line closes, with a
    [[lead]] prompt ending in ')' (furniture by its own rule, so the words it closes are its start,
    whatever they hold) or with two or more words and a ')' (then neither part may hold a sentence
    break: that is prose)."""
    m = _OPEN_AT_END.search(text)
    if m is None:
        return None
    inner = m.group(1)[1:].strip()
    if not inner:
        return m.start(1)
    if len(inner.split()) < 2 or after is None:
        return None
    if after.is_lead:
        closes = after.text.endswith(")") and "(" not in after.text
    else:
        close = _CLOSES_ABOVE.match(after.text) if after.kind == "body" else None
        closes = (close is not None and len(close.group(1).split()) >= 2
                  and not _INNER_BREAK.search(close.group(1)) and not _INNER_BREAK.search(inner))
    return m.start(1) if closes else None


def _cut_lead(line: str, folded: str, rules: Rules) -> tuple[str, str, str, str] | None:
    """(lead, rule name, its kind, rest of the line) when furniture is glued to the line's start ([[lead]]
    rules)."""
    # A lead is a short prompt or notice: only the line's head is searched (and pre-checked for words).
    hit = rules.leads.first_match(line[:LEAD_MAX_CHARS], folded[:LEAD_MAX_CHARS])
    if hit is None:
        return None
    rest = line[hit[1].end():].lstrip(" :|-–—")
    closes = rest.startswith(")")  # the lead closes an aside opened above: '(... के लिए' / 'यहां क्लिक करें)'
    twin = hit[0].name in rules.lead_twins
    if twin and not _story_follows(rest, 0, 0, rules):
        return None  # a stamp with no sentence after it: the line is the whole-line rule's, as before
    whole = None if closes else rules.furniture.first_match(line, folded)
    if whole is not None and not (twin and whole[0].name == hit[0].name):
        return None  # a whole furniture line: as before (one that closes a bracket ends there: what follows it
        # is the story's; so does a stamp the whole-line rule of its name would take, a sentence after it)
    if closes:
        rest = rest[1:].lstrip()
    if rest[:1] in _CLAUSE_GOES_ON:
        return None
    return line[: len(line) - len(rest)], hit[0].name, hit[0].kind, rest


PROMO_MAX_CHARS = 400  # a promo is one sentence
PROMO_SENTENCES = 3  # the most promo sentences cut off one paragraph's end
PROMO_GATE_CHARS = 300  # a [[promo]] pattern allows at most ~280 characters after its `needs` word


def _cut_promos(drafts: list[_Draft], rules: Rules) -> list[_Draft]:
    """Promo sentences ([[promo]] rules) at the end of the article's last body paragraph, from its last
    sentence back, become boilerplate blocks after what is left of it; a paragraph that is only promos
    goes whole. A site glues them there ('... हर खबर के लिए बने रहें हमारे साथ.'), printed once or under
    too few of its pages for the furniture stage to learn them."""
    if not rules.promos.limits:
        return drafts
    at = next((i for i in range(len(drafts) - 1, -1, -1) if drafts[i].kind == "body"), None)
    if at is None:
        return drafts
    draft = drafts[at]
    text = draft.text
    # The last sentence is a promo only if it holds a promo's word: most articles are done after one search
    # of the paragraph's end (~1 µs; splitting the paragraph into sentences first cost ten times more).
    if rules.promo_words is not None and not rules.promo_words.search(
            spelling_key(text[-PROMO_GATE_CHARS:].casefold())):
        return drafts
    cut: list[_Draft] = []
    for _ in range(PROMO_SENTENCES):
        # Only the paragraph's end is split: a promo is one sentence of at most PROMO_MAX_CHARS, so a last
        # span that starts where the window does is a longer sentence, cut by the window, and no promo.
        window = max(0, len(text) - PROMO_MAX_CHARS - 1)
        spans = sentence_spans(text[window:])
        if not spans or (window and len(spans) == 1):
            break
        start, end = (window + i for i in spans[-1])
        sentence = text[start:end]
        hit = rules.promos.first_match(sentence, spelling_key(sentence.casefold()))
        if hit is None:
            break
        cut.insert(0, _Draft(draft.line_no, sentence, "boilerplate", hit[0].name))
        text = text[:start].rstrip()
    if not cut:
        return drafts
    kept = [replace(draft, text=text)] if text else []
    return [*drafts[:at], *kept, *cut, *drafts[at + 1:]]


def _split_leads(drafts: list[_Draft]) -> list[_Draft]:
    """The furniture cut off a line's start ([[lead]] rules) becomes its own block before it, of the rule's kind:
    boilerplate, or metadata (a stamp glued to the story's first words carries a field)."""
    if not any(d.lead for d in drafts):
        return drafts
    out: list[_Draft] = []
    for d in drafts:
        if d.lead:
            out.append(_Draft(d.line_no, d.lead.strip(), d.lead_kind, d.lead_rule, is_lead=True))
        out.append(d)
    return out


def _split_asides(drafts: list[_Draft]) -> list[_Draft]:
    """Cut bracketed asides out of body lines. Prose brackets sit inside a sentence ('गोपालपुर (ओडिशा)
    के'); one standing between sentences is what a page puts there: a related headline, a credit, a
    photo note, '(جاری ہے)'. One word ('(भाषा)', an agency credit other steps read) is left alone."""
    out: list[_Draft] = []
    opened_above = False
    for i, d in enumerate(drafts):
        after = drafts[i + 1] if i + 1 < len(drafts) else None
        if opened_above and d.kind == "body":
            # The rest of an aside opened at the end of the line above: 'related headline)text goes on'.
            m = _CLOSES_ABOVE.match(d.text)
            if m is not None and len(m.group(1).split()) >= 2 and not _INNER_BREAK.search(m.group(1)):
                out.append(_Draft(d.line_no, m.group(0), "boilerplate", "aside_in_brackets"))
                d = _Draft(d.line_no, d.text[m.end():].lstrip(), d.kind, d.rule)
        opened_above = False
        at = _open_aside(d.text, after) if d.kind == "standfirst" and "(" in d.text else None
        if at is not None:
            out.append(_Draft(d.line_no, d.text[:at].rstrip(), d.kind, d.rule))
            out.append(_Draft(d.line_no, d.text[at:].strip(), "boilerplate", "aside_in_brackets"))
            opened_above = True
            continue
        if d.kind == "heading" and _WHOLE_ASIDE.match(d.text):
            out.append(_Draft(d.line_no, d.text, "boilerplate", "aside_in_brackets"))  # a line that is only one
            continue
        if d.kind != "body" or ("(" not in d.text and "[" not in d.text):
            out.append(d)
            continue
        pos = 0
        for m in _ASIDE.finditer(d.text):
            inner = m.group(1)[1:-1].strip()
            if len(inner.split()) < 2 or _INNER_BREAK.search(inner) or (m.group(1)[0] == "[" and m.start() == 0):
                continue
            before = d.text[pos:m.start(1)].strip()
            if before:
                out.append(_Draft(d.line_no, before, d.kind, d.rule))
            out.append(_Draft(d.line_no, m.group(1), "boilerplate", "aside_in_brackets"))
            pos = m.end(1)
        rest = d.text[pos:].strip()
        # An aside whose text went on to the next line leaves its opening at this one's end: '... है. ('
        at = _open_aside(rest, after)
        aside = rest[at:].strip() if at is not None else ""
        if at is not None:
            rest = rest[:at].rstrip()
        if pos == 0 and at is None:
            out.append(d)
        elif rest:
            out.append(_Draft(d.line_no, rest, d.kind, d.rule))
        if aside:
            out.append(_Draft(d.line_no, aside, "boilerplate", "aside_in_brackets"))
            opened_above = True
    return out


def _split_trailers(drafts: list[_Draft], rules: Rules) -> list[_Draft]:
    """Cut a credit printed after a body line's last sentence ('... जारी है। - भाषा', '... soon. Input: IANS',
    '... है। #दिल्ली #बारिश') off the line, as the block the furniture rule that takes it makes (_furniture_trailer)."""
    out: list[_Draft] = []
    ends = rules.sentence_end + rules.closing_quotes
    for d in drafts:
        # Most body lines end at a stop: no trailer to look for.
        found = _furniture_trailer(d.text, rules) if d.kind == "body" and d.text[-1] not in ends else None
        if found is None:
            out.append(d)
            continue
        at, rule = found
        out.append(_Draft(d.line_no, d.text[:at].rstrip(), d.kind, d.rule))
        out.append(_Draft(d.line_no, d.text[at:].strip(), rule.kind, rule.name))
    return out


_GLUE_RULE = "glued_headline"
_RUN_OF_STOPS = frozenset(".।?!؟۔…")
# A sentence stop (and its closing quotes) glued to the next letter: where a glued-on headline may start.
_GLUED_STOP = re.compile("[.।?!؟۔][\"'”’)\\]»]*(?=[^\\W\\d_])")
# A '?' or '!' (and a quote closing it) glued to the next letter: where a glued-on headline may end.
_GLUED_ASK = re.compile(f"[{re.escape(_ASKS)}][\"'”’»]*(?=[^\\W\\d_])")
_QUOTES_SET = frozenset(_QUOTES)
# A teaser's run of stops glued to the next letter ('...बदलेगा इस बार...विभाग'): where an unmarked headline may end.
_TEASER_GLUE = re.compile("(?:\\.{2,}|…)(?=[^\\W\\d_])")
# A quote at a headline's start, or after its colon.
_QUOTE_OPENS = re.compile("^[\"'“‘«]|:\\s?[\"'“‘«]")


@functools.lru_cache(maxsize=4)
def _lone_stop(ends: str) -> re.Pattern[str]:
    """A sentence stop that is not part of a run of them ('...', '۔۔۔' trail off; they end no sentence)."""
    e = re.escape(ends)
    return re.compile(rf"(?<![{e}…])[{e}](?![{e}…])")


def _split_glued_headlines(drafts: list[_Draft], rules: Rules, state: _State) -> list[_Draft]:
    """Cut related question headlines glued to a paragraph's next word out of body lines (``glued_headline``).

    A scraper that drops a related link's markup leaves its headline glued to the text after it with no
    break, bracket or space: '...क्या बढ़ेगा किराया?|यह फ़ैसला ...', '...کا اعلان؟|لیکن ...'. Such a headline
    stands at a line's start, or right after a sentence glued on without a space; it is headline-shaped
    (min_words..max_words words, at most max_chars, no sentence stop) and ends in a '?' or '!' (a quoted
    one in its closing quote) glued to a word that opens sentences ([glued] openers) or to a word of 3+
    letters that is not a function word. At least rest_min_chars of the paragraph must follow.

    Only lines holding a '?' or '!' are searched (three substring tests: most lines hold none), and only
    from the starts within a headline's reach before such a mark. A headline glued on without a mark, its
    last word running into the paragraph's first ('...सेमीफ़ाइनल से बाहरवहीं दूसरी ...', '...cityThe mayor ...'), is
    looked for at a line's start only, where that first word is one no word ends in ([glued] openers but
    not_bare: _bare_glued_headline); or, on a page whose layout glues headlines on (_page_glued_headlines),
    where its last word runs into the paragraph's first at any glue point."""
    cuts_of: list[list[tuple[int, int]]] = []
    for d in drafts:
        cuts: list[tuple[int, int]] = []
        if d.kind in ("body", "standfirst"):
            cuts = _glued_headlines(d.text, rules) if _may_glue(d.text) else []
            if (not cuts or cuts[0][0] > 0) and d.rule != "dateline_paragraph":  # a dateline opens a story's text
                bare = _bare_glued_headline(d.text, rules)
                if bare is not None and (not cuts or bare[1] <= cuts[0][0]):
                    cuts.insert(0, bare)
        cuts_of.append(cuts)
    _page_glued_headlines(drafts, cuts_of, rules, state)
    out: list[_Draft] = []
    for d, cuts in zip(drafts, cuts_of, strict=True):
        out.extend(_cut_out(d, cuts, _GLUE_RULE))
    return out


def _page_glued_headlines(drafts: list[_Draft], cuts_of: list[list[tuple[int, int]]], rules: Rules,
                          state: _State) -> None:
    """On a page whose layout glues related headlines to its paragraphs, add to `cuts_of` those glued on with
    no mark (_unmarked_headline) at a body line's start or right after a sentence glued on: the scraper lost the
    same markup before each ('...किराया बढ़ेगा?' + 'लेकिन ...' was cut; '...सेना हाई अलर्ट' + 'सरकार के ...' is
    one too). The layout shows when one was cut already (a marked headline, a bare opener, a glued link), or
    when several of its lines open on one (_layout_glues). On any other page such a line is as likely a
    paragraph opening on a compound or a name the word list lacks ('पत्रव्यवहार', 'करीमनगर'): of the 20,785 dev
    and generated pages that glue nothing else, 807 have one line so opening and 19 two, most of them such words.
    Where [glued] short_head_lines lines or more were cut at their start, the page's paragraphs open on glued
    headlines: the other lines' starts are asked again, a head of two letters then clear too."""
    if not (any(cuts_of) or any(d.rule == GLUED_LINK_RULE for d in drafts) or _layout_glues(drafts, rules, state)):
        return
    quotes_of = {i: _Quotes(d.text) for i, d in enumerate(drafts) if d.kind == "body"}  # found once per line
    for i, quotes in quotes_of.items():
        d = drafts[i]
        cuts = cuts_of[i]  # the first pass's, in order; the starts come in order too: linear in the line
        added: list[tuple[int, int]] = []
        k = 0  # the first of `cuts` that ends after `start`
        for start in _glue_starts(d.text):
            while k < len(cuts) and cuts[k][1] <= start:
                k += 1
            if (k < len(cuts) and cuts[k][0] <= start) or (added and start < added[-1][1]):
                continue  # inside a cut already
            end = _unmarked_headline(d.text, start, _LONG_HEAD if start == 0 else 0, rules, state, quotes)
            if end is not None and not (k < len(cuts) and cuts[k][0] < end):
                added.append((start, end))
        if added:
            cuts_of[i] = sorted(cuts + added)
    if sum(1 for i in quotes_of if cuts_of[i][:1] and cuts_of[i][0][0] == 0) < rules.glued.short_head_lines:
        return
    for i, quotes in quotes_of.items():
        cuts, text = cuts_of[i], drafts[i].text
        if not (cuts and cuts[0][0] == 0):
            end = _unmarked_headline(text, 0, _SHORT_HEAD, rules, state, quotes)
            if end is not None and not (cuts and cuts[0][0] < end):
                cuts_of[i] = [(0, end), *cuts]


_LONG_HEAD, _SHORT_HEAD = 3, 2  # the fewest letters a glue point's head has at a line's start (_clear_glue)


def _layout_glues(drafts: list[_Draft], rules: Rules, state: _State) -> bool:
    """[glued] layout_lines of the page's body lines or more open on a headline glued on with no mark, its last
    word running into the paragraph's first where the word list splits it clearly (_may_open_glued, then
    _unmarked_headline): the page's layout glues related headlines on. The cheap look goes first: most pages
    have no such line."""
    n = rules.glued.layout_lines
    texts = [d.text for d in drafts if d.kind == "body"]
    may: list[str] = []
    for done, text in enumerate(texts):
        if len(may) + len(texts) - done < n:
            return False  # too few lines left to make n
        if _may_open_glued(text, rules):
            may.append(text)
    return sum(1 for t in may if _unmarked_headline(t, 0, _LONG_HEAD, rules, state, _Quotes(t)) is not None) >= n


def _may_open_glued(text: str, rules: Rules) -> bool:
    """The line may open on a headline glued on with no mark: within a headline's reach, a Devanagari word the
    word list lacks splits clearly (_clear_split) into two it has. Cheap: no page-wide count is read. (A line
    opening on a headline run into a bare opener was cut by the first pass, if headline-shaped.)"""
    g = rules.glued
    # Two words run together are four characters or more ('थावो'): most words in reach are shorter.
    for w in WORD.findall(text, 0, g.max_chars)[g.min_words - 1:g.max_words]:
        if len(w) >= 4 and _DEVANAGARI.match(w) and not lexicon.knows(w) and any(
                lexicon.knows(w[k:]) and lexicon.knows(w[:k]) and _clear_split(w, k, _LONG_HEAD, rules)
                for k in _split_points(w)):
            return True
    return False


def _list_reads(state: _State, rules: Rules) -> bool:
    """The language's word list reads the page: it has [glued] page_words_listed of the page's distinct
    Devanagari words or more (a Hindi page: 0.8-0.98; a Marathi or Nepali one, read with the Hindi list:
    0.15-0.55). On a page it does not read, a word it lacks is as likely the page language's own word
    ('उदरनिर्वाह') as two run together. Asked once per page, when first needed."""
    if state.listed is None:
        words = [w for w in _page_words(state) if _DEVANAGARI.match(w)]
        state.listed = bool(words) and (
            sum(map(lexicon.knows, words)) >= rules.glued.page_words_listed * len(words))
    return state.listed


def _unmarked_headline(text: str, start: int, min_head: int, rules: Rules, state: _State,
                       quotes: _Quotes) -> int | None:
    """Where the paragraph's next word starts when a headline glued to it with no mark opens at `start` (a
    line's start, or right after a sentence glued on without a space): a run of min_words..max_words words
    (at most max_chars, no sentence stop) whose last word runs into the paragraph's next. Where: at a bare
    opener, even after a function word ('...कोई महिला थीउनके ...'); else at the first word the page prints
    once and the word list lacks (Devanagari only: a Latin word's glue is a case change, and the English list
    takes ~0.3 s to load), that splits clearly into two (_glue_point, _clear_glue with `min_head`: 'अलर्टदैनिक'),
    or into two the page prints on their own (_page_split: 'साथदेश'); else at a teaser's '...'
    glued to the next word ('...क्या बदलेगा इस बार...विभाग के ...'). rest_min_chars of the paragraph follow, or a
    sentence of it."""
    g = rules.glued
    if len(text) - start < g.rest_min_chars + g.min_words:
        return None
    bare = g.bare.search(text, start, start + g.bare_end)
    bare_at = bare.start() if bare is not None else -1
    stops = _lone_stop(rules.sentence_end)
    end: int | None = None
    teaser: int | None = None  # the first '...' glued to a word, taken where no glue point comes
    for i, word in enumerate(WORD.finditer(text, start)):
        if i >= g.max_words or word.end() - start > g.max_chars:
            break
        if i >= g.min_words - 1 and not _quoted(text, word):
            if word.start() < bare_at < word.end():
                end = bare_at
            elif bare_at < 0 and _DEVANAGARI.match(word.group()) and not lexicon.knows(word.group()):
                glue = _glue_point(word.group(), rules, state)
                if not (glue and _clear_glue(word.group(), glue, min_head, rules, state)):
                    glue = _page_split(word.group(), rules, state)
                end = word.start() + glue if glue else None
            if end is not None:
                break
            if teaser is None and (dots := _TEASER_GLUE.match(text, word.end())) is not None:
                teaser = dots.end()
        if stops.match(text, word.end()):
            break  # a sentence ended: the rest is the story's
    end = end if end is not None else teaser
    if end is None or WORD.findall(text, start, end)[0].casefold() in g.cannot_start or quotes.open_before(end):
        return None
    return end if len(text) - end >= g.rest_min_chars or _story_follows(text, end, 0, rules) else None


class _Quotes:
    """Where a line's quotes stand, to ask whether one is open at a point: a headline's words inside a
    quotation that opened before its end and has not closed ('उन्होंने कहा, "हम हर कदम पर नज़र ...', a song's lines run
    together) are the quotation's. Straight quotes open and close alike: an odd count of them before the point
    is one open. Found once per line; each question is a binary search (a line of many glue points stays
    linear)."""

    __slots__ = ("_at",)

    def __init__(self, text: str) -> None:
        self._at: dict[str, list[int]] = {q: [m.start() for m in re.finditer(q, text)] for q in _QUOTE_KINDS
                                           if q in text}

    def open_before(self, end: int) -> bool:
        def count(q: str) -> int:
            return bisect.bisect_left(self._at.get(q, ()), end)
        return count('"') % 2 == 1 or count("“") > count("”") or count("‘") > count("’")


_QUOTE_KINDS = ('"', "“", "”", "‘", "’")


def _clear_glue(word: str, at: int, min_head: int, rules: Rules, state: _State) -> bool:
    """A glue point the word list shows is clear enough to end an unmarked headline (_clear_split), on a page
    the word list reads."""
    return _clear_split(word, at, min_head, rules) and _list_reads(state, rules)


def _clear_split(word: str, at: int, min_head: int, rules: Rules) -> bool:
    """The tail: three letters or more, or a word that opens sentences ([glued] openers: 'सरेंडर' + 'जब'); never
    one that also ends compounds ([glued] compound_tails: 'जीवन' + 'स्तर'). The head, with `min_head` (a line's
    start): any word of that many letters or more ('अलर्ट' + 'दैनिक'; a shorter one is as likely a compound's part:
    'जल' + 'संकट'); of two letters, one the word list does not show opening [glued] compound_heads compounds or
    more ('राम' + 'प्रताप', 'रेल' + 'कर्मियों' are compounds' parts). Right after a sentence glued on (`min_head` 0),
    none: a run ending at a compound ('...अंतिम क्रिया' + 'कर्मों को ...') is as often the next sentence's start as a
    headline, and a clause's verb run into the next word ('...टल गया है' + 'अब ...') as often a sentence that lost
    its stop (BBC Hindi prints both). There only the page's own split decides (_page_split)."""
    head, tail = word[:at], word[at:]
    if not ((_letters(tail) >= 3 or tail.casefold() in rules.glued.openers) and tail not in rules.glued.compound_tails):
        return False
    letters = _letters(head)
    return 0 < min_head <= letters and (
        letters >= _LONG_HEAD or lexicon.compounds_opened(head) < rules.glued.compound_heads)


def _page_split(word: str, rules: Rules, state: _State) -> int:
    """Where `word`, printed once on the page, splits into a head and a tail that the page prints on their own
    and the word list has, on a page the list reads; 0 if nowhere. Of any length: 'साथदेश' is 'साथ' and 'देश' where
    the page prints both ('...सबकी राय एक साथ' + 'देश के कई ...'). Not before a word no paragraph opens on ([glued]
    never_open: '...मोदीने' is a space lost inside a sentence) nor one that also ends compounds."""
    words = _page_words(state)
    if words[word.casefold()] > 1:
        return 0
    for k in _split_points(word):
        head, tail = word[:k], word[k:]
        if words[head.casefold()] and words[tail.casefold()] and tail not in rules.glued.never_open and (
                tail not in rules.glued.compound_tails) and lexicon.knows(head) and lexicon.knows(tail):
            return k if _list_reads(state, rules) else 0
    return 0


def _cut_out(d: _Draft, cuts: list[tuple[int, int]], rule: str) -> list[_Draft]:
    """The draft with each (start, end) of `cuts` (in order, not overlapping) a boilerplate block of `rule`
    of its own, the text around them staying what the draft was (an empty part is dropped)."""
    if not cuts:
        return [d]
    out: list[_Draft] = []
    pos = 0
    for start, end in cuts:
        if d.text[pos:start].strip():
            out.append(_Draft(d.line_no, d.text[pos:start].strip(), d.kind, d.rule))
        out.append(_Draft(d.line_no, d.text[start:end].strip(), "boilerplate", rule))
        pos = end
    out.append(_Draft(d.line_no, d.text[pos:].strip(), d.kind, d.rule))
    return out


# ---------------------------------------------------------------------------------------------
# 'ये भी पढ़ें: <headline>' glued to the paragraph after it
# ---------------------------------------------------------------------------------------------
GLUED_LINK_RULE = "glued_link"
FULL_STOPS = ".।۔"  # a sentence's full stop: Latin, Devanagari (danda), Urdu; not a '?' or '!'
# What ends a link's headline when it follows a word: a full stop (not inside a number), a question's or an
# exclamation's mark, the ')' of a bracketed link, a bar.
_LINK_ENDS = frozenset(FULL_STOPS + _ASKS + ")|")
_MARKER_REACH = 60  # the longest marker and its separator ('ये ख़बरें भी पढ़ सकते हैं :- ')
_SENTENCE_REACH = 1000  # how far the sentence after a link is looked for its full stop
_FULL_STOP = re.compile(f"[{FULL_STOPS}](?!\\d)")  # one that ends a sentence, not a number's point


def _may_hold_link(folded: str, rules: Rules) -> bool:
    """The cheap precheck: a line holding no marker's word ([glued] link_words) holds no glued link."""
    return rules.glued.link_words.search(folded) is not None


def _cut_glued_link(line: str, rules: Rules, state: _State,
                    also_read: list[str]) -> tuple[str, str, str, str] | None:
    """(link, GLUED_LINK_RULE, boilerplate, rest of the line) when the line opens on a related link whose headline runs
    into the paragraph after it, the scraper having lost the break: 'पढ़िए: नए पुल का हुआ उद्घाटनविपक्ष ने
    ...'. A line that is the link alone stays whole for the furniture rules; so does one whose link's end
    cannot be told (_glued_link). The link is listed in `also_read`."""
    hit = _glued_link(line, 0, rules, state) if len(line) > rules.glued.rest_min_chars else None
    if hit is None:
        return None
    end, link = hit
    also_read.append(link)
    rest = line[end:].lstrip()
    return line[: len(line) - len(rest)], GLUED_LINK_RULE, "boilerplate", rest  # the parts make the line, as stored


def _split_glued_links(drafts: list[_Draft], rules: Rules, state: _State, also_read: list[str]) -> list[_Draft]:
    """Cut related links glued into a paragraph after one of its sentences ('...माँग होती है."पढ़िए: क्या
    'हिम्मतवाला' से बनीं श्रीदेवी स्टारअमिताभ के क़रीबी ...') out of body lines, as GLUED_LINK_RULE blocks; the
    paragraph's parts on either side stay. A link starts right after a sentence stop glued to its marker
    with no space (_glue_starts); the line's start is _cut_glued_link's. Only lines the line-by-line pass
    found a marker's word in (state.link_lines) are searched."""
    out: list[_Draft] = []
    for d in drafts:
        cuts: list[tuple[int, int]] = []
        if d.line_no in state.link_lines and d.kind in ("body", "standfirst"):
            for start in _glue_starts(d.text)[1:]:
                hit = None if cuts and start < cuts[-1][1] else (
                    _glued_link(d.text, start, rules, state) or _glued_promo(d.text, start, rules, state))
                if hit is not None:
                    cuts.append((start, hit[0]))
                    also_read.append(hit[1])
        out.extend(_cut_out(d, cuts, GLUED_LINK_RULE))
    return out


def _glued_link(text: str, start: int, rules: Rules, state: _State) -> tuple[int, str] | None:
    """(where the paragraph resumes, the link's headline) when a related-link marker at `start` ('ये भी
    पढ़ें:', 'पढ़िए-', 'Also read:': the furniture rules that read a `link`) opens a link glued to the text
    after it (_link_end). What follows must be the story's: a sentence with its full stop (a long link has
    none), and at a line's start rest_min_chars of it (a line that is a link alone is the furniture rules');
    after a sentence glued on, the paragraph's rest may be its last sentence, min_words words or more."""
    # The patterns read a whole line: each start is given the marker's reach only, so a line of many glued
    # sentences costs linear time.
    view = text[start:start + _MARKER_REACH]
    match = next((m for m in (r.pattern.match(view) for r in rules.glued.links) if m is not None), None)
    if match is None:
        return None
    at = start + match.start("link")
    rest_min = rules.glued.rest_min_chars if start == 0 else 0
    end = _link_end(text, at, rules, state) if len(text) - at > rest_min else None
    if end is None or not _story_follows(text, end, rest_min, rules):
        return None
    link = _link_text(text[at:end])
    if link.endswith(")") and "(" not in link:  # the link's '(' ended the line above: no part of its headline
        link = link[:-1].rstrip()
    return (end, link) if link else None


def _glued_promo(text: str, start: int, rules: Rules, state: _State) -> tuple[int, str] | None:
    """(where the paragraph resumes, the promo's title) when a video's or audio's promo ('देखिए <title>',
    'सुनिए <programme>', [glued] promo_markers) glued in after a sentence runs into the paragraph's next
    word: its verb opens the story's own sentences too ('देखिए, ...', 'देखिए कोर्ट की अपनी मर्यादा है।'), so its
    title must be min_words words or more with no mark at all, ended where its last word runs into the
    paragraph's first (_link_end, glue_only), and a sentence of the story must follow."""
    match = rules.glued.promo.match(text, start)
    if match is None:
        return None
    end = _link_end(text, match.end(), rules, state, glue_only=True)
    if end is None or not _story_follows(text, end, 0, rules):
        return None
    return end, text[match.end():end]


def _story_follows(text: str, end: int, rest_min: int, rules: Rules) -> bool:
    """What follows a link at `end` is the story's: rest_min characters and a sentence with its full stop
    (looked for within _SENTENCE_REACH) of min_words words or more."""
    g = rules.glued
    return len(text) - end >= rest_min and _FULL_STOP.search(text, end, end + _SENTENCE_REACH) is not None and (
        sum(1 for _ in itertools.islice(WORD.finditer(text, end), g.min_words)) >= g.min_words)


def _link_end(text: str, at: int, rules: Rules, state: _State, *, glue_only: bool = False) -> int | None:
    """Where a link's headline, starting at `at`, ends: after its second word or later, at a mark that ends
    it (_LINK_ENDS, and closing quotes after it), between a quote that closes on a word and one that opens
    on the next with no space between them (a quoted name ending the headline, another opening the
    paragraph: a closing double quote printed as two single ones is followed by a space or a mark, not by a
    letter), or where its last word runs into the paragraph's first with no space (_glue_point). None when
    none comes within link_max_words words and link_max_chars characters: then what is the link's and what
    the story's cannot be told. `glue_only`: only a glue point after min_words words ends it, and any mark
    before one means no link (_glued_promo)."""
    g = rules.glued
    first_glue = g.min_words - 1 if glue_only else 1  # the word a glue point may first be in
    for i, word in enumerate(WORD.finditer(text, at)):
        end: int = word.end()
        if i >= g.link_max_words or end - at > g.link_max_chars:
            return None
        if not glue_only and i:
            if end < len(text) and text[end] in _LINK_ENDS and not _inner_mark(text, end):
                while end < len(text) and (text[end] in _LINK_ENDS or text[end] in rules.closing_quotes):
                    end += 1
                return end
            if text[end:end + 1] in _QUOTES_SET and text[end + 1:end + 2] in _QUOTES_SET and (
                    WORD.match(text, end + 2) is not None):
                return end + 1  # a quote closed and the next opened with no space: "की 'सफ़र''मंज़िल' ..."
        glue = _glue_point(word.group(), rules, state) if i >= first_glue and not _quoted(text, word) else 0
        if glue:
            return end - len(word.group()) + glue
        if glue_only and end < len(text) and not text[end].isspace():
            return None
    return None


def _quoted(text: str, word: re.Match[str]) -> bool:
    """A quote touches the word: a quoted name ("क्या 'सफ़रनामा' से ..."), no glue point inside it (the
    paragraph's first word is not closed by a quote; the link's last word, quoted, is split from it by the
    quote)."""
    return text[word.start() - 1:word.start()] in _QUOTES_SET or text[word.end():word.end() + 1] in _QUOTES_SET


def _inner_mark(text: str, at: int) -> bool:
    """A full stop at `at` that ends no headline: inside a number ('2.5'), or one of a teaser's run of stops
    ('पुतिन.. इसी ...', 'क्या हुआ...': the teaser goes on)."""
    return text[at] == "." and (text[at + 1:at + 2].isdigit() or text[at + 1:at + 2] in _RUN_OF_STOPS)


def _glue_point(word: str, rules: Rules, state: _State) -> int:
    """Where, inside `word`, one word runs into the next with no space between ('कपूरख़ुद', 'cityThe'); 0 if
    nowhere. In a cased script: a lower-case letter, then a capital. In Devanagari: a word printed once on
    the page, which splits (between two letters, not after a virama) into a head and a tail that opens
    sentences ([glued] openers) or is printed on its own elsewhere on the page, three letters or more and no
    function word, after a head of three letters or more ('करना' is 'कर' and an ending 'ना', 'सरकार' is no 'सर'
    and 'कार', not glue points); or, where the language's word list lacks the word (flows/steps/lexicon.py),
    into a head and a tail of two letters or more that the list has, the tail no word that also ends compounds
    ([glued] compound_tails: 'हिम्मतवाला'): 'गिरावटबैंक' is 'गिरावट' and 'बैंक' even on a page that prints 'बैंक'
    nowhere else. A compound the page prints once ('मुख्यमंत्री') is taken for one only if the page prints
    'मंत्री' alone too, or the list lacks it (then the link ends early: its last words stay in the body, the
    story loses none). Not in Arabic script: its letters that do not join make any word look glued."""
    if _DEVANAGARI.match(word):
        words = _page_words(state)
        if words[word.casefold()] > 1:
            return 0
        unknown: bool | None = None  # whether the language's word list lacks the word: looked up when needed
        for k in _split_points(word):
            tail = word[k:]
            if tail in rules.glued.openers or (
                    k >= 3 and len(tail) >= 3 and tail not in _FUNCTION_WORDS and words[tail]):
                return k
            if _letters(tail) >= 2 and tail not in rules.glued.compound_tails and lexicon.knows(tail) and (
                    lexicon.knows(word[:k])):
                if unknown is None:
                    unknown = not lexicon.knows(word)
                if unknown:
                    return k
        return 0
    if _LATIN.match(word):
        return next((k for k in range(2, len(word) - 1) if word[k - 1].islower() and word[k].isupper()), 0)
    return 0


def _split_points(word: str) -> Iterator[int]:
    """Where a Devanagari word may be two run together: after its second character, before its last, between
    two letters (the tail opens on a letter, not a vowel sign) and not after a virama (a conjunct's half)."""
    return (k for k in range(2, len(word) - 1) if unicodedata.category(word[k]) == "Lo" and word[k - 1] != VIRAMA)


_letters = lexicon.letters  # how many letters a text holds, vowel signs and nuktas not counted


def _page_words(state: _State) -> Counter[str]:
    """The page's words, casefolded, with how often each is printed: counted once per page, when first needed."""
    if state.words is None:  # normalised as the lines are, so a word is counted in the spelling it is read in
        state.words = Counter(w.casefold() for line in state.page for w in WORD.findall(_normalise(line)))
    return state.words


def _may_glue(text: str) -> bool:
    """The cheap precheck: a glued headline ends in a '?' or '!', so a line without one holds none."""
    return any(mark in text for mark in _ASKS)


def _glued_headlines(text: str, rules: Rules) -> list[tuple[int, int]]:
    """(start, end) of each related headline glued to the text that follows it."""
    marks = [m.start() for m in _GLUED_ASK.finditer(text) if m.start() and not text[m.start() - 1].isspace()]
    if not marks:
        return []
    cuts: list[tuple[int, int]] = []
    for start in _glue_starts(text):
        if cuts and start < cuts[-1][1]:
            continue
        at = bisect.bisect_right(marks, start)
        if at == len(marks) or marks[at] - start > rules.glued.max_chars:
            continue  # no mark within a headline's reach
        end = _glue_end(text, start, marks[at], rules)
        if end is not None and len(text) - end >= rules.glued.rest_min_chars:
            cuts.append((start, end))
    return cuts


def _bare_glued_headline(text: str, rules: Rules) -> tuple[int, int] | None:
    """(0, where the paragraph's first word starts) when the line opens on a headline whose last word runs
    into a bare opener ('बाहरवहीं', 'cityThe'): headline-shaped (_headline_words), its last word no function
    word in a script without case ('थीउनके' is a space lost inside a sentence; 'nowThe' changes case, which no
    lost space does), and rest_min_chars of the paragraph after it."""
    g = rules.glued
    m = g.bare.search(text, 0, g.bare_end)
    if m is None or len(text) - m.start() < g.rest_min_chars:
        return None
    at = m.start()
    words = _headline_words(text, 0, at, rules)
    if words is None or (not words[-1][-1].islower() and words[-1].casefold() in _FUNCTION_WORDS):
        return None
    return 0, at


def _headline_words(text: str, start: int, at: int, rules: Rules) -> list[str] | None:
    """The words of text[start:at] when it is headline-shaped: min_words..max_words words, no sentence stop,
    not opening on a conjunction ([glued] cannot_start), its last word two letters or more."""
    g = rules.glued
    if _lone_stop(rules.sentence_end).search(text, start, at):
        return None  # a sentence ended in the run
    words: list[str] = WORD.findall(text, start, at)
    if not g.min_words <= len(words) <= g.max_words or len(words[-1]) < 2 or words[0].casefold() in g.cannot_start:
        return None
    return words


def _glue_starts(text: str) -> list[int]:
    """Where a headline may start: the text's start, and after a sentence stop (and its closing quotes)
    glued to the next letter with no space (not after a teaser's '...')."""
    starts = [0]
    for m in _GLUED_STOP.finditer(text):
        if text[m.start() - 1:m.start()] not in _RUN_OF_STOPS:
            starts.append(m.end())
    return starts


def _glue_end(text: str, start: int, at: int, rules: Rules) -> int | None:
    """Where the paragraph's next word starts when the run from `start` to the '?' or '!' at `at` is a
    headline (_headline_words) glued to it; not before a function word
    ('?के' is a stray mark) nor a word of a letter or two ('ا?غاز': a letter lost to a bad encoding)."""
    g = rules.glued
    if _headline_words(text, start, at, rules) is None:
        return None
    end = at
    while end < len(text) and (text[end] in _ASKS or text[end] in rules.closing_quotes):
        end += 1
    if _QUOTES_SET.intersection(text[start:at]) and not _QUOTE_OPENS.search(text[start:at]):
        return None  # a question quoted in a sentence ('उसने पूछा, "क्यों?"') is the sentence's
    nxt = WORD.match(text, end)
    if nxt is None:
        return None
    word = nxt.group().casefold()
    return end if word in g.openers or (len(word) >= 3 and word not in _FUNCTION_WORDS) else None


def _settle_headings(drafts: list[_Draft], rules: Rules) -> None:
    """A heading introduces body text or a table; short lines after the last of them are page furniture,
    except a field the story printed before (_field_label), and a list of figures (two or more short lines
    in a row, each holding an amount: 'چینی 145.50 روپے فی کلو', 'सोना 62,350 रुपये'), which is the story's (a
    price list or a tally printed without columns)."""
    last_body = max((i for i, d in enumerate(drafts) if d.kind in ("body", "table_row")), default=-1)
    run: list[_Draft] = []
    for draft in [*drafts[last_body + 1:], None]:
        if draft is not None and draft.kind == "heading" and _holds_amount(draft.text, rules):
            run.append(draft)
            continue
        if len(run) >= 2:
            for item in run:
                item.kind, item.rule = "body", "figure_list"
        run = []
    last_body = max((i for i, d in enumerate(drafts) if d.kind in ("body", "table_row")), default=-1)
    fields = {_field_label(d.text) for d in drafts[:last_body] if d.kind == "heading"} - {None}
    for draft in drafts[last_body + 1:]:
        if draft.kind == "heading" and not _speech(draft.text, rules) and _field_label(draft.text) not in fields:
            draft.kind, draft.rule = "boilerplate", "trailing_short_line"


# A field's label before its colon and value ('शुभ अंक: 5', 'Venue: Dubai').
_FIELD = re.compile(r"^([^:：]{1,30}?)\s*[:：]\s*\S")


def _field_label(line: str) -> str | None:
    """The label of a 'label: value' line, casefolded. A field the story printed before its last paragraph
    (a horoscope's 'शुभ अंक: 3' under each sign, a scorecard's 'Venue: ...') is the story's when it comes again
    after it: the last item's fields, not a footer."""
    m = _FIELD.match(line)
    return m.group(1).casefold() if m else None


# A quote of three words or more: an opening quote, words with two spaces between them, a closing quote.
_QUOTED_WORDS = re.compile(r"""["“”'‘’](?=[^"“”'‘’]*\s[^"“”'‘’]*\s)[^"“”'‘’]{5,}["“”'‘’]""")


def _speech(line: str, rules: Rules) -> bool:
    """Someone's words ('"हम यह चुनाव जीतेंगे" - मोदी', '“We will win,” he said'): a quote of three words or
    more, or a verb of saying ([fragments] SAID). A story may end on them; a page's footer does not."""
    return bool(_QUOTED_WORDS.search(line) or (rules.said is not None and rules.said.search(line)))


def _clock_time(word: str, rules: Rules) -> bool:
    """'10:30', '9.45', '23:59:00': clock-shaped and a possible time of day ('64.20' is a price)."""
    if not rules.table.clock_cell.match(word):
        return False
    hours, minutes = re.split(r"[:.]", word)[:2]
    return int(hours) <= 23 and int(minutes) <= 59


# A count printed without a thousands mark ('मेरठ - 1204', 'کراچی 15320') has up to this many digits; longer
# runs of digits in the lines after a story are phone numbers and PIN codes, not figures.
AMOUNT_MAX_DIGITS = 5
YEARS = range(1900, 2100)  # a four-digit number in this range is a year ('2024'), not an amount


def _holds_amount(line: str, rules: Rules) -> bool:
    """A word that is an amount: a number with a decimal or thousands mark, or of 2-5 digits ('145.50',
    '1,204', '45%', '1204'); not a year ('2024') or a clock time ('10:30'), which stamps and footers hold."""
    for word in line.split():
        if not rules.table.number_cell.match(word) or _clock_time(word, rules):
            continue
        if any(c in word for c in ",.٫٬%"):
            return True
        digits = "".join(c for c in word if c.isdigit())
        if 2 <= len(digits) <= AMOUNT_MAX_DIGITS and not (len(digits) == 4 and int(digits) in YEARS):
            return True
    return False


def find_dateline(paragraph: str, rules: Rules) -> str | None:
    """The place name that opens a paragraph ('सियोल: ...', 'NEW DELHI, March 5 (PTI) ...'), or None."""
    for rule in rules.datelines:
        match = rule.pattern.match(paragraph)
        if match is None or len(match["rest"].split()) < rules.dateline_min_rest_words:
            continue
        if _is_place(match["place"], rules):
            return _clean_place(match["place"].strip())
    return None


def _dateline_line_match(line: str, rules: Rules) -> tuple[str, str] | None:
    """(rule, place) of a line that is only a dateline ([dateline] line_patterns), else None. A credit before the
    place ('Rahul Sharma, New Delhi | July 14, 2020 5:30 PM IST') is a byline's (``dateline_stamp``); a line the
    place opens holds no name (provenance reads them apart)."""
    for rule in rules.dateline_lines:
        if rule.max_chars is not None and len(line) > rule.max_chars:
            continue
        match = rule.pattern.match(line)
        if match is not None and _is_place(match["place"], rules):
            return (rule.name if match.start("place") == 0 else "dateline_stamp"), match["place"].strip()
    return None


def _dateline_line(line: str, rules: Rules, state: _State) -> str | None:
    """The rule of a line that is only a dateline, its place taken as the article's dateline; else None."""
    hit = _dateline_line_match(line, rules)
    if hit is None:
        return None
    state.dateline = state.dateline or _clean_place(hit[1])
    return hit[0]


def _is_place(place: str, rules: Rules) -> bool:
    folded = place.strip().casefold()
    return folded not in rules.not_place_phrases and not any(w in rules.not_place_words for w in folded.split())


def _clean_place(place: str) -> str:
    words = place.split()
    deva = [w for w in words if _DEVANAGARI.search(w)]
    if deva and len(deva) < len(words):
        # 'Seoul सियोल': the same name twice; keep the one in the article's own script.
        return " ".join(deva)
    if _LATIN.search(place) and place.isupper():
        return place.title()  # 'NEW DELHI' -> 'New Delhi'
    return place


# A footer printed in brackets and split over lines ('...है.(बीबीसी हिन्दी के' / 'एंड्रॉएड ऐप के लिए...' /
# '...फ़ॉलो कर सकते हैं.)'): the page's trailing furniture closes a bracket that opened in the text above
# it. Everything from that bracket on is the footer, up to this many characters of text the rules had kept.
BRACKET_FOOTER_MAX_CHARS = 300
_FOOTER_RULE = "bracket_closed_by_footer"
_OPENABLE = frozenset({"body", "heading", "boilerplate"})


def close_footer_bracket(blocks: list[Block]) -> tuple[list[Block], dict[int, int]]:
    """Blocks with a bracketed footer's opening part made boilerplate, and old ordinal -> new ordinal.

    The page's trailing boilerplate (after its last other block) must hold a closing bracket it does not
    open; its opening bracket is searched backwards through body, heading and boilerplate blocks. The
    text from it to the trailing furniture becomes boilerplate (a block cut at the bracket keeps its head).
    Nothing changes if no body is left, or if the bracket is further up than BRACKET_FOOTER_MAX_CHARS."""
    same = {b.ordinal: b.ordinal for b in blocks}
    start = len(blocks)
    while start and blocks[start - 1].kind == "boilerplate":
        start -= 1
    if start in (0, len(blocks)):
        return blocks, same
    depth, kept, i, at = _unclosed(" ".join(b.text for b in blocks[start:])), 0, start, -1
    if depth <= 0:
        return blocks, same
    while at < 0 and i > 0:
        i -= 1
        b = blocks[i]
        if b.kind not in _OPENABLE:
            return blocks, same
        for pos in range(len(b.text) - 1, -1, -1):
            depth += {")": 1, "(": -1}.get(b.text[pos], 0)
            if depth == 0:
                at = pos
                break
        kept += len(b.text) - max(at, 0) if b.kind != "boilerplate" else 0
        if kept > BRACKET_FOOTER_MAX_CHARS:
            return blocks, same
    if at < 0:
        return blocks, same
    out: list[Block] = []
    moved: dict[int, int] = {}
    for j, b in enumerate(blocks):
        moved[b.ordinal] = len(out)
        if j == i and b.kind != "boilerplate" and b.text[:at].strip():
            out.append(replace(b, ordinal=len(out), text=b.text[:at].rstrip()))
            out.append(replace(b, ordinal=len(out), text=b.text[at:], kind="boilerplate", rule=_FOOTER_RULE))
        elif i <= j < start and b.kind != "boilerplate":
            out.append(replace(b, ordinal=len(out), kind="boilerplate", rule=_FOOTER_RULE))
        else:
            out.append(replace(b, ordinal=len(out)))
    if not any(b.kind == "body" for b in out):
        return blocks, same
    return out, moved


def _unclosed(text: str) -> int:
    """Closing brackets in text that it does not open."""
    depth = unmatched = 0
    for c in text:
        if c == "(":
            depth += 1
        elif c == ")":
            if depth:
                depth -= 1
            else:
                unmatched += 1
    return unmatched
