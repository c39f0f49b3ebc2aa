"""Who wrote an article, which agency sent it, when it was updated, and who took its pictures.

Pure functions over the segmenter's blocks. A credit is a POSITION, not a word: it is read only from
the byline and header stamps (metadata blocks), the dateline that opens the first body paragraph,
and a closing credit line. An agency named inside the story ('केसीएनए के मुताबिक', 'according to
Reuters') is a source, not a credit, and is never looked at. Names are looked up as the whole credit
(flows/rules/agencies.toml), so the word 'भाषा' in a sentence credits nobody.

Bad input gives NULL fields and a reason in `problems`, never an exception.
"""

from __future__ import annotations

import functools
import pathlib
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from flows.steps.normalize import parse_timestamp, published_at_problem
from flows.steps.records import Block
from flows.steps.spelling import WordSet

RULES_DIR = pathlib.Path(__file__).resolve().parent.parent / "rules"
_DIGIT = re.compile(r"\d")
_LATIN_WORD = re.compile(r"^[A-Za-z][A-Za-z.'’-]*$")
_SPACES = re.compile(r"\s+")
_EDGE = " \t|,;:：-–—()[]{}.।'\"“”‘’"


@dataclass(frozen=True)
class ProvenanceRules:
    agencies: dict[str, str]  # casefolded name -> code
    photo_agencies: dict[str, str]
    prefixes: tuple[str, ...]  # casefolded, longest first
    suffixes: tuple[str, ...]
    separators: re.Pattern[str]
    role: re.Pattern[str]  # a role label at the start of a segment
    role_inside: re.Pattern[str]  # a role label that starts a new segment inside a line
    skip: re.Pattern[str]
    honorifics: frozenset[str]
    name_particles: frozenset[str]  # lower-case words inside a Latin-script name ('del', 'de la' -> 'de', 'la')
    name_stops: frozenset[str]  # a name ends before one of these (casefolded, a final '.' dropped)
    name_months: frozenset[str]  # a name ends before one of these when a figure follows it
    role_nouns: frozenset[str]  # one-word role labels ('editor', 'संवाददाता'): a 'name' ending on one is a role
    desk_words: frozenset[str]
    site_suffixes: tuple[str, ...]
    updated: re.Pattern[str]  # an update label and what follows it
    published: re.Pattern[str]
    not_place_words: WordSet
    publishers: tuple[re.Pattern[str], ...]  # 'X نے ... کو شائع کیا': group `who`
    credit_max_chars: int
    max_authors: int
    name_max_words: int
    name_max_chars: int
    dateline_prefix_chars: int
    # agency_of's answers: credits repeat across a site's pages, and the lookup tries many label forms.
    known: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Provenance:
    authors: list[str] | None = None  # people, in printed order; None when no byline names one
    desk: str | None = None  # a non-person credit ('Web Desk', 'नवभारतटाइम्स.कॉम')
    agency: str | None = None  # a code from agencies.toml
    agency_evidence: str | None = None  # the credit text that decided it
    updated_at: datetime | None = None  # naive UTC
    updated_at_text: str | None = None
    problems: list[str] = field(default_factory=list)  # why a field found in the text was left NULL
    # block ordinal -> credit: each caption's, and each credit line printed with no caption (_credit_photos)
    caption_credits: dict[int, str] = field(default_factory=dict)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _alt(words: list[str] | tuple[str, ...] | frozenset[str]) -> str:
    return "(?:" + "|".join(re.escape(_nfc(w)) for w in sorted(words, key=len, reverse=True)) + ")"


def load_provenance_rules(path: pathlib.Path | None = None) -> ProvenanceRules:
    """The [provenance] tables of every rule file in `path` (default flows/rules/), merged in name order."""
    if path is None:  # the parser asks once per article: resolving the path each time was ~4% of parsing
        return _default_rules()
    return _load_cached(path.resolve())


@functools.cache
def _default_rules() -> ProvenanceRules:
    return _load_cached(RULES_DIR.resolve())


@functools.lru_cache(maxsize=4)
def _load_cached(path: pathlib.Path) -> ProvenanceRules:
    files = sorted(path.glob("*.toml")) if path.is_dir() else [path]
    merged: dict[str, Any] = {"agency": [], "photo_agency": []}
    # The segmenter's list of words no place name contains keeps 'केसीएनए के अनुसार, ...' from
    # passing for a dateline here too.
    not_place: list[str] = []
    for file in files:
        with file.open("rb") as fh:
            data = tomllib.load(fh)
        not_place.extend(data.get("dateline", {}).get("not_place_words", []))
        for key, value in data.get("provenance", {}).items():
            if isinstance(value, list):
                merged.setdefault(key, []).extend(value)
            else:
                merged.setdefault(key, {}).update(value)
    return _compile(merged, frozenset(not_place))


def _names(items: list[dict[str, Any]]) -> dict[str, str]:
    return {_nfc(n).strip(_EDGE).casefold(): str(item["code"]) for item in items for n in item["names"]}


def _compile(data: dict[str, Any], not_place: frozenset[str]) -> ProvenanceRules:
    credit, roles, desk, limits = data["credit"], data["roles"], data["desk"], data["limits"]
    stamps = data["stamps"]
    role_words = _alt(roles["labels"])
    upd, pub = _alt(stamps["updated"]), _alt(stamps["published"])
    every_label = _alt([*stamps["updated"], *stamps["published"]])
    # A label's value runs to the next label or '|'.
    value = rf"(?P<value>[^|]*?)(?=\s*\||\s+{every_label}\s*[:：]|\s+{role_words}\s*[:：]|$)"
    return ProvenanceRules(
        agencies=_names(data["agency"]),
        photo_agencies=_names(data["photo_agency"]),
        prefixes=tuple(sorted((_nfc(p).casefold() for p in credit["prefixes"]), key=len, reverse=True)),
        suffixes=tuple(sorted((_nfc(p).casefold() for p in credit["suffixes"]), key=len, reverse=True)),
        separators=re.compile("|".join(re.escape(s) for s in credit["separators"])),
        role=re.compile(rf"^\s*{role_words}(?:\s*[:：|,\-–—]\s*|\s+|\s*$)", re.IGNORECASE),
        role_inside=re.compile(rf"\s(?={_alt([r for r in roles['labels'] if ' ' in r])}\s*[:：]?\s)", re.IGNORECASE),
        skip=re.compile(rf"^\s*{_alt(roles['skip_labels'])}\s*[:：,]", re.IGNORECASE),
        honorifics=frozenset(_nfc(h).casefold().rstrip(".") for h in roles["honorifics"]),
        name_particles=frozenset(w for p in roles.get("name_particles", []) for w in p.casefold().split()),
        name_stops=frozenset(w.casefold() for w in roles.get("name_stops", [])),
        name_months=frozenset(w.casefold() for w in roles.get("name_months", [])),
        role_nouns=frozenset(_nfc(r).casefold() for r in roles["labels"] if " " not in r and r != "by"),
        desk_words=frozenset(_nfc(w).casefold() for w in desk["words"]),
        site_suffixes=tuple(s.casefold() for s in desk["site_suffixes"]),
        updated=re.compile(rf"(?:^|[\s|(\[])(?P<label>{upd})(?:\s*(?:on|at))?\s*[:：\-–—]?\s*{value}", re.IGNORECASE),
        published=re.compile(rf"(?:^|[\s|(\[])(?P<label>{pub})(?:\s*(?:on|at))?\s*[:：\-–—]?\s*{value}",
                             re.IGNORECASE),
        not_place_words=WordSet(not_place),
        publishers=tuple(re.compile(_nfc(p), re.IGNORECASE) for p in desk.get("publisher_patterns", [])),
        credit_max_chars=int(limits["credit_max_chars"]),
        max_authors=int(limits["max_authors"]),
        name_max_words=int(limits["name_max_words"]),
        name_max_chars=int(limits["name_max_chars"]),
        dateline_prefix_chars=int(limits["dateline_prefix_chars"]),
    )


# ------------------------------------------------------------------------------------------------
# Credits
# ------------------------------------------------------------------------------------------------


def _in_word(c: str) -> bool:
    return c.isalnum() or unicodedata.category(c).startswith("M")  # Indic vowel signs are marks


def _strip_labels(text: str, rules: ProvenanceRules) -> list[str]:
    """The credit, then every form of it with labels taken off the front or back ('(एजेंसी इनपुट के साथ)'
    -> 'एजेंसी इनपुट के साथ', 'एजेंसी', ...; 'इनपुट: भाषा' -> 'भाषा'): the lookup tries each."""
    first = _SPACES.sub(" ", _nfc(text).strip(_EDGE))
    forms, todo = [first] if first else [], [first] if first else []
    while todo and len(forms) < 16:
        t = todo.pop(0)
        folded = t.casefold()
        for p in rules.prefixes:
            if folded.startswith(p) and len(t) > len(p) and not _in_word(t[len(p)]):
                rest = t[len(p):].strip(_EDGE)
                if rest and rest not in forms:
                    forms.append(rest)
                    todo.append(rest)
        for s in rules.suffixes:
            if folded.endswith(s) and len(t) > len(s) and not _in_word(t[-len(s) - 1]):
                rest = t[: -len(s)].strip(_EDGE)
                if rest and rest not in forms:
                    forms.append(rest)
                    todo.append(rest)
    return forms


def agency_of(credit: str, rules: ProvenanceRules) -> str | None:
    """The agency code a credit names as a whole ('(भाषा)', 'इनपुट: पीटीआई', 'PTI, IANS' -> first), or None."""
    if credit in rules.known:
        return rules.known[credit]
    code = _agency_of(credit, rules)
    if len(rules.known) < 65536:
        rules.known[credit] = code
    return code


def _agency_of(credit: str, rules: ProvenanceRules) -> str | None:
    for text in _strip_labels(credit, rules):
        code = rules.agencies.get(text.casefold())
        if code is not None:
            return code
        parts = [p.strip(_EDGE) for p in rules.separators.split(text)]
        codes = [rules.agencies.get(p.casefold()) for p in parts if p]
        if len(codes) > 1 and all(c is not None for c in codes):
            return codes[0]
        spaced = _run_of_agencies(text.casefold().split(), rules)
        if spaced is not None:
            return spaced
    return None


def _run_of_agencies(words: list[str], rules: ProvenanceRules) -> str | None:
    """The first code when the words are nothing but agency names one after another ('آئی این پی شِنہوا')."""
    codes: list[str] = []
    i = 0
    while i < len(words):
        for j in range(len(words), i, -1):
            code = rules.agencies.get(" ".join(words[i:j]))
            if code is not None:
                codes.append(code)
                i = j
                break
        else:
            return None
    return codes[0] if len(codes) > 1 else None


# A site's or desk's initials alone ('TNN', 'HT', 'TOI'): no person is printed so; agencies are found first.
_INITIALS = re.compile(r"[A-Z]{2,6}")


def _is_desk(text: str, rules: ProvenanceRules) -> bool:
    """A credit that names a desk or the site, not a person: a desk word ('Web Desk', 'हिन्दुस्तान टीम'), a web
    address ('ABPLive.com') or initials. No site is named in the rules: a site's name alone is no one's."""
    if text.casefold().endswith(rules.site_suffixes) or _INITIALS.fullmatch(text):
        return True
    return _desk_word(text, rules)


def _desk_word(text: str, rules: ProvenanceRules) -> bool:
    """Whether the text holds a desk word ('टीम', 'डेस्क', 'Bureau', 'ڈیسک')."""
    folded = text.casefold()
    if any(w in rules.desk_words for w in folded.split()):
        return True
    # Outside Latin script words run together in print ('نیو زڈیسک'): a desk word inside one counts.
    return any(not w.isascii() and len(w) > 2 and w in folded for w in rules.desk_words)


def _name_words(words: list[str], rules: ProvenanceRules) -> list[str]:
    """The words up to where a name ends and a stamp or handle begins (name_stops, name_months)."""
    for i, word in enumerate(words):
        folded = word.casefold().rstrip(".,")
        if folded in rules.name_stops or word.startswith("@"):
            return words[:i]  # 'Bryan Walsh Tuesday', 'Samit Sarkar on Jun 30', 'Griffin McElroy @griffinmcelroy'
        if folded in rules.name_months and i + 1 < len(words) and _DIGIT.search(words[i + 1]):
            return words[:i]  # 'Marguerite Reardon August 18, 2010'
        figure = _DIGIT.search(word)
        if figure is not None:
            head = word[:figure.start()]
            return [*words[:i], head] if head[:1].isalpha() and i else words[:i]  # 'Seth Fiegerman2014-01-26'
    return words


def _person(text: str, rules: ProvenanceRules) -> str | None:
    """A person's name, honorific dropped, or None when the text cannot be one."""
    words = [w for w in _SPACES.split(text.strip(_EDGE)) if w]
    while words and words[0].casefold().rstrip(".") in rules.honorifics:
        words = words[1:]
    words = _name_words(words, rules)
    name = " ".join(words)
    if not words or len(words) > rules.name_max_words or len(name) > rules.name_max_chars or _DIGIT.search(name):
        return None
    if any(w in rules.not_place_words for w in words if not _LATIN_WORD.match(w)):
        return None  # a Devanagari sentence, not a name
    if words[-1].casefold().rstrip(".") in rules.role_nouns or words[-1].casefold().rstrip("s") in rules.role_nouns:
        return None  # a role, no name: 'On-Air Stocks Editor', "World's Editorial Writers"
    latin = [w for w in words if _LATIN_WORD.match(w)]
    inner = latin[1:-1]
    if latin and (len(latin) != len(words) or not all(
            w[0].isupper() or (w in inner and w in rules.name_particles) for w in latin)):
        return None  # 'the way', or Latin words mixed into a Devanagari phrase ('del', 'de la' inside a name)
    if not all(any(c.isalpha() for c in w) for w in words):
        return None
    return name


@dataclass
class _Found:
    authors: list[str] = field(default_factory=list)
    desk: str | None = None
    agency: str | None = None
    evidence: str | None = None
    problems: list[str] = field(default_factory=list)

    def credit(self, code: str, evidence: str) -> None:
        if self.agency is None:
            self.agency, self.evidence = code, evidence

    def add_desk(self, text: str) -> None:
        self.desk = self.desk or text

    def take(self, kind: str, value: str, evidence: str) -> None:
        """A dateline's credit: an agency's code, or a desk; a 'dated' one credits no one."""
        if kind == "agency":
            self.credit(value, evidence)
        elif kind == "desk":
            self.add_desk(value)


def read_credit_line(line: str, rules: ProvenanceRules, found: _Found | None = None,
                     outlets: tuple[str, ...] = ()) -> _Found:
    """Authors, desk and agency of one byline or header stamp line ('Edited By X | site | Updated: ...').
    `outlets`: the source's own names as the furniture stage learned them from its credits (longest
    first; templates.Learned.credits): 'Ankit Ojha लाइव हिन्दुस्तान, नई दिल्ली' is a writer, then the site."""
    found = found or _Found()
    if len(line) > rules.credit_max_chars:
        found.problems.append("byline_too_long")
        return found
    if rules.skip.match(line):
        return found
    line = rules.updated.sub(" | ", line)
    line = rules.published.sub(lambda m: m.group(0) if rules.role.match(m.group(0).strip(" |([")) else " | ", line)
    pieces = [p for segment in _SEGMENTS.split(line) for p in rules.role_inside.split(segment)]
    for n, piece in enumerate(p.strip(_EDGE) for p in pieces if p.strip(_EDGE)):
        _read_segment(piece, rules, found, first=n == 0, outlets=outlets)
    return found


_SEGMENTS = re.compile(r"\||\s/\s")
_COMMA = re.compile("[,،]")  # Urdu's comma as well


def _read_segment(segment: str, rules: ProvenanceRules, found: _Found, *, first: bool,
                  outlets: tuple[str, ...] = ()) -> None:
    if not segment:
        return
    labelled = rules.role.match(segment)
    text = segment[labelled.end():].strip(_EDGE) if labelled else segment
    if not text:
        return
    code = agency_of(text, rules)
    if code is not None:
        found.credit(code, segment)
        return
    parts = _COMMA.split(text, maxsplit=1)
    head = parts[0].strip(_EDGE)  # what precedes a place ('जागरण संवाददाता, लखनऊ')
    tail = parts[1].strip(_EDGE + "،") if len(parts) > 1 else ""
    if not labelled and 0 < len(tail.split()) <= 4 and not _COMMA.search(tail) and _desk_word(tail, rules):
        # 'पटना, हिन्दुस्तान टीम', 'لاہور، ویب ڈیسک': a place, then its desk (segment's dateline_line reads them
        # so). A name before a bare outlet ('Ankit Ojha, लाइव हिन्दुस्तान') stays a name.
        found.add_desk(tail)
        return
    split = _split_learned_outlet(head, outlets)
    if split is not None:
        # 'Ankit Ojha लाइव हिन्दुस्तान, नई दिल्ली': a writer, then the site's own name as learned, then the place.
        writer, site = split
        found.add_desk(site)
        if writer:
            _add_names(writer, rules, found, labelled=True)
        return
    if _is_desk(head, rules):
        found.add_desk(head)  # 'जागरण संवाददाता, लखनऊ', 'مانیٹرنگ ڈیسک، اسلام آباد': the place is not kept here
        return
    if labelled or first:  # an unlabelled part after the first is a place ('By PTI | New Delhi')
        _add_names(text, rules, found, labelled=labelled is not None)


_AND = re.compile(r"\s+(?:and|&|और|एवं|व|اور)\s+|\s*[;&]\s*", re.IGNORECASE)


def _split_learned_outlet(head: str, outlets: tuple[str, ...]) -> tuple[str, str] | None:
    """(what comes before, the outlet as printed) when the credit ends with a learned outlet (the longest),
    as a whole word or more; else None."""
    folded = head.casefold()
    for outlet in outlets:
        at = len(head) - len(outlet)
        if folded.endswith(outlet.casefold()) and (at == 0 or folded[at - 1].isspace()):
            return head[:at], head[at:]
    return None


# An unlabelled credit of more words than this is a name and something else: 'सुनील कुमार समाचार दर्पण' (a
# writer, then a site no rule names, until the furniture stage learns it).
UNLABELLED_NAME_MAX_WORDS = 3


def _add_names(text: str, rules: ProvenanceRules, found: _Found, *, labelled: bool) -> None:
    # Commas separate names only in a list joined by 'and' ('A, B and C'); otherwise what follows the
    # first comma is a place or a role ('Rahul Sharma, New Delhi').
    listed = _AND.search(text) is not None
    parts = [p for chunk in _AND.split(text) for p in (_COMMA.split(chunk) if listed else _COMMA.split(chunk)[:1])]
    names = []
    for part in parts:
        if not part.strip(_EDGE):
            continue
        if agency_of(part, rules) is not None or _is_desk(part.strip(_EDGE), rules):
            continue
        name = _person(part, rules)
        if name is not None and not labelled and len(name.split()) > UNLABELLED_NAME_MAX_WORDS:
            name = None
        if name is None:
            if labelled:
                found.problems.append("byline_not_a_name")
            return
        names.append(name)
    found.authors.extend(n for n in names if n not in found.authors)


def dateline_credit(paragraph: str, rules: ProvenanceRules) -> tuple[str, str, str] | None:
    """('agency', code, evidence) or ('desk', name, evidence) from the credit printed in the dateline
    that opens a paragraph: 'मथुरा, तीन मई (भाषा) ...', 'WASHINGTON (AP) — ...', 'नई दिल्ली, एजेंसी । ...',
    'کراچی ( آن لائن ) ...'; 'لاہور (ویب ڈیسک) ...' is a desk. ('dated', credit, evidence) when the bracket
    holds a name and a date with its year ('سٹٹگارٹ (<site> 03 دسمبر2018ء) ...', 'लखनऊ (<site> 10 जून 2020)'):
    a dateline whatever the site is called, which no rule names, so it credits no desk."""
    head = paragraph[: rules.dateline_prefix_chars]
    bracket, comma = "(" in head or "[" in head, "," in head
    for pattern in (_BRACKETED, _COMMA_CREDIT):
        if not (bracket if pattern is _BRACKETED else comma):
            continue  # most paragraphs open with neither: skip the regexes' backtracking
        m = pattern.match(head)
        if m is None:
            continue
        words = m["place"].casefold().replace(",", " ").split()
        if not words or len(words) > 6 or any(w in rules.not_place_words for w in words):
            continue
        rest = paragraph[m.end():].split()
        if len(rest) < 3 or rest[0].casefold() in _POSTPOSITIONS:
            continue  # 'समाचार एजेंसी (एपी) के मुताबिक': the agency is the subject of the sentence
        credit = _SPACES.sub(" ", m["credit"]).strip(_EDGE)
        evidence = m.group(0).strip()
        code = agency_of(credit, rules)
        if code is not None:
            return "agency", code, evidence
        if pattern is not _BRACKETED:
            continue
        desk = _credit_desk(credit, rules)
        if desk is not None:
            return "desk", desk, evidence
        if _NAME_AND_DATE.match(credit):
            return "dated", credit, evidence
    return None


def _credit_desk(credit: str, rules: ProvenanceRules) -> str | None:
    """The desk a dateline's credit names: the credit as printed when it is one ('हिन्दुस्तान टीम', 'ویب
    ڈیسک', 'अमर उजाला ब्यूरो', 'ڈیلی پاکستان آن لائن', as a byline gives it). Initials in a dateline's bracket
    are the place's state ('लखनऊ (UP)'), not a desk."""
    if _INITIALS.fullmatch(credit) or len(credit.split()) > 4:
        return None
    return credit if _is_desk(credit, rules) else None


_BRACKETED = re.compile(r"^(?P<place>[^()\[\]\d।|:]{1,60}?(?:(?:,\s*|\s+)[^()\[\]|:]{1,30}?)?)"
                        r"\s*[(\[]\s*(?P<credit>[^()\[\]]{1,60}?)\s*[)\]]\s*[:,।|—–-]*")
_COMMA_CREDIT = re.compile(r"^(?P<place>[^()\[\]\d,।|:]{1,40}?)\s*,\s*(?P<credit>[^()\[\],।|:]{1,30}?)\s*[।:|—–-]+")
# A credit that is a name of two words or more, then a date ending in its year: '<site> 03 دسمبر2018ء', '<site>,
# June 10, 2020'. One word before a date is a birth or a death ('(जन्म 17 सितंबर 1950)', '(born 5 May 1970)').
_NAME_AND_DATE = re.compile(r"^[^\W\d_][^\d\s:]*(?:\s+[^\d\s:]+)+?[\s,]*"  # two words or more, no digit
                            r"(?:\d{1,2}\s*[^\d\s,]{2,12}|[^\d\s,]{2,12}\s+\d{1,2})\s*,?\s*(?:19|20)\d\d\S?$")
_POSTPOSITIONS = frozenset({"के", "की", "का", "ने", "से", "को", "में", "said", "says", "of", "reported", "'s",
                            "کے", "کی", "نے"})
_LAST_BRACKET = re.compile(r"[(\[]\s*(?P<credit>[^()\[\]]{1,60}?)\s*[)\]][^()\[\]]*$")


def dateline_line_credit(line: str, rules: ProvenanceRules) -> tuple[str, str] | None:
    """('agency', code) or ('desk', name) from a line that is only a dateline, its place first: 'नई दिल्ली,
    एजेंसी', 'पटना, हिन्दुस्तान टीम', 'नई दिल्ली (भाषा)', 'नई दिल्ली, 5 मार्च (भाषा)'. The credit is its bracket,
    or what follows the place's comma; one holding a figure is a date. The place is no author."""
    bracket = _LAST_BRACKET.search(line)
    credit = bracket["credit"] if bracket else line.partition(",")[2]
    credit = credit.strip(_EDGE)
    if not credit or any(c.isdigit() for c in credit):
        return None
    code = agency_of(credit, rules)
    if code is not None:
        return "agency", code
    desk = _credit_desk(credit, rules)
    return ("desk", desk) if desk is not None else None


# A closing credit line or the tail of the last paragraph: '— Reuters', '(भाषा)', '(एजेंसी इनपुट के साथ)'.
_TAIL = re.compile(r"(?:[(\[]\s*(?P<b>[^()\[\]]{1,60}?)\s*[)\]]|[—–]\s*(?P<d>[^—–()]{1,40}?))\s*[.।]?\s*$")


def closing_credit(text: str, rules: ProvenanceRules, *, whole_line: bool) -> tuple[str, str] | None:
    """(agency code, evidence) from a closing credit: a whole line ('इनपुट: भाषा') or a paragraph's
    bracketed or dashed tail ('... said. — Reuters', '... कहा। (भाषा)')."""
    if whole_line and len(text) <= rules.credit_max_chars:
        code = agency_of(text, rules)
        if code is not None:
            return code, text
    m = _TAIL.search(text[-80:])  # a credit closes the paragraph: only its end is read
    if m is None:
        return None
    code = agency_of(m["b"] or m["d"] or "", rules)
    return (code, m.group(0).strip()) if code is not None else None


# ------------------------------------------------------------------------------------------------
# Update stamps and captions
# ------------------------------------------------------------------------------------------------


def update_stamps(line: str, rules: ProvenanceRules) -> list[str]:
    """The text after each update label of a line ('Updated: 5 Apr 2021, 10:15 AM IST')."""
    return [m["value"].strip() for m in rules.updated.finditer(line)]


def _file_photo(text: str) -> bool:
    folded = text.casefold()
    return any(w in folded for w in ("file photo", "file image", "file pic", "फाइल फोटो", "फ़ाइल फ़ोटो", "फाइल फ़ोटो",
                                     "फ़ाइल फोटो", "फाइल तस्वीर", "فائل فوٹو"))


_CAPTION_CREDIT = (
    re.compile(r"^(?:تصویر کے کاپی رائٹ|image copyright)\s+(?P<c>.+?)(?:\s+image caption\s.*)?$", re.IGNORECASE),
    re.compile(r"[(\[](?P<c>[^()\[\]]{1,80})[)\]]\s*[.।]?\s*$"),
    re.compile(r"(?:photo|image|pic(?:ture)?|फ़?ोटो|तस्वीर|इमेज)s?\s*(?:credits?|courtesy|source|साभार|सौजन्य|क्रेडिट|स्रोत)?"
               r"\s*[:：\-–—]\s*(?P<c>[^:|]{1,60})$", re.IGNORECASE),
    re.compile(r"/\s*(?P<c>[^/]{1,40})$"),
)
# A picture word after an agency's name ('AP Photo', 'Reuters images', 'شٹر اسٹاک فوٹو').
_PHOTO_WORD_AFTER = re.compile(r"\s+(?:photos?|images?|pics?|फ़?ोटो|तस्वीर|فوٹو|تصویر)$", re.IGNORECASE)
# Label words in front of a credit ('फोटो: सोशल मीडिया', 'Photo Credit: PTI', 'via AP').
_CREDIT_LABEL = re.compile(r"^(?:(?:photo|image|pic(?:ture)?|फ़?ोटो|तस्वीर|इमेज|credits?|courtesy|source|साभार|सौजन्य|"
                           r"क्रेडिट|स्रोत|via|के माध्यम से)\s*[:：]?\s*)+", re.IGNORECASE)


def caption_credit(text: str, rules: ProvenanceRules) -> str | None:
    """A caption's credit, normalised: an agency code, a photo agency code, 'file photo', or the credit as
    printed ('Huw Evans picture agency'); None when it names none."""
    for pattern in _CAPTION_CREDIT:
        m = pattern.search(text)
        if m is None:
            continue
        code = _credit_code(m["c"], rules)
        if code is not None:
            return code
    return "file photo" if _file_photo(text) else None


def photo_credit(text: str, rules: ProvenanceRules) -> str | None:
    """The credit of a line that is a photo's credit and nothing else (segment's furniture.photo_credit:
    'Getty Images', 'تصویر کے کاپی رائٹ AFP', '- फोटो : सोशल मीडिया', '(एपी)'), normalised as caption_credit."""
    return caption_credit(text, rules) or _credit_code(text, rules)


def _credit_code(printed: str, rules: ProvenanceRules) -> str | None:
    printed = _CREDIT_LABEL.sub("", _SPACES.sub(" ", printed).strip(_EDGE)).strip(_EDGE)
    if not printed:
        return None
    if _file_photo(printed):
        return "file photo"
    named = _PHOTO_WORD_AFTER.sub("", printed)  # 'AP Photo', 'شٹر اسٹاک فوٹو': the agency's name
    code = agency_of(named, rules) or rules.photo_agencies.get(named.casefold())
    if code is None:
        # 'AFP/Getty Images', 'AP Photo': the first named agency; the unnamed 'agency' is a word here.
        for word in re.split(r"[\s/,]+", printed):
            code = rules.photo_agencies.get(word.casefold()) or agency_of(word, rules)
            if code == "agency":
                code = None
            if code is not None:
                break
    return code or printed


def _credit_photos(blocks: list[Block], rules: ProvenanceRules) -> dict[int, str]:
    """Each photo's credit, by the ordinal of its caption block: a caption's own credit, else the credit
    printed alone on the line right under or right over it ('- फोटो : पीटीआई' under the caption, BBC's
    'इमेज स्रोत,Getty Images' over it). A credit line with no caption beside it is a photo printed without
    one ('تصویر کے کاپی رائٹ Getty Images'): it is credited under its own ordinal."""
    credits: dict[int, str] = {}
    alone: int | None = None  # the last block, when it was a credit line not yet given to a caption
    for i, b in enumerate(blocks):
        if b.kind == "caption":
            credit = caption_credit(b.text, rules)
            if credit is None and alone is not None:
                credit = credits.pop(alone)  # the credit printed over this caption
            if credit is not None:
                credits[b.ordinal] = credit
            alone = None
            continue
        if b.kind == "boilerplate" and b.rule == "furniture.photo_credit":
            credit = photo_credit(b.text, rules)
            under = i > 0 and blocks[i - 1].kind == "caption" and blocks[i - 1].ordinal not in credits
            alone = None
            if credit is not None and under:
                credits[blocks[i - 1].ordinal] = credit  # the credit printed under its caption
            elif credit is not None:
                credits[b.ordinal] = credit
                alone = b.ordinal
            continue
        alone = None
    return credits


# ------------------------------------------------------------------------------------------------
# The article
# ------------------------------------------------------------------------------------------------


# Metadata that credits nobody: a section label or a kicker, a byline's place on its own line, a short line
# between the headline and the story (segment's header_line: a kicker and a name have one shape), a read time,
# the place of a dateline glued after the headline (segment's title_dateline: a bare place name would read
# as an author's name line).
_NOT_CREDITS = frozenset({"section_line", "kicker", "credit_place", "header_line", "metadata.read_time",
                          "title_dateline"})


def extract(blocks: list[Block], rules: ProvenanceRules, default_zone: str,
            now: datetime | None = None, outlets: tuple[str, ...] = ()) -> Provenance:
    """The provenance of one article from its classified blocks (see the module docstring); `outlets`:
    the source's own names learned from its credits (read_credit_line)."""
    if now is None:
        now = datetime.now(UTC).replace(tzinfo=None)
    found = _Found()
    body = [i for i, b in enumerate(blocks) if b.kind in ("body", "heading", "table_row")]
    first_body = body[0] if body else len(blocks)
    last_body = body[-1] if body else -1
    updated: list[tuple[datetime, str]] = []
    for i, b in enumerate(blocks):
        if b.kind != "metadata" or b.rule in _NOT_CREDITS:
            continue
        for value in update_stamps(b.text, rules):
            _add_update(value, default_zone, now, updated, found)
        if b.rule == "dateline_line":
            hit = dateline_line_credit(b.text, rules)
            if hit is not None:
                found.take(*hit, b.text)
        elif i < first_body or b.rule == "metadata.agency_credit" or (
                b.rule == "metadata.byline" and not found.authors):
            # A byline below the story's start once the header's byline named its writers is another story's:
            # a related story's, listed under the story with its own byline.
            read_credit_line(b.text, rules, found, outlets)
            _publisher(b.text, rules, found)
        elif i > last_body:
            hit = closing_credit(b.text, rules, whole_line=True)
            if hit is not None:
                found.credit(*hit)
    title = next((b for b in blocks[:first_body] if b.kind == "title"), None)
    # The story opens with the first body paragraph, or with a standfirst the segmenter took for a
    # summary, or (scraped pages without a headline) with the line it took for the title.
    openings = [b for b in blocks[: first_body + 1] if b.kind in ("standfirst", "body")][:2]
    # A publisher stamp heads the page: as its title, or as a short first line the segmenter took for
    # the story's start (a line ending in a full stop).
    for b in [*([title] if title is not None else []), *openings[:1]]:
        if len(b.text) <= rules.credit_max_chars:
            _publisher(b.text, rules, found)
    for opening in [*openings, *([title] if title is not None else [])]:
        dateline = dateline_credit(opening.text, rules)
        if dateline is not None:
            found.take(*dateline)
            break
    if found.agency is None and body:
        # A closing credit: the last paragraph's tail, or a short line right under it (the segmenter
        # calls '— Reuters' a trailing short line).
        tail = [b for b in blocks[last_body + 1: last_body + 4] if b.kind in ("boilerplate", "heading", "body")]
        hits = [closing_credit(b.text, rules, whole_line=True) for b in tail]
        if blocks[last_body].kind == "body":
            hits.insert(0, closing_credit(blocks[last_body].text, rules, whole_line=len(body) > 1))
        hit = next((h for h in hits if h is not None), None)
        if hit is not None:
            found.credit(*hit)
    if not body and (found.agency or found.authors or found.desk):
        # The credit is all there is (the parser rejects such a page): nothing to credit it with.
        found = _Found(problems=[*found.problems, "credit_without_story"])
    authors: list[str] | None = found.authors or None
    if authors is not None and len(authors) > rules.max_authors:
        found.problems.append("too_many_names")
        authors = None
    latest = max(updated, default=None)
    return Provenance(
        authors=authors,
        desk=found.desk,
        agency=found.agency,
        agency_evidence=found.evidence,
        updated_at=latest[0] if latest else None,
        updated_at_text=latest[1] if latest else None,
        problems=sorted(set(found.problems)),
        caption_credits=_credit_photos(blocks, rules),
    )


def _publisher(line: str, rules: ProvenanceRules, found: _Found) -> None:
    for pattern in rules.publishers:
        m = pattern.search(line)
        if m is not None:
            who = m["who"].strip(_EDGE)
            name = _person(who, rules)
            if name is not None and not _is_desk(who, rules):
                found.authors.append(name)
            else:
                found.add_desk(who)
            return


def _add_update(value: str, default_zone: str, now: datetime, updated: list[tuple[datetime, str]],
                found: _Found) -> None:
    parsed = parse_timestamp(value, default_zone, now) if value else None
    if parsed is None:
        found.problems.append("updated_at_unreadable")
        return
    problem = published_at_problem(parsed.utc, now)
    if problem is not None:
        found.problems.append(f"updated_at_{problem}")
        return
    updated.append((parsed.utc, parsed.source_text))
